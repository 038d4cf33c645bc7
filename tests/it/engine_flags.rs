//! The engine's flags: every command that runs the engine takes the same ones, `analyse`
//! among them, and they reach the stage they set; bad values are refused with exit 2 and
//! a message that says what to give.

use crate::support::disrupt;
use std::path::Path;

/// The commands that run the engine, as typed before DATA.
const ENGINE_COMMANDS: [&[&str]; 10] = [
    &["analyse"],
    &["hotspots"],
    &["network"],
    &["trends"],
    &["backtest"],
    &["context"],
    &["review"],
    &["evaluate"],
    &["assess", "place"],
    &["assess", "group"],
];

const ENGINE_FLAGS: [&str; 8] = [
    "--config",
    "--window",
    "--half-life",
    "--cell",
    "--bandwidth",
    "--snap",
    "--co-presence-cap",
    "--betweenness",
];

/// `disrupt analyse --out OUT EXTRA…` on the bundled example (no trends, to be quick);
/// its run.json.
fn analyse(out: &Path, extra: &[&str]) -> serde_json::Value {
    let o = disrupt()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("analyse")
        .arg("--out")
        .arg(out)
        .args(["--trend-steps", "0"])
        .args(extra)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&std::fs::read(out.join("run.json")).expect("run.json")).expect("json")
}

/// `disrupt analyse EXTRA…`, which must be refused as bad usage; its stderr.
fn refused(extra: &[&str]) -> String {
    let out = tempfile::tempdir().expect("dir");
    let o = disrupt()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("analyse")
        .arg("--out")
        .arg(out.path().join("out"))
        .args(extra)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
    assert!(
        !out.path().join("out").exists(),
        "{extra:?}: nothing is written"
    );
    err
}

#[test]
fn every_engine_command_takes_the_same_engine_flags() {
    for cmd in ENGINE_COMMANDS {
        let o = disrupt().args(cmd).arg("--help").output().expect("runs");
        assert!(o.status.success(), "{cmd:?} --help");
        let help = String::from_utf8_lossy(&o.stdout);
        for flag in ENGINE_FLAGS {
            assert!(help.contains(flag), "{cmd:?} lacks {flag}");
        }
    }
}

#[test]
fn analyse_states_and_uses_the_cell_bandwidth_and_windows_it_is_given() {
    let dir = tempfile::tempdir().expect("dir");
    let run = analyse(
        &dir.path().join("out"),
        &[
            "--cell",
            "150",
            "--bandwidth",
            "300",
            "--window",
            "200",
            "--half-life",
            "60",
            "--snap",
            "25",
        ],
    );
    let hot = &run["hotspots"];
    assert_eq!(hot["settings"]["cell_m"], 150.0);
    assert_eq!(hot["settings"]["bandwidth_m"], 300.0);
    assert_eq!(hot["settings"]["window_days"], 200);
    assert_eq!(hot["settings"]["half_life_days"], 60.0);
    assert_eq!(hot["settings"]["snap_m"], 25.0);
    assert_eq!(hot["effective"]["bandwidth_m"], 300.0);
    // The grid is built at that size, as `hotspots --cell` builds it.
    assert_eq!(hot["grid"]["cell_m"], 150.0);
    let grid = std::fs::read_to_string(dir.path().join("out/grid.geojson")).expect("grid");
    assert!(!grid.is_empty());
}

#[test]
fn analyse_takes_the_co_presence_cap_to_the_network() {
    let dir = tempfile::tempdir().expect("dir");
    let default = analyse(&dir.path().join("default"), &[]);
    let capped = analyse(&dir.path().join("capped"), &["--co-presence-cap", "0"]);
    assert_eq!(
        default["hotspots"]["settings"]["network"]["co_presence_cap"],
        50
    );
    assert_eq!(
        capped["hotspots"]["settings"]["network"]["co_presence_cap"],
        0
    );
    let windows = |r: &serde_json::Value| r["network"]["counts"]["capped_windows"].as_u64();
    let ties = |r: &serde_json::Value| r["network"]["counts"]["ties"].as_u64();
    assert!(
        windows(&capped) > windows(&default),
        "a cap of 0 leaves every co-presence window out of the network: {:?} vs {:?}",
        windows(&capped),
        windows(&default)
    );
    assert!(ties(&capped) <= ties(&default));
    assert!(
        !capped["network"]["capped_places"]
            .as_array()
            .expect("places")
            .is_empty()
    );
}

#[test]
fn analyse_refuses_bad_engine_values_and_says_what_to_give() {
    let err = refused(&["--cell", "0"]);
    assert!(err.contains("--cell"), "{err}");
    assert!(err.contains("give 1 to 100000"), "{err}");
    let err = refused(&["--co-presence-cap", "1000000"]);
    assert!(err.contains("--co-presence-cap"), "{err}");
    assert!(err.contains("give 0 to 100000"), "{err}");
    let err = refused(&["--bandwidth", "wide"]);
    assert!(
        err.contains("neither 'auto' nor a positive number"),
        "{err}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let cfg = dir.path().join("settings.toml");
    std::fs::write(&cfg, "cel_m = 3\n").expect("w");
    let err = refused(&["--config", cfg.to_str().expect("utf-8")]);
    assert!(err.contains("cel_m"), "{err}");
    assert!(err.contains("fix the settings file"), "{err}");
    let err = refused(&["--config", "no-such-settings.toml"]);
    assert!(err.contains("give --config a readable TOML file"), "{err}");
}

#[test]
fn settings_errors_name_the_key_and_the_range() {
    use disrupt::score::{Settings, SettingsError};
    let e = Settings::parse("[network]\nco_presence_cap = 100001\n").expect_err("too big");
    assert_eq!(e.key(), Some("[network] co_presence_cap"));
    assert!(matches!(e, SettingsError::OutOfRange { .. }), "{e:?}");
    let e = Settings::parse("cell_m = 0\n").expect_err("zero");
    assert_eq!(e.to_string(), "cell_m 0 is out of range: give 1 to 100000");
    assert!(matches!(
        Settings::parse("cell_m = [\n").expect_err("not toml"),
        SettingsError::Toml(_)
    ));
    assert!(Settings::parse("[network]\nco_presence_cap = 0\n").is_ok());
}
