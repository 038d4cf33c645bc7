//! The whole engine in order (DESIGN.md §3): the location engine places and weighs every
//! event and scores places; the network is built from the same events; peer groups are
//! found and fed back into the place scores ([`crate::score::PlaceAnalysis`]); the
//! hotspots they give feed the person-of-concern connection scores
//! ([`crate::score::NetworkAnalysis`]); the admitted events are indexed for the
//! assessments ([`crate::model::EventIndex`]). What it returns, [`Analysis`], is what
//! the assessments and the report read.

use crate::graph::BetweennessMode;
use crate::model::{Dataset, EventIndex};
use crate::score::{LocationAnalysis, NetworkAnalysis, PlaceAnalysis, Settings};
use crate::spatial::{GridError, StudyArea};

/// How many of the top places count as hotspots for a person of concern's
/// `hotspot_places` component.
pub const HOTSPOT_COUNT: usize = 10;

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
