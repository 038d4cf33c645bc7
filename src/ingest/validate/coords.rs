use crate::ingest::{Reason, RowCheck};
use crate::model::Bng;
use crate::model::projection::{UkExtent, wgs84_to_bng};

/// How far apart (metres) a row's lat/lon and easting/northing may be before we refuse
/// to guess which is right. The Helmert transformation is good to a few metres; 100 m
/// allows for rounded coordinates while catching a wrong pair.
pub const AGREEMENT_M: f64 = 100.0;

/// Reads a row's coordinates: `lat`/`lon` (WGS84) and/or `easting`/`northing` (BNG).
///
/// # Returns
/// `None` when no coordinate is given or any given coordinate is wrong (each problem is
/// recorded on `rc`); otherwise the point in BNG metres. When both pairs are given they
/// must agree within [`AGREEMENT_M`], and easting/northing is kept (it is what was
/// surveyed on the grid).
pub fn read(rc: &mut RowCheck<'_>) -> Option<Bng> {
    let before = rc.reasons.len();
    let lat = rc.number_opt("lat");
    let lon = rc.number_opt("lon");
    let e = rc.number_opt("easting");
    let n = rc.number_opt("northing");
    let has = |c: &str, rc: &RowCheck<'_>| rc.text(c).is_some();
    for (a, b) in [("lat", "lon"), ("easting", "northing")] {
        if has(a, rc) != has(b, rc) {
            let (given, absent) = if has(a, rc) { (a, b) } else { (b, a) };
            rc.push(Reason::column(
                absent,
                "half a coordinate pair",
                format!("is empty but {given} is given"),
            ));
        }
    }
    if rc.reasons.len() > before {
        return None;
    }
    let from_wgs84 = match (lat, lon) {
        (Some(lat), Some(lon)) => Some(wgs84(rc, lat, lon)?),
        _ => None,
    };
    let from_bng = match (e, n) {
        (Some(e), Some(n)) => Some(grid(rc, Bng::new(e, n))?),
        _ => None,
    };
    match (from_wgs84, from_bng) {
        (Some(a), Some(b)) if a.distance(&b) > AGREEMENT_M => {
            rc.push(Reason::row(
                "coordinates disagree",
                format!(
                    "lat/lon and easting/northing are {:.0} m apart; give one pair, or correct the wrong one",
                    a.distance(&b)
                ),
            ));
            None
        }
        (_, Some(b)) => Some(b),
        (a, None) => a,
    }
}

fn wgs84(rc: &mut RowCheck<'_>, lat: f64, lon: f64) -> Option<Bng> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        rc.push(Reason::row(
            "coordinates out of range",
            format!("lat {lat}, lon {lon} is not a position on Earth (lat −90..90, lon −180..180)"),
        ));
        return None;
    }
    if !UkExtent::contains_wgs84(lat, lon) {
        let hint = if UkExtent::contains_wgs84(lon, lat) {
            "; lat and lon look swapped"
        } else {
            ""
        };
        rc.push(Reason::row(
            "outside the UK",
            format!(
                "lat {lat}, lon {lon} is outside the UK's extent (lat {}..{}, lon {}..{}){hint}",
                UkExtent::LAT.0,
                UkExtent::LAT.1,
                UkExtent::LON.0,
                UkExtent::LON.1
            ),
        ));
        return None;
    }
    let p = wgs84_to_bng(lat, lon);
    if p.is_none() {
        rc.push(Reason::row(
            "coordinates out of range",
            format!("lat {lat}, lon {lon} cannot be projected"),
        ));
    }
    p
}

fn grid(rc: &mut RowCheck<'_>, p: Bng) -> Option<Bng> {
    if UkExtent::contains_bng(p) {
        return Some(p);
    }
    let hint = if UkExtent::contains_bng(Bng::new(p.northing, p.easting)) {
        "; easting and northing look swapped"
    } else if (-90.0..=90.0).contains(&p.easting) && (-180.0..=180.0).contains(&p.northing) {
        "; these look like degrees: put them in lat/lon"
    } else {
        ""
    };
    rc.push(Reason::row(
        "outside the UK",
        format!(
            "easting {}, northing {} is off the National Grid (0..700000, 0..1300000 m){hint}",
            p.easting, p.northing
        ),
    ));
    None
}
