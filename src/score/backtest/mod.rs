//! Forecast accuracy: fit each hotspot surface on the events up to a date, and score it
//! on the period after (hit rate, PAI, PEI; [`crate::spatial::forecast`]). The fit sees
//! only events before the end of the `train_until` day — the dataset is analysed as of
//! that date, so later events are outside its window exactly as future events would be.
//!
//! Harm in the test period is each event's base weight × grading factor (no recency:
//! every test event is equally "next"), on the training grid; events outside it count
//! in the total but no map can flag them. The same test scores the place ranking: the
//! share of the test harm recorded at places that falls at the top k places, against
//! k's share of places.

use super::{LocationAnalysis, PlaceAnalysis, Settings};
use crate::model::{AsOf, Bng, Dataset};
use crate::spatial::forecast::Capture;
use crate::spatial::{GridError, Prospective, StudyArea, kde};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

mod scoring;
pub use scoring::backtest;

/// A surface a backtest fits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Surface {
    /// Quartic kernel density of the weighted events (recency included, as `hotspots`).
    Kde {
        /// Bandwidth, metres.
        bandwidth_m: f64,
    },
    /// The Gi* z-score of each cell's weighted events.
    GiStar {
        /// Distance band, metres.
        distance_m: f64,
    },
    /// Prospective hotspotting (Bowers, Johnson & Pease 2004).
    Prospective {
        /// Spatial bandwidth, metres.
        distance_m: f64,
        /// Temporal bandwidth, whole weeks.
        weeks: u32,
    },
    /// Naive counts: each cell's harm in the last `days` before the end of training.
    LastPeriod {
        /// Length of the last period, days.
        days: u32,
    },
}

impl Surface {
    /// A short name for tables: `kde_500m`, `gi_star_250m`, `prospective_400m_8w`,
    /// `last_period_31d`.
    pub fn name(&self) -> String {
        match self {
            Surface::Kde { bandwidth_m } => format!("kde_{bandwidth_m}m"),
            Surface::GiStar { distance_m } => format!("gi_star_{distance_m}m"),
            Surface::Prospective { distance_m, weeks } => {
                format!("prospective_{distance_m}m_{weeks}w")
            }
            Surface::LastPeriod { days } => format!("last_period_{days}d"),
        }
    }

    /// The standard set: the quartic KDE at 1, 2, 3, 5 and 8 cells, Gi*, prospective
    /// hotspotting at the paper's bandwidths, and the last period's counts.
    pub fn standard(settings: &Settings, last_days: u32) -> Vec<Surface> {
        let mut v: Vec<Surface> = kde_candidates(settings)
            .into_iter()
            .map(|bandwidth_m| Surface::Kde { bandwidth_m })
            .collect();
        let p = Prospective::default();
        v.push(Surface::GiStar {
            distance_m: settings.gi_distance(),
        });
        v.push(Surface::Prospective {
            distance_m: p.distance_m,
            weeks: p.weeks,
        });
        v.push(Surface::LastPeriod { days: last_days });
        v
    }
}

/// The KDE bandwidths tried: 1, 2, 3, 5 and 8 cells, metres.
pub fn kde_candidates(settings: &Settings) -> Vec<f64> {
    [1.0, 2.0, 3.0, 5.0, 8.0]
        .iter()
        .map(|k| k * settings.cell_m)
        .collect()
}

/// What to fit, and when to test it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestPlan {
    /// The last day of training.
    pub train_until: NaiveDate,
    /// The first day of the test period.
    pub test_start: NaiveDate,
    /// Length of the test period, days.
    pub test_days: u32,
    /// Coverages scored, percent of the area.
    pub coverage_pct: Vec<f64>,
    /// The coverage at which the best surface is picked, percent (one of `coverage_pct`).
    pub pick_at_pct: f64,
    /// The surfaces fitted.
    pub surfaces: Vec<Surface>,
    /// Whether the place ranking is scored too (it runs the whole place analysis).
    pub places: bool,
}

