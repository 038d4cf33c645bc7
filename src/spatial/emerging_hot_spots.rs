//! Emerging Hot Spot Analysis on a space-time cube: Gi* per bin
//! ([`SpaceTimeGi`]), the Mann–Kendall trend of each cell's Gi* z-scores, and a
//! category per cell ([`classify`]), as ArcGIS Pro does.

use super::emerging::{Bin, Category, classify};
use super::{MannKendall, SpaceTimeCube, SpaceTimeGi};
use rayon::prelude::*;

/// One cell's trend.
#[derive(Debug, Clone)]
pub struct CellTrend {
    /// The cell (row-major index on the cube's grid).
    pub cell: usize,
    /// Gi* z per step, oldest first.
    pub z: Vec<f64>,
    /// Each step's bin: significant hot, cold, or neither.
    pub bins: Vec<Bin>,
    /// Mann–Kendall on `z`.
    pub trend: MannKendall,
    /// The pattern.
    pub category: Category,
    /// Events in the cell over all steps.
    pub events: u64,
}

impl CellTrend {
    /// Steps in which the cell was a significant hot spot.
    pub fn hot_steps(&self) -> usize {
        self.bins.iter().filter(|b| **b == Bin::Hot).count()
    }

    /// Steps in which the cell was a significant cold spot.
    pub fn cold_steps(&self) -> usize {
        self.bins.iter().filter(|b| **b == Bin::Cold).count()
    }
}

/// Every cell with data, classified.
#[derive(Debug, Clone)]
pub struct EmergingHotSpots {
    /// Distance band, metres.
    pub distance: f64,
    /// Time neighbours.
    pub time_neighbours: usize,
    /// False discovery rate for bins, and significance level for trends.
    pub fdr: f64,
    /// One per cell with data, by cell index.
    pub cells: Vec<CellTrend>,
}

impl EmergingHotSpots {
    /// Runs the analysis on the cells of `cube` with at least one event.
    ///
    /// # Arguments
    /// * `distance` — the Gi* distance band, metres.
    /// * `time_neighbours` — steps before a bin in its neighbourhood (0: each step alone).
    /// * `fdr` — false discovery rate for a bin to be significant, and the significance
    ///   level of the trend test.
    pub fn analyse(cube: &SpaceTimeCube, distance: f64, time_neighbours: usize, fdr: f64) -> Self {
        let gi = SpaceTimeGi::compute(cube, cube.cells_with_data(), distance, time_neighbours);
        let cells: Vec<CellTrend> = gi
            .cells
            .par_iter()
            .enumerate()
            .map(|(k, &cell)| {
                let z = gi.z[k].clone();
                let bins: Vec<Bin> = z
                    .iter()
                    .zip(&gi.q[k])
                    .map(|(&z, &q)| Bin::of(z, q, fdr))
                    .collect();
                let trend = MannKendall::test(&z);
                CellTrend {
                    cell,
                    category: classify(&bins, &trend, fdr),
                    z,
                    bins,
                    trend,
                    events: cube.total_count(cell),
                }
            })
            .collect();
        EmergingHotSpots {
            distance,
            time_neighbours,
            fdr,
            cells,
        }
    }

    /// How many cells fall in each category, in [`Category::ALL`] order (zeros left out).
    pub fn tally(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .iter()
            .map(|&c| (c, self.cells.iter().filter(|t| t.category == c).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}
