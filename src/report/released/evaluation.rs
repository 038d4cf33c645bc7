//! A before/after evaluation as released (a mirror of [`crate::assess::Evaluation`]).

use super::Shown;
use serde::Deserialize;

/// A before/after evaluation of one action, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// `action_id`.
    pub action: String,
    /// The tool, if recorded.
    pub tool_id: Option<String>,
    /// What it was aimed at (`place`, `person`, …).
    pub target_type: String,
    /// The place, for an action on a place.
    pub place: Option<String>,
    /// The person's label, for an action on a person.
    pub person: Option<String>,
    /// The date analysis is as of.
    pub as_of: String,
    /// The day the action started.
    pub started_on: String,
    /// The before window: first and last day.
    pub before: (String, String),
    /// The after window: first and last day.
    pub after: (String, String),
    /// Windows and buffer.
    pub settings: EvaluationSettings,
    /// What the target, buffer and control areas are, in words.
    pub areas: [String; 3],
    /// The target area.
    pub target: Area,
    /// The buffer ring.
    pub buffer: Area,
    /// The control area.
    pub control: Area,
    /// After ÷ before per day, per area.
    pub rate_ratios: Ratios,
    /// The Weighted Displacement Quotient on raw counts.
    pub wdq: ShownWdq,
    /// Its reading.
    pub reading: String,
    /// The WDQ on weighted counts.
    pub wdq_weighted: ShownWdq,
    /// Its reading.
    pub reading_weighted: String,
    /// Notes, counts cut.
    pub notes: Vec<String>,
}

/// Windows and buffer of an evaluation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationSettings {
    /// Days before the action's start.
    pub before_days: u32,
    /// Days from the action's start.
    pub after_days: u32,
    /// Width of the buffer ring, metres.
    pub buffer_m: f64,
}

/// Events in one area before and after.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Events before.
    pub before: Shown,
    /// Events after.
    pub after: Shown,
    /// Weighted events before (none where withheld).
    pub weighted_before: Option<f64>,
    /// Weighted events after (none where withheld).
    pub weighted_after: Option<f64>,
}

/// A rate ratio and its interval, each none where withheld or not computed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShownRatio {
    /// After ÷ before per day.
    pub ratio: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// The interval's level (0.95).
    pub level: f64,
}

/// The rate ratios per area.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratios {
    /// The target area.
    pub target: ShownRatio,
    /// The buffer ring.
    pub buffer: ShownRatio,
    /// The control area.
    pub control: ShownRatio,
}

/// The Weighted Displacement Quotient and its parts, each none where withheld or not
/// computed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShownWdq {
    /// The success measure.
    pub success_measure: Option<f64>,
    /// The buffer displacement.
    pub buffer_displacement: Option<f64>,
    /// The quotient.
    pub wdq: Option<f64>,
}
