//! The whole engine in order (docs/design.md §2): the location engine places and weighs every
//! event and scores places; the network is built from the same events; peer groups are
//! found and fed back into the place scores ([`crate::score::PlaceAnalysis`]); the
//! hotspots they give feed the person-of-concern connection scores
//! ([`crate::score::NetworkAnalysis`]); the admitted events are indexed for the
//! assessments ([`crate::model::EventIndex`]). What it returns, [`Analysis`], is what
//! the assessments and the report read.

use crate::graph::BetweennessMode;
use crate::model::{Dataset, EventIndex};
use crate::score::{
    LocationAnalysis, NetworkAnalysis, PlaceAnalysis, PlaceTrends, Settings, TrendAnalysis,
    TrendSettings,
};
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
        let hotspots =
            study_hotspots(d, settings).unwrap_or_else(|| location.hotspots(HOTSPOT_COUNT));
        // The index reads only the snapped events: build it beside the network engine.
        let (network, events) = rayon::join(
            || NetworkAnalysis::run(d, settings, network, peer_groups, mode, &hotspots),
            || EventIndex::new(d, &location.snapped.place),
        );
        Ok(Analysis {
            location,
            network,
            events,
        })
    }
}

/// The study's hotspots ([`crate::score::study::Study::hotspots`]) that are places of
/// `d`, for a run over a network gathered from several areas: its persons of concern's
/// `hotspot_places` count the places one run over the union ranks first, not those of
/// its own part of the records.
fn study_hotspots(
    d: &Dataset,
    settings: &Settings,
) -> Option<std::collections::BTreeSet<crate::model::PlaceId>> {
    let listed = settings.study.as_deref()?.hotspots.as_ref()?;
    Some(
        listed
            .iter()
            .take(HOTSPOT_COUNT)
            .filter_map(|k| d.place_by_key(k).map(|p| p.id))
            .collect(),
    )
}

/// The most time steps a trend may have (ten years of weeks): each step costs one run of
/// the location engine for the place trends.
pub const MAX_TREND_STEPS: u32 = 520;

/// The length of a time step, in days, of the trends `analyse` and `assess place` show
/// (a month, near enough, so that 12 steps are a year).
pub const TREND_STEP_DAYS: u32 = 30;

/// The shape of the trends `analyse` shows: `steps` steps of [`TREND_STEP_DAYS`], each
/// step's Gi* on its own.
fn report_shape(steps: usize) -> TrendSettings {
    TrendSettings {
        steps,
        step_days: TREND_STEP_DAYS,
        time_neighbours: 0,
    }
}

/// The place trends `analyse` shows over `steps` steps ([`report_shape`]). They read only
/// the dataset, so `analyse` runs them beside [`Analysis::run`].
///
/// # Errors
/// A step's grid cannot be built.
pub fn place_trends_for_report(
    d: &Dataset,
    settings: &Settings,
    area: Option<&StudyArea>,
    steps: usize,
) -> Result<PlaceTrends, GridError> {
    let shape = report_shape(steps);
    PlaceTrends::compute(d, settings, area, shape.steps, shape.step_days)
}

/// The trends `analyse` shows: the space-time cube over `steps` steps
/// ([`report_shape`]) on the location analysis `la` already ran, with the place trends
/// `places` of [`place_trends_for_report`] over the same steps.
pub fn trends_for_report(
    d: &Dataset,
    la: &LocationAnalysis,
    places: PlaceTrends,
    steps: usize,
) -> TrendAnalysis {
    TrendAnalysis::on(d, la, report_shape(steps), places)
}
