//! The plan review as released (a mirror of [`crate::assess::PlanReview`]).

use super::Shown;
use serde::Deserialize;

/// The plan review, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanReview {
    /// The date analysis is as of.
    pub as_of: String,
    /// What the plan's actions are aimed at.
    pub balance: Balance,
    /// People in the case.
    pub case_people: Shown,
    /// Places in the case.
    pub case_places: usize,
    /// Tools that apply to the case but are not in the plan.
    pub unused_tools: Vec<Unused>,
    /// Partners the case needs and the plan lacks.
    pub missing_partners: Vec<String>,
    /// Agencies in the plan.
    pub plan_agencies: Vec<String>,
    /// Looked-after children in the case.
    pub looked_after: Shown,
    /// The local procedure for looked-after children.
    pub looked_after_rule: Option<String>,
    /// Which (none for partners).
    pub looked_after_children: Option<Vec<String>>,
    /// Actions aimed at looked-after children.
    pub actions_needing_agreement: Vec<String>,
    /// Returns from missing episodes.
    pub returns: ReturnsReview,
    /// Actions without an outcome measure.
    pub unmeasured: Vec<Unmeasured>,
    /// The findings as sentences, counts cut.
    pub findings: Vec<String>,
}

/// What the plan's actions are aimed at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    /// Actions.
    pub actions: usize,
    /// Aimed at offenders.
    pub offender: usize,
    /// Aimed at the child or family.
    pub victim: usize,
    /// Aimed at places.
    pub location: usize,
    /// The share aimed at the child or family (none where not a number).
    pub victim_share: Option<f64>,
    /// Whether the plan relies on the child.
    pub relies_on_child: bool,
}

/// A tool that applies to the case but is not in the plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unused {
    /// Catalogue id.
    pub id: String,
    /// What it acts on.
    pub target: String,
    /// Name.
    pub name: String,
    /// Who leads.
    pub lead_agency: String,
    /// How many people or places it applies to.
    pub applies_to: Shown,
    /// Which (none for partners).
    pub subjects: Option<Vec<String>>,
}

/// An action without an outcome measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unmeasured {
    /// `action_id`.
    pub action: String,
    /// Why it cannot be measured.
    pub why: String,
}

/// Returns from missing episodes of the case's children, and their gaps.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnsReview {
    /// Returns recorded.
    pub returns: Shown,
    /// With no same-day contact recorded.
    pub without_same_day_contact: Shown,
    /// With no return home interview within 72 hours.
    pub without_return_interview: Shown,
    /// The gaps, one line each (none for partners).
    pub gaps: Option<Vec<String>>,
}
