//! The report's network section: which peer groups and people the diagram draws, their
//! ties, and where each is laid out.

use crate::model::{Dataset, PersonId, Role};
use crate::pipeline::Analysis;
use crate::privacy::{Count, Records};
use crate::report::layout::layout;
use crate::score::NetworkAnalysis;
use serde::Serialize;
use std::collections::BTreeMap;

/// A peer group as a bubble.
#[derive(Debug, Clone, Serialize)]
pub struct GroupBubble {
    /// `G1`, …
    pub id: String,
    /// Members.
    pub members: Count,
    /// Children.
    pub children: Count,
    /// Persons of concern in or tied to it.
    pub persons_of_concern: Count,
}

/// A node of the people diagram.
#[derive(Debug, Clone, Serialize)]
pub struct DiagramNode {
    /// The person.
    pub person: PersonId,
    /// `child`, `peer` or `perpetrator`.
    pub role: String,
    /// Their peer group.
    pub group: Option<String>,
    /// Position, `[0, 1]`.
    pub x: f64,
    /// Position, `[0, 1]`.
    pub y: f64,
    /// Rank, for persons of concern.
    pub rank: Option<usize>,
}

/// The people diagram: peer groups and the persons of concern around them.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleDiagram {
    /// Nodes.
    pub nodes: Vec<DiagramNode>,
    /// Ties between nodes: `(a, b, weight)`.
    pub edges: Vec<(usize, usize, f64)>,
    /// People of the drawn groups left out to keep the diagram readable.
    pub left_out: usize,
}

/// The network section.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkData {
    /// Groups with persons of concern around them, most attached first.
    pub groups: Vec<GroupBubble>,
    /// The diagram of people (record level: not for partners).
    pub people: Records<PeopleDiagram>,
    /// How betweenness was computed.
    pub betweenness: String,
    /// Modularity of the peer groups.
    pub modularity: f64,
}

/// How many persons of concern the report lists (and its network diagram always draws).
pub const TOP_PERSONS_OF_CONCERN: usize = 20;

/// How many peer groups the diagram draws: first the groups around the listed persons of
/// concern, by rank, then those with the most persons of concern around them.
pub const DIAGRAM_GROUPS: usize = 6;

/// How many people of each group the diagram draws at most: persons of concern, then
/// children, then peers.
pub const DIAGRAM_PER_GROUP: usize = 50;

/// The network section: the peer groups around the listed persons of concern and those
/// with the most persons of concern around them, as bubbles, and the diagram of their
/// people. Every person of concern the report lists is drawn: one whose groups are not
/// drawn is placed in a cluster of their own.
pub fn network_data(d: &crate::model::Dataset, a: &Analysis) -> NetworkData {
    let na = &a.network;
    let groups = &na.peer_groups;
    let around = pocs_around_groups(d, na);
    let listed: Vec<PersonId> = na
        .connections
        .iter()
        .take(TOP_PERSONS_OF_CONCERN)
        .map(|s| s.person)
        .collect();
    let chosen = diagram_groups(&around, &listed);
    let bubbles = group_bubbles(d, na, &chosen, &around);
    let (nodes_p, index, left_out) = diagram_people(d, na, &chosen, &around, &listed);
    let edges = diagram_edges(na, &nodes_p, &index);
    let nodes = diagram_nodes(d, na, &nodes_p, &edges);
    NetworkData {
        groups: bubbles,
        people: Records(PeopleDiagram {
            nodes,
            edges,
            left_out,
        }),
        betweenness: na.betweenness.describe(),
        modularity: (groups.modularity * 1000.0).round() / 1000.0,
    }
}

