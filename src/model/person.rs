use super::{AsOf, CareStatus, PersonId, PlaceId, Role};
use serde::Serialize;

/// A person in the data, with a role that never changes during analysis.
///
/// Children are never scored: they get a context summary. A `Perpetrator` under 18 is
/// flagged as possibly exploited too (docs/design.md §1.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Dense id.
    pub id: PersonId,
    /// `person_id` as given in the input.
    pub key: String,
    /// What the person is to the concern.
    pub role: Role,
    /// Year of birth, if recorded.
    pub birth_year: Option<i32>,
    /// A looked-after child (in care). `None`: not recorded.
    pub looked_after: Option<bool>,
    /// The child's legal status in care (care order, s.20 accommodation, …). `None`:
    /// not recorded.
    pub care_status: Option<CareStatus>,
    /// Name; never written unless an identity reveal is requested with a purpose.
    pub display_name: Option<String>,
    /// For disproportionality monitoring only; never shown per person.
    pub sex: Option<String>,
    /// For disproportionality monitoring only; never shown per person.
    pub ethnicity: Option<String>,
    /// Home address, if recorded.
    pub home: Option<PlaceId>,
}

impl Person {
    /// Age in whole years at `as_of`, as the range the birth year allows:
    /// `(as_of year − birth year − 1, as_of year − birth year)`.
    ///
    /// # Units
    /// Years. `None` when the birth year is not recorded.
    pub fn age_range(&self, as_of: AsOf) -> Option<(i32, i32)> {
        self.birth_year.map(|y| {
            let max = as_of.year() - y;
            ((max - 1).max(0), max)
        })
    }
}
