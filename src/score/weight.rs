//! Event weight (docs/design.md §4.1): base weight of kind and category × 3x5x2 grading
//! factor × recency decay `2^(−age / half_life)`.

use super::Settings;
use crate::model::{AsOf, Event, EventKind, Grading};
use chrono::NaiveDateTime;
use serde::Serialize;

/// Exponential recency decay with a half-life.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfLife(pub f64);

impl HalfLife {
    /// The decay factor for an event `age_days` old: `2^(−age / half_life)`.
    ///
    /// # Units
    /// `age_days` in days (fractional); returns a factor in `(0, 1]` (1 for age ≤ 0).
    pub fn factor(&self, age_days: f64) -> f64 {
        (-age_days.max(0.0) / self.0).exp2()
    }
}

/// How one event's weight was made, so the number can explain itself.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EventWeight {
    /// Base weight of the kind (and category).
    pub base: f64,
    /// 3x5x2 grading factor in `[0.03, 1]`.
    pub grading: f64,
    /// Recency factor in `(0, 1]`.
    pub recency: f64,
    /// `base × grading × recency`.
    pub weight: f64,
}

/// Weighs events as of a date, under a set of settings.
#[derive(Debug, Clone)]
pub struct EventWeigher {
    now: NaiveDateTime,
    window_start: NaiveDateTime,
    half_life: HalfLife,
    kind: [f64; 10],
    exploitation: [Option<f64>; 10],
    exploitation_categories: Vec<String>,
}

fn kind_index(k: EventKind) -> usize {
    EventKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

impl EventWeigher {
    /// A weigher for `settings` at `as_of`. Age is measured from the end of the as-of day.
    pub fn new(settings: &Settings, as_of: AsOf) -> Self {
        let now = as_of.cutoff();
        let mut kind = [0.0; 10];
        let mut exploitation = [None; 10];
        for (i, k) in EventKind::ALL.iter().enumerate() {
            kind[i] = settings.kind_weight.get(k).copied().unwrap_or(0.0);
            exploitation[i] = settings.exploitation_weight.get(k).copied();
        }
        Self {
            now,
            window_start: now - chrono::Duration::days(i64::from(settings.window_days)),
            half_life: HalfLife(settings.half_life_days),
            kind,
            exploitation,
            exploitation_categories: settings.exploitation_categories.clone(),
        }
    }

    /// Whether the event falls inside the analysis window (and is not in the future).
    pub fn in_window(&self, e: &Event) -> bool {
        e.occurred_at >= self.window_start && e.occurred_at < self.now
    }

    /// Whether the event's category is an exploitation category.
    pub fn is_exploitation(&self, e: &Event) -> bool {
        e.category
            .as_deref()
            .is_some_and(|c| self.exploitation_categories.iter().any(|x| x == c))
    }

    /// The weight of `e` and how it was made. Ungraded intelligence counts as `2C`
    /// (docs/design.md §4.1); other ungraded records (recorded crime, missing reports)
    /// count in full.
    pub fn weigh(&self, e: &Event) -> EventWeight {
        let i = kind_index(e.kind);
        let base = match self.exploitation[i] {
            Some(w) if self.is_exploitation(e) => w,
            _ => self.kind[i],
        };
        let grading = match (e.provenance.grading, e.kind) {
            (Some(g), _) => g.factor(),
            (None, EventKind::Intelligence) => Grading::UNGRADED_INTELLIGENCE.factor(),
            (None, _) => 1.0,
        };
        let age_days = (self.now - e.occurred_at).num_seconds() as f64 / 86_400.0;
        let recency = self.half_life.factor(age_days);
        EventWeight {
            base,
            grading,
            recency,
            weight: base * grading * recency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_life_halves() {
        let h = HalfLife(180.0);
        assert!((h.factor(180.0) - 0.5).abs() < 1e-15);
        assert!((h.factor(360.0) - 0.25).abs() < 1e-15);
        assert_eq!(h.factor(-5.0), 1.0);
    }
}
