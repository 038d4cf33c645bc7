//! What ingest made of a dataset's files, as the outputs summarise it: the rows it kept
//! out, per table, and what it noticed while reading them. Built by ingest
//! (`Loaded::intake`), read by the report, which never sees ingest itself.

/// Rows rejected per table and notes on reading the tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intake {
    /// Tables with rejected rows, in table order: the table's name, rows rejected, and
    /// the most common problem (empty when none was recorded).
    pub rejected: Vec<(String, usize, String)>,
    /// Rows rejected in all.
    pub rejected_total: usize,
    /// Notes on how tables were read (legacy gradings), `table: note`, in table order.
    pub notes: Vec<String>,
}
