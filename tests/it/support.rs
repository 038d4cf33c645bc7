//! Helpers shared by the integration tests.

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

/// The `disrupt` binary built for these tests.
pub fn disrupt() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_disrupt"))
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
