//! Two-character legacy gradings (`2B`: source and information, no handling code) are
//! accepted (see [`crate::model::Grading::read`]); each table says how many it had, and
//! how many of them had no handling code anywhere and are treated as `C`, so a run over
//! an old extract states what it assumed.

use super::{Table, TableReport};
use crate::model::{Event, Link, Provenance};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many accepted rows of a table carried a legacy grading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LegacyGradings {
    /// Rows graded in the two-character form.
    pub rows: usize,
    /// Of them, rows with no `handling` value: handling taken as `C` (never shown to
    /// partners).
    pub handling_assumed_c: usize,
}

impl LegacyGradings {
    fn of<'a>(records: impl Iterator<Item = &'a Provenance>) -> Self {
        let mut n = Self::default();
        for p in records.filter(|p| p.legacy_grading) {
            n.rows += 1;
            n.handling_assumed_c += usize::from(p.handling_assumed);
        }
        n
    }

    /// The note for a table's report, if it had any.
    pub fn note(&self) -> Option<String> {
        (self.rows > 0).then(|| {
            format!(
                "{} rows graded in the two-character legacy form (source and information only) were accepted; {} of them have no handling code in a handling column and are treated as C (sharing only with conditions: never in partner outputs)",
                self.rows, self.handling_assumed_c
            )
        })
    }
}

/// Fills in the events' and links' legacy-grading counts and notes.
pub fn count(reports: &mut BTreeMap<Table, TableReport>, events: &[Event], links: &[Link]) {
    let counts = [
        (
            Table::Events,
            LegacyGradings::of(events.iter().map(|e| &e.provenance)),
        ),
        (
            Table::Links,
            LegacyGradings::of(links.iter().map(|l| &l.provenance)),
        ),
    ];
    for (table, n) in counts {
        if let Some(r) = reports.get_mut(&table) {
            r.legacy_gradings = n;
            r.notes.extend(n.note());
        }
    }
}
