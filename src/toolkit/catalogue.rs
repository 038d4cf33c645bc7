//! The disruption tool catalogue as data (`datasets/toolkit/catalogue.toml`): every
//! offender, victim, location and other tool of docs/domain.md §2, with its law, who
//! applies, the standard of proof, what it can impose, who leads, whether it is in force,
//! and the conditions under which it applies — versioned, because the law moves.

use crate::model::{Agency, CareStatus, EventKind, PlaceKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The catalogue compiled into the binary.
pub const BUNDLED: &str = include_str!("../../datasets/toolkit/catalogue.toml");

/// Why a catalogue could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not valid TOML, or a key or value outside the schema.
    #[error("the tool catalogue is not valid: {0} (see datasets/toolkit/README.md for the schema)")]
    Parse(String),
    /// A structural problem: duplicate id, unknown source key, empty field.
    #[error("the tool catalogue is not valid: tool {id}: {problem}")]
    Tool {
        /// The tool.
        id: String,
        /// What is wrong.
        problem: String,
    },
}

/// Who or what a tool acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolTarget {
    /// A person of concern.
    Offender,
    /// The child (protective and welfare measures).
    Victim,
    /// A place.
    Location,
    /// Neither (information sharing, say).
    Other,
}

impl ToolTarget {
    /// `offender`, `victim`, `location` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToolTarget::Offender => "offender",
            ToolTarget::Victim => "victim",
            ToolTarget::Location => "location",
            ToolTarget::Other => "other",
        }
    }
}

/// Whether a tool can be used today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force.
    InForce,
    /// Practice without a statute of its own (a CAWN, Operation Makesafe).
    NonStatutory,
    /// Enacted, but whether it has been brought into force is not confirmed.
    EnactedCommencementUnconfirmed,
    /// Piloted; the pilot ended with no national roll-out found.
    PilotEnded,
}

impl Status {
    /// Whether the tool can be used (in force, or non-statutory practice).
    pub fn available(self) -> bool {
        matches!(self, Status::InForce | Status::NonStatutory)
    }

    /// `in_force`, `non_statutory`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::NonStatutory => "non_statutory",
            Status::EnactedCommencementUnconfirmed => "enacted_commencement_unconfirmed",
            Status::PilotEnded => "pilot_ended",
        }
    }

    /// Why an unavailable tool cannot be used, in words.
    pub fn why_unavailable(self) -> Option<&'static str> {
        match self {
            Status::EnactedCommencementUnconfirmed => {
                Some("enacted, but commencement is not confirmed: check before use")
            }
            Status::PilotEnded => {
                Some("piloted only; the pilot has ended and no national roll-out was found")
            }
            Status::InForce | Status::NonStatutory => None,
        }
    }
}

/// Where a tool's law runs. Most of the catalogue is the law of England and Wales; some
/// instruments (statutory guidance of the Department for Education, the secure
/// accommodation provisions of the Children Act 1989) are England's alone, with Welsh
/// equivalents under the Social Services and Well-being (Wales) Act 2014.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// England only.
    England,
    /// Wales only.
    Wales,
    /// England and Wales.
    EnglandAndWales,
}

impl Jurisdiction {
    /// `england`, `wales` or `england_and_wales`.
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::England => "england",
            Jurisdiction::Wales => "wales",
            Jurisdiction::EnglandAndWales => "england_and_wales",
        }
    }

    /// In words: "England only", "Wales only", "England and Wales".
    pub fn in_words(self) -> &'static str {
        match self {
            Jurisdiction::England => "England only",
            Jurisdiction::Wales => "Wales only",
            Jurisdiction::EnglandAndWales => "England and Wales",
        }
    }
}

/// Events a tool's decision-maker would rely on, in a window before as-of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventCondition {
    /// Any of these categories (empty: any category).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Any of these kinds (empty: any kind).
    #[serde(default)]
    pub kinds: Vec<EventKind>,
    /// Only events in the last this many days.
    pub within_days: u32,
    /// At least this many.
    pub min: usize,
}

/// An age and care condition on a person: all fields present must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeCare {
    /// At least this old, whole years at as-of.
    pub min_age: Option<i32>,
    /// At most this old, whole years at as-of (`15`: under 16).
    pub max_age: Option<i32>,
    /// Looked after (in care or accommodated), or not.
    pub looked_after: Option<bool>,
    /// The child's legal status is one of these (a care order, an emergency protection
    /// order, …). A child recorded only as looked after, with no status, is a check:
    /// looked after includes accommodation under CA 1989 s.20, which no order gives.
    #[serde(default)]
    pub care_status: Vec<CareStatus>,
}

/// Records that point to a tool even when none carries the category its evidence
/// condition asks for: children found or seen at the place repeatedly, at night, or
/// with persons of concern (in real records, found-at records and sightings rarely
/// carry a category). They can raise a tool to "check first", never to "applies".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCondition {
    /// Records of these kinds involving a child (empty: `missing_found` and `sighting`).
    #[serde(default)]
    pub kinds: Vec<EventKind>,
    /// Only records in the last this many days.
    pub within_days: u32,
    /// The same child found or seen here at least this many times is an indicator.
    pub repeated: usize,
    /// A record at night (22:00 to 05:59, local time as written) is an indicator.
    pub night: bool,
    /// A person of concern recorded with the child (the same record, or at the place
    /// within 3 hours) is an indicator.
    pub with_person_of_concern: bool,
    /// What the decision-maker must establish from them, in words ("that the premises
    /// are used for child sexual exploitation").
    pub must_establish: String,
}

