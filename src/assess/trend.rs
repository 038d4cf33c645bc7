//! A place's score trend for its location assessment: whether the risk there is rising,
//! steady or falling, with the numbers behind the word (Mann–Kendall on the place's
//! hotspot score per step; see `score::place_trends` and `docs/trends.md`).

use crate::model::PlaceId;
use crate::score::PlaceTrends;
use serde::Serialize;

/// The trend of one place's hotspot score over the last steps.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceTrendView {
    /// `rising`, `steady` or `falling`: a Mann–Kendall trend significant at the FDR
    /// setting, up or down, or none.
    pub direction: String,
    /// The number of steps.
    pub steps: usize,
    /// The length of a step, days.
    pub step_days: u32,
    /// The last day of the first step and of the last (the as-of day).
    pub from: String,
    /// The last day of the last step.
    pub to: String,
    /// Mann–Kendall z (continuity-corrected, tie-corrected variance).
    pub z: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// Kendall's tau.
    pub tau: f64,
    /// Sen's slope, score points per step.
    pub slope: f64,
}

impl PlaceTrendView {
    /// The view of `place`'s trend in `trends`. Only the statistics, not the score
    /// series: a series of scores can be worked back to the small counts behind it.
    pub fn of(trends: &PlaceTrends, place: PlaceId) -> Self {
        let t = trends.of(place);
        let round = |x: f64, k: i32| {
            let f = 10f64.powi(k);
            (x * f).round() / f
        };
        PlaceTrendView {
            direction: t.direction.to_string(),
            steps: t.scores.len(),
            step_days: trends.step_days,
            from: trends
                .step_ends
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            to: trends
                .step_ends
                .last()
                .map(ToString::to_string)
                .unwrap_or_default(),
            z: round(t.trend.z, 2),
            p: round(t.trend.p, 4),
            tau: round(t.trend.tau, 3),
            slope: round(t.trend.slope, 2),
        }
    }
}
