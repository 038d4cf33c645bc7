//! The report's map: the grid's extent, every cell of the study area with its density
//! and Gi* z, and the top places as markers.

use crate::assess::place::shown_total;
use crate::model::{Bng, Dataset};
use crate::privacy::Derived;
use crate::score::LocationAnalysis;
use serde::Serialize;

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

/// The map: the grid's extent, every cell of the study area (a cell left out would
/// read as missing data, not as low density), the top places.
pub(super) fn map_data(
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
