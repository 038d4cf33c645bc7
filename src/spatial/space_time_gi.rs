//! Gi* for every bin of a space-time cube, as ArcGIS Pro's Emerging Hot Spot Analysis
//! computes it before classifying trends.
//!
//! With no time neighbours (the default), each step is its own Gi* — exactly
//! [`GiStar::masked`] on that step's weights, which equals PySAL esda's
//! `G_Local(y, w, transform="B", star=True)` on the same values (`tests/it/trends.rs`).
//! With `K` time neighbours, a bin's neighbourhood is the cells in the distance band in
//! its own step and the `K` steps before it (ArcGIS's "neighborhood time step"), and the
//! mean and variance are those of every bin of the cube, so `n` is cells × steps.
//! Either way, p-values are two-sided and q-values control the false discovery rate
//! (Benjamini–Hochberg) over the study area's cells one step at a time.

use super::gi_star::{gi_z, two_sided_p};
use super::{GiStar, SpaceTimeCube, benjamini_hochberg};
use std::collections::VecDeque;

/// Gi* z and q of the cells that have data, per step.
#[derive(Debug, Clone)]
pub struct SpaceTimeGi {
    /// The distance band, metres.
    pub distance: f64,
    /// Time neighbours: steps before a bin that share its neighbourhood.
    pub time_neighbours: usize,
    /// The cells reported (cells with data), ascending.
    pub cells: Vec<usize>,
    /// z of each reported cell per step: `z[k][t]`.
    pub z: Vec<Vec<f64>>,
    /// Benjamini–Hochberg q of each reported cell per step.
    pub q: Vec<Vec<f64>>,
}

impl SpaceTimeGi {
    /// Computes Gi* on every step of `cube` and keeps the series of `cells`.
    ///
    /// # Complexity
    /// O(steps · cells · k) for k cells in the band; each step's Gi* is parallel over
    /// rows and deterministic.
    pub fn compute(
        cube: &SpaceTimeCube,
        cells: Vec<usize>,
        distance: f64,
        time_neighbours: usize,
    ) -> Self {
        let steps = cube.steps.len();
        let mut z = vec![vec![0.0; steps]; cells.len()];
        let mut q = vec![vec![1.0; steps]; cells.len()];
        let inside = Some(cube.inside.as_slice());
        let area: Vec<usize> = (0..cube.cells()).filter(|&i| cube.inside[i]).collect();
        // The whole cube's statistics, for the space-time version.
        let n = (area.len() * steps) as f64;
        let (mut sum, mut sum_sq) = (0.0, 0.0);
        for t in 0..steps {
            let w = cube.step_weights(t);
            for &i in &area {
                sum += w[i];
                sum_sq += w[i] * w[i];
            }
        }
        let mut lags: VecDeque<Vec<f64>> = VecDeque::new();
        for t in 0..steps {
            let gi = GiStar::masked(&cube.grid, cube.step_weights(t), distance, inside);
            if time_neighbours == 0 {
                for (k, &i) in cells.iter().enumerate() {
                    z[k][t] = gi.z[i];
                    q[k][t] = gi.q[i];
                }
                continue;
            }
            lags.push_back(gi.lag.clone());
            if lags.len() > time_neighbours + 1 {
                lags.pop_front();
            }
            let depth = lags.len() as f64;
            let zt: Vec<f64> = area
                .iter()
                .map(|&i| {
                    let a: f64 = lags.iter().map(|l| l[i]).sum();
                    gi_z(a, f64::from(gi.neighbours[i]) * depth, n, sum, sum_sq)
                })
                .collect();
            let qt = benjamini_hochberg(&zt.iter().map(|&v| two_sided_p(v)).collect::<Vec<_>>());
            for (k, &i) in cells.iter().enumerate() {
                if let Ok(pos) = area.binary_search(&i) {
                    z[k][t] = zt[pos];
                    q[k][t] = qt[pos];
                }
            }
        }
        SpaceTimeGi {
            distance,
            time_neighbours,
            cells,
            z,
            q,
        }
    }
}
