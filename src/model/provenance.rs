use super::{AsOf, Grading};
use chrono::NaiveDate;
use serde::Serialize;

/// Where a record came from and how long it may be used (DESIGN.md §2.4).
/// Every event and link carries one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Provenance {
    /// The 3x5x2 grading, if the record was graded.
    pub grading: Option<Grading>,
    /// The source system (e.g. `niche`, `mosaic`, `rhi_provider`).
    pub source: Option<String>,
    /// The record's reference in its source system.
    pub source_ref: Option<String>,
    /// After this date the record is expired and drops out of analysis.
    pub review_by: Option<NaiveDate>,
}

impl Provenance {
    /// Whether the record is past its review date at `as_of`.
    pub fn is_expired(&self, as_of: AsOf) -> bool {
        self.review_by.is_some_and(|d| d < as_of.0)
    }
}
