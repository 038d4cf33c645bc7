//! The network as the two GraphML files write it: every attribute key with its type,
//! and each node and edge with its typed values. Persons of concern carry their rank,
//! connection score and centralities; children, peers and protective adults carry who
//! they are (role, peer group) and nothing score-like (docs/design.md §1.1). Places
//! carry their coordinates. Every edge carries a weight.

use super::{round, scores_by_person, tie_types};
use crate::model::{Dataset, PersonId, PlaceId, Role};
use crate::privacy::Disclosure;
use crate::report::escape::xml_into;
use crate::score::{ConnectionScore, NetworkAnalysis};
use crate::spatial::bng_to_wgs84;
use std::borrow::Cow;

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
pub enum Datum<'g> {
    /// A `string` attribute.
    Text(Cow<'g, str>),
    /// An `int` attribute.
    Int(i64),
    /// A `double` attribute (not written when not finite).
    Real(f64),
    /// A `boolean` attribute.
    Bool(bool),
}

impl Datum<'_> {
    /// Appends the value as GraphML text, escaped, to `out`; `false` (nothing appended)
    /// for a number that is not finite.
    fn push_to(&self, out: &mut String) -> bool {
        use std::fmt::Write;
        match self {
            Datum::Text(s) => xml_into(s, out),
            Datum::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Datum::Real(x) if !x.is_finite() => return false,
            Datum::Real(x) => {
                let _ = write!(out, "{}", round(*x) + 0.0);
            }
            Datum::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        }
        true
    }
}

/// A node or an edge's values: `(key id, value)`.
pub type Data<'g> = Vec<(&'static str, Datum<'g>)>;

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
pub struct GraphNode<'g> {
    /// `p:LABEL` for a person (as the audience may see them), `l:PLACE_ID` for a place:
    /// an XML name token, so it needs no escaping.
    pub id: &'g str,
    /// The label drawn on it.
    pub label: Cow<'g, str>,
    /// What it stands for.
    pub of: NodeOf,
    /// Its values.
    pub data: Data<'g>,
}

/// An edge as written, between two nodes.
#[derive(Debug, Clone)]
pub struct GraphEdge<'g> {
    /// The source node, by its position in [`Graph::nodes`] (for a tie, either end: ties
    /// are undirected).
    pub source: usize,
    /// The target node, by its position in [`Graph::nodes`].
    pub target: usize,
    /// Whether it is a person's attendance at a place (else a tie between two people).
    pub attended: bool,
    /// Its weight: a tie's weight, or for attendance the number of events that put the
    /// person at the place.
    pub weight: f64,
    /// Its values (the weight among them).
    pub data: Data<'g>,
}

/// The network as both GraphML files write it: every person, then every place someone is
/// recorded at (in place order), as nodes; every tie, then every attendance, as edges.
/// The node ids are made once; nodes and edges are made one at a time as a writer asks,
/// so a graph of a million edges is never held whole.
pub struct Graph<'a> {
    d: &'a Dataset,
    a: &'a NetworkAnalysis,
    to: &'a Disclosure,
    /// Each node's id: the people in dataset order, then the attended places.
    ids: Vec<String>,
    /// The attended places, in place order (node `people + k` is `places[k]`).
    places: Vec<PlaceId>,
    /// Each place's node, by place index (`None` when no one is recorded there).
    place_node: Vec<Option<usize>>,
    /// Each person's connection score, by person index.
    scores: Vec<Option<&'a ConnectionScore>>,
}

impl<'a> Graph<'a> {
    /// The graph of `a` as `to` may see it (people named as the audience may see them).
    pub fn new(d: &'a Dataset, a: &'a NetworkAnalysis, to: &'a Disclosure) -> Self {
        let places: Vec<PlaceId> = a
            .network
            .attendance()
            .map(|(_, pl, _)| pl)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut place_node = vec![None; d.places.len()];
        for (k, pl) in places.iter().enumerate() {
            place_node[pl.index()] = Some(d.people.len() + k);
        }
        let ids = d
            .people
            .iter()
            .map(|p| person_id(p.id, to))
            .chain(places.iter().map(|&pl| place_id(d, pl)))
            .collect();
        Graph {
            d,
            a,
            to,
            ids,
            places,
            place_node,
            scores: scores_by_person(d, a),
        }
    }

    /// The node count.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// The number of people (nodes `0..people()`; the places follow).
    pub fn people(&self) -> usize {
        self.d.people.len()
    }

