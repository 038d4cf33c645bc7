//! The three areas of an evaluation — the target (the place, or the person's network),
//! the buffer (a ring around a place; the people two ties away from a person) and the
//! rest of the study as control — and the events counted in each before and after.

use super::{Area, EvaluationSettings, Periods};
use crate::model::{Bng, Dataset, PersonId, PlaceId, TargetType};
use crate::pipeline::Analysis;
use crate::score::EventWeigher;
use chrono::NaiveDateTime;
use std::collections::BTreeSet;

/// Which area each event (by index) falls in: 0 target, 1 buffer, 2 control. For a
/// place: at it, within the buffer radius, elsewhere. For a person: involving them or
/// anyone tied to them, involving people two ties away, anything else.
pub(super) fn area_of<'a>(
    d: &'a Dataset,
    a: &Analysis,
    action: &crate::model::Action,
    s: &EvaluationSettings,
) -> Box<dyn Fn(usize) -> u8 + 'a> {
    match action.target.kind() {
        TargetType::Location => {
            let place = action.target.place().unwrap_or(PlaceId(0));
            let centre = d.places[place.index()].location;
            let place_of = a.location.snapped.place.clone();
            let radius = s.buffer_m;
            Box::new(move |i| {
                if place_of[i] == Some(place) {
                    0
                } else if dist(d.events[i].location, centre) <= radius {
                    1
                } else {
                    2
                }
            })
        }
        TargetType::Offender | TargetType::Victim => {
            let person = action.target.person().unwrap_or(PersonId(0));
            let ring = person_rings(d, a, person);
            Box::new(move |i| ring[i])
        }
    }
}

/// For each event, how many ties from `person` its nearest participant is: 0 the
/// person or anyone tied to them, 1 two ties away, 2 further or not tied.
fn person_rings(d: &Dataset, a: &Analysis, person: PersonId) -> Vec<u8> {
    let g = &a.network.network.persons;
    let first: BTreeSet<u32> = std::iter::once(person.0)
        .chain(g.neighbours(person.index()).iter().copied())
        .collect();
    let second: BTreeSet<u32> = first
        .iter()
        .flat_map(|&v| g.neighbours(v as usize).iter().copied())
        .filter(|w| !first.contains(w))
        .collect();
    let mut ring = vec![2u8; d.events.len()];
    for ep in &d.event_people {
        let r = if first.contains(&ep.person.0) {
            0
        } else if second.contains(&ep.person.0) {
            1
        } else {
            2
        };
        let slot = &mut ring[ep.event.index()];
        *slot = (*slot).min(r);
    }
    ring
}

/// Counts the events in each area before and after the start, raw and weighted.
pub(super) fn count_areas(
    d: &Dataset,
    a: &Analysis,
    p: &Periods,
    in_target: &dyn Fn(usize) -> u8,
) -> [Area; 3] {
    let weigher = EventWeigher::new(&a.location.settings, d.as_of);
    let mut areas: [Area; 3] = Default::default();
    // Only the events in the two periods (admitted ones: the index holds no others).
    for id in a.events.between(d, p.before_from, p.after_to) {
        let e = &d.events[id.index()];
        let w = weigher.weigh(e);
        if w.base <= 0.0 {
            continue;
        }
        let when: NaiveDateTime = e.occurred_at;
        let area = &mut areas[in_target(e.id.index()) as usize];
        if when >= p.before_from && when < p.t0 {
            area.before.0 += 1;
            area.weighted_before.value += w.base * w.grading;
        } else if when >= p.t0 && when < p.after_to {
            area.after.0 += 1;
            area.weighted_after.value += w.base * w.grading;
        }
    }
    for area in &mut areas {
        area.weighted_before.from = vec![area.before.0];
        area.weighted_after.from = vec![area.after.0];
    }
    areas
}

/// What the target, buffer and control areas are, in words.
pub(super) fn area_descriptions(kind: TargetType, s: &EvaluationSettings) -> [String; 3] {
    match kind {
        TargetType::Location => [
            "events at the place".to_string(),
            format!("other events within {} m of it", s.buffer_m),
            "every other event in the data".to_string(),
        ],
        _ => [
            "events involving the person or anyone tied to them".to_string(),
            "events involving people two ties away".to_string(),
            "every other event in the data".to_string(),
        ],
    }
}

fn dist(a: Bng, b: Bng) -> f64 {
    (a.easting - b.easting).hypot(a.northing - b.northing)
}
