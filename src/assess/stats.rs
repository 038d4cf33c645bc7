//! Statistics for before/after evaluation: the exact (conditional) Poisson confidence
//! interval of a rate ratio, and the Weighted Displacement Quotient.

use serde::Serialize;

pub use crate::score::chance::binomial_upper_tail;

/// The Clopper–Pearson (exact) two-sided `1 − alpha` interval for a binomial
/// proportion: `k` successes in `n` trials (Clopper & Pearson 1934, Biometrika 26).
///
/// # Units
/// Proportions in `[0, 1]`.
pub fn clopper_pearson(k: u64, n: u64, alpha: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    // Each tail is increasing in p: find where it reaches `target` by bisection.
    let solve = |f: &dyn Fn(f64) -> f64, target: f64| {
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if f(mid) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    };
    // Lower: P(X ≥ k; p) = α/2. Upper: P(X ≤ k; p) = α/2, i.e. P(X ≥ k + 1; p) = 1 − α/2.
    let lower = if k == 0 {
        0.0
    } else {
        solve(&|p| binomial_upper_tail(k, n, p), alpha / 2.0)
    };
    let upper = if k == n {
        1.0
    } else {
        solve(&|p| binomial_upper_tail(k + 1, n, p), 1.0 - alpha / 2.0)
    };
    (lower, upper)
}

/// A rate ratio `(a / ta) / (b / tb)` with its exact conditional interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateRatio {
    /// The ratio; `None` when `b` is 0 (no rate to compare with).
    pub ratio: Option<f64>,
    /// Lower bound of the interval.
    pub low: f64,
    /// Upper bound; `None` for an unbounded interval (`a` is all the events).
    pub high: Option<f64>,
    /// The confidence level, e.g. 0.95.
    pub level: f64,
}

/// The rate ratio of `a` events in exposure `ta` to `b` events in exposure `tb`, with
/// the exact interval from conditioning on `a + b` (given the total, `a` is binomial
/// with `p = r·ta / (r·ta + tb)`; the Clopper–Pearson interval for `p` maps to `r`).
/// This is what R's `poisson.test(c(a, b), c(ta, tb))` reports.
pub fn rate_ratio(a: u64, ta: f64, b: u64, tb: f64, level: f64) -> RateRatio {
    let n = a + b;
    let (pl, pu) = clopper_pearson(a, n, 1.0 - level);
    let scale = tb / ta;
    RateRatio {
        ratio: (b > 0).then(|| (a as f64 / ta) / (b as f64 / tb)),
        low: pl / (1.0 - pl) * scale,
        high: (pu < 1.0).then(|| pu / (1.0 - pu) * scale),
        level,
    }
}

/// The Weighted Displacement Quotient (Bowers & Johnson 2003, "Measuring the geographical
/// displacement and diffusion of benefit effects of crime prevention activity", J. Quant.
/// Criminol. 19): with R the target (response) area, B the buffer and C the control, each
/// counted before (b) and after (a),
///
/// `WDQ = (Ba/Ca − Bb/Cb) / (Ra/Ca − Rb/Cb)`.
///
/// The denominator is the success measure (the target's change relative to the control);
/// the numerator the buffer displacement measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Wdq {
    /// `Ra/Ca − Rb/Cb`: negative when the target fell relative to the control.
    pub success_measure: Option<f64>,
    /// `Ba/Ca − Bb/Cb`: positive when the buffer rose relative to the control.
    pub buffer_displacement: Option<f64>,
    /// Their quotient; `None` when it is undefined (no control events, or no change in
    /// the target relative to the control).
    pub wdq: Option<f64>,
}

