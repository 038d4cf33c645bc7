//! The place hotspot score: a sum of named components, each traced to the events behind
//! it (DESIGN.md §5, principle 2).
//!
//! | component | value | why |
//! |---|---|---|
//! | `intensity` | `a · ln(1 + W / s)`, W the place's weighted events | evidence of harm at the place; logarithmic so that volume alone cannot make a hotspot |
//! | `children` | `b ·` children linked: each child counts `min(1, W / L)`, W the weight of the place's events involving them, L the `link_weight` | exploitation is about children, not incident counts |
//! | `persons_of_concern` | `c ·` persons of concern linked, each counted the same way | the sources of harm |
//! | `co_presence` | `d ·` distinct child–person-of-concern pairs seen together (same event, or the same place within the co-presence window unless more than `co_presence_cap` people are there) | the signature of exploitation |
//! | `gi_star` | `e · min(5, max(0, z))`, z the Gi* of the place's cell with the place's own events taken out | the place sits in a significant cluster of harm |
//! | `peer_groups` | `f ·` peer groups meeting there (two members recorded there together: one event, or within the co-presence window) | groups of young people gathering where adults of concern find them; filled in by the network engine ([`crate::score::LocationAnalysis::add_peer_groups`]) |
//!
//! A person's link is as strong as the records behind it, as an event's weight is: a
//! person of concern named once in low-grade (3D) intelligence at a busy station counts
//! 0.03, one seen there with a child in a recent CSE sighting graded 1A counts 1. Without
//! this, a station with thousands of records would rank on the sheer number of people
//! who pass through it.
//!
//! Each component is monotone in the place's own evidence, so adding an event to a
//! place never lowers its score. (The peer-group term counts groups from a partition of
//! the whole network, which evidence anywhere can redraw; the guarantee holds with the
//! partition fixed. And a co-presence window holding more people than the network's
//! `co_presence_cap`, 50, pairs only people in the same event, as the network does: the
//! record that makes a window that crowded takes away the pairs between its other
//! events, because being at a packed station at once is not being together.) The Gi* term leaves the place's own events out so they
//! are not counted twice, which also keeps it fixed when the place's own evidence grows.

use super::ScoreCoefficients;
use crate::model::{EventId, PlaceId};
use serde::Serialize;

/// The named components of a place's score, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    /// Weighted event intensity (logarithmic).
    pub intensity: f64,
    /// Children linked (by the weight of their records).
    pub children: f64,
    /// Persons of concern linked (by the weight of their records).
    pub persons_of_concern: f64,
    /// Child–person-of-concern co-presence.
    pub co_presence: f64,
    /// Area Gi* significance.
    pub gi_star: f64,
    /// Peer groups meeting at the place (filled in by the network engine).
    pub peer_groups: f64,
}

impl Components {
    /// Component names, in output order.
    pub const NAMES: [&'static str; 6] = [
        "intensity",
        "children",
        "persons_of_concern",
        "co_presence",
        "gi_star",
        "peer_groups",
    ];

    /// The components as `(name, points)`, in [`Components::NAMES`] order.
    pub fn named(&self) -> [(&'static str, f64); 6] {
        [
            ("intensity", self.intensity),
            ("children", self.children),
            ("persons_of_concern", self.persons_of_concern),
            ("co_presence", self.co_presence),
            ("gi_star", self.gi_star),
            ("peer_groups", self.peer_groups),
        ]
    }

    /// The sum of the components, in points.
    pub fn total(&self) -> f64 {
        self.named().iter().map(|(_, v)| v).sum()
    }

    /// The non-zero components, largest first (ties in output order).
    pub fn leading(&self) -> Vec<(&'static str, f64)> {
        let mut v: Vec<(&'static str, f64)> =
            self.named().into_iter().filter(|(_, x)| *x > 0.0).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }
}

/// The evidence a place's measures were computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Every event that counted at the place, in time order.
    pub events: Vec<EventId>,
    /// The events that put a child and a person of concern together.
    pub co_presence: Vec<EventId>,
}

/// What was measured at a place, before weighting into points.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Measures {
    /// Events that counted.
    pub events: usize,
    /// Their total weight.
    pub weight: f64,
    /// Distinct children recorded at the place.
    pub children: usize,
    /// Distinct persons of concern recorded at the place.
    pub persons_of_concern: usize,
    /// Children linked, each counting `min(1, W / link_weight)` by the weight W of their
    /// records at the place.
    pub children_linked: f64,
    /// Persons of concern linked, counted the same way.
    pub persons_of_concern_linked: f64,
    /// Distinct co-present child–person-of-concern pairs.
    pub pairs: usize,
    /// Gi* z of the place's cell without the place's own events.
    pub area_z: f64,
    /// Peer groups meeting at the place.
    pub peer_groups: usize,
}

impl Measures {
    /// Turns measures into points.
    pub fn components(&self, k: &ScoreCoefficients) -> Components {
        Components {
            intensity: k.intensity * (self.weight / k.intensity_scale).ln_1p(),
            children: k.child * self.children_linked,
            persons_of_concern: k.person_of_concern * self.persons_of_concern_linked,
            co_presence: k.co_presence * self.pairs as f64,
            gi_star: k.gi_star * self.area_z.clamp(0.0, 5.0),
            peer_groups: k.peer_group * self.peer_groups as f64,
        }
    }
}

/// A place's score: rank, total, components, measures, cell statistics and evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceScore {
    /// The place.
    pub place: PlaceId,
    /// 1 for the highest total; ties broken by `place_id`.
    pub rank: usize,
    /// Sum of the components, points.
    pub total: f64,
    /// The components, points.
    pub components: Components,
    /// What was measured.
    pub measures: Measures,
    /// The grid cell the place is in, if inside the grid.
    pub cell: Option<usize>,
    /// Gi* z of that cell (all events).
    pub cell_z: f64,
    /// Benjamini–Hochberg q-value of that cell.
    pub cell_q: f64,
    /// Whether that cell is a significant hot spot.
    pub cell_hot: bool,
    /// The records behind the measures.
    pub evidence: Evidence,
}
