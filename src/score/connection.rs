//! The person-of-concern connection score: a line of enquiry for a named practitioner,
//! never an automated decision. A sum of named components, each listing the people,
//! places, links and events behind it. Children and peers are never scored.
//!
//! A tie counts by its strength `s = min(1, w / reach_weight)`, w the tie's weight (each
//! recorded link its kind's weight × its grading factor, each shared event 1, each
//! co-presence 0.5; see [`crate::graph::NetworkSettings`]), as a person's records count
//! at a place. A recorded link *to a child* counts as reach at its kind's weight whatever
//! its grading: intelligence that an adult is in contact with a child, however weakly
//! graded, is a child reached (a `contact` link graded 2C from a return home interview,
//! 0.6 over 0.5, in full); the grading says how sure the record is, and is listed with
//! the link, not how far the contact reaches. One co-presence of two people
//! (recorded at one place within the window, in different records) is a chance meeting,
//! not a tie: the strongest co-presence of each pair is taken off the tie's weight, so
//! one counts nothing and two count in full. And a co-presence counts as far as its
//! place's meetings are beyond what the place's footfall gives by chance
//! ([`super::tie_chance`], the Knox baseline the place score reads its pairs apart
//! against): at a station holding a twentieth of an area's records, hundreds of pairs
//! are recorded there twice within three hours by unrelated timing, and none of those
//! co-presences is a tie; at a quiet place every one counts. Shared records and
//! recorded links are never read against footfall.
//!
//! | component | points (defaults, `[connection]` in the settings file) | why |
//! |---|---|---|
//! | `children_direct` | 10 × Σ s over children tied directly | the children the person is in contact with |
//! | `children_two_hops` | 4 × Σ over children of max(0, p − s), p the strongest two-tie path (s₁ · s₂, through a peer or anyone), s the direct strength | children reached through others; monotone, since a direct tie is worth more than the path it replaces |
//! | `persons_of_concern_tied` | 10 × Σ over other persons of concern tied of s × Σ over the children both reach directly of the weaker of their two ties, s from recorded links and shared records only (co-presence left out: two adults passing through one busy station are not associates) | position among the adults around the same children: each tie to another adult of concern counts once for every child the two are both in contact with, so the hub of a group (the organiser holding links to every member, each around the same children) collects the children of every tie and ranks above the members, each tied to the hub alone (weighted degree in the persons-of-concern subgraph, each tie weighted by its strength and the children the two share; Wasserman & Faust 1994, ch. 5); adults who know each other but share no child are an association, which alone is no safeguarding concern (the Gangs Violence Matrix lesson) |
//! | `brokerage` | 20 × betweenness / the data's largest | lies on the shortest paths between others (Freeman 1977) |
//! | `groups_bridged` | 5 × Σ over peer groups other than their own of the strongest tie into that group | reaches into several groups of young people |
//! | `hotspot_places` | 5 per hotspot place (top of the place ranking) they are recorded at | present where harm concentrates; zero on a network-only dataset |
//! | `recency` | 10 × 2^(−days since their latest record / half-life) | current, not historic |
//!
//! Every component is monotone in the evidence: a stronger tie, or one more tie, never
//! lowers it (betweenness, relative to the largest, is the exception any path measure
//! has).

