//! Importing real agency extracts into the data contract with a declarative profile: a
//! police records-system export, a social-care spreadsheet, an intelligence log, each
//! with its own headers, codes and date formats, mapped by one TOML file onto the
//! contract's tables (as i2 Analyst's Notebook's import specifications do), checked
//! before anything is read, and with every row accounted for:
//! per source file, rows read = rows written + rows rejected.
//!
//! Data minimisation on the way in: only mapped columns are written; a date of birth
//! mapped to `birth_year` keeps the year; narrative columns are searched for keywords
//! and never copied; names go only to `display_name`, which no output shows without a
//! reveal.

/// The profile file's shape.
pub mod profile;
pub use profile::{ProfileError, ProfileFile};

/// A cell as read from an extract.
pub(crate) mod cell;

/// Dates: formats, Excel serials, and detecting a column's format.
pub(crate) mod dates;

/// Values from free text by keyword.
pub(crate) mod keywords;

/// Postcode and UPRN lookups.
pub(crate) mod geocode;

/// Reading an extract: delimited text, Parquet, `.xlsx`.
pub(crate) mod extract;

/// A block checked and bound to its extract.
pub(crate) mod mapping;

/// Applying a plan to a row.
pub(crate) mod apply;

/// One record per id across rows and sources.
pub(crate) mod merge;

/// The per-source account and quarantine.
pub(crate) mod accounts;

/// Running an import.
pub(crate) mod run;
pub use run::{ImportError, ImportOptions, Imported, import};

/// Writing the dataset folder.
pub(crate) mod write;
pub use write::{OutputFormat, WriteError, write};

/// A starting profile from extracts' headers and first rows.
pub mod suggest;
