//! Running an import: every block's extract read and checked against the profile first
//! (so every mistake is reported together and nothing is written), then the lookups,
//! then each row mapped, merged and accounted for.

use super::accounts::SourceReport;
use super::apply::{Lookups, apply};
use super::extract::{self, Extract, TextOptions};
use super::geocode::{Lookup, LookupKind, normalise_postcode, normalise_uprn};
use super::mapping::{ColumnKind, Plan};
use super::merge::TableRows;
use super::profile::{self, ProfileError, ProfileFile, SourceBlock};
use crate::ingest::quarantine::top_reasons;
use crate::ingest::{Reason, Rejection, Table};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Lookups given on the command line, overriding the profile's.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The postcode lookup.
    pub postcodes: Option<PathBuf>,
    /// The UPRN lookup.
    pub uprns: Option<PathBuf>,
}

/// Why an import could not run. Nothing is written when it fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The profile cannot be read.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// Extracts or rules that cannot be used, every one named.
    #[error("the import cannot run:\n{}", .0.join("\n"))]
    Sources(Vec<String>),
}

/// An import done in memory: the contract tables and the account of every source.
#[derive(Debug)]
pub struct Imported {
    /// Every table fed, with its rows.
    pub tables: BTreeMap<Table, TableRows>,
    /// One account per source block, in profile order (table by table).
    pub sources: Vec<SourceReport>,
    /// The profile read.
    pub profile: PathBuf,
    /// The lookups used.
    pub lookups: Vec<PathBuf>,
}

struct Prepared {
    table: Table,
    name: String,
    extract: Extract,
    plan: Plan,
}

/// Imports every extract the profile at `path` names.
///
/// # Errors
/// [`ImportError`] when the profile, an extract, a rule or a lookup cannot be used.
pub fn import(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let file = profile::read(path)?;
    let base = crate::plumbing::file::folder_of(path);
    let mut problems = Vec::new();
    let mut prepared = Vec::new();
    let mut names = HashSet::new();
    for (table, block) in blocks(&file) {
        let mut name = source_name(table, block);
        let mut n = 2;
        while !names.insert(name.clone()) {
            name = format!("{}-{n}", source_name(table, block));
            n += 1;
        }
        let at = base.join(&block.file);
        let options = TextOptions {
            delimiter: block.delimiter,
        };
        let extract = match extract::read(&at, block.sheet.as_deref(), options) {
            Ok(e) => e,
            Err(e) => {
                problems.push(format!("[{name}] {}: {e}", at.display()));
                continue;
            }
        };
        match Plan::new(table, block, &extract) {
            Ok(plan) => prepared.push(Prepared {
                table,
                name,
                extract,
                plan,
            }),
            Err(p) => problems.extend(
                p.into_iter()
                    .map(|m| format!("[{name}] {}: {m}", at.display())),
            ),
        }
    }
    if prepared.is_empty() && problems.is_empty() {
        problems.push("the profile has no blocks: add [[events]] (and [[places]], …) blocks, each with a file and its columns".into());
    }
    let lookups = load_lookups(&file, base, options, &prepared, &mut problems);
    if !problems.is_empty() {
        return Err(ImportError::Sources(problems));
    }
    let mut tables: BTreeMap<Table, TableRows> = BTreeMap::new();
    let mut sources = Vec::new();
    for p in &prepared {
        let rows = tables.entry(p.table).or_default();
        sources.push(import_source(p, &lookups, rows));
    }
    let mut used = Vec::new();
    used.extend(lookups.postcodes.iter().flat_map(|l| l.files.clone()));
    used.extend(lookups.uprns.iter().flat_map(|l| l.files.clone()));
    Ok(Imported {
        tables,
        sources,
        profile: path.to_owned(),
        lookups: used,
    })
}

fn blocks(file: &ProfileFile) -> Vec<(Table, &SourceBlock)> {
    let mut v = Vec::new();
    for table in Table::ALL {
        let list = match table {
            Table::Places => &file.places,
            Table::People => &file.people,
            Table::Events => &file.events,
            Table::EventPeople => &file.event_people,
            Table::Links => &file.links,
            Table::Actions => &file.actions,
        };
        v.extend(list.iter().map(|b| (table, b)));
    }
    v
}