/// Surfaces fitted on the training events: what the backtest scores, and what must not
/// change when later events are added.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The training analysis (as of `train_until`).
    pub location: LocationAnalysis,
    /// Each surface's value per cell.
    pub surfaces: Vec<(Surface, Vec<f64>)>,
    /// Each place's training score (by place index), if the ranking is scored.
    pub place_scores: Option<Vec<f64>>,
    /// Each place's harm in the last period before training ended (by place index).
    pub place_last_period: Vec<f64>,
}

/// One surface's scores.
#[derive(Debug, Clone, Serialize)]
pub struct SurfaceScore {
    /// The surface.
    pub surface: Surface,
    /// Its name.
    pub name: String,
    /// Its capture at each coverage.
    pub captures: Vec<Capture>,
}

/// A ranking of places scored on the test period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceMethod {
    /// The hotspot score's ranking.
    HotspotScore,
    /// Each place's harm in the last period.
    LastPeriod,
}

/// One place ranking's scores.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceRankingScore {
    /// How places were ranked.
    pub method: PlaceMethod,
    /// Its capture at each coverage of places.
    pub captures: Vec<Capture>,
}

/// The test period's events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TestCounts {
    /// Events in the test period that weigh something and are admitted.
    pub events: usize,
    /// Their summed harm weight.
    pub harm: f64,
    /// Of them, outside the training grid or study area.
    pub outside_grid: usize,
    /// Of them, at a place (recorded, or snapped to the training places).
    pub at_places: usize,
}

/// A backtest's results.
#[derive(Debug, Clone, Serialize)]
pub struct Backtest {
    /// What was fitted and tested.
    pub plan: BacktestPlan,
    /// Training events the fit used.
    pub train_events: usize,
    /// The test period's events.
    pub test: TestCounts,
    /// Each surface's scores, in plan order.
    pub surfaces: Vec<SurfaceScore>,
    /// The place rankings' scores (empty unless asked for).
    pub places: Vec<PlaceRankingScore>,
    /// Index into `surfaces` of the highest PAI at `pick_at_pct` (the first on a tie).
    pub best: usize,
}

impl Backtest {
    /// The best surface.
    pub fn best(&self) -> &SurfaceScore {
        &self.surfaces[self.best]
    }

    /// A surface's capture at the pick coverage.
    pub fn at_pick(&self, s: &SurfaceScore) -> Option<Capture> {
        s.captures
            .iter()
            .find(|c| c.coverage_pct == self.plan.pick_at_pct)
            .copied()
    }
}

/// Why a backtest cannot run.
#[derive(Debug, thiserror::Error)]
pub enum BacktestError {
    /// The training grid cannot be built.
    #[error("cannot build the training grid: {0}")]
    Grid(#[from] GridError),
    /// Nothing to train on.
    #[error(
        "no events up to {0} count (before the window, expired or weightless): choose a later --train-until"
    )]
    NoTraining(NaiveDate),
    /// Nothing to test on.
    #[error("no events from {0} for {1} days: choose an earlier --train-until or a longer --test")]
    NoTest(NaiveDate, u32),
    /// The test starts before training ends.
    #[error(
        "the test period starts on {test_start}, on or before --train-until {train_until}: the fit would see its own test"
    )]
    Overlap {
        /// First test day.
        test_start: NaiveDate,
        /// Last training day.
        train_until: NaiveDate,
    },
}

fn start_of(d: NaiveDate) -> NaiveDateTime {
    d.and_time(chrono::NaiveTime::MIN)
}

/// Fits the plan's surfaces on `d`'s events up to the end of `plan.train_until`.
///
/// # Errors
/// [`BacktestError`] when there is nothing to train on or no grid.
pub fn fit(
    d: &Dataset,
    settings: &Settings,
    plan: &BacktestPlan,
    area: Option<&StudyArea>,
) -> Result<Fit, BacktestError> {
    let mut train = d.clone();
    train.as_of = AsOf(plan.train_until);
    let (location, place_scores) = analyse_training(&train, settings, plan, area)?;
    if location.counts.used == 0 {
        return Err(BacktestError::NoTraining(plan.train_until));
    }
    let order = canonical_order(&train, &location);
    let points: Vec<(Bng, f64)> = order
        .iter()
        .map(|&i| (train.events[i].location, location.weights[i].weight))
        .collect();
    let mut place_last_period = vec![0.0; train.places.len()];
    let mut surfaces = Vec::new();
    for &s in &plan.surfaces {
        let values = fit_surface(
            s,
            &train,
            &location,
            &order,
            &points,
            area,
            &mut place_last_period,
        );
        surfaces.push((s, values));
    }
    Ok(Fit {
        location,
        surfaces,
        place_scores,
        place_last_period,
    })
}

