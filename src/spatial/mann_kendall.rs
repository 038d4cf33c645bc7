//! The Mann–Kendall trend test with the tie correction, and Sen's slope (Mann 1945,
//! "Nonparametric tests against trend", Econometrica 13; Kendall 1975, *Rank Correlation
//! Methods*; Sen 1968, JASA 63). Computed as `pymannkendall.original_test` does, and
//! tested against it on series with ties (`tests/it/trends.rs`,
//! `tests/fixtures/trends/make_mann_kendall.py`).
//!
//! For a series `x_1 … x_n` in time order:
//!
//! ```text
//! S      = Σ_{i<j} sign(x_j − x_i)
//! Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18     (t_g: size of tie group g)
//! z      = (S − 1)/√Var(S) if S > 0,  (S + 1)/√Var(S) if S < 0,  0 otherwise
//! p      = 2 (1 − Φ(|z|))                                    (two-sided)
//! tau    = S / (n(n−1)/2)
//! slope  = median_{i<j} (x_j − x_i) / (j − i)                (Sen, per time step)
//! ```

use super::gi_star::two_sided_p;
use serde::Serialize;

/// The result of the Mann–Kendall test on one series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MannKendall {
    /// Length of the series.
    pub n: usize,
    /// Kendall's S: concordant minus discordant pairs.
    pub s: f64,
    /// Variance of S under no trend, corrected for ties.
    pub var_s: f64,
    /// Continuity-corrected standard normal score.
    pub z: f64,
    /// Two-sided p-value (1 when the series is too short or constant).
    pub p: f64,
    /// Kendall's tau, `S / (n(n−1)/2)`, in [−1, 1].
    pub tau: f64,
    /// Sen's slope: the median of pairwise slopes, in the series' units per time step.
    pub slope: f64,
}

/// Which way a series is going, at a significance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A significant upward trend (z > 0, p ≤ alpha).
    Rising,
    /// No significant trend.
    Steady,
    /// A significant downward trend (z < 0, p ≤ alpha).
    Falling,
}

impl Direction {
    /// The word used in tables and sentences.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Rising => "rising",
            Direction::Steady => "steady",
            Direction::Falling => "falling",
        }
    }
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl MannKendall {
    /// Runs the test on `x` (in time order). Non-finite values are not expected; a
    /// series shorter than 2 has S 0, p 1.
    ///
    /// # Complexity
    /// O(n²) pairs (n is a few dozen time steps).
    pub fn test(x: &[f64]) -> Self {
        let n = x.len();
        let mut s = 0.0;
        let mut slopes = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                let d = x[j] - x[i];
                s += if d > 0.0 {
                    1.0
                } else if d < 0.0 {
                    -1.0
                } else {
                    0.0
                };
                slopes.push(d / (j - i) as f64);
            }
        }
        let nf = n as f64;
        let mut var_s = nf * (nf - 1.0) * (2.0 * nf + 5.0);
        for t in tie_groups(x) {
            let t = t as f64;
            var_s -= t * (t - 1.0) * (2.0 * t + 5.0);
        }
        var_s /= 18.0;
        let z = if var_s <= 0.0 {
            0.0
        } else if s > 0.0 {
            (s - 1.0) / var_s.sqrt()
        } else if s < 0.0 {
            (s + 1.0) / var_s.sqrt()
        } else {
            0.0
        };
        let pairs = nf * (nf - 1.0) / 2.0;
        MannKendall {
            n,
            s,
            var_s,
            z,
            p: if var_s <= 0.0 { 1.0 } else { two_sided_p(z) },
            tau: if pairs > 0.0 { s / pairs } else { 0.0 },
            slope: median(&mut slopes),
        }
    }

    /// Rising, steady or falling at significance `alpha` (two-sided).
    pub fn direction(&self, alpha: f64) -> Direction {
        if self.p <= alpha && self.z > 0.0 {
            Direction::Rising
        } else if self.p <= alpha && self.z < 0.0 {
            Direction::Falling
        } else {
            Direction::Steady
        }
    }
}

/// Sizes of the groups of equal values with more than one member.
fn tie_groups(x: &[f64]) -> Vec<usize> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let mut groups = Vec::new();
    let mut run = 1;
    for k in 1..=v.len() {
        if k < v.len() && v[k] == v[k - 1] {
            run += 1;
        } else {
            if run > 1 {
                groups.push(run);
            }
            run = 1;
        }
    }
    groups
}

/// The median (the mean of the middle two for an even count); 0 for none.
fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_with_a_tie() {
        // 1, 2, 2, 3: pairs (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+ → S = 5.
        // Var = [4·3·13 − 2·1·9] / 18 = (156 − 18) / 18 = 7.6667.
        let r = MannKendall::test(&[1.0, 2.0, 2.0, 3.0]);
        assert_eq!(r.s, 5.0);
        assert!((r.var_s - 138.0 / 18.0).abs() < 1e-12);
        assert!((r.z - 4.0 / (138.0f64 / 18.0).sqrt()).abs() < 1e-12);
        assert!((r.tau - 5.0 / 6.0).abs() < 1e-12);
        // Slopes: 1, 0.5, 0.667, 0, 0.5, 1 → median of 0,0.5,0.5,0.667,1,1 = 0.5833.
        assert!((r.slope - (0.5 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn constant_and_short_series_have_no_trend() {
        for x in [&[][..], &[4.0][..], &[2.0, 2.0, 2.0][..]] {
            let r = MannKendall::test(x);
            assert_eq!((r.z, r.p), (0.0, 1.0), "{x:?}");
            assert_eq!(r.direction(0.05), Direction::Steady);
        }
    }

    #[test]
    fn a_steady_climb_is_rising() {
        let x: Vec<f64> = (0..12).map(f64::from).collect();
        assert_eq!(MannKendall::test(&x).direction(0.05), Direction::Rising);
        let y: Vec<f64> = x.iter().rev().copied().collect();
        assert_eq!(MannKendall::test(&y).direction(0.05), Direction::Falling);
    }
}