use super::NetworkAnalysis;
use super::Settings;
use super::component::PersonComponent;
use super::tie_strength::Strengths;
use crate::model::{Dataset, EventId, LinkId, PersonId, PlaceId, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Coefficients of the connection score (`[connection]` in the settings file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionCoefficients {
    /// The tie weight that counts in full: a tie of weight w counts `min(1, w / reach_weight)`.
    /// Default 0.5, half a shared record: a recorded link is a statement that the
    /// relationship exists, so an `associate` link graded 2B (0.8 × 0.56 = 0.45) between
    /// two adults counts 0.9, a `contact` link to a child (0.6, its grading given back as
    /// reach) in full, and one shared record in full. (Under the old threshold of 1, even
    /// an associate link graded 1A, 0.8, was no tie at all.)
    pub reach_weight: f64,
    /// Points per child tied directly, in full.
    pub child_direct: f64,
    /// Points per child two ties away, in full.
    pub child_two_hops: f64,
    /// Points per child shared with another person of concern tied, each in full.
    pub person_of_concern_tied: f64,
    /// Points for the data's largest betweenness.
    pub brokerage: f64,
    /// Points per other peer group reached, in full.
    pub group_bridged: f64,
    /// Points per hotspot place the person is recorded at.
    pub hotspot_place: f64,
    /// Points for a record today, halving every half-life.
    pub recency: f64,
}

impl Default for ConnectionCoefficients {
    fn default() -> Self {
        Self {
            reach_weight: 0.5,
            child_direct: 10.0,
            child_two_hops: 4.0,
            person_of_concern_tied: 10.0,
            brokerage: 20.0,
            group_bridged: 5.0,
            hotspot_place: 5.0,
            recency: 10.0,
        }
    }
}

/// The named components of a person of concern's connection score, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ConnectionComponents {
    /// Children tied directly, each by the strength of the tie.
    pub children_direct: f64,
    /// Children two ties away, by the strength of the path beyond any direct tie.
    pub children_two_hops: f64,
    /// Other persons of concern tied, each by the strength of the tie × the children the
    /// two share.
    pub persons_of_concern_tied: f64,
    /// Betweenness relative to the data's biggest broker.
    pub brokerage: f64,
    /// Other peer groups reached, each by the strongest tie into it.
    pub groups_bridged: f64,
    /// Hotspot places (top of the location ranking) they are recorded at.
    pub hotspot_places: f64,
    /// How recent their latest record is.
    pub recency: f64,
}

impl ConnectionComponents {
    /// Component names, in output order.
    pub const NAMES: [&'static str; 7] = {
        let mut names = [""; 7];
        let mut i = 0;
        while i < names.len() {
            names[i] = PersonComponent::ALL[i].as_str();
            i += 1;
        }
        names
    };

    /// `(component, points)` in [`PersonComponent::ALL`] order.
    pub fn named(&self) -> [(PersonComponent, f64); 7] {
        use PersonComponent as C;
        [
            (C::ChildrenDirect, self.children_direct),
            (C::ChildrenTwoHops, self.children_two_hops),
            (C::PersonsOfConcernTied, self.persons_of_concern_tied),
            (C::Brokerage, self.brokerage),
            (C::GroupsBridged, self.groups_bridged),
            (C::HotspotPlaces, self.hotspot_places),
            (C::Recency, self.recency),
        ]
    }

    /// The non-zero components, largest first (ties in output order).
    pub fn leading(&self) -> Vec<(PersonComponent, f64)> {
        let mut v: Vec<(PersonComponent, f64)> =
            self.named().into_iter().filter(|(_, x)| *x > 0.0).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }

    /// Their sum.
    pub fn total(&self) -> f64 {
        self.named().iter().map(|(_, v)| v).sum()
    }
}

/// A person of concern's connection score: a line of enquiry for a named practitioner,
/// never an automated decision.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionScore {
    /// The person (role `perpetrator`).
    pub person: PersonId,
    /// 1 for the highest total; ties by `person_id`.
    pub rank: usize,
    /// Sum of the components.
    pub total: f64,
    /// The components.
    pub components: ConnectionComponents,
    /// Children tied directly.
    pub children_direct: Vec<PersonId>,
    /// Children two ties away (whose path is stronger than any direct tie).
    pub children_two_hops: Vec<PersonId>,
    /// Other persons of concern tied directly.
    pub persons_of_concern_tied: Vec<PersonId>,
    /// Hotspot places they are recorded at.
    pub hotspot_places: Vec<PlaceId>,
    /// The recorded links behind their ties, sorted.
    pub evidence_links: Vec<LinkId>,
    /// The events behind their ties and their places, sorted.
    pub evidence_events: Vec<EventId>,
    /// Share of their evidence (links and events) from their most common source system.
    pub top_source_share: f64,
    /// That source system.
    pub top_source: Option<String>,
    /// Possibly under 18 at as-of (by birth year): may also be exploited.
    pub may_also_be_exploited: bool,
}

