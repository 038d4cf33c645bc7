//! One area's part of the study-wide figures ([`crate::score::study`]), read by the same
//! code the location engine and the network engine read them with, so that the parts
//! summed over every area are what one run over the union would have read.

use super::Settings;
use super::footfall::Footfall;
use super::location::{Placed, canonical_points, located};
use super::place_score::{people_of_events, records_at_places};
use super::study::{LatticeWeight, PARTIALS_FORMAT, PartialExtent, Partials};
use super::tie_chance::CoPresenceChance;
use crate::graph::Network;
use crate::model::Dataset;
use crate::spatial::LatticeCell;
use std::collections::BTreeMap;

impl Partials {
    /// This area's part: its located records' extremes (`rank` at each end of each
    /// coordinate: at least the study's located records × 0.001, plus 2, for the
    /// study's percentiles to be exact), its counted events per lattice cell, its
    /// footfall with each child named by `pseudonym` (of their person index), and the
    /// period of its network's records at places. `settings` are the run's, without a
    /// study.
    ///
    /// # Complexity
    /// O(E log E) for E events: one pass of snapping, weighing and the network build.
    pub fn of(
        d: &Dataset,
        settings: &Settings,
        rank: usize,
        pseudonym: impl Fn(usize) -> String,
    ) -> Self {
        let mut settings = settings.clone();
        settings.study = None;
        let placed = Placed::new(d, &settings);
        let points = canonical_points(d, &placed.used, &placed.weights);
        let extent = PartialExtent::of(located(d, &points), rank);
        let mut cells: BTreeMap<(i64, i64), (u64, f64)> = BTreeMap::new();
        for (p, w) in &points {
            let c = cells
                .entry(LatticeCell::of(*p, settings.cell_m))
                .or_default();
            c.0 += 1;
            c.1 += w;
        }
        let at_place = records_at_places(d, &placed.snapped, &placed.used);
        let (involved, _) = people_of_events(d);
        let footfall = Footfall::new(d, &settings, &at_place, &involved).partial(pseudonym);
        let network = Network::build(d, &settings.network, &placed.used, &placed.snapped.place);
        let chance = CoPresenceChance::new(d, &network, &settings);
        Partials {
            format: PARTIALS_FORMAT.to_string(),
            cell_m: settings.cell_m,
            margin_m: settings.bandwidth(),
            extent,
            cells: cells
                .into_iter()
                .map(|((col, row), (count, weight))| LatticeWeight {
                    col,
                    row,
                    count,
                    weight,
                })
                .collect(),
            footfall,
            attendance: chance.attendance,
            co_presence: chance.own,
        }
    }
}
