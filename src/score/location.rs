//! The location engine: snap events to places, weigh them, grid them (KDE, Gi*), and
//! score and rank every place.

use super::hotspot::{Evidence, Measures, PlaceScore};
use super::premises_type::premises_type_risk;
use super::{EventWeigher, EventWeight, PremisesTypeRisk, Settings, TimeProfile};
use crate::model::{Bng, Dataset, EventId, Exclusion, PersonId, PlaceId, Role};
use crate::spatial::{
    GiStar, Grid, GridError, PlaceIndex, SnapCounts, Snapped, StudyArea, kde, snap,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How the events were used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LocationCounts {
    /// Events in the dataset.
    pub events: usize,
    /// Events past their review date (excluded).
    pub expired: usize,
    /// Handling-code C events, left out of a partner run.
    pub handling_c: usize,
    /// Events before the window (excluded).
    pub outside_window: usize,
    /// Events that weigh nothing for places, such as `missing_from` (excluded).
    pub zero_weight: usize,
    /// Events that counted.
    pub used: usize,
    /// How events were placed.
    pub snap: SnapCounts,
    /// Counted events outside the grid's extent (far outliers; see [`Grid::covering`]).
    pub outside_grid: usize,
}

/// Everything the location engine computed.
#[derive(Debug, Clone)]
pub struct LocationAnalysis {
    /// The settings used.
    pub settings: Settings,
    /// The R-tree of places.
    pub index: PlaceIndex,
    /// Where each event is, after snapping.
    pub snapped: Snapped,
    /// Each event's weight (by event index).
    pub weights: Vec<EventWeight>,
    /// Whether each event counted.
    pub used: Vec<bool>,
    /// The grid.
    pub grid: Grid,
    /// Counted events per cell.
    pub cell_count: Vec<u32>,
    /// Total weight per cell.
    pub cell_weight: Vec<f64>,
    /// Kernel density per cell, weight per km².
    pub kde: Vec<f64>,
    /// Gi* per cell.
    pub gi: GiStar,
    /// Whether each cell is inside the study area (all true without a boundary).
    pub inside: Vec<bool>,
    /// The study area's name, if a boundary was given.
    pub area: Option<String>,
    /// Every place's score, best first.
    pub ranking: Vec<PlaceScore>,
    /// Premises-type risk, highest first.
    pub premises_types: Vec<PremisesTypeRisk>,
    /// Each place's time profile (by place index).
    pub profiles: Vec<TimeProfile>,
    /// Counts.
    pub counts: LocationCounts,
}

impl LocationAnalysis {
    /// Runs the location engine on a dataset, with a grid covering its places and events.
    ///
    /// # Errors
    /// [`GridError`] when there is nothing to grid or the grid would be too large.
    pub fn run(d: &Dataset, settings: &Settings) -> Result<Self, GridError> {
        Self::run_in(d, settings, None)
    }

    /// Runs the location engine with the grid covering a study area: cells whose centre
    /// lies outside the boundary take no part in Gi*, and events outside it are counted
    /// as outside the grid.
    ///
    /// # Errors
    /// [`GridError`] when there is nothing to grid or the grid would be too large.
    pub fn run_in(
        d: &Dataset,
        settings: &Settings,
        area: Option<&StudyArea>,
    ) -> Result<Self, GridError> {
        let index = PlaceIndex::new(&d.places);
        let snapped = snap(&d.events, &index, settings.snap_m);
        let weigher = EventWeigher::new(settings, d.as_of);
        let mut counts = LocationCounts {
            events: d.events.len(),
            snap: snapped.counts,
            ..Default::default()
        };
        let weights: Vec<EventWeight> = d.events.iter().map(|e| weigher.weigh(e)).collect();
        let used: Vec<bool> = d
            .events
            .iter()
            .zip(&weights)
            .map(|(e, w)| {
                if let Some(why) = d.exclusion(&e.provenance) {
                    match why {
                        Exclusion::Expired => counts.expired += 1,
                        Exclusion::HandlingC => counts.handling_c += 1,
                    }
                    false
                } else if !weigher.in_window(e) {
                    counts.outside_window += 1;
                    false
                } else if w.base <= 0.0 {
                    counts.zero_weight += 1;
                    false
                } else {
                    counts.used += 1;
                    true
                }
            })
            .collect();

        // Sum in a canonical order (time, then event id) so every floating-point total
        // is the same bit for bit however the input rows were ordered.
        let mut order: Vec<usize> = (0..d.events.len()).filter(|&i| used[i]).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&d.events[a], &d.events[b]);
            ea.occurred_at
                .cmp(&eb.occurred_at)
                .then_with(|| ea.key.cmp(&eb.key))
        });
        let points: Vec<(Bng, f64)> = order
            .iter()
            .map(|&i| (d.events[i].location, weights[i].weight))
            .collect();
        let grid = match area {
            Some(a) => Grid::from_extent(a.min, a.max, settings.cell_m)?,
            None => {
                let extent = d
                    .places
                    .iter()
                    .map(|p| p.location)
                    .chain(points.iter().map(|p| p.0));
                Grid::covering(extent, settings.cell_m, settings.bandwidth())?
            }
        };
        let inside: Vec<bool> = match area {
            Some(a) => (0..grid.len())
                .map(|i| a.contains(grid.centre(i)))
                .collect(),
            None => vec![true; grid.len()],
        };
        let mut cell_count = vec![0u32; grid.len()];
        let mut cell_weight = vec![0.0; grid.len()];
        for (p, w) in &points {
            match grid.cell_of(*p).filter(|&c| inside[c]) {
                Some(c) => {
                    cell_count[c] += 1;
                    cell_weight[c] += w;
                }
                None => counts.outside_grid += 1,
            }
        }
        let kde = kde(&grid, &points, settings.bandwidth());
        let gi = GiStar::masked(
            &grid,
            &cell_weight,
            settings.gi_distance(),
            area.map(|_| inside.as_slice()),
        );

        let (ranking, profiles, per_place) = score_places(
            d,
            settings,
            &snapped,
            &weights,
            &used,
            &grid,
            &gi,
            &cell_weight,
        );
        let premises_types = premises_type_risk(&per_place);
        Ok(LocationAnalysis {
            settings: settings.clone(),
            index,
            snapped,
            weights,
            used,
            grid,
            cell_count,
            cell_weight,
            kde,
            gi,
            inside,
            area: area.map(|a| a.name.clone()),
            ranking,
            premises_types,
            profiles,
            counts,
        })
    }

    /// Fills in the `peer_groups` component from the network engine — how many peer
    /// groups meet at each place — and ranks the places again.
    ///
    /// # Arguments
    /// * `meeting` — the peer groups meeting at each place
    ///   ([`crate::graph::PeerGroups::meeting_places`]).
    pub fn add_peer_groups(&mut self, d: &Dataset, meeting: &BTreeMap<PlaceId, Vec<usize>>) {
        for s in &mut self.ranking {
            s.measures.peer_groups = meeting.get(&s.place).map_or(0, Vec::len);
            s.components = s.measures.components(&self.settings.score);
            s.total = s.components.total();
        }
        rank(d, &mut self.ranking);
    }

    /// The places at the top of the ranking with a score above zero: the hotspots a
    /// person of concern's `hotspot_places` component counts.
    pub fn hotspots(&self, top: usize) -> BTreeSet<PlaceId> {
        self.ranking
            .iter()
            .filter(|s| s.total > 0.0)
            .take(top)
            .map(|s| s.place)
            .collect()
    }

    /// The score of a place.
    pub fn score_of(&self, place: PlaceId) -> Option<&PlaceScore> {
        self.ranking.iter().find(|s| s.place == place)
    }
}

