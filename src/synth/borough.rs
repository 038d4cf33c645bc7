//! The borough a synthetic scenario is set in: a real boundary, projected to the
//! British National Grid, and the Underground stations inside it.

use crate::model::Bng;
use crate::spatial::{StudyArea, wgs84_to_bng};
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
    /// The boundary.
    pub area: StudyArea,
    /// Underground stations inside the boundary: name and location.
    pub stations: Vec<(String, Bng)>,
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
        let area = StudyArea::from_geojson(geojson, name)?;
        let mut borough = Borough {
            name: area.name.clone(),
            area,
            stations: Vec::new(),
        };
        if let Some(csv) = stations_csv {
            borough.stations = stations_inside(csv, &borough)?;
        }
        Ok(borough)
    }

    /// A London borough, from the compiled-in boundaries and stations.
    ///
    /// # Errors
    /// When there is no borough of that name.
    pub fn london(name: &str) -> anyhow::Result<Self> {
        Self::from_geojson(LONDON_BOROUGHS, name, Some(LONDON_STATIONS))
    }

    /// Whether `p` lies inside the boundary.
    pub fn contains(&self, p: Bng) -> bool {
        self.area.contains(p)
    }

    /// A uniformly random point inside the boundary (rejection sampling).
    pub fn random_point<R: Rng>(&self, rng: &mut R) -> Bng {
        let (min, max) = (self.area.min, self.area.max);
        for _ in 0..10_000 {
            let p = Bng::new(
                rng.random_range(min.easting..max.easting),
                rng.random_range(min.northing..max.northing),
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
        let (min, max) = (self.area.min, self.area.max);
        Bng::new(
            (min.easting + max.easting) / 2.0,
            (min.northing + max.northing) / 2.0,
        )
    }
}

/// A standard normal deviate (Box–Muller).
pub fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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
