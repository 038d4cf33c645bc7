//! A GeoPackage writer (OGC GeoPackage Encoding Standard 1.3.1, OGC 12-128r18): a SQLite
//! file with the core tables (`gpkg_spatial_ref_sys`, `gpkg_contents`,
//! `gpkg_geometry_columns`) and one feature table per layer, its geometries in the
//! British National Grid (EPSG:27700, metres), and QGIS's `layer_styles` table for a
//! layer's default style. Only what the outputs need: 2D features, no tiles, no spatial
//! index (QGIS and GDAL build one in memory).

use super::crs;
use super::wkb::{Envelope, Geometry};
use super::{ColumnTable, Values};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, params_from_iter};
use std::path::Path;

/// `PRAGMA application_id` of a GeoPackage: 'GPKG' (§1.1.1.1.1, Req 2).
pub const APPLICATION_ID: i32 = 0x4750_4B47;
/// `PRAGMA user_version` of a GeoPackage 1.3 file (Req 2).
pub const USER_VERSION: i32 = 10300;

/// The name of every feature table's geometry column (as GDAL names it).
pub const GEOMETRY_COLUMN: &str = "geom";

/// EPSG:4326 as OGC WKT 1: §1.1.2.1.2 requires its row in `gpkg_spatial_ref_sys`.
const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

/// The core tables (§1.1.2, §1.1.3, §2.1.5) and QGIS's `layer_styles`.
const SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
  styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME);
";

/// One feature table: a released table and each row's geometry.
#[derive(Debug)]
pub struct Layer<'a> {
    /// The table's name (and `gpkg_contents.identifier`): lower case, no spaces.
    pub name: &'a str,
    /// What the layer holds (`gpkg_contents.description`).
    pub description: &'a str,
    /// The columns, as released for the audience: text, numbers and booleans only.
    pub table: &'a ColumnTable,
    /// Row `i`'s geometry, BNG metres.
    pub geometries: &'a [Geometry],
}

impl Layer<'_> {
    /// `gpkg_geometry_columns.geometry_type_name` (§1.1.3.1.1): the one type of every
    /// geometry, `GEOMETRY` when they are mixed.
    fn geometry_type(&self) -> &'static str {
        let name = |g: &Geometry| match g {
            Geometry::Point(..) => "POINT",
            Geometry::Polygon(_) => "POLYGON",
            Geometry::MultiPolygon(_) => "MULTIPOLYGON",
        };
        let first = self.geometries.first().map_or("GEOMETRY", name);
        if self.geometries.iter().all(|g| name(g) == first) {
            first
        } else {
            "GEOMETRY"
        }
    }
}

/// A default style for a layer, stored in `layer_styles` as QGIS does.
#[derive(Debug)]
pub struct Style<'a> {
    /// The layer it styles.
    pub layer: &'a str,
    /// Its name in QGIS's style list.
    pub name: &'a str,
    /// The QGIS style document (`.qml`).
    pub qml: &'a str,
    /// What it shows.
    pub description: &'a str,
}

/// Writes a GeoPackage at `path` holding `layers` and `styles`, atomically and readable
/// by its owner only, with `last_change` (ISO 8601, `YYYY-MM-DDTHH:MM:SS.SSSZ`) as every
/// layer's `gpkg_contents.last_change`, so the same data write the same bytes.
///
/// # Errors
/// Any I/O or SQLite error, as an I/O error naming the file.
pub fn write_geopackage(
    path: &Path,
    layers: &[Layer<'_>],
    styles: &[Style<'_>],
    last_change: &str,
) -> std::io::Result<()> {
    // An empty file is an empty SQLite database.
    crate::plumbing::file::write_atomic_at(path, |tmp| {
        fill(tmp, layers, styles, last_change).map_err(|e| {
            std::io::Error::other(format!("writing the GeoPackage {}: {e}", path.display()))
        })
    })
}

/// Creates the tables in the empty database at `path` and fills them, in one
/// transaction and without a journal file (the file is renamed into place only when
/// complete).
fn fill(
    path: &Path,
    layers: &[Layer<'_>],
    styles: &[Style<'_>],
    last_change: &str,
) -> rusqlite::Result<()> {
    let mut db = Connection::open(path)?;
    db.execute_batch(&format!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};"
    ))?;
    let tx = db.transaction()?;
    tx.execute_batch(SCHEMA)?;
    spatial_ref_sys(&tx)?;
    for layer in layers {
        feature_table(&tx, layer, last_change)?;
    }
    // Registered as an attributes table, as GDAL and QGIS register it.
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
         VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?1)",
        [last_change],
    )?;
    for s in styles {
        tx.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name,
               f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description,
               owner, ui, update_time)
             VALUES ('', '', ?1, ?2, ?3, ?4, '', 1, ?5, '', NULL, ?6)",
            (
                s.layer,
                GEOMETRY_COLUMN,
                s.name,
                s.qml,
                s.description,
                last_change,
            ),
        )?;
    }
    tx.commit()?;
    db.close().map_err(|(_, e)| e)
}

