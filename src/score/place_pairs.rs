//! The child–person-of-concern pairs seen together at a place: in one record, or twice
//! in different records within the co-presence window, with the number of such pairs
//! unrelated timing would give there (the Knox baseline, [`crate::score::chance`]).

use super::chance::expected_chance_pairs;
use super::footfall::has_role;
use crate::model::{Dataset, EventId, PersonId, Role};
use std::collections::{BTreeMap, BTreeSet};

/// A child–person-of-concern pair's showing in two different records: the weaker
/// record's weight, and the two records.
type Showing = (f64, EventId, EventId);

/// Per pair: its best showing in one record (the record's weight, and the record).
type InOneRecord = BTreeMap<(PersonId, PersonId), (f64, EventId)>;

/// Per pair: its showings in two different records.
type InTwoRecords = BTreeMap<(PersonId, PersonId), Vec<Showing>>;

/// The child–person-of-concern pairs seen together at a place, as [`co_presence`]
/// finds them.
pub(super) struct Pairs {
    /// Each pair's weight, and whether it was seen only in different records.
    pub(super) pairs: BTreeMap<(PersonId, PersonId), (f64, bool)>,
    /// The records that show them, in time order.
    pub(super) evidence: Vec<EventId>,
    /// The pairs unrelated timing would show in different records at the place
    /// ([`expected_chance_pairs`]).
    pub(super) by_chance: f64,
}

/// Distinct (child, person of concern) pairs seen together at a place — in the same
/// event, or (twice or more: once is a chance meeting) in events at the place within
/// `window` of each other — each with its weight (the weaker record's weight of its
/// strongest showing in one record, or of its second-strongest in two), and the events
/// that show it, sorted. A window holding more than `cap` people pairs no different
/// events (the network's rule, [`crate::graph::co_presence`]): at a crowded station,
/// being there at the same time is not being together. With them, the number of pairs
/// in different records that unrelated timing over the study period (`span_s` seconds)
/// would give ([`crate::score::chance`]).
///
/// # Complexity
/// O(e · k · p² + s log s) for e events, k events per uncrowded window, p people per
/// event and s showings.
pub(super) fn co_presence(
    d: &Dataset,
    events: &[EventId],
    involved: &[Vec<PersonId>],
    window: chrono::Duration,
    cap: usize,
    span_s: f64,
    weight: &impl Fn(EventId) -> f64,
) -> Pairs {
    let (same, apart) = showings(d, events, involved, window, cap, weight);
    // A pair counts at its best showing. Seen in one record, once is enough; recorded
    // there in different records within the window, the first time is a chance meeting
    // (as for a tie between two people, see [`crate::score::connection`]), so the pair
    // counts from its second such showing, at the weaker of its two best.
    let mut pairs: BTreeMap<(PersonId, PersonId), (f64, bool)> = BTreeMap::new();
    let mut evidence = BTreeSet::new();
    for (&pair, &(w, e)) in &same {
        pairs.insert(pair, (w, false));
        evidence.insert(e);
    }
    for (pair, mut showings) in apart {
        if showings.len() < 2 {
            continue;
        }
        showings.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let best = pairs.entry(pair).or_insert((0.0, true));
        best.0 = best.0.max(showings[1].0);
        for (_, a, b) in &showings[..2] {
            evidence.insert(*a);
            evidence.insert(*b);
        }
    }
    let mut evidence: Vec<EventId> = evidence.into_iter().collect();
    evidence.sort_by_key(|id| d.time_order().rank(*id));
    let by_chance = chance_pairs(d, events, involved, window, span_s);
    Pairs {
        pairs,
        evidence,
        by_chance,
    }
}

/// Each child–person-of-concern pair's showings at a place: its best in one record (the
/// record's weight and the record), and every showing in two different records within
/// `window` of each other (the weaker record's weight, and the two records), the second
/// only where the window holds no more than `cap` people.
fn showings(
    d: &Dataset,
    events: &[EventId],
    involved: &[Vec<PersonId>],
    window: chrono::Duration,
    cap: usize,
    weight: &impl Fn(EventId) -> f64,
) -> (InOneRecord, InTwoRecords) {
    let role = |p: &PersonId| d.people[p.index()].role;
    let mut same: InOneRecord = BTreeMap::new();
    let mut apart: InTwoRecords = BTreeMap::new();
    let spans = crate::graph::co_presence::windows(
        events,
        |e| d.events[e.index()].occurred_at,
        |e| involved[e.index()].as_slice(),
        window,
        cap,
    );
    for w in spans {
        let a = events[w.at];
        // The event itself always; later events in the window unless it is crowded.
        let last = if w.crowded { w.at + 1 } else { w.end };
        for &b in &events[w.at..last] {
            for (x, y) in [(a, b), (b, a)] {
                for &c in involved[x.index()]
                    .iter()
                    .filter(|p| role(p) == Role::Child)
                {
                    for &p in involved[y.index()]
                        .iter()
                        .filter(|p| role(p) == Role::Perpetrator)
                    {
                        // A showing is as strong as the weaker of its two records.
                        let w = weight(x).min(weight(y));
                        if a == b {
                            let best = same.entry((c, p)).or_insert((w, a));
                            if w > best.0 {
                                *best = (w, a);
                            }
                        } else {
                            apart.entry((c, p)).or_default().push((w, a, b));
                        }
                    }
                }
            }
        }
    }
    (same, apart)
}

/// The pairs in different records that unrelated timing would give at a place: each
/// child's records there with no person of concern, each person of concern's with no
/// child, and the chance `2w / T` that two records fall within the window `w` of each
/// other over the study period `T` ([`crate::score::chance`]). Records holding both
/// are evidence in full, not footfall. Crowded windows, which pair no different
/// records, are counted as if they did: the baseline errs towards chance.
fn chance_pairs(
    d: &Dataset,
    events: &[EventId],
    involved: &[Vec<PersonId>],
    window: chrono::Duration,
    span_s: f64,
) -> f64 {
    if span_s <= 0.0 {
        return 0.0;
    }
    let mut children: BTreeMap<PersonId, u32> = BTreeMap::new();
    let mut pocs: BTreeMap<PersonId, u32> = BTreeMap::new();
    for id in events {
        let people = &involved[id.index()];
        let (child, poc) = (
            has_role(d, people, Role::Child),
            has_role(d, people, Role::Perpetrator),
        );
        for &p in people {
            match d.people[p.index()].role {
                Role::Child if !poc => *children.entry(p).or_default() += 1,
                Role::Perpetrator if !child => *pocs.entry(p).or_default() += 1,
                _ => {}
            }
        }
    }
    let rate = (2.0 * window.num_seconds() as f64 / span_s).min(1.0);
    let c: Vec<u32> = children.into_values().collect();
    let p: Vec<u32> = pocs.into_values().collect();
    expected_chance_pairs(&c, &p, rate)
}
