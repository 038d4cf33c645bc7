//! The place hotspot score: a sum of named components, each traced to the events behind
//! it (docs/design.md §4.3, principle §1.2).
//!
//! Every component is computed from the place's **evidence records**: children found at
//! their own home or placement are returns and count for nothing, and children's records
//! with no person of concern count only where the place has a concern signal (see
//! [`crate::score::place_records`]): a place where children are found or seen, and
//! nothing else is recorded, is where children gather, listed as such (`gathering`), not
//! a hotspot. Such a place scores nothing, not even its area term (`gi_star` counts for a
//! place with evidence records of its own, or in proportion to its concern), so it can
//! never outrank a place where a child and a person of concern were recorded together,
//! which scores `co_presence` and more.
//!
//! | component | value | why |
//! |---|---|---|
//! | `intensity` | `a · ln(1 + W / s) · u`, W the place's weighted evidence records, u how far its harm is about children: `min(1, children_linked + X / concern_weight)`, X the weight of its records of an exploitation category or Makesafe calls | evidence of harm at the place; logarithmic so that volume alone cannot make a hotspot; this is a ranking of places where children are exploited, so drug supply or violence among adults at a station where no child is linked weighs nothing here (it is the area's harm, in the grid and Gi*, and the `gi_star` term of the places around it), while CSE intelligence about a hotel that names no child counts in full |
//! | `children` | `b ·` children linked: each child counts `min(1, W / L)`, W the weight of the evidence records involving them, L the `link_weight`; children recorded there only alone (no person of concern with them) count from their second record there, or from one that ties them to the place by what it is (found there after a missing episode, of an exploitation category, a Makesafe call), and together for at most `K / L` children, K the weight of the place's concern records *about children* (naming a child, of an exploitation category, or a Makesafe call); and the children alone count beyond chance: each `clamp((A − E) / A, 0, 1)`, A the children alone meeting that rule and E the number that would meet it there by chance for the place's share of children's records ([`crate::score::chance`]) | exploitation is about children, not incident counts; conditioned on a concern signal at the place, so congregation is not exploitation; and drug supply or violence recorded among adults at a busy station does not make every child who passes through it a victim of it, while CSE and CCE are the exploitation of children by definition; one stop or ASB report of a child alone is a child passing through, as one co-presence in different records is a chance meeting, while where a missing child was found is where they were; and at a station that holds a twentieth of children's records, children recorded there alone twice are what its footfall gives (a rate, not a count: Eck, Clarke & Guerette 2007) |
//! | `persons_of_concern` | `c ·` persons of concern linked by their records *with children* there: each counts `min(1, Σ w / L)`, summed over the children they were seen with (the `co_presence` pairs' weights) | the sources of harm to children; adults of concern passing through a busy place without children are its intensity, not its exploitation |
//! | `co_presence` | `d ·` distinct child–person-of-concern pairs seen together, each counting `min(1, w / L)`, w the weight of the weaker record of its strongest showing: in one record, from the first showing; in different records at the place within the co-presence window (unless more than `co_presence_cap` people are there), from the second, at the weaker of its two best, and times the share beyond chance, `max(0, 1 − E / O)`, O such pairs and E the number unrelated timing at the place's footfall would give (the Knox baseline, [`crate::score::chance`]) | the signature of exploitation; weighted like a person's link, so one chance low-grade record is not a full pair; and once in different records is a chance meeting, as for a tie between two people ([`crate::score::connection`]); at a busy place, twice is too, as often as chance gives it; in one record, never |
//! | `repeat_found` | `g ·` children found there (missing episode) more than once | a child repeatedly found at the same place is drawn to it |
//! | `found_at_night` | `h ·` children found or seen there between 21:00 and 06:00 | the hours exploitation happens |
//! | `found_with_person_of_concern` | `i ·` children found or seen there in the same record as a person of concern | the adult is with the child |
//! | `shared_person_of_concern` | `j ·` Σ over persons of concern of the children found or seen with them there beyond the first | one adult with several children at one place: grooming a group |
//! | `gi_star` | `e · min(5, max(0, z)) · a`, z the Gi* of the place's cell with the place's own events taken out; a = 1 for a place with evidence records of its own, otherwise its concern (0 with no records, or only children's records and no concern signal) | the place sits in a significant cluster of harm; the area is not the place, so a place with nothing of its own, or only where children gather, gets nothing from it |
//! | `peer_groups` | `f ·` peer groups meeting there (two members recorded there together: one event, or in different events within the co-presence window twice or more), times the place's concern about children (`min(1, K / concern_weight)`) and by the children linked to it (`min(1, children_linked)`) | groups of young people gathering where they are at risk; classmates recorded together at a school, strangers at a station once, or friends passing through a station where no child is linked, are not; filled in by the network engine ([`crate::score::LocationAnalysis::add_peer_groups`]) |
//!
//! A person's link is as strong as the records behind it, as an event's weight is: a
//! child named once in a low-grade (3D) intelligence report counts 0.03, a person of
//! concern seen with a child in a recent CSE sighting graded 1A counts 1, and a person
//! of concern recorded there with no child counts nothing towards `persons_of_concern`
//! (their records still make its intensity). Without this, a station with thousands of
//! records would rank on the sheer number of people who pass through it.
//!
//! Each component is monotone in the place's own evidence, so adding a record in which
//! a child and a person of concern are together, or a record naming neither, never
//! lowers its score (a new concern signal only turns children's records into evidence;
//! a return or a routine record changes nothing). Records of a child alone or an adult
//! of concern alone are also the place's footfall, which the chance baselines read as a
//! rate: at a busy place one more of them can lower what its children alone and pairs
//! apart count ([`crate::score::chance`]). (The peer-group term counts groups from a partition of
//! the whole network, which evidence anywhere can redraw; the guarantee holds with the
//! partition fixed. And a co-presence window holding more people than the network's
//! `co_presence_cap`, 50, pairs only people in the same event, as the network does: the
//! record that makes a window that crowded takes away the pairs between its other
//! events, because being at a packed station at once is not being together.) The Gi* term leaves the place's own events out so they
//! are not counted twice, which also keeps it fixed when the place's own evidence grows.