/// Persons of concern in or around each group, once per group.
fn pocs_around_groups(d: &Dataset, na: &NetworkAnalysis) -> Vec<Vec<PersonId>> {
    let g = &na.network.persons;
    na.peer_groups
        .groups
        .iter()
        .map(|grp| {
            let mut v: Vec<PersonId> = grp
                .members
                .iter()
                .flat_map(|m| {
                    g.neighbours(m.index())
                        .iter()
                        .map(|&w| PersonId(w))
                        .chain(std::iter::once(*m))
                })
                .filter(|p| d.people[p.index()].role == Role::Perpetrator)
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect()
}

/// The groups the diagram draws, up to [`DIAGRAM_GROUPS`]: for each listed person of
/// concern by rank not yet around a chosen group, the group around them with the most
/// persons of concern; then the groups with the most persons of concern around them.
fn diagram_groups(around: &[Vec<PersonId>], listed: &[PersonId]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..around.len()).collect();
    order.sort_by_key(|&gi| (std::cmp::Reverse(around[gi].len()), gi));
    order.retain(|&gi| !around[gi].is_empty());
    let mut chosen: Vec<usize> = Vec::new();
    for p in listed {
        if chosen.len() == DIAGRAM_GROUPS {
            return chosen;
        }
        let drawn = chosen.iter().any(|&gi| around[gi].binary_search(p).is_ok());
        if !drawn
            && let Some(&gi) = order
                .iter()
                .find(|&&gi| around[gi].binary_search(p).is_ok())
        {
            chosen.push(gi);
        }
    }
    for gi in order {
        if chosen.len() == DIAGRAM_GROUPS {
            break;
        }
        if !chosen.contains(&gi) {
            chosen.push(gi);
        }
    }
    chosen
}

/// A bubble for each drawn group: its members, children and persons of concern.
fn group_bubbles(
    d: &Dataset,
    na: &NetworkAnalysis,
    chosen: &[usize],
    around: &[Vec<PersonId>],
) -> Vec<GroupBubble> {
    let groups = &na.peer_groups;
    chosen
        .iter()
        .map(|&gi| {
            let grp = &groups.groups[gi];
            GroupBubble {
                id: grp.id.clone(),
                members: Count(grp.members.len() as u64),
                children: Count(
                    grp.members
                        .iter()
                        .filter(|p| d.people[p.index()].role == Role::Child)
                        .count() as u64,
                ),
                persons_of_concern: Count(around[gi].len() as u64),
            }
        })
        .collect()
}

/// The diagram's people, each with the drawn group it is shown in.
type DiagramPeople = Vec<(PersonId, usize)>;

/// People: the chosen groups' persons of concern (the listed ones first, by rank),
/// children and peers, in that order, up to [`DIAGRAM_PER_GROUP`] each (a diagram of
/// thousands of points shows nothing), then any listed person of concern not drawn yet,
/// in a cluster of their own. Returns them, their position in the list, and how many
/// were left out.
fn diagram_people(
    d: &Dataset,
    na: &NetworkAnalysis,
    chosen: &[usize],
    around: &[Vec<PersonId>],
    listed: &[PersonId],
) -> (DiagramPeople, BTreeMap<PersonId, usize>, usize) {
    let groups = &na.peer_groups;
    let mut index: BTreeMap<PersonId, usize> = BTreeMap::new();
    let mut nodes_p: DiagramPeople = Vec::new();
    let mut left_out = 0usize;
    let rank: BTreeMap<PersonId, usize> = listed.iter().enumerate().map(|(r, &p)| (p, r)).collect();
    let order_of = |p: &PersonId| match d.people[p.index()].role {
        Role::Perpetrator => (0, rank.get(p).copied().unwrap_or(usize::MAX)),
        Role::Child => (1, 0),
        _ => (2, 0),
    };
    for (ci, &gi) in chosen.iter().enumerate() {
        let mut people: Vec<PersonId> = around[gi]
            .iter()
            .chain(groups.groups[gi].members.iter())
            .copied()
            .filter(|p| {
                matches!(
                    d.people[p.index()].role,
                    Role::Child | Role::Peer | Role::Perpetrator
                )
            })
            .filter(|p| !index.contains_key(p))
            .collect();
        people.sort_by_key(|p| (order_of(p), *p));
        people.dedup();
        left_out += people.len().saturating_sub(DIAGRAM_PER_GROUP);
        for m in people.into_iter().take(DIAGRAM_PER_GROUP) {
            index.insert(m, nodes_p.len());
            nodes_p.push((m, ci));
        }
    }
    for &p in listed {
        if let std::collections::btree_map::Entry::Vacant(e) = index.entry(p) {
            e.insert(nodes_p.len());
            nodes_p.push((p, chosen.len()));
        }
    }
    (nodes_p, index, left_out)
}

/// The ties between drawn people, each once, weights to two places.
fn diagram_edges(
    na: &NetworkAnalysis,
    nodes_p: &DiagramPeople,
    index: &BTreeMap<PersonId, usize>,
) -> Vec<(usize, usize, f64)> {
    let g = &na.network.persons;
    let mut edges = Vec::new();
    for (i, (p, _)) in nodes_p.iter().enumerate() {
        for (&w, &x) in g.neighbours(p.index()).iter().zip(g.weights(p.index())) {
            if let Some(&j) = index.get(&PersonId(w))
                && i < j
            {
                edges.push((i, j, (x * 100.0).round() / 100.0));
            }
        }
    }
    edges
}

/// The drawn people laid out by group, with their role, group and rank.
fn diagram_nodes(
    d: &Dataset,
    na: &NetworkAnalysis,
    nodes_p: &DiagramPeople,
    edges: &[(usize, usize, f64)],
) -> Vec<DiagramNode> {
    let groups = &na.peer_groups;
    let rank_of: BTreeMap<PersonId, usize> =
        na.connections.iter().map(|s| (s.person, s.rank)).collect();
    let clusters: Vec<usize> = nodes_p.iter().map(|(_, c)| *c).collect();
    let pos = layout(&clusters, edges, 200);
    nodes_p
        .iter()
        .zip(pos)
        .map(|((p, _), (x, y))| DiagramNode {
            person: *p,
            role: d.people[p.index()].role.to_string(),
            group: groups.group_of[p.index()].map(|gi| groups.groups[gi].id.clone()),
            x: (x * 1000.0).round() / 1000.0,
            y: (y * 1000.0).round() / 1000.0,
            rank: rank_of.get(p).copied(),
        })
        .collect()
}
