//! The files more than one command writes: the location engine's tables and maps
//! (`hotspots` and `analyse`), the network engine's (`network` and `analyse`), and the
//! trend tables (`trends` and `analyse`). Each writer returns its part of run.json.

use anyhow::Context;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::report::hotspots::{
    places_table, premises_types_table, write_grid_geojson, write_places_geojson,
};
use disrupt::report::hotspots_geo::{write_hotspots_geopackage, write_places_geoparquet};
use disrupt::report::network::{
    entities_i2_table, groups_table, links_i2_table, people_table, ties_table, write_graphml,
    write_yed_graphml,
};
use disrupt::report::time_profiles::{place_hours_table, place_months_table};
use disrupt::report::trends::{place_trends_table, trends_table, write_trends_geojson};
use disrupt::score::NetworkAnalysis;
use disrupt::score::{LocationAnalysis, TrendAnalysis};
use disrupt::spatial::StudyArea;
use serde_json::json;
use std::path::Path;

/// Writes the location engine's files into `out` and returns their part of `run.json`.
pub fn write_hotspots(
    out: &Path,
    data: &Path,
    loaded: &Loaded,
    la: &LocationAnalysis,
    groups: &disrupt::graph::PeerGroups,
    network: &disrupt::graph::Network,
    to: &Disclosure,
) -> anyhow::Result<serde_json::Value> {
    let d = &loaded.dataset;
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    places_table(d, la)
        .write_csv(&out.join("hotspots.csv"), to)
        .with_context(|| ctx("hotspots.csv"))?;
    write_places_geoparquet(&out.join("hotspots.parquet"), d, la, to)
        .with_context(|| ctx("hotspots.parquet"))?;
    write_places_geojson(&out.join("hotspots.geojson"), d, la, to)
        .with_context(|| ctx("hotspots.geojson"))?;
    write_grid_geojson(&out.join("grid.geojson"), la, to).with_context(|| ctx("grid.geojson"))?;
    premises_types_table(la)
        .write_csv(&out.join("premises_types.csv"), to)
        .with_context(|| ctx("premises_types.csv"))?;
    place_hours_table(d, la)
        .write_csv(&out.join("place_hours.csv"), to)
        .with_context(|| ctx("place_hours.csv"))?;
    place_months_table(d, la)
        .write_csv(&out.join("place_months.csv"), to)
        .with_context(|| ctx("place_months.csv"))?;
    let inputs: serde_json::Map<String, serde_json::Value> = loaded
        .reports
        .iter()
        .map(|(t, r)| {
            let v = json!({"sha256": r.sha256, "read": r.read, "accepted": r.accepted, "rejected": r.rejected, "expired": r.expired, "legacy_gradings": r.legacy_gradings});
            (t.name().to_string(), v)
        })
        .collect();
    let g = &la.grid;
    let run = json!({
        "command": "hotspots",
        "dataset": data.display().to_string(),
        "audience": to.audience(),
        "admission": d.admission,
        "as_of": d.as_of.0.to_string(),
        "as_of_inferred": loaded.as_of_inferred,
        "settings": la.settings,
        "effective": {"bandwidth_m": la.settings.bandwidth(), "gi_distance_m": la.settings.gi_distance()},
        "inputs": inputs,
        "counts": la.counts,
        "location_stages": la.stages,
        "location_note": la.stages.note(),
        "study_area": la.area,
        "grid": {"origin_x": g.origin.easting, "origin_y": g.origin.northing, "cell_m": g.cell, "cols": g.cols, "rows": g.rows,
                 "significant_cells": (0..g.len()).filter(|&i| la.gi.is_hot(i, la.settings.fdr)).count()},
        "peer_groups": {"groups": groups.groups.len(), "modularity": groups.modularity,
                        "places_where_groups_meet": groups.meeting_places(network, &la.snapped.place).len()},
    });
    Ok(run)
}

/// Writes `hotspots.gpkg` and `hotspots.qml` into `out`: the places, the grid cells, the
/// study area's boundary `area` (when given) and, for analysts, the hot-spot cells.
pub fn write_hotspots_gis(
    out: &Path,
    loaded: &Loaded,
    la: &LocationAnalysis,
    area: Option<&StudyArea>,
    to: &Disclosure,
) -> anyhow::Result<()> {
    write_hotspots_geopackage(out, &loaded.dataset, la, area, to)
        .with_context(|| format!("writing {}", out.join("hotspots.gpkg").display()))
}