/// The rows §1.1.2.1.2 requires (EPSG:4326, undefined cartesian -1, undefined
/// geographic 0) and EPSG:27700, the outputs' CRS.
fn spatial_ref_sys(db: &Connection) -> rusqlite::Result<()> {
    let rows: [(&str, i32, &str, &str, &str); 4] = [
        (
            "WGS 84 geodetic",
            4326,
            "EPSG",
            WGS84_WKT,
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
        ),
        (
            "Undefined cartesian SRS",
            -1,
            "NONE",
            "undefined",
            "undefined cartesian coordinate reference system",
        ),
        (
            "Undefined geographic SRS",
            0,
            "NONE",
            "undefined",
            "undefined geographic coordinate reference system",
        ),
        (
            "OSGB36 / British National Grid",
            crs::EPSG_27700,
            "EPSG",
            crs::wkt(),
            "British National Grid: easting and northing in metres",
        ),
    ];
    for (name, id, org, definition, description) in rows {
        db.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, ?3, ?2, ?4, ?5)",
            (name, id, org, definition, description),
        )?;
    }
    Ok(())
}

/// Creates and fills one feature table, and registers it in `gpkg_contents` (with the
/// layer's bounding box) and `gpkg_geometry_columns`.
fn feature_table(db: &Connection, layer: &Layer<'_>, last_change: &str) -> rusqlite::Result<()> {
    let t = layer.table;
    let columns: Vec<(&str, &'static str)> = t
        .columns
        .iter()
        .filter_map(|(n, v)| sql_type(v).map(|ty| (n.as_str(), ty)))
        .collect();
    let defs: String = columns
        .iter()
        .map(|(n, ty)| format!(", {} {ty}", quoted(n)))
        .collect();
    let kind = layer.geometry_type();
    db.execute_batch(&format!(
        "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {GEOMETRY_COLUMN} {kind}{defs});",
        quoted(layer.name)
    ))?;
    let names: String = columns
        .iter()
        .map(|(n, _)| format!(", {}", quoted(n)))
        .collect();
    let marks: String = columns.iter().map(|_| ", ?").collect();
    let mut insert = db.prepare(&format!(
        "INSERT INTO {} ({GEOMETRY_COLUMN}{names}) VALUES (?{marks})",
        quoted(layer.name)
    ))?;
    for (i, g) in layer.geometries.iter().enumerate() {
        let row = std::iter::once(Sql::Blob(geometry_blob(g))).chain(
            t.columns
                .iter()
                .filter(|(_, v)| sql_type(v).is_some())
                .map(|(_, v)| cell(v, i)),
        );
        insert.execute(params_from_iter(row))?;
    }
    let bbox = layer
        .geometries
        .iter()
        .filter_map(Geometry::envelope)
        .reduce(Envelope::union);
    db.execute(
        "INSERT INTO gpkg_contents VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            layer.name,
            layer.description,
            last_change,
            bbox.map(|b| b.min_x),
            bbox.map(|b| b.min_y),
            bbox.map(|b| b.max_x),
            bbox.map(|b| b.max_y),
            crs::EPSG_27700,
        ),
    )?;
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, ?2, ?3, ?4, 0, 0)",
        (layer.name, GEOMETRY_COLUMN, kind, crs::EPSG_27700),
    )?;
    Ok(())
}

