//! Helpers shared by the integration tests.

use disrupt::ingest::{IngestOptions, Loaded, load};
use disrupt::score::{LocationAnalysis, Settings};
use std::path::{Path, PathBuf};

/// The repository's test fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary dataset folder holding `base/` with the files of `hostile/<case>/` laid
/// over it.
pub fn hostile_case(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixtures().join("base")).expect("base fixtures") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy base");
    }
    for entry in std::fs::read_dir(fixtures().join("hostile").join(case)).expect("case fixtures") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy case");
    }
    dir
}

/// The pseudonym key the tests run with.
pub const TEST_KEY: &str = "disrupt-test-key-0123456789";

/// The audit log the tests' commands append to (one per test binary, in a temporary
/// folder, never the user's own).
pub fn test_audit_log() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("audit dir"))
        .path()
}

/// The `disrupt` binary built for these tests, with the test key and audit log.
pub fn disrupt() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_disrupt"));
    c.env("DISRUPT_KEY", TEST_KEY)
        .env("DISRUPT_AUDIT_LOG", test_audit_log().join("audit.jsonl"));
    c
}

/// Runs a `disrupt` command that must succeed (its stderr in the failure message) and
/// returns its standard output.
pub fn stdout_ok(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A small synthetic borough (200 children, 4,000 events, 1,200 places), generated once
/// per test binary and shared by every test that needs realistic data with known truth.
pub fn scenario() -> &'static (tempfile::TempDir, disrupt::synth::Truth) {
    use disrupt::synth::{Borough, SynthConfig, Truth, generate};
    static S: std::sync::OnceLock<(tempfile::TempDir, Truth)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        let cfg = SynthConfig {
            children: 200,
            events: 4_000,
            places: 1_200,
            ..SynthConfig::default()
        };
        let s = generate(
            &cfg,
            &Borough::london("Lambeth").expect("Lambeth"),
            dir.path(),
        )
        .expect("synth");
        (dir, s.truth)
    })
}

/// The analyst disclosure of `d` under the test key, for tests that write tables.
pub fn analyst(d: &disrupt::model::Dataset) -> disrupt::privacy::Disclosure {
    let key = disrupt::privacy::PseudonymKey::from_bytes(TEST_KEY.as_bytes(), "test").expect("key");
    disrupt::privacy::Disclosure::new(disrupt::privacy::Policy::analyst(), d, Some(&key))
}

/// A dataset folder holding `tables` (file name, CSV text), for hand-built tests.
pub fn write_dataset(tables: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for (f, t) in tables {
        std::fs::write(dir.path().join(f), t).expect("write");
    }
    dir
}

/// The first small count (1–4) stated of people or records in a line of text, if any:
/// a digit 1–4 standing alone before a word such as "child", "action" or "event".
pub fn small_count_in(line: &str) -> Option<String> {
    const NOUNS: [&str; 10] = [
        "looked-after",
        "child",
        "action",
        "event",
        "peer",
        "member",
        "person",
        "people",
        "record",
        "children",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    for w in words.windows(2) {
        let n = w[0].trim_start_matches(['(', '-']);
        if matches!(n, "1" | "2" | "3" | "4") && NOUNS.iter().any(|x| w[1].starts_with(x)) {
            return Some(format!("{} {}", w[0], w[1]));
        }
    }
    None
}

/// The dataset in `dir`, loaded with the default options.
pub fn loaded(dir: &Path) -> Loaded {
    load(dir, &IngestOptions::default()).expect("loads")
}

/// A hand-built dataset of places, events, people and event_people (CSV text, in that
/// order), loaded and scored with the default settings.
pub fn scored(tables: &[&str; 4]) -> (Loaded, LocationAnalysis) {
    let names = ["places.csv", "events.csv", "people.csv", "event_people.csv"];
    let named: Vec<(&str, &str)> = names.into_iter().zip(tables.iter().copied()).collect();
    let dir = write_dataset(&named);
    let l = loaded(dir.path());
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    (l, la)
}

/// The score of the place with key `key`.
pub fn place_score(l: &Loaded, la: &LocationAnalysis, key: &str) -> disrupt::score::PlaceScore {
    let id = l.dataset.place_by_key(key).expect("place").id;
    la.score_of(id).expect("scored").clone()
}

/// A hand-built dataset (file name, CSV text), loaded as of 30 June 2026 and run through
/// the whole engine with the default settings and exact betweenness.
pub fn analysed(tables: &[(&str, &str)]) -> (Loaded, disrupt::Analysis) {
    let dir = write_dataset(tables);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).map(disrupt::model::AsOf);
    let l = load(dir.path(), &IngestOptions { as_of }).expect("loads");
    let an = disrupt::Analysis::run(
        &l.dataset,
        &Settings::default(),
        None,
        disrupt::graph::BetweennessMode::Exact,
    )
    .expect("runs");
    (l, an)
}

/// A person's connection score, by `person_id`.
pub fn connection_of<'a>(
    l: &Loaded,
    s: &'a [disrupt::score::ConnectionScore],
    key: &str,
) -> &'a disrupt::score::ConnectionScore {
    let id = l.dataset.person_by_key(key).expect("person").id;
    s.iter().find(|c| c.person == id).expect("scored")
}
