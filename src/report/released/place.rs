//! A location-based risk assessment as released (a mirror of
//! [`crate::assess::PlaceAssessment`]).

use super::{PartnerNeed, Question, Shown, ToolFinding};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A location-based risk assessment, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// The radius for nearby places and guardianship, metres.
    pub radius_m: f64,
    /// Places within the radius, nearest first.
    pub nearby: Vec<Nearby>,
    /// Guardianship and protective factors.
    pub guardianship: Guardianship,
    /// Tools that apply.
    pub tools: Vec<ToolFinding>,
    /// Tools that may apply once checked.
    pub tools_to_check: Vec<ToolFinding>,
    /// Tools that would apply but are not in force.
    pub unavailable: Vec<ToolFinding>,
    /// Offender tools for persons of concern linked here: id, name, how many people.
    pub offender_tools: Vec<(String, String, Shown)>,
    /// Partners to involve.
    pub partners: Vec<PartnerNeed>,
    /// The reflective questions.
    pub questions: Vec<Question>,
    /// The place's trend, when trends were computed.
    #[serde(default)]
    pub trend: Option<PlaceTrendView>,
}

/// What the place is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceFacts {
    /// `place_id`.
    pub place_id: String,
    /// Name, if recorded.
    pub name: Option<String>,
    /// Kind (`hotel`, …).
    pub kind: String,
    /// Ward or neighbourhood.
    pub area: Option<String>,
    /// Holds a premises licence; none: not recorded.
    pub licensed: Option<bool>,
    /// British National Grid, metres.
    pub easting: f64,
    /// British National Grid, metres.
    pub northing: f64,
}

/// The place's hotspot score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreView {
    /// Rank among all places.
    pub rank: usize,
    /// Places ranked.
    pub of: usize,
    /// The total, points (none where withheld).
    pub total: Option<f64>,
    /// Its components.
    pub components: Vec<ComponentLine>,
    /// Events that counted.
    pub events: Shown,
    /// Gi* z of the place's cell (none where not a number).
    pub cell_gi_z: Option<f64>,
    /// Whether that cell is a significant hot spot.
    pub cell_hot: bool,
}

/// One component of the hotspot score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentLine {
    /// Its name.
    pub name: String,
    /// Its points (none where withheld).
    pub points: Option<f64>,
    /// What it measures.
    pub meaning: String,
}

/// The trend of the place's score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceTrendView {
    /// `rising`, `steady` or `falling`.
    pub direction: String,
    /// The number of steps.
    pub steps: usize,
    /// The length of a step, days.
    pub step_days: u32,
    /// The last day of the first step.
    pub from: String,
    /// The last day of the last step.
    pub to: String,
    /// Mann–Kendall z.
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p: Option<f64>,
    /// Kendall's tau.
    pub tau: Option<f64>,
    /// Sen's slope, points per step.
    pub slope: Option<f64>,
}

/// When things happen at the place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// Events by month (`2026-03`).
    pub by_month: BTreeMap<String, Shown>,
    /// Events by weekday (Monday first) and hour.
    pub hour_weekday: Vec<Vec<Shown>>,
    /// The busiest weekday and hour.
    pub busiest: Option<String>,
    /// Share of events between 18:00 and 06:00 (none where withheld).
    pub night_share: Option<f64>,
    /// Every event, in time order (none for partners).
    pub events: Option<Vec<EventLine>>,
}

/// One event on the timeline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventLine {
    /// `event_id`.
    pub event_id: String,
    /// When.
    pub when: String,
    /// Kind.
    pub kind: String,
    /// Category.
    pub category: Option<String>,
    /// Grading.
    pub grading: Option<String>,
    /// Source system.
    pub source: Option<String>,
}

/// The people linked to the place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linked {
    /// Children recorded there.
    pub children: Shown,
    /// Peers recorded there.
    pub peers: Shown,
    /// Persons of concern recorded there.
    pub persons_of_concern: Shown,
    /// Children and persons of concern seen together (pairs).
    pub co_present_pairs: Shown,
    /// Peer groups meeting there.
    pub peer_groups: usize,
    /// Who (none for partners).
    pub who: Option<LinkedPeople>,
}

/// Who is linked, by label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedPeople {
    /// Children.
    pub children: Vec<String>,
    /// Peers.
    pub peers: Vec<String>,
    /// Persons of concern, with their rank among persons of concern.
    pub persons_of_concern: Vec<(String, Option<usize>)>,
}

/// A place nearby.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nearby {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Distance, metres.
    pub distance_m: f64,
    /// Its rank.
    pub rank: usize,
    /// Its score (none where withheld).
    pub total: Option<f64>,
}

/// Guardianship and protective factors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guardianship {
    /// Youth clubs within the radius.
    pub youth_clubs: Vec<String>,
    /// Schools within the radius.
    pub schools: Vec<String>,
    /// Trusted adults and professionals recorded there.
    pub protective_adults_seen: Shown,
    /// Who (none for partners).
    pub who: Option<Vec<String>>,
    /// Gaps.
    pub gaps: Vec<String>,
}
