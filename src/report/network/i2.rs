//! `links_i2.csv` and `entities_i2.csv`, for i2 Analyst's Notebook with the import
//! specification in `datasets/i2/disrupt.ximp`.
//!
//! A tie between two people is made of records of several types (recorded links of
//! each kind, shared events, co-presence); Analyst's Notebook draws one link per type,
//! so `links_i2.csv` holds one row per type of record behind each tie: a tie of an
//! `associate` link, two shared events and a co-presence is three rows. Each row says
//! when its records start and end, the strongest grading among them, their source
//! systems, whether the records give it a direction, a short description built from
//! typed values only, and the ids of the records.

use super::{CO_PRESENCE, SHARED_EVENT, event_refs, link_refs, round, scores_by_person};
use crate::graph::Tie;
use crate::model::{
    Dataset, EventId, Grading, Involvement, LinkId, LinkKind, PersonId, Provenance, Role,
};
use crate::report::{ColumnTable, Values};
use crate::score::NetworkAnalysis;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Whether the records behind a link give it a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From `entity1` to `entity2`: in every shared event that records both as suspect
    /// and victim, `entity1` is the suspect.
    Directed,
    /// Shared events record each of them as the suspect, and the other as the victim.
    Both,
    /// No record gives a direction: recorded links (the data contract's `from_id` and
    /// `to_id` are the order a record was written in, not who acted on whom),
    /// co-presence, and shared events without a suspect and a victim.
    Undirected,
}

impl Direction {
    /// `directed`, `both` or `undirected`, as in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Directed => "directed",
            Direction::Both => "both",
            Direction::Undirected => "undirected",
        }
    }
}

/// One row of `links_i2.csv`: one type of record between two people.
#[derive(Debug, Clone)]
pub struct I2Link {
    /// One end (the suspect, for a directed link).
    pub from: PersonId,
    /// The other end.
    pub to: PersonId,
    /// The link kind (`associate`, `contact`, …), `shared_event` or `co_presence`.
    pub link_type: String,
    /// Whether the records give the link a direction.
    pub direction: Direction,
    /// The earliest date of the records: a link's `since` (else `until`), an event's day.
    pub first: Option<NaiveDate>,
    /// The latest date: a link's `until` (else `since`), an event's day.
    pub last: Option<NaiveDate>,
    /// The strongest 3x5x2 grading among the records ([`strongest`]); `None`: none graded.
    pub grading: Option<Grading>,
    /// Their source systems, sorted, each once.
    pub sources: Vec<String>,
    /// How many records: links, shared events, or co-present pairs of events.
    pub records: usize,
    /// The weight of the whole tie between the two (the same on each of its rows).
    pub tie_weight: f64,
    /// A short description from typed values only (kinds, counts, involvements).
    pub description: String,
    /// The records' ids, `;`-separated: a link's `source_ref` (else `link N`, its
    /// position among the accepted links: the data contract has no link id), an
    /// event's `event_id`.
    pub record_ids: String,
}

/// The strongest grading among `records`: the best source evaluation (1 before 2 before
/// 3), then the best information assessment (A before E), then P before C. Ungraded
/// records are passed over; `None` when none is graded.
pub fn strongest<'a>(records: impl Iterator<Item = &'a Provenance>) -> Option<Grading> {
    records
        .filter_map(|p| p.grading)
        .min_by_key(|g| (g.source, g.information, g.handling))
}

/// The source systems of `records`, sorted, each once.
fn sources<'a>(records: impl Iterator<Item = &'a Provenance>) -> Vec<String> {
    let set: BTreeSet<String> = records
        .filter_map(|p| p.source.as_deref().map(str::to_string))
        .collect();
    set.into_iter().collect()
}

/// Each person's involvement in each event, where recorded.
type Involvements = BTreeMap<(EventId, PersonId), Involvement>;

/// Who is recorded as suspect and who as victim in each event shared by a tie (the only
/// involvements that give a link a direction), so the map stays as small as the
/// shared events.
fn suspects_and_victims(d: &Dataset, a: &NetworkAnalysis) -> Involvements {
    let mut shared = vec![false; d.events.len()];
    for (_, _, t) in a.network.ties() {
        for e in &t.shared_events {
            shared[e.index()] = true;
        }
    }
    d.event_people
        .iter()
        .filter(|ep| shared[ep.event.index()])
        .filter_map(|ep| match ep.involvement {
            Some(i @ (Involvement::Suspect | Involvement::Victim)) => {
                Some(((ep.event, ep.person), i))
            }
            _ => None,
        })
        .collect()
}

