//! Each place's hotspot score per time step, and its own Mann–Kendall trend: whether the
//! risk at a premises is rising, steady or falling.
//!
//! Step `k` of `N` (each `L` days, the last ending with the as-of day) is scored by the
//! location engine as of its last day with a window of `L` days: the same score, the same
//! components, on that step's events alone. A place's series is its `total` per step,
//! oldest first; the trend is Mann–Kendall on it (ties are common: a step with no events
//! scores 0), significant at the FDR setting.

use super::{LocationAnalysis, Settings};
use crate::model::{AsOf, Dataset, PlaceId};
use crate::spatial::{Direction, GridError, MannKendall, StudyArea};
use rayon::prelude::*;
use serde::Serialize;

/// One place's series and trend.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceTrend {
    /// The place.
    #[serde(skip)]
    pub place: PlaceId,
    /// Hotspot score per step, oldest first.
    pub scores: Vec<f64>,
    /// Mann–Kendall on the scores.
    pub trend: MannKendall,
    /// Rising, steady or falling.
    pub direction: Direction,
}

/// Every place's trend, by place index.
#[derive(Debug, Clone)]
pub struct PlaceTrends {
    /// Length of a step, days.
    pub step_days: u32,
    /// The last day of each step, oldest first.
    pub step_ends: Vec<chrono::NaiveDate>,
    /// By place index.
    pub places: Vec<PlaceTrend>,
}

impl PlaceTrends {
    /// Scores every place in each of `steps` steps of `step_days` days ending on the
    /// as-of day.
    ///
    /// # Errors
    /// [`GridError`] when a step's grid cannot be built.
    pub fn compute(
        d: &Dataset,
        settings: &Settings,
        area: Option<&StudyArea>,
        steps: usize,
        step_days: u32,
    ) -> Result<Self, GridError> {
        let step_ends: Vec<chrono::NaiveDate> = (0..steps)
            .map(|k| {
                d.as_of.0 - chrono::Duration::days(i64::from(step_days) * (steps - 1 - k) as i64)
            })
            .collect();
        let per_step: Vec<Vec<f64>> = step_ends
            .par_iter()
            .map(|&end| {
                let mut step = d.clone();
                step.as_of = AsOf(end);
                let mut s = settings.clone();
                s.window_days = step_days;
                let la = LocationAnalysis::run_in(&step, &s, area)?;
                let mut totals = vec![0.0; d.places.len()];
                for p in &la.ranking {
                    totals[p.place.index()] = p.total;
                }
                Ok(totals)
            })
            .collect::<Result<_, GridError>>()?;
        let places = d
            .places
            .iter()
            .map(|p| {
                let scores: Vec<f64> = per_step.iter().map(|s| s[p.id.index()]).collect();
                let trend = MannKendall::test(&scores);
                PlaceTrend {
                    place: p.id,
                    direction: trend.direction(settings.fdr),
                    scores,
                    trend,
                }
            })
            .collect();
        Ok(PlaceTrends {
            step_days,
            step_ends,
            places,
        })
    }

    /// The trend of a place.
    pub fn of(&self, place: PlaceId) -> &PlaceTrend {
        &self.places[place.index()]
    }
}
