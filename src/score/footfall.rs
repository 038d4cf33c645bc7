//! How busy the study's places are, for the chance baselines
//! ([`crate::score::chance`]): each place's children's records with no person of
//! concern, how many such records each child has across the study, how often such a
//! record ties a child to a place, and the study period.

use super::Settings;
use super::chance::{MIN_EFFECTIVE_PLACES, study_period_s};
use super::study::{PartialFootfall, Period, StudyFootfall};
use crate::model::{Dataset, EventId, EventKind, PersonId, PlaceId, Role};
use std::collections::BTreeMap;

/// How busy the study's places are.
///
/// Footfall is read from the records in which children, or adults of concern, are
/// recorded without the other: a record holding both is evidence in full, never
/// footfall, so adding one never raises a place's baseline.
pub(super) struct Footfall {
    /// Children's records at places with no person of concern in them, in all (a record
    /// naming two children counts twice).
    child_records: usize,
    /// The same, per place (by place index).
    child_records_at: Vec<usize>,
    /// `(n, how many children have n such records)`, for n ≥ 1.
    records_per_child: Vec<(u32, u32)>,
    /// How many of those records tie a child to the place on their own
    /// ([`ties_a_child_alone`]).
    tied: usize,
    /// Each child's count of those records (by person index).
    records_of: Vec<u32>,
    /// Per event (by event index): whether it ties a child recorded alone in it to its
    /// place ([`ties_a_child_alone`]), read once.
    ties: Vec<bool>,
    /// The sum over places of the square of their count of those records, for the
    /// effective number of places ([`Footfall::expected_children_at`]).
    sum_sq: f64,
    /// The first and last used record at a place.
    period: Period,
    /// The study period, from the first used record at a place to the last, seconds
    /// (at least the co-presence window, twice).
    pub(super) span_s: f64,
}

impl Footfall {
    /// The footfall of the records at each place (`at_place`, by place index), with the
    /// people of each event (`involved`, by event index).
    pub(super) fn new(
        d: &Dataset,
        settings: &Settings,
        at_place: &[Vec<EventId>],
        involved: &[Vec<PersonId>],
    ) -> Self {
        let ties: Vec<bool> = d
            .events
            .iter()
            .map(|e| ties_a_child_alone(d, settings, e.id))
            .collect();
        let mut records_of = vec![0u32; d.people.len()];
        let mut child_records_at = vec![0usize; at_place.len()];
        let (mut child_records, mut tied, mut sum_sq) = (0usize, 0usize, 0.0);
        for (events, here) in at_place.iter().zip(&mut child_records_at) {
            for &id in events {
                let people = &involved[id.index()];
                if !has_role(d, people, Role::Perpetrator) {
                    let children = people
                        .iter()
                        .filter(|p| d.people[p.index()].role == Role::Child);
                    for p in children {
                        records_of[p.index()] += 1;
                        *here += 1;
                        tied += usize::from(ties[id.index()]);
                    }
                }
            }
            child_records += *here;
            sum_sq += (*here as f64).powi(2);
        }
        let mut per_child: BTreeMap<u32, u32> = BTreeMap::new();
        for &n in records_of.iter().filter(|&&n| n > 0) {
            *per_child.entry(n).or_default() += 1;
        }
        let period = Period::of(
            at_place
                .iter()
                .flatten()
                .map(|id| d.events[id.index()].occurred_at),
        );
        let window_s = settings.network.co_presence_hours * 3600.0;
        let footfall = Footfall {
            child_records,
            child_records_at,
            records_per_child: per_child.into_iter().collect(),
            tied,
            records_of,
            ties,
            sum_sq,
            period,
            span_s: study_period_s(&period, window_s),
        };
        match settings.study.as_deref() {
            Some(study) => footfall.of_study(&study.footfall, window_s),
            None => footfall,
        }
    }

    /// The same places read against the study's footfall, summed over every area
    /// ([`crate::score::study`]): only each place's own count stays the area's.
    fn of_study(self, s: &StudyFootfall, window_s: f64) -> Self {
        Footfall {
            child_records: s.child_records as usize,
            records_per_child: s.records_per_child.clone(),
            tied: s.tied as usize,
            sum_sq: s.sum_sq,
            period: s.period,
            span_s: study_period_s(&s.period, window_s),
            ..self
        }
    }

    /// The area's part of the study's footfall, each child named by `pseudonym` (of
    /// their person index).
    pub(super) fn partial(&self, pseudonym: impl Fn(usize) -> String) -> PartialFootfall {
        let mut children: Vec<(String, u32)> = self
            .records_of
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, &n)| (pseudonym(i), n))
            .collect();
        children.sort();
        PartialFootfall {
            child_records: self.child_records as u64,
            tied: self.tied as u64,
            sum_sq: self.sum_sq,
            children,
            period: self.period,
        }
    }

    /// Whether record `id` ties a child recorded alone in it to its place.
    pub(super) fn ties(&self, id: EventId) -> bool {
        self.ties[id.index()]
    }

    /// The number of children that would meet the rule for a child alone at `place` by
    /// chance, for its share of the children's records: none unless the other places'
    /// records fall in effect at [`MIN_EFFECTIVE_PLACES`] places or more (the inverse
    /// Simpson index of their shares, `(Σ c)² / Σ c²`): the place's footfall is read
    /// against an area, not against an extract about a few places.
    pub(super) fn expected_children_at(&self, place: PlaceId) -> f64 {
        let here = self.child_records_at[place.index()];
        let others = self.child_records.saturating_sub(here) as f64;
        let others_sq = self.sum_sq - (here as f64).powi(2);
        if others_sq <= 0.0 || others * others / others_sq < MIN_EFFECTIVE_PLACES {
            return 0.0;
        }
        let share = here as f64 / self.child_records as f64;
        let tie_rate = rate(self.tied, self.child_records);
        super::chance::expected_children(&self.records_per_child, share, tie_rate)
    }
}

/// The share of children's records alone that tie the child to the place, `tied /
/// records`; 0 with no records.
fn rate(tied: usize, records: usize) -> f64 {
    if records == 0 {
        0.0
    } else {
        tied as f64 / records as f64
    }
}

/// Whether one record of a child alone ties the child to the place by what it is:
/// the child found there after a missing episode (where they were while missing),
/// a record of an exploitation category (`cse`, `cce`, … — the exploitation of
/// children by definition) or a Makesafe call.
pub(super) fn ties_a_child_alone(d: &Dataset, settings: &Settings, id: EventId) -> bool {
    let e = &d.events[id.index()];
    matches!(e.kind, EventKind::MakesafeCall | EventKind::MissingFound)
        || e.category
            .as_deref()
            .is_some_and(|c| settings.exploitation_categories.iter().any(|x| x == c))
}

/// Whether anyone in `people` has `role`.
pub(super) fn has_role(d: &Dataset, people: &[PersonId], role: Role) -> bool {
    people.iter().any(|p| d.people[p.index()].role == role)
}