type PerPlace = Vec<(crate::model::PlaceKind, usize, f64, f64)>;

/// Scores every place and ranks them.
#[allow(clippy::too_many_arguments)]
fn score_places(
    d: &Dataset,
    settings: &Settings,
    snapped: &Snapped,
    weights: &[EventWeight],
    used: &[bool],
    grid: &Grid,
    gi: &GiStar,
    cell_weight: &[f64],
) -> (Vec<PlaceScore>, Vec<TimeProfile>, PerPlace) {
    // Events at each place, in time order (ties by event id) so results never depend on
    // input row order.
    let mut at_place: Vec<Vec<EventId>> = vec![Vec::new(); d.places.len()];
    for (i, e) in d.events.iter().enumerate() {
        if used[i]
            && let Some(p) = snapped.place[i]
        {
            at_place[p.index()].push(e.id);
        }
    }
    for v in &mut at_place {
        v.sort_by_key(|id| (d.events[id.index()].occurred_at, &d.events[id.index()].key));
    }
    // Who was involved in each event: children and persons of concern, sorted.
    let mut involved: Vec<Vec<PersonId>> = vec![Vec::new(); d.events.len()];
    for ep in &d.event_people {
        involved[ep.event.index()].push(ep.person);
    }
    for v in &mut involved {
        v.sort();
        v.dedup();
    }
    let role = |p: PersonId| d.people[p.index()].role;
    let window = chrono::Duration::seconds((settings.network.co_presence_hours * 3600.0) as i64);
    let cap = settings.network.co_presence_cap;

    // Places in key order, so per-kind sums (premises-type risk) do not depend on row order.
    let mut by_key: Vec<&crate::model::Place> = d.places.iter().collect();
    by_key.sort_by(|a, b| a.key.cmp(&b.key));
    let mut scores = Vec::with_capacity(d.places.len());
    let mut profiles = vec![TimeProfile::default(); d.places.len()];
    let mut per_place = Vec::with_capacity(d.places.len());
    for place in by_key {
        let events = &at_place[place.id.index()];
        let mut m = Measures {
            events: events.len(),
            ..Default::default()
        };
        let mut w2 = 0.0;
        // Each child's and person of concern's summed record weight at the place.
        let mut children: BTreeMap<PersonId, f64> = BTreeMap::new();
        let mut pocs: BTreeMap<PersonId, f64> = BTreeMap::new();
        for id in events {
            let w = weights[id.index()].weight;
            m.weight += w;
            w2 += w * w;
            profiles[place.id.index()].add(d.events[id.index()].occurred_at);
            for &p in &involved[id.index()] {
                match role(p) {
                    Role::Child => *children.entry(p).or_default() += w,
                    Role::Perpetrator => *pocs.entry(p).or_default() += w,
                    _ => {}
                }
            }
        }
        let full = settings.score.link_weight;
        let linked =
            |m: &BTreeMap<PersonId, f64>| -> f64 { m.values().map(|w| (w / full).min(1.0)).sum() };
        m.children = children.len();
        m.persons_of_concern = pocs.len();
        m.children_linked = linked(&children);
        m.persons_of_concern_linked = linked(&pocs);
        let (pairs, co_events) = co_presence(d, events, &involved, &role, window, cap);
        m.pairs = pairs;
        let cell = grid
            .cell_of(place.location)
            .filter(|&c| gi.neighbours[c] > 0);
        // The place's own weight in its cell (its events may lie in other cells if they
        // carry their own coordinates; only the part in this cell is taken out).
        if let Some(c) = cell {
            let own: f64 = events
                .iter()
                .filter(|id| grid.cell_of(d.events[id.index()].location) == Some(c))
                .map(|id| weights[id.index()].weight)
                .sum();
            m.area_z = gi.z_without(c, own, cell_weight[c]);
        }
        let components = m.components(&settings.score);
        per_place.push((place.kind, m.events, m.weight, w2));
        scores.push(PlaceScore {
            place: place.id,
            rank: 0,
            total: components.total(),
            components,
            cell,
            cell_z: cell.map_or(0.0, |c| gi.z[c]),
            cell_q: cell.map_or(1.0, |c| gi.q[c]),
            cell_hot: cell.is_some_and(|c| gi.is_hot(c, settings.fdr)),
            measures: m,
            evidence: Evidence {
                events: events.clone(),
                co_presence: co_events,
            },
        });
    }
    rank(d, &mut scores);
    (scores, profiles, per_place)
}

