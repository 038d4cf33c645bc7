//! WGS84 latitude/longitude ⇄ British National Grid (EPSG:27700).
//!
//! BNG is a transverse Mercator projection of the OSGB36 datum on the Airy 1830
//! ellipsoid. We go from WGS84 to OSGB36 with the standard 7-parameter Helmert
//! transformation published by Ordnance Survey ("A guide to coordinate systems in Great
//! Britain", §6.6), then project. The projection is done by `proj4rs`, a pure-Rust port of
//! PROJ. The Helmert shift is good to a few metres across Great Britain (worst near the
//! edges of the grid); OSTN15 would give centimetres but needs a 15 MB grid file, and
//! nothing we compute is sensitive at that scale. Tested against the 40 OS OSTN15 test
//! points: error under 10 m everywhere, see `tests/it/projection.rs`.

use super::Bng;
use proj4rs::proj::Proj;
use std::sync::LazyLock;

const BNG_PROJ: &str = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 \
     +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs";
const WGS84_PROJ: &str = "+proj=longlat +datum=WGS84 +no_defs";

struct Projections {
    bng: Proj,
    wgs84: Proj,
}

static PROJECTIONS: LazyLock<Option<Projections>> = LazyLock::new(|| {
    Some(Projections {
        bng: Proj::from_proj_string(BNG_PROJ).ok()?,
        wgs84: Proj::from_proj_string(WGS84_PROJ).ok()?,
    })
});

/// Converts WGS84 latitude and longitude (degrees) to British National Grid metres.
///
/// # Returns
/// `None` if the transformation fails (only for coordinates far outside the UK; callers
/// check [`UkExtent`] first).
pub fn wgs84_to_bng(lat: f64, lon: f64) -> Option<Bng> {
    let p = PROJECTIONS.as_ref()?;
    let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
    proj4rs::transform::transform(&p.wgs84, &p.bng, &mut point).ok()?;
    (point.0.is_finite() && point.1.is_finite()).then(|| Bng::new(point.0, point.1))
}

/// Converts British National Grid metres to WGS84 `(lat, lon)` in degrees, for outputs
/// that must be in WGS84 (GeoJSON, RFC 7946).
pub fn bng_to_wgs84(p: Bng) -> Option<(f64, f64)> {
    let proj = PROJECTIONS.as_ref()?;
    let mut point = (p.easting, p.northing, 0.0);
    proj4rs::transform::transform(&proj.bng, &proj.wgs84, &mut point).ok()?;
    let (lon, lat) = (point.0.to_degrees(), point.1.to_degrees());
    (lat.is_finite() && lon.is_finite()).then_some((lat, lon))
}

/// The extent inside which coordinates are accepted: the United Kingdom.
pub struct UkExtent;

impl UkExtent {
    /// Latitude range, degrees: the Isles of Scilly (49.9°N) to Shetland (60.9°N).
    pub const LAT: (f64, f64) = (49.8, 61.0);
    /// Longitude range, degrees: St Kilda and County Fermanagh (−8.7°) to Lowestoft (1.8°).
    pub const LON: (f64, f64) = (-8.7, 1.8);
    /// Easting range of the National Grid, metres.
    pub const EASTING: (f64, f64) = (0.0, 700_000.0);
    /// Northing range of the National Grid, metres.
    pub const NORTHING: (f64, f64) = (0.0, 1_300_000.0);

    /// Whether a WGS84 latitude/longitude lies in the UK's extent.
    pub fn contains_wgs84(lat: f64, lon: f64) -> bool {
        (Self::LAT.0..=Self::LAT.1).contains(&lat) && (Self::LON.0..=Self::LON.1).contains(&lon)
    }

    /// Whether a BNG point lies on the National Grid.
    pub fn contains_bng(p: Bng) -> bool {
        (Self::EASTING.0..=Self::EASTING.1).contains(&p.easting)
            && (Self::NORTHING.0..=Self::NORTHING.1).contains(&p.northing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caister_water_tower() {
        // OS "Transformations and OSGM15 user guide", Annexe A: ETRS89 52.658007833 N,
        // 1.716073973 E is OSGB36 651409.804 E, 313177.450 N (OSTN15).
        let p = wgs84_to_bng(52.658007833, 1.716073973).expect("converts");
        assert!(
            p.distance(&Bng::new(651409.804, 313177.450)) < 10.0,
            "{p:?}"
        );
    }

    #[test]
    fn round_trips_to_a_centimetre() {
        let p = wgs84_to_bng(51.4613, -0.1156).expect("converts");
        let (lat, lon) = bng_to_wgs84(p).expect("converts back");
        let q = wgs84_to_bng(lat, lon).expect("converts");
        assert!(p.distance(&q) < 1e-2, "{}", p.distance(&q));
    }
}
