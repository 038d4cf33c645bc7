//! The audit log: every run that reads personal data leaves a chained `started` record
//! before it reads, and a record that completes it when it ends; any
//! edit, removal, reordering or truncation is detected and the line named; a run whose
//! record cannot be written does not run.

use crate::support::disrupt;
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

/// A log of `n` records made by real runs of `check`.
fn log_with(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("audit.jsonl");
    for i in 0..n {
        let out = dir.path().join(format!("out{i}"));
        let o = disrupt()
            .arg("check")
            .arg(example())
            .arg("--out")
            .arg(&out)
            .arg("--audit-log")
            .arg(&log)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    (dir, log)
}

/// `disrupt audit verify LOG`: exit code and stdout.
fn verify(log: &Path) -> (i32, String) {
    let o = disrupt()
        .args(["audit", "verify"])
        .arg(log)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

fn lines(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .expect("log")
        .lines()
        .map(String::from)
        .collect()
}

fn write_lines(log: &Path, lines: &[String]) {
    std::fs::write(
        log,
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .expect("write");
}

#[test]
fn every_run_appends_a_started_and_a_completing_record_with_its_outputs() {
    let (dir, log) = log_with(2);
    let (code, text) = verify(&log);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("intact, 4 records (2 runs)"), "{text}");
    let all: Vec<serde_json::Value> = lines(&log)
        .iter()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    for (i, r) in all.iter().enumerate() {
        assert_eq!(r["seq"], i + 1);
    }
    assert_eq!(all[0]["outcome"], "started");
    assert_eq!(all[2]["outcome"], "started");
    assert_eq!(all[1]["completes"], 1);
    assert_eq!(all[3]["completes"], 3);
    let recs = [all[1].clone(), all[3].clone()];
    for r in &recs {
        for key in [
            "time",
            "user",
            "command",
            "dataset_fingerprint",
            "audience",
            "outputs",
            "prev",
        ] {
            assert!(!r[key].is_null(), "{key} missing: {r}");
        }
        assert_eq!(r["outcome"], "ok");
    }
    // Same data, same fingerprint; each output listed with its real hash.
    assert_eq!(
        recs[0]["dataset_fingerprint"],
        recs[1]["dataset_fingerprint"]
    );
    let outputs = recs[0]["outputs"].as_array().expect("outputs");
    let check_json = outputs
        .iter()
        .find(|o| {
            o["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("check.json"))
        })
        .expect("check.json listed");
    let file = dir.path().join("out0/check.json");
    assert_eq!(
        check_json["sha256"],
        disrupt::privacy::audit::file_sha256(&file).expect("hash")
    );
}

#[test]
fn an_edited_line_is_named() {
    let (_dir, log) = log_with(3);
    let mut l = lines(&log);
    l[1] = l[1].replace("\"audience\":\"analyst\"", "\"audience\":\"partner\"");
    write_lines(&log, &l);
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(text.contains("line 2 (record 2) was edited"), "{text}");
}

#[test]
fn an_edited_last_line_is_named_from_the_head() {
    let (_dir, log) = log_with(2);
    let mut l = lines(&log);
    l[3] = l[3].replace("\"outcome\":\"ok\"", "\"outcome\":\"ok \"");
    write_lines(&log, &l);
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(text.contains("line 4 (the last) was edited"), "{text}");
}

#[test]
fn a_removed_line_is_named() {
    let (_dir, log) = log_with(4);
    let mut l = lines(&log);
    l.remove(1);
    write_lines(&log, &l);
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(
        text.contains("line 2 is record 3 but record 2 should come next"),
        "{text}"
    );
}

#[test]
fn reordered_lines_are_named() {
    let (_dir, log) = log_with(3);
    let mut l = lines(&log);
    l.swap(0, 1);
    write_lines(&log, &l);
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(text.contains("out of order"), "{text}");
    assert!(text.contains("line 1 is record 2"), "{text}");
}

#[test]
fn truncation_is_detected_whole_lines_or_mid_line() {
    let (_dir, log) = log_with(3);
    let l = lines(&log);
    let n = l.len();
    write_lines(&log, &l[..n - 1]);
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(text.contains("1 record(s) were cut off the end"), "{text}");
    // Cut in the middle of the last line.
    let mut cut = l[..n - 1].join("\n");
    cut.push('\n');
    cut.push_str(&l[n - 1][..l[n - 1].len() / 2]);
    std::fs::write(&log, cut).expect("write");
    let (code, text) = verify(&log);
    assert_eq!(code, 1);
    assert!(
        text.contains(&format!("line {n} is not a complete audit record")),
        "{text}"
    );
}

#[test]
fn a_tampered_log_stops_the_next_run() {
    let (dir, log) = log_with(2);
    let mut l = lines(&log);
    l.remove(0);
    write_lines(&log, &l);
    let out = dir.path().join("after");
    let o = disrupt()
        .arg("hotspots")
        .arg(example())
        .arg("--out")
        .arg(&out)
        .arg("--audit-log")
        .arg(&log)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fails verification"));
    assert!(!out.exists(), "nothing was run");
}

#[test]
fn a_run_whose_record_cannot_be_written_does_not_run() {
    let dir = tempfile::tempdir().expect("dir");
    // The log's folder would have to be inside a file.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").expect("w");
    let out = dir.path().join("out");
    let o = disrupt()
        .arg("network")
        .arg(example())
        .arg("--out")
        .arg(&out)
        .arg("--audit-log")
        .arg(blocker.join("audit.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing was run"));
    assert!(!out.exists(), "no output written");
}

#[test]
fn the_log_location_follows_flag_then_environment() {
    let dir = tempfile::tempdir().expect("dir");
    let env_log = dir.path().join("env.jsonl");
    let o = disrupt()
        .env("DISRUPT_AUDIT_LOG", &env_log)
        .arg("check")
        .arg(example())
        .output()
        .expect("runs");
    assert!(o.status.success());
    assert_eq!(lines(&env_log).len(), 2);
    let flag_log = dir.path().join("flag.jsonl");
    let o = disrupt()
        .env("DISRUPT_AUDIT_LOG", &env_log)
        .arg("check")
        .arg(example())
        .arg("--audit-log")
        .arg(&flag_log)
        .output()
        .expect("runs");
    assert!(o.status.success());
    assert_eq!((lines(&env_log).len(), lines(&flag_log).len()), (2, 2));
}
