//! What more than one command runs beside [`crate::Analysis`], decided once here so that
//! every command that runs it runs the same thing: whom the disproportionality monitor
//! compares, and the trends the main job and the location assessment compute.

use crate::graph::NetworkAnalysis;
use crate::model::Dataset;
use crate::privacy::Disproportionality;
use crate::score::{LocationAnalysis, Settings, TrendAnalysis, TrendSettings};
use crate::spatial::{GridError, StudyArea};

/// How many of the top persons of concern the disproportionality monitor compares with
/// everyone who has a tie.
pub const MONITORED_TOP: usize = 20;

/// The disproportionality monitor on the top [`MONITORED_TOP`] persons of concern of
/// `a` and everyone with a tie in it; groups smaller than `min_count` are not compared
/// (the audience's small-count threshold).
pub fn disproportionality(d: &Dataset, a: &NetworkAnalysis, min_count: u64) -> Disproportionality {
    let top: Vec<_> = a
        .connections
        .iter()
        .take(MONITORED_TOP)
        .map(|s| s.person)
        .collect();
    let members: Vec<_> = d
        .people
        .iter()
        .filter(|p| a.degree[p.id.index()] > 0)
        .map(|p| p.id)
        .collect();
    crate::privacy::monitor(d, &top, &members, min_count)
}

/// The most time steps a trend may have (ten years of weeks): each step costs one run of
/// the location engine for the place trends.
pub const MAX_TREND_STEPS: u32 = 520;

/// The length of a time step, in days, of the trends `analyse` and `assess place` show
/// (a month, near enough, so that 12 steps are a year).
pub const TREND_STEP_DAYS: u32 = 30;

/// The trends `analyse` computes: the space-time cube and the place trends over `steps`
/// steps of [`TREND_STEP_DAYS`], each step's Gi* on its own, on the location analysis
/// `la` already ran.
///
/// # Errors
/// The trends' grid cannot be built.
pub fn trends_for_report(
    d: &Dataset,
    la: &LocationAnalysis,
    settings: &Settings,
    area: Option<&StudyArea>,
    steps: usize,
) -> Result<TrendAnalysis, GridError> {
    let shape = TrendSettings {
        steps,
        step_days: TREND_STEP_DAYS,
        time_neighbours: 0,
    };
    TrendAnalysis::on(d, la.clone(), settings, area, shape)
}
