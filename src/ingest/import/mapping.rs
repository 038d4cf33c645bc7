//! A profile block checked against its extract: every column rule typed and bound to
//! the extract's columns, so that applying it to a row can only fail on the row's data.

use super::dates::DateFormat;
use super::extract::Extract;
use super::keywords::KeywordList;
use super::profile::{ColumnSpec, RuleSpec, SourceBlock};
use crate::ingest::Table;
use std::collections::{BTreeMap, HashMap};

/// What a contract column holds, which decides how its value is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text or a vocabulary value, trimmed.
    Text,
    /// The id this source system issues for the record: the block's `id_prefix` applies.
    OwnId,
    /// A reference to a record that may come from another system: only the rule's own
    /// `prefix` applies.
    Reference,
    /// A date and time, written `YYYY-MM-DDTHH:MM:SS`.
    DateTime,
    /// A date, written `YYYY-MM-DD`.
    Date,
    /// A year of birth: a date of birth keeps its year only.
    BirthYear,
    /// A number (coordinates); decimal commas are read when the block says so.
    Number,
    /// A postcode, geocoded to easting and northing with the postcode lookup.
    Postcode,
    /// A UPRN, geocoded to easting and northing with the UPRN lookup.
    Uprn,
}

/// How a contract column of `table` is read; `None` when the table has no such column.
pub fn column_kind(table: Table, column: &str) -> Option<ColumnKind> {
    use ColumnKind::*;
    let own = match table {
        Table::Places => "place_id",
        Table::People => "person_id",
        Table::Events | Table::EventPeople => "event_id",
        Table::Links => "",
        Table::Actions => "action_id",
    };
    if column == own {
        return Some(OwnId);
    }
    let located = matches!(table, Table::Places | Table::Events);
    match column {
        "postcode" if located => return Some(Postcode),
        "uprn" if located => return Some(Uprn),
        _ => {}
    }
    if !table.contract_columns().contains(&column) {
        return None;
    }
    Some(match column {
        "place_id" | "person_id" | "event_id" | "from_id" | "to_id" | "target_id"
        | "home_place_id" => Reference,
        "occurred_at" => DateTime,
        "review_by" | "since" | "until" | "started_on" | "ended_on" => Date,
        "birth_year" => BirthYear,
        "lat" | "lon" | "easting" | "northing" => Number,
        _ => Text,
    })
}

/// Where a rule's value comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A source column: its position and name.
    Column(usize, String),
    /// A constant.
    Constant(String),
    /// Keywords searched in narrative columns (positions and names).
    Keywords(Vec<(usize, String)>, KeywordList),
}

/// A source value mapped to a contract value: exact first, then ignoring case.
#[derive(Debug, Clone)]
pub struct ValueMap {
    exact: BTreeMap<String, String>,
    folded: HashMap<String, String>,
}

impl ValueMap {
    fn new(values: BTreeMap<String, String>) -> Self {
        let folded = values
            .iter()
            .map(|(k, v)| (k.trim().to_lowercase(), v.clone()))
            .collect();
        let exact = values
            .into_iter()
            .map(|(k, v)| (k.trim().to_string(), v))
            .collect();
        ValueMap { exact, folded }
    }

    /// The contract value for a source value.
    pub fn get(&self, value: &str) -> Option<&str> {
        let v = value.trim();
        self.exact
            .get(v)
            .or_else(|| self.folded.get(&v.to_lowercase()))
            .map(String::as_str)
    }
}

/// One contract column's rule, bound to the extract.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The contract column (or `postcode`/`uprn`).
    pub target: String,
    /// How the value is read.
    pub kind: ColumnKind,
    /// Where it comes from.
    pub input: Input,
    /// Date formats, in order.
    pub formats: Vec<DateFormat>,
    /// A value map.
    pub values: Option<ValueMap>,
    /// The value when the cell is empty, unmapped, or no keyword matches.
    pub default: Option<String>,
    /// Put before the value.
    pub prefix: String,
}

/// A block checked and bound: what it feeds, and its rules.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Rules for every output row.
    pub common: Vec<Rule>,
    /// Wide rows: one more rule set per output row (empty: one output row per source row).
    pub each: Vec<Vec<Rule>>,
    /// Whether numbers use a decimal comma.
    pub decimal_comma: bool,
}