/// Sorts places best first (ties by `place_id`) and numbers their ranks from 1.
fn rank(d: &Dataset, scores: &mut [PlaceScore]) {
    scores.sort_by(|a, b| {
        b.total.total_cmp(&a.total).then_with(|| {
            d.places[a.place.index()]
                .key
                .cmp(&d.places[b.place.index()].key)
        })
    });
    for (i, s) in scores.iter_mut().enumerate() {
        s.rank = i + 1;
    }
}

/// Distinct (child, person of concern) pairs seen together at a place — in the same
/// event, or in events at the place within `window` of each other — and the events that
/// show it, sorted. A window holding more than `cap` people pairs no different events
/// (the network's rule, [`crate::graph::co_presence`]): at a crowded station, being there
/// at the same time is not being together.
///
/// # Complexity
/// O(e · k · p²) for e events, k events per uncrowded window and p people per event.
fn co_presence(
    d: &Dataset,
    events: &[EventId],
    involved: &[Vec<PersonId>],
    role: &impl Fn(PersonId) -> Role,
    window: chrono::Duration,
    cap: usize,
) -> (usize, Vec<EventId>) {
    let mut pairs = BTreeSet::new();
    let mut evidence = BTreeSet::new();
    let spans = crate::graph::co_presence::windows(
        events,
        |e| d.events[e.index()].occurred_at,
        |e| involved[e.index()].as_slice(),
        window,
        cap,
    );
    for w in spans {
        let a = &events[w.at];
        // The event itself always; later events in the window unless it is crowded.
        let last = if w.crowded { w.at + 1 } else { w.end };
        for b in &events[w.at..last] {
            let mut found = false;
            for (x, y) in [(a, b), (b, a)] {
                for &c in involved[x.index()]
                    .iter()
                    .filter(|p| role(**p) == Role::Child)
                {
                    for &p in involved[y.index()]
                        .iter()
                        .filter(|p| role(**p) == Role::Perpetrator)
                    {
                        pairs.insert((c, p));
                        found = true;
                    }
                }
            }
            if found {
                evidence.insert(*a);
                evidence.insert(*b);
            }
        }
    }
    let mut evidence: Vec<EventId> = evidence.into_iter().collect();
    evidence.sort_by_key(|id| (d.events[id.index()].occurred_at, &d.events[id.index()].key));
    (pairs.len(), evidence)
}
