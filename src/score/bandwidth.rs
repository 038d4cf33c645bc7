//! `--bandwidth auto`: the KDE bandwidth chosen by a backtest on the data's own past.
//! The last [`AUTO_TEST_DAYS`] days before the as-of date are held out; each candidate
//! bandwidth ([`super::backtest::kde_candidates`]) is fitted on the events before them
//! and the one whose top 5% of cells captures most of the held-out harm per unit area
//! (PAI at 5%) is used. The data's future is never read: the as-of date is the end of the
//! test. When the past cannot settle it (no events before the held-out days, or none in
//! them), the default bandwidth stays and the reason is stated.

use super::Settings;
use super::backtest::{BacktestPlan, Surface, backtest, kde_candidates};
use crate::model::Dataset;
use crate::spatial::StudyArea;
use serde::Serialize;

/// Days held out at the end of the data to choose the bandwidth.
pub const AUTO_TEST_DAYS: u32 = 30;

/// Coverage at which bandwidths are compared, percent of the area.
pub const AUTO_COVERAGE_PCT: f64 = 5.0;

/// One candidate's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BandwidthScore {
    /// Bandwidth, metres.
    pub bandwidth_m: f64,
    /// PAI at 5% of the area.
    pub pai: f64,
    /// Hit rate at 5% of the area.
    pub hit_rate: f64,
    /// PEI at 5% of the area.
    pub pei: f64,
}

/// The bandwidth used and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandwidthChoice {
    /// The bandwidth used, metres.
    pub chosen_m: f64,
    /// Whether the backtest chose it (false: the default, see `reason`).
    pub by_backtest: bool,
    /// How it was chosen, in words.
    pub reason: String,
    /// The last training day.
    pub train_until: chrono::NaiveDate,
    /// Days held out.
    pub test_days: u32,
    /// Every candidate's score (empty when the backtest could not run).
    pub scores: Vec<BandwidthScore>,
}

/// Chooses the KDE bandwidth for `d` by backtest (see the module docs).
pub fn choose_bandwidth(
    d: &Dataset,
    settings: &Settings,
    area: Option<&StudyArea>,
) -> BandwidthChoice {
    let train_until = d.as_of.0 - chrono::Duration::days(i64::from(AUTO_TEST_DAYS));
    let plan = BacktestPlan {
        train_until,
        test_start: train_until + chrono::Duration::days(1),
        test_days: AUTO_TEST_DAYS,
        coverage_pct: vec![AUTO_COVERAGE_PCT],
        pick_at_pct: AUTO_COVERAGE_PCT,
        surfaces: kde_candidates(settings)
            .into_iter()
            .map(|bandwidth_m| Surface::Kde { bandwidth_m })
            .collect(),
        places: false,
    };
    let default = settings.bandwidth();
    match backtest(d, d, settings, &plan, area) {
        Ok(bt) => {
            let scores: Vec<BandwidthScore> = bt
                .surfaces
                .iter()
                .filter_map(|s| match (s.surface, bt.at_pick(s)) {
                    (Surface::Kde { bandwidth_m }, Some(c)) => Some(BandwidthScore {
                        bandwidth_m,
                        pai: c.pai,
                        hit_rate: c.hit_rate,
                        pei: c.pei,
                    }),
                    _ => None,
                })
                .collect();
            let best = scores[bt.best];
            BandwidthChoice {
                chosen_m: best.bandwidth_m,
                by_backtest: true,
                reason: format!(
                    "highest PAI at {AUTO_COVERAGE_PCT}% of the area ({:.2}) fitting on events up to {train_until} and testing on the {AUTO_TEST_DAYS} days after",
                    best.pai
                ),
                train_until,
                test_days: AUTO_TEST_DAYS,
                scores,
            }
        }
        Err(e) => BandwidthChoice {
            chosen_m: default,
            by_backtest: false,
            reason: format!("the default ({default} m): the backtest could not run: {e}"),
            train_until,
            test_days: AUTO_TEST_DAYS,
            scores: Vec::new(),
        },
    }
}
