//! The place's hotspot score as the assessment shows it: rank, total, and each
//! component with what it measures, withheld from partners with the counts it comes
//! from.

use crate::model::disclosure::{Count, Derived};
use crate::score::PlaceComponent;
use serde::Serialize;

/// One component of the hotspot score, explained.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentLine {
    /// Its name.
    pub name: PlaceComponent,
    /// Its points (withheld for partners where it would give a small count away).
    pub points: Derived,
    /// What it measures.
    pub meaning: &'static str,
}

/// The place's hotspot score.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    /// Rank among all places (1 = highest).
    pub rank: usize,
    /// Places ranked.
    pub of: usize,
    /// The total, points.
    pub total: Derived,
    /// Its components.
    pub components: Vec<ComponentLine>,
    /// Events that counted.
    pub events: Count,
    /// Gi* z of the place's cell (all events).
    pub cell_gi_z: f64,
    /// Whether that cell is a significant hot spot (5% false discovery rate).
    pub cell_hot: bool,
}

/// The score as the assessment shows it: rank, total, components with what each
/// measures, events, and the cell's Gi*.
pub(super) fn score_view(
    la: &crate::score::LocationAnalysis,
    s: &crate::score::PlaceScore,
) -> ScoreView {
    let m = &s.measures;
    let counts = |n: usize| Count(n as u64);
    let components = shown_components(s)
        .into_iter()
        .map(|(name, points)| ComponentLine {
            name,
            points,
            meaning: name.meaning(),
        })
        .collect();
    ScoreView {
        rank: s.rank,
        of: la.ranking.len(),
        total: shown_total(s),
        components,
        events: counts(m.events),
        cell_gi_z: s.cell_z,
        cell_hot: s.cell_hot,
    }
}

/// A place's total score, withheld from partners when a count of people behind it is
/// small (as `hotspots.csv` does).
pub fn shown_total(s: &crate::score::PlaceScore) -> Derived {
    let m = &s.measures;
    Derived {
        value: s.total,
        from: vec![
            m.children as u64,
            m.persons_of_concern as u64,
            m.pairs as u64,
            m.repeat_found as u64,
            m.found_at_night as u64,
            m.found_with_poc as u64,
            m.shared_poc_children as u64,
        ],
    }
}

/// A place's components, each withheld from partners with the count it comes from.
pub fn shown_components(s: &crate::score::PlaceScore) -> Vec<(PlaceComponent, Derived)> {
    use PlaceComponent as C;
    let m = &s.measures;
    s.components
        .named()
        .into_iter()
        .map(|(component, value)| {
            let from = match component {
                C::Intensity => vec![m.events as u64],
                C::Children => vec![m.children as u64],
                C::PersonsOfConcern => vec![m.persons_of_concern as u64],
                C::CoPresence => vec![m.pairs as u64],
                C::RepeatFound => vec![m.repeat_found as u64],
                C::FoundAtNight => vec![m.found_at_night as u64],
                C::FoundWithPersonOfConcern => vec![m.found_with_poc as u64],
                C::SharedPersonOfConcern => vec![m.shared_poc_children as u64],
                // The area's and the groups' terms rest on no count of people here.
                C::GiStar | C::PeerGroups => vec![],
            };
            (component, Derived { value, from })
        })
        .collect()
}
