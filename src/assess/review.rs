//! Plan review: the seed's reflective questions answered with numbers. How much of the
//! plan rests on the child or family rather than on offenders and places; which tools
//! apply to the case's people and places but are not in it; which partners are missing;
//! which looked-after children need the agreement the local procedure names
//! (`[local] looked_after_agreement` in the catalogue); which returns from missing
//! episodes have no same-day contact or return home interview recorded; which actions
//! have no outcome measure.

use super::evaluate::{EvaluationSettings, baseline};
use super::returns::returns_indexed;
use super::tools::findings;
use crate::model::disclosure::{Count, Phrase, Records};
use crate::model::{Agency, Dataset, PersonId, PlaceId, Role, TargetType};
use crate::pipeline::Analysis;
use crate::toolkit::{Catalogue, Subject};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// When more than this share of the actions aim at the child or family, the plan is
/// flagged as relying on the child.
pub const RELIANCE_SHARE: f64 = 0.5;

/// The plan by target.
#[derive(Debug, Clone, Serialize)]
pub struct Balance {
    /// Actions in the plan.
    pub actions: usize,
    /// Aimed at offenders.
    pub offender: usize,
    /// Aimed at the child or family.
    pub victim: usize,
    /// Aimed at places.
    pub location: usize,
    /// Share aimed at the child or family, `[0, 1]`.
    pub victim_share: f64,
    /// More than [`RELIANCE_SHARE`] of the plan aims at the child or family.
    pub relies_on_child: bool,
}

/// A person or a place a tool applies to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Who {
    /// A person (shown as the audience may see them).
    Person(PersonId),
    /// A place (`place_id`).
    Place(String),
}

/// A tool that applies to the case but is not in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Unused {
    /// Tool id.
    pub id: String,
    /// What it acts on.
    pub target: crate::toolkit::ToolTarget,
    /// Name.
    pub name: String,
    /// Who leads it.
    pub lead_agency: Agency,
    /// People or places it applies to.
    pub applies_to: Count,
    /// Which (record level: not for partners).
    pub subjects: Records<Vec<Who>>,
}

/// An action with no outcome measure.
#[derive(Debug, Clone, Serialize)]
pub struct Unmeasured {
    /// `action_id`.
    pub action: String,
    /// Why it cannot be measured.
    pub why: String,
}

/// The case's children's returns from missing episodes: how many have a same-day
/// contact and a return home interview recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnsReview {
    /// Returns (found records) of the case's children.
    pub returns: Count,
    /// Of them, with no same-day contact recorded (and the day has passed).
    pub without_same_day_contact: Count,
    /// Of them, with no return home interview recorded within 72 hours (and the 72
    /// hours have passed).
    pub without_return_interview: Count,
    /// The found records with a gap, each with its gaps (record level: not for
    /// partners).
    pub gaps: Records<Vec<String>>,
}

/// The plan review.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReview {
    /// As-of date.
    pub as_of: String,
    /// The plan's balance.
    pub balance: Balance,
    /// People and places in the case: targets of the plan, the persons of concern
    /// within two ties of its children, and the places its children are found at.
    pub case_people: Count,
    /// Places in the case.
    pub case_places: usize,
    /// Tools that apply to the case but are not in the plan.
    pub unused_tools: Vec<Unused>,
    /// Agencies leading applicable tools that no action involves.
    pub missing_partners: Vec<Agency>,
    /// Agencies in the plan.
    pub plan_agencies: Vec<String>,
    /// Looked-after children in the case.
    pub looked_after: Count,
    /// The local procedure for looked-after children, if the catalogue sets one
    /// ("local procedure (not law): … needs the Deputy Director of Children's Social
    /// Care to agree").
    pub looked_after_rule: Option<String>,
    /// Which (record level: not for partners).
    pub looked_after_children: Records<Vec<PersonId>>,
    /// Actions aimed at looked-after children.
    pub actions_needing_agreement: Vec<String>,
    /// Returns from missing episodes of the case's children, and their gaps.
    pub returns: ReturnsReview,
    /// Actions without an outcome measure.
    pub unmeasured: Vec<Unmeasured>,
    /// The findings as sentences (counts in them are cut like every count).
    pub findings: Vec<Phrase>,
}