/// A column's GeoPackage data type (§1.1.4.1.3): `None` for columns never in a
/// released table (people, unreleased counts).
fn sql_type(v: &Values) -> Option<&'static str> {
    match v {
        Values::Text(_) | Values::OptText(_) | Values::Records(_) | Values::RecordText(_) => {
            Some("TEXT")
        }
        Values::Float(_) | Values::OptFloat(_) => Some("REAL"),
        Values::Int(_) | Values::OptInt(_) => Some("INTEGER"),
        Values::Bool(_) | Values::OptBool(_) => Some("BOOLEAN"),
        Values::Person(_) | Values::People(_) | Values::Count(_) => None,
    }
}

/// Row `i` of a column as a SQLite value: booleans as 0 or 1, a missing or non-finite
/// number as NULL.
fn cell(v: &Values, i: usize) -> Sql {
    let real = |x: f64| {
        if x.is_finite() {
            Sql::Real(x)
        } else {
            Sql::Null
        }
    };
    let text = |s: &Option<String>| s.clone().map_or(Sql::Null, Sql::Text);
    match v {
        Values::Text(x) | Values::Records(x) => Sql::Text(x[i].clone()),
        Values::OptText(x) | Values::RecordText(x) => text(&x[i]),
        Values::Float(x) => real(x[i]),
        Values::OptFloat(x) => x[i].map_or(Sql::Null, real),
        Values::Int(x) => Sql::Integer(x[i]),
        Values::OptInt(x) => x[i].map_or(Sql::Null, Sql::Integer),
        Values::Bool(x) => Sql::Integer(i64::from(x[i])),
        Values::OptBool(x) => x[i].map_or(Sql::Null, |b| Sql::Integer(i64::from(b))),
        Values::Person(_) | Values::People(_) | Values::Count(_) => Sql::Null,
    }
}

/// A SQL identifier in double quotes.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A geometry as a GeoPackage geometry blob (§2.1.3.1.1): magic `GP`, version 0,
/// flags (little-endian, with the `[min_x, max_x, min_y, max_y]` envelope), the
/// `srs_id` (27700), the envelope, then the geometry as WKB.
pub fn geometry_blob(g: &Geometry) -> Vec<u8> {
    /// Flags: binary type standard (bit 5 = 0), not empty (bit 4 = 0), envelope
    /// indicator 1 (bits 3–1 = 001: min_x, max_x, min_y, max_y), little-endian (bit 0).
    const FLAGS: u8 = 0b0000_0011;
    let wkb = g.to_wkb();
    let mut out = Vec::with_capacity(8 + 32 + wkb.len());
    out.extend_from_slice(b"GP");
    out.push(0);
    let e = g.envelope();
    out.push(if e.is_some() { FLAGS } else { 0b0001_0001 });
    out.extend_from_slice(&crs::EPSG_27700.to_le_bytes());
    if let Some(e) = e {
        for v in [e.min_x, e.max_x, e.min_y, e.max_y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(&wkb);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_blob_is_header_envelope_then_wkb() {
        let b = geometry_blob(&Geometry::Point(530_000.0, 180_000.0));
        assert_eq!(&b[0..2], b"GP");
        assert_eq!(b[2], 0, "version 1 is stored as 0");
        assert_eq!(b[3], 0b11, "little-endian, xy envelope");
        assert_eq!(b[4..8], 27700i32.to_le_bytes());
        assert_eq!(b[8..16], 530_000f64.to_le_bytes(), "min_x");
        assert_eq!(b[16..24], 530_000f64.to_le_bytes(), "max_x");
        assert_eq!(b[24..32], 180_000f64.to_le_bytes(), "min_y");
        assert_eq!(b[40..], Geometry::Point(530_000.0, 180_000.0).to_wkb()[..]);
        assert_eq!(b.len(), 40 + 21);
    }

    #[test]
    fn types_map_to_geopackage_data_types() {
        assert_eq!(sql_type(&Values::Int(vec![])), Some("INTEGER"));
        assert_eq!(sql_type(&Values::OptFloat(vec![])), Some("REAL"));
        assert_eq!(sql_type(&Values::OptBool(vec![])), Some("BOOLEAN"));
        assert_eq!(sql_type(&Values::Records(vec![])), Some("TEXT"));
        assert_eq!(sql_type(&Values::Count(vec![])), None);
        assert_eq!(cell(&Values::Float(vec![f64::NAN]), 0), Sql::Null);
        assert_eq!(cell(&Values::Bool(vec![true]), 0), Sql::Integer(1));
    }
}
