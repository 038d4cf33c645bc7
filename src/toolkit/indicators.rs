//! Indicator records: what points to a location tool when no record carries the
//! category its evidence condition asks for. In agency records, missing-episode
//! found-at records and sightings rarely carry a category, so a hotel where children are
//! found again and again at night with adults of concern can have no `cse` record at
//! all. A practitioner reads these patterns as indicators of exploitation (Home Office,
//! *Child exploitation disruption toolkit*, 2022; Operation Makesafe's hotel
//! indicators): the same child found at the premises repeatedly, children found there at
//! night, children found there with persons of concern. They raise a tool to "check
//! first", with the records, never to "applies": the legal test (that the premises are
//! used for child sexual exploitation) is for the decision-maker to establish.

use super::IndicatorCondition;
use crate::model::disclosure::Count;
use crate::model::{Dataset, EventId, EventIndex, EventKind, PersonId, Role};
use serde::Serialize;
use std::collections::BTreeMap;

/// A person of concern recorded at the place within this many hours of a child's
/// record counts as being there with the child (the co-presence window of the network,
/// `[network]` in the settings, defaults to the same 3 hours).
pub const WITH_PERSON_OF_CONCERN_HOURS: i64 = 3;

/// Night begins at this hour (local time as written), inclusive.
pub const NIGHT_FROM_HOUR: u32 = 22;

/// Night ends at this hour, exclusive (22:00–05:59 is night).
pub const NIGHT_UNTIL_HOUR: u32 = 6;

/// The indicator records found for a tool at a place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicated {
    /// The window, days before as-of.
    pub window_days: u32,
    /// Records that show at least one indicator.
    pub events: Count,
    /// Which indicators hold, in words ([`REPEATED`], [`AT_NIGHT`], [`WITH_CONCERN`]).
    pub which: Vec<&'static str>,
    /// What the decision-maker must establish.
    pub must_establish: String,
    /// The records, in time order.
    #[serde(skip)]
    pub event_ids: Vec<EventId>,
}

/// The repeated indicator, in words.
pub const REPEATED: &str = "the same child found or seen here repeatedly";
/// The night indicator, in words.
pub const AT_NIGHT: &str = "children found or seen here at night";
/// The person-of-concern indicator, in words.
pub const WITH_CONCERN: &str = "children found or seen here with persons of concern";

/// The records at a place that show an indicator of `ic`, if any.
///
/// # Arguments
/// * `events` — the place's admitted events, in time order ([`EventIndex::place`]).
///
/// # Complexity
/// O(n log n) for the n events at the place in the window.
pub fn indicators(
    ic: &IndicatorCondition,
    d: &Dataset,
    events: &[EventId],
    index: &EventIndex,
) -> Option<Indicated> {
    let at = |e: EventId| d.events[e.index()].occurred_at;
    let in_window = in_window(ic, d, events);
    let child_records = child_records(ic, d, index, &in_window);
    if child_records.is_empty() {
        return None;
    }
    let concern_times = concern_times(d, index, &in_window);
    let per_child = records_per_child(&child_records);
    let near = chrono::Duration::hours(WITH_PERSON_OF_CONCERN_HOURS);
    let (mut repeated, mut night, mut concern) = (false, false, false);
    let mut ids = Vec::new();
    for (e, children) in &child_records {
        let t = at(*e);
        let is_repeated = ic.repeated > 0
            && children
                .iter()
                .any(|c| per_child.get(c).copied().unwrap_or(0) >= ic.repeated);
        let hour = chrono::Timelike::hour(&t);
        let is_night = ic.night && !(NIGHT_UNTIL_HOUR..NIGHT_FROM_HOUR).contains(&hour);
        let is_concern = ic.with_person_of_concern && {
            let lo = concern_times.partition_point(|x| *x < t - near);
            concern_times.get(lo).is_some_and(|x| *x <= t + near)
        };
        repeated |= is_repeated;
        night |= is_night;
        concern |= is_concern;
        if is_repeated || is_night || is_concern {
            ids.push(*e);
        }
    }
    if ids.is_empty() {
        return None;
    }
    let which: Vec<&'static str> = [
        (repeated, REPEATED),
        (night, AT_NIGHT),
        (concern, WITH_CONCERN),
    ]
    .into_iter()
    .filter_map(|(held, words)| held.then_some(words))
    .collect();
    Some(Indicated {
        window_days: ic.within_days,
        events: Count(ids.len() as u64),
        which,
        must_establish: ic.must_establish.clone(),
        event_ids: ids,
    })
}

/// The `events` in the condition's window: the `within_days` days up to the cutoff.
fn in_window(ic: &IndicatorCondition, d: &Dataset, events: &[EventId]) -> Vec<EventId> {
    let cutoff = d.as_of.cutoff();
    let window = chrono::Duration::days(i64::from(ic.within_days));
    let at = |e: EventId| d.events[e.index()].occurred_at;
    events
        .iter()
        .copied()
        .filter(|&e| at(e) <= cutoff && cutoff - at(e) <= window)
        .collect()
}

/// The people on event `e` with role `r`.
fn people_in_role(d: &Dataset, index: &EventIndex, e: EventId, r: Role) -> Vec<PersonId> {
    index
        .people_of(e)
        .iter()
        .copied()
        .filter(|p| d.people[p.index()].role == r)
        .collect()
}

/// The records of the condition's kinds (by default, found after missing and
/// sightings) in the window that involve children, each with its children.
fn child_records(
    ic: &IndicatorCondition,
    d: &Dataset,
    index: &EventIndex,
    in_window: &[EventId],
) -> Vec<(EventId, Vec<PersonId>)> {
    let default_kinds = [EventKind::MissingFound, EventKind::Sighting];
    let kinds: &[EventKind] = if ic.kinds.is_empty() {
        &default_kinds
    } else {
        &ic.kinds
    };
    in_window
        .iter()
        .copied()
        .filter(|&e| kinds.contains(&d.events[e.index()].kind))
        .map(|e| (e, people_in_role(d, index, e, Role::Child)))
        .filter(|(_, c)| !c.is_empty())
        .collect()
}

/// When persons of concern were recorded at the place in the window, in time order.
fn concern_times(
    d: &Dataset,
    index: &EventIndex,
    in_window: &[EventId],
) -> Vec<chrono::NaiveDateTime> {
    in_window
        .iter()
        .copied()
        .filter(|&e| !people_in_role(d, index, e, Role::Perpetrator).is_empty())
        .map(|e| d.events[e.index()].occurred_at)
        .collect()
}

/// How many of the child records each child is on.
fn records_per_child(child_records: &[(EventId, Vec<PersonId>)]) -> BTreeMap<PersonId, usize> {
    let mut per_child: BTreeMap<PersonId, usize> = BTreeMap::new();
    for (_, children) in child_records {
        for c in children {
            *per_child.entry(*c).or_default() += 1;
        }
    }
    per_child
}
