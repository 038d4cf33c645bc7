//! Emerging hot spot categories: ArcGIS Pro's published pattern definitions (Emerging
//! Hot Spot Analysis, "How Emerging Hot Spot Analysis works"), applied to each cell's
//! series of Gi* bins and the Mann–Kendall trend of its Gi* z-scores. Every definition is
//! written out in `docs/trends.md`.
//!
//! A bin is a significant hot spot when its Gi* z is positive and its q-value (FDR over
//! the step's cells) is at most the FDR setting; a cold spot likewise with z negative.
//! "90 percent of the time steps" is at least 0.9 × steps. Where ArcGIS's wording lets
//! two patterns apply at once, the state of the final step decides: a cell hot in the
//! final step is given a hot-spot pattern, cold in the final step a cold-spot pattern;
//! a cell significant in neither is historical (hot or cold for at least 90% of steps)
//! or shows no pattern. New and consecutive spots have no significant bin of either sign
//! before their final run.

use super::MannKendall;
use serde::Serialize;

/// The state of one bin (cell × step).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bin {
    /// A significant hot spot.
    Hot,
    /// A significant cold spot.
    Cold,
    /// Neither.
    NotSignificant,
}

impl Bin {
    /// The bin for a Gi* z and q at an FDR.
    pub fn of(z: f64, q: f64, fdr: f64) -> Self {
        if q <= fdr && z > 0.0 {
            Bin::Hot
        } else if q <= fdr && z < 0.0 {
            Bin::Cold
        } else {
            Bin::NotSignificant
        }
    }

    fn mirror(self) -> Self {
        match self {
            Bin::Hot => Bin::Cold,
            Bin::Cold => Bin::Hot,
            Bin::NotSignificant => Bin::NotSignificant,
        }
    }
}

/// ArcGIS's pattern names: eight hot-spot patterns, their cold-spot mirrors, and none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // each is defined in `describe` and docs/trends.md
pub enum Category {
    NoPattern,
    NewHotSpot,
    ConsecutiveHotSpot,
    IntensifyingHotSpot,
    PersistentHotSpot,
    DiminishingHotSpot,
    SporadicHotSpot,
    OscillatingHotSpot,
    HistoricalHotSpot,
    NewColdSpot,
    ConsecutiveColdSpot,
    IntensifyingColdSpot,
    PersistentColdSpot,
    DiminishingColdSpot,
    SporadicColdSpot,
    OscillatingColdSpot,
    HistoricalColdSpot,
}

/// The hot-spot patterns, whose cold mirrors follow the same rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    New,
    Consecutive,
    Intensifying,
    Persistent,
    Diminishing,
    Sporadic,
    Oscillating,
}

