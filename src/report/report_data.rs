//! What `report.html` shows, gathered from the analysis with every person, count and
//! record reference typed, so the report is cut for its audience by the same release as
//! every other output ([`crate::privacy::Disclosure::release_json`]) and rendered from
//! the released value only ([`super::html`]).

use super::layout::layout;
use crate::assess::place::{shown_components, shown_total};
use crate::assess::{GroupAssessment, PlaceAssessment, PlanReview};
use crate::model::{Bng, Dataset, Intake, PersonId, Role};
use crate::pipeline::Analysis;
use crate::privacy::{Count, Derived, Disproportionality, Records};
use crate::score::{LocationAnalysis, NetworkAnalysis};
use serde::Serialize;
use std::collections::BTreeMap;

/// Headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Events that counted.
    pub events_used: usize,
    /// Places.
    pub places: usize,
    /// People.
    pub people: usize,
    /// Persons of concern ranked.
    pub persons_of_concern: usize,
    /// Peer groups.
    pub peer_groups: usize,
    /// Significant hot-spot cells.
    pub hot_cells: usize,
    /// Rows rejected at ingest.
    pub rejected: usize,
}

/// A grid cell drawn on the map.
#[derive(Debug, Clone, Serialize)]
pub struct MapCell {
    /// Centre, BNG metres.
    pub x: f64,
    /// Centre, BNG metres.
    pub y: f64,
    /// Gi* z.
    pub gi_z: f64,
    /// A significant hot spot.
    pub hot: bool,
    /// Density as a share of the peak, `[0, 1]`.
    pub kde: f64,
}

/// A place drawn on the map.
#[derive(Debug, Clone, Serialize)]
pub struct MapPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// BNG metres.
    pub x: f64,
    /// BNG metres.
    pub y: f64,
    /// Rank.
    pub rank: usize,
    /// Score (withheld from partners where it gives a small count away).
    pub total: Derived,
    /// Share of the top score, `[0, 1]`, for the marker size.
    pub size: f64,
}

/// The map.
#[derive(Debug, Clone, Serialize)]
pub struct MapData {
    /// South-west corner, BNG metres.
    pub min: (f64, f64),
    /// North-east corner, BNG metres.
    pub max: (f64, f64),
    /// Cell size, metres.
    pub cell_m: f64,
    /// The highest kernel density of any cell, weight per km² (the key's top).
    pub kde_peak: f64,
    /// The study area's outline (BNG rings), when known.
    pub boundary: Vec<Vec<(f64, f64)>>,
    /// The study area's name.
    pub area: Option<String>,
    /// Every cell of the study area.
    pub cells: Vec<MapCell>,
    /// The top places.
    pub places: Vec<MapPlace>,
}

/// A peer group as a bubble.
#[derive(Debug, Clone, Serialize)]
pub struct GroupBubble {
    /// `G1`, …
    pub id: String,
    /// Members.
    pub members: Count,
    /// Children.
    pub children: Count,
    /// Persons of concern in or tied to it.
    pub persons_of_concern: Count,
}

/// A node of the people diagram.
#[derive(Debug, Clone, Serialize)]
pub struct DiagramNode {
    /// The person.
    pub person: PersonId,
    /// `child`, `peer` or `perpetrator`.
    pub role: String,
    /// Their peer group.
    pub group: Option<String>,
    /// Position, `[0, 1]`.
    pub x: f64,
    /// Position, `[0, 1]`.
    pub y: f64,
    /// Rank, for persons of concern.
    pub rank: Option<usize>,
}

/// The people diagram: peer groups and the persons of concern around them.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleDiagram {
    /// Nodes.
    pub nodes: Vec<DiagramNode>,
    /// Ties between nodes: `(a, b, weight)`.
    pub edges: Vec<(usize, usize, f64)>,
    /// People of the drawn groups left out to keep the diagram readable.
    pub left_out: usize,
}

/// The network section.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkData {
    /// Groups with persons of concern around them, most attached first.
    pub groups: Vec<GroupBubble>,
    /// The diagram of people (record level: not for partners).
    pub people: Records<PeopleDiagram>,
    /// How betweenness was computed.
    pub betweenness: String,
    /// Modularity of the peer groups.
    pub modularity: f64,
}

/// A row of the top places table.
#[derive(Debug, Clone, Serialize)]
pub struct TopPlace {
    /// Rank.
    pub rank: usize,
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Score.
    pub total: Derived,
    /// Components, `(name, points)`.
    pub components: Vec<(String, Derived)>,
    /// Events.
    pub events: Count,
    /// Children.
    pub children: Count,
    /// Persons of concern.
    pub persons_of_concern: Count,
}

