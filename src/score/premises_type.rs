//! Premises-type risk, after risk terrain modelling (Caplan & Kennedy 2011, "Risk Terrain
//! Modeling Compendium"): for each kind of place, the weighted events per premises
//! relative to the rate over all premises.

use crate::model::PlaceKind;
use serde::Serialize;

/// The relative risk of one kind of premises.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PremisesTypeRisk {
    /// The kind.
    pub kind: PlaceKind,
    /// Premises of this kind in the data.
    pub premises: usize,
    /// Of them, premises with at least one weighted event.
    pub premises_with_events: usize,
    /// Events at premises of this kind (in the window, not expired).
    pub events: usize,
    /// Their total weight.
    pub weight: f64,
    /// Weight per premises.
    pub rate: f64,
    /// `rate / rate over all premises`: above 1, this kind carries more than its share.
    pub relative_risk: f64,
    /// Lower end of the 95% interval of the relative risk.
    pub ci_low: f64,
    /// Upper end of the 95% interval (`None` when the kind has no weighted events).
    pub ci_high: Option<f64>,
}

/// Computes premises-type risk from per-place weights.
///
/// The interval treats each kind's weighted total as a compound Poisson sum, whose
/// variance is the sum of squared weights, and combines the kind's and the overall
/// relative standard errors on the log scale:
/// `exp(ln RR ± 1.96 √(Σw²_k / W_k² + Σw² / W²))`.
///
/// # Arguments
/// * `places` — for every place: its kind, its event count, its total weight and its sum
///   of squared weights.
pub fn premises_type_risk(places: &[(PlaceKind, usize, f64, f64)]) -> Vec<PremisesTypeRisk> {
    let n_all = places.len() as f64;
    let w_all: f64 = places.iter().map(|p| p.2).sum();
    let w2_all: f64 = places.iter().map(|p| p.3).sum();
    let overall = if n_all > 0.0 { w_all / n_all } else { 0.0 };
    let mut out = Vec::new();
    for &kind in PlaceKind::ALL {
        let of_kind: Vec<_> = places.iter().filter(|p| p.0 == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let n = of_kind.len() as f64;
        let w: f64 = of_kind.iter().map(|p| p.2).sum();
        let w2: f64 = of_kind.iter().map(|p| p.3).sum();
        let rate = w / n;
        let rr = if overall > 0.0 { rate / overall } else { 0.0 };
        let (ci_low, ci_high) = if w > 0.0 && w_all > 0.0 {
            let se = (w2 / (w * w) + w2_all / (w_all * w_all)).sqrt();
            (rr * (-1.96 * se).exp(), Some(rr * (1.96 * se).exp()))
        } else {
            (0.0, None)
        };
        out.push(PremisesTypeRisk {
            kind,
            premises: of_kind.len(),
            premises_with_events: of_kind.iter().filter(|p| p.2 > 0.0).count(),
            events: of_kind.iter().map(|p| p.1).sum(),
            weight: w,
            rate,
            relative_risk: rr,
            ci_low,
            ci_high,
        });
    }
    out.sort_by(|a, b| {
        b.relative_risk
            .total_cmp(&a.relative_risk)
            .then(a.kind.cmp(&b.kind))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_relative_risk() {
        // Two hotels with weights 6 and 2 (one event each); two shops with 1 and 1.
        // All-premises rate = 10 / 4 = 2.5; hotel rate 4 → RR 1.6; shop rate 1 → RR 0.4.
        let r = premises_type_risk(&[
            (PlaceKind::Hotel, 1, 6.0, 36.0),
            (PlaceKind::Hotel, 1, 2.0, 4.0),
            (PlaceKind::Shop, 1, 1.0, 1.0),
            (PlaceKind::Shop, 1, 1.0, 1.0),
        ]);
        assert_eq!(r[0].kind, PlaceKind::Hotel);
        assert!((r[0].relative_risk - 1.6).abs() < 1e-12);
        assert!((r[1].relative_risk - 0.4).abs() < 1e-12);
        // se = sqrt(40/64 + 42/100) = sqrt(1.045)
        let se = 1.045f64.sqrt();
        assert!((r[0].ci_low - 1.6 * (-1.96 * se).exp()).abs() < 1e-12);
        assert!(r[0].ci_low < 1.6 && r[0].ci_high.is_some_and(|h| h > 1.6));
    }
}
