//! Prospective hotspotting (Bowers, Johnson & Pease 2004, "Prospective hot-spotting: the
//! future of crime mapping?", British Journal of Criminology 44): risk is communicable,
//! so recent and near events weigh most. The risk of a cell is
//!
//! ```text
//! risk(c) = Σ_e  w_e · 1/(1 + d_e) · 1/(1 + t_e)    over events with D_e ≤ D and t_e ≤ T
//! ```
//!
//! with `D_e` the distance in metres from the event to the cell's centre, `d_e` the whole
//! half-cell widths in it (`⌊D_e / (cell / 2)⌋`, the paper's unit), `t_e` the whole weeks
//! from the event to the end of the as-of day, and `w_e` the event's harm weight. The
//! paper's bandwidths, used by default, are 400 m and two months (8 weeks).

use super::Grid;
use crate::model::Bng;

/// The spatial and temporal bandwidths of prospective hotspotting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prospective {
    /// Events farther than this from a cell's centre do not count, metres.
    pub distance_m: f64,
    /// Events older than this many whole weeks do not count.
    pub weeks: u32,
}

impl Default for Prospective {
    fn default() -> Self {
        Prospective {
            distance_m: 400.0,
            weeks: 8,
        }
    }
}

impl Prospective {
    /// The risk surface, one value per cell, from events given as
    /// `(location, age in days, harm weight)`.
    ///
    /// # Complexity
    /// O(events · (D / cell)²); events are summed in the order given.
    pub fn surface(&self, grid: &Grid, events: &[(Bng, f64, f64)]) -> Vec<f64> {
        let mut out = vec![0.0; grid.len()];
        let half = grid.cell / 2.0;
        let reach = (self.distance_m / grid.cell).ceil() as isize + 1;
        let d2max = self.distance_m * self.distance_m;
        for &(p, age_days, w) in events {
            let weeks = (age_days.max(0.0) / 7.0).floor();
            if weeks > f64::from(self.weeks) {
                continue;
            }
            let time = 1.0 / (1.0 + weeks);
            let c = ((p.easting - grid.origin.easting) / grid.cell).floor() as isize;
            let r = ((p.northing - grid.origin.northing) / grid.cell).floor() as isize;
            for rr in (r - reach).max(0)..=(r + reach).min(grid.rows as isize - 1) {
                for cc in (c - reach).max(0)..=(c + reach).min(grid.cols as isize - 1) {
                    let i = rr as usize * grid.cols + cc as usize;
                    let centre = grid.centre(i);
                    let d2 = (centre.easting - p.easting).powi(2)
                        + (centre.northing - p.northing).powi(2);
                    if d2 > d2max {
                        continue;
                    }
                    let d = (d2.sqrt() / half).floor();
                    out[i] += w * time / (1.0 + d);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_and_recent_weigh_most() {
        let grid =
            Grid::from_extent(Bng::new(0.0, 0.0), Bng::new(999.0, 99.0), 100.0).expect("grid");
        // One event at the centre of cell 0, 10 days old (1 whole week).
        let s = Prospective::default().surface(&grid, &[(Bng::new(50.0, 50.0), 10.0, 2.0)]);
        // Cell 0: d = 0 → 2 · 1/1 · 1/2 = 1. Cell 1 (100 m): d = 2 → 2 · 1/3 · 1/2.
        assert!((s[0] - 1.0).abs() < 1e-12);
        assert!((s[1] - 1.0 / 3.0).abs() < 1e-12);
        // Cell 4 (400 m): d = 8 → 1/9 · 1; cell 5 (500 m) is beyond the band.
        assert!((s[4] - 1.0 / 9.0).abs() < 1e-12);
        assert_eq!(s[5], 0.0);
        // Nine weeks old: beyond two months.
        let old = Prospective::default().surface(&grid, &[(Bng::new(50.0, 50.0), 63.0, 2.0)]);
        assert!(old.iter().all(|v| *v == 0.0));
    }
}
