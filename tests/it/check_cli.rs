//! `disrupt check`: its files, its summary and its exit codes.

use crate::support::{disrupt, fixtures, hostile_case};

#[test]
fn writes_check_json_and_quarantine() {
    let data = hostile_case("bad_values");
    let out = tempfile::tempdir().expect("temp dir");
    let status = disrupt()
        .arg("check")
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("as of 2026-03-14 (the latest event date)"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("places") && l.contains("16") && l.contains("13")),
        "{stdout}"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("check.json")).expect("check.json"))
            .expect("json");
    assert_eq!(json["tables"]["places"]["read"], 16);
    assert_eq!(json["tables"]["places"]["accepted"], 3);
    assert_eq!(json["tables"]["places"]["rejected"], 13);
    assert_eq!(json["tables"]["people"]["rejected"], 3);
    assert_eq!(json["tables"]["events"]["expired"], 1);
    assert_eq!(json["as_of"], "2026-03-14");
    for t in [
        "people",
        "places",
        "events",
        "event_people",
        "links",
        "actions",
    ] {
        let v = &json["tables"][t];
        assert_eq!(
            v["read"].as_u64(),
            Some(v["accepted"].as_u64().unwrap_or(0) + v["rejected"].as_u64().unwrap_or(0))
        );
    }

    // The quarantine keeps original fields, adds reason and row, and escapes formulas.
    let mut r = csv::Reader::from_path(out.path().join("rejected/places.csv"))
        .expect("rejected/places.csv");
    let headers = r.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "place_id", "name", "kind", "lat", "lon", "easting", "northing", "licensed", "area",
            "reason", "row"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 13);
    let b11 = rows
        .iter()
        .find(|r| &r[0] == "B11")
        .expect("B11 quarantined");
    assert_eq!(&b11[1], "'=HYPERLINK(\"http://x\")", "formula escaped");
    assert_eq!(&b11[10], "15");
    let b4 = rows.iter().find(|r| &r[0] == "B4").expect("B4");
    assert_eq!(&b4[3], "-0.11", "negative numbers stay numbers");
    // Tables with nothing rejected still get a header-only file (no stale quarantine).
    let links = std::fs::read_to_string(out.path().join("rejected/links.csv")).expect("links");
    assert_eq!(links.lines().count(), 1);
}

#[test]
fn strict_fails_when_anything_is_rejected() {
    let data = hostile_case("bad_values");
    let out = disrupt()
        .args(["check", "--strict"])
        .arg(data.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: pass --out DIR"));
    let clean = disrupt()
        .args(["check", "--strict"])
        .arg(fixtures().join("base"))
        .output()
        .expect("runs");
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn unreadable_data_exits_3_with_the_reason() {
    let out = disrupt()
        .args(["check", "no/such/folder"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such dataset folder"));
    let data = hostile_case("semicolons");
    let out = disrupt()
        .arg("check")
        .arg(data.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("delimited by semicolons"));
}

#[test]
fn bad_as_of_is_a_usage_error() {
    let out = disrupt()
        .args(["check", "--as-of", "yesterday"])
        .arg(fixtures().join("base"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
