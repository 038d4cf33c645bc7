//! Writers for `disrupt trends`: `trends.{csv,parquet,geojson}` (one row per cell with
//! data: its emerging hot spot category, the Mann–Kendall trend of its Gi* z-scores and
//! the series) and `place_trends.csv` (each place's score per step and its trend).

use super::file::write_feature_collection;
use super::{ColumnTable, Values};
use crate::model::{Bng, Dataset};
use crate::privacy::{Audience, Count, Disclosure};
use crate::score::PlaceTrends;
use crate::spatial::{EmergingHotSpots, SpaceTimeCube, bng_to_wgs84};
use serde_json::json;
use std::path::Path;

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

fn series(v: &[f64], places: i32) -> String {
    v.iter()
        .map(|x| format!("{}", round(*x, places)))
        .collect::<Vec<_>>()
        .join(";")
}

/// One row per cell with data: cell, row, col, BNG centre, category, trend z, p, tau and
/// Sen's slope of its Gi* z-scores (per step), the steps it was a significant hot or cold
/// spot, the last step's z, its event count (a count, suppressed for partners when
/// small) and the z series oldest first (`;`-separated).
pub fn trends_table(cube: &SpaceTimeCube, eh: &EmergingHotSpots) -> ColumnTable {
    let c = &eh.cells;
    let g = &cube.grid;
    let float = |f: &dyn Fn(usize) -> f64| Values::Float((0..c.len()).map(f).collect());
    let int = |f: &dyn Fn(usize) -> i64| Values::Int((0..c.len()).map(f).collect());
    let mut t = ColumnTable::new();
    t.push("cell", int(&|i| c[i].cell as i64))
        .push("row", int(&|i| g.row_col(c[i].cell).0 as i64))
        .push("col", int(&|i| g.row_col(c[i].cell).1 as i64))
        .push("easting", float(&|i| g.centre(c[i].cell).easting))
        .push("northing", float(&|i| g.centre(c[i].cell).northing))
        .push(
            "category",
            Values::Text(c.iter().map(|x| x.category.to_string()).collect()),
        )
        .push("trend_z", float(&|i| round(c[i].trend.z, 9)))
        .push("trend_p", float(&|i| round(c[i].trend.p, 12)))
        .push("tau", float(&|i| round(c[i].trend.tau, 9)))
        .push("sen_slope", float(&|i| round(c[i].trend.slope, 9)))
        .push("hot_steps", int(&|i| c[i].hot_steps() as i64))
        .push("cold_steps", int(&|i| c[i].cold_steps() as i64))
        .push(
            "last_z",
            float(&|i| round(c[i].z.last().copied().unwrap_or(0.0), 9)),
        )
        .push(
            "events",
            Values::Count(c.iter().map(|x| Some(x.events)).collect()),
        )
        .push(
            "z_series",
            Values::Text(c.iter().map(|x| series(&x.z, 9)).collect()),
        );
    t
}

/// Writes `trends.geojson`: each cell with data as a WGS84 square with the columns of
/// [`trends_table`] as released for the audience; the steps, grid and settings are
/// top-level properties.
///
/// # Errors
/// Any I/O error.
pub fn write_trends_geojson(
    path: &Path,
    cube: &SpaceTimeCube,
    eh: &EmergingHotSpots,
    to: &Disclosure,
) -> std::io::Result<()> {
    let Some(table) = to.release(&trends_table(cube, eh)) else {
        return Ok(());
    };
    let g = &cube.grid;
    let features = eh.cells.iter().enumerate().map(|(k, t)| {
        let c = g.centre(t.cell);
        let h = g.cell / 2.0;
        let corners = [(-h, -h), (h, -h), (h, h), (-h, h), (-h, -h)].map(|(dx, dy)| {
            let (lat, lon) = bng_to_wgs84(Bng::new(c.easting + dx, c.northing + dy))
                .unwrap_or((f64::NAN, f64::NAN));
            [round(lon, 7), round(lat, 7)]
        });
        json!({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [corners]},
               "properties": table.row_json(k)})
    });
    let steps: Vec<String> = cube
        .steps
        .iter()
        .map(|s| format!("{}/{}", s.start, s.end))
        .collect();
    let properties = json!({
        "crs_of_easting_northing": "EPSG:27700 (British National Grid), metres",
        "origin_x": g.origin.easting, "origin_y": g.origin.northing, "cell_m": g.cell,
        "cols": g.cols, "rows": g.rows, "gi_distance_m": eh.distance,
        "time_neighbours": eh.time_neighbours, "fdr": eh.fdr, "steps": steps,
        "cells_written": eh.cells.len(),
    });
    write_feature_collection(path, &properties, features, to)
}

