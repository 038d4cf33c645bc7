//! How well a hotspot map forecasts: of the next period's harm, how much falls in the
//! map's top cells, per unit of area.
//!
//! For a coverage `c` (percent of the study area), the map's top `k = ⌈c/100 · A⌉` of
//! the `A` cells (by the map's value, ties by cell index) are flagged, and with `n` the
//! test harm inside them and `N` all test harm in the period:
//!
//! - **hit rate** `H = n / N` (the share of next period's harm captured);
//! - **PAI**, the Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008, "The utility
//!   of hotspot mapping for predicting spatial patterns of crime", Security Journal 21):
//!   `(n / N) / (a / A)`, the hit rate per share of area (`a = k`);
//! - **PEI**, the Predictive Efficiency Index (Hunt 2016, "Do crime hot spots move?
//!   Exploring the effects of the modifiable areal unit problem and modifiable temporal
//!   unit problem on crime hot spot stability", American University): `n / n*`, where
//!   `n*` is the most harm any `k` cells could have captured (the test period's own top
//!   `k` cells) — PAI as a share of the best PAI possible at that area.
//!
//! The same measures rank places instead of cells: the "area" is then the number of
//! places and each place's harm its test events.

use serde::Serialize;

/// The capture of one map at one coverage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Capture {
    /// Coverage asked for, percent of the area.
    pub coverage_pct: f64,
    /// Units (cells or places) flagged: `k`.
    pub flagged: usize,
    /// Units in the area: `A`.
    pub area: usize,
    /// Test harm in the flagged units: `n`.
    pub captured: f64,
    /// All test harm: `N` (including harm the map could not flag, such as events
    /// outside the grid).
    pub total: f64,
    /// The most harm any `k` units held: `n*`.
    pub best_possible: f64,
    /// `n / N` (0 when `N` is 0).
    pub hit_rate: f64,
    /// `(n / N) / (k / A)`.
    pub pai: f64,
    /// `n / n*` (0 when `n*` is 0).
    pub pei: f64,
}

/// Orders units by a map's value, highest first, ties by index; units outside the area
/// (`in_area[i]` false) are left out.
pub fn ranked(values: &[f64], in_area: &[bool]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| in_area[i]).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order
}

/// The capture of the map `surface` on the test harm `test` (one per unit) at each
/// coverage in `coverage_pct`.
///
/// # Arguments
/// * `in_area` — the units of the study area (`A` is their number).
/// * `uncapturable` — test harm that falls outside every unit (outside the grid): it
///   counts in `N` but no map can flag it.
///
/// # Complexity
/// O(A log A) for two sorts, then O(k) per coverage.
pub fn captures(
    surface: &[f64],
    test: &[f64],
    in_area: &[bool],
    uncapturable: f64,
    coverage_pct: &[f64],
) -> Vec<Capture> {
    let by_map = ranked(surface, in_area);
    let by_test = ranked(test, in_area);
    let area = by_map.len();
    let total: f64 = by_map.iter().map(|&i| test[i]).sum::<f64>() + uncapturable;
    coverage_pct
        .iter()
        .map(|&c| {
            let k = ((c / 100.0 * area as f64).ceil() as usize).min(area);
            let captured: f64 = by_map[..k].iter().map(|&i| test[i]).sum();
            let best: f64 = by_test[..k].iter().map(|&i| test[i]).sum();
            let hit = if total > 0.0 { captured / total } else { 0.0 };
            let share = if area > 0 {
                k as f64 / area as f64
            } else {
                0.0
            };
            Capture {
                coverage_pct: c,
                flagged: k,
                area,
                captured,
                total,
                best_possible: best,
                hit_rate: hit,
                pai: if share > 0.0 { hit / share } else { 0.0 },
                pei: if best > 0.0 { captured / best } else { 0.0 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pai_and_pei_on_a_tiny_grid_by_hand() {
        // Ten cells. The map ranks cell 0 first, then 1, then 2. The test period has
        // harm 3 in cell 1, 5 in cell 4, 2 in cell 0, and 2 outside the grid: N = 12.
        let surface = [9.0, 8.0, 7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let test = [2.0, 3.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let all = [true; 10];
        let c = captures(&surface, &test, &all, 2.0, &[10.0, 20.0]);
        // 10%: k = 1 (cell 0): n = 2, H = 2/12, PAI = (2/12)/(1/10) = 1.6667;
        // best 1 cell is cell 4 (5): PEI = 2/5.
        assert_eq!(c[0].flagged, 1);
        assert!((c[0].hit_rate - 2.0 / 12.0).abs() < 1e-12);
        assert!((c[0].pai - 20.0 / 12.0).abs() < 1e-12);
        assert!((c[0].pei - 0.4).abs() < 1e-12);
        // 20%: k = 2 (cells 0, 1): n = 5, H = 5/12, PAI = (5/12)/(2/10) = 2.0833;
        // best 2 cells: 4 and 1 (8): PEI = 5/8.
        assert!((c[1].pai - 25.0 / 12.0).abs() < 1e-12);
        assert!((c[1].pei - 0.625).abs() < 1e-12);
        assert_eq!(c[1].total, 12.0);
    }

    #[test]
    fn only_the_study_area_counts_as_area() {
        let surface = [1.0, 5.0, 2.0, 3.0];
        let test = [0.0, 4.0, 1.0, 1.0];
        let area = [true, false, true, true]; // cell 1 is outside
        let c = captures(&surface, &test, &area, 4.0, &[34.0]);
        // A = 3, k = ⌈1.02⌉ = 2: cells 3 and 2 → n = 2, N = 2 + 4 = 6.
        assert_eq!((c[0].area, c[0].flagged), (3, 2));
        assert!((c[0].hit_rate - 2.0 / 6.0).abs() < 1e-12);
        assert!((c[0].pai - (2.0 / 6.0) / (2.0 / 3.0)).abs() < 1e-12);
    }
}
