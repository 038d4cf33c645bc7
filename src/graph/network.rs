//! The network of a dataset: every person and every place a node of one `petgraph`
//! graph; ties between people built from recorded links, shared events and co-presence at
//! a place; attendance of people at places. Every tie keeps the records that made it.

use super::Csr;
use crate::model::{
    Dataset, EventId, Exclusion, Grading, LinkId, LinkKind, PersonId, PlaceId, Role,
};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Settings of the network engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkSettings {
    /// People recorded at the same place within this many hours are co-present.
    pub co_presence_hours: f64,
    /// A co-presence window holding more distinct people than this (a busy station on a
    /// Saturday night) infers no co-presence ties: with hundreds of people, being there
    /// at the same time says nothing about knowing each other, and pairing them all
    /// would be quadratic. Skipped windows are counted and reported.
    pub co_presence_cap: usize,
    /// Tie weight of one recorded link of each kind (times its grading factor).
    pub link_weight: BTreeMap<LinkKind, f64>,
    /// Tie weight of one shared event (both people recorded in it).
    pub shared_event_weight: f64,
    /// Tie weight of one co-presence (different events, same place, within the window).
    pub co_presence_weight: f64,
    /// Louvain seeds tried; the best modularity is kept.
    pub community_seeds: u64,
    /// Exact betweenness up to this many people with ties; sampled above (`auto`).
    /// Default 40,000: exact betweenness takes under a minute there on two cores (55 s
    /// on a Barabási–Albert graph of 40,000 nodes and 120,000 ties, `benches/RESULTS.md`,
    /// "Batched exact betweenness, values packed by level").
    pub exact_betweenness_limit: usize,
    /// Error bound ε of sampled betweenness (networkx-normalised scale).
    pub sample_epsilon: f64,
    /// Failure probability δ of sampled betweenness.
    pub sample_delta: f64,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        let w = |k: LinkKind, x: f64| (k, x);
        Self {
            co_presence_hours: 3.0,
            co_presence_cap: 50,
            link_weight: [
                w(LinkKind::CoOffender, 1.0),
                w(LinkKind::Partner, 1.0),
                w(LinkKind::Sibling, 1.0),
                w(LinkKind::Family, 1.0),
                w(LinkKind::Trusted, 1.0),
                w(LinkKind::Associate, 0.8),
                w(LinkKind::Contact, 0.6),
                w(LinkKind::Professional, 0.5),
            ]
            .into_iter()
            .collect(),
            shared_event_weight: 1.0,
            co_presence_weight: 0.5,
            community_seeds: 10,
            exact_betweenness_limit: 40_000,
            sample_epsilon: 0.01,
            sample_delta: 0.1,
        }
    }
}

impl NetworkSettings {
    /// Tie weight of one recorded link of `kind`, before its grading (0.5 for a kind the
    /// settings do not list).
    pub fn link_weight(&self, kind: LinkKind) -> f64 {
        self.link_weight.get(&kind).copied().unwrap_or(0.5)
    }
}

/// Why two people are tied, with every record behind it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tie {
    /// Recorded links (not expired).
    pub links: Vec<LinkId>,
    /// Events both were recorded in.
    pub shared_events: Vec<EventId>,
    /// Pairs of events at one place, within the window, one with each person.
    pub co_presence: Vec<(EventId, EventId)>,
    /// The tie's weight.
    pub weight: f64,
}

impl Tie {
    /// Every event behind the tie, sorted, without repeats.
    pub fn events(&self) -> Vec<EventId> {
        let mut v: BTreeSet<EventId> = self.shared_events.iter().copied().collect();
        for (a, b) in &self.co_presence {
            v.insert(*a);
            v.insert(*b);
        }
        v.into_iter().collect()
    }
}

