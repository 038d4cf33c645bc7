//! Writing an import as a dataset folder in the data contract: one file per table fed
//! (and `places` and `events`, which every dataset has, even if empty), the quarantine
//! under `rejected/`, and `check.json` with the account of every source.
//!
//! Only the contract's columns (and each keyword rule's `_basis` column) are written:
//! nothing the profile does not map leaves the extract.

use super::merge::TableRows;
use super::run::Imported;
use crate::ingest::Table;
use crate::plumbing::file::write_atomic;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The format of the tables written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// `NAME.csv`.
    #[default]
    Csv,
    /// `NAME.parquet`, every column as text.
    Parquet,
}

impl OutputFormat {
    fn extension(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Parquet => "parquet",
        }
    }
}

/// Why the output folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder holds a dataset that an import did not write.
    #[error(
        "{0} already holds a dataset that no import wrote (it has contract tables but no import check.json); write the import to a new folder"
    )]
    NotAnImport(PathBuf),
    /// Any I/O error, with the path.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `imported` into `out`, replacing an earlier import there.
///
/// # Returns
/// Every file written.
///
/// # Errors
/// [`WriteError`].
pub fn write(
    imported: &Imported,
    out: &Path,
    format: OutputFormat,
) -> Result<Vec<PathBuf>, WriteError> {
    clear_earlier_import(out)?;
    let rejected = out.join("rejected");
    std::fs::create_dir_all(&rejected).map_err(io(&rejected))?;
    let mut written = Vec::new();
    let empty = TableRows::default();
    for table in Table::ALL {
        let rows = match imported.tables.get(&table) {
            Some(rows) => rows,
            None if table.is_required() => &empty,
            None => continue,
        };
        let path = out.join(format!("{}.{}", table.name(), format.extension()));
        let columns = columns(table, rows);
        match format {
            OutputFormat::Csv => write_csv(&path, &columns, rows),
            OutputFormat::Parquet => write_parquet(&path, &columns, rows),
        }
        .map_err(io(&path))?;
        written.push(path);
    }
    for source in &imported.sources {
        let path = source.write_rejected(&rejected).map_err(io(&rejected))?;
        written.push(path);
    }
    let check = out.join("check.json");
    let json = check_json(imported);
    write_atomic(&check, |w| {
        serde_json::to_writer_pretty(&mut *w, &json)?;
        std::io::Write::write_all(w, b"\n")
    })
    .map_err(io(&check))?;
    written.push(check);
    Ok(written)
}

/// The account of the import, as `check.json` holds it.
pub fn check_json(imported: &Imported) -> serde_json::Value {
    let mut tables = serde_json::Map::new();
    for table in Table::ALL {
        let sources: Vec<&str> = imported
            .sources
            .iter()
            .filter(|s| s.table == Some(table))
            .map(|s| s.name.as_str())
            .collect();
        let rows = imported.tables.get(&table).map_or(0, |t| t.rows.len());
        if !sources.is_empty() || table.is_required() {
            tables.insert(
                table.name().into(),
                json!({"rows": rows, "sources": sources}),
            );
        }
    }
    json!({
        "stage": "import",
        "profile": imported.profile.display().to_string(),
        "lookups": imported.lookups.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "balanced": imported.sources.iter().all(|s| s.balanced()),
        "read": imported.sources.iter().map(|s| s.read).sum::<usize>(),
        "written": imported.sources.iter().map(|s| s.written).sum::<usize>(),
        "rejected": imported.sources.iter().map(|s| s.rejected.len()).sum::<usize>(),
        "tables": tables,
        "sources": imported.sources.iter().map(|s| s.to_json()).collect::<Vec<_>>(),
    })
}

/// Removes the tables and quarantine of an earlier import in `out`, so a table this
/// import does not feed is not left behind; refuses a folder holding any other dataset.
fn clear_earlier_import(out: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return std::fs::create_dir_all(out).map_err(io(out));
    }
    let tables: Vec<PathBuf> = Table::ALL
        .iter()
        .flat_map(|t| ["csv", "parquet"].map(|e| out.join(format!("{}.{e}", t.name()))))
        .filter(|p| p.is_file())
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    let check = out.join("check.json");
    let earlier = std::fs::read_to_string(&check)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|v| v["stage"] == "import");
    if !earlier {
        return Err(WriteError::NotAnImport(out.to_owned()));
    }
    for path in tables {
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    let rejected = out.join("rejected");
    if let Ok(entries) = std::fs::read_dir(&rejected) {
        for entry in entries.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "csv") {
                std::fs::remove_file(&p).map_err(io(&p))?;
            }
        }
    }
    Ok(())
}

/// The columns of a table: the contract's that any row fills (the required ones
/// always), in contract order, then the rest (`_basis` columns) by name.
fn columns(table: Table, rows: &TableRows) -> Vec<String> {
    let present = |c: &str| rows.rows.iter().any(|r| r.contains_key(c));
    let mut columns: Vec<String> = table
        .contract_columns()
        .iter()
        .filter(|c| table.required_columns().contains(c) || present(c))
        .map(|c| c.to_string())
        .collect();
    let mut extra: Vec<String> = rows
        .rows
        .iter()
        .flat_map(|r| r.keys())
        .filter(|k| {
            !table.contract_columns().contains(&k.as_str())
                && k.as_str() != "postcode"
                && k.as_str() != "uprn"
        })
        .cloned()
        .collect();
    extra.sort();
    extra.dedup();
    columns.extend(extra);
    columns
}

fn cell<'a>(row: &'a super::apply::OutRow, column: &str) -> &'a str {
    row.get(column).map_or("", String::as_str)
}

fn write_csv(path: &Path, columns: &[String], rows: &TableRows) -> std::io::Result<()> {
    write_atomic(path, |w| {
        let mut csv = csv::Writer::from_writer(w);
        csv.write_record(columns)?;
        for row in &rows.rows {
            csv.write_record(columns.iter().map(|c| cell(row, c)))?;
        }
        csv.flush()
    })
}

fn write_parquet(path: &Path, columns: &[String], rows: &TableRows) -> std::io::Result<()> {
    use polars::prelude::{Column, DataFrame, ParquetWriter};
    let to_io = |e: polars::error::PolarsError| std::io::Error::other(e.to_string());
    let cols: Vec<Column> = columns
        .iter()
        .map(|c| {
            let values: Vec<Option<&str>> = rows
                .rows
                .iter()
                .map(|r| Some(cell(r, c)).filter(|v| !v.is_empty()))
                .collect();
            Column::new(c.as_str().into(), values)
        })
        .collect();
    let mut df = DataFrame::new_infer_height(cols).map_err(to_io)?;
    write_atomic(path, |w| {
        ParquetWriter::new(w)
            .finish(&mut df)
            .map(|_| ())
            .map_err(to_io)
    })
}
