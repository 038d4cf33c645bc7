//! Applying a checked plan to one source row: the contract rows it makes, or every
//! reason it cannot be imported.

use super::cell::{Cell, iso_datetime};
use super::dates::read_cell;
use super::geocode::Lookup;
use super::mapping::{ColumnKind, Input, Plan, Rule};
use crate::ingest::Reason;
use chrono::Datelike;
use std::collections::BTreeMap;

/// The lookups an import geocodes with.
#[derive(Debug, Default)]
pub struct Lookups {
    /// Postcodes.
    pub postcodes: Option<Lookup>,
    /// UPRNs.
    pub uprns: Option<Lookup>,
}

/// One contract row: column → value (empty = not given).
pub type OutRow = BTreeMap<String, String>;

/// What one source row made.
#[derive(Debug, Default)]
pub struct Applied {
    /// The contract rows (none when every wide entry of the row is empty).
    pub rows: Vec<OutRow>,
    /// Things worth knowing, such as a terminated postcode that still geocoded.
    pub notes: Vec<String>,
}

/// Applies `plan` to a row's cells.
///
/// # Errors
/// Every problem in the row, each naming the contract column, the source column and the
/// value, and saying how to fix it.
pub fn apply(plan: &Plan, cells: &[Cell], lookups: &Lookups) -> Result<Applied, Vec<Reason>> {
    let mut out = Applied::default();
    let mut problems = Vec::new();
    let entries: Vec<&[Rule]> = if plan.each.is_empty() {
        vec![&[]]
    } else {
        plan.each.iter().map(Vec::as_slice).collect()
    };
    for entry in entries {
        if !plan.each.is_empty() && entry.iter().all(|r| is_blank(r, cells)) {
            continue;
        }
        let mut row = OutRow::new();
        let mut position = None;
        for rule in plan.common.iter().chain(entry) {
            match value(rule, cells, plan.decimal_comma) {
                Ok(Value::Text(v)) => {
                    row.insert(rule.target.clone(), v);
                }
                Ok(Value::Keyword(v, basis)) => {
                    row.insert(rule.target.clone(), v);
                    row.insert(format!("{}_basis", rule.target), basis);
                }
                Ok(Value::Place(None)) => {}
                Ok(Value::Place(Some(key))) => match geocode(rule, &key, lookups) {
                    Ok((at, note)) => {
                        out.notes.extend(note);
                        position.get_or_insert(at);
                    }
                    Err(reason) => problems.push(reason),
                },
                Err((problem, e)) => problems.push(Reason::column(&rule.target, problem, e)),
            }
        }
        if let Some(at) = position {
            fill_position(&mut row, at);
        }
        out.rows.push(row);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.dedup();
        Err(problems)
    }
}

/// Geocodes a postcode or UPRN `key` with the rule's lookup: its position (easting,
/// northing, metres) and, for a terminated postcode, a note saying so.
///
/// # Errors
/// The reason when there is no lookup for the rule's kind, or the key is not in it.
fn geocode(
    rule: &Rule,
    key: &str,
    lookups: &Lookups,
) -> Result<((f64, f64), Option<String>), Reason> {
    let postcode = rule.kind == ColumnKind::Postcode;
    let lookup = if postcode {
        lookups.postcodes.as_ref()
    } else {
        lookups.uprns.as_ref()
    };
    let Some(l) = lookup else {
        return Err(Reason::column(
            &rule.target,
            "no lookup",
            format!(
                "'{key}' cannot be geocoded without a lookup: pass {}",
                if postcode {
                    "--postcodes FILE"
                } else {
                    "--uprns FILE"
                }
            ),
        ));
    };
    match l.find(key) {
        Ok(p) => {
            let note = p.terminated.as_ref().map(|t| {
                let shown =
                    super::geocode::normalise_postcode(key).unwrap_or_else(|| key.to_string());
                format!("postcode {shown} was terminated ({t}); geocoded to its last position")
            });
            Ok(((p.easting, p.northing), note))
        }
        Err(e) => Err(Reason::column(
            &rule.target,
            if postcode {
                "unknown postcode"
            } else {
                "unknown UPRN"
            },
            e,
        )),
    }
}

/// Writes the geocoded position `at` (easting, northing, metres) into `row`, unless
/// the row already gives its coordinates (easting and northing, or lat and lon).
fn fill_position(row: &mut OutRow, at: (f64, f64)) {
    let (e, n) = at;
    let given = |c: &str| row.get(c).is_some_and(|v| !v.is_empty());
    if !(given("easting") && given("northing") || given("lat") && given("lon")) {
        row.insert("easting".into(), format!("{e:.1}"));
        row.insert("northing".into(), format!("{n:.1}"));
    }
}