/// Counts of what the network was built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NetworkCounts {
    /// Links used.
    pub links: usize,
    /// Links past their review date (excluded).
    pub expired_links: usize,
    /// Handling-code C links, left out of a partner run.
    pub handling_c_links: usize,
    /// Events used (in the window, not expired).
    pub events: usize,
    /// Ties between people.
    pub ties: usize,
    /// Co-presence windows skipped because they held more people than the cap.
    pub capped_windows: usize,
    /// Places where that happened.
    pub capped_places: Vec<PlaceId>,
}

/// A node of the network: a person or a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// A person (any role).
    Person(PersonId),
    /// A place.
    Place(PlaceId),
}

/// An edge of the network.
#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// Two people tied, with the records behind the tie.
    Tie(Tie),
    /// A person recorded at a place: the events that put them there, in time order.
    Attended(Vec<EventId>),
}

/// The network of a dataset: persons and places as the nodes of one `petgraph` graph,
/// ties between persons and attendance of persons at places as its edges, and a compact
/// copy of the person–person ties that the centrality kernels run on.
///
/// Node `i` is person `i` for `i < people`, and place `p` is node `people + p`, so
/// either kind is found without a lookup table.
#[derive(Debug, Clone)]
pub struct Network {
    /// Persons and places, ties and attendance.
    pub graph: UnGraph<Node, Edge>,
    /// The person–person ties in compressed sparse rows (node = person index, weight =
    /// tie weight): the shape betweenness, eigenvector, k-core and Louvain run on.
    pub persons: Csr,
    /// Counts.
    pub counts: NetworkCounts,
    /// Whether each event (by index) was built into the network: in the window and not
    /// excluded (expired, or handling code C for partners).
    pub used: Vec<bool>,
    people: usize,
}

impl Network {
    /// Builds the network.
    ///
    /// # Arguments
    /// * `used` — which events count (in the window, not expired), by event index.
    /// * `place_of` — each event's place after snapping, by event index.
    ///
    /// # Complexity
    /// O(E · p² + L) for E events with p people each and L links, plus the windows at
    /// each place (capped).
    pub fn build(
        d: &Dataset,
        s: &NetworkSettings,
        used: &[bool],
        place_of: &[Option<PlaceId>],
    ) -> Self {
        let mut ties: Ties = BTreeMap::new();
        let mut counts = NetworkCounts::default();
        link_ties(d, s, &mut ties, &mut counts);
        let people = people_of_events(d, used);
        let (attendance, mut at_place) =
            shared_events(d, s, used, place_of, &people, &mut ties, &mut counts);
        co_presence_ties(d, s, &people, &mut at_place, &mut ties, &mut counts);
        counts.ties = ties.len();
        let edges: Vec<(u32, u32, f64)> = ties
            .iter()
            .map(|((a, b), t)| (a.0, b.0, t.weight))
            .collect();
        let persons = Csr::from_edges(d.people.len(), &edges);
        let graph = assemble_graph(d, ties, attendance);
        Network {
            graph,
            persons,
            counts,
            used: used.to_vec(),
            people: d.people.len(),
        }
    }

    /// The graph node of a person.
    pub fn person_node(&self, p: PersonId) -> NodeIndex {
        NodeIndex::new(p.index())
    }

    /// The graph node of a place.
    pub fn place_node(&self, p: PlaceId) -> NodeIndex {
        NodeIndex::new(self.people + p.index())
    }

    /// The tie between two people, if any.
    pub fn tie(&self, a: PersonId, b: PersonId) -> Option<&Tie> {
        let e = self
            .graph
            .find_edge(self.person_node(a), self.person_node(b))?;
        match &self.graph[e] {
            Edge::Tie(t) => Some(t),
            Edge::Attended(_) => None,
        }
    }

    /// Every tie as `(lower person, higher person, tie)`, in that order.
    pub fn ties(&self) -> impl Iterator<Item = (PersonId, PersonId, &Tie)> {
        self.graph
            .edge_references()
            .filter_map(|e| match e.weight() {
                Edge::Tie(t) => {
                    let (a, b) = (person_of(e.source()), person_of(e.target()));
                    Some((a.min(b), a.max(b), t))
                }
                Edge::Attended(_) => None,
            })
    }