    /// Node `i`'s id (an XML name token).
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// The analysis drawn.
    pub fn analysis(&self) -> &'a NetworkAnalysis {
        self.a
    }

    /// Every node, in order: the people, then the places.
    pub fn nodes(&self) -> impl Iterator<Item = GraphNode<'_>> + '_ {
        let people = self.d.people.iter().map(|p| self.person_node(p.id, p.role));
        people.chain(self.places.iter().map(|&pl| self.place_node(pl)))
    }

    /// A person: label, role, peer group; for a person of concern their rank,
    /// connection score and centralities.
    fn person_node(&self, p: PersonId, role: Role) -> GraphNode<'_> {
        let i = p.index();
        let label = self.to.person_text(p);
        let mut data: Data = vec![
            ("n_type", Datum::Text("person".into())),
            ("n_label", Datum::Text(label.clone().into())),
            ("n_role", Datum::Text(role.to_string().into())),
        ];
        if let Some(g) = self.a.peer_groups.group_of[i] {
            let id = self.a.peer_groups.groups[g].id.as_str();
            data.push(("n_peer_group", Datum::Text(id.into())));
        }
        if role == Role::Perpetrator {
            person_of_concern_data(&mut data, self.a, i, self.scores[i]);
        }
        GraphNode {
            id: &self.ids[i],
            label: label.into(),
            of: NodeOf::Person(p, role),
            data,
        }
    }

    /// A place: its label (name, else `place_id`), kind, and coordinates (BNG metres;
    /// WGS84 degrees where they convert).
    fn place_node(&self, pl: PlaceId) -> GraphNode<'_> {
        let p = &self.d.places[pl.index()];
        let label: &str = p.name.as_deref().unwrap_or(&p.key);
        let mut data: Data = vec![
            ("n_type", Datum::Text("place".into())),
            ("n_label", Datum::Text(label.into())),
            ("n_kind", Datum::Text(p.kind.to_string().into())),
            ("n_easting", Datum::Real(p.location.easting)),
            ("n_northing", Datum::Real(p.location.northing)),
        ];
        if let Some((lat, lon)) = bng_to_wgs84(p.location) {
            data.push(("n_lat", Datum::Real((lat * 1e7).round() / 1e7)));
            data.push(("n_lon", Datum::Real((lon * 1e7).round() / 1e7)));
        }
        GraphNode {
            id: self.place_id_of(pl),
            label: label.into(),
            of: NodeOf::Place(pl),
            data,
        }
    }

    fn place_id_of(&self, pl: PlaceId) -> &str {
        self.place_node[pl.index()].map_or("", |n| self.ids[n].as_str())
    }

    /// Every tie between two people, then every attendance of a person at a place.
    pub fn edges(&self) -> impl Iterator<Item = GraphEdge<'_>> + '_ {
        let count = |n: usize| Datum::Int(i64::try_from(n).unwrap_or(i64::MAX));
        let ties = self.a.network.ties().map(move |(x, y, t)| GraphEdge {
            source: x.index(),
            target: y.index(),
            attended: false,
            weight: t.weight,
            data: vec![
                ("e_type", Datum::Text("tie".into())),
                ("e_weight", Datum::Real(t.weight)),
                (
                    "e_link_types",
                    Datum::Text(tie_types(self.d, t).join("+").into()),
                ),
                ("e_links", count(t.links.len())),
                ("e_shared_events", count(t.shared_events.len())),
                ("e_co_presence", count(t.co_presence.len())),
            ],
        });
        let attended = self.a.network.attendance().filter_map(move |(p, pl, evs)| {
            Some(GraphEdge {
                source: p.index(),
                target: self.place_node[pl.index()]?,
                attended: true,
                weight: evs.len() as f64,
                data: vec![
                    ("e_type", Datum::Text("attended".into())),
                    ("e_weight", Datum::Real(evs.len() as f64)),
                    ("e_events", count(evs.len())),
                ],
            })
        });
        ties.chain(attended)
    }

    /// Every edge's ends, by node position, and weight (for a layout).
    pub fn edge_ends(&self) -> Vec<(usize, usize, f64)> {
        let ties = self
            .a
            .network
            .ties()
            .map(|(x, y, t)| (x.index(), y.index(), t.weight));
        let attended = self.a.network.attendance().filter_map(|(p, pl, evs)| {
            Some((p.index(), self.place_node[pl.index()]?, evs.len() as f64))
        });
        ties.chain(attended).collect()
    }
}

/// The node id of a person as the audience may see them.
fn person_id(p: PersonId, to: &Disclosure) -> String {
    format!(
        "p:{}",
        nmtoken(to.person(p).map_or("", |l| l.label.as_str()))
    )
}

/// The node id of a place.
fn place_id(d: &Dataset, pl: PlaceId) -> String {
    format!("l:{}", nmtoken(&d.places[pl.index()].key))
}

/// `text` as an XML name token, which GraphML's schema requires of an id: letters,
/// digits, `.`, `-` and `:` stay; `_` becomes `__` and any other character `_` and its
/// code point in hex then `_`, so distinct texts stay distinct ids ("J.S. P-1A" becomes
/// `J.S._20_P-1A`).
fn nmtoken(text: &str) -> String {
    use std::fmt::Write;
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | ':' => o.push(c),
            '_' => o.push_str("__"),
            c => {
                let _ = write!(o, "_{:x}_", u32::from(c));
            }
        }
    }
    o
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

/// Appends the `<data>` elements of `data`, escaped, on one line, to `out`.
pub fn push_data(data: &Data, out: &mut String) {
    for (k, v) in data {
        let start = out.len();
        out.push_str(r#"<data key=""#);
        out.push_str(k);
        out.push_str(r#"">"#);
        if v.push_to(out) {
            out.push_str("</data>");
        } else {
            out.truncate(start);
        }
    }
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