/// Each place's trend: place, name, kind, direction (rising, steady, falling), the
/// Mann–Kendall z, p, tau and Sen's slope (points per step) of its hotspot score per
/// step, the last step's score, and — except for partners, since a score can be worked
/// back to the small counts behind it — the score series oldest first.
pub fn place_trends_table(d: &Dataset, pt: &PlaceTrends, to: &Disclosure) -> ColumnTable {
    let p = &pt.places;
    let float = |f: &dyn Fn(usize) -> f64| Values::Float((0..p.len()).map(f).collect());
    let mut t = ColumnTable::new();
    t.push(
        "place_id",
        Values::Text(d.places.iter().map(|x| x.key.clone()).collect()),
    )
    .push(
        "name",
        Values::OptText(d.places.iter().map(|x| x.name.clone()).collect()),
    )
    .push(
        "kind",
        Values::Text(d.places.iter().map(|x| x.kind.to_string()).collect()),
    )
    .push(
        "direction",
        Values::Text(p.iter().map(|x| x.direction.to_string()).collect()),
    )
    .push("trend_z", float(&|i| round(p[i].trend.z, 9)))
    .push("trend_p", float(&|i| round(p[i].trend.p, 12)))
    .push("tau", float(&|i| round(p[i].trend.tau, 9)))
    .push("sen_slope", float(&|i| round(p[i].trend.slope, 9)));
    if to.audience() != Audience::Partner {
        t.push(
            "last_score",
            float(&|i| round(p[i].scores.last().copied().unwrap_or(0.0), 6)),
        )
        .push(
            "score_series",
            Values::Text(p.iter().map(|x| series(&x.scores, 6)).collect()),
        );
    }
    t
}

/// The space-time cube's non-empty bins: `cell`, `step` (0 the oldest), `events` (a
/// count, suppressed for partners when small) and `weight` (harm, base × grading), so
/// the cube can be checked or analysed elsewhere (`benches/compare/trends.py` runs esda
/// and pymannkendall on it).
pub fn cube_table(cube: &SpaceTimeCube) -> ColumnTable {
    let cells = cube.cells();
    let bins: Vec<usize> = (0..cube.count.len())
        .filter(|&b| cube.count[b] > 0)
        .collect();
    let mut t = ColumnTable::new();
    t.push(
        "cell",
        Values::Int(bins.iter().map(|&b| (b % cells) as i64).collect()),
    )
    .push(
        "step",
        Values::Int(bins.iter().map(|&b| (b / cells) as i64).collect()),
    )
    .push(
        "events",
        Values::Count(
            bins.iter()
                .map(|&b| Some(u64::from(cube.count[b])))
                .collect(),
        ),
    )
    .push(
        "weight",
        Values::Float(bins.iter().map(|&b| cube.weight[b]).collect()),
    )
    // A cell's steps add up to its `events` in trends.csv.
    .additive_by_group("events", bins.iter().map(|&b| (b % cells) as u64).collect());
    t
}

/// The category tally as JSON for `run.json`: counts of cells per category, released
/// for the audience.
pub fn tally_json(eh: &EmergingHotSpots) -> serde_json::Value {
    let m: serde_json::Map<String, serde_json::Value> = eh
        .tally()
        .into_iter()
        .map(|(c, n)| (c.to_string(), json!(Count(n as u64))))
        .collect();
    serde_json::Value::Object(m)
}