/// Scores every person of concern, best first (ties by `person_id`).
///
/// # Arguments
/// * `hotspots` — places at the top of the location ranking (empty on a network-only
///   dataset).
///
/// # Complexity
/// O(Σ over persons of concern of the ties within two steps).
pub fn connection_scores(
    d: &Dataset,
    a: &NetworkAnalysis,
    hotspots: &BTreeSet<PlaceId>,
    settings: &Settings,
) -> Vec<ConnectionScore> {
    let ties = Strengths::new(d, a, settings);
    // The children each person of concern is in contact with directly: two persons of
    // concern count as tied in position by the children they share.
    let reach: HashMap<usize, BTreeMap<usize, f64>> = d
        .people
        .iter()
        .filter(|p| p.role == Role::Perpetrator)
        .map(|p| (p.id.index(), direct_children(d, &ties, p.id.index())))
        .collect();
    let mut out: Vec<ConnectionScore> = d
        .people
        .iter()
        .filter(|p| p.role == Role::Perpetrator)
        .map(|p| score_person(d, a, hotspots, settings, &ties, &reach, p.id))
        .collect();
    out.sort_by(|x, y| {
        y.total.total_cmp(&x.total).then_with(|| {
            d.people[x.person.index()]
                .key
                .cmp(&d.people[y.person.index()].key)
        })
    });
    for (i, s) in out.iter_mut().enumerate() {
        s.rank = i + 1;
    }
    out
}

/// One person of concern's score, unranked.
fn score_person(
    d: &Dataset,
    a: &NetworkAnalysis,
    hotspots: &BTreeSet<PlaceId>,
    settings: &Settings,
    ties: &Strengths<'_>,
    reach: &HashMap<usize, BTreeMap<usize, f64>>,
    person: PersonId,
) -> ConnectionScore {
    let k = &settings.connection;
    let v = person.index();
    // Every person of concern's direct reach was measured once, for position.
    let direct = reach.get(&v).cloned().unwrap_or_default();
    let two = children_two_hops(d, ties, v, &direct);
    let pocs = persons_of_concern_tied(ties, reach, v);
    let bridged = groups_bridged(a, ties, v);
    let attended = a.network.places_of(person);
    let places: BTreeSet<PlaceId> = attended
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| hotspots.contains(p))
        .collect();
    let (links, events) = evidence(a, person, &attended);
    let (top_source, top_source_share) = top_source(d, &links, &events);
    let latest = events.iter().map(|e| d.events[e.index()].occurred_at).max();
    let recency = latest.map_or(0.0, |t| {
        let days = (d.as_of.cutoff() - t).num_seconds() as f64 / 86_400.0;
        k.recency * (-days.max(0.0) / settings.half_life_days).exp2()
    });
    let max_b = ties.max_betweenness;
    let sum = |m: &BTreeMap<usize, f64>| m.values().sum::<f64>();
    let components = ConnectionComponents {
        children_direct: k.child_direct * sum(&direct),
        children_two_hops: k.child_two_hops * sum(&two),
        persons_of_concern_tied: k.person_of_concern_tied * sum(&pocs),
        brokerage: if max_b > 0.0 {
            k.brokerage * a.betweenness.normalised[v] / max_b
        } else {
            0.0
        },
        groups_bridged: k.group_bridged * sum(&bridged),
        hotspot_places: k.hotspot_place * places.len() as f64,
        recency,
    };
    let ids = |m: &BTreeMap<usize, f64>| m.keys().map(|&x| PersonId(x as u32)).collect();
    ConnectionScore {
        person,
        rank: 0,
        total: components.total(),
        components,
        children_direct: ids(&direct),
        children_two_hops: ids(&two),
        persons_of_concern_tied: ids(&pocs),
        hotspot_places: places.into_iter().collect(),
        evidence_links: links.into_iter().collect(),
        evidence_events: events.into_iter().collect(),
        top_source_share,
        top_source,
        may_also_be_exploited: d.people[v]
            .age_range(d.as_of)
            .is_some_and(|(min, _)| min < 18),
    }
}