/// A row of the premises-type table.
#[derive(Debug, Clone, Serialize)]
pub struct PremisesRow {
    /// Kind.
    pub kind: String,
    /// Premises of the kind.
    pub premises: usize,
    /// Events at them.
    pub events: Count,
    /// Relative risk.
    pub relative_risk: f64,
    /// 95% interval.
    pub ci: (f64, Option<f64>),
}

/// A person of concern in the report's list.
#[derive(Debug, Clone, Serialize)]
pub struct PocRow {
    /// Rank.
    pub rank: usize,
    /// The person.
    pub person: PersonId,
    /// Connection score.
    pub total: f64,
    /// Leading components.
    pub leading: String,
    /// Under 18: may also be exploited.
    pub may_also_be_exploited: bool,
    /// Share of evidence from one source system.
    pub top_source_share: f64,
}

/// Data-quality notes.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    /// Rejected rows per table and the leading reason.
    pub rejected: Vec<(String, usize, String)>,
    /// Events past their review date, left out.
    pub expired_events: usize,
    /// Links past their review date, left out.
    pub expired_links: usize,
    /// Handling-code C events and links left out (partner runs).
    pub handling_c: usize,
    /// Busy places where co-presence was not inferred.
    pub capped_places: Vec<String>,
    /// Persons of concern whose evidence rests 80% or more on one source system.
    pub single_source: Count,
    /// The disproportionality monitor.
    pub disproportionality: Disproportionality,
    /// What the run assumed or skipped: location stages skipped on a network-only
    /// dataset, legacy gradings read with handling C.
    pub notes: Vec<String>,
}

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// The dataset.
    pub dataset: String,
    /// As-of date.
    pub as_of: String,
    /// The tool that wrote it.
    pub generated_by: String,
    /// Headlines.
    pub summary: Summary,
    /// The map.
    pub map: MapData,
    /// The network.
    pub network: NetworkData,
    /// The top places.
    pub top_places: Vec<TopPlace>,
    /// Premises-type risk.
    pub premises_types: Vec<PremisesRow>,
    /// Places where children gather, most children first.
    pub gathering: Vec<super::gathering::GatheringPlace>,
    /// Persons of concern (record level: not for partners).
    pub persons_of_concern: Records<Vec<PocRow>>,
    /// Location assessments of the top places.
    pub assessments: Vec<PlaceAssessment>,
    /// Peer group assessments.
    pub groups: Vec<GroupAssessment>,
    /// The plan review.
    pub review: PlanReview,
    /// Data quality.
    pub quality: Quality,
}

/// How many places the map marks and the table lists.
pub const TOP_PLACES: usize = 20;

/// Gathers the report.
#[allow(clippy::too_many_arguments)]
pub fn report_data(
    d: &Dataset,
    intake: &Intake,
    dataset: &str,
    a: &Analysis,
    assessments: Vec<PlaceAssessment>,
    groups: Vec<GroupAssessment>,
    review: PlanReview,
    disproportionality: Disproportionality,
    boundary: Vec<Vec<Bng>>,
) -> ReportData {
    let la = &a.location;
    let na = &a.network;
    let top: Vec<&crate::score::PlaceScore> = la
        .ranking
        .iter()
        .filter(|s| s.total > 0.0)
        .take(TOP_PLACES)
        .collect();
    let top_places = top_places(d, &top);
    let map = map_data(d, la, &top, boundary);
    let network = network_data(d, a);
    let persons_of_concern = poc_rows(na);
    let quality = quality(d, intake, a, disproportionality);
    ReportData {
        dataset: dataset.to_string(),
        as_of: d.as_of.0.to_string(),
        generated_by: format!("disrupt {}", env!("CARGO_PKG_VERSION")),
        summary: summary(d, intake, a),
        map,
        network,
        top_places,
        gathering: super::gathering::gathering_places(d, la, TOP_PLACES),
        premises_types: premises_rows(la),
        persons_of_concern,
        assessments,
        groups,
        review,
        quality,
    }
}

/// The top places' table rows: rank, score and the points by component.
fn top_places(d: &Dataset, top: &[&crate::score::PlaceScore]) -> Vec<TopPlace> {
    top.iter()
        .map(|s| {
            let p = &d.places[s.place.index()];
            TopPlace {
                rank: s.rank,
                place_id: p.key.clone(),
                name: p.name.clone(),
                kind: p.kind.to_string(),
                total: shown_total(s),
                components: shown_components(s)
                    .into_iter()
                    .map(|(n, v)| (n.to_string(), v))
                    .collect(),
                events: Count(s.measures.events as u64),
                children: Count(s.measures.children as u64),
                persons_of_concern: Count(s.measures.persons_of_concern as u64),
            }
        })
        .collect()
}

