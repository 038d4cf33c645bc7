//! Peer groups (docs/design.md §4.5): communities of children, peers and the persons of
//! concern around them, found by seeded Louvain with connected refinement on the
//! person–person ties. Trusted adults and professionals are protective context, not group
//! members.

use super::community::{Partition, louvain_best};
use super::{Csr, Network};
use crate::model::{Dataset, PersonId, PlaceId, Role};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A peer group: a community of children, peers and persons of concern.
#[derive(Debug, Clone, Serialize)]
pub struct PeerGroup {
    /// `G1`, `G2`, … by size.
    pub id: String,
    /// Members, sorted.
    pub members: Vec<PersonId>,
    /// Density of ties among members, `[0, 1]`.
    pub density: f64,
}

/// Every peer group of a network.
#[derive(Debug, Clone, Default)]
pub struct PeerGroups {
    /// Peer groups, largest first.
    pub groups: Vec<PeerGroup>,
    /// Each person's peer group, as an index into `groups`.
    pub group_of: Vec<Option<usize>>,
    /// Modularity of the partition they come from (Newman 2004, weighted), on the ties
    /// among children, peers and persons of concern.
    pub modularity: f64,
}

impl PeerGroups {
    /// Finds the peer groups: the best Louvain partition over `seeds` seeds of the ties
    /// among children, peers and persons of concern. Groups of one are not groups.
    ///
    /// # Complexity
    /// Near-linear in the ties per seed; seeds run in parallel.
    pub fn find(d: &Dataset, g: &Csr, seeds: u64) -> Self {
        let in_scope = |p: usize| {
            matches!(
                d.people[p].role,
                Role::Child | Role::Peer | Role::Perpetrator
            )
        };
        let nodes: Vec<usize> = (0..g.len())
            .filter(|&v| in_scope(v) && g.degree(v) > 0)
            .collect();
        let mut local = vec![u32::MAX; g.len()];
        for (i, &v) in nodes.iter().enumerate() {
            local[v] = i as u32;
        }
        let mut edges = Vec::new();
        for &v in &nodes {
            for (&w, &x) in g.neighbours(v).iter().zip(g.weights(v)) {
                if local[w as usize] != u32::MAX && (v as u32) < w {
                    edges.push((local[v], local[w as usize], x));
                }
            }
        }
        let sub = Csr::from_edges(nodes.len(), &edges);
        let Partition {
            community,
            count,
            modularity,
            ..
        } = louvain_best(&sub, seeds, 1.0);
        let mut members: Vec<Vec<PersonId>> = vec![Vec::new(); count];
        for (i, &c) in community.iter().enumerate() {
            members[c as usize].push(PersonId(nodes[i] as u32));
        }
        let mut groups = Vec::new();
        let mut group_of = vec![None; g.len()];
        for m in members.into_iter().filter(|m| m.len() >= 2) {
            let set: BTreeSet<u32> = m.iter().map(|p| p.0).collect();
            let internal: usize = m
                .iter()
                .map(|p| {
                    g.neighbours(p.index())
                        .iter()
                        .filter(|w| set.contains(w))
                        .count()
                })
                .sum::<usize>()
                / 2;
            let possible = m.len() * (m.len() - 1) / 2;
            for p in &m {
                group_of[p.index()] = Some(groups.len());
            }
            groups.push(PeerGroup {
                id: format!("G{}", groups.len() + 1),
                density: internal as f64 / possible as f64,
                members: m,
            });
        }
        PeerGroups {
            groups,
            group_of,
            modularity,
        }
    }

    /// The peer groups that meet at each place: a group meets at a place when two of its
    /// members are recorded there together — in one event, or in different events within
    /// the co-presence window at least twice (once is a chance meeting). Members passing through
    /// a station on different days are not a meeting, and busy windows that infer no
    /// co-presence (see [`super::NetworkSettings::co_presence_cap`]) add none.
    ///
    /// # Arguments
    /// * `place_of` — each event's place after snapping, by event index.
    ///
    /// # Returns
    /// `place → group indices` (sorted), for places where any group meets.
    pub fn meeting_places(
        &self,
        network: &Network,
        place_of: &[Option<PlaceId>],
    ) -> BTreeMap<PlaceId, Vec<usize>> {
        let mut seen: BTreeSet<(PlaceId, usize)> = BTreeSet::new();
        for (x, y, tie) in network.ties() {
            let (Some(gx), Some(gy)) = (self.group_of[x.index()], self.group_of[y.index()]) else {
                continue;
            };
            if gx != gy {
                continue;
            }
            for e in &tie.shared_events {
                if let Some(place) = place_of[e.index()] {
                    seen.insert((place, gx));
                }
            }
            // In different records, once is a chance meeting (as for a tie, see
            // [`crate::score::connection`]): the pair meets at a place they were
            // co-present at twice or more.
            let mut apart: BTreeMap<PlaceId, usize> = BTreeMap::new();
            for (a, _) in &tie.co_presence {
                if let Some(place) = place_of[a.index()] {
                    *apart.entry(place).or_default() += 1;
                }
            }
            for (place, n) in apart {
                if n >= 2 {
                    seen.insert((place, gx));
                }
            }
        }
        let mut out: BTreeMap<PlaceId, Vec<usize>> = BTreeMap::new();
        for (place, g) in seen {
            out.entry(place).or_default().push(g);
        }
        out
    }
}
