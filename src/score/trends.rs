//! Space and time together: the space-time cube of a dataset's events on the location
//! engine's grid, its emerging hot spots, and each place's score trend.

use super::{LocationAnalysis, PlaceTrends, Settings};
use crate::model::Dataset;
use crate::spatial::{EmergingHotSpots, GridError, SpaceTimeCube, StudyArea, TimedPoint};
use serde::Serialize;

/// The shape of the cube.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrendSettings {
    /// Number of time steps, counted back from the as-of day.
    pub steps: usize,
    /// Length of a step, days.
    pub step_days: u32,
    /// Steps before a bin that share its Gi* neighbourhood (0: each step alone).
    pub time_neighbours: usize,
}

/// Everything `disrupt trends` computes.
#[derive(Debug, Clone)]
pub struct TrendAnalysis {
    /// The settings of the location engine the cube was built on.
    pub settings: Settings,
    /// The cube.
    pub cube: SpaceTimeCube,
    /// Emerging hot spots of the cells with data.
    pub emerging: EmergingHotSpots,
    /// Each place's score per step and its trend.
    pub places: PlaceTrends,
    /// The shape of the cube.
    pub shape: TrendSettings,
}

impl TrendAnalysis {
    /// Builds the cube from every admitted event that weighs something (base × grading,
    /// no recency) on the location engine's grid, runs Emerging Hot Spot Analysis with
    /// the Gi* distance band and FDR of `settings`, and scores every place per step.
    ///
    /// # Errors
    /// [`GridError`] when the grid cannot be built.
    pub fn run(
        d: &Dataset,
        settings: &Settings,
        area: Option<&StudyArea>,
        shape: TrendSettings,
    ) -> Result<Self, GridError> {
        let (location, places) = rayon::join(
            || LocationAnalysis::run_in(d, settings, area),
            || PlaceTrends::compute(d, settings, area, shape.steps, shape.step_days),
        );
        Ok(Self::on(d, &location?, shape, places?))
    }

    /// The cube and its emerging hot spots on a location analysis `location` already
    /// made for `d` (its grid, study area, weights, Gi* band and FDR), with the place
    /// trends `places` computed for the same settings, area and `shape`
    /// ([`PlaceTrends::compute`] reads only the dataset, so it may run beside the
    /// location engine).
    pub fn on(
        d: &Dataset,
        location: &LocationAnalysis,
        shape: TrendSettings,
        places: PlaceTrends,
    ) -> Self {
        let settings = &location.settings;
        let cube = cube(d, location, shape);
        let emerging = EmergingHotSpots::analyse(
            &cube,
            settings.gi_distance(),
            shape.time_neighbours,
            settings.fdr,
        );
        TrendAnalysis {
            settings: location.settings.clone(),
            cube,
            emerging,
            places,
            shape,
        }
    }
}

/// The cube of `d`'s admitted, weighted events on `la`'s grid and study area.
pub fn cube(d: &Dataset, la: &LocationAnalysis, shape: TrendSettings) -> SpaceTimeCube {
    let points: Vec<TimedPoint> = d
        .events
        .iter()
        .zip(&la.weights)
        .filter(|(e, w)| d.exclusion(&e.provenance).is_none() && w.base > 0.0)
        .map(|(e, w)| TimedPoint {
            at: e.location,
            when: e.occurred_at,
            weight: w.base * w.grading,
        })
        .collect();
    let mut sorted = points;
    // Sum bins in a canonical order so totals do not depend on input row order.
    sorted.sort_by(|a, b| {
        a.when
            .cmp(&b.when)
            .then(a.at.easting.total_cmp(&b.at.easting))
            .then(a.at.northing.total_cmp(&b.at.northing))
            .then(a.weight.total_cmp(&b.weight))
    });
    SpaceTimeCube::build(
        la.grid,
        Some(la.inside.clone()),
        &sorted,
        d.as_of.cutoff(),
        shape.steps,
        shape.step_days,
    )
}
