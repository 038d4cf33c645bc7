//! The location engine with peer groups: places weighed and scored, the network built
//! from the same events, peer groups found on it and the places they meet at added to
//! the place scores.

use super::{LocationAnalysis, Settings};
use crate::graph::{Network, PeerGroups};
use crate::model::Dataset;
use crate::spatial::{GridError, StudyArea};

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
