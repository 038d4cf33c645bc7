//! The analysis grid: square cells on the British National Grid.
//!
//! The extent is the bounding box of the study's points plus a margin (the kernel
//! bandwidth, so the density surface is not cut off at the edge), snapped outwards to
//! whole cells from a multiple of the cell size. A few records far outside the study
//! area (a crime recorded in another county) would otherwise stretch the grid across
//! the country, so points beyond the 0.1st–99.9th percentile box expanded by 10 km are
//! left outside the grid, counted and reported.

use crate::model::Bng;
use serde::Serialize;

/// Most cells a grid may have: 5 million cells of 8-byte values is 40 MB per layer.
pub const MAX_CELLS: usize = 5_000_000;

/// A square grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Grid {
    /// South-west corner, BNG metres.
    pub origin: Bng,
    /// Side of a cell, metres.
    pub cell: f64,
    /// Columns (west to east).
    pub cols: usize,
    /// Rows (south to north).
    pub rows: usize,
}

/// The lattice every grid's cells lie on: squares of side `cell` counted from the
/// British National Grid's false origin, so a point's cell is the same whatever a grid's
/// extent. A run over one area of a study bins its records on it, and the study's cells
/// are summed across areas cell by cell.
pub struct LatticeCell;

impl LatticeCell {
    /// The `(column, row)` of the lattice cell of side `cell` metres holding `p`.
    pub fn of(p: Bng, cell: f64) -> (i64, i64) {
        (
            (p.easting / cell).floor() as i64,
            (p.northing / cell).floor() as i64,
        )
    }
}

/// Why a grid cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GridError {
    /// No points at all.
    #[error("no located places or events: nothing to grid")]
    Empty,
    /// The extent at this cell size has too many cells.
    #[error(
        "a {cols} × {rows} grid of {cell} m cells has {cells} cells (limit {MAX_CELLS}); use a larger cell size"
    )]
    TooLarge {
        /// Columns.
        cols: usize,
        /// Rows.
        rows: usize,
        /// Cell size, metres.
        cell: f64,
        /// Total cells.
        cells: usize,
    },
    /// A study file (`--study`) that does not fit the run.
    #[error("{0}")]
    Study(String),
}

impl Grid {
    /// A grid covering `points` (see the module docs for outliers) with `margin`
    /// metres around them.
    ///
    /// # Errors
    /// [`GridError`].
    pub fn covering(
        points: impl Iterator<Item = Bng> + Clone,
        cell: f64,
        margin: f64,
    ) -> Result<Self, GridError> {
        let mut xs: Vec<f64> = points.clone().map(|p| p.easting).collect();
        let mut ys: Vec<f64> = points.map(|p| p.northing).collect();
        if xs.is_empty() {
            return Err(GridError::Empty);
        }
        let (x0, x1) = robust_range(&mut xs);
        let (y0, y1) = robust_range(&mut ys);
        Self::from_extent(
            Bng::new(x0 - margin, y0 - margin),
            Bng::new(x1 + margin, y1 + margin),
            cell,
        )
    }

    /// A grid covering the box from `min` to `max`, snapped outwards to multiples of
    /// `cell`.
    ///
    /// # Errors
    /// [`GridError::TooLarge`].
    pub fn from_extent(min: Bng, max: Bng, cell: f64) -> Result<Self, GridError> {
        let ox = (min.easting / cell).floor() * cell;
        let oy = (min.northing / cell).floor() * cell;
        let cols = (((max.easting - ox) / cell).floor() as usize + 1).max(1);
        let rows = (((max.northing - oy) / cell).floor() as usize + 1).max(1);
        let cells = cols.saturating_mul(rows);
        if cells > MAX_CELLS {
            return Err(GridError::TooLarge {
                cols,
                rows,
                cell,
                cells,
            });
        }
        Ok(Grid {
            origin: Bng::new(ox, oy),
            cell,
            cols,
            rows,
        })
    }

    /// A grid with no cells, for a dataset with nothing located (people and links only):
    /// every point is outside it.
    pub fn empty(cell: f64) -> Self {
        Grid {
            origin: Bng::new(0.0, 0.0),
            cell,
            cols: 0,
            rows: 0,
        }
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cols * self.rows
    }

    /// Whether the grid has no cells (only [`Grid::empty`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell containing `p` (row-major index: `row × cols + col`), if inside.
    pub fn cell_of(&self, p: Bng) -> Option<usize> {
        let (c, r) = LatticeCell::of(p, self.cell);
        self.index_of(c, r)
    }

    /// The grid's cell at lattice column `col` and row `row` ([`LatticeCell`]), if the
    /// grid holds it.
    pub fn index_of(&self, col: i64, row: i64) -> Option<usize> {
        // The origin is a whole number of cells from the false origin: rounded, not
        // floored, so a cell size that is not a whole number of metres cannot put it one
        // cell off.
        let c0 = (self.origin.easting / self.cell).round() as i64;
        let r0 = (self.origin.northing / self.cell).round() as i64;
        let (c, r) = (col.checked_sub(c0)?, row.checked_sub(r0)?);
        if c < 0 || r < 0 || c >= self.cols as i64 || r >= self.rows as i64 {
            return None;
        }
        Some(r as usize * self.cols + c as usize)
    }

    /// The centre of cell `i`, BNG metres.
    pub fn centre(&self, i: usize) -> Bng {
        let (r, c) = (i / self.cols, i % self.cols);
        Bng::new(
            self.origin.easting + (c as f64 + 0.5) * self.cell,
            self.origin.northing + (r as f64 + 0.5) * self.cell,
        )
    }

    /// The `(row, col)` of cell `i`.
    pub fn row_col(&self, i: usize) -> (usize, usize) {
        (i / self.cols, i % self.cols)
    }
}

/// The 0.1st–99.9th percentile range expanded by 10 km, clipped to the data's range.
fn robust_range(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let lo = v[(n as f64 * 0.001) as usize];
    let hi = v[((n as f64 * 0.999) as usize).min(n - 1)];
    ((lo - 10_000.0).max(v[0]), (hi + 10_000.0).min(v[n - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_centres_agree() {
        let g = Grid::from_extent(
            Bng::new(530_050.0, 175_020.0),
            Bng::new(530_990.0, 175_480.0),
            100.0,
        )
        .expect("grid");
        assert_eq!(g.origin, Bng::new(530_000.0, 175_000.0));
        assert_eq!((g.cols, g.rows), (10, 5));
        for i in 0..g.len() {
            assert_eq!(g.cell_of(g.centre(i)), Some(i));
        }
        assert_eq!(g.cell_of(Bng::new(529_999.0, 175_100.0)), None);
    }

    #[test]
    fn far_outliers_do_not_stretch_the_grid() {
        let mut pts: Vec<Bng> = (0..5000)
            .map(|i| {
                Bng::new(
                    430_000.0 + (i % 100) as f64 * 10.0,
                    430_000.0 + (i / 100) as f64 * 10.0,
                )
            })
            .collect();
        pts.push(Bng::new(150_000.0, 30_000.0)); // a record from Cornwall
        let g = Grid::covering(pts.iter().copied(), 100.0, 500.0).expect("grid");
        assert!(g.len() < 100_000, "{} cells", g.len());
    }

    #[test]
    fn too_large_is_refused() {
        let e = Grid::from_extent(Bng::new(0.0, 0.0), Bng::new(700_000.0, 1_300_000.0), 10.0)
            .expect_err("too large");
        assert!(e.to_string().contains("use a larger cell size"));
    }
}
