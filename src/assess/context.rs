//! The child context summary (docs/design.md §4.7): the places, peers and adults around a
//! child, the paths from the child to persons of concern with the records behind each
//! step, and the protective factors — with "none recorded" reported as a gap. A child is
//! never scored; this is a summary for a strategy meeting.

use super::returns::{Return, returns};
use crate::graph::Network;
use crate::model::{Dataset, EventKind, PersonId, PlaceId, Role};
use crate::score::NetworkAnalysis;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// A place in a child's context.
#[derive(Debug, Clone, Serialize)]
pub struct ContextPlace {
    /// `place_id`.
    pub place: String,
    /// Name, if recorded.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Records placing the child there.
    pub events: usize,
    /// The latest of them.
    pub last: String,
}

/// One step of a path: two people and the records that tie them.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    /// From.
    pub from: PersonId,
    /// To.
    pub to: PersonId,
    /// Recorded links (their `source_ref`, or position among links).
    pub links: Vec<String>,
    /// Events (`event_id`) that tie them: shared, or co-present at a place.
    pub events: Vec<String>,
}

/// The shortest path from the child to a person of concern.
#[derive(Debug, Clone, Serialize)]
pub struct PathToConcern {
    /// The person of concern.
    pub person: PersonId,
    /// 1: tied directly; 2: through one person.
    pub hops: usize,
    /// The steps, child first.
    pub path: Vec<Hop>,
}

/// A child's context.
#[derive(Debug, Clone, Serialize)]
pub struct ContextSummary {
    /// The child.
    pub child: PersonId,
    /// Looked after (in care or accommodated). Where the partnership has a local rule
    /// (`[local] looked_after_agreement` in the catalogue), disruption needs that
    /// officer's agreement.
    pub looked_after: Option<bool>,
    /// The legal status in care, if recorded (`care_order`, `s20_accommodated`, …).
    pub care_status: Option<crate::model::CareStatus>,
    /// Age range at as-of, if the birth year is recorded.
    pub age: Option<(i32, i32)>,
    /// Places the child was found at after going missing, most often first.
    pub found_at: Vec<ContextPlace>,
    /// Every place the child is recorded at, most often first.
    pub frequented: Vec<ContextPlace>,
    /// The child's peer group, if any.
    pub peer_group: Option<String>,
    /// The other members of that group, with their roles.
    pub peers: Vec<(PersonId, String)>,
    /// Persons of concern within two ties, nearest first.
    pub persons_of_concern: Vec<PathToConcern>,
    /// Trusted adults tied to the child (protective).
    pub trusted_adults: Vec<PersonId>,
    /// Professionals tied to the child (protective).
    pub professionals: Vec<PersonId>,
    /// Gaps a meeting should know about ("no trusted adult recorded", …).
    pub gaps: Vec<String>,
    /// Missing episodes: reports of the child missing or found, whichever are more.
    pub missing_episodes: usize,
    /// Where the child was last found.
    pub last_found_at: Option<String>,
    /// Each return from a missing episode (each found record), with whether a same-day
    /// contact and a return home interview are recorded.
    pub returns: Vec<Return>,
}

