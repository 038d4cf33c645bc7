//! The quarantine: every rejected row with its original fields and the reasons it was
//! rejected, written to `OUT/rejected/<table>.csv`, and per-table counts.

use super::{Reason, Table};
use crate::plumbing::csv_safe;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One rejected row.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// Data row number in the file, 1-based (the first row after the header is 1).
    pub row: usize,
    /// The row's fields exactly as read, in header order.
    pub fields: Vec<String>,
    /// Every problem found.
    pub reasons: Vec<Reason>,
}

impl Rejection {
    /// All reasons as one sentence list, as written in the `reason` column.
    pub fn reason_text(&self) -> String {
        self.reasons
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Counts for one table. `read = accepted + rejected`, always.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableReport {
    /// Data rows in the file.
    pub read: usize,
    /// Rows that passed validation.
    pub accepted: usize,
    /// Rows quarantined.
    pub rejected: usize,
    /// Accepted rows past their `review_by` date at `--as-of` (kept, flagged for exclusion
    /// from analysis).
    pub expired: usize,
    /// Accepted rows graded in the two-character legacy form (`2B`), and of them those
    /// whose handling code was not recorded and is taken as `C`.
    pub legacy_gradings: super::LegacyGradings,
    /// The most common problems, `column: problem` with counts, most frequent first.
    pub top_reasons: Vec<(String, usize)>,
    /// Notes on how the file was read (encodings, byte-order marks).
    pub notes: Vec<String>,
    /// The file read.
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// SHA-256 of the file, hex.
    pub sha256: Option<String>,
}

/// Every table's rejections and headers.
#[derive(Debug, Default)]
pub struct Quarantine {
    tables: BTreeMap<Table, (Vec<String>, Vec<Rejection>)>,
}

impl Quarantine {
    /// Records the rejections of `table`, whose file had `headers`.
    pub fn insert(&mut self, table: Table, headers: Vec<String>, rejections: Vec<Rejection>) {
        self.tables.insert(table, (headers, rejections));
    }

    /// The rejections of `table`.
    pub fn rejections(&self, table: Table) -> &[Rejection] {
        self.tables
            .get(&table)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[])
    }

    /// Total rejected rows over all tables.
    pub fn total(&self) -> usize {
        self.tables.values().map(|(_, r)| r.len()).sum()
    }

    /// Writes `dir/rejected/<table>.csv` for every table read: the original columns, then
    /// `extra_fields` (only when some row had more fields than the header: the extra
    /// fields, comma-joined), `reason` (every problem, `; `-separated) and `row` (the
    /// data row number in the source file). Tables with no rejections get a header-only
    /// file.
    ///
    /// Unless `reveal` (names revealed with a purpose), the cells that identify or
    /// describe a person ([`withheld_columns`]) are written as `[withheld]`, in the
    /// reasons too: the row number finds the row in the source file.
    ///
    /// # Errors
    /// Any I/O error, with the path.
    pub fn write(&self, dir: &Path, reveal: bool) -> anyhow::Result<Vec<PathBuf>> {
        use anyhow::Context;
        let folder = crate::plumbing::file::private_subdir(dir, "rejected")
            .with_context(|| format!("creating {}", dir.join("rejected").display()))?;
        let mut written = Vec::new();
        for (table, (headers, rejections)) in &self.tables {
            let path = folder.join(format!("{}.csv", table.name()));
            let hidden: Vec<usize> = if reveal {
                Vec::new()
            } else {
                headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| withheld_columns(*table).contains(&h.as_str()))
                    .map(|(i, _)| i)
                    .collect()
            };
            let extra = rejections.iter().any(|r| r.fields.len() > headers.len());
            let mut header: Vec<String> = headers
                .iter()
                .map(|h| {
                    if h == "reason" || h == "row" || h == "extra_fields" {
                        format!("original_{h}")
                    } else {
                        h.clone()
                    }
                })
                .collect();
            if extra {
                header.push("extra_fields".into());
            }
            header.push("reason".into());
            header.push("row".into());
            let mut rows = Vec::with_capacity(rejections.len());
            for r in rejections {
                let mut fields = r.fields.clone();
                let rest = if fields.len() > headers.len() {
                    fields.split_off(headers.len())
                } else {
                    Vec::new()
                };
                fields.resize(headers.len(), String::new());
                let mut reason = r.reason_text();
                for &i in &hidden {
                    let value = std::mem::replace(&mut fields[i], WITHHELD.to_string());
                    if !value.trim().is_empty() {
                        reason = reason.replace(value.as_str(), WITHHELD);
                    }
                }
                if extra {
                    fields.push(rest.join(","));
                }
                fields.push(reason);
                fields.push(r.row.to_string());
                rows.push(fields);
            }
            csv_safe::write_file(
                &path,
                &header,
                rows.iter().map(|r| r.iter().map(String::as_str)),
            )
            .with_context(|| format!("writing {}", path.display()))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// What a withheld quarantine cell says.
pub const WITHHELD: &str = "[withheld]";

/// The columns of `table` whose cells identify or describe a person, withheld from the
/// quarantine unless names are revealed: people's id, name, sex and ethnicity, the
/// person of an event, the two ends of a link and an action's target (either may be a
/// person).
pub fn withheld_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::People => &["person_id", "display_name", "sex", "ethnicity"],
        Table::EventPeople => &["person_id"],
        Table::Links => &["from_id", "to_id"],
        Table::Actions => &["target_id"],
        Table::Places | Table::Events => &[],
    }
}

/// The `n` most frequent reason summaries, most frequent first, ties by text.
pub fn top_reasons(rejections: &[Rejection], n: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for r in rejections {
        for reason in &r.reasons {
            *counts.entry(reason.summary()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}
