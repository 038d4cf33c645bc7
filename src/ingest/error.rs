use std::path::PathBuf;
use thiserror::Error;

/// A problem that stops one table from being read at all. Row-level problems are never
/// errors: they become quarantine rows.
#[derive(Debug, Error)]
pub enum TableError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Nothing in the file, not even a header.
    #[error(
        "{path}: the file is empty; a table with no rows still needs its header line ({columns})"
    )]
    Empty {
        /// The file.
        path: PathBuf,
        /// The expected header, for the hint.
        columns: String,
    },
    /// Binary content (NUL bytes) where text was expected.
    #[error(
        "{path}: this is not a text CSV file (it contains NUL bytes at byte {offset}); export the table as CSV (UTF-8) or Parquet"
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// Required columns are absent from the header.
    #[error("{path}: missing required column(s) {missing}; found {found}{hint}")]
    MissingColumns {
        /// The file.
        path: PathBuf,
        /// The missing column names.
        missing: String,
        /// The header that was found.
        found: String,
        /// What to do about it.
        hint: String,
    },
    /// A column name appears twice in the header.
    #[error("{path}: column '{column}' appears more than once in the header; keep one")]
    DuplicateColumn {
        /// The file.
        path: PathBuf,
        /// The repeated column.
        column: String,
    },
    /// The CSV or Parquet reader could not parse the file.
    #[error("{path}: cannot parse the file: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The reader's message.
        message: String,
    },
    /// A table exists both as CSV and as Parquet.
    #[error("both {csv} and {parquet} exist; keep one so it is clear which is read")]
    Ambiguous {
        /// The CSV file.
        csv: PathBuf,
        /// The Parquet file.
        parquet: PathBuf,
    },
}

/// An error that stops a dataset from being loaded.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The dataset folder does not exist or is not a folder.
    #[error(
        "{0}: no such dataset folder (a dataset is a folder holding places.csv and events.csv, or .parquet)"
    )]
    NoFolder(PathBuf),
    /// A required table is absent.
    #[error(
        "{folder}: no {table}.csv or {table}.parquet; it is required (it may have no rows, but needs its header) unless the dataset is network-only, with a links table"
    )]
    MissingTable {
        /// The dataset folder.
        folder: PathBuf,
        /// The table's name.
        table: &'static str,
    },
    /// One or more tables could not be read.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Tables(Vec<TableError>),
    /// `--as-of` was not given and cannot be inferred.
    #[error(
        "no event has a readable occurred_at (or there are no events, as in a network-only dataset of people and links), so --as-of cannot default to the latest event date; pass --as-of YYYY-MM-DD"
    )]
    NoAsOf,
}
