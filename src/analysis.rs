//! The whole engine in order (docs/design.md §2): the location engine places and weighs
//! every event and scores places; the network is built from the same events; peer groups
//! are found and fed back into the place scores; the hotspots they give feed the
//! person-of-concern connection scores.

use crate::graph::{BetweennessMode, Network, NetworkAnalysis, PeerGroups};
use crate::model::Dataset;
use crate::score::{LocationAnalysis, Settings};
use crate::spatial::{GridError, StudyArea};
use crate::toolkit::EventIndex;

/// How many of the top places count as hotspots for a person of concern's
/// `hotspot_places` component.
pub const HOTSPOT_COUNT: usize = 10;

/// Places, with peer groups: everything `disrupt hotspots` reports.
#[derive(Debug, Clone)]
pub struct PlaceAnalysis {
    /// The location engine, its place scores including the peer-group component.
    pub location: LocationAnalysis,
    /// The network the peer groups were found on.
    pub network: Network,
    /// The peer groups.
    pub peer_groups: PeerGroups,
}

impl PlaceAnalysis {
    /// Runs the location engine, builds the network from the same events, finds the peer
    /// groups and adds the places they meet at to the place scores.
    ///
    /// # Errors
    /// [`GridError`] when there is nothing to grid or the grid would be too large.
    pub fn run(
        d: &Dataset,
        settings: &Settings,
        area: Option<&StudyArea>,
    ) -> Result<Self, GridError> {
        let mut location = LocationAnalysis::run_in(d, settings, area)?;
        let network = Network::build(
            d,
            &settings.network,
            &location.used,
            &location.snapped.place,
        );
        let peer_groups = PeerGroups::find(d, &network.persons, settings.network.community_seeds);
        let meeting = peer_groups.meeting_places(&network, &location.snapped.place);
        location.add_peer_groups(d, &meeting);
        Ok(PlaceAnalysis {
            location,
            network,
            peer_groups,
        })
    }
}

/// Places and persons of concern: everything `disrupt network` and the assessments use.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The location engine, its place scores including the peer-group component.
    pub location: LocationAnalysis,
    /// The network engine: centralities, peer groups, connection scores.
    pub network: NetworkAnalysis,
    /// Admitted events by person, by place and in time order, for the assessments.
    pub events: EventIndex,
}

impl Analysis {
    /// Runs [`PlaceAnalysis::run`], then the network engine with the top
    /// [`HOTSPOT_COUNT`] places as hotspots.
    ///
    /// # Errors
    /// [`GridError`] when there is nothing to grid or the grid would be too large.
    pub fn run(
        d: &Dataset,
        settings: &Settings,
        area: Option<&StudyArea>,
        mode: BetweennessMode,
    ) -> Result<Self, GridError> {
        let PlaceAnalysis {
            location,
            network,
            peer_groups,
        } = PlaceAnalysis::run(d, settings, area)?;
        let hotspots = location.hotspots(HOTSPOT_COUNT);
        let network = NetworkAnalysis::run(d, settings, network, peer_groups, mode, &hotspots);
        let events = EventIndex::new(d, &location.snapped.place);
        Ok(Analysis {
            location,
            network,
            events,
        })
    }
}
