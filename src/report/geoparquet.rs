//! GeoParquet 1.1 (<https://geoparquet.org/releases/v1.1.0/>): a Parquet table with a
//! `geometry` column of WKB and the file-level key-value metadata `geo` that says how
//! to read it. The outputs' geometries are in the British National Grid (EPSG:27700,
//! metres), declared as PROJJSON in the column's `crs`.

use super::ColumnTable;
use super::crs;
use super::table::write_frame;
use super::wkb::{Envelope, Geometry};
use crate::privacy::Disclosure;
use polars::prelude::Column;
use std::path::{Path, PathBuf};

/// The name of the geometry column (GeoParquet's `primary_column`).
pub const GEOMETRY: &str = "geometry";

/// The `geo` metadata for one WKB column of `geometries`: version 1.1.0, the column's
/// geometry types (`Point`, `Polygon`, `MultiPolygon`, each named once), the CRS as
/// PROJJSON of EPSG:27700 and the bounding box `[min_x, min_y, max_x, max_y]` in metres
/// (left out when there are no geometries).
pub fn geo_metadata(geometries: &[Geometry]) -> serde_json::Value {
    let mut types: Vec<&str> = Vec::new();
    for g in geometries {
        let t = match g {
            Geometry::Point(..) => "Point",
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
        };
        if !types.contains(&t) {
            types.push(t);
        }
    }
    let mut column = serde_json::json!({
        "encoding": "WKB",
        "geometry_types": types,
        "crs": crs::projjson(),
    });
    let bbox = geometries
        .iter()
        .filter_map(Geometry::envelope)
        .reduce(Envelope::union);
    if let Some(b) = bbox {
        column["bbox"] = serde_json::json!(b.to_array());
    }
    serde_json::json!({
        "version": "1.1.0",
        "primary_column": GEOMETRY,
        "columns": {GEOMETRY: column},
    })
}

impl ColumnTable {
    /// Writes GeoParquet for the disclosure's audience, atomically: the table as
    /// released (as [`ColumnTable::write_parquet`] writes it) with the geometry of each
    /// row (`geometries[i]` for row `i`; places are not personal, so every audience gets
    /// them) as a last `geometry` column of WKB. Returns `None` (and writes nothing) when
    /// the audience does not get this table at all.
    ///
    /// # Errors
    /// Any I/O error; a Parquet encoding error is reported as an I/O error; an
    /// `InvalidInput` error when the geometries do not match the rows one for one.
    pub fn write_geoparquet(
        &self,
        path: &Path,
        geometries: &[Geometry],
        to: &Disclosure,
    ) -> std::io::Result<Option<PathBuf>> {
        let Some(t) = to.release(self) else {
            return Ok(None);
        };
        if t.rows() != geometries.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{}: {} rows but {} geometries; each row needs one geometry",
                    path.display(),
                    t.rows(),
                    geometries.len()
                ),
            ));
        }
        let mut cols = t.parquet_columns();
        let wkb: Vec<Vec<u8>> = geometries.iter().map(Geometry::to_wkb).collect();
        cols.push(Column::new(GEOMETRY.into(), &wkb));
        let geo = geo_metadata(geometries).to_string();
        write_frame(path, cols, vec![("geo".to_string(), geo)])?;
        to.record_output(path.to_path_buf());
        Ok(Some(path.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_names_the_column_its_types_crs_and_box() {
        let g = [
            Geometry::Point(530_000.0, 180_000.0),
            Geometry::Point(531_000.0, 179_000.0),
        ];
        let m = geo_metadata(&g);
        assert_eq!(m["version"], "1.1.0");
        assert_eq!(m["primary_column"], "geometry");
        let c = &m["columns"]["geometry"];
        assert_eq!(c["encoding"], "WKB");
        assert_eq!(c["geometry_types"], serde_json::json!(["Point"]));
        assert_eq!(c["crs"]["id"]["code"], 27700);
        assert_eq!(
            c["bbox"],
            serde_json::json!([530_000.0, 179_000.0, 531_000.0, 180_000.0])
        );
    }

    #[test]
    fn no_geometries_means_no_types_and_no_box() {
        let m = geo_metadata(&[]);
        let c = &m["columns"]["geometry"];
        assert_eq!(c["geometry_types"], serde_json::json!([]));
        assert!(c.get("bbox").is_none());
    }
}