/// The map: the grid's extent, every cell of the study area (a cell left out would
/// read as missing data, not as low density), the top places.
fn map_data(
    d: &Dataset,
    la: &LocationAnalysis,
    top: &[&crate::score::PlaceScore],
    boundary: Vec<Vec<Bng>>,
) -> MapData {
    let g = &la.grid;
    let peak = la.kde.iter().copied().fold(0.0, f64::max);
    MapData {
        min: (g.origin.easting, g.origin.northing),
        max: (
            g.origin.easting + g.cell * g.cols as f64,
            g.origin.northing + g.cell * g.rows as f64,
        ),
        cell_m: g.cell,
        kde_peak: (peak * 10.0).round() / 10.0,
        boundary: boundary
            .into_iter()
            .map(|ring| ring.into_iter().map(|p| (p.easting, p.northing)).collect())
            .collect(),
        area: la.area.clone(),
        cells: map_cells(la, peak),
        places: map_places(d, top),
    }
}

/// Every cell inside the study area, with its Gi* z, whether it is a hot spot, and its
/// density relative to the peak.
fn map_cells(la: &LocationAnalysis, peak: f64) -> Vec<MapCell> {
    let g = &la.grid;
    (0..g.len())
        .filter(|&i| la.inside[i])
        .map(|i| {
            let c = g.centre(i);
            MapCell {
                x: c.easting,
                y: c.northing,
                gi_z: (la.gi.z[i] * 100.0).round() / 100.0,
                hot: la.gi.is_hot(i, la.settings.fdr),
                kde: if peak > 0.0 {
                    (la.kde[i] / peak * 1000.0).round() / 1000.0
                } else {
                    0.0
                },
            }
        })
        .collect()
}

/// The top places as map markers, sized by score relative to the best.
fn map_places(d: &Dataset, top: &[&crate::score::PlaceScore]) -> Vec<MapPlace> {
    let best = top.first().map_or(1.0, |s| s.total.max(1e-9));
    top.iter()
        .map(|s| {
            let p = &d.places[s.place.index()];
            MapPlace {
                place_id: p.key.clone(),
                name: p.name.clone(),
                kind: p.kind.to_string(),
                x: p.location.easting,
                y: p.location.northing,
                rank: s.rank,
                total: shown_total(s),
                size: (s.total / best).clamp(0.0, 1.0),
            }
        })
        .collect()
}

