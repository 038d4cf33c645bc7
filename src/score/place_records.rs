//! What a place's records say about exploitation, before any points: each record at the
//! place is classed, the place's concern signals are found, and the exploitation
//! indicators practitioners read are counted.
//!
//! A record that names children and no person of concern is read as a safeguarding
//! analyst would read it:
//!
//! - **a return** — a child found at their own home or placement (`home_place_id`; for a
//!   looked-after child, their children's home) has come back: not evidence against
//!   the place, and not counted at all;
//! - **routine** — children recorded as victims or witnesses in a daytime incident
//!   (07:00–19:00: a fight at a school), or seen with a professional recorded in the
//!   same record (a surgery, a school nurse): not exploitation evidence;
//! - **child only** — anything else (found there after a missing episode, seen there):
//!   exploitation evidence in proportion to the **concern** recorded at the place. A
//!   concern record is one with a person of concern, a concern category (`cse`, `cce`,
//!   `sexual_offence`, `trafficking`, `drugs_supply`, `weapons` by default),
//!   intelligence, or a Makesafe call; the place's concern is `c = min(1, C /
//!   concern_weight)`, C the summed weight of its concern records (base × grading ×
//!   recency) and `concern_weight` 10 by default: one recent found-at missing episode
//!   with a person of concern, or a recent exploitation incident, makes it full. A
//!   child-only record counts `c` times its weight. Without any concern, children being
//!   found or seen at a place says where children are, not that they are harmed there:
//!   a youth club where twenty children were each found once is where children gather;
//!   one adult of concern recorded there once, in a low-grade record, makes little of
//!   it.
//!
//! Records that are not (fully) exploitation evidence are not hidden: routine records,
//! and child-only records where the concern is not full, make the place's **gathering**
//! counts (distinct children, records), and a place where enough children gather is
//! listed as such for Youth Outreach and contextual safeguarding.
//!
//! Every other record (any with a person of concern, any with nobody recorded) is
//! evidence in full. Adding a record never lowers what another counts: a concern record
//! raises `c`, a return or a routine record changes nothing, so the place score stays
//! monotone.
//!
//! Indicators, counted over evidence and child-only records where a child was found or
//! seen (`missing_found`, `sighting`); the first two count in proportion to the concern:
//! - the same child found there more than once;
//! - a child found or seen there at night (21:00–06:00);
//! - a child found or seen there in the same record as a person of concern;
//! - several children found or seen with the same person of concern: for each person of
//!   concern, the children beyond the first.

use crate::model::{Dataset, EventId, EventKind, Involvement, PersonId, PlaceId, Role};
use chrono::Timelike;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A signal at a place that children's records there may be exploitation evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcernSignal {
    /// A person of concern recorded at the place.
    PersonOfConcern,
    /// A record with a concern category (exploitation, drugs supply, weapons).
    ConcernCategory,
    /// Intelligence about the place.
    Intelligence,
    /// A Makesafe call from the business.
    MakesafeCall,
}

impl ConcernSignal {
    /// The signal's name, as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ConcernSignal::PersonOfConcern => "person_of_concern",
            ConcernSignal::ConcernCategory => "concern_category",
            ConcernSignal::Intelligence => "intelligence",
            ConcernSignal::MakesafeCall => "makesafe_call",
        }
    }
}

/// How one record at a place is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordClass {
    /// Evidence whatever else is recorded at the place.
    Evidence,
    /// A child found at their own home or placement.
    Return,
    /// Children as victims or witnesses in the daytime, or seen with a professional.
    Routine,
    /// Children only: evidence where the place has a concern signal.
    ChildOnly,
}

