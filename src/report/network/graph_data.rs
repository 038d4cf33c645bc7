//! The network as the two GraphML files write it: every attribute key with its type,
//! and each node and edge with its typed values. Persons of concern carry their rank,
//! connection score and centralities; children, peers and protective adults carry who
//! they are (role, peer group) and nothing score-like (docs/design.md §1.1). Places
//! carry their coordinates. Every edge carries a weight.

use super::{round, scores_by_person, tie_types};
use crate::model::{Dataset, PersonId, PlaceId, Role};
use crate::privacy::Disclosure;
use crate::score::NetworkAnalysis;
use crate::spatial::bng_to_wgs84;

/// A GraphML attribute key: its id, what it is declared for (`node`, `edge`, `graph`),
/// its name, and its GraphML type (`int`, `double`, `string`, `boolean`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key's `id`, as `<data key="…">` cites it.
    pub id: &'static str,
    /// `node`, `edge` or `graph`.
    pub on: &'static str,
    /// `attr.name`: what Gephi, yEd and networkx call the attribute.
    pub name: &'static str,
    /// `attr.type`.
    pub ty: &'static str,
}

const fn key(id: &'static str, on: &'static str, name: &'static str, ty: &'static str) -> Key {
    Key { id, on, name, ty }
}

/// Every attribute key, in the order the files declare them.
pub const KEYS: &[Key] = &[
    key("n_type", "node", "type", "string"),
    key("n_label", "node", "label", "string"),
    key("n_role", "node", "role", "string"),
    key("n_peer_group", "node", "peer_group", "string"),
    key("n_rank", "node", "rank", "int"),
    key("n_connection_score", "node", "connection_score", "double"),
    key("n_degree", "node", "degree", "int"),
    key("n_weighted_degree", "node", "weighted_degree", "double"),
    key("n_betweenness", "node", "betweenness", "double"),
    key(
        "n_betweenness_normalized",
        "node",
        "betweenness_normalized",
        "double",
    ),
    key("n_eigenvector", "node", "eigenvector", "double"),
    key("n_core", "node", "core", "int"),
    key(
        "n_may_also_be_exploited",
        "node",
        "may_also_be_exploited",
        "boolean",
    ),
    key("n_kind", "node", "kind", "string"),
    key("n_easting", "node", "easting", "double"),
    key("n_northing", "node", "northing", "double"),
    key("n_lat", "node", "lat", "double"),
    key("n_lon", "node", "lon", "double"),
    key("e_type", "edge", "type", "string"),
    key("e_weight", "edge", "weight", "double"),
    key("e_link_types", "edge", "link_types", "string"),
    key("e_links", "edge", "links", "int"),
    key("e_shared_events", "edge", "shared_events", "int"),
    key("e_co_presence", "edge", "co_presence", "int"),
    key("e_events", "edge", "events", "int"),
    key(
        "g_betweenness_method",
        "graph",
        "betweenness_method",
        "string",
    ),
];

/// One typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Datum {
    /// A `string` attribute.
    Text(String),
    /// An `int` attribute.
    Int(i64),
    /// A `double` attribute (not written when not finite).
    Real(f64),
    /// A `boolean` attribute.
    Bool(bool),
}

impl Datum {
    /// The value as GraphML text, unescaped; `None` for a number that is not finite.
    pub fn text(&self) -> Option<String> {
        match self {
            Datum::Text(s) => Some(s.clone()),
            Datum::Int(i) => Some(i.to_string()),
            Datum::Real(x) => x.is_finite().then(|| format!("{}", round(*x) + 0.0)),
            Datum::Bool(b) => Some(b.to_string()),
        }
    }
}

/// A node or an edge's values: `(key id, value)`.
pub type Data = Vec<(&'static str, Datum)>;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeOf {
    /// A person, with their role.
    Person(PersonId, Role),
    /// A place.
    Place(PlaceId),
}

/// A node as written.
#[derive(Debug, Clone)]
pub struct GraphNode {
    /// `p:LABEL` for a person (as the audience may see them), `l:PLACE_ID` for a place.
    pub id: String,
    /// The label drawn on it.
    pub label: String,
    /// What it stands for.
    pub of: NodeOf,
    /// Its values.
    pub data: Data,
}

/// An edge as written, between two node ids.
#[derive(Debug, Clone)]
pub struct GraphEdge {
    /// The source node's id (for a tie, either end: ties are undirected).
    pub source: String,
    /// The target node's id.
    pub target: String,
    /// Its weight: a tie's weight, or for attendance the number of events that put the
    /// person at the place.
    pub weight: f64,
    /// Its values (the weight among them).
    pub data: Data,
}

/// The node id of a person as the audience may see them.
pub fn person_id(p: PersonId, to: &Disclosure) -> String {
    format!(
        "p:{}",
        nmtoken(&to.person(p).map(|l| l.label.clone()).unwrap_or_default())
    )
}

/// The node id of a place.
pub fn place_id(d: &Dataset, pl: PlaceId) -> String {
    format!("l:{}", nmtoken(&d.places[pl.index()].key))
}

/// `text` as an XML name token, which GraphML's schema requires of an id: letters,
/// digits, `.`, `-` and `:` stay; `_` becomes `__` and any other character `_` and its
/// code point in hex then `_`, so distinct texts stay distinct ids ("J.S. P-1A" becomes
/// `J.S._20_P-1A`).
fn nmtoken(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | ':' => o.push(c),
            '_' => o.push_str("__"),
            c => o.push_str(&format!("_{:x}_", u32::from(c))),
        }
    }
    o
}

