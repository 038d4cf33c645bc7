//! The network engine: centralities, peer groups and person-of-concern connection
//! scores. Children and peers are never scored; they get a peer group and, through the
//! context summary, the people around them.

use super::community::{Partition, louvain_best};
use super::{
    Csr, Network, NetworkSettings, betweenness, core_numbers, eigenvector, normalise, sampled,
};
use crate::model::{AsOf, Dataset, PersonId, PlaceId, Role};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How betweenness was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BetweennessMode {
    /// Exact (Brandes).
    Exact,
    /// Sampled with a stated error bound (Riondato–Kornaropoulos).
    Sampled,
    /// Exact up to the settings' node limit, sampled above.
    Auto,
}

/// Betweenness of every person, and how it was obtained.
#[derive(Debug, Clone, Serialize)]
pub struct BetweennessResult {
    /// `exact` or `sampled`.
    pub method: &'static str,
    /// Raw (unnormalised) values, exact method only.
    #[serde(skip)]
    pub raw: Option<Vec<f64>>,
    /// Normalised as networkx does for an undirected graph.
    #[serde(skip)]
    pub normalised: Vec<f64>,
    /// Error bound ε of every value (0 for exact).
    pub epsilon: f64,
    /// Probability the bound fails (0 for exact).
    pub delta: f64,
    /// Shortest paths sampled (0 for exact).
    pub samples: usize,
}

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

/// The named components of a person of concern's connection score, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ConnectionComponents {
    /// 10 per child tied directly by a tie of weight ≥ 1 (a recorded link, a shared
    /// event, or two co-presences: one chance meeting at a busy place is not a tie).
    pub children_direct: f64,
    /// 4 per child two such ties away (through a peer or anyone else), not direct.
    pub children_two_hops: f64,
    /// 20 × betweenness relative to the data's biggest broker: how far the person lies
    /// on the shortest paths between others.
    pub brokerage: f64,
    /// 5 per peer group, other than their own, among the people tied to them by a tie of
    /// weight ≥ 1.
    pub groups_bridged: f64,
    /// 5 per hotspot place (top of the location ranking) they are recorded at.
    pub hotspot_places: f64,
    /// 10 × 2^(−days since their latest record / half-life).
    pub recency: f64,
}

impl ConnectionComponents {
    /// Component names, in output order.
    pub const NAMES: [&'static str; 6] = [
        "children_direct",
        "children_two_hops",
        "brokerage",
        "groups_bridged",
        "hotspot_places",
        "recency",
    ];

    /// `(name, points)` in [`ConnectionComponents::NAMES`] order.
    pub fn named(&self) -> [(&'static str, f64); 6] {
        [
            ("children_direct", self.children_direct),
            ("children_two_hops", self.children_two_hops),
            ("brokerage", self.brokerage),
            ("groups_bridged", self.groups_bridged),
            ("hotspot_places", self.hotspot_places),
            ("recency", self.recency),
        ]
    }

    /// Their sum.
    pub fn total(&self) -> f64 {
        self.named().iter().map(|(_, v)| v).sum()
    }
}

/// A person of concern's connection score: a line of enquiry for a named practitioner,
/// never an automated decision.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionScore {
    /// The person (role `perpetrator`).
    pub person: PersonId,
    /// 1 for the highest total; ties by `person_id`.
    pub rank: usize,
    /// Sum of the components.
    pub total: f64,
    /// The components.
    pub components: ConnectionComponents,
    /// Children tied directly.
    pub children_direct: Vec<PersonId>,
    /// Children two ties away.
    pub children_two_hops: Vec<PersonId>,
    /// Hotspot places they are recorded at.
    pub hotspot_places: Vec<PlaceId>,
    /// Share of their evidence (links and events) from their most common source system.
    pub top_source_share: f64,
    /// That source system.
    pub top_source: Option<String>,
    /// Possibly under 18 at as-of (by birth year): may also be exploited.
    pub may_also_be_exploited: bool,
}

