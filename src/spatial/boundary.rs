//! A study area: a named boundary from a GeoJSON file (WGS84 polygons, as ONS and OS
//! publish them), projected to the British National Grid.

use crate::model::Bng;
use crate::spatial::wgs84_to_bng;
use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon};

/// A named boundary in BNG metres.
#[derive(Debug, Clone)]
pub struct StudyArea {
    /// The feature's `NAME` (or `name`) property.
    pub name: String,
    /// The boundary.
    pub polygon: MultiPolygon<f64>,
    /// South-west corner of its bounding box.
    pub min: Bng,
    /// North-east corner of its bounding box.
    pub max: Bng,
}

impl StudyArea {
    /// Finds the feature named `name` (case-insensitive; any name when the collection
    /// has one feature and `name` is empty) in a GeoJSON FeatureCollection of WGS84
    /// Polygons or MultiPolygons.
    ///
    /// # Errors
    /// When the text is not such a collection or holds no such feature; the message
    /// lists the names available.
    pub fn from_geojson(geojson: &str, name: &str) -> anyhow::Result<Self> {
        let doc: serde_json::Value = serde_json::from_str(geojson)?;
        let features = doc["features"]
            .as_array()
            .ok_or_else(|| anyhow::anyhow!("not a GeoJSON FeatureCollection"))?;
        let mut names = Vec::new();
        for f in features {
            let fname = f["properties"]["NAME"]
                .as_str()
                .or_else(|| f["properties"]["name"].as_str())
                .unwrap_or("");
            names.push(fname.to_string());
            if !(fname.eq_ignore_ascii_case(name) || (name.is_empty() && features.len() == 1)) {
                continue;
            }
            let polygon = project_geometry(&f["geometry"])?;
            let rect = polygon
                .bounding_rect()
                .ok_or_else(|| anyhow::anyhow!("'{fname}' has an empty boundary"))?;
            return Ok(StudyArea {
                name: fname.to_string(),
                polygon,
                min: Bng::new(rect.min().x, rect.min().y),
                max: Bng::new(rect.max().x, rect.max().y),
            });
        }
        anyhow::bail!(
            "no boundary named '{name}'; available: {}",
            names.join(", ")
        )
    }

    /// Whether `p` lies inside the boundary.
    pub fn contains(&self, p: Bng) -> bool {
        self.polygon.contains(&Point::new(p.easting, p.northing))
    }
}

fn project_geometry(g: &serde_json::Value) -> anyhow::Result<MultiPolygon<f64>> {
    let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["coordinates"]],
        Some("MultiPolygon") => g["coordinates"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        other => {
            anyhow::bail!("boundary geometry must be a Polygon or MultiPolygon, not {other:?}")
        }
    };
    let mut out = Vec::new();
    for poly in polygons {
        let rings = poly
            .as_array()
            .ok_or_else(|| anyhow::anyhow!("malformed polygon"))?;
        let mut projected = Vec::new();
        for ring in rings {
            let mut coords = Vec::new();
            for pos in ring
                .as_array()
                .ok_or_else(|| anyhow::anyhow!("malformed ring"))?
            {
                let lon = pos[0]
                    .as_f64()
                    .ok_or_else(|| anyhow::anyhow!("malformed position"))?;
                let lat = pos[1]
                    .as_f64()
                    .ok_or_else(|| anyhow::anyhow!("malformed position"))?;
                let p = wgs84_to_bng(lat, lon)
                    .ok_or_else(|| anyhow::anyhow!("{lat},{lon} cannot be projected"))?;
                coords.push(Coord {
                    x: p.easting,
                    y: p.northing,
                });
            }
            projected.push(LineString::new(coords));
        }
        let mut it = projected.into_iter();
        if let Some(exterior) = it.next() {
            out.push(Polygon::new(exterior, it.collect()));
        }
    }
    Ok(MultiPolygon::new(out))
}
