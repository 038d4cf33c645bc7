//! Each place's hotspot score per time step, and its own Mann–Kendall trend: whether the
//! risk at a premises is rising, steady or falling.
//!
//! Step `k` of `N` (each `L` days, the last ending with the as-of day) is scored by the
//! location engine as of its last day with a window of `L` days: the same score, the same
//! components, on that step's events alone. A place's series is its `total` per step,
//! oldest first; the trend is Mann–Kendall on it (ties are common: a step with no events
//! scores 0), significant at the FDR setting.

use super::{LocationAnalysis, Settings};
use crate::model::{AsOf, Dataset, EventId, EventPerson, PlaceId};
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
                let step = step_dataset(d, AsOf(end), step_days);
                let mut s = settings.clone();
                s.window_days = step_days;
                // A step is read on its own records: the study's figures are the whole
                // window's, so an area's place trends stay the area's.
                s.study = None;
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

/// `d` as of `as_of` holding only the events of the `days` days up to its end (ids
/// renumbered densely, their people kept): the location engine with a window of `days`
/// scores it exactly as it would score the whole dataset, and each step costs only its
/// own events.
fn step_dataset(d: &Dataset, as_of: AsOf, days: u32) -> Dataset {
    let to = as_of.cutoff();
    let from = to - chrono::Duration::days(i64::from(days));
    let mut renumbered = vec![None; d.events.len()];
    let mut events = Vec::new();
    for e in d
        .events
        .iter()
        .filter(|e| e.occurred_at >= from && e.occurred_at < to)
    {
        let id = EventId::from_index(events.len());
        renumbered[e.id.index()] = Some(id);
        let mut e = e.clone();
        e.id = id;
        events.push(e);
    }
    let event_people = d
        .event_people
        .iter()
        .filter_map(|ep| renumbered[ep.event.index()].map(|event| EventPerson { event, ..*ep }))
        .collect();
    let mut step = Dataset::new(
        as_of,
        d.people.clone(),
        d.places.clone(),
        events,
        event_people,
        d.links.clone(),
        d.actions.clone(),
    );
    step.admission = d.admission;
    step
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, load};

    #[test]
    fn a_step_scores_as_the_whole_dataset_does_with_that_window() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
        let d = load(&dir, &IngestOptions::default())
            .expect("loads")
            .dataset;
        let s = Settings {
            window_days: 30,
            ..Settings::default()
        };
        let end = d.as_of.0 - chrono::Duration::days(60);
        let mut whole = d.clone();
        whole.as_of = AsOf(end);
        let a = LocationAnalysis::run(&whole, &s).expect("runs");
        let b = LocationAnalysis::run(&step_dataset(&d, AsOf(end), 30), &s).expect("runs");
        let totals = |la: &LocationAnalysis| {
            la.ranking
                .iter()
                .map(|p| (p.place, p.total))
                .collect::<Vec<_>>()
        };
        assert!(a.counts.used > 100);
        assert_eq!(a.counts.used, b.counts.used);
        assert_eq!(totals(&a), totals(&b));
    }
}
