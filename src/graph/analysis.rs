//! The network engine: centralities, peer groups and person-of-concern connection
//! scores. Children and peers are never scored; they get a peer group and, through the
//! context summary, the people around them.

use super::{
    Network, NetworkSettings, PeerGroups, betweenness, core_numbers, eigenvector, normalise,
    sampled,
};
use crate::model::{AsOf, Dataset, EventId, LinkId, PersonId, PlaceId, Role};
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

impl BetweennessResult {
    /// `exact`, or `sampled ±ε p=1−δ`: how the values were computed and their bound.
    pub fn describe(&self) -> String {
        if self.method == "exact" {
            "exact".to_string()
        } else {
            format!("sampled ±{:.4} p={:.2}", self.epsilon, 1.0 - self.delta)
        }
    }
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
    /// The recorded links behind their ties, sorted.
    pub evidence_links: Vec<LinkId>,
    /// The events behind their ties and their places, sorted.
    pub evidence_events: Vec<EventId>,
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
    /// Peer groups.
    pub peer_groups: PeerGroups,
    /// Persons of concern, best first.
    pub connections: Vec<ConnectionScore>,
}

impl NetworkAnalysis {
    /// Runs the network engine: centralities of every person, then the connection score
    /// of every person of concern.
    ///
    /// # Arguments
    /// * `peer_groups` — found by [`PeerGroups::find`] on `network.persons`.
    /// * `hotspots` — places at the top of the location ranking (may be empty).
    /// * `half_life_days` — for the recency component.
    #[allow(clippy::too_many_arguments)]
    pub fn run(
        d: &Dataset,
        s: &NetworkSettings,
        network: Network,
        peer_groups: PeerGroups,
        mode: BetweennessMode,
        hotspots: &BTreeSet<PlaceId>,
        half_life_days: f64,
    ) -> Self {
        let g = &network.persons;
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
        let mut a = NetworkAnalysis {
            network,
            degree,
            weighted_degree,
            betweenness,
            eigenvector: eigen,
            core,
            peer_groups,
            connections: Vec::new(),
        };
        a.connections = connection_scores(d, &a, hotspots, half_life_days);
        a
    }
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
    let g = &a.network.persons;
    let group_of = &a.peer_groups.group_of;
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
        let own = group_of[v];
        let bridged: BTreeSet<usize> = near
            .iter()
            .filter_map(|&w| group_of[w])
            .filter(|gr| Some(*gr) != own)
            .collect();
        let attended = a.network.places_of(person.id);
        let places: BTreeSet<PlaceId> = attended
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| hotspots.contains(p))
            .collect();
        // Evidence: the links and events of the person's ties and places, and the source
        // system of each record.
        let mut links: BTreeSet<LinkId> = BTreeSet::new();
        let mut events: BTreeSet<EventId> = BTreeSet::new();
        for &w in g.neighbours(v) {
            if let Some(t) = a.network.tie(person.id, PersonId(w)) {
                links.extend(&t.links);
                events.extend(t.events());
            }
        }
        for (_, evs) in &attended {
            events.extend(evs.iter());
        }
        let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
        let unrecorded = "unrecorded";
        for l in &links {
            let src = d.links[l.index()].provenance.source.as_deref();
            *sources.entry(src.unwrap_or(unrecorded)).or_default() += 1;
        }
        for e in &events {
            let src = d.events[e.index()].provenance.source.as_deref();
            *sources.entry(src.unwrap_or(unrecorded)).or_default() += 1;
        }
        let latest = events.iter().map(|e| d.events[e.index()].occurred_at).max();
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
            evidence_links: links.into_iter().collect(),
            evidence_events: events.into_iter().collect(),
            top_source_share: if total_sources > 0 {
                *top.map_or(&0, |t| t.1) as f64 / total_sources as f64
            } else {
                0.0
            },
            top_source: top.map(|t| t.0.to_string()),
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
