//! The location-based risk assessment (docs/domain.md §3–4; seed 004): what a place is,
//! what happens there and when, who is linked to it (counts; identities only where the
//! audience may see them), the places around it, guardianship, every disruption tool whose
//! conditions hold with the evidence it needs and what the records already show, the
//! partners to involve, and the reflective questions answered from the data.
//!
//! The assessment is built once, with every person, count and record reference typed,
//! and cut for the audience when written (see [`crate::privacy::release`]).

use super::evaluate::{EvaluationSettings, evaluate};
use super::tools::{PartnerNeed, ToolFinding, findings, partners_for};
use crate::model::disclosure::{Count, Derived, Phrase, Records};
use crate::model::{Dataset, EventKind, PersonId, PlaceId, PlaceKind, Role, TargetType};
use crate::pipeline::Analysis;
use crate::score::Components;
use crate::toolkit::{Catalogue, Subject};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

/// One component of the hotspot score, explained.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentLine {
    /// Its name.
    pub name: &'static str,
    /// Its points (withheld for partners where it would give a small count away).
    pub points: Derived,
    /// What it measures.
    pub meaning: &'static str,
}

/// The place's hotspot score.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    /// Rank among all places (1 = highest).
    pub rank: usize,
    /// Places ranked.
    pub of: usize,
    /// The total, points.
    pub total: Derived,
    /// Its components.
    pub components: Vec<ComponentLine>,
    /// Events that counted.
    pub events: Count,
    /// Gi* z of the place's cell (all events).
    pub cell_gi_z: f64,
    /// Whether that cell is a significant hot spot (5% false discovery rate).
    pub cell_hot: bool,
}

/// One event on the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    /// `event_id`.
    pub event_id: String,
    /// When.
    pub when: String,
    /// Kind.
    pub kind: EventKind,
    /// Category, if recorded.
    pub category: Option<String>,
    /// 3x5x2 grading, if recorded.
    pub grading: Option<String>,
    /// Source system, if recorded.
    pub source: Option<String>,
}

/// When things happen at the place.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Events by month (`2026-03`).
    pub by_month: BTreeMap<String, Count>,
    /// Events by weekday (Monday first) and hour.
    pub hour_weekday: Vec<Vec<Count>>,
    /// The busiest weekday and hour, e.g. `Fri 22:00`.
    pub busiest: Option<String>,
    /// Share of events between 18:00 and 06:00.
    pub night_share: Derived,
    /// Every event, in time order (record level: not for partners).
    pub events: Records<Vec<EventLine>>,
}

/// The people linked to the place.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    /// Children recorded at the place.
    pub children: Count,
    /// Peers recorded at the place.
    pub peers: Count,
    /// Persons of concern recorded at the place.
    pub persons_of_concern: Count,
    /// Children and persons of concern seen there together (distinct pairs).
    pub co_present_pairs: Count,
    /// Peer groups meeting there.
    pub peer_groups: usize,
    /// Who (record level: not for partners).
    pub who: Records<LinkedPeople>,
}

/// Who is linked, for analysts and strategy meetings.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedPeople {
    /// Children.
    pub children: Vec<PersonId>,
    /// Peers.
    pub peers: Vec<PersonId>,
    /// Persons of concern, with their rank among persons of concern.
    pub persons_of_concern: Vec<(PersonId, Option<usize>)>,
}

/// A place nearby.
#[derive(Debug, Clone, Serialize)]
pub struct Nearby {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: PlaceKind,
    /// Distance, metres.
    pub distance_m: f64,
    /// Its rank.
    pub rank: usize,
    /// Its score (withheld for partners where it would give a small count away).
    pub total: Derived,
}

/// Guardianship and protective factors (Contextual Safeguarding neighbourhood
/// assessment: caring adults and resources around the place).
#[derive(Debug, Clone, Serialize)]
pub struct Guardianship {
    /// Youth clubs within the radius.
    pub youth_clubs: Vec<String>,
    /// Schools within the radius.
    pub schools: Vec<String>,
    /// Trusted adults and professionals recorded at the place.
    pub protective_adults_seen: Count,
    /// Who (record level: not for partners).
    pub who: Records<Vec<PersonId>>,
    /// Gaps ("no professional recorded at the place", …).
    pub gaps: Vec<String>,
}

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

