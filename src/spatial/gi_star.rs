//! Getis–Ord Gi* on the grid, with binary distance-band weights that include the cell
//! itself (Getis & Ord 1992, "The analysis of spatial association by use of distance
//! statistics", Geographical Analysis 24; Ord & Getis 1995, Geographical Analysis 27).
//!
//! Computed exactly as PySAL `esda.G_Local(y, w, transform="B", star=True)` does, and
//! tested against it to 1e-9 (`tests/it/gi_star.rs`). In esda's notation, with `n`
//! cells, `W_i` the number of neighbours of cell i (itself included), `ȳ` the mean and
//! `s²` the population variance of y:
//!
//! ```text
//! G_i = Σ_{j∈N(i)} y_j / Σ_j y_j          (Gs)
//! E_i = W_i / n                           (EGs)
//! V_i = W_i (n − W_i) / (n − 1) / n² · s² / ȳ²   (VGs)
//! z_i = (G_i − E_i) / √V_i                (Zs)
//! ```
//!
//! p-values are two-sided under the normal approximation (esda's `p_norm` is one-sided:
//! ours is twice it); q-values control the false discovery rate (Benjamini & Hochberg 1995).

use super::{Grid, benjamini_hochberg};
use rayon::prelude::*;
use serde::Serialize;

/// Gi* for every cell of a grid.
#[derive(Debug, Clone, Serialize)]
pub struct GiStar {
    /// The distance band, metres.
    pub distance: f64,
    /// z-score of each cell (0 where undefined: an all-zero or constant grid).
    pub z: Vec<f64>,
    /// Two-sided p-value of each cell.
    pub p: Vec<f64>,
    /// Benjamini–Hochberg q-value of each cell.
    pub q: Vec<f64>,
    /// Number of neighbours of each cell, itself included.
    pub neighbours: Vec<u32>,
    /// Spatial lag: the sum of y over each cell's neighbourhood.
    #[serde(skip)]
    pub lag: Vec<f64>,
    n: f64,
    sum: f64,
    sum_sq: f64,
}

/// The `(row, col)` offsets within `distance` metres (centre to centre) on a lattice of
/// side `cell`, the cell itself included. A neighbour exactly on the band counts, as in
/// libpysal's `DistanceBand`.
pub fn band_offsets(cell: f64, distance: f64) -> Vec<(isize, isize)> {
    let reach = (distance / cell).floor() as isize;
    let limit = (distance / cell).powi(2);
    let mut v = Vec::new();
    for dr in -reach..=reach {
        for dc in -reach..=reach {
            if ((dr * dr + dc * dc) as f64) <= limit + 1e-12 {
                v.push((dr, dc));
            }
        }
    }
    v
}

impl GiStar {
    /// Computes Gi* for `values` (one per cell, row-major) on every cell of `grid`.
    ///
    /// # Complexity
    /// O(n · k) for n cells and k cells in the band; parallel over rows, deterministic.
    pub fn new(grid: &Grid, values: &[f64], distance: f64) -> Self {
        Self::masked(grid, values, distance, None)
    }

