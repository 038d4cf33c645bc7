//! The report's tables of places and persons: the top places with their points by
//! component, premises-type risk, and the leading persons of concern.

use super::TOP_PERSONS_OF_CONCERN;
use crate::assess::place::{shown_components, shown_total};
use crate::model::{Dataset, PersonId};
use crate::privacy::{Count, Derived, Records};
use crate::score::{LocationAnalysis, NetworkAnalysis};
use serde::Serialize;

/// A row of the top places table.
#[derive(Debug, Clone, Serialize)]
pub struct TopPlace {
    /// Rank.
    pub rank: usize,
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Score.
    pub total: Derived,
    /// Components, `(name, points)`.
    pub components: Vec<(String, Derived)>,
    /// Events.
    pub events: Count,
    /// Children.
    pub children: Count,
    /// Persons of concern.
    pub persons_of_concern: Count,
}

/// A row of the premises-type table.
#[derive(Debug, Clone, Serialize)]
pub struct PremisesRow {
    /// Kind.
    pub kind: String,
    /// Premises of the kind.
    pub premises: usize,
    /// Events at them.
    pub events: Count,
    /// Relative risk.
    pub relative_risk: f64,
    /// 95% interval.
    pub ci: (f64, Option<f64>),
}

/// A person of concern in the report's list.
#[derive(Debug, Clone, Serialize)]
pub struct PocRow {
    /// Rank.
    pub rank: usize,
    /// The person.
    pub person: PersonId,
    /// Connection score.
    pub total: f64,
    /// Leading components.
    pub leading: String,
    /// Under 18: may also be exploited.
    pub may_also_be_exploited: bool,
    /// Share of evidence from one source system.
    pub top_source_share: f64,
}

/// The top places' table rows: rank, score and the points by component.
pub(super) fn top_places(d: &Dataset, top: &[&crate::score::PlaceScore]) -> Vec<TopPlace> {
    top.iter()
        .map(|s| {
            let p = &d.places[s.place.index()];
            TopPlace {
                rank: s.rank,
                place_id: p.key.clone(),
                name: p.name.clone(),
                kind: p.kind.to_string(),
                total: shown_total(s),
                components: shown_components(s)
                    .into_iter()
                    .map(|(n, v)| (n.to_string(), v))
                    .collect(),
                events: Count(s.measures.events as u64),
                children: Count(s.measures.children as u64),
                persons_of_concern: Count(s.measures.persons_of_concern as u64),
            }
        })
        .collect()
}

/// The leading persons of concern, each with the three components that score most.
pub(super) fn poc_rows(na: &NetworkAnalysis) -> Records<Vec<PocRow>> {
    Records(
        na.connections
            .iter()
            .take(TOP_PERSONS_OF_CONCERN)
            .map(|s| {
                let parts = s.components.leading();
                PocRow {
                    rank: s.rank,
                    person: s.person,
                    total: (s.total * 10.0).round() / 10.0,
                    leading: parts
                        .iter()
                        .take(3)
                        .map(|(n, v)| format!("{n} {v:.1}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    may_also_be_exploited: s.may_also_be_exploited,
                    top_source_share: (s.top_source_share * 100.0).round() / 100.0,
                }
            })
            .collect(),
    )
}

/// Relative risk by premises type, rounded to two places.
pub(super) fn premises_rows(la: &LocationAnalysis) -> Vec<PremisesRow> {
    la.premises_types
        .iter()
        .map(|r| PremisesRow {
            kind: r.kind.to_string(),
            premises: r.premises,
            events: Count(r.events as u64),
            relative_risk: (r.relative_risk * 100.0).round() / 100.0,
            ci: (
                (r.ci_low * 100.0).round() / 100.0,
                r.ci_high.map(|h| (h * 100.0).round() / 100.0),
            ),
        })
        .collect()
}