/// A place's records, classed, with its concern signals and indicators.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlaceRecords {
    /// Records that are exploitation evidence in full, in time order.
    pub evidence: Vec<EventId>,
    /// Children's records with no person of concern, counting `concern` times their
    /// weight, in time order.
    pub child_only: Vec<EventId>,
    /// Children found at their own home or placement (not counted), in time order.
    pub returns: Vec<EventId>,
    /// Child records that are not (fully) exploitation evidence: routine records, and
    /// child-only records where the concern is not full; in time order.
    pub gathering: Vec<EventId>,
    /// The summed weight of the place's concern records.
    pub concern_weight: f64,
    /// The summed weight of its concern records that are about children: those that name
    /// a child, carry an exploitation category (`cse`, `cce`, … — the exploitation of
    /// children by definition) or are Makesafe calls. Children recorded there alone link
    /// to the place as far as this weighs (see [`crate::score::hotspot`]).
    pub child_concern_weight: f64,
    /// The summed weight of its records whose concern is about children by what they
    /// are, whether or not a child is named in them: an exploitation category (`cse`,
    /// `cce`, …) or a Makesafe call (a business reporting concern about a child).
    pub exploitation_weight: f64,
    /// The place's concern, `min(1, concern_weight / setting)`, in `[0, 1]`.
    pub concern_factor: f64,
    /// Distinct children in the gathering records.
    pub gathering_children: usize,
    /// The concern signals found at the place.
    pub concern: Vec<ConcernSignal>,
    /// Children found there more than once (in evidence and child-only records).
    pub repeat_found: Vec<PersonId>,
    /// Children found or seen there at night.
    pub found_at_night: Vec<PersonId>,
    /// Children found or seen there with a person of concern in the same record.
    pub found_with_poc: Vec<PersonId>,
    /// For each person of concern found or seen with two or more children there: the
    /// children beyond the first, summed.
    pub shared_poc_children: usize,
    /// The evidence records behind the indicators, in time order.
    pub indicator_events: Vec<EventId>,
}

/// How an event's category reads at a place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryReading {
    /// A concern category (`concern_categories` in the settings).
    pub concern: bool,
    /// An exploitation category (`exploitation_categories`): the exploitation of
    /// children by definition.
    pub exploitation: bool,
}

/// Whether `hour` is at night: 21:00 to 05:59.
pub fn is_night(hour: u32) -> bool {
    !(6..21).contains(&hour)
}

/// Classes the counted records at one place and counts its indicators.
///
/// # Arguments
/// * `events` — the place's counted events, in time order.
/// * `involved` — each event's people with their involvement, sorted by person.
/// * `category` — how an event's category reads: a concern category, an exploitation one.
/// * `weight` — each event's weight (base × grading × recency).
/// * `full_concern` — the concern weight that makes the concern full (`concern_weight`).
pub fn read_place(
    d: &Dataset,
    place: PlaceId,
    events: &[EventId],
    involved: &[Vec<(PersonId, Option<Involvement>)>],
    category: &impl Fn(EventId) -> CategoryReading,
    weight: &impl Fn(EventId) -> f64,
    full_concern: f64,
) -> PlaceRecords {
    let role = |p: PersonId| d.people[p.index()].role;
    let classes: Vec<(EventId, RecordClass)> = events
        .iter()
        .map(|&id| (id, class_of(d, place, id, &involved[id.index()])))
        .collect();
    let mut concern: BTreeSet<ConcernSignal> = BTreeSet::new();
    let (mut concern_weight, mut child_concern_weight, mut exploitation_weight) = (0.0, 0.0, 0.0);
    for &(id, class) in &classes {
        // A return is not about the place, whatever it carries.
        if class == RecordClass::Return {
            continue;
        }
        let who = &involved[id.index()];
        let signals = signals(d, id, who, &|id| category(id).concern);
        if !signals.is_empty() {
            concern_weight += weight(id);
            concern.extend(signals);
            let by_what_it_is =
                category(id).exploitation || d.events[id.index()].kind == EventKind::MakesafeCall;
            if by_what_it_is {
                exploitation_weight += weight(id);
            }
            if by_what_it_is || who.iter().any(|(p, _)| role(*p) == Role::Child) {
                child_concern_weight += weight(id);
            }
        }
    }
    let factor = (concern_weight / full_concern).min(1.0);
    let mut r = PlaceRecords {
        concern: concern.iter().copied().collect(),
        concern_weight,
        child_concern_weight,
        exploitation_weight,
        concern_factor: factor,
        ..Default::default()
    };
    let mut gathering_children: BTreeSet<PersonId> = BTreeSet::new();
    for &(id, class) in &classes {
        let gathering = match class {
            RecordClass::Evidence => {
                r.evidence.push(id);
                false
            }
            RecordClass::ChildOnly => {
                if factor > 0.0 {
                    r.child_only.push(id);
                }
                factor < 1.0
            }
            RecordClass::Routine => true,
            RecordClass::Return => {
                r.returns.push(id);
                false
            }
        };
        if gathering {
            r.gathering.push(id);
            gathering_children.extend(
                involved[id.index()]
                    .iter()
                    .map(|(p, _)| *p)
                    .filter(|p| role(*p) == Role::Child),
            );
        }
    }
    r.gathering_children = gathering_children.len();
    indicators(d, &mut r, involved);
    r
}

