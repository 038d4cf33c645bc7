//! Writers for the network engine: `people.{csv,parquet}`, `groups.csv`,
//! `network.graphml` (Gephi, yEd) and `links_i2.csv` (an i2 Analyst's Notebook import).

use super::{ColumnTable, Values};
use crate::model::{Dataset, PersonId, Role};
use crate::privacy::Disclosure;
use crate::score::{ConnectionComponents, ConnectionScore, NetworkAnalysis};
use std::io::Write;
use std::path::Path;

/// Links cited by their source reference (else position), `;`-separated.
fn link_refs(d: &Dataset, links: &[crate::model::LinkId]) -> String {
    links
        .iter()
        .map(|l| d.links[l.index()].reference())
        .collect::<Vec<_>>()
        .join(";")
}

/// Events cited by `event_id`, `;`-separated.
fn event_refs(d: &Dataset, events: &[crate::model::EventId]) -> String {
    events
        .iter()
        .map(|e| d.events[e.index()].key.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

fn round(x: f64) -> f64 {
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
fn scores_by_person<'a>(d: &Dataset, a: &'a NetworkAnalysis) -> Vec<Option<&'a ConnectionScore>> {
    let mut v = vec![None; d.people.len()];
    for s in &a.connections {
        v[s.person.index()] = Some(s);
    }
    v
}

/// Who each person is (role, peer group) and, for persons of concern, their rank,
/// connection score and its components.
fn score_columns(
    t: &mut ColumnTable,
    d: &Dataset,
    a: &NetworkAnalysis,
    score: &[Option<&ConnectionScore>],
) {
    let n = d.people.len();
    t.push(
        "person",
        Values::Person(d.people.iter().map(|p| Some(p.id)).collect()),
    )
    .push(
        "role",
        Values::Text(d.people.iter().map(|p| p.role.to_string()).collect()),
    )
    .push(
        "peer_group",
        Values::OptText(
            (0..n)
                .map(|i| a.peer_groups.group_of[i].map(|g| a.peer_groups.groups[g].id.clone()))
                .collect(),
        ),
    )
    .push(
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

/// One row per peer group: members by role (counts that add up to the group's size),
/// density, the places members are most recorded at, the persons of concern in or tied
/// to it, and protective adults tied to it. Partners get the counts (suppressed when
/// small) and places, never the people.
pub fn groups_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let groups = &a.peer_groups.groups;
    let role_count = |members: &[PersonId], r: Role| {
        Some(
            members
                .iter()
                .filter(|p| d.people[p.index()].role == r)
                .count() as u64,
        )
    };
    let mut attached: Vec<Vec<PersonId>> = Vec::new();
    let mut protective: Vec<Option<u64>> = Vec::new();
    let mut key_places: Vec<String> = Vec::new();
    for grp in groups {
        let (pocs, adults) = people_around_group(d, a, grp);
        attached.push(pocs);
        protective.push(Some(adults as u64));
        key_places.push(key_places_of(d, a, grp));
    }
    let by_role = |r: Role| {
        Values::Count(
            groups
                .iter()
                .map(|grp| role_count(&grp.members, r))
                .collect(),
        )
    };
    let mut t = ColumnTable::new();
    t.push(
        "group_id",
        Values::Text(groups.iter().map(|g| g.id.clone()).collect()),
    )
    .push(
        "members",
        Values::Count(
            groups
                .iter()
                .map(|g| Some(g.members.len() as u64))
                .collect(),
        ),
    )
    .push("children", by_role(Role::Child))
    .push("peers", by_role(Role::Peer))
    .push("persons_of_concern_in_group", by_role(Role::Perpetrator))
    .push(
        "density",
        Values::Float(
            groups
                .iter()
                .map(|g| (g.density * 1e4).round() / 1e4)
                .collect(),
        ),
    )
    .push(
        // The places members are most recorded at, most first.
        "key_places",
        Values::Text(key_places),
    )
    .push(
        "persons_of_concern",
        // In the group or tied to a member.
        Values::People(attached),
    )
    .push("protective_adults", Values::Count(protective))
    .additive(
        "members",
        &["children", "peers", "persons_of_concern_in_group"],
    );
    t
}

/// The persons of concern in the group or tied to a member (members first), and how
/// many trusted adults and professionals are tied to its members.
fn people_around_group(
    d: &Dataset,
    a: &NetworkAnalysis,
    grp: &crate::graph::PeerGroup,
) -> (Vec<PersonId>, usize) {
    let g = &a.network.persons;
    let members: std::collections::BTreeSet<u32> = grp.members.iter().map(|p| p.0).collect();
    let mut around = std::collections::BTreeSet::new();
    let mut adults = std::collections::BTreeSet::new();
    for p in &grp.members {
        for &w in g.neighbours(p.index()) {
            match d.people[w as usize].role {
                Role::Perpetrator if !members.contains(&w) => {
                    around.insert(w);
                }
                Role::TrustedAdult | Role::Professional => {
                    adults.insert(w);
                }
                _ => {}
            }
        }
    }
    let pocs = grp
        .members
        .iter()
        .copied()
        .filter(|p| d.people[p.index()].role == Role::Perpetrator)
        .chain(around.into_iter().map(PersonId))
        .collect();
    (pocs, adults.len())
}

/// The three places the group's members are most recorded at, most first.
fn key_places_of(d: &Dataset, a: &NetworkAnalysis, grp: &crate::graph::PeerGroup) -> String {
    let mut places: std::collections::BTreeMap<crate::model::PlaceId, usize> = Default::default();
    for p in &grp.members {
        for (place, evs) in a.network.places_of(*p) {
            *places.entry(place).or_default() += evs.len();
        }
    }
    let mut places: Vec<_> = places.into_iter().collect();
    places.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(d.places[x.0.index()].key.cmp(&d.places[y.0.index()].key))
    });
    places
        .iter()
        .take(3)
        .map(|(p, _)| d.places[p.index()].key.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn xml(s: &str) -> String {
    super::escape::xml(s)
}

/// Writes `network.graphml`: people (label, role, peer group) and places (kind) as
/// nodes; ties (weight, links, shared events, co-presences) and attendance (events) as
/// edges, with typed attribute keys so Gephi and yEd read numbers as numbers. People are
/// named as the audience may see them; partners get no graph of people at all (returns
/// `None`, writes nothing).
///
/// # Errors
/// Any I/O error.
pub fn write_graphml(
    path: &Path,
    d: &Dataset,
    a: &NetworkAnalysis,
    to: &Disclosure,
) -> std::io::Result<Option<std::path::PathBuf>> {
    if !to.shows_people() {
        return Ok(None);
    }
    let node = |p: PersonId| to.person(p).map(|l| l.label.clone()).unwrap_or_default();
    crate::plumbing::file::write_atomic(path, |w| {
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
        )?;
        for (id, for_, name, ty) in [
            ("d0", "node", "type", "string"),
            ("d1", "node", "role", "string"),
            ("d2", "node", "peer_group", "string"),
            ("d3", "node", "kind", "string"),
            ("d4", "edge", "type", "string"),
            ("d5", "edge", "weight", "double"),
            ("d6", "edge", "links", "int"),
            ("d7", "edge", "shared_events", "int"),
            ("d8", "edge", "co_presence", "int"),
            ("d9", "edge", "events", "int"),
            ("d10", "node", "label", "string"),
            ("d11", "graph", "betweenness_method", "string"),
        ] {
            writeln!(
                w,
                r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
        writeln!(w, r#"  <graph id="disrupt" edgedefault="undirected">"#)?;
        writeln!(
            w,
            r#"    <data key="d11">{}</data>"#,
            xml(&a.betweenness.describe())
        )?;
        for (i, p) in d.people.iter().enumerate() {
            let group = a.peer_groups.group_of[i]
                .map(|g| a.peer_groups.groups[g].id.clone())
                .unwrap_or_default();
            writeln!(
                w,
                r#"    <node id="p:{}"><data key="d0">person</data><data key="d10">{}</data><data key="d1">{}</data><data key="d2">{}</data></node>"#,
                xml(&node(p.id)),
                xml(&to.person_text(p.id)),
                p.role,
                group
            )?;
        }
        let places: std::collections::BTreeSet<_> =
            a.network.attendance().map(|(_, pl, _)| pl).collect();
        for pl in &places {
            let p = &d.places[pl.index()];
            writeln!(
                w,
                r#"    <node id="l:{}"><data key="d0">place</data><data key="d10">{}</data><data key="d3">{}</data></node>"#,
                xml(&p.key),
                xml(p.name.as_deref().unwrap_or(&p.key)),
                p.kind
            )?;
        }
        for (x, y, t) in a.network.ties() {
            writeln!(
                w,
                r#"    <edge source="p:{}" target="p:{}"><data key="d4">tie</data><data key="d5">{}</data><data key="d6">{}</data><data key="d7">{}</data><data key="d8">{}</data></edge>"#,
                xml(&node(x)),
                xml(&node(y)),
                round(t.weight),
                t.links.len(),
                t.shared_events.len(),
                t.co_presence.len()
            )?;
        }
        for (p, pl, evs) in a.network.attendance() {
            writeln!(
                w,
                r#"    <edge source="p:{}" target="l:{}"><data key="d4">attended</data><data key="d9">{}</data></edge>"#,
                xml(&node(p)),
                xml(&d.places[pl.index()].key),
                evs.len()
            )?;
        }
        writeln!(w, "  </graph>\n</graphml>")
    })?;
    to.record_output(path.to_path_buf());
    Ok(Some(path.to_path_buf()))
}

/// A link list for an i2 Analyst's Notebook import specification: one row per tie, with
/// both ends (as the audience may see them) and their roles, the tie type, weight, and
/// the link and event ids behind it. A table of people: never written for partners.
pub fn links_i2_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let ties: Vec<_> = a.network.ties().collect();
    let role = |p: PersonId| d.people[p.index()].role.to_string();
    let kind = |t: &crate::graph::Tie| {
        let mut kinds: Vec<String> = t
            .links
            .iter()
            .map(|l| d.links[l.index()].kind.to_string())
            .collect();
        if !t.shared_events.is_empty() {
            kinds.push("shared_event".into());
        }
        if !t.co_presence.is_empty() {
            kinds.push("co_presence".into());
        }
        kinds.sort();
        kinds.dedup();
        kinds.join("+")
    };
    let mut t = ColumnTable::per_person();
    t.push(
        "entity1",
        Values::Person(ties.iter().map(|(x, _, _)| Some(*x)).collect()),
    )
    .push(
        "entity1_type",
        Values::Text(ties.iter().map(|(x, _, _)| role(*x)).collect()),
    )
    .push(
        "entity2",
        Values::Person(ties.iter().map(|(_, y, _)| Some(*y)).collect()),
    )
    .push(
        "entity2_type",
        Values::Text(ties.iter().map(|(_, y, _)| role(*y)).collect()),
    )
    .push(
        "link_type",
        Values::Text(ties.iter().map(|(_, _, t)| kind(t)).collect()),
    )
    .push(
        "weight",
        Values::Float(ties.iter().map(|(_, _, t)| round(t.weight)).collect()),
    )
    .push(
        "link_refs",
        // A link's source reference when recorded, else its position among accepted links.
        Values::Records(
            ties.iter()
                .map(|(_, _, t)| link_refs(d, &t.links))
                .collect(),
        ),
    )
    .push(
        "event_refs",
        Values::Records(
            ties.iter()
                .map(|(_, _, t)| event_refs(d, &t.events()))
                .collect(),
        ),
    );
    t
}
