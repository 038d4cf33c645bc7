//! The account of an import: per source file, rows read = rows written + rows rejected,
//! and each rejected row kept with its original fields, its file and row number and
//! every reason, in `rejected/<source>.csv`; the whole account in `check.json`. Only the
//! cells the profile maps are kept: an unmapped column or a narrative read for keywords
//! shows `[not imported]`, so the quarantine holds no more than the import would.

use crate::ingest::{Rejection, Table};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// What happened to one source block's rows.
#[derive(Debug, Clone, Default)]
pub struct SourceReport {
    /// The block's name: `table-file[-sheet]`.
    pub name: String,
    /// The table fed.
    pub table: Option<Table>,
    /// The extract.
    pub file: PathBuf,
    /// The worksheet, for a workbook.
    pub sheet: Option<String>,
    /// SHA-256 of the extract, hex.
    pub sha256: String,
    /// The extract's column names.
    pub headers: Vec<String>,
    /// Rows read.
    pub read: usize,
    /// Rows imported (each making zero or more contract rows).
    pub written: usize,
    /// Rows rejected, with their reasons.
    pub rejected: Vec<Rejection>,
    /// Contract rows added to the table.
    pub records: usize,
    /// Contract rows that merged into a record already imported (the same id again).
    pub merged: usize,
    /// Imported rows whose wide columns were all empty, so they made no contract row
    /// (an occurrence with no suspect named).
    pub without_records: usize,
    /// The most common problems, with counts.
    pub top_reasons: Vec<(String, usize)>,
    /// How the file was read, and notes such as terminated postcodes.
    pub notes: Vec<String>,
}

impl SourceReport {
    /// Whether every row read is accounted for.
    pub fn balanced(&self) -> bool {
        self.read == self.written + self.rejected.len()
    }

    /// The account as JSON, for `check.json`.
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "table": self.table.map(Table::name),
            "file": self.file.display().to_string(),
            "sheet": self.sheet,
            "sha256": self.sha256,
            "read": self.read,
            "written": self.written,
            "rejected": self.rejected.len(),
            "records": self.records,
            "merged": self.merged,
            "without_records": self.without_records,
            "top_reasons": self.top_reasons.iter().map(|(k, n)| json!({"reason": k, "count": n})).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }

    /// Writes `folder/<name>.csv`: the extract's columns, then `reason` (every problem,
    /// `; `-separated), `file` and `row`, one line per rejected row; a header-only file
    /// when nothing was rejected, so a rerun leaves no stale quarantine. Cells are
    /// escaped against spreadsheet formulas, as every quarantine is.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write_rejected(&self, folder: &Path) -> std::io::Result<PathBuf> {
        let path = folder.join(format!("{}.csv", self.name));
        let mut header: Vec<String> = self
            .headers
            .iter()
            .map(|h| match h.as_str() {
                "reason" | "file" | "row" => format!("original_{h}"),
                _ => h.clone(),
            })
            .collect();
        // A row split into more fields than the header has keeps them all, under
        // `extra_1`, `extra_2`, ….
        let widest = self
            .rejected
            .iter()
            .map(|r| r.fields.len())
            .max()
            .unwrap_or(0);
        header.extend(
            (self.headers.len()..widest).map(|i| format!("extra_{}", i + 1 - self.headers.len())),
        );
        let width = header.len();
        header.extend(["reason".into(), "file".into(), "row".into()]);
        let file = match &self.sheet {
            Some(s) => format!("{} [{s}]", self.file.display()),
            None => self.file.display().to_string(),
        };
        let rows: Vec<Vec<String>> = self
            .rejected
            .iter()
            .map(|r| {
                let mut fields = r.fields.clone();
                fields.resize(width, String::new());
                fields.extend([r.reason_text(), file.clone(), r.row.to_string()]);
                fields
            })
            .collect();
        crate::plumbing::csv_safe::write_file(
            &path,
            &header,
            rows.iter().map(|r| r.iter().map(String::as_str)),
        )?;
        Ok(path)
    }
}