/// The score as the assessment shows it: rank, total, components with what each
/// measures, events, and the cell's Gi*.
fn score_view(la: &crate::score::LocationAnalysis, s: &crate::score::PlaceScore) -> ScoreView {
    let m = &s.measures;
    let counts = |n: usize| Count(n as u64);
    let components = shown_components(s)
        .into_iter()
        .map(|(name, points)| ComponentLine {
            name,
            points,
            meaning: component_meaning(name),
        })
        .collect();
    ScoreView {
        rank: s.rank,
        of: la.ranking.len(),
        total: shown_total(s),
        components,
        events: counts(m.events),
        cell_gi_z: s.cell_z,
        cell_hot: s.cell_hot,
    }
}

/// What each score component measures, in words.
fn component_meaning(name: &str) -> &'static str {
    match name {
        "intensity" => "weighted events at the place (kind × grading × recency), logarithmic",
        "children" => {
            "children recorded at the place, each counted up to 1 by the weight of their records there (records with no person of concern in proportion to the concern recorded at the place, and for no more children than its concern about children weighs; a child recorded there only alone counts from their second record, or from one finding them there after a missing episode, of an exploitation category or a Makesafe call)"
        }
        "persons_of_concern" => {
            "persons of concern recorded at the place with children, each counted up to 1 by the weight of those records"
        }
        "co_presence" => {
            "children and persons of concern seen together: in one record, or in different records within the co-presence window more than once"
        }
        "repeat_found" => "children found at the place after a missing episode more than once",
        "found_at_night" => "children found or seen at the place between 21:00 and 06:00",
        "found_with_person_of_concern" => {
            "children found or seen at the place in the same record as a person of concern"
        }
        "shared_person_of_concern" => {
            "several children found or seen at the place with the same person of concern"
        }
        "gi_star" => {
            "the place's area is a significant cluster of harm (Gi*, the place's own events left out)"
        }
        "peer_groups" => {
            "peer groups whose members are seen there together (in one record, or within the co-presence window more than once), in proportion to the concern about children recorded at the place"
        }
        _ => "",
    }
}

/// A place's total score, withheld from partners when a count of people behind it is
/// small (as `hotspots.csv` does).
pub fn shown_total(s: &crate::score::PlaceScore) -> Derived {
    let m = &s.measures;
    Derived {
        value: s.total,
        from: vec![
            m.children as u64,
            m.persons_of_concern as u64,
            m.pairs as u64,
            m.repeat_found as u64,
            m.found_at_night as u64,
            m.found_with_poc as u64,
            m.shared_poc_children as u64,
        ],
    }
}

/// A place's components, each withheld from partners with the count it comes from.
pub fn shown_components(s: &crate::score::PlaceScore) -> Vec<(&'static str, Derived)> {
    let m = &s.measures;
    Components::NAMES
        .iter()
        .zip(s.components.named())
        .map(|(name, (_, value))| {
            let from = match *name {
                "children" => vec![m.children as u64],
                "persons_of_concern" => vec![m.persons_of_concern as u64],
                "co_presence" => vec![m.pairs as u64],
                "repeat_found" => vec![m.repeat_found as u64],
                "found_at_night" => vec![m.found_at_night as u64],
                "found_with_person_of_concern" => vec![m.found_with_poc as u64],
                "shared_person_of_concern" => vec![m.shared_poc_children as u64],
                "intensity" => vec![m.events as u64],
                _ => vec![],
            };
            (*name, Derived { value, from })
        })
        .collect()
}

fn linked_children(l: &Linked) -> bool {
    l.children.0 > 0 || l.peers.0 > 0
}

fn timeline(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    events: &[crate::model::EventId],
) -> Timeline {
    let profile = &a.location.profiles[place.index()];
    let lines = events
        .iter()
        .map(|id| {
            let e = &d.events[id.index()];
            EventLine {
                event_id: e.key.clone(),
                when: e.occurred_at.format("%Y-%m-%d %H:%M").to_string(),
                kind: e.kind,
                category: e.category.clone(),
                grading: e.provenance.grading.map(|g| g.to_string()),
                source: e.provenance.source.clone(),
            }
        })
        .collect();
    Timeline {
        by_month: profile
            .by_month
            .iter()
            .map(|(k, &n)| (k.clone(), Count(u64::from(n))))
            .collect(),
        hour_weekday: profile
            .hour_weekday
            .iter()
            .map(|row| row.iter().map(|&n| Count(u64::from(n))).collect())
            .collect(),
        busiest: profile.busiest().map(|b| b.0),
        night_share: Derived {
            value: profile.night_share(),
            from: vec![events.len() as u64],
        },
        events: Records(lines),
    }
}

