//! `groups.csv`: one row per peer group.

use crate::model::{Dataset, PersonId, Role};
use crate::report::{ColumnTable, Values};
use crate::score::NetworkAnalysis;

/// One row per peer group: members by role (counts that add up to the group's size),
/// density, the places members are most recorded at, the persons of concern in or tied
/// to it, and protective adults tied to it. Partners get the counts (suppressed when
/// small) and places, never the people.
pub fn groups_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let groups = &a.peer_groups.groups;
    let role_count = |members: &[PersonId], r: Role| {
        Some(
            members
                .iter()
                .filter(|p| d.people[p.index()].role == r)
                .count() as u64,
        )
    };
    let mut attached: Vec<Vec<PersonId>> = Vec::new();
    let mut protective: Vec<Option<u64>> = Vec::new();
    let mut key_places: Vec<String> = Vec::new();
    for grp in groups {
        let (pocs, adults) = people_around_group(d, a, grp);
        attached.push(pocs);
        protective.push(Some(adults as u64));
        key_places.push(key_places_of(d, a, grp));
    }
    let by_role = |r: Role| {
        Values::Count(
            groups
                .iter()
                .map(|grp| role_count(&grp.members, r))
                .collect(),
        )
    };
    let mut t = ColumnTable::new();
    t.push(
        "group_id",
        Values::Text(groups.iter().map(|g| g.id.clone()).collect()),
    )
    .push(
        "members",
        Values::Count(
            groups
                .iter()
                .map(|g| Some(g.members.len() as u64))
                .collect(),
        ),
    )
    .push("children", by_role(Role::Child))
    .push("peers", by_role(Role::Peer))
    .push("persons_of_concern_in_group", by_role(Role::Perpetrator))
    .push(
        "density",
        Values::Float(
            groups
                .iter()
                .map(|g| (g.density * 1e4).round() / 1e4)
                .collect(),
        ),
    )
    .push(
        // The places members are most recorded at, most first.
        "key_places",
        Values::Text(key_places),
    )
    .push(
        "persons_of_concern",
        // In the group or tied to a member.
        Values::People(attached),
    )
    .push("protective_adults", Values::Count(protective))
    .additive(
        "members",
        &["children", "peers", "persons_of_concern_in_group"],
    );
    t
}

/// The persons of concern in the group or tied to a member (members first), and how
/// many trusted adults and professionals are tied to its members.
fn people_around_group(
    d: &Dataset,
    a: &NetworkAnalysis,
    grp: &crate::graph::PeerGroup,
) -> (Vec<PersonId>, usize) {
    let g = &a.network.persons;
    let members: std::collections::BTreeSet<u32> = grp.members.iter().map(|p| p.0).collect();
    let mut around = std::collections::BTreeSet::new();
    let mut adults = std::collections::BTreeSet::new();
    for p in &grp.members {
        for &w in g.neighbours(p.index()) {
            match d.people[w as usize].role {
                Role::Perpetrator if !members.contains(&w) => {
                    around.insert(w);
                }
                Role::TrustedAdult | Role::Professional => {
                    adults.insert(w);
                }
                _ => {}
            }
        }
    }
    let pocs = grp
        .members
        .iter()
        .copied()
        .filter(|p| d.people[p.index()].role == Role::Perpetrator)
        .chain(around.into_iter().map(PersonId))
        .collect();
    (pocs, adults.len())
}

/// The three places the group's members are most recorded at, most first.
fn key_places_of(d: &Dataset, a: &NetworkAnalysis, grp: &crate::graph::PeerGroup) -> String {
    let mut places: std::collections::BTreeMap<crate::model::PlaceId, usize> = Default::default();
    for p in &grp.members {
        for (place, evs) in a.network.places_of(*p) {
            *places.entry(place).or_default() += evs.len();
        }
    }
    let mut places: Vec<_> = places.into_iter().collect();
    places.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(d.places[x.0.index()].key.cmp(&d.places[y.0.index()].key))
    });
    places
        .iter()
        .take(3)
        .map(|(p, _)| d.places[p.index()].key.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