/// Reviews the plan (the dataset's actions) against the case.
pub fn review(d: &Dataset, a: &Analysis, catalogue: &Catalogue) -> PlanReview {
    let balance = balance(d);
    let case = case(d, a);
    let applies = applicable_tools(d, a, catalogue, &case);
    let unused_tools = unused_tools(d, catalogue, &applies);
    let plan_agencies: BTreeSet<String> =
        d.actions.iter().filter_map(|x| x.agency.clone()).collect();
    let missing_partners = missing_partners(&plan_agencies, &applies);
    let lac: Vec<PersonId> = case
        .children
        .iter()
        .copied()
        .filter(|c| d.people[c.index()].looked_after == Some(true))
        .collect();
    let returns_review = returns_review(d, a, &case.children);
    let looked_after_rule = catalogue.local.looked_after_rule();
    let actions_needing_agreement: Vec<String> = d
        .actions
        .iter()
        .filter(|x| x.target.person().is_some_and(|p| lac.contains(&p)))
        .map(|x| x.key.clone())
        .collect();
    let unmeasured = unmeasured(d, a);
    let sentences = review_sentences(&ReviewFacts {
        balance: &balance,
        unused_tools: &unused_tools,
        missing_partners: &missing_partners,
        lac: &lac,
        looked_after_rule: &looked_after_rule,
        returns: &returns_review,
        unmeasured: &unmeasured,
    });
    PlanReview {
        as_of: d.as_of.0.to_string(),
        balance,
        case_people: Count((case.children.len() + case.pocs.len()) as u64),
        case_places: case.places.len(),
        unused_tools,
        missing_partners,
        plan_agencies: plan_agencies.into_iter().collect(),
        looked_after: Count(lac.len() as u64),
        looked_after_children: Records(lac),
        looked_after_rule,
        returns: returns_review,
        actions_needing_agreement,
        unmeasured,
        findings: sentences,
    }
}

/// Counts the plan's actions by target, and whether it leans on the child.
fn balance(d: &Dataset) -> Balance {
    let kinds: Vec<TargetType> = d.actions.iter().map(|x| x.target.kind()).collect();
    let n = kinds.len();
    let count = |k: TargetType| kinds.iter().filter(|x| **x == k).count();
    let victim = count(TargetType::Victim);
    let victim_share = if n > 0 { victim as f64 / n as f64 } else { 0.0 };
    Balance {
        actions: n,
        offender: count(TargetType::Offender),
        victim,
        location: count(TargetType::Location),
        victim_share,
        relies_on_child: n > 0 && victim_share > RELIANCE_SHARE,
    }
}

/// The case's children, persons of concern and places.
struct Case {
    /// Children the plan targets.
    children: BTreeSet<PersonId>,
    /// Persons of concern targeted, or within two ties of a targeted child.
    pocs: BTreeSet<PersonId>,
    /// Places targeted, or where a targeted child was found after going missing.
    places: BTreeSet<PlaceId>,
}

/// The case: the plan's targets, the children's persons of concern within two ties,
/// and the places the children were found at.
fn case(d: &Dataset, a: &Analysis) -> Case {
    let mut children: BTreeSet<PersonId> = BTreeSet::new();
    let mut pocs: BTreeSet<PersonId> = BTreeSet::new();
    let mut places: BTreeSet<PlaceId> = BTreeSet::new();
    for x in &d.actions {
        match x.target.kind() {
            TargetType::Victim => children.extend(x.target.person()),
            TargetType::Offender => pocs.extend(x.target.person()),
            TargetType::Location => places.extend(x.target.place()),
        }
    }
    let g = &a.network.network.persons;
    for &c in &children {
        for &w in g.neighbours(c.index()) {
            let w = PersonId(w);
            if d.people[w.index()].role == Role::Perpetrator {
                pocs.insert(w);
            }
            for &x in g.neighbours(w.index()) {
                if d.people[x as usize].role == Role::Perpetrator {
                    pocs.insert(PersonId(x));
                }
            }
        }
        for (place, evs) in a.network.network.places_of(c) {
            if evs
                .iter()
                .any(|e| d.events[e.index()].kind == crate::model::EventKind::MissingFound)
            {
                places.insert(place);
            }
        }
    }
    Case {
        children,
        pocs,
        places,
    }
}

