//! Writers for the network engine, one file per output: the people table here
//! (`people.{csv,parquet}`), [`groups`] (`groups.csv`), [`ties`] (`ties.parquet`),
//! [`graphml`] (`network.graphml`, for Gephi and networkx), [`yed`]
//! (`network.yed.graphml`, drawn for yEd) and [`i2`] (`links_i2.csv` and
//! `entities_i2.csv`, for i2 Analyst's Notebook). Every table of people is per person:
//! partners get none of them.

use super::{ColumnTable, Values};
use crate::model::{Dataset, Role};
use crate::score::{ConnectionComponents, ConnectionScore, NetworkAnalysis};

/// `groups.csv`.
pub(crate) mod groups;
pub use groups::groups_table;

/// `ties.parquet`.
pub(crate) mod ties;
pub use ties::ties_table;

/// The network as both GraphML files write it: typed keys, nodes and edges.
pub(crate) mod graph_data;

/// `network.graphml`: every metric typed, for Gephi and networkx.
pub(crate) mod graphml;
pub use graphml::write_graphml;

/// `network.yed.graphml`: the same graph drawn for yEd.
pub(crate) mod yed;
pub use yed::write_yed_graphml;

/// `links_i2.csv` and `entities_i2.csv`: one link type per row, for i2 Analyst's Notebook.
pub(crate) mod i2;
pub use i2::{entities_i2_table, links_i2_table};

/// Links cited by their source reference (else position), `;`-separated.
pub(crate) fn link_refs(d: &Dataset, links: &[crate::model::LinkId]) -> String {
    links
        .iter()
        .map(|l| d.links[l.index()].reference())
        .collect::<Vec<_>>()
        .join(";")
}

