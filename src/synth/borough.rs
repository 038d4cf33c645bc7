//! The borough a synthetic scenario is set in: a real boundary, projected to the
//! British National Grid, and the Underground stations inside it.

use crate::model::Bng;
use crate::spatial::wgs84_to_bng;
use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use rand::{Rng, RngExt};

/// The London borough boundaries (spData, CC0), compiled in.
pub const LONDON_BOROUGHS: &str = include_str!("../../datasets/london/boroughs.geojson");
/// The London Underground stations (onadata, MIT), compiled in.
pub const LONDON_STATIONS: &str = include_str!("../../datasets/london/londontube_vertices.csv");

/// A borough: its boundary in BNG metres and its stations.
#[derive(Debug, Clone)]
pub struct Borough {
    /// The boundary's `NAME`.
    pub name: String,
    /// The boundary, BNG metres.
    pub boundary: MultiPolygon<f64>,
    /// Underground stations inside the boundary: name and location.
    pub stations: Vec<(String, Bng)>,
    min: Bng,
    max: Bng,
}

impl Borough {
    /// Finds the feature whose `NAME` property is `name` (case-insensitive) in a GeoJSON
    /// FeatureCollection of WGS84 polygons, and the stations (CSV `name, latitude,
    /// longitude`) inside it.
    ///
    /// # Errors
    /// When the GeoJSON cannot be read or holds no such feature.
    pub fn from_geojson(
        geojson: &str,
        name: &str,
        stations_csv: Option<&str>,
    ) -> anyhow::Result<Self> {
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
            if !fname.eq_ignore_ascii_case(name) {
                continue;
            }
            let boundary = project_geometry(&f["geometry"])?;
            let rect = boundary
                .bounding_rect()
                .ok_or_else(|| anyhow::anyhow!("'{fname}' has an empty boundary"))?;
            let mut borough = Borough {
                name: fname.to_string(),
                boundary,
                stations: Vec::new(),
                min: Bng::new(rect.min().x, rect.min().y),
                max: Bng::new(rect.max().x, rect.max().y),
            };
            if let Some(csv) = stations_csv {
                borough.stations = stations_inside(csv, &borough)?;
            }
            return Ok(borough);
        }
        anyhow::bail!(
            "no boundary named '{name}'; available: {}",
            names.join(", ")
        )
    }

    /// Lambeth, the default setting.
    ///
    /// # Errors
    /// Only if the compiled-in data were corrupt.
    pub fn london(name: &str) -> anyhow::Result<Self> {
        Self::from_geojson(LONDON_BOROUGHS, name, Some(LONDON_STATIONS))
    }

    /// Whether `p` lies inside the boundary.
    pub fn contains(&self, p: Bng) -> bool {
        self.boundary.contains(&Point::new(p.easting, p.northing))
    }

    /// A uniformly random point inside the boundary (rejection sampling).
    pub fn random_point<R: Rng>(&self, rng: &mut R) -> Bng {
        for _ in 0..10_000 {
            let p = Bng::new(
                rng.random_range(self.min.easting..self.max.easting),
                rng.random_range(self.min.northing..self.max.northing),
            );
            if self.contains(p) {
                return p;
            }
        }
        self.centre()
    }

    /// A random point near `centre`: normal with standard deviation `sd` metres, kept
    /// inside the boundary.
    pub fn point_near<R: Rng>(&self, rng: &mut R, centre: Bng, sd: f64) -> Bng {
        for _ in 0..100 {
            let p = Bng::new(
                centre.easting + normal(rng) * sd,
                centre.northing + normal(rng) * sd,
            );
            if self.contains(p) {
                return p;
            }
        }
        self.random_point(rng)
    }

    /// The middle of the bounding box.
    pub fn centre(&self) -> Bng {
        Bng::new(
            (self.min.easting + self.max.easting) / 2.0,
            (self.min.northing + self.max.northing) / 2.0,
        )
    }
}

/// A standard normal deviate (Box–Muller).
pub fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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

fn stations_inside(csv_text: &str, borough: &Borough) -> anyhow::Result<Vec<(String, Bng)>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for r in reader.records() {
        let r = r?;
        let (Some(name), Some(lat), Some(lon)) = (r.get(1), r.get(2), r.get(3)) else {
            continue;
        };
        let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
            continue;
        };
        if let Some(p) = wgs84_to_bng(lat, lon)
            && borough.contains(p)
        {
            out.push((name.to_string(), p));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
