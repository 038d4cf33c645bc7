//! The British National Grid (EPSG:27700, OSGB36 / British National Grid: x easting,
//! y northing, metres) as the geospatial formats declare it: PROJJSON for GeoParquet
//! 1.1's `crs`, OGC WKT 1 for GeoPackage 1.3's `gpkg_spatial_ref_sys.definition`. Both
//! are EPSG's definition as PROJ and GDAL print it (`gdalsrsinfo EPSG:27700`).

/// The EPSG code, also the GeoPackage `srs_id` the outputs use.
pub const EPSG_27700: i32 = 27700;

/// EPSG:27700 as PROJJSON (PROJ's schema v0.5), parsed.
pub fn projjson() -> serde_json::Value {
    // Checked by the test below: the file is valid JSON.
    serde_json::from_str(include_str!("epsg27700.projjson")).unwrap_or(serde_json::Value::Null)
}

/// EPSG:27700 as OGC WKT 1 (one line).
pub fn wkt() -> &'static str {
    include_str!("epsg27700.wkt").trim()
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_definitions_name_epsg_27700() {
        let p = super::projjson();
        assert_eq!(p["id"]["authority"], "EPSG");
        assert_eq!(p["id"]["code"], 27700);
        assert_eq!(p["type"], "ProjectedCRS");
        assert!(super::wkt().starts_with("PROJCS[\"OSGB36 / British National Grid\""));
        assert!(super::wkt().ends_with("AUTHORITY[\"EPSG\",\"27700\"]]"));
    }
}