impl Plan {
    /// For each of the extract's `width` columns, whether a rule reads it as a value
    /// (not as narrative for keywords): the only cells a rejected row may keep.
    pub fn copied_columns(&self, width: usize) -> Vec<bool> {
        let mut copied = vec![false; width];
        for rule in self.common.iter().chain(self.each.iter().flatten()) {
            if let Input::Column(i, _) = rule.input
                && let Some(c) = copied.get_mut(i)
            {
                *c = true;
            }
        }
        copied
    }

    /// Checks `block` (feeding `table`) against `extract`'s header.
    ///
    /// # Errors
    /// Every problem found, one sentence each, naming the column.
    pub fn new(table: Table, block: &SourceBlock, extract: &Extract) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut common = Vec::new();
        for (target, spec) in &block.columns {
            match rule(table, block, target, spec, extract) {
                Ok(r) => common.push(r),
                Err(p) => problems.extend(p),
            }
        }
        let mut each = Vec::new();
        for (i, entry) in block.each.iter().enumerate() {
            let mut rules = Vec::new();
            for (target, spec) in entry {
                if block.columns.contains_key(target) {
                    problems.push(format!(
                        "each[{i}].{target} is also in columns: give it in one place"
                    ));
                    continue;
                }
                match rule(table, block, target, spec, extract) {
                    Ok(r) => rules.push(r),
                    Err(p) => problems.extend(p.into_iter().map(|m| format!("each[{i}]: {m}"))),
                }
            }
            if !rules.iter().any(|r| !matches!(r.input, Input::Constant(_))) {
                problems.push(format!(
                    "each[{i}] needs at least one column from the extract"
                ));
            }
            each.push(rules);
        }
        if let Some(source) = &block.source
            && table.contract_columns().contains(&"source")
            && !block.columns.contains_key("source")
        {
            common.push(constant("source", source));
        }
        let mapped = |c: &str| {
            common.iter().any(|r| r.target == c)
                || each.iter().all(|e| e.iter().any(|r| r.target == c)) && !each.is_empty()
        };
        for required in table.required_columns() {
            if !mapped(required) {
                problems.push(format!(
                    "no rule fills '{required}', which {} needs: add {required} = \"<column of the extract>\" (or {{ value = \"…\" }}) under columns",
                    table.name()
                ));
            }
        }
        if problems.is_empty() {
            Ok(Plan {
                common,
                each,
                decimal_comma: block.decimal_comma.unwrap_or_else(|| {
                    extract.notes.iter().any(|n| n.contains("semicolon"))
                        || block.delimiter == Some(';')
                }),
            })
        } else {
            Err(problems)
        }
    }

    /// The source columns this plan reads as postcodes (or UPRNs).
    pub fn lookup_columns(&self, kind: ColumnKind) -> Vec<usize> {
        self.common
            .iter()
            .chain(self.each.iter().flatten())
            .filter(|r| r.kind == kind)
            .filter_map(|r| match r.input {
                Input::Column(c, _) => Some(c),
                _ => None,
            })
            .collect()
    }
}

fn constant(target: &str, value: &str) -> Rule {
    Rule {
        target: target.to_string(),
        kind: ColumnKind::Text,
        input: Input::Constant(value.to_string()),
        formats: Vec::new(),
        values: None,
        default: None,
        prefix: String::new(),
    }
}

