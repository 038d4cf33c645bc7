//! Co-presence read against footfall: how far the meetings at a place are more than its
//! busyness gives by chance.
//!
//! Two people recorded at one place within the co-presence window, in different
//! records, may have been together; at a station that holds a twentieth of an area's
//! records, hundreds of pairs are recorded there twice within three hours of each other
//! by unrelated timing alone. The place score already reads its child–person-of-concern
//! pairs apart against that baseline (the Knox test, [`crate::score::chance`]); the
//! connection score reads every co-presence tie the same way: a co-presence at a place
//! counts as far as the pairs seen there twice in different records are beyond what
//! chance gives,
//!
//! `f = max(0, 1 − E / O)`, `E = Σ_{i<j} P(Poisson(a_i · a_j · 2w / T) ≥ 2)`,
//!
//! `a_i` the records there naming person i, `w` the co-presence window, `T` the period
//! of the records the network was built from at places (after snapping), and `O` the
//! pairs with two co-presences or more there. At a quiet place `E` is a small fraction
//! of one pair and `f` is 1; at a busy one it is near 0. Being in
//! the same record is being together: shared records and recorded links are never read
//! against footfall.

use super::Settings;
use super::chance::{beyond_chance, expected_chance_pairs_among, study_period_s};
use super::study::{Period, PlaceCoPresence};
use crate::graph::Network;
use crate::model::{Dataset, EventId, PlaceId};
use std::collections::HashMap;

/// Per place (by place index): the share of each co-presence there that is beyond
/// chance, in `[0, 1]`; with each record's place as the network holds it (after
/// snapping), by event index.
#[derive(Debug, Clone)]
pub(crate) struct CoPresenceChance {
    beyond: Vec<f64>,
    place_of: Vec<Option<PlaceId>>,
    /// The first and last of the records the network holds at places, in this run.
    pub(super) attendance: Period,
    /// This run's places where a pair was seen twice or more, with their records.
    pub(super) own: Vec<PlaceCoPresence>,
}

impl CoPresenceChance {
    /// Reads every place's co-presence ties against its footfall.
    ///
    /// # Complexity
    /// O(attendance + co-presences + Σ over places of d², d the distinct record counts
    /// of the people there).
    pub(crate) fn new(d: &Dataset, network: &Network, settings: &Settings) -> Self {
        let places = d.places.len();
        // Records naming each person at each place, and each record's place, as the
        // network's attendance holds them (the records it was built from, snapped).
        let mut records: Vec<Vec<u32>> = vec![Vec::new(); places];
        let mut place_of: Vec<Option<PlaceId>> = vec![None; d.events.len()];
        for p in &d.people {
            for (place, events) in network.places_of(p.id) {
                records[place.index()].push(events.len() as u32);
                for e in events {
                    place_of[e.index()] = Some(place);
                }
            }
        }
        // The pairs seen there twice or more in different records within the window.
        let mut seen = vec![0usize; places];
        let mut showings: HashMap<PlaceId, usize> = HashMap::new();
        for (_, _, t) in network.ties() {
            showings.clear();
            for (a, _) in &t.co_presence {
                if let Some(place) = place_of[a.index()] {
                    *showings.entry(place).or_default() += 1;
                }
            }
            for (place, &n) in &showings {
                if n >= 2 {
                    seen[place.index()] += 1;
                }
            }
        }
        // `2w / T`: the chance that two records at unrelated times over the period `T`
        // of the records read here fall within the window `w` of each other.
        // The period is the study's, summed over its areas, for a run over one of them.
        let window = settings.network.co_presence_hours * 3600.0;
        let attendance = Period::of(
            place_of
                .iter()
                .zip(&d.events)
                .filter(|(p, _)| p.is_some())
                .map(|(_, e)| e.occurred_at),
        );
        let period = settings.study.as_ref().map_or(attendance, |s| s.attendance);
        let rate = (2.0 * window / study_period_s(&period, window)).min(1.0);
        let factor =
            |counts: &[u32], o: usize| beyond_chance(expected_chance_pairs_among(counts, rate), o);
        let mut beyond = vec![1.0; places];
        match settings
            .study
            .as_deref()
            .filter(|s| !s.co_presence.is_empty())
        {
            // Over a network gathered from several areas, each place is read against all
            // of its records, as the study's areas hold them.
            Some(s) => {
                for c in &s.co_presence {
                    if let Some(p) = d.place_by_key(&c.place_id) {
                        beyond[p.id.index()] = factor(&c.records, c.seen as usize);
                    }
                }
            }
            None => {
                for i in (0..places).filter(|&i| seen[i] > 0) {
                    beyond[i] = factor(&records[i], seen[i]);
                }
            }
        }
        let own = (0..places)
            .filter(|&i| seen[i] > 0)
            .map(|i| PlaceCoPresence {
                place_id: d.places[i].key.clone(),
                records: std::mem::take(&mut records[i]),
                seen: seen[i] as u64,
            })
            .collect();
        CoPresenceChance {
            beyond,
            place_of,
            attendance,
            own,
        }
    }

    /// The share of a co-presence that is beyond chance, by the place of `a`, one of its
    /// two records (both are at the same place).
    pub(crate) fn of(&self, a: EventId) -> f64 {
        self.place_of[a.index()].map_or(1.0, |p| self.beyond[p.index()])
    }
}
