//! Scoring a fitted surface on the test period: the harm it held, hit rate, PAI and
//! PEI at each coverage, and the place rankings.

use super::{
    Backtest, BacktestError, BacktestPlan, Fit, PlaceMethod, PlaceRankingScore, SurfaceScore,
    TestCounts, fit, start_of,
};
use crate::model::Dataset;
use crate::score::{EventWeigher, LocationAnalysis, Settings};
use crate::spatial::StudyArea;
use crate::spatial::forecast::captures;

/// The test period's harm on the training grid and at the training places.
struct TestHarm {
    /// Harm per grid cell (inside the study area).
    cell: Vec<f64>,
    /// Harm per training place (by place index).
    place: Vec<f64>,
    /// Harm outside the grid or study area.
    outside: f64,
    /// The test period's event counts.
    counts: TestCounts,
}

/// Tallies the harm of `test`'s admitted events in the plan's test period, by training
/// grid cell and by training place (recorded, matched by key, or snapped).
fn test_harm(
    train: &Dataset,
    test: &Dataset,
    settings: &Settings,
    plan: &BacktestPlan,
    la: &LocationAnalysis,
) -> TestHarm {
    let grid = la.grid;
    let (from, to) = (
        start_of(plan.test_start),
        start_of(plan.test_start) + chrono::Duration::days(i64::from(plan.test_days)),
    );
    let weigher = EventWeigher::new(settings, test.as_of);
    let mut t = TestHarm {
        cell: vec![0.0; grid.len()],
        place: vec![0.0; train.places.len()],
        outside: 0.0,
        counts: TestCounts::default(),
    };
    for e in &test.events {
        if e.occurred_at < from || e.occurred_at >= to || test.exclusion(&e.provenance).is_some() {
            continue;
        }
        let w = weigher.weigh(e);
        let h = w.base * w.grading;
        if h <= 0.0 {
            continue;
        }
        t.counts.events += 1;
        t.counts.harm += h;
        match grid.cell_of(e.location).filter(|&c| la.inside[c]) {
            Some(c) => t.cell[c] += h,
            None => {
                t.counts.outside_grid += 1;
                t.outside += h;
            }
        }
        let place = e
            .place
            .and_then(|p| {
                train
                    .place_by_key(&test.places[p.index()].key)
                    .map(|p| p.id)
            })
            .or_else(|| {
                la.index
                    .nearest_within(e.location, settings.snap_m)
                    .map(|(id, _)| id)
            });
        if let Some(p) = place {
            t.place[p.index()] += h;
            t.counts.at_places += 1;
        }
    }
    t
}

/// Fits on `train`'s events up to `plan.train_until` and scores on `test`'s events in
/// the test period (`test` may be the same dataset, or a later one with the same
/// places, such as the next police.uk month).
///
/// # Errors
/// [`BacktestError`].
pub fn backtest(
    train: &Dataset,
    test: &Dataset,
    settings: &Settings,
    plan: &BacktestPlan,
    area: Option<&StudyArea>,
) -> Result<Backtest, BacktestError> {
    if plan.test_start <= plan.train_until {
        return Err(BacktestError::Overlap {
            test_start: plan.test_start,
            train_until: plan.train_until,
        });
    }
    let fit = fit(train, settings, plan, area)?;
    let la = &fit.location;
    let harm = test_harm(train, test, settings, plan, la);
    if harm.counts.events == 0 {
        return Err(BacktestError::NoTest(plan.test_start, plan.test_days));
    }
    let surfaces: Vec<SurfaceScore> = fit
        .surfaces
        .iter()
        .map(|(s, values)| SurfaceScore {
            surface: *s,
            name: s.name(),
            captures: captures(
                values,
                &harm.cell,
                &la.inside,
                harm.outside,
                &plan.coverage_pct,
            ),
        })
        .collect();
    let places = score_places(&fit, &harm.place, plan);
    let best = best_surface(&surfaces, plan.pick_at_pct);
    Ok(Backtest {
        plan: plan.clone(),
        train_events: la.counts.used,
        test: harm.counts,
        surfaces,
        places,
        best,
    })
}

/// The place rankings' captures of the test harm at places (`place_harm`, by place
/// index); empty unless the fit scored places.
fn score_places(fit: &Fit, place_harm: &[f64], plan: &BacktestPlan) -> Vec<PlaceRankingScore> {
    let all_places = vec![true; place_harm.len()];
    let mut places = Vec::new();
    if let Some(scores) = &fit.place_scores {
        for (method, values) in [
            (PlaceMethod::HotspotScore, scores),
            (PlaceMethod::LastPeriod, &fit.place_last_period),
        ] {
            places.push(PlaceRankingScore {
                method,
                captures: captures(values, place_harm, &all_places, 0.0, &plan.coverage_pct),
            });
        }
    }
    places
}

/// Index of the surface with the highest PAI at `pick_at_pct` percent coverage (the
/// first on a tie; a surface without that coverage ranks last).
fn best_surface(surfaces: &[SurfaceScore], pick_at_pct: f64) -> usize {
    let pai_at = |s: &SurfaceScore| {
        s.captures
            .iter()
            .find(|c| c.coverage_pct == pick_at_pct)
            .map_or(f64::NEG_INFINITY, |c| c.pai)
    };
    let mut best = 0;
    for (i, s) in surfaces.iter().enumerate() {
        if pai_at(s) > pai_at(&surfaces[best]) {
            best = i;
        }
    }
    best
}
