//! `hotspots.gpkg` is a GeoPackage 1.3 in the British National Grid, with a QGIS style;
//! `hotspots.parquet` is GeoParquet 1.1. Opened here as SQLite and Parquet; the
//! readers' test (tests/readers) opens them in GDAL and pyarrow.

use crate::support::disrupt;
use polars::prelude::*;
use rusqlite::Connection;
use std::path::Path;

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

/// `disrupt analyse` on the bundled example (Lambeth's boundary) for analysts.
fn analyst_run(out: &Path) {
    let o = disrupt()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("analyse")
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// `disrupt hotspots` on the example for partners (no boundary given).
fn partner_run(out: &Path) {
    let o = disrupt()
        .arg("hotspots")
        .arg(example())
        .args(["--audience", "partner", "--out"])
        .arg(out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn strings(db: &Connection, sql: &str) -> Vec<String> {
    let mut s = db.prepare(sql).expect("prepare");
    s.query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn int(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn columns(db: &Connection, table: &str) -> Vec<(String, String)> {
    let mut s = db
        .prepare(&format!("PRAGMA table_info(\"{table}\")"))
        .expect("prepare");
    s.query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

#[test]
fn analysts_get_a_geopackage_of_places_cells_area_and_hot_spots() {
    let out = tempfile::tempdir().expect("dir");
    analyst_run(out.path());
    let db = Connection::open(out.path().join("hotspots.gpkg")).expect("opens");
    assert_eq!(int(&db, "PRAGMA application_id"), 0x4750_4B47, "'GPKG'");
    assert_eq!(int(&db, "PRAGMA user_version"), 10300);
    assert_eq!(strings(&db, "PRAGMA integrity_check"), ["ok"]);
    let srs = strings(
        &db,
        "SELECT organization || ':' || srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id",
    );
    assert_eq!(srs, ["NONE:-1", "NONE:0", "EPSG:4326", "EPSG:27700"]);
    let wkt = strings(
        &db,
        "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 27700",
    );
    assert!(wkt[0].contains("British National Grid"), "{wkt:?}");
    let layers = strings(
        &db,
        "SELECT table_name || ' ' || geometry_type_name || ' ' || srs_id FROM gpkg_geometry_columns ORDER BY table_name",
    );
    assert_eq!(
        layers,
        [
            "grid_cells POLYGON 27700",
            "hot_spot_cells POLYGON 27700",
            "places POINT 27700",
            "study_area MULTIPOLYGON 27700",
        ]
    );
    let contents = strings(
        &db,
        "SELECT table_name || ' ' || data_type || ' ' || coalesce(srs_id, '-') FROM gpkg_contents ORDER BY table_name",
    );
    assert_eq!(
        contents,
        [
            "grid_cells features 27700",
            "hot_spot_cells features 27700",
            "layer_styles attributes -",
            "places features 27700",
            "study_area features 27700",
        ]
    );
    // Every place, as in hotspots.csv, with its columns typed.
    let csv_rows = std::fs::read_to_string(out.path().join("hotspots.csv"))
        .expect("csv")
        .lines()
        .count()
        - 1;
    assert_eq!(int(&db, "SELECT count(*) FROM places") as usize, csv_rows);
    let cols = columns(&db, "places");
    for (name, kind) in [
        ("geom", "POINT"),
        ("rank", "INTEGER"),
        ("place_id", "TEXT"),
        ("total", "REAL"),
        ("events", "INTEGER"),
        ("licensed", "BOOLEAN"),
        ("event_ids", "TEXT"),
    ] {
        assert!(
            cols.contains(&(name.to_string(), kind.to_string())),
            "places.{name} is not {kind}: {cols:?}"
        );
    }
    // A hot-spot cell is significant, and the box in gpkg_contents holds every cell.
    assert!(int(&db, "SELECT count(*) FROM hot_spot_cells") > 0);
    assert_eq!(
        int(
            &db,
            "SELECT count(*) FROM hot_spot_cells WHERE NOT significant"
        ),
        0
    );
    assert_eq!(
        int(
            &db,
            "SELECT count(*) FROM grid_cells, gpkg_contents c WHERE c.table_name = 'grid_cells'
             AND (x < c.min_x OR x > c.max_x OR y < c.min_y OR y > c.max_y)"
        ),
        0
    );
    let style: String = db
        .query_row(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = 'places' AND useAsDefault",
            [],
            |r| r.get(0),
        )
        .expect("a default style for places");
    assert!(style.contains("attr=\"total\""), "{style}");
    let beside = std::fs::read_to_string(out.path().join("hotspots.qml")).expect("qml");
    assert_eq!(style, beside, "hotspots.qml is the stored style");
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).expect("manifest");
    for f in ["hotspots.gpkg", "hotspots.qml"] {
        assert!(
            manifest.contains(&format!("\"{f}\"")),
            "{f} not in the manifest"
        );
    }
    geometry_blobs_are_little_endian_bng_points(&db, out.path());
}

/// The first place's geometry blob: `GP`, version 0, flags for little-endian with an xy
/// envelope, srs 27700, the envelope, then a 21-byte WKB point at its easting/northing.
fn geometry_blobs_are_little_endian_bng_points(db: &Connection, out: &Path) {
    let (blob, e, n): (Vec<u8>, f64, f64) = db
        .query_row(
            "SELECT geom, easting, northing FROM places WHERE rank = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("rank 1");
    assert_eq!(&blob[..4], b"GP\x00\x03");
    assert_eq!(blob[4..8], 27700i32.to_le_bytes());
    assert_eq!(blob.len(), 8 + 32 + 21);
    let wkb = &blob[40..];
    assert_eq!(wkb[..5], [1, 1, 0, 0, 0], "little-endian WKB point");
    assert_eq!(wkb[5..13], e.to_le_bytes());
    assert_eq!(wkb[13..21], n.to_le_bytes());
    let area: Vec<u8> = db
        .query_row("SELECT geom FROM study_area", [], |r| r.get(0))
        .expect("the boundary");
    assert_eq!(area[40..45], [1, 6, 0, 0, 0], "a WKB multipolygon");
    geoparquet_matches(out, e, n);
}

/// hotspots.parquet's `geo` metadata and its first WKB point.
fn geoparquet_matches(out: &Path, e: f64, n: f64) {
    let file = std::fs::File::open(out.join("hotspots.parquet")).expect("open");
    let mut reader = ParquetReader::new(file);
    let kv = reader
        .get_metadata()
        .expect("metadata")
        .key_value_metadata()
        .clone()
        .unwrap_or_default();
    let geo = kv
        .iter()
        .find(|k| k.key == "geo")
        .and_then(|k| k.value.clone())
        .expect("a `geo` key");
    let geo: serde_json::Value = serde_json::from_str(&geo).expect("JSON");
    assert_eq!(geo["version"], "1.1.0");
    assert_eq!(geo["primary_column"], "geometry");
    let col = &geo["columns"]["geometry"];
    assert_eq!(col["encoding"], "WKB");
    assert_eq!(col["geometry_types"], serde_json::json!(["Point"]));
    assert_eq!(col["crs"]["id"]["authority"], "EPSG");
    assert_eq!(col["crs"]["id"]["code"], 27700);
    assert_eq!(col["bbox"].as_array().map(Vec::len), Some(4));
    let df = reader.finish().expect("reads");
    let g = df.column("geometry").expect("geometry");
    assert_eq!(g.dtype(), &DataType::Binary);
    let first = g
        .binary()
        .expect("binary")
        .get(0)
        .expect("a point")
        .to_vec();
    assert_eq!(first.len(), 21);
    assert_eq!(
        first[5..13],
        e.to_le_bytes(),
        "rank 1 first, at its easting"
    );
    assert_eq!(first[13..21], n.to_le_bytes());
}

#[test]
fn partners_get_places_and_cells_as_released_and_no_hot_spot_layer() {
    let out = tempfile::tempdir().expect("dir");
    partner_run(out.path());
    let db = Connection::open(out.path().join("hotspots.gpkg")).expect("opens");
    let layers = strings(
        &db,
        "SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name",
    );
    // No boundary given: no study area; hot-spot cells are for analysts.
    assert_eq!(layers, ["grid_cells", "places"]);
    let no_table = |t: &str| {
        int(
            &db,
            &format!("SELECT count(*) FROM sqlite_master WHERE name = '{t}'"),
        )
    };
    assert_eq!(no_table("hot_spot_cells"), 0);
    let cols: Vec<String> = columns(&db, "places").into_iter().map(|c| c.0).collect();
    for withheld in ["event_ids", "co_presence_event_ids", "indicator_event_ids"] {
        assert!(
            !cols.iter().any(|c| c == withheld),
            "{withheld} given to partners"
        );
    }
    for shown in ["events_shown", "distinct_children_shown"] {
        assert!(cols.iter().any(|c| c == shown), "no {shown}: {cols:?}");
    }
    let cells: Vec<String> = columns(&db, "grid_cells")
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert!(cells.iter().any(|c| c == "count_shown"), "{cells:?}");
    // A suppressed count is NULL, with the mark (`<5`) beside it.
    assert_eq!(
        int(
            &db,
            "SELECT count(*) FROM places WHERE events IS NULL AND events_shown IS NULL"
        ),
        0
    );
    // The partner GeoParquet keeps the same cut, with geometry.
    let file = std::fs::File::open(out.path().join("hotspots.parquet")).expect("open");
    let df = ParquetReader::new(file).finish().expect("reads");
    let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
    assert!(names.contains(&"geometry"));
    assert!(!names.contains(&"event_ids"));
    assert_eq!(
        df.height() as i64,
        int(&db, "SELECT count(*) FROM places"),
        "every place in both"
    );
}