/// Everything the network engine computed.
#[derive(Debug, Clone)]
pub struct NetworkAnalysis {
    /// The network.
    pub network: Network,
    /// Distinct people tied to each person.
    pub degree: Vec<usize>,
    /// Sum of each person's tie weights.
    pub weighted_degree: Vec<f64>,
    /// Betweenness.
    pub betweenness: BetweennessResult,
    /// Eigenvector centrality (unit norm).
    pub eigenvector: Vec<f64>,
    /// k-core number.
    pub core: Vec<u32>,
    /// Peer groups, largest first.
    pub groups: Vec<PeerGroup>,
    /// Each person's peer group index into `groups`.
    pub group_of: Vec<Option<usize>>,
    /// Modularity of the peer-group partition.
    pub modularity: f64,
    /// Persons of concern, best first.
    pub connections: Vec<ConnectionScore>,
}

impl NetworkAnalysis {
    /// Runs the network engine.
    ///
    /// # Arguments
    /// * `hotspots` — places at the top of the location ranking (may be empty).
    /// * `half_life_days` — for the recency component.
    pub fn run(
        d: &Dataset,
        s: &NetworkSettings,
        network: Network,
        mode: BetweennessMode,
        hotspots: &BTreeSet<PlaceId>,
        half_life_days: f64,
    ) -> Self {
        let g = &network.graph;
        let n = g.len();
        let degree: Vec<usize> = (0..n).map(|v| g.degree(v)).collect();
        let weighted_degree: Vec<f64> = (0..n).map(|v| g.weights(v).iter().sum()).collect();
        let connected = degree.iter().filter(|&&k| k > 0).count();
        let exact = match mode {
            BetweennessMode::Exact => true,
            BetweennessMode::Sampled => false,
            BetweennessMode::Auto => connected <= s.exact_betweenness_limit,
        };
        let betweenness = if exact {
            let raw = betweenness(g);
            BetweennessResult {
                method: "exact",
                normalised: normalise(&raw),
                raw: Some(raw),
                epsilon: 0.0,
                delta: 0.0,
                samples: 0,
            }
        } else {
            let est = sampled(g, s.sample_epsilon, s.sample_delta, 2026);
            BetweennessResult {
                method: "sampled",
                raw: None,
                normalised: est.normalised,
                epsilon: est.epsilon,
                delta: est.delta,
                samples: est.samples,
            }
        };
        let eigen = eigenvector(g, 1e-12, 10_000).values;
        let core = core_numbers(g);
        let (groups, group_of, modularity) = peer_groups(d, g, s.community_seeds);
        let mut a = NetworkAnalysis {
            network,
            degree,
            weighted_degree,
            betweenness,
            eigenvector: eigen,
            core,
            groups,
            group_of,
            modularity,
            connections: Vec::new(),
        };
        a.connections = connection_scores(d, &a, hotspots, half_life_days);
        a
    }
}

