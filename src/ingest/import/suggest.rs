//! `disrupt import --suggest FILE...`: a starting profile from extracts' headers and
//! rows. Columns are matched to contract fields by name; date formats are detected from
//! the whole column and refused when the day/month order cannot be told; the values of
//! vocabulary columns are listed for the user to map. Nothing is guessed silently: every
//! value the user must decide is written `"?"`, which the contract rejects, and every
//! ambiguous date rule is left commented out, so the import refuses to run until the
//! user has chosen.

use super::dates::{Detected, detect};
use super::extract::{self, Extract, TextOptions};
use crate::ingest::Table;
use crate::model::{ActionStatus, EventKind, Involvement, LinkKind, PlaceKind, Role, TargetType};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

/// A contract field and the header names that mean it.
type Synonyms = &'static [(&'static str, &'static [&'static str])];

/// Header names (lower case, letters and digits only) that mean each contract field,
/// per table.
fn synonyms(table: Table) -> Synonyms {
    match table {
        Table::Events => events_synonyms(),
        Table::Places => places_synonyms(),
        Table::People => people_synonyms(),
        Table::EventPeople => event_people_synonyms(),
        Table::Links => links_synonyms(),
        Table::Actions => actions_synonyms(),
    }
}

/// Header names that mean each field of the events table.
fn events_synonyms() -> Synonyms {
    &[
        (
            "event_id",
            &[
                "eventid",
                "occurrenceref",
                "occurrenceno",
                "occurrencenumber",
                "incidentref",
                "incidentno",
                "episodeid",
                "episoderef",
                "intelref",
                "intelligenceref",
                "logref",
                "urn",
                "crimeref",
                "crimeno",
            ],
        ),
        (
            "occurred_at",
            &[
                "occurredat",
                "reporteddate",
                "reporteddatetime",
                "occurreddate",
                "incidentdate",
                "date",
                "datetime",
                "datemissing",
                "missingdate",
                "datereported",
                "recordeddate",
                "intelligencedate",
                "datefound",
                "founddate",
            ],
        ),
        (
            "kind",
            &[
                "kind",
                "occurrencetype",
                "incidenttype",
                "eventtype",
                "type",
                "episodetype",
            ],
        ),
        (
            "category",
            &[
                "category",
                "flags",
                "flag",
                "crimetype",
                "exploitationtype",
                "concern",
            ],
        ),
        (
            "grading",
            &["grading", "grade", "3x5x2", "evaluation", "intelgrading"],
        ),
        (
            "place_id",
            &["placeid", "premisesref", "locationid", "premisesid"],
        ),
        (
            "postcode",
            &[
                "postcode",
                "locationpostcode",
                "foundpostcode",
                "foundatpostcode",
                "occurrencepostcode",
            ],
        ),
        ("uprn", &["uprn", "locationuprn"]),
        ("lat", &["lat", "latitude"]),
        ("lon", &["lon", "lng", "longitude"]),
        ("easting", &["easting", "eastings", "x", "xcoordinate"]),
        ("northing", &["northing", "northings", "y", "ycoordinate"]),
        ("source_ref", &["sourceref"]),
        ("review_by", &["reviewby", "reviewdate", "retentionreview"]),
    ]
}

/// Header names that mean each field of the places table.
fn places_synonyms() -> Synonyms {
    &[
        (
            "place_id",
            &[
                "placeid",
                "premisesref",
                "premisesid",
                "locationid",
                "siteref",
            ],
        ),
        (
            "name",
            &[
                "name",
                "premisesname",
                "premises",
                "tradingname",
                "sitename",
            ],
        ),
        (
            "kind",
            &["kind", "premisestype", "type", "category", "sitetype"],
        ),
        ("postcode", &["postcode"]),
        ("uprn", &["uprn"]),
        ("lat", &["lat", "latitude"]),
        ("lon", &["lon", "lng", "longitude"]),
        ("easting", &["easting", "eastings", "x"]),
        ("northing", &["northing", "northings", "y"]),
        ("licensed", &["licensed", "premiseslicence", "licence"]),
        ("area", &["area", "ward", "neighbourhood"]),
    ]
}

/// Header names that mean each field of the people table.
fn people_synonyms() -> Synonyms {
    &[
        (
            "person_id",
            &[
                "personid",
                "nominal",
                "nominalref",
                "nominalid",
                "caseno",
                "caseref",
                "casenumber",
                "childid",
                "personref",
                "pncid",
            ],
        ),
        ("role", &["role", "persontype", "nominaltype"]),
        (
            "birth_year",
            &[
                "birthyear",
                "yearofbirth",
                "dob",
                "dateofbirth",
                "birthdate",
            ],
        ),
        (
            "looked_after",
            &["lookedafter", "lac", "cla", "incare", "childlookedafter"],
        ),
        (
            "display_name",
            &[
                "displayname",
                "name",
                "childname",
                "fullname",
                "personname",
                "subjectname",
            ],
        ),
        ("sex", &["sex", "gender"]),
        ("ethnicity", &["ethnicity", "ethnicorigin", "ethnicitycode"]),
        ("home_place_id", &["homeplaceid", "homeaddressref"]),
    ]
}

/// Header names that mean each field of the event people table.
fn event_people_synonyms() -> Synonyms {
    &[
        (
            "event_id",
            &[
                "eventid",
                "occurrenceref",
                "incidentref",
                "episodeid",
                "intelref",
            ],
        ),
        (
            "person_id",
            &["personid", "nominal", "nominalref", "subject", "caseno"],
        ),
        ("involvement", &["involvement", "role", "involvementtype"]),
    ]
}

/// Header names that mean each field of the links table.
fn links_synonyms() -> Synonyms {
    &[
        ("from_id", &["fromid", "from", "person1", "nominal1"]),
        ("to_id", &["toid", "to", "person2", "nominal2"]),
        ("kind", &["kind", "relationship", "linktype", "association"]),
        ("since", &["since", "startdate", "from date"]),
        ("until", &["until", "enddate"]),
        ("grading", &["grading", "grade"]),
    ]
}

/// Header names that mean each field of the actions table.
fn actions_synonyms() -> Synonyms {
    &[
        ("action_id", &["actionid", "actionref"]),
        ("target_type", &["targettype"]),
        ("target_id", &["targetid"]),
        ("tool_id", &["toolid", "tool", "tactic"]),
        ("agency", &["agency", "lead", "leadagency"]),
        ("started_on", &["startedon", "startdate", "start"]),
        ("ended_on", &["endedon", "enddate", "end"]),
        ("status", &["status"]),
    ]
}

fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

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

/// Which contract field a header means in `table`.
fn field_for(table: Table, header: &str) -> Option<&'static str> {
    let s = squash(header);
    synonyms(table)
        .iter()
        .find(|(_, names)| names.contains(&s.as_str()))
        .map(|(field, _)| *field)
}

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

fn rule_text(
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
            super::cell::Cell::DateTime(_) | super::cell::Cell::Empty
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
