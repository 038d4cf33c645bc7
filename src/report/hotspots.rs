//! Writers for the location engine: the places table (written as `hotspots.csv`, and
//! with geometry as GeoParquet and GeoPackage by [`super::hotspots_geo`]),
//! `hotspots.geojson`, `grid.geojson`, `premises_types.csv`. GeoJSON is WGS84
//! longitude/latitude as RFC 7946 requires; BNG metres are kept as properties.

use super::file::write_feature_collection;
use super::{ColumnTable, Values};
use crate::model::{Bng, Dataset};
use crate::privacy::Disclosure;
use crate::score::{Components, LocationAnalysis};
use crate::spatial::bng_to_wgs84;
use serde_json::json;
use std::path::Path;

fn lat_lon(p: Bng) -> (f64, f64) {
    bng_to_wgs84(p)
        .map(|(la, lo)| (round(la, 7), round(lo, 7)))
        .unwrap_or((f64::NAN, f64::NAN))
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

/// The ranked places as a table: rank, place, total, each component, the measures
/// behind them, the cell's Gi*, when things happen, and the event ids of the evidence.
///
/// Counts of children, persons of concern and pairs are counts (suppressed for
/// partners when small), and the components computed from them (and the total) are
/// hidden wherever they would give a suppressed count away; event ids are record
/// references (withheld from partners).
pub fn places_table(d: &Dataset, la: &LocationAnalysis) -> ColumnTable {
    let mut t = ColumnTable::new();
    place_columns(&mut t, d, la);
    score_columns(&mut t, la);
    measure_columns(&mut t, la);
    cell_time_and_evidence_columns(&mut t, d, la);
    masks(&mut t);
    t
}

/// Who and where each place is: rank, id, name, kind, area, licence and position.
fn place_columns(t: &mut ColumnTable, d: &Dataset, la: &LocationAnalysis) {
    let r = &la.ranking;
    let place = |i: usize| &d.places[r[i].place.index()];
    let n = r.len();
    t.push("rank", int(n, &|i| r[i].rank as i64))
        .push("place_id", text(n, &|i| place(i).key.clone()))
        .push(
            "name",
            Values::OptText((0..n).map(|i| place(i).name.clone()).collect()),
        )
        .push("kind", text(n, &|i| place(i).kind.to_string()))
        .push(
            "area",
            Values::OptText((0..n).map(|i| place(i).area.clone()).collect()),
        )
        .push(
            "licensed",
            Values::OptBool((0..n).map(|i| place(i).licensed).collect()),
        )
        .push("easting", float(n, &|i| place(i).location.easting))
        .push("northing", float(n, &|i| place(i).location.northing))
        .push("lat", float(n, &|i| lat_lon(place(i).location).0))
        .push("lon", float(n, &|i| lat_lon(place(i).location).1));
}

/// The score: the total, each component, and the three leading components.
fn score_columns(t: &mut ColumnTable, la: &LocationAnalysis) {
    let r = &la.ranking;
    let n = r.len();
    t.push("total", float(n, &|i| round(r[i].total, 6)));
    for (k, name) in Components::NAMES.iter().enumerate() {
        t.push(name, float(n, &|i| round(r[i].components.named()[k].1, 6)));
    }
    t.push(
        // The three largest components by name, of those the audience sees (declared
        // below); their points are in their columns.
        "leading",
        text(n, &|i| {
            r[i].components
                .leading()
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }),
    );
}

/// The measures behind the components: events, children, persons of concern, pairs, and the findings at the place.
fn measure_columns(t: &mut ColumnTable, la: &LocationAnalysis) {
    let r = &la.ranking;
    let n = r.len();
    t.push("events", count(n, &|i| r[i].measures.events))
        .push(
            "weighted_events",
            float(n, &|i| round(r[i].measures.weight, 6)),
        )
        .push("distinct_children", count(n, &|i| r[i].measures.children))
        .push(
            "distinct_persons_of_concern",
            count(n, &|i| r[i].measures.persons_of_concern),
        )
        .push(
            "children_linked",
            float(n, &|i| round(r[i].measures.children_linked, 6)),
        )
        .push(
            "persons_of_concern_linked",
            float(n, &|i| round(r[i].measures.persons_of_concern_linked, 6)),
        )
        .push(
            "about_children",
            float(n, &|i| round(r[i].measures.about_children, 6)),
        )
        .push("co_present_pairs", count(n, &|i| r[i].measures.pairs))
        .push(
            "children_found_repeatedly",
            count(n, &|i| r[i].measures.repeat_found),
        )
        .push(
            "children_found_at_night",
            count(n, &|i| r[i].measures.found_at_night),
        )
        .push(
            "children_found_with_poc",
            count(n, &|i| r[i].measures.found_with_poc),
        )
        .push(
            "children_sharing_a_poc",
            count(n, &|i| r[i].measures.shared_poc_children),
        )
        .push(
            "children_alone",
            count(n, &|i| r[i].measures.children_alone),
        )
        .push(
            "children_by_chance",
            float(n, &|i| round(r[i].measures.children_by_chance, 9)),
        )
        .push("pairs_apart", count(n, &|i| r[i].measures.pairs_apart))
        .push(
            "pairs_by_chance",
            float(n, &|i| round(r[i].measures.pairs_by_chance, 9)),
        )
        .push(
            "concern",
            text(n, &|i| {
                r[i].measures
                    .concern
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        )
        .push(
            "gathering",
            Values::Bool(r.iter().map(|s| s.measures.gathering).collect()),
        )
        .push(
            "gathering_children",
            count(n, &|i| r[i].measures.gathering_children),
        )
        .push(
            "gathering_records",
            count(n, &|i| r[i].measures.gathering_records),
        )
        .push("returns", count(n, &|i| r[i].measures.returns));
}

/// The cell's Gi*, when things happen, and the event ids of the evidence.
fn cell_time_and_evidence_columns(t: &mut ColumnTable, d: &Dataset, la: &LocationAnalysis) {
    let r = &la.ranking;
    let n = r.len();
    let ids = |v: &[crate::model::EventId]| {
        v.iter()
            .map(|id| d.events[id.index()].key.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    t.push("area_gi_z", float(n, &|i| round(r[i].measures.area_z, 9)))
        .push("cell_gi_z", float(n, &|i| round(r[i].cell_z, 9)))
        .push("cell_gi_q", float(n, &|i| r[i].cell_q))
        .push(
            "cell_hot",
            Values::Bool(r.iter().map(|s| s.cell_hot).collect()),
        )
        .push(
            "busiest_time",
            Values::OptText(
                (0..n)
                    .map(|i| la.profiles[r[i].place.index()].busiest().map(|b| b.0))
                    .collect(),
            ),
        )
        .push(
            "night_share",
            float(n, &|i| {
                round(la.profiles[r[i].place.index()].night_share(), 4)
            }),
        )
        .push(
            "event_ids",
            Values::Records((0..n).map(|i| ids(&r[i].evidence.events)).collect()),
        )
        .push(
            "co_presence_event_ids",
            Values::Records((0..n).map(|i| ids(&r[i].evidence.co_presence)).collect()),
        )
        .push(
            "indicator_event_ids",
            Values::Records((0..n).map(|i| ids(&r[i].evidence.indicators)).collect()),
        );
}

/// Which columns are hidden wherever the counts they are computed from are suppressed,
/// and the column that names the leading components.
fn masks(t: &mut ColumnTable) {
    let people = [
        "distinct_children",
        "distinct_persons_of_concern",
        "co_present_pairs",
        "children_found_repeatedly",
        "children_found_at_night",
        "children_found_with_poc",
        "children_sharing_a_poc",
        "children_alone",
        "pairs_apart",
    ];
    t.masked_with("children", &["distinct_children"])
        .masked_with("children_linked", &["distinct_children"])
        .masked_with("about_children", &["distinct_children"])
        .masked_with("persons_of_concern", &["distinct_persons_of_concern"])
        .masked_with(
            "persons_of_concern_linked",
            &["distinct_persons_of_concern"],
        )
        .masked_with("co_presence", &["co_present_pairs"])
        .masked_with("repeat_found", &["children_found_repeatedly"])
        .masked_with("found_at_night", &["children_found_at_night"])
        .masked_with("found_with_person_of_concern", &["children_found_with_poc"])
        .masked_with("shared_person_of_concern", &["children_sharing_a_poc"])
        .masked_with("children_by_chance", &["children_alone"])
        .masked_with("pairs_by_chance", &["pairs_apart"])
        .masked_with("total", &people)
        .masked_with("intensity", &["events"])
        .masked_with("weighted_events", &["events"])
        .ranked_names("leading", 3);
}

/// A text column of `n` rows.
fn text(n: usize, f: &dyn Fn(usize) -> String) -> Values {
    Values::Text((0..n).map(f).collect())
}

/// A number column of `n` rows.
fn float(n: usize, f: &dyn Fn(usize) -> f64) -> Values {
    Values::Float((0..n).map(f).collect())
}

/// An integer column of `n` rows.
fn int(n: usize, f: &dyn Fn(usize) -> i64) -> Values {
    Values::Int((0..n).map(f).collect())
}

/// A count column of `n` rows (suppressed for partners when small).
fn count(n: usize, f: &dyn Fn(usize) -> usize) -> Values {
    Values::Count((0..n).map(|i| Some(f(i) as u64)).collect())
}

/// Writes `hotspots.geojson` for the disclosure's audience: one point per place with the
/// columns of [`places_table`] as released for that audience, every property a plain
/// value (the time profiles are flat tables of their own,
/// [`super::time_profiles`]).
///
/// # Errors
/// Any I/O error.
pub fn write_places_geojson(
    path: &Path,
    d: &Dataset,
    la: &LocationAnalysis,
    to: &Disclosure,
) -> std::io::Result<()> {
    let Some(table) = to.release(&places_table(d, la)) else {
        return Ok(());
    };
    let features = la.ranking.iter().enumerate().map(|(i, s)| {
        let (lat, lon) = lat_lon(d.places[s.place.index()].location);
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": table.row_json(i)})
    });
    write_feature_collection(path, &json!({"places": la.ranking.len()}), features, to)
}

/// Writes `grid.geojson`: cell squares in WGS84, each with its BNG centre (`x`, `y`,
/// metres), count, weight, kde (weight per km²), gi_z, gi_p, gi_q and significant; the
/// grid's origin, cell size and Gi* distance band (metres) are top-level properties.
///
/// Only cells worth drawing are written — cells with events, significant cells, and
/// cells whose density is at least 1% of the peak — so a county-wide grid stays a
/// file QGIS opens at once. `cells_written` and `cells_total` say how many.
///
/// # Errors
/// Any I/O error.
pub fn write_grid_geojson(
    path: &Path,
    la: &LocationAnalysis,
    to: &Disclosure,
) -> std::io::Result<()> {
    let g = &la.grid;
    let fdr = la.settings.fdr;
    let drawn = drawn_cells(la);
    let cells_written = drawn.len();
    // The same table as the GeoPackage's `grid_cells`, cut like every table: partners
    // get `count` as a number, empty where suppressed, and `count_shown` beside it.
    let Some(table) = to.release(&super::hotspots_geo::cells_table(la, &drawn)) else {
        return Ok(());
    };
    let features = drawn.into_iter().enumerate().map(|(k, i)| {
        let c = g.centre(i);
        let h = g.cell / 2.0;
        let corners = [(-h, -h), (h, -h), (h, h), (-h, h), (-h, -h)].map(|(dx, dy)| {
            let (lat, lon) = lat_lon(Bng::new(c.easting + dx, c.northing + dy));
            [lon, lat]
        });
        json!({
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [corners]},
            "properties": table.row_json(k),
        })
    });
    let properties = json!({
        "crs_of_x_y": "EPSG:27700 (British National Grid), metres",
        "origin_x": g.origin.easting, "origin_y": g.origin.northing, "cell_m": g.cell,
        "cols": g.cols, "rows": g.rows, "gi_distance_m": la.gi.distance,
        "bandwidth_m": la.settings.bandwidth(), "kde_units": "weight per km²", "fdr": fdr,
        "cells_total": g.len(), "cells_in_study_area": la.inside.iter().filter(|x| **x).count(),
        "cells_written": cells_written, "study_area": la.area,
    });
    write_feature_collection(path, &properties, features, to)
}

/// The cells worth drawing, by index: inside the study area, and with events, or
/// significant under Gi* (FDR), or with a density at least 1% of the peak.
pub fn drawn_cells(la: &LocationAnalysis) -> Vec<usize> {
    let peak = la.kde.iter().copied().fold(0.0, f64::max);
    let fdr = la.settings.fdr;
    (0..la.grid.len())
        .filter(|&i| {
            la.inside[i]
                && (la.cell_count[i] > 0
                    || la.gi.is_hot(i, fdr)
                    || (peak > 0.0 && la.kde[i] >= 0.01 * peak))
        })
        .collect()
}

/// Premises-type risk as a table.
pub fn premises_types_table(la: &LocationAnalysis) -> ColumnTable {
    let r = &la.premises_types;
    let mut t = ColumnTable::new();
    t.push(
        "kind",
        Values::Text(r.iter().map(|x| x.kind.to_string()).collect()),
    )
    .push(
        "premises",
        Values::Int(r.iter().map(|x| x.premises as i64).collect()),
    )
    .push(
        "premises_with_events",
        Values::Int(r.iter().map(|x| x.premises_with_events as i64).collect()),
    )
    .push(
        "events",
        Values::Count(r.iter().map(|x| Some(x.events as u64)).collect()),
    )
    .push(
        "weighted_events",
        Values::Float(r.iter().map(|x| round(x.weight, 6)).collect()),
    )
    .push(
        "rate_per_premises",
        Values::Float(r.iter().map(|x| round(x.rate, 6)).collect()),
    )
    .push(
        "relative_risk",
        Values::Float(r.iter().map(|x| round(x.relative_risk, 6)).collect()),
    )
    .push(
        "ci95_low",
        Values::Float(r.iter().map(|x| round(x.ci_low, 6)).collect()),
    )
    .push(
        "ci95_high",
        Values::OptFloat(r.iter().map(|x| x.ci_high.map(|v| round(v, 6))).collect()),
    );
    t
}

/// The tools suggested for assessed places, one row per place and tool: why it applies,
/// the evidence it needs, what the records show, who leads. For the spreadsheet.
pub fn tools_table(assessments: &[crate::assess::PlaceAssessment]) -> ColumnTable {
    let rows: Vec<(
        &crate::assess::PlaceAssessment,
        &crate::assess::ToolFinding,
        &str,
    )> = assessments
        .iter()
        .flat_map(|a| {
            a.tools
                .iter()
                .map(move |f| (a, f, "applies"))
                .chain(a.tools_to_check.iter().map(move |f| (a, f, "check first")))
        })
        .collect();
    let text = |f: &dyn Fn(usize) -> String| Values::Text((0..rows.len()).map(f).collect());
    let mut t = ColumnTable::new();
    t.push("place_id", text(&|i| rows[i].0.place.place_id.clone()))
        .push(
            "place",
            text(&|i| rows[i].0.place.name.clone().unwrap_or_default()),
        )
        .push(
            "rank",
            Values::Int(rows.iter().map(|r| r.0.score.rank as i64).collect()),
        )
        .push("tool_id", text(&|i| rows[i].1.id.clone()))
        .push("tool", text(&|i| rows[i].1.name.clone()))
        .push("verdict", text(&|i| rows[i].2.to_string()))
        .push("law", text(&|i| rows[i].1.law.clone()))
        .push("lead_agency", text(&|i| rows[i].1.lead_agency.to_string()))
        .push(
            "partners",
            text(&|i| {
                let names: Vec<&str> = rows[i].1.partners.iter().map(|a| a.as_str()).collect();
                names.join("; ")
            }),
        )
        .push("applies_because", text(&|i| rows[i].1.why.join("; ")))
        .push("check_first", text(&|i| rows[i].1.to_check.join("; ")))
        .push(
            "evidence_needed",
            text(&|i| rows[i].1.evidence_needed.clone()),
        )
        .push(
            "matching_events",
            Values::Count(
                rows.iter()
                    .map(|r| r.1.evidence.as_ref().map(|e| e.events.0))
                    .collect(),
            ),
        )
        .push(
            "window_days",
            Values::OptInt(
                rows.iter()
                    .map(|r| r.1.evidence.as_ref().map(|e| i64::from(e.window_days)))
                    .collect(),
            ),
        )
        .push(
            "event_ids",
            Values::Records(rows.iter().map(|r| r.1.event_refs.0.join(";")).collect()),
        );
    t
}