/// Applicable tools by id: name, lead agency, and whom in the case each applies to.
type Applies = BTreeMap<String, (String, Agency, Vec<Who>)>;

/// Which tools apply to whom among the case's people and places.
fn applicable_tools(d: &Dataset, a: &Analysis, catalogue: &Catalogue, case: &Case) -> Applies {
    let mut applies: Applies = BTreeMap::new();
    let mut note = |id: &str, name: &str, lead: Agency, who: Who| {
        let entry = applies
            .entry(id.to_string())
            .or_insert_with(|| (name.to_string(), lead, Vec::new()));
        if !entry.2.contains(&who) {
            entry.2.push(who);
        }
    };
    for &p in &case.pocs {
        let tied = a.network.network.children_tied(d, p);
        let s = Subject::PersonOfConcern(p, &tied);
        for f in findings(catalogue, d, &s, &a.events).applicable {
            note(&f.id, &f.name, f.lead_agency, Who::Person(p));
        }
    }
    for &c in &case.children {
        let s = Subject::Child(c);
        for f in findings(catalogue, d, &s, &a.events).applicable {
            note(&f.id, &f.name, f.lead_agency, Who::Person(c));
        }
    }
    for &pl in &case.places {
        let s = Subject::Place(pl);
        for f in findings(catalogue, d, &s, &a.events).applicable {
            note(
                &f.id,
                &f.name,
                f.lead_agency,
                Who::Place(d.places[pl.index()].key.clone()),
            );
        }
    }
    applies
}

/// Applicable tools the plan does not use, those acting on the sources of harm first.
fn unused_tools(d: &Dataset, catalogue: &Catalogue, applies: &Applies) -> Vec<Unused> {
    let used: BTreeSet<String> = d
        .actions
        .iter()
        .filter_map(|x| x.tool_id.as_deref())
        .map(str::to_uppercase)
        .collect();
    let target_of = |id: &str| {
        catalogue
            .tool(id)
            .map_or(crate::toolkit::ToolTarget::Other, |t| t.target)
    };
    let mut unused_tools: Vec<Unused> = applies
        .iter()
        .filter(|(id, _)| !used.contains(&id.to_uppercase()))
        .map(|(id, (name, lead, who))| Unused {
            id: id.clone(),
            target: target_of(id),
            name: name.clone(),
            lead_agency: *lead,
            applies_to: Count(who.len() as u64),
            subjects: Records(who.clone()),
        })
        .collect();
    // Tools that act on the sources of harm first; measures on the child last, so a
    // plan that already leans on the child is not pointed at more of the same.
    let order = |t: crate::toolkit::ToolTarget| match t {
        crate::toolkit::ToolTarget::Offender => 0,
        crate::toolkit::ToolTarget::Location => 1,
        crate::toolkit::ToolTarget::Other => 2,
        crate::toolkit::ToolTarget::Victim => 3,
    };
    unused_tools.sort_by(|a, b| order(a.target).cmp(&order(b.target)).then(a.id.cmp(&b.id)));
    unused_tools
}

