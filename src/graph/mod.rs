//! The network: people and places as a graph, and the measures a strategy meeting
//! reviews — brokers, cores, peer groups, paths from a child to persons of concern.
//! These are lines of enquiry, never risk scores of children.

/// Compressed sparse row adjacency, the shape the kernels run on.
pub(crate) mod csr;
pub use csr::Csr;

/// Brandes over a 64-source bit-parallel breadth-first search (Then et al. 2014).
mod batched;
/// Exact betweenness (Brandes), parallel and deterministic.
pub mod betweenness;
pub use betweenness::{betweenness, normalise};

/// Sampled betweenness with an error bound (Riondato–Kornaropoulos, bidirectional search).
pub(crate) mod sampled;
pub use sampled::{SEED_SAMPLED_BETWEENNESS, SampledBetweenness, sampled};

/// Eigenvector centrality.
pub(crate) mod eigenvector;
pub use eigenvector::{Eigenvector, eigenvector};

/// k-core numbers.
pub(crate) mod kcore;
pub use kcore::core_numbers;

/// Peer groups: seeded Louvain with connected refinement, and modularity.
pub(crate) mod community;
pub use community::{Partition, louvain, louvain_best, modularity};

/// Co-presence windows at a place, shared by the network and the place score.
pub(crate) mod co_presence;

/// Building the network from a dataset: ties with their evidence.
pub(crate) mod network;
pub use network::{Edge, Network, NetworkCounts, NetworkSettings, Node, Tie};

/// Peer groups of children, peers and persons of concern, and where they meet.
pub(crate) mod peer_groups;
pub use peer_groups::{PeerGroup, PeerGroups};

/// Centralities of every person: degree, betweenness, eigenvector, k-core.
pub(crate) mod centrality;
pub use centrality::{BetweennessMethod, BetweennessMode, BetweennessResult, Centralities};
