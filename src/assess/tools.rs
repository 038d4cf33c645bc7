//! The catalogue's tools as an assessment lists them: which apply (in force, every
//! condition met), which may apply once a gap in the data is checked, and which would
//! apply but are not in force — each with why, the evidence it needs, what the records
//! already show, and who leads; and the partners they point to.

use crate::model::disclosure::Records;
use crate::model::{Agency, Dataset, EventIndex};
use crate::toolkit::{
    Applicability, Catalogue, Evidence, Indicated, Subject, ToolTarget, Verdict, consider_all,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A tool, as an assessment lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ToolFinding {
    /// `L04`, …
    pub id: String,
    /// Name.
    pub name: String,
    /// What it acts on.
    pub target: ToolTarget,
    /// The law and section.
    pub law: String,
    /// Where the law runs, in words ("England and Wales", "England only").
    pub jurisdiction: &'static str,
    /// `in_force`, …
    pub status: &'static str,
    /// Who leads.
    pub lead_agency: Agency,
    /// Who else to involve.
    pub partners: Vec<Agency>,
    /// Who can apply or decide.
    pub who_can_apply: String,
    /// The standard of proof.
    pub standard_of_proof: String,
    /// What it can impose, and for how long.
    pub imposes: String,
    /// Why it applies: each condition that holds.
    pub why: Vec<String>,
    /// What to check first: each condition the data cannot settle.
    pub to_check: Vec<String>,
    /// What the decision-maker needs.
    pub evidence_needed: String,
    /// What the engine's data can show towards it.
    pub data_helps: String,
    /// Matching events in the tool's window.
    pub evidence: Option<Evidence>,
    /// Those events (record level: not for partners).
    pub event_refs: Records<Vec<String>>,
    /// Records that raised the tool to "check first" although none carries the
    /// category its evidence condition asks for (children found or seen repeatedly, at
    /// night, with persons of concern).
    pub indicators: Option<Indicated>,
    /// Those records (record level: not for partners).
    pub indicator_refs: Records<Vec<String>>,
    /// A fact about the tool still to verify.
    pub verify_note: Option<String>,
    /// Why it cannot be used today, if it cannot.
    pub unavailable: Option<&'static str>,
}

/// Tools sorted by what an assessment does with them.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// In force, every condition met.
    pub applicable: Vec<ToolFinding>,
    /// In force, no condition fails, some cannot be settled from the data.
    pub to_check: Vec<ToolFinding>,
    /// Would apply, but not in force.
    pub unavailable: Vec<ToolFinding>,
}

/// Every tool of the subject's kind, considered and sorted.
pub fn findings(
    catalogue: &Catalogue,
    d: &Dataset,
    subject: &Subject,
    index: &EventIndex,
) -> Findings {
    let mut f = Findings::default();
    for a in consider_all(&catalogue.tools, d, subject, index) {
        if a.verdict == Verdict::Fails {
            continue;
        }
        let line = finding(&a, d);
        match (a.tool.status.available(), a.verdict) {
            (true, Verdict::Holds) => f.applicable.push(line),
            (true, _) => f.to_check.push(line),
            (false, _) => f.unavailable.push(line),
        }
    }
    f
}

/// Why a tool the catalogue sets no condition for is listed.
pub const NO_CONDITION: &str =
    "no condition in the catalogue limits it; whether it fits rests on the evidence needed";

fn finding(a: &Applicability, d: &Dataset) -> ToolFinding {
    let t = a.tool;
    let details = |v: Verdict| {
        a.checks
            .iter()
            .filter(|c| c.verdict == v)
            .map(|c| c.detail.clone())
            .collect::<Vec<_>>()
    };
    ToolFinding {
        id: t.id.clone(),
        name: t.name.clone(),
        target: t.target,
        law: if t.section.is_empty() {
            t.legislation.clone()
        } else {
            format!("{} {}", t.legislation, t.section)
        },
        jurisdiction: t.jurisdiction.in_words(),
        status: t.status.as_str(),
        lead_agency: t.lead_agency,
        partners: t.partners.clone(),
        who_can_apply: t.who_can_apply.clone(),
        standard_of_proof: t.standard_of_proof.clone(),
        imposes: format!("{} ({})", t.imposes, t.duration),
        why: {
            let why = details(Verdict::Holds);
            // A tool with no condition in the catalogue (a trespass letter) would
            // otherwise read as applying for no reason at all.
            if why.is_empty() && a.checks.is_empty() {
                vec![NO_CONDITION.to_string()]
            } else {
                why
            }
        },
        to_check: details(Verdict::Unknown),
        evidence_needed: t.evidence_needed.clone(),
        data_helps: t.data_helps.clone(),
        evidence: a.evidence.clone(),
        event_refs: Records(
            a.evidence
                .as_ref()
                .map(|e| {
                    e.event_ids
                        .iter()
                        .map(|id| d.events[id.index()].key.to_string())
                        .collect()
                })
                .unwrap_or_default(),
        ),
        indicators: a.indicators.clone(),
        indicator_refs: Records(
            a.indicators
                .as_ref()
                .map(|i| {
                    i.event_ids
                        .iter()
                        .map(|id| d.events[id.index()].key.to_string())
                        .collect()
                })
                .unwrap_or_default(),
        ),
        verify_note: t.verify.then(|| t.verify_note.clone()),
        unavailable: t.status.why_unavailable(),
    }
}

/// A partner to involve, and the tools that point to them.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerNeed {
    /// The agency.
    pub agency: Agency,
    /// Why: tool ids that they lead or partner, and other reasons.
    pub why: Vec<String>,
}

/// The partners seed 004 names for location work (and the police), each with the tools
/// that point to them; other agencies the tools name are added after.
pub const LOCATION_PARTNERS: [Agency; 6] = [
    Agency::Police,
    Agency::Asb,
    Agency::Licensing,
    Agency::TradingStandards,
    Agency::Housing,
    Agency::YouthOutreach,
];

/// The partners the tools point to. `young_people` adds Youth Outreach when children or
/// peers are recorded at the place.
pub fn partners_for(
    applicable: &[ToolFinding],
    to_check: &[ToolFinding],
    young_people: bool,
) -> Vec<PartnerNeed> {
    let mut why: BTreeMap<Agency, Vec<String>> =
        LOCATION_PARTNERS.iter().map(|&a| (a, Vec::new())).collect();
    for f in applicable.iter().chain(to_check) {
        why.entry(f.lead_agency)
            .or_default()
            .push(format!("leads {}", f.id));
        for &p in &f.partners {
            why.entry(p)
                .or_default()
                .push(format!("partner in {}", f.id));
        }
    }
    if young_people {
        why.entry(Agency::YouthOutreach)
            .or_default()
            .push("children or peers are recorded here".to_string());
    }
    let mut out: Vec<PartnerNeed> = LOCATION_PARTNERS
        .iter()
        .map(|a| PartnerNeed {
            agency: *a,
            why: why.remove(a).unwrap_or_default(),
        })
        .collect();
    // The others the tools name, by name.
    let mut others: Vec<PartnerNeed> = why
        .into_iter()
        .map(|(agency, why)| PartnerNeed { agency, why })
        .collect();
    others.sort_by_key(|p| p.agency.as_str());
    out.extend(others);
    out
}