    /// Computes Gi* over the cells of `grid` where `inside` is true (a study area): the
    /// other cells are neither counted in `n` nor anyone's neighbours, exactly as if esda
    /// had been given only the inside cells. Outside cells get z 0, p 1, q 1.
    pub fn masked(grid: &Grid, values: &[f64], distance: f64, inside: Option<&[bool]>) -> Self {
        let offsets = band_offsets(grid.cell, distance);
        let is_in = |i: usize| inside.is_none_or(|m| m[i]);
        let mut lag = vec![0.0; grid.len()];
        let mut neighbours = vec![0u32; grid.len()];
        // `max(1)`: an empty grid (a network-only dataset) has no rows to chunk.
        lag.par_chunks_mut(grid.cols.max(1))
            .zip(neighbours.par_chunks_mut(grid.cols.max(1)))
            .enumerate()
            .for_each(|(r, (lag_row, nb_row))| {
                for c in 0..grid.cols {
                    if !is_in(r * grid.cols + c) {
                        continue;
                    }
                    let (mut a, mut w) = (0.0, 0u32);
                    for &(dr, dc) in &offsets {
                        let (rr, cc) = (r as isize + dr, c as isize + dc);
                        if rr >= 0
                            && cc >= 0
                            && (rr as usize) < grid.rows
                            && (cc as usize) < grid.cols
                        {
                            let j = rr as usize * grid.cols + cc as usize;
                            if is_in(j) {
                                a += values[j];
                                w += 1;
                            }
                        }
                    }
                    lag_row[c] = a;
                    nb_row[c] = w;
                }
            });
        let cells: Vec<usize> = (0..values.len()).filter(|&i| is_in(i)).collect();
        let n = cells.len() as f64;
        let sum: f64 = cells.iter().map(|&i| values[i]).sum();
        let sum_sq: f64 = cells.iter().map(|&i| values[i] * values[i]).sum();
        let mut g = GiStar {
            distance,
            z: Vec::new(),
            p: Vec::new(),
            q: Vec::new(),
            neighbours,
            lag,
            n,
            sum,
            sum_sq,
        };
        g.z = (0..values.len())
            .map(|i| {
                if is_in(i) {
                    g.z_of(g.lag[i], g.neighbours[i], sum, sum_sq)
                } else {
                    0.0
                }
            })
            .collect();
        g.p = g.z.iter().map(|z| two_sided_p(*z)).collect();
        // FDR over the cells of the study area only.
        let q_inside = benjamini_hochberg(&cells.iter().map(|&i| g.p[i]).collect::<Vec<_>>());
        g.q = vec![1.0; values.len()];
        for (k, &i) in cells.iter().enumerate() {
            g.q[i] = q_inside[k];
        }
        g
    }

    /// esda's z for one cell, given its lag `a`, its neighbour count `w`, and the grid's
    /// sum and sum of squares.
    fn z_of(&self, a: f64, w: u32, sum: f64, sum_sq: f64) -> f64 {
        gi_z(a, f64::from(w), self.n, sum, sum_sq)
    }

    /// The z-score cell `i` would have if `weight` were taken out of it: the area around
    /// a place without the place's own events. Used for the hotspot score so a place's
    /// own volume is not counted twice, and adding an event at a place never changes its
    /// area term.
    pub fn z_without(&self, i: usize, weight: f64, cell_value: f64) -> f64 {
        let sum = self.sum - weight;
        let sum_sq = self.sum_sq - cell_value * cell_value + (cell_value - weight).powi(2);
        self.z_of(self.lag[i] - weight, self.neighbours[i], sum, sum_sq)
    }

    /// Whether cell `i` is a significant hot spot: positive z and q ≤ `fdr`.
    pub fn is_hot(&self, i: usize, fdr: f64) -> bool {
        self.z[i] > 0.0 && self.q[i] <= fdr
    }
}

/// esda's Gi* z for one observation (see the module docs): `a` the sum of y over its
/// neighbourhood, `w` the neighbourhood's size (itself included), `n` the number of
/// observations, `sum` and `sum_sq` the sum and sum of squares of all y. 0 where the
/// statistic is undefined (all zero, constant, or a neighbourhood of everything).
pub fn gi_z(a: f64, w: f64, n: f64, sum: f64, sum_sq: f64) -> f64 {
    let mean = sum / n;
    let variance = sum_sq / n - mean * mean;
    if sum == 0.0 || variance <= 0.0 || n < 2.0 || w >= n {
        return 0.0;
    }
    let g = a / sum;
    let e = w / n;
    let v = w * (n - w) / (n - 1.0) / (n * n) * variance / (mean * mean);
    (g - e) / v.sqrt()
}

/// Two-sided p-value of a standard normal z: `P(|Z| ≥ |z|) = erfc(|z| / √2)`.
pub fn two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2)
}