    /// Every attendance as `(person, place, events)`, in `(person, place)` order.
    pub fn attendance(&self) -> impl Iterator<Item = (PersonId, PlaceId, &[EventId])> {
        self.graph
            .edge_references()
            .filter_map(|e| match e.weight() {
                Edge::Attended(events) => Some((
                    person_of(e.source()),
                    PlaceId((e.target().index() - self.people) as u32),
                    events.as_slice(),
                )),
                Edge::Tie(_) => None,
            })
    }

    /// The places a person is recorded at, with the events, in place order.
    pub fn places_of(&self, p: PersonId) -> Vec<(PlaceId, &[EventId])> {
        let mut v: Vec<(PlaceId, &[EventId])> = self
            .graph
            .edges(self.person_node(p))
            .filter_map(|e| match e.weight() {
                Edge::Attended(events) => {
                    let other = if e.source() == self.person_node(p) {
                        e.target()
                    } else {
                        e.source()
                    };
                    Some((
                        PlaceId((other.index() - self.people) as u32),
                        events.as_slice(),
                    ))
                }
                Edge::Tie(_) => None,
            })
            .collect();
        v.sort_by_key(|(place, _)| *place);
        v
    }

    /// The children tied to a person (by a tie of any weight), in the person graph's
    /// neighbour order.
    pub fn children_tied(&self, d: &Dataset, person: PersonId) -> Vec<PersonId> {
        self.persons
            .neighbours(person.index())
            .iter()
            .map(|&w| PersonId(w))
            .filter(|w| d.people[w.index()].role == Role::Child)
            .collect()
    }

    /// The people recorded at a place, with the events, in person order.
    pub fn people_at(&self, place: PlaceId) -> Vec<(PersonId, &[EventId])> {
        let node = self.place_node(place);
        let mut v: Vec<(PersonId, &[EventId])> = self
            .graph
            .edges(node)
            .filter_map(|e| match e.weight() {
                Edge::Attended(events) => {
                    let other = if e.source() == node {
                        e.target()
                    } else {
                        e.source()
                    };
                    Some((person_of(other), events.as_slice()))
                }
                Edge::Tie(_) => None,
            })
            .collect();
        v.sort_by_key(|(person, _)| *person);
        v
    }
}

/// Ties by pair of people, the lower id first.
type Ties = BTreeMap<(PersonId, PersonId), Tie>;

/// Each person's events at each place, by time.
type Attendance = BTreeMap<(PersonId, PlaceId), Vec<EventId>>;

/// A pair of people as a tie's key: the lower id first.
fn tie_key(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    if a < b { (a, b) } else { (b, a) }
}

/// Ties from recorded links, each weighted by its kind and grading; expired and
/// handling code C links are counted and left out.
fn link_ties(d: &Dataset, s: &NetworkSettings, ties: &mut Ties, counts: &mut NetworkCounts) {
    for l in &d.links {
        if let Some(why) = d.exclusion(&l.provenance) {
            match why {
                Exclusion::Expired => counts.expired_links += 1,
                Exclusion::HandlingC => counts.handling_c_links += 1,
            }
            continue;
        }
        counts.links += 1;
        let base = s.link_weight(l.kind);
        let grading = l.provenance.grading.map_or(1.0, |g: Grading| g.factor());
        let t = ties.entry(tie_key(l.from, l.to)).or_default();
        t.links.push(l.id);
        t.weight += base * grading;
    }
}

/// People of each used event, sorted, by event index.
fn people_of_events(d: &Dataset, used: &[bool]) -> Vec<Vec<PersonId>> {
    let mut people: Vec<Vec<PersonId>> = vec![Vec::new(); d.events.len()];
    for ep in &d.event_people {
        if used[ep.event.index()] {
            people[ep.event.index()].push(ep.person);
        }
    }
    for v in &mut people {
        v.sort();
        v.dedup();
    }
    people
}