use super::ScoreCoefficients;
use super::component::PlaceComponent;
use super::place_records::ConcernSignal;
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
    /// Children found there more than once.
    pub repeat_found: f64,
    /// Children found or seen there at night.
    pub found_at_night: f64,
    /// Children found or seen there with a person of concern in the same record.
    pub found_with_person_of_concern: f64,
    /// Several children found or seen there with the same person of concern.
    pub shared_person_of_concern: f64,
    /// Area Gi* significance.
    pub gi_star: f64,
    /// Peer groups meeting at the place (filled in by the network engine).
    pub peer_groups: f64,
}

impl Components {
    /// Component names, in output order.
    pub const NAMES: [&'static str; 10] = {
        let mut names = [""; 10];
        let mut i = 0;
        while i < names.len() {
            names[i] = PlaceComponent::ALL[i].as_str();
            i += 1;
        }
        names
    };

    /// The components as `(component, points)`, in [`PlaceComponent::ALL`] order.
    pub fn named(&self) -> [(PlaceComponent, f64); 10] {
        use PlaceComponent as C;
        [
            (C::Intensity, self.intensity),
            (C::Children, self.children),
            (C::PersonsOfConcern, self.persons_of_concern),
            (C::CoPresence, self.co_presence),
            (C::RepeatFound, self.repeat_found),
            (C::FoundAtNight, self.found_at_night),
            (
                C::FoundWithPersonOfConcern,
                self.found_with_person_of_concern,
            ),
            (C::SharedPersonOfConcern, self.shared_person_of_concern),
            (C::GiStar, self.gi_star),
            (C::PeerGroups, self.peer_groups),
        ]
    }

    /// The sum of the components, in points.
    pub fn total(&self) -> f64 {
        self.named().iter().map(|(_, v)| v).sum()
    }

    /// The non-zero components, largest first (ties in output order).
    pub fn leading(&self) -> Vec<(PlaceComponent, f64)> {
        let mut v: Vec<(PlaceComponent, f64)> =
            self.named().into_iter().filter(|(_, x)| *x > 0.0).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }
}

/// The evidence a place's measures were computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Every evidence record at the place, in time order.
    pub events: Vec<EventId>,
    /// The events that put a child and a person of concern together.
    pub co_presence: Vec<EventId>,
    /// The records behind the indicator components (found repeatedly, at night, with a
    /// person of concern), in time order.
    pub indicators: Vec<EventId>,
    /// Children found at their own home or placement: returns, not counted.
    pub returns: Vec<EventId>,
    /// Children's records that are not exploitation evidence: where children gather.
    pub gathering: Vec<EventId>,
}