fn rule(
    table: Table,
    block: &SourceBlock,
    target: &str,
    spec: &ColumnSpec,
    extract: &Extract,
) -> Result<Rule, Vec<String>> {
    let kind = target_kind(table, target)?;
    let spec = match spec {
        ColumnSpec::Column(name) => RuleSpec {
            from: Some(name.clone()),
            ..RuleSpec::default()
        },
        ColumnSpec::Rule(r) => r.clone(),
    };
    let mut problems = Vec::new();
    let input = rule_input(target, &spec, extract, &mut problems);
    let formats = rule_formats(target, kind, &spec, &mut problems);
    let textual = matches!(
        kind,
        ColumnKind::Text | ColumnKind::OwnId | ColumnKind::Reference
    );
    if spec.values.is_some() && !textual {
        problems.push(format!(
            "{target}: a values map is only for text and id columns"
        ));
    }
    if spec.prefix.is_some() && !matches!(kind, ColumnKind::OwnId | ColumnKind::Reference) {
        problems.push(format!("{target}: prefix is only for id columns"));
    }
    let prefix = match kind {
        ColumnKind::OwnId => spec.prefix.clone().or_else(|| block.id_prefix.clone()),
        _ => spec.prefix.clone(),
    }
    .unwrap_or_default();
    match input {
        Some(input) if problems.is_empty() => Ok(Rule {
            target: target.to_string(),
            kind,
            input,
            formats,
            values: spec.values.map(ValueMap::new),
            default: spec.default,
            prefix,
        }),
        _ => Err(problems),
    }
}

/// What kind of contract column `target` is, or a problem naming the columns there are.
fn target_kind(table: Table, target: &str) -> Result<ColumnKind, Vec<String>> {
    column_kind(table, target).ok_or_else(|| {
        let mut known: Vec<&str> = table.contract_columns().to_vec();
        if matches!(table, Table::Places | Table::Events) {
            known.extend(["postcode", "uprn"]);
        }
        vec![format!(
            "'{target}' is not a column of {}: use one of {}",
            table.name(),
            known.join(", ")
        )]
    })
}

/// Where a rule's value comes from: one source column, a constant, or keywords found
/// in narrative columns; noting each problem with how the rule says so.
fn rule_input(
    target: &str,
    spec: &RuleSpec,
    extract: &Extract,
    problems: &mut Vec<String>,
) -> Option<Input> {
    let column = |name: &str, problems: &mut Vec<String>| -> Option<(usize, String)> {
        match extract.column(name) {
            Some(i) => Some((i, name.trim().to_string())),
            None => {
                problems.push(missing_column(target, name, extract));
                None
            }
        }
    };
    let input = match (&spec.from, &spec.value, &spec.from_text) {
        (Some(from), None, None) => column(from, problems).map(|(i, n)| Input::Column(i, n)),
        (None, Some(value), None) => Some(Input::Constant(value.clone())),
        (None, None, Some(texts)) => {
            let columns: Vec<(usize, String)> =
                texts.iter().filter_map(|t| column(t, problems)).collect();
            match KeywordList::new(spec.keywords.clone().unwrap_or_default()) {
                Ok(list) if !texts.is_empty() => Some(Input::Keywords(columns, list)),
                Ok(_) => {
                    problems.push(format!("{target}: from_text needs at least one column"));
                    None
                }
                Err(e) => {
                    problems.push(format!("{target}: {e}"));
                    None
                }
            }
        }
        _ => {
            problems.push(format!(
                "{target}: give exactly one of from = \"column\", value = \"constant\" or from_text = [\"columns\"]"
            ));
            None
        }
    };
    if spec.keywords.is_some() && spec.from_text.is_none() {
        problems.push(format!(
            "{target}: keywords need from_text = [\"narrative column\"]"
        ));
    }
    input
}

/// The date formats a rule gives, for date columns only.
fn rule_formats(
    target: &str,
    kind: ColumnKind,
    spec: &RuleSpec,
    problems: &mut Vec<String>,
) -> Vec<DateFormat> {
    let dated = matches!(
        kind,
        ColumnKind::DateTime | ColumnKind::Date | ColumnKind::BirthYear
    );
    let mut formats = Vec::new();
    if let Some(f) = spec.format.clone() {
        if !dated {
            problems.push(format!("{target}: format is only for date columns"));
        }
        for text in f.into_vec() {
            match DateFormat::parse(&text) {
                Ok(d) => formats.push(d),
                Err(e) => problems.push(format!("{target}: {e}")),
            }
        }
    }
    formats
}

fn missing_column(target: &str, name: &str, extract: &Extract) -> String {
    let near = extract
        .headers
        .iter()
        .find(|h| h.eq_ignore_ascii_case(name.trim()))
        .map(|h| format!(" (did you mean '{h}'? names are exact)"))
        .unwrap_or_default();
    format!(
        "{target}: the extract has no column '{name}'{near}; its columns are {}",
        extract
            .headers
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
