//! The location engine's outputs in GIS formats, every geometry in the British National
//! Grid (EPSG:27700, metres): `hotspots.parquet` as GeoParquet 1.1 (the places with a
//! WKB `geometry` column), and `hotspots.gpkg`, a GeoPackage 1.3 with the layers
//! `places`, `grid_cells`, `study_area` (when a boundary was given) and, for analysts,
//! `hot_spot_cells`, with a QGIS style for the places' score, also written beside it as
//! `hotspots.qml`.

use super::geopackage::{Layer, Style, write_geopackage};
use super::hotspots::{drawn_cells, places_table};
use super::wkb::Geometry;
use super::{ColumnTable, Values, qml};
use crate::model::Dataset;
use crate::privacy::{Audience, Disclosure};
use crate::score::LocationAnalysis;
use crate::spatial::StudyArea;
use std::io::Write;
use std::path::Path;

/// Each ranked place's point, in the order of [`places_table`]'s rows.
pub fn place_points(d: &Dataset, la: &LocationAnalysis) -> Vec<Geometry> {
    la.ranking
        .iter()
        .map(|s| Geometry::point(d.places[s.place.index()].location))
        .collect()
}

/// Writes `hotspots.parquet` as GeoParquet: [`places_table`] as released for the
/// audience, with each place's point (places are not personal: every audience gets
/// them).
///
/// # Errors
/// Any I/O or Parquet error.
pub fn write_places_geoparquet(
    path: &Path,
    d: &Dataset,
    la: &LocationAnalysis,
    to: &Disclosure,
) -> std::io::Result<()> {
    places_table(d, la).write_geoparquet(path, &place_points(d, la), to)?;
    Ok(())
}

/// The grid cells `cells` as a table: the columns of `grid.geojson` (cell index, BNG
/// centre `x`, `y` in metres, count of events, weight, kde in weight per km², Gi* z, p
/// and q, and whether the cell is significant under Gi* with the FDR).
pub fn cells_table(la: &LocationAnalysis, cells: &[usize]) -> ColumnTable {
    let fdr = la.settings.fdr;
    let float = |f: &dyn Fn(usize) -> f64| Values::Float(cells.iter().map(|&i| f(i)).collect());
    let round = |x: f64| (x * 1e9).round() / 1e9;
    let mut t = ColumnTable::new();
    t.push(
        "cell",
        Values::Int(cells.iter().map(|&i| i as i64).collect()),
    )
    .push("x", float(&|i| la.grid.centre(i).easting))
    .push("y", float(&|i| la.grid.centre(i).northing))
    .push(
        "count",
        Values::Count(
            cells
                .iter()
                .map(|&i| Some(u64::from(la.cell_count[i])))
                .collect(),
        ),
    )
    .push("weight", float(&|i| round(la.cell_weight[i])))
    .push("kde", float(&|i| round(la.kde[i])))
    .push("gi_z", float(&|i| round(la.gi.z[i])))
    .push("gi_p", float(&|i| la.gi.p[i]))
    .push("gi_q", float(&|i| la.gi.q[i]))
    .push(
        "significant",
        Values::Bool(cells.iter().map(|&i| la.gi.is_hot(i, fdr)).collect()),
    );
    t
}

/// Each cell's square, BNG metres.
fn cell_squares(la: &LocationAnalysis, cells: &[usize]) -> Vec<Geometry> {
    cells
        .iter()
        .map(|&i| Geometry::square(la.grid.centre(i), la.grid.cell))
        .collect()
}

/// A layer's released table and geometries, owned until the file is written.
struct Owned {
    name: &'static str,
    description: String,
    table: ColumnTable,
    geometries: Vec<Geometry>,
}

/// The layers of `hotspots.gpkg` for the disclosure's audience, each table as released.
fn layers(
    d: &Dataset,
    la: &LocationAnalysis,
    area: Option<&StudyArea>,
    to: &Disclosure,
) -> Vec<Owned> {
    let mut out = Vec::new();
    let mut add = |name, description: String, t: &ColumnTable, geometries| {
        if let Some(table) = to.release(t) {
            out.push(Owned {
                name,
                description,
                table,
                geometries,
            });
        }
    };
    add(
        "places",
        "ranked places: score, components and measures, as in hotspots.csv".into(),
        &places_table(d, la),
        place_points(d, la),
    );
    let drawn = drawn_cells(la);
    let cell_m = la.grid.cell;
    add(
        "grid_cells",
        format!("{cell_m} m grid cells worth drawing: count, weight, KDE (weight per km²) and Gi*"),
        &cells_table(la, &drawn),
        cell_squares(la, &drawn),
    );
    if let Some(a) = area {
        let mut t = ColumnTable::new();
        t.push("name", Values::Text(vec![a.name.clone()]));
        add(
            "study_area",
            format!("the study area's boundary: {}", a.name),
            &t,
            vec![Geometry::multi_polygon(&a.polygon)],
        );
    }
    if to.audience() == Audience::Analyst {
        let fdr = la.settings.fdr;
        let hot: Vec<usize> = drawn
            .iter()
            .copied()
            .filter(|&i| la.gi.is_hot(i, fdr))
            .collect();
        add(
            "hot_spot_cells",
            format!("cells significant under Gi* with a false discovery rate of {fdr}"),
            &cells_table(la, &hot),
            cell_squares(la, &hot),
        );
    }
    out
}

/// The highest `total` in a released places table (0 when none is shown).
fn highest_total(places: &ColumnTable) -> f64 {
    let values: Vec<f64> = match places.column(qml::SCORE) {
        Some(Values::Float(v)) => v.clone(),
        Some(Values::OptFloat(v)) => v.iter().flatten().copied().collect(),
        _ => Vec::new(),
    };
    values
        .into_iter()
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
}

/// Writes `hotspots.gpkg` and `hotspots.qml` into `out` for the disclosure's audience
/// (see the module's documentation), both recorded as outputs. `gpkg_contents`'
/// `last_change` is the dataset's as-of day, so the same data write the same file.
///
/// # Errors
/// Any I/O or SQLite error.
pub fn write_hotspots_geopackage(
    out: &Path,
    d: &Dataset,
    la: &LocationAnalysis,
    area: Option<&StudyArea>,
    to: &Disclosure,
) -> std::io::Result<()> {
    let owned = layers(d, la, area, to);
    let style = places_style(&owned);
    let layers: Vec<Layer<'_>> = owned
        .iter()
        .map(|o| Layer {
            name: o.name,
            description: &o.description,
            table: &o.table,
            geometries: &o.geometries,
        })
        .collect();
    let styles = [Style {
        layer: "places",
        name: "score",
        qml: &style,
        description: "places graduated by their total score",
    }];
    let last_change = format!("{}T00:00:00.000Z", d.as_of.0.format("%Y-%m-%d"));
    let gpkg = out.join("hotspots.gpkg");
    write_geopackage(&gpkg, &layers, &styles, &last_change)?;
    to.record_output(gpkg);
    let qml_path = out.join("hotspots.qml");
    crate::plumbing::file::write_atomic(&qml_path, |w| w.write_all(style.as_bytes()))?;
    to.record_output(qml_path);
    Ok(())
}

/// The places' style, its classes set by the highest score the audience sees.
fn places_style(layers: &[Owned]) -> String {
    let highest = layers
        .iter()
        .find(|l| l.name == "places")
        .map_or(0.0, |l| highest_total(&l.table));
    qml::places_style(highest)
}
