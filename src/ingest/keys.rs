//! Which ids each table accepted and which it rejected, so a row that refers to an id
//! can say exactly why the reference fails.

use super::{Reason, Table};
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};

/// The ids of one table: accepted (with their dense index) and rejected. Ids are held
/// inline (up to 24 bytes), so accepting one allocates nothing.
#[derive(Debug, Default)]
pub struct KeySet {
    accepted: HashMap<CompactString, u32>,
    rejected: HashSet<CompactString>,
}

impl KeySet {
    /// An empty set with room for `ids` accepted ids (a table's rows), so it is not
    /// rehashed as it grows.
    pub fn with_capacity(ids: usize) -> Self {
        KeySet {
            accepted: HashMap::with_capacity(ids),
            rejected: HashSet::default(),
        }
    }

    /// Records an accepted id at dense index `index`.
    pub fn accept(&mut self, key: &str, index: u32) {
        self.accepted.insert(key.into(), index);
    }

    /// Records a rejected id.
    pub fn reject(&mut self, key: &str) {
        if !self.accepted.contains_key(key) {
            self.rejected.insert(key.into());
        }
    }

    /// Resolves a reference from `column` to an id of `table`.
    ///
    /// # Errors
    /// A reason naming whether the id was rejected or never existed.
    pub fn resolve(&self, column: &str, key: &str, table: Table) -> Result<u32, Reason> {
        if let Some(i) = self.accepted.get(key) {
            return Ok(*i);
        }
        let clipped = super::row::clip(key);
        if self.rejected.contains(key) {
            Err(Reason::column(
                column,
                "refers to a rejected id",
                format!(
                    "'{clipped}' refers to a {} row that was rejected (see rejected/{}.csv)",
                    table, table
                ),
            ))
        } else {
            Err(Reason::column(
                column,
                "unknown id",
                format!("'{clipped}' is not in {table}"),
            ))
        }
    }
}
