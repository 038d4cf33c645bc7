//! Ingest: reading the tables of a dataset folder, validating every row against the data
//! contract (docs/design.md §3), and quarantining what fails with a reason.
//!
//! This is the only module where polars appears; its errors are wrapped here once.
//! The invariant, per table: rows read = rows accepted + rows rejected.

/// Errors that stop a whole table or dataset from being read.
pub(crate) mod error;
pub use error::{IngestError, TableError};

/// The tables of the data contract and their columns.
pub(crate) mod table;
pub use table::Table;

/// Finding a table's file and decoding its bytes.
pub(crate) mod source;

/// A table as read: every cell as text, via polars.
pub(crate) mod raw;
pub use raw::{RawTable, RowAt};

/// Checking one row's fields, collecting every problem found.
pub(crate) mod row;
pub use row::{Reason, RowCheck};

/// Which ids were accepted and which rejected, for reference checks.
pub(crate) mod keys;

/// Per-table validators.
pub(crate) mod validate;

/// Rejected rows, their reasons, and the `rejected/<table>.csv` files.
pub(crate) mod quarantine;
pub use quarantine::{Quarantine, Rejection, TableReport};

/// Counting two-character legacy gradings per table, with a note.
pub(crate) mod legacy;
pub use legacy::LegacyGradings;

/// Loading a whole dataset folder.
pub mod load;
pub use load::{IngestOptions, Loaded, load};

/// Converting a data.police.uk street-level crime file into the data contract.
pub mod police_uk;

/// A check for easting and northing swapped in an export.
pub(crate) mod swapped;

/// Importing agency extracts with a declarative profile.
pub mod import;
