use super::{LinkId, LinkKind, PersonId, Provenance};
use chrono::NaiveDate;
use serde::Serialize;

/// A recorded relationship between two different people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Dense id.
    pub id: LinkId,
    /// One end.
    pub from: PersonId,
    /// The other end (never equal to `from`).
    pub to: PersonId,
    /// What the relationship is.
    pub kind: LinkKind,
    /// Since when, if recorded.
    pub since: Option<NaiveDate>,
    /// Until when, if recorded; never before `since`.
    pub until: Option<NaiveDate>,
    /// Source, grading and review date.
    pub provenance: Provenance,
}
