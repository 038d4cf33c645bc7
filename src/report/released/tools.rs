//! The disruption tools, partners and reflective questions of an assessment, as
//! released (mirrors of [`crate::assess::tools`] and [`crate::assess::place`]'s
//! questions).

use super::Shown;
use serde::Deserialize;

/// A disruption tool that applies, or may once checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolFinding {
    /// Catalogue id.
    pub id: String,
    /// Name.
    pub name: String,
    /// What it acts on (`place`, `person`, …).
    pub target: String,
    /// Legislation and section.
    pub law: String,
    /// Where it applies, in words.
    pub jurisdiction: String,
    /// In force, planned, …
    pub status: String,
    /// Who leads.
    pub lead_agency: String,
    /// Partners.
    pub partners: Vec<String>,
    /// Who can apply.
    pub who_can_apply: String,
    /// The standard of proof.
    pub standard_of_proof: String,
    /// What it can impose, and for how long.
    pub imposes: String,
    /// The conditions that hold.
    pub why: Vec<String>,
    /// The conditions to check.
    pub to_check: Vec<String>,
    /// The evidence the tool needs.
    pub evidence_needed: String,
    /// What the data can add.
    pub data_helps: String,
    /// The records that meet its event condition.
    pub evidence: Option<Evidence>,
    /// Their event ids (none for partners).
    pub event_refs: Option<Vec<String>>,
    /// Indicators that raise it to "check first".
    pub indicators: Option<Indicated>,
    /// Their event ids (none for partners).
    pub indicator_refs: Option<Vec<String>>,
    /// A fact about the tool still to verify.
    pub verify_note: Option<String>,
    /// Why it cannot be used today.
    pub unavailable: Option<String>,
}

/// The records that meet a tool's event condition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The condition's window, days.
    pub window_days: u32,
    /// Matching events.
    pub events: Shown,
    /// Events the condition asks for.
    pub needed: usize,
}

/// Indicators that raise a tool to "check first".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicated {
    /// The window, days.
    pub window_days: u32,
    /// Records with an indicator.
    pub events: Shown,
    /// Which indicators.
    pub which: Vec<String>,
    /// What must be established.
    pub must_establish: String,
}

/// A partner to involve, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerNeed {
    /// The agency.
    pub agency: String,
    /// Why (empty: no tool points to them).
    pub why: Vec<String>,
}

/// A reflective question and the data's answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question.
    pub question: String,
    /// What the records say towards it, counts cut.
    pub answer: Vec<String>,
    /// Each action's before/after evaluation.
    pub evaluations: Vec<EvaluationLine>,
}

/// An action's before/after result, in brief.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationLine {
    /// `action_id`.
    pub action: String,
    /// Events in the target before.
    pub before: Shown,
    /// Events in the target after.
    pub after: Shown,
    /// After ÷ before per day (none when withheld or not computed).
    pub rate_ratio: Option<f64>,
    /// The reading.
    pub reading: String,
}
