//! The location engine: snap events to places, weigh them, grid them (KDE, Gi*), and
//! score and rank every place.

use super::hotspot::PlaceScore;
use super::place_score::{rank, score_places};
use super::premises_type::premises_type_risk;
use super::{EventWeigher, EventWeight, PremisesTypeRisk, Settings, Study, TimeProfile};
use crate::model::{Bng, Dataset, Exclusion, PlaceId};
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

/// Whether the location stages ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationStages {
    /// Snapping, the grid, KDE, Gi* and place scores ran.
    #[default]
    Ran,
    /// Nothing in the dataset is located (no places, no events: people and links only, as
    /// from a link-chart export), so there was nothing to grid or score: the network
    /// runs alone.
    SkippedNoLocations,
}

impl LocationStages {
    /// The note to print and record when the stages were skipped.
    pub fn note(self) -> Option<&'static str> {
        match self {
            LocationStages::Ran => None,
            LocationStages::SkippedNoLocations => Some(
                "no located places or events (a network-only dataset: people and links): the location stages (snapping, grid, KDE, Gi*, place scores) were skipped, and the place-linked components of the person-of-concern score (hotspot_places) are zero",
            ),
        }
    }
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
    /// Total weight per cell, of this run's records (the study's summed over its areas
    /// are what Gi* read, with `--study`).
    pub cell_weight: Vec<f64>,
    /// Kernel density per cell, weight per km².
    pub kde: Vec<f64>,
    /// Gi* per cell.
    pub gi: GiStar,
    /// Whether each cell is inside the study area (all true without a boundary); over
    /// one area of a study (`--study`), whether it is within the box of this run's own
    /// records: the cells its maps and grid tables draw.
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
    /// Whether the location stages ran or were skipped (nothing located).
    pub stages: LocationStages,
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
        let Placed {
            index,
            snapped,
            weights,
            used,
            mut counts,
        } = Placed::new(d, settings);
        let points = canonical_points(d, &used, &weights);
        let study = settings.study.as_deref();
        let (grid, stages) = match study {
            Some(s) => study_grid(s, settings, area)?,
            None => analysis_grid(d, settings, area, &points)?,
        };
        let inside: Vec<bool> = match area {
            Some(a) => (0..grid.len())
                .map(|i| a.contains(grid.centre(i)))
                .collect(),
            None => vec![true; grid.len()],
        };
        let (cell_count, cell_weight) = bin_points(&grid, &inside, &points, &mut counts);
        // Over one area of a study, the cells drawn are the area's own.
        let inside = match study {
            Some(_) => own_cells(&grid, d, &points, settings),
            None => inside,
        };
        let kde = kde(&grid, &points, settings.bandwidth());
        // Gi* reads every cell of the study: this run's own, or the study's summed over
        // every area.
        let study_weight = study.map(|s| s.cell_weight(&grid));
        let layer = study_weight.as_deref().unwrap_or(&cell_weight);
        let gi = GiStar::masked(
            &grid,
            layer,
            settings.gi_distance(),
            area.map(|_| inside.as_slice()),
        );

        let (ranking, profiles, per_place) =
            score_places(d, settings, &snapped, &weights, &used, &grid, &gi, layer);
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
            stages,
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

/// Every event placed, weighed and admitted or left out: the first stage of the
/// location engine.
pub(super) struct Placed {
    /// The R-tree of places.
    pub index: PlaceIndex,
    /// Where each event is, after snapping.
    pub snapped: Snapped,
    /// Each event's weight (by event index).
    pub weights: Vec<EventWeight>,
    /// Whether each event counted.
    pub used: Vec<bool>,
    /// How the events were used (without the grid's count yet).
    pub counts: LocationCounts,
}

impl Placed {
    /// Snaps, weighs and admits every event of `d`.
    pub(super) fn new(d: &Dataset, settings: &Settings) -> Self {
        let index = PlaceIndex::new(&d.places);
        let snapped = snap(&d.events, &index, settings.snap_m);
        let weigher = EventWeigher::new(settings, d.as_of);
        let mut counts = LocationCounts {
            events: d.events.len(),
            snap: snapped.counts,
            ..Default::default()
        };
        let weights: Vec<EventWeight> = d.events.iter().map(|e| weigher.weigh(e)).collect();
        let used = used_events(d, &weigher, &weights, &mut counts);
        Placed {
            index,
            snapped,
            weights,
            used,
            counts,
        }
    }
}