/// Every row of `links_i2.csv`: for each tie, one row per link kind, then one for its
/// shared events and one for its co-presences.
pub fn i2_links(d: &Dataset, a: &NetworkAnalysis) -> Vec<I2Link> {
    let involvement = suspects_and_victims(d, a);
    let mut rows = Vec::new();
    for (x, y, t) in a.network.ties() {
        let mut by_kind: BTreeMap<LinkKind, Vec<LinkId>> = BTreeMap::new();
        for l in &t.links {
            by_kind.entry(d.links[l.index()].kind).or_default().push(*l);
        }
        for (kind, links) in by_kind {
            rows.push(link_row(d, (x, y), kind, &links, t));
        }
        if !t.shared_events.is_empty() {
            rows.push(shared_event_row(d, (x, y), t, &involvement));
        }
        if !t.co_presence.is_empty() {
            rows.push(co_presence_row(d, (x, y), t));
        }
    }
    rows
}

/// The row for the recorded links of one kind between two people.
fn link_row(
    d: &Dataset,
    (x, y): (PersonId, PersonId),
    kind: LinkKind,
    links: &[LinkId],
    t: &Tie,
) -> I2Link {
    let recs: Vec<&crate::model::Link> = links.iter().map(|l| &d.links[l.index()]).collect();
    let first = recs.iter().filter_map(|l| l.since.or(l.until)).min();
    let last = recs.iter().filter_map(|l| l.until.or(l.since)).max();
    let grading = strongest(recs.iter().map(|l| &l.provenance));
    I2Link {
        from: x,
        to: y,
        link_type: kind.to_string(),
        direction: Direction::Undirected,
        first,
        last,
        grading,
        sources: sources(recs.iter().map(|l| &l.provenance)),
        records: recs.len(),
        tie_weight: t.weight,
        description: format!(
            "{kind} link: {} record(s), {}",
            recs.len(),
            graded(
                grading,
                recs.iter()
                    .filter(|l| l.provenance.grading.is_some())
                    .count(),
                recs.len()
            )
        ),
        record_ids: link_refs(d, links),
    }
}

/// `strongest grading 2BP (1 of 3 graded)`, or `ungraded`.
fn graded(g: Option<Grading>, graded: usize, all: usize) -> String {
    match g {
        Some(g) => format!("strongest grading {g} ({graded} of {all} graded)"),
        None => "ungraded".to_string(),
    }
}

/// The first and last day of `events`.
fn event_dates(d: &Dataset, events: &[EventId]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let days = events
        .iter()
        .map(|e| d.events[e.index()].occurred_at.date());
    (days.clone().min(), days.max())
}

