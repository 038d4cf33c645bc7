use super::SynthConfig;
use serde::Serialize;

/// What a synthetic scenario planted, written to `truth.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    /// Seed used.
    pub seed: u64,
    /// The boundary's name.
    pub borough: String,
    /// First and last day covered.
    pub period: (String, String),
    /// The planted exploitation networks.
    pub networks: Vec<PlantedNetwork>,
    /// Places a volume-only method would rank high but that are not exploitation
    /// hotspots.
    pub decoys: Vec<Decoy>,
    /// Children's homes (care placements), where looked-after children live.
    pub childrens_homes: Vec<String>,
    /// Peer groups that never meet a person of concern.
    pub groups_without_networks: usize,
}

impl Truth {
    /// An empty truth for `config`.
    pub fn new(config: &SynthConfig, borough: &str) -> Self {
        Truth {
            seed: config.seed,
            borough: borough.to_string(),
            period: (
                (config.end - chrono::Duration::days(config.days - 1)).to_string(),
                config.end.to_string(),
            ),
            networks: Vec::new(),
            decoys: Vec::new(),
            childrens_homes: Vec::new(),
            groups_without_networks: 0,
        }
    }
}

/// One planted network: persons of concern exploiting a peer group's children from a
/// premises.
#[derive(Debug, Clone, Serialize)]
pub struct PlantedNetwork {
    /// `N1`, `N2`, ….
    pub id: String,
    /// Exploitation type: `cse` or `cce`.
    pub category: String,
    /// The main premises (`place_id`).
    pub premises: String,
    /// Its kind.
    pub premises_kind: String,
    /// A second place the network uses (`place_id`), near the first.
    pub secondary: Option<String>,
    /// Persons of concern (`person_id`).
    pub perpetrators: Vec<String>,
    /// Children exploited (`person_id`).
    pub children: Vec<String>,
    /// The whole peer group (`person_id`): children and peers.
    pub group: Vec<String>,
}

/// A decoy place.
#[derive(Debug, Clone, Serialize)]
pub struct Decoy {
    /// `place_id`.
    pub place: String,
    /// Why it is a decoy.
    pub why: String,
    /// Events planted there.
    pub events: usize,
}