/// Events cited by `event_id`, `;`-separated.
pub(crate) fn event_refs(d: &Dataset, events: &[crate::model::EventId]) -> String {
    events
        .iter()
        .map(|e| d.events[e.index()].key.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The types of records behind a tie, sorted, each once: the kinds of its recorded links
/// (`associate`, `contact`, …), `shared_event` and `co_presence`.
pub(crate) fn tie_types(d: &Dataset, t: &crate::graph::Tie) -> Vec<String> {
    let mut kinds: Vec<String> = t
        .links
        .iter()
        .map(|l| d.links[l.index()].kind.to_string())
        .collect();
    if !t.shared_events.is_empty() {
        kinds.push(SHARED_EVENT.into());
    }
    if !t.co_presence.is_empty() {
        kinds.push(CO_PRESENCE.into());
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The link type of a tie made by events both people were recorded in.
pub const SHARED_EVENT: &str = "shared_event";

/// The link type of a tie made by co-presence: different events at one place, within
/// the co-presence window.
pub const CO_PRESENCE: &str = "co_presence";

/// `x` rounded to 9 decimal places, so every output carries the same number.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// One row per person. Role decides the columns that are filled: persons of concern get
/// their connection score, its components and centralities; children and peers get their
/// peer group only — never a score (docs/design.md §1.1); trusted adults and professionals
/// get the number of children they are tied to (a protective factor). One row per person:
/// never written for partners.
pub fn people_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let score = scores_by_person(d, a);
    let mut t = ColumnTable::per_person();
    score_columns(&mut t, d, a, &score);
    centrality_columns(&mut t, d, a);
    evidence_columns(&mut t, d, a, &score);
    t
}

/// Each person's connection score, if they have one, by person index.
pub(crate) fn scores_by_person<'a>(
    d: &Dataset,
    a: &'a NetworkAnalysis,
) -> Vec<Option<&'a ConnectionScore>> {
    let mut v = vec![None; d.people.len()];
    for s in &a.connections {
        v[s.person.index()] = Some(s);
    }
    v
}

/// Who each person is (role, peer group) and, for persons of concern, their rank,
/// connection score and its components.
/// Who each person is, under the given column names: the person (as the audience may
/// see them), their role, and their peer group (empty when in none).
pub(crate) fn identity_columns(
    t: &mut ColumnTable,
    d: &Dataset,
    a: &NetworkAnalysis,
    [person, role, peer_group]: [&str; 3],
) {
    t.push(
        person,
        Values::Person(d.people.iter().map(|p| Some(p.id)).collect()),
    )
    .push(
        role,
        Values::Text(d.people.iter().map(|p| p.role.to_string()).collect()),
    )
    .push(
        peer_group,
        Values::OptText(
            (0..d.people.len())
                .map(|i| a.peer_groups.group_of[i].map(|g| a.peer_groups.groups[g].id.clone()))
                .collect(),
        ),
    );
}

fn score_columns(
    t: &mut ColumnTable,
    d: &Dataset,
    a: &NetworkAnalysis,
    score: &[Option<&ConnectionScore>],
) {
    let n = d.people.len();
    identity_columns(t, d, a, ["person", "role", "peer_group"]);
    t.push(
        "rank",
        Values::OptInt((0..n).map(|i| score[i].map(|s| s.rank as i64)).collect()),
    )
    .push(
        "connection_score",
        opt(d, &|i| score[i].map_or(0.0, |s| s.total)),
    );
    for (k, name) in ConnectionComponents::NAMES.iter().enumerate() {
        t.push(
            name,
            opt(d, &|i| score[i].map_or(0.0, |s| s.components.named()[k].1)),
        );
    }
}

/// Persons of concern's centralities: degree, weighted degree, betweenness (and how it
/// was computed), eigenvector and k-core.
fn centrality_columns(t: &mut ColumnTable, d: &Dataset, a: &NetworkAnalysis) {
    let n = d.people.len();
    let poc = |i: usize| d.people[i].role == Role::Perpetrator;
    t.push(
        "degree",
        opt_int(d, &|i| i64::try_from(a.degree[i]).unwrap_or(i64::MAX)),
    )
    .push("weighted_degree", opt(d, &|i| a.weighted_degree[i]))
    .push(
        "betweenness",
        opt(d, &|i| {
            a.betweenness.raw.as_ref().map_or(f64::NAN, |r| r[i])
        }),
    )
    .push(
        "betweenness_normalized",
        opt(d, &|i| a.betweenness.normalised[i]),
    )
    .push(
        // How betweenness was computed, on every row it is given for: `exact`, or
        // `sampled ±ε p=1−δ` (every value within ε with probability 1 − δ).
        "betweenness_method",
        Values::OptText(
            (0..n)
                .map(|i| poc(i).then(|| a.betweenness.describe()))
                .collect(),
        ),
    )
    .push("eigenvector", opt(d, &|i| a.eigenvector[i]))
    .push("core", opt_int(d, &|i| i64::from(a.core[i])));
}

/// The records behind each score, whether a person of concern may also be exploited,
/// and for trusted adults and professionals the children tied to them.
fn evidence_columns(
    t: &mut ColumnTable,
    d: &Dataset,
    a: &NetworkAnalysis,
    score: &[Option<&ConnectionScore>],
) {
    let n = d.people.len();
    let children_of = |i: usize| {
        a.network
            .persons
            .neighbours(i)
            .iter()
            .filter(|&&w| d.people[w as usize].role == Role::Child)
            .count()
    };
    t.push(
        "top_source_share",
        opt(d, &|i| score[i].map_or(0.0, |s| s.top_source_share)),
    )
    .push(
        "may_also_be_exploited",
        Values::OptBool(
            (0..n)
                .map(|i| score[i].map(|s| s.may_also_be_exploited))
                .collect(),
        ),
    )
    .push(
        "link_refs",
        // The records behind the score: recorded links (source reference, else
        // position) and events, so an analyst can open each one.
        Values::Records(
            (0..n)
                .map(|i| score[i].map_or_else(String::new, |s| link_refs(d, &s.evidence_links)))
                .collect(),
        ),
    )
    .push(
        "event_refs",
        Values::Records(
            (0..n)
                .map(|i| score[i].map_or_else(String::new, |s| event_refs(d, &s.evidence_events)))
                .collect(),
        ),
    )
    .push(
        "children_tied",
        Values::Count(
            (0..n)
                .map(|i| {
                    matches!(d.people[i].role, Role::TrustedAdult | Role::Professional)
                        .then(|| children_of(i) as u64)
                })
                .collect(),
        ),
    );
}

/// A number column filled for persons of concern only, rounded.
fn opt(d: &Dataset, f: &dyn Fn(usize) -> f64) -> Values {
    let poc = |i: usize| d.people[i].role == Role::Perpetrator;
    Values::OptFloat(
        (0..d.people.len())
            .map(|i| poc(i).then(|| round(f(i))))
            .collect(),
    )
}

/// An integer column filled for persons of concern only.
fn opt_int(d: &Dataset, f: &dyn Fn(usize) -> i64) -> Values {
    let poc = |i: usize| d.people[i].role == Role::Perpetrator;
    Values::OptInt((0..d.people.len()).map(|i| poc(i).then(|| f(i))).collect())
}