/// The WDQ from the six counts (raw or weighted).
pub fn wdq(
    r_before: f64,
    r_after: f64,
    b_before: f64,
    b_after: f64,
    c_before: f64,
    c_after: f64,
) -> Wdq {
    if c_before <= 0.0 || c_after <= 0.0 {
        return Wdq {
            success_measure: None,
            buffer_displacement: None,
            wdq: None,
        };
    }
    let sm = r_after / c_after - r_before / c_before;
    let bdm = b_after / c_after - b_before / c_before;
    Wdq {
        success_measure: Some(sm),
        buffer_displacement: Some(bdm),
        wdq: (sm != 0.0).then(|| bdm / sm),
    }
}

/// What a WDQ says, following Bowers & Johnson's reading.
pub fn wdq_reading(w: &Wdq) -> &'static str {
    match (w.success_measure, w.wdq) {
        (None, _) => "cannot be computed: no events in the control area before or after",
        (Some(sm), _) if sm >= 0.0 => {
            "no effect to explain: the target did not fall relative to the control, so displacement is not measured"
        }
        (Some(_), None) => "cannot be computed",
        (Some(_), Some(q)) if q > 1.0 => {
            "diffusion of benefit greater than the direct effect: the buffer improved more than the target"
        }
        (Some(_), Some(q)) if q > 0.0 => {
            "diffusion of benefit: the buffer improved as well as the target"
        }
        (Some(_), Some(0.0)) => "no displacement and no diffusion",
        (Some(_), Some(q)) if q >= -1.0 => {
            "some displacement to the buffer, smaller than the direct effect: a net benefit"
        }
        (Some(_), Some(_)) => {
            "displacement to the buffer greater than the direct effect: a net loss"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_tails_by_hand() {
        // X ~ Bin(4, 0.5): P(X ≥ 3) = (4 + 1) / 16.
        assert!((binomial_upper_tail(3, 4, 0.5) - 5.0 / 16.0).abs() < 1e-12);
        assert!((binomial_upper_tail(1, 3, 0.2) - (1.0 - 0.8f64.powi(3))).abs() < 1e-12);
        assert_eq!(binomial_upper_tail(0, 5, 0.3), 1.0);
    }

    #[test]
    fn clopper_pearson_edges_by_hand() {
        // k = 0 of n: lower 0, upper 1 − (α/2)^(1/n).
        let (lo, hi) = clopper_pearson(0, 10, 0.05);
        assert_eq!(lo, 0.0);
        assert!((hi - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-9);
        // k = n: upper 1, lower (α/2)^(1/n).
        let (lo, hi) = clopper_pearson(10, 10, 0.05);
        assert!((lo - 0.025f64.powf(0.1)).abs() < 1e-9);
        assert_eq!(hi, 1.0);
    }

    #[test]
    fn wdq_worked_example() {
        // Target 50 → 30, buffer 40 → 36, control 1000 → 1000:
        // SM = 30/1000 − 50/1000 = −0.02; BDM = 36/1000 − 40/1000 = −0.004;
        // WDQ = −0.004 / −0.02 = 0.2: diffusion of benefit.
        let w = wdq(50.0, 30.0, 40.0, 36.0, 1000.0, 1000.0);
        assert!((w.success_measure.expect("sm") + 0.02).abs() < 1e-15);
        assert!((w.buffer_displacement.expect("bdm") + 0.004).abs() < 1e-15);
        assert!((w.wdq.expect("wdq") - 0.2).abs() < 1e-12);
        assert!(wdq_reading(&w).starts_with("diffusion of benefit"));
        // Buffer 40 → 70 instead: BDM = 0.07 − 0.04 = 0.03; WDQ = 0.03 / −0.02 = −1.5.
        let w = wdq(50.0, 30.0, 40.0, 70.0, 1000.0, 1000.0);
        assert!((w.wdq.expect("wdq") + 1.5).abs() < 1e-12);
        assert!(wdq_reading(&w).contains("net loss"));
        // Target rose: nothing to explain.
        let w = wdq(30.0, 50.0, 40.0, 70.0, 1000.0, 1000.0);
        assert!(wdq_reading(&w).starts_with("no effect"));
        assert!(wdq(1.0, 1.0, 1.0, 1.0, 0.0, 5.0).wdq.is_none());
    }
}
