//! `disrupt import --suggest FILE...`: a starting profile from extracts' headers and
//! rows. Columns are matched to contract fields by name; date formats are detected from
//! the whole column and refused when the day/month order cannot be told; the values of
//! vocabulary columns are listed for the user to map. Nothing is guessed silently: every
//! value the user must decide is written `"?"`, which the contract rejects, and every
//! ambiguous date rule is left commented out, so the import refuses to run until the
//! user has chosen.
//!
//! This file writes the profile's blocks; which header means which field is in
//! [`synonyms`], and each column's rule (dates, yes/no, vocabularies) in [`rules`].

mod rules;
mod synonyms;

use rules::rule_text;
use synonyms::field_for;

use super::extract::{self, Extract, TextOptions};
use crate::ingest::Table;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

/// The table an extract most likely feeds: the one with most fields matched (events
/// first on a tie, as most extracts are records of events).
fn guess_table(e: &Extract) -> Table {
    let order = [
        Table::Events,
        Table::People,
        Table::Places,
        Table::EventPeople,
        Table::Links,
        Table::Actions,
    ];
    let score = |t: Table| {
        let fields: BTreeSet<&str> = e.headers.iter().filter_map(|h| field_for(t, h)).collect();
        let required = t
            .required_columns()
            .iter()
            .filter(|c| fields.contains(*c))
            .count();
        (required, fields.len())
    };
    let mut best = order[0];
    for t in order {
        if score(t) > score(best) {
            best = t;
        }
    }
    best
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A starting profile for `files`, as TOML text.
///
/// # Errors
/// A sentence naming a file that cannot be read.
pub fn suggest(files: &[&Path]) -> Result<String, String> {
    let mut out = String::from(
        "# A starting import profile from `disrupt import --suggest`. Check every rule;\n# replace each \"?\" with a contract value; choose a format for each ambiguous date\n# column (left commented out). Columns not named here are never copied.\n",
    );
    for path in files {
        let e = extract::read(path, None, TextOptions::default())
            .map_err(|m| format!("{}: {m}", path.display()))?;
        block(&mut out, path, &e);
    }
    Ok(out)
}

fn block(out: &mut String, path: &Path, e: &Extract) {
    let table = guess_table(e);
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = writeln!(out, "\n[[{}]]", table.name());
    let _ = writeln!(out, "file = {}", quote(&file));
    if let Some(sheet) = &e.sheet {
        let _ = writeln!(out, "sheet = {}", quote(sheet));
    }
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if table.contract_columns().contains(&"source") {
        let _ = writeln!(out, "source = {}", quote(&stem));
    }
    let _ = writeln!(out, "[{}.columns]", table.name());
    let mut used = BTreeSet::new();
    let mut unmatched = Vec::new();
    for (i, header) in e.headers.iter().enumerate() {
        let Some(field) = field_for(table, header).filter(|f| !used.contains(f)) else {
            unmatched.push(i);
            continue;
        };
        used.insert(field);
        let values: Vec<String> = e.rows.iter().map(|r| r[i].text()).collect();
        let _ = writeln!(out, "{}", rule_text(table, field, header, e, i, &values));
    }
    for required in table.required_columns() {
        if !used.contains(required) {
            let _ = writeln!(
                out,
                "# {required} = \"?\"   # required: no column matched it by name"
            );
        }
    }
    let narrative: Vec<&str> = unmatched
        .iter()
        .filter(|&&i| is_narrative(e, i))
        .map(|&i| e.headers[i].as_str())
        .collect();
    if table == Table::Events && !narrative.is_empty() && !used.contains("category") {
        let _ = writeln!(
            out,
            "# category from free text (the narrative is searched, never copied):\n# category = {{ from_text = [{}], keywords = {{ cse = [\"CSE\", \"sexual exploitation\", \"grooming\"], cce = [\"county lines\", \"cuckoo\", \"CCE\"] }} }}",
            narrative
                .iter()
                .map(|n| quote(n))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let numbered: Vec<String> = unmatched
        .iter()
        .map(|&i| e.headers[i].as_str())
        .filter(|h| h.ends_with(|c: char| c.is_ascii_digit()) && h.contains(' '))
        .map(quote)
        .collect();
    if numbered.len() >= 2 {
        let _ = writeln!(
            out,
            "# {} look like wide columns (one person each): feed event_people (and people) from them with\n# one [[event_people.each]] entry per column, e.g. person_id = {} with involvement = {{ value = \"suspect\" }}",
            numbered.join(", "),
            numbered[0]
        );
    }
    let rest: Vec<String> = unmatched.iter().map(|&i| quote(&e.headers[i])).collect();
    if !rest.is_empty() {
        let _ = writeln!(out, "# not imported (never copied): {}", rest.join(", "));
    }
}

fn is_narrative(e: &Extract, i: usize) -> bool {
    let lengths: Vec<usize> = e.rows.iter().map(|r| r[i].text().chars().count()).collect();
    !lengths.is_empty() && lengths.iter().sum::<usize>() / lengths.len() >= 40
}