/// What was measured at a place, before weighting into points.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Measures {
    /// Evidence records that counted.
    pub events: usize,
    /// Their total weight.
    pub weight: f64,
    /// The concern signals at the place (see [`crate::score::place_records`]).
    pub concern: Vec<ConcernSignal>,
    /// Children found at their own home or placement: records not counted.
    pub returns: usize,
    /// Children's records that are not exploitation evidence.
    pub gathering_records: usize,
    /// Distinct children in them.
    pub gathering_children: usize,
    /// Whether the place is where children gather: at least `gathering_children`
    /// (setting) distinct children in records that are not exploitation evidence.
    pub gathering: bool,
    /// Children found there more than once.
    pub repeat_found: usize,
    /// Children found or seen there at night.
    pub found_at_night: usize,
    /// Children found or seen there with a person of concern.
    pub found_with_poc: usize,
    /// Children found or seen with the same person of concern, beyond the first, summed
    /// over persons of concern.
    pub shared_poc_children: usize,
    /// Distinct children recorded at the place.
    pub children: usize,
    /// Distinct persons of concern recorded at the place.
    pub persons_of_concern: usize,
    /// Children linked, each counting `min(1, W / link_weight)` by the weight W of their
    /// records at the place.
    pub children_linked: f64,
    /// Persons of concern linked by their records with children there, each counting
    /// `min(1, Σ w / link_weight)` over the children they were seen with.
    pub persons_of_concern_linked: f64,
    /// Distinct co-present child–person-of-concern pairs.
    pub pairs: usize,
    /// Those pairs, each counting `min(1, w / link_weight)`, w the weight of the weaker
    /// record of its strongest showing; a pair seen only in different records counts
    /// that times the share beyond chance, `max(0, 1 − pairs_by_chance / pairs_apart)`.
    pub pairs_linked: f64,
    /// The pairs seen only in different records within the window (never in one).
    pub pairs_apart: usize,
    /// The number of such pairs unrelated timing would give at the place's footfall (the
    /// Knox baseline, see [`crate::score::chance`]).
    pub pairs_by_chance: f64,
    /// Children recorded at the place alone (no person of concern in their records there)
    /// twice, or once in a record that ties them to it.
    pub children_alone: usize,
    /// The number of children that would meet that rule there by chance, for the place's
    /// share of children's records (see [`crate::score::chance`]); the children alone
    /// count as far as the place shows more.
    pub children_by_chance: f64,
    /// The place's concern in `[0, 1]`: children's records with no person of concern
    /// count this times their weight (see [`crate::score::place_records`]).
    pub concern_factor: f64,
    /// The place's concern about children in `[0, 1]`, `min(1, child_concern_weight /
    /// concern_weight)`: its concern records that name a child, carry an exploitation
    /// category or are Makesafe calls (see [`crate::score::place_records`]).
    pub child_concern_factor: f64,
    /// How far the harm recorded at the place is about children, in `[0, 1]`:
    /// `min(1, children_linked + exploitation_weight / concern_weight)`, the weight of its
    /// records of an exploitation category or Makesafe calls over the `concern_weight`
    /// setting. Scales `intensity`.
    pub about_children: f64,
    /// Gi* z of the place's cell without the place's own events.
    pub area_z: f64,
    /// How far the area's harm is the place's concern, in `[0, 1]`: 1 for a place with
    /// evidence records of its own, otherwise its `concern_factor` (0 for a place with no
    /// records, or whose only records are children's with no concern signal).
    pub area_factor: f64,
    /// Peer groups meeting at the place.
    pub peer_groups: usize,
}

impl Measures {
    /// Turns measures into points.
    pub fn components(&self, k: &ScoreCoefficients) -> Components {
        Components {
            // Harm among adults alone (drug supply, violence at a station where no child is
            // linked) is the neighbourhood's, shown in the grid and Gi*; it weighs here as
            // far as the place's harm is about children.
            intensity: k.intensity
                * (self.weight / k.intensity_scale).ln_1p()
                * self.about_children,
            children: k.child * self.children_linked,
            persons_of_concern: k.person_of_concern * self.persons_of_concern_linked,
            co_presence: k.co_presence * self.pairs_linked,
            repeat_found: k.repeat_found * self.repeat_found as f64 * self.concern_factor,
            found_at_night: k.found_at_night * self.found_at_night as f64 * self.concern_factor,
            found_with_person_of_concern: k.found_with_person_of_concern
                * self.found_with_poc as f64,
            shared_person_of_concern: k.shared_person_of_concern * self.shared_poc_children as f64,
            // The area counts for a place with records of its own that are evidence: a
            // youth club in a busy area is not where the area's harm happens.
            gi_star: k.gi_star * self.area_z.clamp(0.0, 5.0) * self.area_factor,
            // Young people meeting count where the concern there is about children and a
            // child is linked to the place: a group of classmates recorded together at a
            // school, or friends passing through a station, is not exploitation.
            peer_groups: k.peer_group
                * self.peer_groups as f64
                * self.child_concern_factor
                * self.children_linked.min(1.0),
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