impl Category {
    /// Every category, in the order legends list them.
    pub const ALL: [Category; 17] = [
        Category::NewHotSpot,
        Category::ConsecutiveHotSpot,
        Category::IntensifyingHotSpot,
        Category::PersistentHotSpot,
        Category::DiminishingHotSpot,
        Category::SporadicHotSpot,
        Category::OscillatingHotSpot,
        Category::HistoricalHotSpot,
        Category::NewColdSpot,
        Category::ConsecutiveColdSpot,
        Category::IntensifyingColdSpot,
        Category::PersistentColdSpot,
        Category::DiminishingColdSpot,
        Category::SporadicColdSpot,
        Category::OscillatingColdSpot,
        Category::HistoricalColdSpot,
        Category::NoPattern,
    ];

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::NoPattern => "no_pattern",
            Category::NewHotSpot => "new_hot_spot",
            Category::ConsecutiveHotSpot => "consecutive_hot_spot",
            Category::IntensifyingHotSpot => "intensifying_hot_spot",
            Category::PersistentHotSpot => "persistent_hot_spot",
            Category::DiminishingHotSpot => "diminishing_hot_spot",
            Category::SporadicHotSpot => "sporadic_hot_spot",
            Category::OscillatingHotSpot => "oscillating_hot_spot",
            Category::HistoricalHotSpot => "historical_hot_spot",
            Category::NewColdSpot => "new_cold_spot",
            Category::ConsecutiveColdSpot => "consecutive_cold_spot",
            Category::IntensifyingColdSpot => "intensifying_cold_spot",
            Category::PersistentColdSpot => "persistent_cold_spot",
            Category::DiminishingColdSpot => "diminishing_cold_spot",
            Category::SporadicColdSpot => "sporadic_cold_spot",
            Category::OscillatingColdSpot => "oscillating_cold_spot",
            Category::HistoricalColdSpot => "historical_cold_spot",
        }
    }

    /// The name in words ("Intensifying hot spot").
    pub fn label(self) -> String {
        let s = self.as_str().replace('_', " ");
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    }

    /// Whether this is one of the hot-spot patterns.
    pub fn is_hot(self) -> bool {
        self.as_str().ends_with("hot_spot")
    }

    fn from_pattern(p: Pattern, hot: bool) -> Self {
        use Category as C;
        match (p, hot) {
            (Pattern::New, true) => C::NewHotSpot,
            (Pattern::Consecutive, true) => C::ConsecutiveHotSpot,
            (Pattern::Intensifying, true) => C::IntensifyingHotSpot,
            (Pattern::Persistent, true) => C::PersistentHotSpot,
            (Pattern::Diminishing, true) => C::DiminishingHotSpot,
            (Pattern::Sporadic, true) => C::SporadicHotSpot,
            (Pattern::Oscillating, true) => C::OscillatingHotSpot,
            (Pattern::New, false) => C::NewColdSpot,
            (Pattern::Consecutive, false) => C::ConsecutiveColdSpot,
            (Pattern::Intensifying, false) => C::IntensifyingColdSpot,
            (Pattern::Persistent, false) => C::PersistentColdSpot,
            (Pattern::Diminishing, false) => C::DiminishingColdSpot,
            (Pattern::Sporadic, false) => C::SporadicColdSpot,
            (Pattern::Oscillating, false) => C::OscillatingColdSpot,
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Classifies a cell from its bins (oldest first) and the Mann–Kendall trend of its Gi*
/// z-scores, the trend significant at `alpha`.
pub fn classify(bins: &[Bin], trend: &MannKendall, alpha: f64) -> Category {
    let Some(&last) = bins.last() else {
        return Category::NoPattern;
    };
    let rising = trend.p <= alpha && trend.z > 0.0;
    let falling = trend.p <= alpha && trend.z < 0.0;
    match last {
        Bin::Hot => Category::from_pattern(pattern(bins, rising, falling), true),
        Bin::Cold => {
            // The cold mirror: swap hot and cold, and read the trend the other way
            // (a cold spot intensifies as its z-scores fall).
            let mirrored: Vec<Bin> = bins.iter().map(|b| b.mirror()).collect();
            Category::from_pattern(pattern(&mirrored, falling, rising), false)
        }
        Bin::NotSignificant => {
            let share = |b: Bin| bins.iter().filter(|x| **x == b).count() as f64;
            let n = bins.len() as f64;
            if share(Bin::Hot) >= 0.9 * n {
                Category::HistoricalHotSpot
            } else if share(Bin::Cold) >= 0.9 * n {
                Category::HistoricalColdSpot
            } else {
                Category::NoPattern
            }
        }
    }
}

/// The pattern of a series whose final bin is hot; `stronger`/`weaker`: the trend in
/// the intensity of its clustering is significantly up or down.
fn pattern(bins: &[Bin], stronger: bool, weaker: bool) -> Pattern {
    let n = bins.len();
    let hot = bins.iter().filter(|b| **b == Bin::Hot).count();
    if hot as f64 >= 0.9 * n as f64 {
        return if stronger {
            Pattern::Intensifying
        } else if weaker {
            Pattern::Diminishing
        } else {
            Pattern::Persistent
        };
    }
    let run = bins.iter().rev().take_while(|b| **b == Bin::Hot).count();
    let before = &bins[..n - run];
    if before.iter().all(|b| *b == Bin::NotSignificant) {
        return if run == 1 {
            Pattern::New
        } else {
            Pattern::Consecutive
        };
    }
    if before.contains(&Bin::Cold) {
        Pattern::Oscillating
    } else {
        Pattern::Sporadic
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Bin::{Cold as C, Hot as H, NotSignificant as N};

    fn cat(bins: &[Bin]) -> Category {
        // The trend of a series that steps with its bins: hot 1, cold −1.
        let z: Vec<f64> = bins
            .iter()
            .enumerate()
            .map(|(i, b)| match b {
                H => 3.0,
                C => -3.0,
                N => 0.0,
            } + i as f64 * 1e-6)
            .collect();
        classify(bins, &MannKendall::test(&z), 0.05)
    }

    #[test]
    fn every_category_on_a_hand_built_series() {
        let ramp = |up: bool| -> (Vec<Bin>, MannKendall) {
            let z: Vec<f64> = (0..10)
                .map(|i| {
                    if up {
                        3.0 + f64::from(i)
                    } else {
                        13.0 - f64::from(i)
                    }
                })
                .collect();
            (vec![H; 10], MannKendall::test(&z))
        };
        let (b, t) = ramp(true);
        assert_eq!(classify(&b, &t, 0.05), Category::IntensifyingHotSpot);
        let (b, t) = ramp(false);
        assert_eq!(classify(&b, &t, 0.05), Category::DiminishingHotSpot);
        let flat = MannKendall::test(&[4.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 3.0]);
        assert_eq!(classify(&[H; 10], &flat, 0.05), Category::PersistentHotSpot);
        let cold = |z: Vec<f64>| classify(&[C; 10], &MannKendall::test(&z), 0.05);
        assert_eq!(
            cold((0..10).map(|i| -3.0 - f64::from(i)).collect()),
            Category::IntensifyingColdSpot
        );
        assert_eq!(
            cold((0..10).map(|i| -13.0 + f64::from(i)).collect()),
            Category::DiminishingColdSpot
        );
        assert_eq!(
            classify(&[C; 10], &flat, 0.05),
            Category::PersistentColdSpot
        );

        assert_eq!(cat(&[N, N, N, N, H]), Category::NewHotSpot);
        assert_eq!(cat(&[N, N, N, H, H]), Category::ConsecutiveHotSpot);
        assert_eq!(cat(&[N, H, N, N, H]), Category::SporadicHotSpot);
        assert_eq!(cat(&[N, C, N, N, H]), Category::OscillatingHotSpot);
        assert_eq!(
            cat(&[H, H, H, H, H, H, H, H, H, N]),
            Category::HistoricalHotSpot
        );
        assert_eq!(cat(&[N, N, N, N, C]), Category::NewColdSpot);
        assert_eq!(cat(&[N, N, C, C, C]), Category::ConsecutiveColdSpot);
        assert_eq!(cat(&[C, N, N, C, C]), Category::SporadicColdSpot);
        assert_eq!(cat(&[H, N, N, N, C]), Category::OscillatingColdSpot);
        assert_eq!(
            cat(&[C, C, C, C, C, C, C, C, C, N]),
            Category::HistoricalColdSpot
        );
        assert_eq!(cat(&[N, H, H, N, N]), Category::NoPattern);
        assert_eq!(cat(&[]), Category::NoPattern);
    }

    #[test]
    fn eight_of_ten_hot_is_not_ninety_percent() {
        // 8 of 10 hot, final hot, no cold: sporadic, not persistent.
        assert_eq!(
            cat(&[N, H, H, H, H, N, H, H, H, H]),
            Category::SporadicHotSpot
        );
    }

    #[test]
    fn names_and_labels() {
        assert_eq!(
            Category::IntensifyingHotSpot.label(),
            "Intensifying hot spot"
        );
        assert!(Category::NewHotSpot.is_hot());
        assert!(!Category::NewColdSpot.is_hot());
        assert_eq!(Category::ALL.len(), 17);
    }
}