/// A block's name in the account and its quarantine file: `table-file[-sheet]`, in
/// lower case letters, digits, `-` and `_`.
fn source_name(table: Table, block: &SourceBlock) -> String {
    let stem = block
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = format!("{}-{stem}", table.name());
    if let Some(sheet) = &block.sheet {
        name.push('-');
        name.push_str(sheet);
    }
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn load_lookups(
    file: &ProfileFile,
    base: &Path,
    options: &ImportOptions,
    prepared: &[Prepared],
    problems: &mut Vec<String>,
) -> Lookups {
    let mut lookups = Lookups::default();
    for kind in [LookupKind::Postcode, LookupKind::Uprn] {
        let (column_kind, flag, given) = match kind {
            LookupKind::Postcode => (
                ColumnKind::Postcode,
                "--postcodes FILE",
                options
                    .postcodes
                    .clone()
                    .or_else(|| file.postcodes.as_ref().map(|p| base.join(p))),
            ),
            LookupKind::Uprn => (
                ColumnKind::Uprn,
                "--uprns FILE",
                options
                    .uprns
                    .clone()
                    .or_else(|| file.uprns.as_ref().map(|p| base.join(p))),
            ),
        };
        let mut wanted = HashSet::new();
        let mut users = Vec::new();
        for p in prepared {
            let columns = p.plan.lookup_columns(column_kind);
            if !columns.is_empty() {
                users.push(p.name.clone());
            }
            for c in columns {
                for row in &p.extract.rows {
                    let text = row.get(c).map(|c| c.text()).unwrap_or_default();
                    let key = match kind {
                        LookupKind::Postcode => normalise_postcode(&text),
                        LookupKind::Uprn => normalise_uprn(&text),
                    };
                    wanted.extend(key);
                }
            }
        }
        if users.is_empty() {
            continue;
        }
        let Some(path) = given else {
            problems.push(format!(
                "{} geocode{} from a lookup: pass {flag}, or set {} = \"FILE\" at the top of the profile",
                users.join(", "),
                if users.len() == 1 { "s" } else { "" },
                match kind {
                    LookupKind::Postcode => "postcodes",
                    LookupKind::Uprn => "uprns",
                }
            ));
            continue;
        };
        match Lookup::read(&path, kind, &wanted) {
            Ok(l) => match kind {
                LookupKind::Postcode => lookups.postcodes = Some(l),
                LookupKind::Uprn => lookups.uprns = Some(l),
            },
            Err(e) => problems.push(e.to_string()),
        }
    }
    lookups
}

/// What a rejected row shows in place of a cell the profile does not map.
pub const NOT_IMPORTED: &str = "[not imported]";

fn import_source(p: &Prepared, lookups: &Lookups, rows: &mut TableRows) -> SourceReport {
    let mut report = SourceReport {
        name: p.name.clone(),
        table: Some(p.table),
        file: p.extract.path.clone(),
        sheet: p.extract.sheet.clone(),
        sha256: p.extract.sha256.clone(),
        headers: p.extract.headers.clone(),
        read: p.extract.rows_read(),
        notes: p.extract.notes.clone(),
        ..SourceReport::default()
    };
    // A rejected row keeps only the cells the profile maps, so the quarantine holds no
    // more than the import would have: unmapped columns and narrative are withheld.
    let copied = p.plan.copied_columns(p.extract.headers.len());
    let minimise = |fields: Vec<String>| -> Vec<String> {
        fields
            .into_iter()
            .enumerate()
            .map(|(i, f)| match copied.get(i) {
                Some(true) => f,
                _ if f.is_empty() => f,
                _ => NOT_IMPORTED.to_string(),
            })
            .collect()
    };
    for bad in &p.extract.bad_rows {
        report.rejected.push(Rejection {
            row: bad.row,
            fields: minimise(bad.fields.clone()),
            reasons: vec![Reason::row("wrong number of fields", bad.reason.clone())],
        });
    }
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    for (cells, &row) in p.extract.rows.iter().zip(&p.extract.row_numbers) {
        let result = apply(&p.plan, cells, lookups).and_then(|applied| {
            let made = applied.rows.len();
            let merged = rows.add(p.table, applied.rows, &p.name, row)?;
            Ok((made, merged, applied.notes))
        });
        match result {
            Ok((made, merged, row_notes)) => {
                report.written += 1;
                report.records += made - merged;
                report.merged += merged;
                if made == 0 {
                    report.without_records += 1;
                }
                for n in row_notes {
                    *notes.entry(n).or_default() += 1;
                }
            }
            Err(reasons) => report.rejected.push(Rejection {
                row,
                fields: minimise(cells.iter().map(|c| c.text()).collect()),
                reasons,
            }),
        }
    }
    report.rejected.sort_by_key(|r| r.row);
    report.notes.extend(
        notes
            .into_iter()
            .map(|(n, k)| if k == 1 { n } else { format!("{n} ({k} rows)") }),
    );
    report.top_reasons = top_reasons(&report.rejected, 5);
    report
}
