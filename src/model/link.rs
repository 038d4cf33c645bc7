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

impl Link {
    /// How to cite the link: its `source_ref` when recorded, else its position among the
    /// accepted links (`link 12`).
    pub fn reference(&self) -> String {
        self.provenance
            .source_ref
            .as_deref()
            .map_or_else(|| format!("link {}", self.id.0 + 1), str::to_string)
    }
}