/// Ties between people at the same event; and who attended each place when (by time),
/// and the events with people at each place.
fn shared_events(
    d: &Dataset,
    s: &NetworkSettings,
    used: &[bool],
    place_of: &[Option<PlaceId>],
    people: &[Vec<PersonId>],
    ties: &mut Ties,
    counts: &mut NetworkCounts,
) -> (Attendance, BTreeMap<PlaceId, Vec<EventId>>) {
    let mut attendance: Attendance = BTreeMap::new();
    let mut at_place: BTreeMap<PlaceId, Vec<EventId>> = BTreeMap::new();
    for e in &d.events {
        if !used[e.id.index()] {
            continue;
        }
        counts.events += 1;
        let who = &people[e.id.index()];
        for (i, &a) in who.iter().enumerate() {
            for &b in &who[i + 1..] {
                let t = ties.entry(tie_key(a, b)).or_default();
                t.shared_events.push(e.id);
                t.weight += s.shared_event_weight;
            }
        }
        if let Some(p) = place_of[e.id.index()] {
            if !who.is_empty() {
                at_place.entry(p).or_default().push(e.id);
            }
            for &a in who {
                attendance.entry((a, p)).or_default().push(e.id);
            }
        }
    }
    let order = d.time_order();
    for events in attendance.values_mut() {
        events.sort_by_key(|id| order.rank(*id));
    }
    (attendance, at_place)
}

/// Co-presence: ties between people at different events at one place within the
/// window. Crowded windows are capped and counted, with the places they were at.
fn co_presence_ties(
    d: &Dataset,
    s: &NetworkSettings,
    people: &[Vec<PersonId>],
    at_place: &mut BTreeMap<PlaceId, Vec<EventId>>,
    ties: &mut Ties,
    counts: &mut NetworkCounts,
) {
    let window = chrono::Duration::seconds((s.co_presence_hours * 3600.0) as i64);
    let order = d.time_order();
    for (place, events) in at_place {
        events.sort_by_key(|id| order.rank(*id));
        let mut capped_here = false;
        let spans = super::co_presence::windows(
            events,
            |e| d.events[e.index()].occurred_at,
            |e| people[e.index()].as_slice(),
            window,
            s.co_presence_cap,
        );
        for w in spans {
            if w.crowded {
                counts.capped_windows += 1;
                capped_here = true;
                continue;
            }
            let a = events[w.at];
            for &b in &events[w.at + 1..w.end] {
                for &pa in &people[a.index()] {
                    for &pb in &people[b.index()] {
                        if pa != pb {
                            let t = ties.entry(tie_key(pa, pb)).or_default();
                            t.co_presence.push((a, b));
                            t.weight += s.co_presence_weight;
                        }
                    }
                }
            }
        }
        if capped_here {
            counts.capped_places.push(*place);
        }
    }
}

/// The graph: every person, then every place; ties, then attendance, each in key
/// order, so edge order (and every output that walks it) is deterministic.
fn assemble_graph(d: &Dataset, ties: Ties, attendance: Attendance) -> UnGraph<Node, Edge> {
    let mut graph = UnGraph::with_capacity(
        d.people.len() + d.places.len(),
        ties.len() + attendance.len(),
    );
    for p in &d.people {
        graph.add_node(Node::Person(p.id));
    }
    for p in &d.places {
        graph.add_node(Node::Place(p.id));
    }
    let people_n = d.people.len();
    let person_node = |p: PersonId| NodeIndex::new(p.index());
    let place_node = |p: PlaceId| NodeIndex::new(people_n + p.index());
    for ((a, b), t) in ties {
        graph.add_edge(person_node(a), person_node(b), Edge::Tie(t));
    }
    for ((person, place), events) in attendance {
        graph.add_edge(
            person_node(person),
            place_node(place),
            Edge::Attended(events),
        );
    }
    graph
}

/// The person at a person node (persons are the first nodes).
fn person_of(n: NodeIndex) -> PersonId {
    PersonId(n.index() as u32)
}