/// When a tool applies. Every condition present must hold; within a list, any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The place is one of these kinds.
    #[serde(default)]
    pub place_kinds: Vec<PlaceKind>,
    /// The place holds (or does not hold) a premises licence.
    pub licensed: Option<bool>,
    /// Events at the place, or involving the person, in a window.
    pub events: Option<EventCondition>,
    /// The child meets one of these.
    #[serde(default)]
    pub child: Vec<AgeCare>,
    /// The person of concern meets one of these.
    #[serde(default)]
    pub person: Vec<AgeCare>,
    /// Facts the tool needs that the data contract does not record (a taxi licence, a
    /// conviction, a tenancy), in words. Each is a check the data can never settle, so a
    /// tool with any is at best "to check", never "applies", on records alone.
    #[serde(default)]
    pub unrecorded: Vec<String>,
    /// Records that raise the tool to "check first" when the evidence condition fails.
    pub indicators: Option<IndicatorCondition>,
}

/// One disruption tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// `O01`, `L04`, …
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it acts on.
    pub target: ToolTarget,
    /// The area of the Home Office toolkit (our mapping).
    pub toolkit_area: String,
    /// The Act, or "Non-statutory".
    pub legislation: String,
    /// The section(s).
    pub section: String,
    /// Where its law runs.
    pub jurisdiction: Jurisdiction,
    /// Who can apply or decide.
    pub who_can_apply: String,
    /// The standard of proof.
    pub standard_of_proof: String,
    /// What it can impose.
    pub imposes: String,
    /// How long it lasts.
    pub duration: String,
    /// The agency that usually leads.
    pub lead_agency: Agency,
    /// Other agencies to involve.
    pub partners: Vec<Agency>,
    /// `proactive`, `reactive` or `both`.
    pub proactive: String,
    /// Whether it can be used today.
    pub status: Status,
    /// Whether a fact about it is still unverified.
    pub verify: bool,
    /// What is unverified.
    pub verify_note: String,
    /// Source keys (see [`Catalogue::sources`]).
    pub sources: Vec<String>,
    /// What the decision-maker needs.
    pub evidence_needed: String,
    /// What the engine's data can show towards it.
    pub data_helps: String,
    /// When it applies.
    #[serde(default)]
    pub applies: Conditions,
}

/// The catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Its version.
    pub version: String,
    /// The date of its legal snapshot.
    pub as_of: String,
    /// What it was compiled from.
    pub basis: String,
    /// Source keys and their titles.
    pub sources: BTreeMap<String, String>,
    /// Local procedures: one partnership's rules, not law.
    #[serde(default)]
    pub local: Local,
    /// The tools.
    #[serde(rename = "tool")]
    pub tools: Vec<Tool>,
}

/// Local procedures a partnership adds to the law (`[local]`), shown as local rules,
/// never as law.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Local {
    /// Who must agree any disruption activity involving a looked-after child (seed 000:
    /// "the Deputy Director of Children's Social Care"). Absent: no such rule.
    pub looked_after_agreement: Option<String>,
}

impl Local {
    /// The local rule for looked-after children as a sentence, if there is one.
    pub fn looked_after_rule(&self) -> Option<String> {
        self.looked_after_agreement.as_ref().map(|who| {
            format!(
                "local procedure (not law): disruption involving a looked-after child needs the {who} to agree"
            )
        })
    }
}

impl Catalogue {
    /// The catalogue compiled into the binary.
    ///
    /// # Errors
    /// Never for a released build (a test parses it); [`CatalogueError`] otherwise.
    pub fn bundled() -> Result<Self, CatalogueError> {
        Self::from_toml(BUNDLED)
    }

    /// A catalogue from TOML, checked: ids unique, every source key defined, agencies
    /// from [`Agency`] (checked as the TOML is read), no empty names.
    ///
    /// # Errors
    /// [`CatalogueError`] naming the tool and the problem.
    pub fn from_toml(text: &str) -> Result<Self, CatalogueError> {
        let c: Catalogue =
            toml::from_str(text).map_err(|e| CatalogueError::Parse(e.to_string()))?;
        let mut seen = std::collections::BTreeSet::new();
        for t in &c.tools {
            let bad = |problem: String| CatalogueError::Tool {
                id: t.id.clone(),
                problem,
            };
            if !seen.insert(t.id.as_str()) {
                return Err(bad("the id is used twice".into()));
            }
            if t.name.trim().is_empty() {
                return Err(bad("no name".into()));
            }
            for s in &t.sources {
                if !c.sources.contains_key(s) {
                    return Err(bad(format!("source {s} is not in [sources]")));
                }
            }
            if t.verify && t.verify_note.trim().is_empty() {
                return Err(bad("verify = true needs a verify_note saying what".into()));
            }
            if !t.verify && !t.verify_note.trim().is_empty() {
                return Err(bad(
                    "a verify_note with verify = false: set verify = true or clear the note".into(),
                ));
            }
            if t.sources.is_empty() {
                return Err(bad("no source key: every fact needs one".into()));
            }
            if let Some(i) = &t.applies.indicators {
                if t.applies.events.is_none() {
                    return Err(bad(
                        "indicators raise a tool whose evidence condition fails; add [tool.applies.events]"
                            .into(),
                    ));
                }
                if i.must_establish.trim().is_empty() {
                    return Err(bad("indicators need must_establish".into()));
                }
            }
        }
        Ok(c)
    }

    /// The tool with this id (case-insensitive).
    pub fn tool(&self, id: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id.eq_ignore_ascii_case(id))
    }
}
