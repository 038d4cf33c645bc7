//! The location-based risk assessment (docs/domain.md §3–4; seed 004): what a place is,
//! what happens there and when, who is linked to it (counts; identities only where the
//! audience may see them), the places around it, guardianship, every disruption tool whose
//! conditions hold with the evidence it needs and what the records already show, the
//! partners to involve, and the reflective questions answered from the data.
//!
//! The assessment is built once, with every person, count and record reference typed,
//! and cut for the audience when written (see [`crate::privacy::release`]).
//!
//! This file holds the assessment as a whole and its assembly; the score, the timeline,
//! the people linked, the surroundings and the reflective questions each have a file of
//! their own.

mod linked;
mod questions;
mod score;
mod surroundings;
mod timeline;

pub use linked::{Linked, LinkedPeople};
pub use questions::{EvaluationLine, Question, REFLECTIVE_QUESTIONS};
pub use score::{ComponentLine, ScoreView, shown_components, shown_total};
pub use surroundings::{Guardianship, Nearby};
pub use timeline::{EventLine, Timeline};

use linked::{linked, linked_children, offender_tools};
use questions::questions;
use score::score_view;
use surroundings::{guardianship, nearby};
use timeline::timeline;

use super::tools::{PartnerNeed, ToolFinding, findings, partners_for};
use crate::model::disclosure::Count;
use crate::model::{Dataset, PlaceId, PlaceKind};
use crate::pipeline::Analysis;
use crate::toolkit::{Catalogue, Subject};
use serde::Serialize;

/// What the place is.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceFacts {
    /// `place_id`.
    pub place_id: String,
    /// Name, if recorded.
    pub name: Option<String>,
    /// Kind.
    pub kind: PlaceKind,
    /// Ward or neighbourhood.
    pub area: Option<String>,
    /// Holds a premises licence; `None`: not recorded.
    pub licensed: Option<bool>,
    /// British National Grid, metres.
    pub easting: f64,
    /// British National Grid, metres.
    pub northing: f64,
}

/// A location-based risk assessment.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceAssessment {
    /// The date analysis is as of.
    pub as_of: String,
    /// The catalogue version used.
    pub catalogue: String,
    /// What the place is.
    pub place: PlaceFacts,
    /// Its hotspot score.
    pub score: ScoreView,
    /// When things happen there.
    pub timeline: Timeline,
    /// Who is linked to it.
    pub linked: Linked,
    /// The radius used for nearby places and guardianship, metres.
    pub radius_m: f64,
    /// Places within the radius, nearest first.
    pub nearby: Vec<Nearby>,
    /// Guardianship and protective factors.
    pub guardianship: Guardianship,
    /// Tools whose conditions hold and that are in force.
    pub tools: Vec<ToolFinding>,
    /// Tools that may apply once a gap in the data is checked.
    pub tools_to_check: Vec<ToolFinding>,
    /// Tools whose conditions hold but that are not in force (mentioned only as
    /// unavailable).
    pub unavailable: Vec<ToolFinding>,
    /// Offender tools that apply to persons of concern linked to the place: tool and
    /// how many people.
    pub offender_tools: Vec<(String, String, Count)>,
    /// Partners to involve, and why.
    pub partners: Vec<PartnerNeed>,
    /// The reflective questions, answered from the data.
    pub questions: Vec<Question>,
    /// Whether the place's score is rising, steady or falling, when trends were
    /// computed ([`PlaceAssessment::with_trend`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<super::PlaceTrendView>,
}

impl PlaceAssessment {
    /// The assessment with its place's trend from `trends`.
    pub fn with_trend(mut self, trends: &crate::score::PlaceTrends, place: PlaceId) -> Self {
        self.trend = Some(super::PlaceTrendView::of(trends, place));
        self
    }
}

/// Assesses the place `place`.
///
/// # Arguments
/// * `radius_m` — for nearby places and guardianship, metres.
pub fn assess_place(
    d: &Dataset,
    a: &Analysis,
    catalogue: &Catalogue,
    place: PlaceId,
    radius_m: f64,
) -> PlaceAssessment {
    let la = &a.location;
    let p = &d.places[place.index()];
    let s = la
        .score_of(place)
        .cloned()
        .unwrap_or_else(|| la.ranking[0].clone());
    let m = &s.measures;
    let score = score_view(la, &s);
    let timeline = timeline(d, a, place, &s.evidence.events);
    let linked = linked(d, a, place, m);
    let nearby = nearby(d, a, place, radius_m);
    let guardianship = guardianship(d, a, place, radius_m);
    let subject = Subject::Place(place);
    let found = findings(catalogue, d, &subject, &a.events);
    let offender_tools = offender_tools(d, a, catalogue, place);
    let partners = partners_for(&found.applicable, &found.to_check, linked_children(&linked));
    let questions = questions(d, a, place, &found.applicable, &partners);
    PlaceAssessment {
        as_of: d.as_of.0.to_string(),
        catalogue: format!("{} (as of {})", catalogue.version, catalogue.as_of),
        place: PlaceFacts {
            place_id: p.key.clone(),
            name: p.name.clone(),
            kind: p.kind,
            area: p.area.clone(),
            licensed: p.licensed,
            easting: p.location.easting,
            northing: p.location.northing,
        },
        score,
        timeline,
        linked,
        radius_m,
        nearby,
        guardianship,
        tools: found.applicable,
        tools_to_check: found.to_check,
        unavailable: found.unavailable,
        offender_tools,
        partners,
        questions,
        trend: None,
    }
}