/// The row for the events both people were recorded in, directed suspect → victim
/// where those events say so.
fn shared_event_row(
    d: &Dataset,
    (x, y): (PersonId, PersonId),
    t: &Tie,
    involvement: &Involvements,
) -> I2Link {
    let events = &t.shared_events;
    let is = |e: EventId, p: PersonId, i: Involvement| involvement.get(&(e, p)) == Some(&i);
    let x_to_y = events
        .iter()
        .filter(|&&e| is(e, x, Involvement::Suspect) && is(e, y, Involvement::Victim))
        .count();
    let y_to_x = events
        .iter()
        .filter(|&&e| is(e, y, Involvement::Suspect) && is(e, x, Involvement::Victim))
        .count();
    let (from, to, direction) = match (x_to_y, y_to_x) {
        (0, 0) => (x, y, Direction::Undirected),
        (_, 0) => (x, y, Direction::Directed),
        (0, _) => (y, x, Direction::Directed),
        _ => (x, y, Direction::Both),
    };
    let provs = || events.iter().map(|e| &d.events[e.index()].provenance);
    let grading = strongest(provs());
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for e in events {
        *kinds
            .entry(d.events[e.index()].kind.to_string())
            .or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let (first, last) = event_dates(d, events);
    let mut description = format!(
        "{} shared event(s) ({}), {}",
        events.len(),
        kinds.join(", "),
        graded(
            grading,
            provs().filter(|p| p.grading.is_some()).count(),
            events.len()
        )
    );
    if x_to_y + y_to_x > 0 {
        description.push_str(&format!(
            "; suspect and victim in {} of them",
            x_to_y + y_to_x
        ));
    }
    I2Link {
        from,
        to,
        link_type: SHARED_EVENT.to_string(),
        direction,
        first,
        last,
        grading,
        sources: sources(provs()),
        records: events.len(),
        tie_weight: t.weight,
        description,
        record_ids: event_refs(d, events),
    }
}

/// The row for the co-presences of two people: pairs of different events at one place
/// within the co-presence window, one with each.
fn co_presence_row(d: &Dataset, (x, y): (PersonId, PersonId), t: &Tie) -> I2Link {
    let events: Vec<EventId> = t
        .co_presence
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let places: BTreeSet<_> = events
        .iter()
        .filter_map(|e| d.events[e.index()].place)
        .collect();
    let provs = || events.iter().map(|e| &d.events[e.index()].provenance);
    let grading = strongest(provs());
    let (first, last) = event_dates(d, &events);
    let pairs = t.co_presence.len();
    I2Link {
        from: x,
        to: y,
        link_type: CO_PRESENCE.to_string(),
        direction: Direction::Undirected,
        first,
        last,
        grading,
        sources: sources(provs()),
        records: pairs,
        tie_weight: t.weight,
        description: format!(
            "{pairs} co-presence(s): {} event(s) at {} place(s) within the window, {}",
            events.len(),
            places.len(),
            graded(
                grading,
                provs().filter(|p| p.grading.is_some()).count(),
                events.len()
            )
        ),
        record_ids: event_refs(d, &events),
    }
}

/// `links_i2.csv`: one row per type of record behind each tie ([`i2_links`]), both ends
/// as the audience may see them with their roles. A table of people: never written for
/// partners.
pub fn links_i2_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let rows = i2_links(d, a);
    let role = |p: PersonId| d.people[p.index()].role.to_string();
    let text = |f: &dyn Fn(&I2Link) -> String| Values::Text(rows.iter().map(f).collect());
    let date = |f: &dyn Fn(&I2Link) -> Option<NaiveDate>| {
        Values::OptText(rows.iter().map(|r| f(r).map(|x| x.to_string())).collect())
    };
    let mut t = ColumnTable::per_person();
    t.push(
        "entity1",
        Values::Person(rows.iter().map(|r| Some(r.from)).collect()),
    )
    .push("entity1_type", text(&|r| role(r.from)))
    .push(
        "entity2",
        Values::Person(rows.iter().map(|r| Some(r.to)).collect()),
    )
    .push("entity2_type", text(&|r| role(r.to)))
    .push("link_type", text(&|r| r.link_type.clone()))
    .push("direction", text(&|r| r.direction.as_str().to_string()))
    .push("first_date", date(&|r| r.first))
    .push("last_date", date(&|r| r.last))
    .push(
        "grading",
        text(&|r| {
            r.grading
                .map_or_else(|| "ungraded".to_string(), |g| g.to_string())
        }),
    )
    .push("source", text(&|r| r.sources.join(";")))
    .push(
        "records",
        Values::Int(rows.iter().map(|r| r.records as i64).collect()),
    )
    .push(
        "tie_weight",
        Values::Float(rows.iter().map(|r| round(r.tie_weight)).collect()),
    )
    .push("description", text(&|r| r.description.clone()))
    .push(
        "record_ids",
        Values::Records(rows.iter().map(|r| r.record_ids.clone()).collect()),
    );
    t
}

/// `entities_i2.csv`: one row per person, as the audience may see them, with their role
/// (the entity type), peer group, and for persons of concern their rank and connection
/// score. Children, peers and protective adults are never scored: those cells are
/// empty. A table of people: never written for partners.
pub fn entities_i2_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let score = scores_by_person(d, a);
    let poc_score = |i: usize| score[i].filter(|_| d.people[i].role == Role::Perpetrator);
    let n = d.people.len();
    let mut t = ColumnTable::per_person();
    super::identity_columns(&mut t, d, a, ["entity", "entity_type", "peer_group"]);
    t.push(
        "rank",
        Values::OptInt(
            (0..n)
                .map(|i| poc_score(i).map(|s| s.rank as i64))
                .collect(),
        ),
    )
    .push(
        "connection_score",
        Values::OptFloat(
            (0..n)
                .map(|i| poc_score(i).map(|s| round(s.total)))
                .collect(),
        ),
    );
    t
}