/// Which events the engine uses, counting those left out by why: expired or handling
/// code C, outside the time window, or of no weight.
fn used_events(
    d: &Dataset,
    weigher: &EventWeigher,
    weights: &[EventWeight],
    counts: &mut LocationCounts,
) -> Vec<bool> {
    d.events
        .iter()
        .zip(weights)
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
        .collect()
}

/// The used events as weighted points, in a canonical order (time, then event id) so
/// every floating-point total is the same bit for bit however the input rows were
/// ordered.
pub(super) fn canonical_points(
    d: &Dataset,
    used: &[bool],
    weights: &[EventWeight],
) -> Vec<(Bng, f64)> {
    d.time_order()
        .events()
        .iter()
        .filter(|e| used[e.index()])
        .map(|e| (d.events[e.index()].location, weights[e.index()].weight))
        .collect()
}

/// Every located record the grid covers: the places, then the counted events' points.
pub(super) fn located<'a>(
    d: &'a Dataset,
    points: &'a [(Bng, f64)],
) -> impl Iterator<Item = Bng> + Clone + 'a {
    d.places
        .iter()
        .map(|p| p.location)
        .chain(points.iter().map(|p| p.0))
}

/// The grid: over the study area, or covering the places and events; an empty grid,
/// and the location stages skipped, when nothing has a location.
fn analysis_grid(
    d: &Dataset,
    settings: &Settings,
    area: Option<&StudyArea>,
    points: &[(Bng, f64)],
) -> Result<(Grid, LocationStages), GridError> {
    let mut stages = LocationStages::Ran;
    let grid = match area {
        Some(a) => Grid::from_extent(a.min, a.max, settings.cell_m)?,
        None => match Grid::covering(located(d, points), settings.cell_m, settings.bandwidth()) {
            Err(GridError::Empty) => {
                stages = LocationStages::SkippedNoLocations;
                Grid::empty(settings.cell_m)
            }
            other => other?,
        },
    };
    Ok((grid, stages))
}

/// The study's grid ([`crate::score::study`]), for a run over one of its areas; an empty
/// grid, and the location stages skipped, when nothing in the study is located.
fn study_grid(
    study: &Study,
    settings: &Settings,
    area: Option<&StudyArea>,
) -> Result<(Grid, LocationStages), GridError> {
    if area.is_some() {
        return Err(GridError::Study(
            "--boundary and --study: a study's grid covers all of its areas' records; leave out --boundary".into(),
        ));
    }
    study
        .check(settings.cell_m, settings.bandwidth())
        .map_err(|e| GridError::Study(e.to_string()))?;
    Ok(match study.grid()? {
        Some(g) => (g, LocationStages::Ran),
        None => (
            Grid::empty(settings.cell_m),
            LocationStages::SkippedNoLocations,
        ),
    })
}

/// The cells of `grid` (a study's) within the box this run's own records would have
/// drawn ([`Grid::covering`]): the cells its maps and grid tables show.
fn own_cells(grid: &Grid, d: &Dataset, points: &[(Bng, f64)], settings: &Settings) -> Vec<bool> {
    match Grid::covering(located(d, points), settings.cell_m, settings.bandwidth()) {
        Ok(own) => (0..grid.len())
            .map(|i| own.cell_of(grid.centre(i)).is_some())
            .collect(),
        Err(_) => vec![false; grid.len()],
    }
}

/// Events and their weight per cell inside the study area, counting the points that
/// fall outside the grid.
fn bin_points(
    grid: &Grid,
    inside: &[bool],
    points: &[(Bng, f64)],
    counts: &mut LocationCounts,
) -> (Vec<u32>, Vec<f64>) {
    let mut cell_count = vec![0u32; grid.len()];
    let mut cell_weight = vec![0.0; grid.len()];
    for (p, w) in points {
        match grid.cell_of(*p).filter(|&c| inside[c]) {
            Some(c) => {
                cell_count[c] += 1;
                cell_weight[c] += w;
            }
            None => counts.outside_grid += 1,
        }
    }
    (cell_count, cell_weight)
}
