//! Trends: Mann–Kendall against pymannkendall (with ties) and Gi* per step of a
//! space-time cube against esda (fixture made by `tests/fixtures/trends/make_trends.py`).

use chrono::NaiveDate;
use disrupt::model::Bng;
use disrupt::spatial::{Grid, MannKendall, SpaceTimeCube, SpaceTimeGi, TimedPoint};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    versions: serde_json::Value,
    mann_kendall: Vec<MkCase>,
    gi_per_step: GiCase,
}

#[derive(Deserialize)]
struct MkCase {
    name: String,
    x: Vec<f64>,
    s: f64,
    var_s: f64,
    z: f64,
    p: f64,
    tau: f64,
    slope: f64,
}

#[derive(Deserialize)]
struct GiCase {
    x0: f64,
    y0: f64,
    cell: f64,
    nrows: usize,
    ncols: usize,
    threshold: f64,
    values: Vec<Vec<f64>>,
    z: Vec<Vec<f64>>,
}

fn fixture() -> Fixture {
    let path = crate::support::fixtures().join("trends/trends.json");
    serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json")
}

#[test]
fn mann_kendall_matches_pymannkendall_with_ties_to_1e_9() {
    let f = fixture();
    assert!(f.mann_kendall.len() >= 5, "{}", f.versions);
    let mut with_ties = 0;
    for c in &f.mann_kendall {
        let r = MannKendall::test(&c.x);
        let mut sorted = c.x.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        if sorted.len() < c.x.len() {
            with_ties += 1;
        }
        for (what, ours, theirs) in [
            ("s", r.s, c.s),
            ("var_s", r.var_s, c.var_s),
            ("z", r.z, c.z),
            ("p", r.p, c.p),
            ("tau", r.tau, c.tau),
            ("slope", r.slope, c.slope),
        ] {
            assert!(
                (ours - theirs).abs() < 1e-9,
                "{} {what}: ours {ours}, pymannkendall {theirs}",
                c.name
            );
        }
    }
    assert!(
        with_ties >= 3,
        "the fixture must exercise the tie correction"
    );
}

#[test]
fn gi_star_per_step_matches_esda_to_1e_9() {
    let g = fixture().gi_per_step;
    let grid = Grid {
        origin: Bng::new(g.x0, g.y0),
        cell: g.cell,
        cols: g.ncols,
        rows: g.nrows,
    };
    let steps = g.values.len();
    let end = NaiveDate::from_ymd_opt(2026, 6, 1)
        .expect("date")
        .and_hms_opt(0, 0, 0)
        .expect("time");
    // One point per non-empty bin, at the cell's centre, in the middle of its step.
    let mut points = Vec::new();
    for (t, values) in g.values.iter().enumerate() {
        let when = end - chrono::Duration::days(7 * (steps - t) as i64 - 3);
        for (i, &v) in values.iter().enumerate() {
            if v > 0.0 {
                points.push(TimedPoint {
                    at: grid.centre(i),
                    when,
                    weight: v,
                });
            }
        }
    }
    let cube = SpaceTimeCube::build(grid, None, &points, end, steps, 7);
    assert_eq!(cube.counts.binned, points.len());
    let gi = SpaceTimeGi::compute(&cube, (0..grid.len()).collect(), g.threshold, 0);
    for t in 0..steps {
        assert_eq!(cube.step_weights(t), g.values[t].as_slice(), "step {t}");
        for i in 0..grid.len() {
            assert!(
                (gi.z[i][t] - g.z[t][i]).abs() < 1e-9,
                "step {t} cell {i}: z {} vs esda {}",
                gi.z[i][t],
                g.z[t][i]
            );
        }
    }
}