/// Lead agencies of applicable tools that no agency in the plan matches.
fn missing_partners(plan_agencies: &BTreeSet<String>, applies: &Applies) -> Vec<Agency> {
    // The plan's agencies are free text as recorded ("Children's social care"): an
    // agency is in the plan when one of them names it.
    let involved = |agency: Agency| {
        let name = agency.as_str().to_lowercase();
        plan_agencies
            .iter()
            .any(|a| a.to_lowercase().contains(&name))
    };
    let mut missing: Vec<Agency> = applies
        .values()
        .map(|(_, lead, _)| *lead)
        .filter(|&lead| lead != Agency::All && !involved(lead))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    missing.sort_by_key(|a| a.as_str());
    missing
}

/// The children's returns from missing episodes and the follow-ups missing on them.
fn returns_review(d: &Dataset, a: &Analysis, children: &BTreeSet<PersonId>) -> ReturnsReview {
    let mut all_returns = Vec::new();
    for &c in children {
        all_returns.extend(returns_indexed(d, &a.events, &a.network.network.used, c));
    }
    ReturnsReview {
        returns: Count(all_returns.len() as u64),
        without_same_day_contact: Count(
            all_returns
                .iter()
                .filter(|r| r.same_day_contact.is_gap())
                .count() as u64,
        ),
        without_return_interview: Count(
            all_returns
                .iter()
                .filter(|r| r.return_interview.is_gap())
                .count() as u64,
        ),
        gaps: Records(all_returns.iter().flat_map(|r| r.gaps()).collect()),
    }
}

/// Actions with no outcome measure, each with why it cannot be measured.
fn unmeasured(d: &Dataset, a: &Analysis) -> Vec<Unmeasured> {
    d.actions
        .iter()
        .filter_map(|x| {
            let why = match baseline(d, a, &x.key, EvaluationSettings::default()) {
                Err(e) => e.to_string(),
                Ok(0) => {
                    "no events in the target in the 90 days before it started: no baseline to measure a change against".to_string()
                }
                Ok(_) => return None,
            };
            Some(Unmeasured {
                action: x.key.clone(),
                why,
            })
        })
        .collect()
}

/// What the review found, for writing as sentences.
struct ReviewFacts<'a> {
    balance: &'a Balance,
    unused_tools: &'a [Unused],
    missing_partners: &'a [Agency],
    lac: &'a [PersonId],
    looked_after_rule: &'a Option<String>,
    returns: &'a ReturnsReview,
    unmeasured: &'a [Unmeasured],
}

/// The review's findings as sentences, in the order the review reads them.
fn review_sentences(f: &ReviewFacts) -> Vec<Phrase> {
    let mut sentences: Vec<Phrase> = Vec::new();
    if f.balance.relies_on_child {
        sentences.push(Phrase::from(format!(
            "{:.0}% of the plan's actions are aimed at the child or family: the plan relies mostly on the child",
            100.0 * f.balance.victim_share
        )));
    }
    if f.balance.actions == 0 {
        sentences.push(Phrase::text(
            "no actions are recorded: there is no plan to review",
        ));
    }
    if !f.unused_tools.is_empty() {
        sentences.push(Phrase::from(format!(
            "{} tool(s) apply to the case's people and places but are not in the plan",
            f.unused_tools.len()
        )));
    }
    if !f.missing_partners.is_empty() {
        sentences.push(Phrase::from(format!(
            "partners missing: {}",
            f.missing_partners
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if !f.lac.is_empty() {
        sentences.push(Phrase::from(match f.looked_after_rule {
            Some(rule) => format!("looked-after children are in the case: {rule}"),
            None => "looked-after children are in the case: check each one's legal status before any tool that turns on it".to_string(),
        }));
    }
    if f.returns.without_same_day_contact.0 > 0 || f.returns.without_return_interview.0 > 0 {
        sentences.push(Phrase::text(
            "returns from missing episodes without a same-day contact or a return home interview recorded: see 'After missing episodes'",
        ));
    }
    if !f.unmeasured.is_empty() {
        sentences.push(
            Phrase::default()
                .count(f.unmeasured.len() as u64)
                .then(" action(s) have no outcome measure"),
        );
    }
    sentences
}