fn linked(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    m: &crate::score::hotspot::Measures,
) -> Linked {
    let net = &a.network.network;
    let mut children = Vec::new();
    let mut peers = Vec::new();
    let mut pocs = Vec::new();
    for (person, _) in net.people_at(place) {
        match d.people[person.index()].role {
            Role::Child => children.push(person),
            Role::Peer => peers.push(person),
            Role::Perpetrator => pocs.push(person),
            _ => {}
        }
    }
    let rank_of: BTreeMap<PersonId, usize> = a
        .network
        .connections
        .iter()
        .map(|s| (s.person, s.rank))
        .collect();
    let mut pocs: Vec<(PersonId, Option<usize>)> = pocs
        .into_iter()
        .map(|p| (p, rank_of.get(&p).copied()))
        .collect();
    pocs.sort_by_key(|(p, r)| (r.unwrap_or(usize::MAX), *p));
    let meeting = a
        .location
        .score_of(place)
        .map_or(0, |s| s.measures.peer_groups);
    Linked {
        children: Count(children.len() as u64),
        peers: Count(peers.len() as u64),
        persons_of_concern: Count(pocs.len() as u64),
        co_present_pairs: Count(m.pairs as u64),
        peer_groups: meeting,
        who: Records(LinkedPeople {
            children,
            peers,
            persons_of_concern: pocs,
        }),
    }
}

fn nearby(d: &Dataset, a: &Analysis, place: PlaceId, radius_m: f64) -> Vec<Nearby> {
    let la = &a.location;
    let here = d.places[place.index()].location;
    let mut v: Vec<Nearby> = la
        .index
        .within(here, radius_m)
        .into_iter()
        .filter(|(p, _)| *p != place)
        .filter_map(|(p, dist)| {
            let s = la.score_of(p)?;
            let q = &d.places[p.index()];
            Some(Nearby {
                place_id: q.key.clone(),
                name: q.name.clone(),
                kind: q.kind,
                distance_m: (dist * 10.0).round() / 10.0,
                rank: s.rank,
                total: shown_total(s),
            })
        })
        .collect();
    // Nearest first would bury the hotspots among house numbers: the ten best-ranked.
    v.sort_by(|x, y| x.rank.cmp(&y.rank).then(x.place_id.cmp(&y.place_id)));
    v.truncate(10);
    v
}

fn guardianship(d: &Dataset, a: &Analysis, place: PlaceId, radius_m: f64) -> Guardianship {
    let here = d.places[place.index()].location;
    let around = a.location.index.within(here, radius_m);
    let named = |kind: PlaceKind| -> Vec<String> {
        around
            .iter()
            .filter(|(p, _)| d.places[p.index()].kind == kind)
            .map(|(p, dist)| {
                let q = &d.places[p.index()];
                format!("{} ({:.0} m)", q.name.as_deref().unwrap_or(&q.key), dist)
            })
            .collect()
    };
    let adults: Vec<PersonId> = a
        .network
        .network
        .people_at(place)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            matches!(
                d.people[p.index()].role,
                Role::TrustedAdult | Role::Professional
            )
        })
        .collect();
    let (youth_clubs, schools) = (named(PlaceKind::YouthClub), named(PlaceKind::School));
    let mut gaps = Vec::new();
    if adults.is_empty() {
        gaps.push("no trusted adult or professional is recorded at the place".to_string());
    }
    if youth_clubs.is_empty() {
        gaps.push(format!("no youth club within {radius_m:.0} m"));
    }
    Guardianship {
        youth_clubs,
        schools,
        protective_adults_seen: Count(adults.len() as u64),
        who: Records(adults),
        gaps,
    }
}

/// Offender tools that hold for persons of concern recorded at the place, with how many.
fn offender_tools(
    d: &Dataset,
    a: &Analysis,
    catalogue: &Catalogue,
    place: PlaceId,
) -> Vec<(String, String, Count)> {
    let mut by_tool: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let net = &a.network.network;
    for (person, _) in net.people_at(place) {
        if d.people[person.index()].role != Role::Perpetrator {
            continue;
        }
        let children = a.network.network.children_tied(d, person);
        let subject = Subject::PersonOfConcern(person, &children);
        for f in findings(catalogue, d, &subject, &a.events).applicable {
            by_tool.entry(f.id.clone()).or_insert((f.name.clone(), 0)).1 += 1;
        }
    }
    by_tool
        .into_iter()
        .map(|(id, (name, n))| (id, name, Count(n)))
        .collect()
}

/// The reflective questions answered for this place: what the plan does here, which
/// tools and partners it leaves out, and what the actions here have changed.
fn questions(
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