/// Every person as a node, in dataset order.
pub fn person_nodes(d: &Dataset, a: &NetworkAnalysis, to: &Disclosure) -> Vec<GraphNode> {
    let score = scores_by_person(d, a);
    d.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let label = to.person_text(p.id);
            let mut data: Data = vec![
                ("n_type", Datum::Text("person".into())),
                ("n_label", Datum::Text(label.clone())),
                ("n_role", Datum::Text(p.role.to_string())),
            ];
            if let Some(g) = a.peer_groups.group_of[i] {
                let id = a.peer_groups.groups[g].id.clone();
                data.push(("n_peer_group", Datum::Text(id)));
            }
            if p.role == Role::Perpetrator {
                person_of_concern_data(&mut data, a, i, score[i]);
            }
            GraphNode {
                id: person_id(p.id, to),
                label,
                of: NodeOf::Person(p.id, p.role),
                data,
            }
        })
        .collect()
}

/// A person of concern's rank and connection score (when scored) and centralities.
fn person_of_concern_data(
    data: &mut Data,
    a: &NetworkAnalysis,
    i: usize,
    score: Option<&crate::score::ConnectionScore>,
) {
    if let Some(s) = score {
        data.push(("n_rank", Datum::Int(s.rank as i64)));
        data.push(("n_connection_score", Datum::Real(s.total)));
        data.push((
            "n_may_also_be_exploited",
            Datum::Bool(s.may_also_be_exploited),
        ));
    }
    let degree = i64::try_from(a.degree[i]).unwrap_or(i64::MAX);
    data.push(("n_degree", Datum::Int(degree)));
    data.push(("n_weighted_degree", Datum::Real(a.weighted_degree[i])));
    if let Some(raw) = &a.betweenness.raw {
        data.push(("n_betweenness", Datum::Real(raw[i])));
    }
    data.push((
        "n_betweenness_normalized",
        Datum::Real(a.betweenness.normalised[i]),
    ));
    data.push(("n_eigenvector", Datum::Real(a.eigenvector[i])));
    data.push(("n_core", Datum::Int(i64::from(a.core[i]))));
}

/// Every place someone is recorded at, as a node, in place order: its label (name, else
/// `place_id`), kind, and coordinates (BNG metres; WGS84 degrees where they convert).
pub fn place_nodes(d: &Dataset, a: &NetworkAnalysis) -> Vec<GraphNode> {
    let places: std::collections::BTreeSet<PlaceId> =
        a.network.attendance().map(|(_, pl, _)| pl).collect();
    places
        .into_iter()
        .map(|pl| {
            let p = &d.places[pl.index()];
            let label = p.name.clone().unwrap_or_else(|| p.key.clone());
            let mut data: Data = vec![
                ("n_type", Datum::Text("place".into())),
                ("n_label", Datum::Text(label.clone())),
                ("n_kind", Datum::Text(p.kind.to_string())),
                ("n_easting", Datum::Real(p.location.easting)),
                ("n_northing", Datum::Real(p.location.northing)),
            ];
            if let Some((lat, lon)) = bng_to_wgs84(p.location) {
                data.push(("n_lat", Datum::Real((lat * 1e7).round() / 1e7)));
                data.push(("n_lon", Datum::Real((lon * 1e7).round() / 1e7)));
            }
            GraphNode {
                id: place_id(d, pl),
                label,
                of: NodeOf::Place(pl),
                data,
            }
        })
        .collect()
}

/// Every tie between two people, then every attendance of a person at a place.
pub fn edges(d: &Dataset, a: &NetworkAnalysis, to: &Disclosure) -> Vec<GraphEdge> {
    let count = |n: usize| Datum::Int(i64::try_from(n).unwrap_or(i64::MAX));
    let ties = a.network.ties().map(|(x, y, t)| GraphEdge {
        source: person_id(x, to),
        target: person_id(y, to),
        weight: t.weight,
        data: vec![
            ("e_type", Datum::Text("tie".into())),
            ("e_weight", Datum::Real(t.weight)),
            ("e_link_types", Datum::Text(tie_types(d, t).join("+"))),
            ("e_links", count(t.links.len())),
            ("e_shared_events", count(t.shared_events.len())),
            ("e_co_presence", count(t.co_presence.len())),
        ],
    });
    let attended = a.network.attendance().map(|(p, pl, evs)| GraphEdge {
        source: person_id(p, to),
        target: place_id(d, pl),
        weight: evs.len() as f64,
        data: vec![
            ("e_type", Datum::Text("attended".into())),
            ("e_weight", Datum::Real(evs.len() as f64)),
            ("e_events", count(evs.len())),
        ],
    });
    ties.chain(attended).collect()
}

/// Writes every key declaration, indented by two spaces.
///
/// # Errors
/// Any I/O error.
pub fn write_keys(w: &mut dyn std::io::Write) -> std::io::Result<()> {
    for k in KEYS {
        writeln!(
            w,
            r#"  <key id="{}" for="{}" attr.name="{}" attr.type="{}"/>"#,
            k.id, k.on, k.name, k.ty
        )?;
    }
    Ok(())
}

/// The `<data>` elements of `data`, escaped, on one line.
pub fn data_xml(data: &Data) -> String {
    data.iter()
        .filter_map(|(k, v)| {
            v.text().map(|t| {
                format!(
                    r#"<data key="{k}">{}</data>"#,
                    super::super::escape::xml(&t)
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::nmtoken;

    #[test]
    fn ids_are_name_tokens_and_stay_distinct() {
        assert_eq!(nmtoken("J.S. P-1A"), "J.S._20_P-1A");
        assert_eq!(nmtoken("PL/006"), "PL_2f_006");
        assert_ne!(nmtoken("a b"), nmtoken("a_20_b"));
        assert_ne!(nmtoken("a_b"), nmtoken("a b"));
        assert!(
            nmtoken("x\u{1b}é")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-:".contains(c))
        );
    }
}