/// How a record at `place` is read (see the module documentation).
fn class_of(
    d: &Dataset,
    place: PlaceId,
    id: EventId,
    who: &[(PersonId, Option<Involvement>)],
) -> RecordClass {
    let role = |p: PersonId| d.people[p.index()].role;
    let e = &d.events[id.index()];
    let children: Vec<&(PersonId, Option<Involvement>)> = who
        .iter()
        .filter(|(p, _)| role(*p) == Role::Child)
        .collect();
    let poc = who.iter().any(|(p, _)| role(*p) == Role::Perpetrator);
    if children.is_empty() || poc {
        return RecordClass::Evidence;
    }
    if e.kind == EventKind::MissingFound
        && children
            .iter()
            .all(|(c, _)| d.people[c.index()].home == Some(place))
    {
        return RecordClass::Return;
    }
    let hour = e.occurred_at.hour();
    let daytime_victim = e.kind == EventKind::Incident
        && (7..19).contains(&hour)
        && children
            .iter()
            .all(|(_, i)| matches!(i, Some(Involvement::Victim | Involvement::Witness)));
    let professional = who.iter().any(|(p, _)| role(*p) == Role::Professional);
    if daytime_victim || professional {
        RecordClass::Routine
    } else {
        RecordClass::ChildOnly
    }
}

/// The concern signals a record carries.
fn signals(
    d: &Dataset,
    id: EventId,
    who: &[(PersonId, Option<Involvement>)],
    concern_category: &impl Fn(EventId) -> bool,
) -> Vec<ConcernSignal> {
    let mut signals = Vec::new();
    if who
        .iter()
        .any(|(p, _)| d.people[p.index()].role == Role::Perpetrator)
    {
        signals.push(ConcernSignal::PersonOfConcern);
    }
    if concern_category(id) {
        signals.push(ConcernSignal::ConcernCategory);
    }
    match d.events[id.index()].kind {
        EventKind::Intelligence => signals.push(ConcernSignal::Intelligence),
        EventKind::MakesafeCall => signals.push(ConcernSignal::MakesafeCall),
        _ => {}
    }
    signals
}

/// Counts the indicators over the evidence records where children were found or seen.
fn indicators(
    d: &Dataset,
    r: &mut PlaceRecords,
    involved: &[Vec<(PersonId, Option<Involvement>)>],
) {
    let role = |p: PersonId| d.people[p.index()].role;
    let mut found: BTreeMap<PersonId, usize> = BTreeMap::new();
    let mut night: BTreeSet<PersonId> = BTreeSet::new();
    let mut with_poc: BTreeSet<PersonId> = BTreeSet::new();
    let mut by_poc: BTreeMap<PersonId, BTreeSet<PersonId>> = BTreeMap::new();
    let mut behind: BTreeSet<EventId> = BTreeSet::new();
    let counted: Vec<EventId> = r.evidence.iter().chain(&r.child_only).copied().collect();
    for &id in &counted {
        let e = &d.events[id.index()];
        if !matches!(e.kind, EventKind::MissingFound | EventKind::Sighting) {
            continue;
        }
        let who = &involved[id.index()];
        let children: Vec<PersonId> = who
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| role(*p) == Role::Child)
            .collect();
        if children.is_empty() {
            continue;
        }
        let pocs: Vec<PersonId> = who
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| role(*p) == Role::Perpetrator)
            .collect();
        let at_night = is_night(e.occurred_at.hour());
        for &c in &children {
            if e.kind == EventKind::MissingFound {
                *found.entry(c).or_default() += 1;
            }
            if at_night {
                night.insert(c);
                behind.insert(id);
            }
            if !pocs.is_empty() {
                with_poc.insert(c);
                behind.insert(id);
            }
        }
        for &p in &pocs {
            by_poc
                .entry(p)
                .or_default()
                .extend(children.iter().copied());
        }
    }
    // The found-at records of children found more than once are evidence too.
    let repeat: BTreeSet<PersonId> = found
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(c, _)| c)
        .collect();
    for &id in &counted {
        let e = &d.events[id.index()];
        if e.kind == EventKind::MissingFound
            && involved[id.index()].iter().any(|(p, _)| repeat.contains(p))
        {
            behind.insert(id);
        }
    }
    r.repeat_found = repeat.into_iter().collect();
    r.found_at_night = night.into_iter().collect();
    r.found_with_poc = with_poc.into_iter().collect();
    r.shared_poc_children = by_poc.values().map(|c| c.len().saturating_sub(1)).sum();
    let mut behind: Vec<EventId> = behind.into_iter().collect();
    behind.sort_by_key(|id| d.time_order().rank(*id));
    r.indicator_events = behind;
}