/// The children a person reaches two ties away, each by the strongest path beyond any
/// direct tie (`max(0, s1 * s2 - s)`, s from `direct`).
fn children_two_hops(
    d: &Dataset,
    ties: &Strengths<'_>,
    v: usize,
    direct: &BTreeMap<usize, f64>,
) -> BTreeMap<usize, f64> {
    let is_child = |p: usize| d.people[p].role == Role::Child;
    // p -- the strongest two-tie path to each child, s1 * s2.
    let mut paths: BTreeMap<usize, f64> = BTreeMap::new();
    for (u, s1) in ties.of(v) {
        for (x, s2) in ties.reach(u) {
            if x != v && is_child(x) {
                let p = paths.entry(x).or_default();
                *p = p.max(s1 * s2);
            }
        }
    }
    paths
        .into_iter()
        .map(|(x, p)| (x, (p - direct.get(&x).copied().unwrap_or(0.0)).max(0.0)))
        .filter(|(_, c)| *c > 0.0)
        .collect()
}

/// The children tied to `v` directly, each with the strength of the tie as reach.
fn direct_children(d: &Dataset, ties: &Strengths<'_>, v: usize) -> BTreeMap<usize, f64> {
    ties.reach(v)
        .filter(|(x, _)| d.people[*x].role == Role::Child)
        .collect()
}

/// The other persons of concern tied to `v` by what is recorded about them (links and
/// shared records, no co-presence), each counting the strength of the tie times the
/// children the two are both in contact with, `Σ over children of the weaker of their
/// two ties`: adults of concern around the same children are a group, and the one tied
/// to all of them is its hub, collecting the shared children of every tie; adults who
/// know each other but share no child are an association, which alone is no
/// safeguarding concern (the Gangs Violence Matrix lesson, docs/domain.md §6).
fn persons_of_concern_tied(
    ties: &Strengths<'_>,
    reach: &HashMap<usize, BTreeMap<usize, f64>>,
    v: usize,
) -> BTreeMap<usize, f64> {
    let Some(own) = reach.get(&v) else {
        return BTreeMap::new();
    };
    ties.recorded(v)
        .filter_map(|(u, s)| {
            let theirs = reach.get(&u)?;
            let shared: f64 = own
                .iter()
                .filter_map(|(c, x)| theirs.get(c).map(|y| x.min(*y)))
                .sum();
            let s = s * shared;
            (s > 0.0).then_some((u, s))
        })
        .collect()
}

/// The peer groups other than their own that a person reaches, each by their strongest
/// tie into it.
fn groups_bridged(a: &NetworkAnalysis, ties: &Strengths<'_>, v: usize) -> BTreeMap<usize, f64> {
    let own = a.peer_groups.group_of[v];
    let mut bridged: BTreeMap<usize, f64> = BTreeMap::new();
    for (u, s) in ties.of(v) {
        if let Some(gr) = a.peer_groups.group_of[u].filter(|gr| Some(*gr) != own) {
            let b = bridged.entry(gr).or_default();
            *b = b.max(s);
        }
    }
    bridged
}

/// The links and events of a person's ties and of the places they are recorded at.
fn evidence(
    a: &NetworkAnalysis,
    person: PersonId,
    attended: &[(PlaceId, &[EventId])],
) -> (BTreeSet<LinkId>, BTreeSet<EventId>) {
    let mut links: BTreeSet<LinkId> = BTreeSet::new();
    let mut events: BTreeSet<EventId> = BTreeSet::new();
    for &w in a.network.persons.neighbours(person.index()) {
        if let Some(t) = a.network.tie(person, PersonId(w)) {
            links.extend(&t.links);
            events.extend(t.events());
        }
    }
    for (_, evs) in attended {
        events.extend(evs.iter());
    }
    (links, events)
}

/// The most common source system among the records, and its share of them (a data-source
/// bias warning when one system supplies most of a person's evidence).
fn top_source(
    d: &Dataset,
    links: &BTreeSet<LinkId>,
    events: &BTreeSet<EventId>,
) -> (Option<String>, f64) {
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    let unrecorded = "unrecorded";
    for l in links {
        let src = d.links[l.index()].provenance.source.as_deref();
        *sources.entry(src.unwrap_or(unrecorded)).or_default() += 1;
    }
    for e in events {
        let src = d.events[e.index()].provenance.source.as_deref();
        *sources.entry(src.unwrap_or(unrecorded)).or_default() += 1;
    }
    let total: usize = sources.values().sum();
    let top = sources
        .iter()
        .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)));
    let share = if total > 0 {
        *top.map_or(&0, |t| t.1) as f64 / total as f64
    } else {
        0.0
    };
    (top.map(|t| t.0.to_string()), share)
}