/// Peer groups: Louvain on the ties among children, peers and persons of concern (trusted
/// adults and professionals are protective context, not group members). Groups of one
/// are not groups.
fn peer_groups(d: &Dataset, g: &Csr, seeds: u64) -> (Vec<PeerGroup>, Vec<Option<usize>>, f64) {
    let in_scope = |p: usize| {
        matches!(
            d.people[p].role,
            Role::Child | Role::Peer | Role::Perpetrator
        )
    };
    let nodes: Vec<usize> = (0..g.len())
        .filter(|&v| in_scope(v) && g.degree(v) > 0)
        .collect();
    let local: BTreeMap<usize, u32> = nodes
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, i as u32))
        .collect();
    let mut edges = Vec::new();
    for &v in &nodes {
        for (&w, &x) in g.neighbours(v).iter().zip(g.weights(v)) {
            if let Some(&lw) = local.get(&(w as usize))
                && (v as u32) < w
            {
                edges.push((local[&v], lw, x));
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
    (groups, group_of, modularity)
}

/// The least tie weight through which a child counts as reached (see
/// [`ConnectionComponents::children_direct`]).
pub const MIN_REACH_WEIGHT: f64 = 1.0;

fn connection_scores(
    d: &Dataset,
    a: &NetworkAnalysis,
    hotspots: &BTreeSet<PlaceId>,
    half_life_days: f64,
) -> Vec<ConnectionScore> {
    let g = &a.network.graph;
    let is_child = |p: usize| d.people[p].role == Role::Child;
    let as_of: AsOf = d.as_of;
    // Ties strong enough to count a child as reached.
    let strong = |v: usize| -> Vec<usize> {
        g.neighbours(v)
            .iter()
            .zip(g.weights(v))
            .filter(|(_, w)| **w >= MIN_REACH_WEIGHT)
            .map(|(x, _)| *x as usize)
            .collect()
    };
    let max_b = a.betweenness.normalised.iter().copied().fold(0.0, f64::max);
    let mut out = Vec::new();
    for person in d.people.iter().filter(|p| p.role == Role::Perpetrator) {
        let v = person.id.index();
        let near = strong(v);
        let direct: BTreeSet<usize> = near.iter().copied().filter(|&w| is_child(w)).collect();
        let mut two: BTreeSet<usize> = BTreeSet::new();
        for &w in &near {
            for x in strong(w) {
                if x != v && is_child(x) && !direct.contains(&x) {
                    two.insert(x);
                }
            }
        }
        let own = a.group_of[v];
        let bridged: BTreeSet<usize> = near
            .iter()
            .filter_map(|&w| a.group_of[w])
            .filter(|gr| Some(*gr) != own)
            .collect();
        let places: BTreeSet<PlaceId> = a
            .network
            .attendance
            .range((person.id, PlaceId(0))..=(person.id, PlaceId(u32::MAX)))
            .map(|((_, p), _)| *p)
            .filter(|p| hotspots.contains(p))
            .collect();
        // Evidence: the person's ties' links and events; sources of each.
        let mut sources: BTreeMap<String, usize> = BTreeMap::new();
        let mut latest = None;
        for &w in g.neighbours(v) {
            if let Some(t) = a.network.tie(person.id, PersonId(w)) {
                for l in &t.links {
                    let src = d.links[l.index()]
                        .provenance
                        .source
                        .clone()
                        .unwrap_or_else(|| "unrecorded".into());
                    *sources.entry(src).or_default() += 1;
                }
                for e in t.events() {
                    let ev = &d.events[e.index()];
                    let src = ev
                        .provenance
                        .source
                        .clone()
                        .unwrap_or_else(|| "unrecorded".into());
                    *sources.entry(src).or_default() += 1;
                    latest = latest.max(Some(ev.occurred_at));
                }
            }
        }
        for ((_, _), evs) in a
            .network
            .attendance
            .range((person.id, PlaceId(0))..=(person.id, PlaceId(u32::MAX)))
        {
            for e in evs {
                latest = latest.max(Some(d.events[e.index()].occurred_at));
            }
        }
        let total_sources: usize = sources.values().sum();
        let top = sources
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)));
        let recency = latest.map_or(0.0, |t| {
            let days = (as_of.cutoff() - t).num_seconds() as f64 / 86_400.0;
            10.0 * (-days.max(0.0) / half_life_days).exp2()
        });
        let components = ConnectionComponents {
            children_direct: 10.0 * direct.len() as f64,
            children_two_hops: 4.0 * two.len() as f64,
            brokerage: if max_b > 0.0 {
                20.0 * a.betweenness.normalised[v] / max_b
            } else {
                0.0
            },
            groups_bridged: 5.0 * bridged.len() as f64,
            hotspot_places: 5.0 * places.len() as f64,
            recency,
        };
        out.push(ConnectionScore {
            person: person.id,
            rank: 0,
            total: components.total(),
            components,
            children_direct: direct.into_iter().map(|x| PersonId(x as u32)).collect(),
            children_two_hops: two.into_iter().map(|x| PersonId(x as u32)).collect(),
            hotspot_places: places.into_iter().collect(),
            top_source_share: if total_sources > 0 {
                *top.map_or(&0, |t| t.1) as f64 / total_sources as f64
            } else {
                0.0
            },
            top_source: top.map(|t| t.0.clone()),
            may_also_be_exploited: person.age_range(as_of).is_some_and(|(min, _)| min < 18),
        });
    }
    out.sort_by(|x, y| {
        y.total.total_cmp(&x.total).then_with(|| {
            d.people[x.person.index()]
                .key
                .cmp(&d.people[y.person.index()].key)
        })
    });
    for (i, s) in out.iter_mut().enumerate() {
        s.rank = i + 1;
    }
    out
}
