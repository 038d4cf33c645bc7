//! The seed's reflective questions for practice, answered for the place from the
//! records: what the plan does here, what it leaves out, and what it has changed.

use crate::assess::evaluate::{EvaluationSettings, evaluate};
use crate::assess::tools::{PartnerNeed, ToolFinding};
use crate::model::disclosure::{Count, Derived, Phrase};
use crate::model::{Dataset, PersonId, PlaceId, Role, TargetType};
use crate::pipeline::Analysis;
use serde::Serialize;
use std::collections::BTreeSet;

/// A reflective question (seed 004) and the data's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// The question.
    pub question: &'static str,
    /// What the records say towards it (counts in it are cut like every count).
    pub answer: Vec<Phrase>,
    /// For the third question: each action's before/after evaluation.
    pub evaluations: Vec<EvaluationLine>,
}

/// An action's before/after result, in brief.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationLine {
    /// `action_id`.
    pub action: String,
    /// Events in the target before.
    pub before: Count,
    /// Events in the target after.
    pub after: Count,
    /// After ÷ before per day (withheld for partners when a count is small).
    pub rate_ratio: Option<Derived>,
    /// The WDQ's reading.
    pub reading: &'static str,
}

/// The seed's three reflective questions for practice.
pub const REFLECTIVE_QUESTIONS: [&str; 3] = [
    "To what extent does this plan rely on the child or their family to manage risk, and what action are we taking to reduce or disrupt the sources of harm?",
    "Have we considered the full range of disruption tools available? Which partners might be missing who could contribute to disruption?",
    "How much has the planned disruptive action made a difference and is there a need to consider different approaches to disruption?",
];

/// The reflective questions answered for this place: what the plan does here, which
/// tools and partners it leaves out, and what the actions here have changed.
pub(super) fn questions(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    applicable: &[ToolFinding],
    partners: &[PartnerNeed],
) -> Vec<Question> {
    let here: Vec<&crate::model::Action> = d
        .actions
        .iter()
        .filter(|x| x.target.place() == Some(place))
        .collect();
    let q1 = plan_here(d, a, place, &here);
    let q2 = left_out(&here, applicable, partners);
    let (q3, evaluations) = evaluations_here(d, a, &here);
    let mut evaluations = Some(evaluations);
    [q1, q2, q3]
        .into_iter()
        .zip(REFLECTIVE_QUESTIONS)
        .enumerate()
        .map(|(i, (answer, question))| Question {
            question,
            answer,
            evaluations: if i == 2 {
                evaluations.take().unwrap_or_default()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// The first question's answer: actions against the place, and actions aimed at the
/// children recorded here.
fn plan_here(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    here: &[&crate::model::Action],
) -> Vec<Phrase> {
    let children: BTreeSet<PersonId> = a
        .network
        .network
        .people_at(place)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| d.people[p.index()].role == Role::Child)
        .collect();
    let on_children = d
        .actions
        .iter()
        .filter(|x| x.target.kind() == TargetType::Victim)
        .filter(|x| x.target.person().is_some_and(|p| children.contains(&p)))
        .count();
    let mut q1 = vec![
        Phrase::default()
            .count(here.len() as u64)
            .then(" action(s) recorded against this place"),
        Phrase::default()
            .count(on_children as u64)
            .then(" action(s) aimed at the children recorded here (victim-focused)"),
    ];
    if here.is_empty() && on_children > 0 {
        q1.push(Phrase::text(
            "the plan acts on the children, not on the place: consider location tools",
        ));
    }
    q1
}

/// The second question's answer: applicable tools no action here uses, and partners
/// the tools point to that no action involves.
fn left_out(
    here: &[&crate::model::Action],
    applicable: &[ToolFinding],
    partners: &[PartnerNeed],
) -> Vec<Phrase> {
    let used: BTreeSet<&str> = here.iter().filter_map(|x| x.tool_id.as_deref()).collect();
    let unused: Vec<&str> = applicable
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| !used.iter().any(|u| u.eq_ignore_ascii_case(id)))
        .collect();
    let agencies: BTreeSet<String> = here
        .iter()
        .filter_map(|x| x.agency.as_deref())
        .map(str::to_lowercase)
        .collect();
    let missing: Vec<&str> = partners
        .iter()
        .filter(|p| !p.why.is_empty())
        .map(|p| p.agency.as_str())
        .filter(|p| !agencies.iter().any(|a| a.contains(&p.to_lowercase())))
        .collect();
    vec![
        format!(
            "{} tool(s) apply and are in force; {} not in any recorded action: {}",
            applicable.len(),
            unused.len(),
            if unused.is_empty() {
                "none".to_string()
            } else {
                unused.join(", ")
            }
        ),
        format!(
            "partners the applicable tools point to but no action involves: {}",
            if missing.is_empty() {
                "none".to_string()
            } else {
                missing.join(", ")
            }
        ),
    ]
    .into_iter()
    .map(Phrase::from)
    .collect()
}

/// The third question's answer: each action here evaluated before and after, or why it
/// cannot be.
fn evaluations_here(
    d: &Dataset,
    a: &Analysis,
    here: &[&crate::model::Action],
) -> (Vec<Phrase>, Vec<EvaluationLine>) {
    let mut q3 = Vec::new();
    let mut evaluations = Vec::new();
    for x in here {
        match evaluate(d, a, &x.key, EvaluationSettings::default()) {
            Ok(e) => evaluations.push(EvaluationLine {
                action: x.key.clone(),
                before: e.target.before,
                after: e.target.after,
                rate_ratio: e.rate_ratios.target.ratio.clone(),
                reading: e.reading,
            }),
            Err(err) => q3.push(Phrase::from(format!("{}: {err}", x.key))),
        }
    }
    if here.is_empty() {
        q3.push(Phrase::text("no action at this place to evaluate yet"));
    }
    (q3, evaluations)
}
