//! A matched column's rule: a date column's format (or the question of it), a yes/no
//! column's values, or a vocabulary column's values mapped to the contract's.

use super::quote;
use super::synonyms::squash;
use crate::ingest::Table;
use crate::ingest::import::dates::{Detected, detect};
use crate::ingest::import::extract::Extract;
use crate::model::{ActionStatus, EventKind, Involvement, LinkKind, PlaceKind, Role, TargetType};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The contract values of a vocabulary column, if it is one.
fn vocabulary(table: Table, field: &str) -> Option<Vec<&'static str>> {
    let names = |all: &[&'static str]| Some(all.to_vec());
    match (table, field) {
        (Table::Events, "kind") => names(
            &EventKind::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>(),
        ),
        (Table::Places, "kind") => names(
            &PlaceKind::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>(),
        ),
        (Table::People, "role") => names(&Role::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()),
        (Table::EventPeople, "involvement") => names(
            &Involvement::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>(),
        ),
        (Table::Links, "kind") => {
            names(&LinkKind::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>())
        }
        (Table::Actions, "target_type") => names(
            &TargetType::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>(),
        ),
        (Table::Actions, "status") => names(
            &ActionStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>(),
        ),
        (Table::Events, "category") => names(&[
            "cse",
            "cce",
            "sexual_offence",
            "drugs_supply",
            "weapons",
            "violence",
            "trafficking",
            "asb",
        ]),
        _ => None,
    }
}

pub(super) fn rule_text(
    table: Table,
    field: &str,
    header: &str,
    e: &Extract,
    i: usize,
    values: &[String],
) -> String {
    let from = quote(header);
    let dated = matches!(
        field,
        "occurred_at" | "review_by" | "since" | "until" | "started_on" | "ended_on" | "birth_year"
    );
    let typed_dates = e.rows.iter().all(|r| {
        matches!(
            r[i],
            crate::ingest::import::cell::Cell::DateTime(_)
                | crate::ingest::import::cell::Cell::Empty
        )
    });
    if dated && !typed_dates {
        return date_rule(field, &from, values);
    }
    if matches!(field, "licensed" | "looked_after")
        && let Some(line) = yes_no_rule(field, &from, values)
    {
        return line;
    }
    if let Some(line) = vocabulary_rule(table, field, &from, values) {
        return line;
    }
    format!("{field} = {from}")
}

/// A date column's rule: a four-digit birth year as it is, else the date format that
/// reads the values (noting those it does not read), or a question when the format is
/// ambiguous or unknown.
fn date_rule(field: &str, from: &str, values: &[String]) -> String {
    let four_digit = values.iter().all(|v| {
        v.trim().is_empty() || v.trim().len() == 4 && v.trim().bytes().all(|b| b.is_ascii_digit())
    });
    if field == "birth_year" && four_digit {
        return format!("{field} = {from}");
    }
    match detect(values.iter().map(String::as_str)) {
        Some(Detected::Format { format, unreadable }) => {
            let mut line = format!("{field} = {{ from = {from}, format = {} }}", quote(&format));
            if let Some(first) = unreadable.first() {
                let _ = write!(
                    line,
                    "   # {} value{} do{} not read with it, e.g. {}: the import rejects those rows",
                    unreadable.len(),
                    if unreadable.len() == 1 { "" } else { "s" },
                    if unreadable.len() == 1 { "es" } else { "" },
                    quote(first)
                );
            }
            line
        }
        Some(Detected::Ambiguous {
            day_first,
            month_first,
        }) => format!(
            "# {field} = {{ from = {from}, format = \"?\" }}   # AMBIGUOUS: no day above 12 in the whole column; choose {} (day first, as UK systems write) or {}",
            quote(&day_first),
            quote(&month_first)
        ),
        None => format!(
            "{field} = {{ from = {from}, format = \"?\" }}   # no known date format read every value: write its strftime pattern"
        ),
    }
}

/// A yes/no column's rule, mapping each of up to ten distinct values to true or false
/// where the value says which.
fn yes_no_rule(field: &str, from: &str, values: &[String]) -> Option<String> {
    let distinct: BTreeSet<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let pairs: Vec<String> = distinct
        .iter()
        .map(|v| {
            let guess = match v.to_ascii_lowercase().as_str() {
                "y" | "yes" | "true" | "1" => "true",
                "n" | "no" | "false" | "0" => "false",
                _ => "?",
            };
            format!("{} = {}", quote(v), quote(guess))
        })
        .collect();
    (distinct.len() <= 10).then(|| {
        format!(
            "{field} = {{ from = {from}, values = {{ {} }} }}",
            pairs.join(", ")
        )
    })
}

/// A rule mapping each of up to forty distinct values to the contract value with the
/// same letters and digits, for a column with a vocabulary.
fn vocabulary_rule(table: Table, field: &str, from: &str, values: &[String]) -> Option<String> {
    let vocab = vocabulary(table, field)?;
    let distinct: BTreeSet<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if distinct.len() > 40 {
        return None;
    }
    let pairs: Vec<String> = distinct
        .iter()
        .map(|v| {
            let guess = vocab
                .iter()
                .find(|c| squash(c) == squash(v))
                .copied()
                .unwrap_or("?");
            format!("{} = {}", quote(v), quote(guess))
        })
        .collect();
    let default = if field == "category" {
        ", default = \"\""
    } else {
        ""
    };
    Some(format!(
        "{field} = {{ from = {from}, values = {{ {} }}{default} }}   # contract values: {}",
        pairs.join(", "),
        vocab.join(", ")
    ))
}