/// Writes the network engine's files into `out` and returns their part of `run.json`.
pub fn write_network(
    out: &Path,
    data: &Path,
    loaded: &Loaded,
    a: &NetworkAnalysis,
    monitor: &disrupt::privacy::Disproportionality,
    to: &Disclosure,
) -> anyhow::Result<serde_json::Value> {
    let d = &loaded.dataset;
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    let tables = || -> anyhow::Result<()> {
        super::dataset::write_csv_and_parquet(out, "people", &people_table(d, a), to)?;
        groups_table(d, a)
            .write_csv(&out.join("groups.csv"), to)
            .with_context(|| ctx("groups.csv"))?;
        // For i2 Analyst's Notebook (datasets/i2/disrupt.ximp): links one type per row,
        // and the people as entities.
        links_i2_table(d, a)
            .write_csv(&out.join("links_i2.csv"), to)
            .with_context(|| ctx("links_i2.csv"))?;
        entities_i2_table(d, a)
            .write_csv(&out.join("entities_i2.csv"), to)
            .with_context(|| ctx("entities_i2.csv"))?;
        // One row per tie for a distributed engine (GraphFrames edges: rename
        // `entity1`/`entity2` to `src`/`dst`).
        ties_table(d, a)
            .write_parquet(&out.join("ties.parquet"), to)
            .with_context(|| ctx("ties.parquet"))?;
        Ok(())
    };
    let graphml = || {
        write_graphml(&out.join("network.graphml"), d, a, to)
            .with_context(|| ctx("network.graphml"))
    };
    let yed = || {
        write_yed_graphml(&out.join("network.yed.graphml"), d, a, to)
            .with_context(|| ctx("network.yed.graphml"))
    };
    // Three writers of their own files, side by side.
    let (tables, (graphml, yed)) = rayon::join(tables, || rayon::join(graphml, yed));
    tables?;
    graphml?;
    yed?;
    let run = json!({
        "command": "network",
        "dataset": data.display().to_string(),
        "as_of": d.as_of.0.to_string(),
        "audience": to.audience(),
        "admission": d.admission,
        "legacy_gradings": loaded.reports.iter().filter(|(_, r)| r.legacy_gradings.rows > 0).map(|(t, r)| (t.name(), r.legacy_gradings)).collect::<std::collections::BTreeMap<_, _>>(),
        "counts": a.network.counts,
        "disproportionality": monitor,
        "capped_places": a.network.counts.capped_places.iter().map(|p| &d.places[p.index()].key).collect::<Vec<_>>(),
        "betweenness": a.betweenness,
        "peer_groups": a.peer_groups.groups.len(),
        "modularity": a.peer_groups.modularity,
    });
    Ok(run)
}

/// What `disrupt analyse` writes of the trends `ta`: `trends.*` and `place_trends.csv` in `out`,
/// and the report's section (unreleased JSON) for the top places of `la`.
pub fn write_trends_for_report(
    out: &Path,
    loaded: &Loaded,
    la: &disrupt::score::LocationAnalysis,
    ta: &TrendAnalysis,
    to: &Disclosure,
) -> anyhow::Result<serde_json::Value> {
    let d = &loaded.dataset;
    write_trend_tables(out, loaded, ta, to)?;
    let top: Vec<_> = la
        .ranking
        .iter()
        .filter(|s| s.total > 0.0)
        .take(disrupt::report::report_data::TOP_PLACES)
        .map(|s| (s.rank, s.place))
        .collect();
    let section = disrupt::report::trends_section::trends_section(d, ta, &top);
    Ok(serde_json::to_value(&section)?)
}

/// The trend tables of `ta` in `out`: `trends.{csv,parquet,geojson}`,
/// `place_trends.csv` and `cube.csv`.
pub fn write_trend_tables(
    out: &Path,
    loaded: &Loaded,
    ta: &TrendAnalysis,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    super::dataset::write_csv_and_parquet(
        out,
        "trends",
        &trends_table(&ta.cube, &ta.emerging),
        to,
    )?;
    write_trends_geojson(&out.join("trends.geojson"), &ta.cube, &ta.emerging, to)
        .with_context(|| ctx("trends.geojson"))?;
    place_trends_table(&loaded.dataset, &ta.places, to)
        .write_csv(&out.join("place_trends.csv"), to)
        .with_context(|| ctx("place_trends.csv"))?;
    disrupt::report::trends::cube_table(&ta.cube)
        .write_csv(&out.join("cube.csv"), to)
        .with_context(|| ctx("cube.csv"))?;
    Ok(())
}