/// The training analysis as of `train.as_of`, and each place's training score (by
/// place index) when the plan scores the place ranking.
fn analyse_training(
    train: &Dataset,
    settings: &Settings,
    plan: &BacktestPlan,
    area: Option<&StudyArea>,
) -> Result<(LocationAnalysis, Option<Vec<f64>>), BacktestError> {
    Ok(if plan.places {
        let pa = PlaceAnalysis::run(train, settings, area)?;
        let mut scores = vec![0.0; train.places.len()];
        for s in &pa.location.ranking {
            scores[s.place.index()] = s.total;
        }
        (pa.location, Some(scores))
    } else {
        (LocationAnalysis::run_in(train, settings, area)?, None)
    })
}

/// The indices of the training events the analysis used, in the engine's canonical
/// order (time, then event id).
fn canonical_order(train: &Dataset, location: &LocationAnalysis) -> Vec<usize> {
    train
        .time_order()
        .events()
        .iter()
        .map(|e| e.index())
        .filter(|&i| location.used[i])
        .collect()
}

/// Event `i`'s harm: its base weight × grading factor (no recency).
fn harm(location: &LocationAnalysis, i: usize) -> f64 {
    location.weights[i].base * location.weights[i].grading
}

/// One surface's value per cell from the training events in canonical `order`;
/// `points` are their locations and weights. A last-period surface also refills
/// `place_last_period`.
fn fit_surface(
    s: Surface,
    train: &Dataset,
    location: &LocationAnalysis,
    order: &[usize],
    points: &[(Bng, f64)],
    area: Option<&StudyArea>,
    place_last_period: &mut [f64],
) -> Vec<f64> {
    let grid = location.grid;
    match s {
        Surface::Kde { bandwidth_m } => kde(&grid, points, bandwidth_m),
        Surface::GiStar { distance_m } => {
            crate::spatial::GiStar::masked(
                &grid,
                &location.cell_weight,
                distance_m,
                area.map(|_| location.inside.as_slice()),
            )
            .z
        }
        Surface::Prospective { distance_m, weeks } => {
            let cutoff = train.as_of.cutoff();
            let events: Vec<(Bng, f64, f64)> = order
                .iter()
                .map(|&i| {
                    let e = &train.events[i];
                    let age = (cutoff - e.occurred_at).num_seconds() as f64 / 86_400.0;
                    (e.location, age, harm(location, i))
                })
                .collect();
            Prospective { distance_m, weeks }.surface(&grid, &events)
        }
        Surface::LastPeriod { days } => {
            last_period(train, location, order, days, place_last_period)
        }
    }
}

/// Each cell's harm in the last `days` before the end of training; `place_last_period`
/// is reset and filled with each place's harm in the same period (by place index).
fn last_period(
    train: &Dataset,
    location: &LocationAnalysis,
    order: &[usize],
    days: u32,
    place_last_period: &mut [f64],
) -> Vec<f64> {
    let grid = location.grid;
    let from = train.as_of.cutoff() - chrono::Duration::days(i64::from(days));
    let mut v = vec![0.0; grid.len()];
    place_last_period.iter_mut().for_each(|x| *x = 0.0);
    for &i in order
        .iter()
        .filter(|&&i| train.events[i].occurred_at >= from)
    {
        if let Some(c) = grid.cell_of(train.events[i].location) {
            v[c] += harm(location, i);
        }
        if let Some(p) = location.snapped.place[i] {
            place_last_period[p.index()] += harm(location, i);
        }
    }
    v
}
