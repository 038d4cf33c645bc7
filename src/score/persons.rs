//! The network engine: centralities and peer groups, then the person-of-concern
//! connection scores ([`crate::score::connection`]). Children and peers are never
//! scored; they get a peer group and, through the context summary, the people around
//! them.

use super::{ConnectionScore, Settings, connection::connection_scores};
use crate::graph::{BetweennessMode, BetweennessResult, Centralities, Network, PeerGroups};
use crate::model::{Dataset, PlaceId};
use std::collections::BTreeSet;

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
    ///   the connection scores ([`super::connection`]).
    pub fn run(
        d: &Dataset,
        settings: &Settings,
        network: Network,
        peer_groups: PeerGroups,
        mode: BetweennessMode,
        hotspots: &BTreeSet<PlaceId>,
    ) -> Self {
        let Centralities {
            degree,
            weighted_degree,
            betweenness,
            eigenvector,
            core,
        } = Centralities::compute(&network.persons, &settings.network, mode);
        let mut a = NetworkAnalysis {
            network,
            degree,
            weighted_degree,
            betweenness,
            eigenvector,
            core,
            peer_groups,
            connections: Vec::new(),
        };
        a.connections = connection_scores(d, &a, hotspots, settings);
        a
    }
}
