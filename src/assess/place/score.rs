//! The place's hotspot score as the assessment shows it: rank, total, and each
//! component with what it measures, withheld from partners with the counts it comes
//! from.

use crate::model::disclosure::{Count, Derived};
use crate::score::Components;
use serde::Serialize;

/// One component of the hotspot score, explained.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentLine {
    /// Its name.
    pub name: &'static str,
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
            meaning: component_meaning(name),
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

/// What each score component measures, in words.
fn component_meaning(name: &str) -> &'static str {
    match name {
        "intensity" => "weighted events at the place (kind × grading × recency), logarithmic",
        "children" => {
            "children recorded at the place, each counted up to 1 by the weight of their records there (records with no person of concern in proportion to the concern recorded at the place, and for no more children than its concern about children weighs; a child recorded there only alone counts from their second record, or from one finding them there after a missing episode, of an exploitation category or a Makesafe call)"
        }
        "persons_of_concern" => {
            "persons of concern recorded at the place with children, each counted up to 1 by the weight of those records"
        }
        "co_presence" => {
            "children and persons of concern seen together: in one record, or in different records within the co-presence window more than once"
        }
        "repeat_found" => "children found at the place after a missing episode more than once",
        "found_at_night" => "children found or seen at the place between 21:00 and 06:00",
        "found_with_person_of_concern" => {
            "children found or seen at the place in the same record as a person of concern"
        }
        "shared_person_of_concern" => {
            "several children found or seen at the place with the same person of concern"
        }
        "gi_star" => {
            "the place's area is a significant cluster of harm (Gi*, the place's own events left out)"
        }
        "peer_groups" => {
            "peer groups whose members are seen there together (in one record, or within the co-presence window more than once), in proportion to the concern about children recorded at the place"
        }
        _ => "",
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
pub fn shown_components(s: &crate::score::PlaceScore) -> Vec<(&'static str, Derived)> {
    let m = &s.measures;
    Components::NAMES
        .iter()
        .zip(s.components.named())
        .map(|(name, (_, value))| {
            let from = match *name {
                "children" => vec![m.children as u64],
                "persons_of_concern" => vec![m.persons_of_concern as u64],
                "co_presence" => vec![m.pairs as u64],
                "repeat_found" => vec![m.repeat_found as u64],
                "found_at_night" => vec![m.found_at_night as u64],
                "found_with_person_of_concern" => vec![m.found_with_poc as u64],
                "shared_person_of_concern" => vec![m.shared_poc_children as u64],
                "intensity" => vec![m.events as u64],
                _ => vec![],
            };
            (*name, Derived { value, from })
        })
        .collect()
}
