//! Forecast accuracy: the backtest never reads events after --train-until, and the
//! `trends` and `backtest` commands run, write their files deterministically and cut
//! them for the audience.

use crate::support::{disrupt, stdout_ok};
use disrupt::ingest::{IngestOptions, load};
use disrupt::score::Settings;
use disrupt::score::backtest::{BacktestPlan, Surface, fit};
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

/// A copy of the example borough with `extra` CSV rows appended to its events.
fn example_with_events(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for entry in std::fs::read_dir(example()).expect("example") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    let events = dir.path().join("events.csv");
    let mut text = std::fs::read_to_string(&events).expect("events");
    text.push_str(extra);
    std::fs::write(&events, text).expect("write");
    dir
}

#[test]
fn the_fit_never_reads_events_after_train_until() {
    // Heavy exploitation incidents at one place, a week after training ends: a fit that
    // saw them would move every surface and the place ranking.
    let mut future = String::new();
    for i in 0..200 {
        future.push_str(&format!(
            "F{i:05},incident,2026-09-0{}T12:00:00,PL00001,,,,,cse,,police,F/{i},2028-01-01\n",
            1 + i % 9
        ));
    }
    let with = example_with_events(&future);
    let plain = load(&example(), &IngestOptions::default()).expect("loads");
    let added = load(with.path(), &IngestOptions::default()).expect("loads");
    assert_eq!(
        added.dataset.events.len(),
        plain.dataset.events.len() + 200,
        "the future events were accepted"
    );
    let settings = Settings::default();
    let plan = BacktestPlan {
        train_until: chrono::NaiveDate::from_ymd_opt(2026, 8, 31).expect("date"),
        test_start: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
        test_days: 30,
        coverage_pct: vec![1.0, 5.0],
        pick_at_pct: 5.0,
        surfaces: Surface::standard(&settings, 30),
        places: true,
    };
    let a = fit(&plain.dataset, &settings, &plan, None).expect("fit");
    let b = fit(&added.dataset, &settings, &plan, None).expect("fit");
    assert_eq!(a.location.grid, b.location.grid);
    assert_eq!(a.surfaces.len(), b.surfaces.len());
    for ((sa, va), (sb, vb)) in a.surfaces.iter().zip(&b.surfaces) {
        assert_eq!(sa, sb);
        assert!(
            va == vb,
            "{} changed when future events were added",
            sa.name()
        );
    }
    assert_eq!(a.place_scores, b.place_scores);
    assert_eq!(a.place_last_period, b.place_last_period);
    // And the future events are really there to be scored.
    let bt =
        disrupt::score::backtest::backtest(&added.dataset, &added.dataset, &settings, &plan, None)
            .expect("backtest");
    let plain_bt =
        disrupt::score::backtest::backtest(&plain.dataset, &plain.dataset, &settings, &plan, None)
            .expect("backtest");
    assert_eq!(bt.test.events, plain_bt.test.events + 200);
}

#[test]
fn backtest_prints_the_table_and_names_the_best_surface() {
    let out = tempfile::tempdir().expect("dir");
    let stdout = stdout_ok(
        disrupt()
            .arg("backtest")
            .arg(example())
            .args(["--train-until", "2026-09-30", "--test", "31d", "--out"])
            .arg(out.path()),
    );
    assert!(stdout.contains("best at 5% of the area:"), "{stdout}");
    for method in [
        "kde_100m",
        "kde_500m",
        "gi_star_250m",
        "prospective_400m_8w",
        "last_period_31d",
        "hotspot_score",
    ] {
        assert!(stdout.contains(method), "{method} missing:\n{stdout}");
    }
    let csv = std::fs::read_to_string(out.path().join("backtest.csv")).expect("backtest.csv");
    let header = csv.lines().next().expect("header");
    assert_eq!(
        header,
        "target,method,best,coverage_pct,flagged,area,captured,total,best_possible,hit_rate,pai,pei"
    );
    // Eight surfaces and two place rankings, three coverages each.
    assert_eq!(csv.lines().count(), 1 + 10 * 3);
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).expect("manifest");
    assert!(manifest.contains("backtest.csv"), "{manifest}");
    assert_eq!(csv.lines().filter(|l| l.contains(",true,")).count(), 3);
}

#[test]
fn backtest_refuses_a_test_that_overlaps_training() {
    let o = disrupt()
        .arg("backtest")
        .arg(example())
        .args(["--train-until", "2026-09-30", "--test-from", "2026-09-15"])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the fit would see its own test"), "{err}");
}

#[test]
fn trends_writes_every_output_deterministically() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    for out in [a.path(), b.path()] {
        let stdout = stdout_ok(disrupt().arg("trends").arg(example()).arg("--out").arg(out));
        assert!(stdout.contains("cells with data"), "{stdout}");
    }
    for f in [
        "trends.csv",
        "trends.parquet",
        "trends.geojson",
        "place_trends.csv",
        "cube.csv",
        "run.json",
    ] {
        let (x, y) = (
            std::fs::read(a.path().join(f)).expect(f),
            std::fs::read(b.path().join(f)).expect(f),
        );
        assert!(x == y, "{f} differs between runs");
    }
    let csv = std::fs::read_to_string(a.path().join("trends.csv")).expect("csv");
    assert!(csv.starts_with("cell,row,col,easting,northing,category,trend_z,trend_p,tau,sen_slope,hot_steps,cold_steps,last_z,events,z_series\n"));
    let places = std::fs::read_to_string(a.path().join("place_trends.csv")).expect("csv");
    assert!(places.lines().skip(1).all(|l| {
        ["rising", "steady", "falling"]
            .iter()
            .any(|d| l.contains(&format!(",{d},")))
    }));
}

