//! `disrupt hotspots`: its files are complete, valid and byte-identical run to run.

use crate::support::disrupt;
use std::path::Path;

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

const FILES: [&str; 9] = [
    "hotspots.csv",
    "hotspots.parquet",
    "hotspots.geojson",
    "hotspots.gpkg",
    "hotspots.qml",
    "grid.geojson",
    "premises_types.csv",
    "run.json",
    "rejected/events.csv",
];

#[test]
fn writes_every_output_deterministically() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    for out in [a.path(), b.path()] {
        let o = disrupt()
            .arg("hotspots")
            .arg(example())
            .arg("--out")
            .arg(out)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(stdout.contains("leading components"), "{stdout}");
    }
    for f in FILES {
        let (x, y) = (
            std::fs::read(a.path().join(f)).expect(f),
            std::fs::read(b.path().join(f)).expect(f),
        );
        assert!(x == y, "{f} differs between two identical runs");
    }
    let grid: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("grid.geojson")).expect("grid"))
            .expect("json");
    assert_eq!(grid["properties"]["cell_m"], 100.0);
    assert_eq!(grid["properties"]["gi_distance_m"], 250.0);
    let cell = &grid["features"][0];
    assert_eq!(cell["geometry"]["type"], "Polygon");
    for k in [
        "x",
        "y",
        "count",
        "weight",
        "kde",
        "gi_z",
        "gi_p",
        "gi_q",
        "significant",
    ] {
        assert!(!cell["properties"][k].is_null(), "grid cell lacks {k}");
    }
    let lon = cell["geometry"]["coordinates"][0][0][0]
        .as_f64()
        .expect("lon");
    assert!(
        (-0.2..0.0).contains(&lon),
        "WGS84 longitude for Lambeth: {lon}"
    );
    let hs: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("hotspots.geojson")).expect("hs"))
            .expect("json");
    assert_eq!(hs["features"][0]["properties"]["rank"], 1);
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("run.json")).expect("run"))
            .expect("json");
    assert_eq!(run["settings"]["half_life_days"], 180.0);
    assert_eq!(run["inputs"]["events"]["read"], 6000);
    let mut r = csv::Reader::from_path(a.path().join("hotspots.csv")).expect("csv");
    let header: Vec<String> = r.headers().expect("h").iter().map(String::from).collect();
    for c in [
        "rank",
        "place_id",
        "total",
        "intensity",
        "children",
        "persons_of_concern",
        "co_presence",
        "gi_star",
        "peer_groups",
        "event_ids",
    ] {
        assert!(header.contains(&c.to_string()), "hotspots.csv lacks {c}");
    }
}

#[test]
fn flags_and_config_change_the_settings_and_bad_ones_are_named() {
    let dir = tempfile::tempdir().expect("dir");
    let cfg = dir.path().join("settings.toml");
    std::fs::write(
        &cfg,
        "half_life_days = 30\n[kind_weight]\nasb_report = 0.1\n",
    )
    .expect("w");
    let out = dir.path().join("out");
    let o = disrupt()
        .arg("hotspots")
        .arg(example())
        .args(["--cell", "200", "--config"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).expect("run")).expect("json");
    assert_eq!(run["settings"]["half_life_days"], 30.0);
    assert_eq!(run["settings"]["cell_m"], 200.0);
    assert_eq!(run["settings"]["kind_weight"]["asb_report"], 0.1);
    assert_eq!(run["settings"]["kind_weight"]["missing_found"], 10.0);
    std::fs::write(&cfg, "cel_m = 3\n").expect("w");
    let o = disrupt()
        .arg("hotspots")
        .arg(example())
        .arg("--config")
        .arg(&cfg)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cel_m"));
}

#[test]
fn a_boundary_limits_the_grid_to_the_study_area() {
    let out = tempfile::tempdir().expect("dir");
    let boundaries = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/london/boroughs.geojson");
    let o = disrupt()
        .arg("hotspots")
        .arg(example())
        .arg("--boundary")
        .arg(&boundaries)
        .args(["--area", "lambeth", "--out"])
        .arg(out.path())
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let grid: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("grid.geojson")).expect("grid"))
            .expect("json");
    let p = &grid["properties"];
    assert_eq!(p["study_area"], "Lambeth");
    // Lambeth is 2,725 hectares: about 2,700 cells of one hectare.
    let inside = p["cells_in_study_area"].as_u64().expect("n");
    assert!((2_600..2_800).contains(&inside), "{inside}");
    assert!(p["cells_written"].as_u64().expect("n") <= inside);
    let bad = disrupt()
        .arg("hotspots")
        .arg(example())
        .arg("--boundary")
        .arg(&boundaries)
        .args(["--area", "Atlantis"])
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("available: Kingston upon Thames"));
}
