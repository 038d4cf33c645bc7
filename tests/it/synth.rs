//! `disrupt synth`: deterministic, realistic, and clean under `check`.

use crate::support::disrupt;
use disrupt::ingest::{IngestOptions, Table, load};
use disrupt::model::Role;
use disrupt::synth::{Borough, SynthConfig, generate};
use std::path::Path;

const TABLES: [&str; 7] = [
    "places.csv",
    "people.csv",
    "events.csv",
    "event_people.csv",
    "links.csv",
    "actions.csv",
    "truth.json",
];

fn small() -> SynthConfig {
    SynthConfig {
        children: 120,
        events: 3_000,
        places: 800,
        ..SynthConfig::default()
    }
}

#[test]
fn same_seed_gives_byte_identical_tables() {
    let borough = Borough::london("Lambeth").expect("Lambeth");
    let (a, b, c) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    generate(&small(), &borough, a.path()).expect("a");
    generate(&small(), &borough, b.path()).expect("b");
    generate(&SynthConfig { seed: 7, ..small() }, &borough, c.path()).expect("c");
    for t in TABLES {
        let read = |d: &Path| std::fs::read(d.join(t)).expect("file");
        assert_eq!(
            read(a.path()),
            read(b.path()),
            "{t} differs between two runs with the same seed"
        );
    }
    assert_ne!(
        std::fs::read(a.path().join("events.csv")).ok(),
        std::fs::read(c.path().join("events.csv")).ok()
    );
}

#[test]
fn output_is_clean_and_plants_what_truth_says() {
    let borough = Borough::london("Lambeth").expect("Lambeth");
    assert!(
        borough.stations.len() >= 5,
        "Lambeth has Brixton, Stockwell, Oval, Vauxhall, …"
    );
    let dir = tempfile::tempdir().expect("dir");
    let summary = generate(&small(), &borough, dir.path()).expect("generates");
    let loaded = load(dir.path(), &IngestOptions::default()).expect("loads");
    assert_eq!(
        loaded.quarantine.total(),
        0,
        "synth output must pass its own contract"
    );
    assert_eq!(loaded.reports[&Table::Events].read, 3_000);
    assert_eq!(summary.rows["events"], 3_000);

    let truth = &summary.truth;
    assert_eq!(truth.networks.len(), 4);
    let kinds: Vec<&str> = truth
        .networks
        .iter()
        .map(|n| n.premises_kind.as_str())
        .collect();
    assert_eq!(kinds, ["hotel", "takeaway", "residential", "park"]);
    let d = &loaded.dataset;
    for n in &truth.networks {
        let place = d.place_by_key(&n.premises).expect("premises exists");
        assert!(
            borough.contains(place.location),
            "premises inside the boundary"
        );
        for p in &n.perpetrators {
            assert_eq!(d.person_by_key(p).map(|x| x.role), Some(Role::Perpetrator));
        }
        // Several children are found at the premises.
        let found_here: std::collections::HashSet<_> = d
            .events
            .iter()
            .filter(|e| {
                e.kind == disrupt::model::EventKind::MissingFound && e.place == Some(place.id)
            })
            .flat_map(|e| {
                d.event_people
                    .iter()
                    .filter(move |ep| ep.event == e.id)
                    .map(|ep| ep.person)
            })
            .collect();
        assert!(
            found_here.len() >= 3,
            "{}: {} children found there",
            n.id,
            found_here.len()
        );
    }
    assert_eq!(
        truth.decoys.len(),
        4,
        "a repeat family home and three busy places"
    );
    for p in d.places.iter() {
        assert!(
            borough.contains(p.location),
            "{} outside the boundary",
            p.key
        );
    }
}

#[test]
fn cli_reports_what_it_wrote() {
    let dir = tempfile::tempdir().expect("dir");
    let stdout = crate::support::stdout_ok(
        disrupt()
            .args([
                "synth",
                "--seed",
                "3",
                "--children",
                "100",
                "--events",
                "2000",
                "--places",
                "500",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert!(stdout.contains("Lambeth (seed 3)"), "{stdout}");
    assert!(
        stdout.contains("events") && stdout.contains("2000 rows"),
        "{stdout}"
    );
    let bad = disrupt()
        .args(["synth", "--borough", "Atlantis", "--out"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("available: Kingston upon Thames"));
}