#[test]
fn trends_for_partners_suppress_small_counts_and_leave_out_score_series() {
    let out = tempfile::tempdir().expect("dir");
    stdout_ok(
        disrupt()
            .arg("trends")
            .arg(example())
            .args(["--audience", "partner", "--out"])
            .arg(out.path()),
    );
    let csv = std::fs::read_to_string(out.path().join("trends.csv")).expect("csv");
    let events = csv
        .lines()
        .next()
        .expect("header")
        .split(',')
        .position(|c| c == "events")
        .expect("events column");
    let mut masked = 0;
    for line in csv.lines().skip(1) {
        let cell = line.split(',').nth(events).expect("cell");
        // Partner counts are numbers, empty where suppressed (`events_shown` says "<5").
        if cell.is_empty() {
            masked += 1;
        } else {
            let n: u64 = cell.parse().expect("a count");
            assert!(n >= 5 || n == 0, "small count {n} shown to partners");
        }
    }
    assert!(masked > 0, "the example has cells with 1–4 events");
    let places = std::fs::read_to_string(out.path().join("place_trends.csv")).expect("csv");
    assert!(!places.contains("score_series"));
    let geo = std::fs::read_to_string(out.path().join("trends.geojson")).expect("geojson");
    assert!(!geo.contains("\"events\":1,") && !geo.contains("\"events\":2,"));
}

#[test]
fn bandwidth_auto_is_chosen_on_the_past_and_stated() {
    let out = tempfile::tempdir().expect("dir");
    stdout_ok(
        disrupt()
            .arg("hotspots")
            .arg(example())
            .args(["--bandwidth", "auto", "--out"])
            .arg(out.path()),
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.json")).expect("run.json"))
            .expect("json");
    let c = &run["bandwidth_choice"];
    assert_eq!(c["by_backtest"], true, "{c}");
    assert_eq!(c["train_until"], "2026-10-01");
    assert_eq!(c["scores"].as_array().map(Vec::len), Some(5));
    let chosen = c["chosen_m"].as_f64().expect("chosen");
    assert_eq!(run["effective"]["bandwidth_m"].as_f64(), Some(chosen));
    let best = c["scores"]
        .as_array()
        .expect("scores")
        .iter()
        .map(|s| s["pai"].as_f64().expect("pai"))
        .fold(f64::NEG_INFINITY, f64::max);
    let picked = c["scores"]
        .as_array()
        .expect("scores")
        .iter()
        .find(|s| s["bandwidth_m"].as_f64() == Some(chosen))
        .expect("the chosen one is scored");
    assert_eq!(picked["pai"].as_f64(), Some(best));
}

#[test]
fn trends_and_backtest_refuse_out_of_range_numbers_with_exit_2() {
    let cases: &[&[&str]] = &[
        &["trends", "--steps", "1"],
        &["trends", "--steps", "521"],
        &["trends", "--steps", "6", "--time-neighbours", "6"],
        &["trends", "--top", "99999999"],
        &["analyse", "--trend-steps", "1"],
        &["analyse", "--trend-steps", "100000"],
        &["backtest", "--coverage", "0"],
        &["backtest", "--coverage", "1,500"],
        &["backtest", "--coverage", "NaN"],
    ];
    for args in cases {
        let o = disrupt()
            .arg(args[0])
            .arg(example())
            .args(&args[1..])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("out of range"), "{args:?}: {err}");
    }
    let o = disrupt()
        .arg("backtest")
        .arg(example())
        .args(["--coverage", "1,10", "--pick-at", "5"])
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn backtest_refuses_an_output_folder_inside_its_test_data() {
    let test = example_with_events("");
    let out = test.path().join("out");
    let o = disrupt()
        .arg("backtest")
        .arg(example())
        .arg("--test-data")
        .arg(test.path())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("dataset folder"), "{err}");
    assert!(!out.exists(), "nothing was written into the test data");
}

/// The test dataset's rejected rows are kept in the output, beside the training
/// dataset's, so every row read is accounted for.
#[test]
fn backtest_keeps_the_test_datas_rejected_rows() {
    let test = example_with_events("BAD1,not_a_kind,2026-10-20T21:00:00,PL00488,,,,,,,,,\n");
    let out = tempfile::tempdir().expect("dir");
    let dir = out.path().join("bt");
    stdout_ok(
        disrupt()
            .arg("backtest")
            .arg(example())
            .args([
                "--train-until",
                "2026-09-30",
                "--test",
                "31d",
                "--test-data",
            ])
            .arg(test.path())
            .arg("--out")
            .arg(&dir),
    );
    let rejected =
        std::fs::read_to_string(dir.join("test_data/rejected/events.csv")).expect("test rejects");
    assert!(
        rejected
            .lines()
            .any(|l| l.starts_with("BAD1,") && l.contains("kind")),
        "{rejected}"
    );
    assert!(
        !dir.join("rejected/events.csv").exists() || {
            let r = std::fs::read_to_string(dir.join("rejected/events.csv")).expect("read");
            !r.contains("BAD1")
        }
    );
}
