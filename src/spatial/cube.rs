//! The space-time cube: events binned by grid cell and time step, as ArcGIS Pro's
//! "Create Space Time Cube By Aggregating Points" does, on the engine's own grid.
//!
//! Steps are whole periods counted back from the end of the as-of day: with `N` steps of
//! `L` days, step `k` (0 the oldest) covers `[end − (N − k)·L, end − (N − k − 1)·L)`.
//! Events before the first step are left out and counted. Each bin holds the number of
//! events and their summed weight; the weight is the event's harm weight *without*
//! recency (base × grading), since recency decay would make every series rise towards
//! the present.

use super::Grid;
use crate::model::Bng;
use chrono::NaiveDateTime;
use serde::Serialize;

/// One time step: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    /// First instant of the step.
    pub start: NaiveDateTime,
    /// First instant after the step.
    pub end: NaiveDateTime,
}

/// A located, timed, weighted event to bin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimedPoint {
    /// Where, BNG metres.
    pub at: Bng,
    /// When.
    pub when: NaiveDateTime,
    /// Harm weight (base × grading, no recency).
    pub weight: f64,
}

/// How the cube's events were binned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CubeCounts {
    /// Events binned.
    pub binned: usize,
    /// Events before the first step (left out).
    pub before_first_step: usize,
    /// Events at or after the end of the last step (left out).
    pub after_last_step: usize,
    /// Events in a step but outside the grid or the study area (left out).
    pub outside_grid: usize,
}

/// Counts and weights per (step, cell).
#[derive(Debug, Clone)]
pub struct SpaceTimeCube {
    /// The grid of every step.
    pub grid: Grid,
    /// The steps, oldest first.
    pub steps: Vec<Step>,
    /// Summed weight, step-major: `weight[t * cells + i]`.
    pub weight: Vec<f64>,
    /// Event count, step-major.
    pub count: Vec<u32>,
    /// Cells inside the study area (all, without one).
    pub inside: Vec<bool>,
    /// How the events were binned.
    pub counts: CubeCounts,
}

impl SpaceTimeCube {
    /// Bins `points` into `steps` steps of `step_days` days ending at `end` (exclusive).
    ///
    /// # Arguments
    /// * `inside` — the study area's cells (`None`: every cell); events in other cells
    ///   are counted as outside the grid.
    ///
    /// # Complexity
    /// O(points + steps · cells).
    pub fn build(
        grid: Grid,
        inside: Option<Vec<bool>>,
        points: &[TimedPoint],
        end: NaiveDateTime,
        steps: usize,
        step_days: u32,
    ) -> Self {
        let len = chrono::Duration::days(i64::from(step_days));
        let steps_v: Vec<Step> = (0..steps)
            .map(|k| {
                let back = (steps - k) as i32;
                Step {
                    start: end - len * back,
                    end: end - len * (back - 1),
                }
            })
            .collect();
        let inside = inside.unwrap_or_else(|| vec![true; grid.len()]);
        let cells = grid.len();
        let mut weight = vec![0.0; steps * cells];
        let mut count = vec![0u32; steps * cells];
        let mut counts = CubeCounts::default();
        let first = steps_v.first().map_or(end, |s| s.start);
        for p in points {
            if p.when < first {
                counts.before_first_step += 1;
                continue;
            }
            if p.when >= end {
                counts.after_last_step += 1;
                continue;
            }
            let t = (((p.when - first).num_seconds()) / len.num_seconds()) as usize;
            let t = t.min(steps - 1);
            match grid.cell_of(p.at).filter(|&c| inside[c]) {
                Some(c) => {
                    weight[t * cells + c] += p.weight;
                    count[t * cells + c] += 1;
                    counts.binned += 1;
                }
                None => counts.outside_grid += 1,
            }
        }
        SpaceTimeCube {
            grid,
            steps: steps_v,
            weight,
            count,
            inside,
            counts,
        }
    }

    /// Number of cells in a step.
    pub fn cells(&self) -> usize {
        self.grid.len()
    }

    /// The weights of step `t`, one per cell.
    pub fn step_weights(&self, t: usize) -> &[f64] {
        &self.weight[t * self.cells()..(t + 1) * self.cells()]
    }

    /// Events in cell `i` over all steps.
    pub fn total_count(&self, i: usize) -> u64 {
        (0..self.steps.len())
            .map(|t| u64::from(self.count[t * self.cells() + i]))
            .sum()
    }

    /// Cells inside the study area with at least one event in some step: the locations
    /// ArcGIS analyses when no mask is given.
    pub fn cells_with_data(&self) -> Vec<usize> {
        (0..self.cells())
            .filter(|&i| self.inside[i] && self.total_count(i) > 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 1, d)
            .expect("date")
            .and_hms_opt(12, 0, 0)
            .expect("time")
    }

    #[test]
    fn steps_end_at_the_end_and_bin_by_time() {
        let grid =
            Grid::from_extent(Bng::new(0.0, 0.0), Bng::new(199.0, 99.0), 100.0).expect("grid");
        let end = NaiveDate::from_ymd_opt(2026, 1, 29)
            .expect("date")
            .and_hms_opt(0, 0, 0)
            .expect("time");
        let p = |x: f64, d: u32| TimedPoint {
            at: Bng::new(x, 50.0),
            when: at(d),
            weight: 1.0,
        };
        // Four 7-day steps: Jan 1–7, 8–14, 15–21, 22–28.
        let pts = [
            p(50.0, 1),
            p(50.0, 8),
            p(150.0, 28),
            p(150.0, 29),
            p(500.0, 10),
        ];
        let c = SpaceTimeCube::build(grid, None, &pts, end, 4, 7);
        assert_eq!(c.steps[0].start, end - chrono::Duration::days(28));
        assert_eq!(c.step_weights(0), &[1.0, 0.0]);
        assert_eq!(c.step_weights(1), &[1.0, 0.0]);
        assert_eq!(c.step_weights(3), &[0.0, 1.0]);
        assert_eq!(c.counts.after_last_step, 1);
        assert_eq!(c.counts.outside_grid, 1);
        assert_eq!(c.cells_with_data(), vec![0, 1]);
    }
}