fn is_blank(rule: &Rule, cells: &[Cell]) -> bool {
    match &rule.input {
        Input::Constant(_) => true,
        Input::Column(c, _) => cells.get(*c).is_none_or(Cell::is_blank),
        Input::Keywords(cols, _) => cols
            .iter()
            .all(|(c, _)| cells.get(*c).is_none_or(Cell::is_blank)),
    }
}

enum Value {
    Text(String),
    Keyword(String, String),
    /// A postcode or UPRN to look up (`None`: none given).
    Place(Option<String>),
}

/// A problem's short label (for top reasons) and its sentence.
type Problem = (&'static str, String);

fn value(rule: &Rule, cells: &[Cell], decimal_comma: bool) -> Result<Value, Problem> {
    let empty = Cell::Empty;
    let (cell, source) = match &rule.input {
        Input::Constant(v) => return Ok(Value::Text(v.clone())),
        Input::Keywords(cols, list) => {
            let texts: Vec<(String, String)> = cols
                .iter()
                .map(|(c, name)| {
                    (
                        name.clone(),
                        cells.get(*c).map(Cell::text).unwrap_or_default(),
                    )
                })
                .collect();
            return Ok(
                match list.find(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
                    Some(m) => Value::Keyword(m.value, format!("'{}' in {}", m.keyword, m.column)),
                    None => Value::Keyword(rule.default.clone().unwrap_or_default(), String::new()),
                },
            );
        }
        Input::Column(c, name) => (cells.get(*c).unwrap_or(&empty), name.as_str()),
    };
    if cell.is_blank() {
        return Ok(match rule.kind {
            ColumnKind::Postcode | ColumnKind::Uprn => Value::Place(None),
            _ => Value::Text(rule.default.clone().unwrap_or_default()),
        });
    }
    let text = cell.text().trim().to_string();
    Ok(match rule.kind {
        ColumnKind::Postcode | ColumnKind::Uprn => Value::Place(Some(text)),
        ColumnKind::DateTime => Value::Text(iso_datetime(
            read(cell, rule, source).map_err(|e| ("unreadable date", e))?,
        )),
        ColumnKind::Date => Value::Text(
            read(cell, rule, source)
                .map_err(|e| ("unreadable date", e))?
                .date()
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ColumnKind::BirthYear => Value::Text(
            birth_year(cell, rule, source).map_err(|e| ("unreadable date of birth", e))?,
        ),
        ColumnKind::Number => {
            Value::Text(number(&text, decimal_comma, source).map_err(|e| ("not a number", e))?)
        }
        ColumnKind::Text | ColumnKind::OwnId | ColumnKind::Reference => {
            let mapped = match &rule.values {
                None => text,
                Some(map) => match map.get(&text) {
                    Some(v) => v.to_string(),
                    None => match &rule.default {
                        Some(d) => d.clone(),
                        None => {
                            return Err((
                                "unmapped value",
                                format!(
                                    "'{text}' in '{source}' has no mapping; add \"{text}\" = \"…\" to its values, or a default"
                                ),
                            ));
                        }
                    },
                },
            };
            if mapped.is_empty() || rule.prefix.is_empty() {
                Value::Text(mapped)
            } else {
                Value::Text(format!("{}{mapped}", rule.prefix))
            }
        }
    })
}

fn read(cell: &Cell, rule: &Rule, source: &str) -> Result<chrono::NaiveDateTime, String> {
    read_cell(cell, &rule.formats).map_err(|e| format!("{e} (column '{source}')"))
}

/// A year of birth. A date of birth keeps its year only (data minimisation: the day and
/// month are never written); a bare four-digit year is kept as it is.
fn birth_year(cell: &Cell, rule: &Rule, source: &str) -> Result<String, String> {
    let text = cell.text();
    let t = text.trim();
    if matches!(cell, Cell::Text(_)) && t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(t.to_string());
    }
    if let Cell::Number(n) = cell
        && rule.formats.is_empty()
        && n.fract() == 0.0
        && (1000.0..10000.0).contains(n)
    {
        return Ok(format!("{n:.0}"));
    }
    read(cell, rule, source).map(|d| d.year().to_string())
}

fn number(text: &str, decimal_comma: bool, source: &str) -> Result<String, String> {
    let t = if decimal_comma {
        text.replace(['.', ' ', '\u{a0}'], "").replace(',', ".")
    } else {
        text.replace(' ', "")
    };
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(t),
        _ => Err(format!(
            "'{text}' in '{source}' is not a number{}",
            if decimal_comma {
                ""
            } else {
                "; if it uses a decimal comma, set decimal_comma = true on the block"
            }
        )),
    }
}
