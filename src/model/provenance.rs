use super::{AsOf, Grading, Handling};
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::Serialize;

/// Where a record came from and how long it may be used (docs/design.md §1.4).
/// Every event and link carries one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Provenance {
    /// The 3x5x2 grading, if the record was graded.
    pub grading: Option<Grading>,
    /// The handling code of an ungraded record, from its `handling` column (a graded
    /// record's code is in its grading).
    pub handling: Option<Handling>,
    /// The grading was the two-character legacy form (`2B`): source and information,
    /// the handling code from the `handling` column or, failing that, taken as `C`.
    pub legacy_grading: bool,
    /// A legacy grading with no handling code recorded anywhere: taken as `C`.
    pub handling_assumed: bool,
    /// The source system (e.g. `niche`, `mosaic`, `rhi_provider`).
    pub source: Option<CompactString>,
    /// The record's reference in its source system.
    pub source_ref: Option<CompactString>,
    /// After this date the record is expired and drops out of analysis.
    pub review_by: Option<NaiveDate>,
}

impl Provenance {
    /// Whether the record is past its review date at `as_of`.
    pub fn is_expired(&self, as_of: AsOf) -> bool {
        self.review_by.is_some_and(|d| d < as_of.0)
    }

    /// Whether the record carries handling code C (sharing only with conditions).
    pub fn is_handling_c(&self) -> bool {
        self.grading
            .map_or(self.handling, |g| Some(g.handling))
            .is_some_and(|h| h == Handling::Conditions)
    }
}

/// Why a record is left out of analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Exclusion {
    /// Past its review date.
    Expired,
    /// Handling code C, in a run for partners.
    HandlingC,
}

/// Which records analysis may use (docs/design.md §1.4): records past their review date
/// drop out unless a purpose was given to include them; handling-code C records drop out
/// of runs whose outputs go to partners, so they cannot shape anything partners see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Admission {
    /// Use records past their review date (needs a stated purpose).
    pub include_expired: bool,
    /// Use handling-code C records (false for partner runs).
    pub include_handling_c: bool,
}

impl Default for Admission {
    fn default() -> Self {
        Admission {
            include_expired: false,
            include_handling_c: true,
        }
    }
}

impl Admission {
    /// Why a record with this provenance is left out at `as_of`, if it is.
    pub fn exclusion(&self, p: &Provenance, as_of: AsOf) -> Option<Exclusion> {
        if !self.include_handling_c && p.is_handling_c() {
            Some(Exclusion::HandlingC)
        } else if !self.include_expired && p.is_expired(as_of) {
            Some(Exclusion::Expired)
        } else {
            None
        }
    }
}
