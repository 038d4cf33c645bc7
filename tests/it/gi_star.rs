//! Gi* against PySAL esda on the same cells and weights (fixture made by
//! `tests/fixtures/esda/make_gi_star.py`).

use disrupt::model::Bng;
use disrupt::spatial::{GiStar, Grid};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    versions: serde_json::Value,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    x0: f64,
    y0: f64,
    cell: f64,
    nrows: usize,
    ncols: usize,
    threshold: f64,
    values: Vec<f64>,
    z: Vec<f64>,
    p_two_sided: Vec<f64>,
    neighbours_including_self: Vec<u32>,
}

#[test]
fn matches_esda_g_local_star_binary_to_1e_9() {
    let path = crate::support::fixtures().join("esda/gi_star.json");
    let f: Fixture = serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json");
    assert!(f.cases.len() >= 3, "fixture from esda {}", f.versions);
    for c in &f.cases {
        let grid = Grid {
            origin: Bng::new(c.x0, c.y0),
            cell: c.cell,
            cols: c.ncols,
            rows: c.nrows,
        };
        assert_eq!(grid.len(), c.values.len(), "{}", c.name);
        let gi = GiStar::new(&grid, &c.values, c.threshold);
        let mut worst = 0.0f64;
        for i in 0..grid.len() {
            assert_eq!(
                gi.neighbours[i], c.neighbours_including_self[i],
                "{} cell {i}: neighbours",
                c.name
            );
            let dz = (gi.z[i] - c.z[i]).abs();
            worst = worst.max(dz);
            assert!(
                dz < 1e-9,
                "{} cell {i}: z {} vs esda {}",
                c.name,
                gi.z[i],
                c.z[i]
            );
            assert!(
                (gi.p[i] - c.p_two_sided[i]).abs() < 1e-9,
                "{} cell {i}: p",
                c.name
            );
        }
        eprintln!(
            "{}: {} cells, worst |z − esda| = {worst:.2e}",
            c.name,
            grid.len()
        );
    }
}