/// The leading persons of concern, each with the three components that score most.
fn poc_rows(na: &NetworkAnalysis) -> Records<Vec<PocRow>> {
    Records(
        na.connections
            .iter()
            .take(TOP_PERSONS_OF_CONCERN)
            .map(|s| {
                let mut parts: Vec<(&str, f64)> = s
                    .components
                    .named()
                    .into_iter()
                    .filter(|(_, v)| *v > 0.0)
                    .collect();
                parts.sort_by(|x, y| y.1.total_cmp(&x.1));
                PocRow {
                    rank: s.rank,
                    person: s.person,
                    total: (s.total * 10.0).round() / 10.0,
                    leading: parts
                        .iter()
                        .take(3)
                        .map(|(n, v)| format!("{n} {v:.1}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    may_also_be_exploited: s.may_also_be_exploited,
                    top_source_share: (s.top_source_share * 100.0).round() / 100.0,
                }
            })
            .collect(),
    )
}

/// Data quality: what intake rejected, what expired or was withheld, and the notes.
fn quality(
    d: &Dataset,
    intake: &Intake,
    a: &Analysis,
    disproportionality: Disproportionality,
) -> Quality {
    let la = &a.location;
    let na = &a.network;
    let counts = &na.network.counts;
    Quality {
        rejected: intake.rejected.clone(),
        expired_events: la.counts.expired,
        expired_links: counts.expired_links,
        handling_c: la.counts.handling_c + counts.handling_c_links,
        capped_places: counts
            .capped_places
            .iter()
            .map(|p| d.places[p.index()].key.clone())
            .collect(),
        single_source: Count(
            na.connections
                .iter()
                .filter(|s| s.top_source_share >= 0.8)
                .count() as u64,
        ),
        disproportionality,
        notes: la
            .stages
            .note()
            .map(str::to_string)
            .into_iter()
            .chain(intake.notes.iter().cloned())
            .collect(),
    }
}

/// The headline counts.
fn summary(d: &Dataset, intake: &Intake, a: &Analysis) -> Summary {
    let la = &a.location;
    let na = &a.network;
    let g = &la.grid;
    Summary {
        events_used: la.counts.used,
        places: d.places.len(),
        people: d.people.len(),
        persons_of_concern: na.connections.len(),
        peer_groups: na.peer_groups.groups.len(),
        hot_cells: (0..g.len())
            .filter(|&i| la.gi.is_hot(i, la.settings.fdr))
            .count(),
        rejected: intake.rejected_total,
    }
}

/// Relative risk by premises type, rounded to two places.
fn premises_rows(la: &LocationAnalysis) -> Vec<PremisesRow> {
    la.premises_types
        .iter()
        .map(|r| PremisesRow {
            kind: r.kind.to_string(),
            premises: r.premises,
            events: Count(r.events as u64),
            relative_risk: (r.relative_risk * 100.0).round() / 100.0,
            ci: (
                (r.ci_low * 100.0).round() / 100.0,
                r.ci_high.map(|h| (h * 100.0).round() / 100.0),
            ),
        })
        .collect()
}

/// How many persons of concern the report lists (and its network diagram always draws).
pub const TOP_PERSONS_OF_CONCERN: usize = 20;

/// How many peer groups the diagram draws: first the groups around the listed persons of
/// concern, by rank, then those with the most persons of concern around them.
pub const DIAGRAM_GROUPS: usize = 6;

/// How many people of each group the diagram draws at most: persons of concern, then
/// children, then peers.
pub const DIAGRAM_PER_GROUP: usize = 50;

/// The network section: the peer groups around the listed persons of concern and those
/// with the most persons of concern around them, as bubbles, and the diagram of their
/// people. Every person of concern the report lists is drawn: one whose groups are not
/// drawn is placed in a cluster of their own.
pub fn network_data(d: &crate::model::Dataset, a: &Analysis) -> NetworkData {
    let na = &a.network;
    let groups = &na.peer_groups;
    let around = pocs_around_groups(d, na);
    let listed: Vec<PersonId> = na
        .connections
        .iter()
        .take(TOP_PERSONS_OF_CONCERN)
        .map(|s| s.person)
        .collect();
    let chosen = diagram_groups(&around, &listed);
    let bubbles = group_bubbles(d, na, &chosen, &around);
    let (nodes_p, index, left_out) = diagram_people(d, na, &chosen, &around, &listed);
    let edges = diagram_edges(na, &nodes_p, &index);
    let nodes = diagram_nodes(d, na, &nodes_p, &edges);
    NetworkData {
        groups: bubbles,
        people: Records(PeopleDiagram {
            nodes,
            edges,
            left_out,
        }),
        betweenness: na.betweenness.describe(),
        modularity: (groups.modularity * 1000.0).round() / 1000.0,
    }
}

/// Persons of concern in or around each group, once per group.
fn pocs_around_groups(d: &Dataset, na: &NetworkAnalysis) -> Vec<Vec<PersonId>> {
    let g = &na.network.persons;
    na.peer_groups
        .groups
        .iter()
        .map(|grp| {
            let mut v: Vec<PersonId> = grp
                .members
                .iter()
                .flat_map(|m| {
                    g.neighbours(m.index())
                        .iter()
                        .map(|&w| PersonId(w))
                        .chain(std::iter::once(*m))
                })
                .filter(|p| d.people[p.index()].role == Role::Perpetrator)
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect()
}

/// The groups the diagram draws, up to [`DIAGRAM_GROUPS`]: for each listed person of
/// concern by rank not yet around a chosen group, the group around them with the most
/// persons of concern; then the groups with the most persons of concern around them.
fn diagram_groups(around: &[Vec<PersonId>], listed: &[PersonId]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..around.len()).collect();
    order.sort_by_key(|&gi| (std::cmp::Reverse(around[gi].len()), gi));
    order.retain(|&gi| !around[gi].is_empty());
    let mut chosen: Vec<usize> = Vec::new();
    for p in listed {
        if chosen.len() == DIAGRAM_GROUPS {
            return chosen;
        }
        let drawn = chosen.iter().any(|&gi| around[gi].binary_search(p).is_ok());
        if !drawn
            && let Some(&gi) = order
                .iter()
                .find(|&&gi| around[gi].binary_search(p).is_ok())
        {
            chosen.push(gi);
        }
    }
    for gi in order {
        if chosen.len() == DIAGRAM_GROUPS {
            break;
        }
        if !chosen.contains(&gi) {
            chosen.push(gi);
        }
    }
    chosen
}

/// A bubble for each drawn group: its members, children and persons of concern.
fn group_bubbles(
    d: &Dataset,
    na: &NetworkAnalysis,
    chosen: &[usize],
    around: &[Vec<PersonId>],
) -> Vec<GroupBubble> {
    let groups = &na.peer_groups;
    chosen
        .iter()
        .map(|&gi| {
            let grp = &groups.groups[gi];
            GroupBubble {
                id: grp.id.clone(),
                members: Count(grp.members.len() as u64),
                children: Count(
                    grp.members
                        .iter()
                        .filter(|p| d.people[p.index()].role == Role::Child)
                        .count() as u64,
                ),
                persons_of_concern: Count(around[gi].len() as u64),
            }
        })
        .collect()
}

/// The diagram's people, each with the drawn group it is shown in.
type DiagramPeople = Vec<(PersonId, usize)>;

/// People: the chosen groups' persons of concern (the listed ones first, by rank),
/// children and peers, in that order, up to [`DIAGRAM_PER_GROUP`] each (a diagram of
/// thousands of points shows nothing), then any listed person of concern not drawn yet,
/// in a cluster of their own. Returns them, their position in the list, and how many
/// were left out.
fn diagram_people(
    d: &Dataset,
    na: &NetworkAnalysis,
    chosen: &[usize],
    around: &[Vec<PersonId>],
    listed: &[PersonId],
) -> (DiagramPeople, BTreeMap<PersonId, usize>, usize) {
    let groups = &na.peer_groups;
    let mut index: BTreeMap<PersonId, usize> = BTreeMap::new();
    let mut nodes_p: DiagramPeople = Vec::new();
    let mut left_out = 0usize;
    let rank: BTreeMap<PersonId, usize> = listed.iter().enumerate().map(|(r, &p)| (p, r)).collect();
    let order_of = |p: &PersonId| match d.people[p.index()].role {
        Role::Perpetrator => (0, rank.get(p).copied().unwrap_or(usize::MAX)),
        Role::Child => (1, 0),
        _ => (2, 0),
    };
    for (ci, &gi) in chosen.iter().enumerate() {
        let mut people: Vec<PersonId> = around[gi]
            .iter()
            .chain(groups.groups[gi].members.iter())
            .copied()
            .filter(|p| {
                matches!(
                    d.people[p.index()].role,
                    Role::Child | Role::Peer | Role::Perpetrator
                )
            })
            .filter(|p| !index.contains_key(p))
            .collect();
        people.sort_by_key(|p| (order_of(p), *p));
        people.dedup();
        left_out += people.len().saturating_sub(DIAGRAM_PER_GROUP);
        for m in people.into_iter().take(DIAGRAM_PER_GROUP) {
            index.insert(m, nodes_p.len());
            nodes_p.push((m, ci));
        }
    }
    for &p in listed {
        if let std::collections::btree_map::Entry::Vacant(e) = index.entry(p) {
            e.insert(nodes_p.len());
            nodes_p.push((p, chosen.len()));
        }
    }
    (nodes_p, index, left_out)
}

/// The ties between drawn people, each once, weights to two places.
fn diagram_edges(
    na: &NetworkAnalysis,
    nodes_p: &DiagramPeople,
    index: &BTreeMap<PersonId, usize>,
) -> Vec<(usize, usize, f64)> {
    let g = &na.network.persons;
    let mut edges = Vec::new();
    for (i, (p, _)) in nodes_p.iter().enumerate() {
        for (&w, &x) in g.neighbours(p.index()).iter().zip(g.weights(p.index())) {
            if let Some(&j) = index.get(&PersonId(w))
                && i < j
            {
                edges.push((i, j, (x * 100.0).round() / 100.0));
            }
        }
    }
    edges
}

/// The drawn people laid out by group, with their role, group and rank.
fn diagram_nodes(
    d: &Dataset,
    na: &NetworkAnalysis,
    nodes_p: &DiagramPeople,
    edges: &[(usize, usize, f64)],
) -> Vec<DiagramNode> {
    let groups = &na.peer_groups;
    let rank_of: BTreeMap<PersonId, usize> =
        na.connections.iter().map(|s| (s.person, s.rank)).collect();
    let clusters: Vec<usize> = nodes_p.iter().map(|(_, c)| *c).collect();
    let pos = layout(&clusters, edges, 200);
    nodes_p
        .iter()
        .zip(pos)
        .map(|((p, _), (x, y))| DiagramNode {
            person: *p,
            role: d.people[p.index()].role.to_string(),
            group: groups.group_of[p.index()].map(|gi| groups.groups[gi].id.clone()),
            x: (x * 1000.0).round() / 1000.0,
            y: (y * 1000.0).round() / 1000.0,
            rank: rank_of.get(p).copied(),
        })
        .collect()
}
