//! The people linked to the place: children, peers and persons of concern recorded
//! there, and the offender tools that hold for those persons of concern.

use crate::assess::tools::findings;
use crate::model::disclosure::{Count, Records};
use crate::model::{Dataset, PersonId, PlaceId, Role};
use crate::pipeline::Analysis;
use crate::toolkit::{Catalogue, Subject};
use serde::Serialize;
use std::collections::BTreeMap;

/// The people linked to the place.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    /// Children recorded at the place.
    pub children: Count,
    /// Peers recorded at the place.
    pub peers: Count,
    /// Persons of concern recorded at the place.
    pub persons_of_concern: Count,
    /// Children and persons of concern seen there together (distinct pairs).
    pub co_present_pairs: Count,
    /// Peer groups meeting there.
    pub peer_groups: usize,
    /// Who (record level: not for partners).
    pub who: Records<LinkedPeople>,
}

/// Who is linked, for analysts and strategy meetings.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedPeople {
    /// Children.
    pub children: Vec<PersonId>,
    /// Peers.
    pub peers: Vec<PersonId>,
    /// Persons of concern, with their rank among persons of concern.
    pub persons_of_concern: Vec<(PersonId, Option<usize>)>,
}

pub(super) fn linked_children(l: &Linked) -> bool {
    l.children.0 > 0 || l.peers.0 > 0
}

pub(super) fn linked(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    m: &crate::score::hotspot::Measures,
) -> Linked {
    let net = &a.network.network;
    let mut children = Vec::new();
    let mut peers = Vec::new();
    let mut pocs = Vec::new();
    for (person, _) in net.people_at(place) {
        match d.people[person.index()].role {
            Role::Child => children.push(person),
            Role::Peer => peers.push(person),
            Role::Perpetrator => pocs.push(person),
            _ => {}
        }
    }
    let rank_of: BTreeMap<PersonId, usize> = a
        .network
        .connections
        .iter()
        .map(|s| (s.person, s.rank))
        .collect();
    let mut pocs: Vec<(PersonId, Option<usize>)> = pocs
        .into_iter()
        .map(|p| (p, rank_of.get(&p).copied()))
        .collect();
    pocs.sort_by_key(|(p, r)| (r.unwrap_or(usize::MAX), *p));
    let meeting = a
        .location
        .score_of(place)
        .map_or(0, |s| s.measures.peer_groups);
    Linked {
        children: Count(children.len() as u64),
        peers: Count(peers.len() as u64),
        persons_of_concern: Count(pocs.len() as u64),
        co_present_pairs: Count(m.pairs as u64),
        peer_groups: meeting,
        who: Records(LinkedPeople {
            children,
            peers,
            persons_of_concern: pocs,
        }),
    }
}

/// Offender tools that hold for persons of concern recorded at the place, with how many.
pub(super) fn offender_tools(
    d: &Dataset,
    a: &Analysis,
    catalogue: &Catalogue,
    place: PlaceId,
) -> Vec<(String, String, Count)> {
    let mut by_tool: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let net = &a.network.network;
    for (person, _) in net.people_at(place) {
        if d.people[person.index()].role != Role::Perpetrator {
            continue;
        }
        let children = a.network.network.children_tied(d, person);
        let subject = Subject::PersonOfConcern(person, &children);
        for f in findings(catalogue, d, &subject, &a.events).applicable {
            by_tool.entry(f.id.clone()).or_insert((f.name.clone(), 0)).1 += 1;
        }
    }
    by_tool
        .into_iter()
        .map(|(id, (name, n))| (id, name, Count(n)))
        .collect()
}
