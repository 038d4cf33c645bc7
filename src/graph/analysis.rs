//! The network engine: centralities and peer groups, then the person-of-concern
//! connection scores ([`crate::score::connection`]). Children and peers are never scored; they get a peer group and, through the
//! context summary, the people around them.

use super::{
    Network, NetworkSettings, PeerGroups, betweenness, core_numbers, eigenvector, normalise,
    sampled,
};
use crate::model::{Dataset, PlaceId};
pub use crate::score::connection::{ConnectionComponents, ConnectionScore};
use crate::score::{Settings, connection::connection_scores};
use serde::Serialize;
use std::collections::BTreeSet;

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
    /// * `settings` — `network` for the measures, `connection` and `half_life_days` for
    ///   the connection scores ([`crate::score::connection`]).
    pub fn run(
        d: &Dataset,
        settings: &Settings,
        network: Network,
        peer_groups: PeerGroups,
        mode: BetweennessMode,
        hotspots: &BTreeSet<PlaceId>,
    ) -> Self {
        let s: &NetworkSettings = &settings.network;
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
            let est = sampled(
                g,
                s.sample_epsilon,
                s.sample_delta,
                super::SEED_SAMPLED_BETWEENNESS,
            );
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
        a.connections = connection_scores(d, &a, hotspots, settings);
        a
    }
}
