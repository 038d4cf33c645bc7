//! WGS84 → British National Grid against Ordnance Survey's published test points.

use crate::support::fixtures;
use disrupt::model::Bng;
use disrupt::spatial::{bng_to_wgs84, wgs84_to_bng};

fn points() -> Vec<(String, f64, f64, Bng)> {
    let mut r =
        csv::Reader::from_path(fixtures().join("os_ostn15_test_points.csv")).expect("fixture");
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            let f = |i: usize| rec[i].parse::<f64>().expect("number");
            (rec[0].to_string(), f(1), f(2), Bng::new(f(3), f(4)))
        })
        .collect()
}

#[test]
fn helmert_is_within_ten_metres_of_ostn15_at_every_os_test_point() {
    let pts = points();
    assert_eq!(pts.len(), 40);
    let mut worst = (String::new(), 0.0f64);
    for (name, lat, lon, expected) in &pts {
        let got = wgs84_to_bng(*lat, *lon).expect("converts");
        let err = got.distance(expected);
        if err > worst.1 {
            worst = (name.clone(), err);
        }
        assert!(
            err < 10.0,
            "{name}: {got:?} is {err:.2} m from OS {expected:?}"
        );
    }
    eprintln!("worst OS test point: {} at {:.2} m", worst.0, worst.1);
}

#[test]
fn inverse_is_within_ten_metres_at_every_os_test_point() {
    for (name, lat, lon, grid) in points() {
        let (la, lo) = bng_to_wgs84(grid).expect("converts");
        // Compare on the ground: project both and measure.
        let a = wgs84_to_bng(la, lo).expect("converts");
        let b = wgs84_to_bng(lat, lon).expect("converts");
        assert!(a.distance(&b) < 10.0, "{name}");
    }
}