/// The context of `child`.
///
/// # Errors
/// A message when the person is not a child (persons of concern get connection scores,
/// not context summaries; the two are never mixed).
pub fn context(
    d: &Dataset,
    a: &NetworkAnalysis,
    child: PersonId,
) -> Result<ContextSummary, String> {
    let person = &d.people[child.index()];
    if person.role != Role::Child {
        return Err(format!(
            "that person has role {}, not child: context summaries are for children",
            person.role
        ));
    }
    let c = person.id;
    let net = &a.network;
    let places = child_places(d, net, c);
    let missing_episodes = missing_episodes(d, net, c);
    // Peer group.
    let group = a.peer_groups.group_of[c.index()].map(|g| &a.peer_groups.groups[g]);
    let peers = group
        .map(|g| {
            g.members
                .iter()
                .filter(|m| **m != c)
                .map(|m| (*m, d.people[m.index()].role.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let pocs = paths_to_concern(d, net, c);
    let trusted_adults = tied(d, net, c, Role::TrustedAdult);
    let professionals = tied(d, net, c, Role::Professional);
    let mut gaps = context_gaps(person, &trusted_adults, &professionals);
    let returns = returns(d, &net.used, c);
    gaps.extend(returns.iter().flat_map(Return::gaps));
    Ok(ContextSummary {
        child: c,
        looked_after: person.looked_after,
        care_status: person.care_status,
        age: person.age_range(d.as_of),
        found_at: places.found,
        frequented: places.frequented,
        peer_group: group.map(|g| g.id.clone()),
        peers,
        persons_of_concern: pocs,
        trusted_adults,
        professionals,
        gaps,
        missing_episodes,
        last_found_at: places.last_found.map(|p| d.places[p.index()].key.clone()),
        returns,
    })
}

/// The places in a child's context.
struct ChildPlaces {
    /// Every place the child is recorded at, most records first.
    frequented: Vec<ContextPlace>,
    /// Places the child was found at after going missing, most records first.
    found: Vec<ContextPlace>,
    /// Where the child was last found.
    last_found: Option<PlaceId>,
}

/// Places, from the child's attendance: all of them, those the child was found at after
/// going missing, and the latest of those.
fn child_places(d: &Dataset, net: &Network, c: PersonId) -> ChildPlaces {
    let mut frequented = Vec::new();
    let mut found = Vec::new();
    let mut last_found: Option<(chrono::NaiveDateTime, PlaceId)> = None;
    for (place, evs) in net.places_of(c) {
        let p = &d.places[place.index()];
        let entry = |evs: &[&crate::model::Event]| ContextPlace {
            place: p.key.clone(),
            name: p.name.clone(),
            kind: p.kind.to_string(),
            events: evs.len(),
            last: evs
                .iter()
                .map(|e| e.occurred_at)
                .max()
                .map(|t| t.to_string())
                .unwrap_or_default(),
        };
        let all: Vec<&crate::model::Event> = evs.iter().map(|e| &d.events[e.index()]).collect();
        let found_here: Vec<&crate::model::Event> = all
            .iter()
            .copied()
            .filter(|e| e.kind == EventKind::MissingFound)
            .collect();
        for e in &found_here {
            if last_found.is_none_or(|(t, _)| e.occurred_at > t) {
                last_found = Some((e.occurred_at, place));
            }
        }
        if !found_here.is_empty() {
            found.push(entry(&found_here));
        }
        frequented.push(entry(&all));
    }
    let by_count = |v: &mut Vec<ContextPlace>| {
        v.sort_by(|x, y| y.events.cmp(&x.events).then(x.place.cmp(&y.place)))
    };
    by_count(&mut found);
    by_count(&mut frequented);
    ChildPlaces {
        frequented,
        found,
        last_found: last_found.map(|(_, p)| p),
    }
}

/// Episodes: reports of the child going missing, or of them being found, whichever
/// are more (agencies often record only one side of an episode), among the records
/// the analysis uses.
fn missing_episodes(d: &Dataset, net: &Network, c: PersonId) -> usize {
    let reports = |kind: EventKind| {
        d.event_people
            .iter()
            .filter(|ep| {
                ep.person == c
                    && net.used[ep.event.index()]
                    && d.events[ep.event.index()].kind == kind
            })
            .count()
    };
    reports(EventKind::MissingFrom).max(reports(EventKind::MissingFound))
}

/// Paths to persons of concern within two ties of the child, nearest first, then by
/// `person_id`, each step with the records behind it.
fn paths_to_concern(d: &Dataset, net: &Network, c: PersonId) -> Vec<PathToConcern> {
    let (depth, parent) = within_two_ties(d, net, c);
    let mut pocs: Vec<PathToConcern> = depth
        .iter()
        .filter(|(v, _)| d.people[**v].role == Role::Perpetrator)
        .map(|(&v, &k)| {
            let mut chain = vec![v];
            while let Some(&p) = parent.get(chain.last().unwrap_or(&v)) {
                chain.push(p);
            }
            chain.reverse();
            PathToConcern {
                person: PersonId(v as u32),
                hops: k,
                path: chain.windows(2).map(|w| hop(d, net, w[0], w[1])).collect(),
            }
        })
        .collect();
    let key = |p: PersonId| d.people[p.index()].key.as_str();
    pocs.sort_by(|x, y| x.hops.cmp(&y.hops).then(key(x.person).cmp(key(y.person))));
    pocs
}

/// Breadth-first from the child to depth 2, ties broken by `person_id`: each person
/// reached with their depth, and the person they were reached from.
fn within_two_ties(
    d: &Dataset,
    net: &Network,
    c: PersonId,
) -> (BTreeMap<usize, usize>, BTreeMap<usize, usize>) {
    let g = &net.persons;
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    let mut depth: BTreeMap<usize, usize> = BTreeMap::from([(c.index(), 0)]);
    let mut queue = VecDeque::from([c.index()]);
    while let Some(v) = queue.pop_front() {
        if depth[&v] == 2 {
            continue;
        }
        let mut next: Vec<usize> = g.neighbours(v).iter().map(|&w| w as usize).collect();
        next.sort_by(|x, y| d.people[*x].key.cmp(&d.people[*y].key));
        for w in next {
            if !depth.contains_key(&w) {
                depth.insert(w, depth[&v] + 1);
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    (depth, parent)
}

/// One step of a path, with the links and events that tie the two people.
fn hop(d: &Dataset, net: &Network, x: usize, y: usize) -> Hop {
    let t = net.tie(PersonId(x as u32), PersonId(y as u32));
    Hop {
        from: PersonId(x as u32),
        to: PersonId(y as u32),
        links: t
            .map(|t| {
                t.links
                    .iter()
                    .map(|l| d.links[l.index()].reference())
                    .collect()
            })
            .unwrap_or_default(),
        events: t
            .map(|t| {
                t.events()
                    .iter()
                    .map(|e| d.events[e.index()].key.to_string())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The people of role `r` tied directly to the child, by `person_id`.
fn tied(d: &Dataset, net: &Network, c: PersonId, r: Role) -> Vec<PersonId> {
    let key = |p: PersonId| d.people[p.index()].key.as_str();
    let mut v: Vec<PersonId> = net
        .persons
        .neighbours(c.index())
        .iter()
        .filter(|&&w| d.people[w as usize].role == r)
        .map(|&w| PersonId(w))
        .collect();
    v.sort_by(|x, y| key(*x).cmp(key(*y)));
    v
}

/// Protective factors and statuses not recorded, as gaps.
fn context_gaps(
    person: &crate::model::Person,
    trusted_adults: &[PersonId],
    professionals: &[PersonId],
) -> Vec<String> {
    let mut gaps = Vec::new();
    if trusted_adults.is_empty() {
        gaps.push("no trusted adult recorded".to_string());
    }
    if professionals.is_empty() {
        gaps.push("no professional recorded".to_string());
    }
    if person.looked_after.is_none() {
        gaps.push("looked-after status not recorded".to_string());
    }
    if person.looked_after == Some(true) && person.care_status.is_none() {
        gaps.push(
            "legal status in care not recorded (care order, interim care order, s.20 accommodation, EPO or police protection): several tools turn on it"
                .to_string(),
        );
    }
    gaps
}
