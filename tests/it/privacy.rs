//! Audiences, pseudonyms, suppression, handling codes, safe files: what each audience's
//! outputs may and may not contain, checked on the files the commands write.

use crate::support::{TEST_KEY, disrupt, scenario};
use disrupt::ingest::{IngestOptions, load};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` as text; Parquet files are read back and rendered as CSV, so
/// a compressed column cannot hide a value from the search.
fn all_text(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                use polars::prelude::*;
                let file = std::fs::File::open(&path).expect("open");
                let df = ParquetReader::new(file).finish().expect("parquet");
                // Geometries (GeoParquet's WKB) are not text, and CSV cannot hold them.
                let text: Vec<Column> = df
                    .columns()
                    .iter()
                    .filter(|c| c.dtype() != &DataType::Binary)
                    .cloned()
                    .collect();
                let mut df = DataFrame::new_infer_height(text).expect("columns");
                let mut buf = Vec::new();
                CsvWriter::new(&mut buf).finish(&mut df).expect("csv");
                out.insert(path, String::from_utf8_lossy(&buf).into_owned());
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.insert(path, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    out
}

/// Runs `disrupt ARGS`, expecting success; returns stdout and stderr together.
fn run_ok(args: &[&str]) -> String {
    let o = disrupt().args(args).output().expect("runs");
    assert!(
        o.status.success(),
        "disrupt {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every identity of every person in the dataset: person_id, display name, and the
/// pseudonym under the test key.
fn identities(data: &Path) -> Vec<(String, &'static str)> {
    let l = load(data, &IngestOptions::default()).expect("loads");
    let key = disrupt::privacy::PseudonymKey::from_bytes(TEST_KEY.as_bytes(), "test").expect("key");
    let mut v = Vec::new();
    for p in &l.dataset.people {
        v.push((p.key.clone(), "person_id"));
        v.push((key.pseudonym(&p.key), "pseudonym"));
        if let Some(n) = &p.display_name {
            v.push((n.clone(), "name"));
        }
    }
    v
}

/// The first planted network's premises.
fn truth_place(data: &Path) -> String {
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("truth.json")).expect("truth"))
            .expect("json");
    truth["networks"][0]["premises"]
        .as_str()
        .expect("premises")
        .to_string()
}

#[test]
fn partner_outputs_contain_no_person_id_name_or_pseudonym() {
    let (data, _) = scenario();
    let data = data.path();
    let out = tempfile::tempdir().expect("dir");
    let mut printed = String::new();
    for (cmd, sub) in [("hotspots", "h"), ("network", "n"), ("check", "c")] {
        let dir = out.path().join(sub);
        printed += &run_ok(&[
            cmd,
            data.to_str().expect("utf8"),
            "--out",
            dir.to_str().expect("utf8"),
            "--audience",
            "partner",
        ]);
    }
    // The assessments, the plan review and an evaluation, as files and as printed.
    let l = load(data, &IngestOptions::default()).expect("loads");
    let hotel = truth_place(data);
    let action = l
        .dataset
        .actions
        .iter()
        .find(|x| x.started_on.is_some())
        .expect("an action with a start")
        .key
        .clone();
    let d = data.to_str().expect("utf8");
    // One folder per run: a folder never mixes runs.
    for (i, args) in [
        vec!["assess", "place", hotel.as_str(), d],
        vec!["assess", "group", "G1", d],
        vec!["review", d],
        vec!["evaluate", action.as_str(), d],
    ]
    .into_iter()
    .enumerate()
    {
        for format in ["markdown", "json"] {
            let mut full = args.clone();
            full.extend(["--audience", "partner", "--format", format]);
            printed += &run_ok(&full);
        }
        let a = out.path().join(format!("a{i}"));
        let mut full = args.clone();
        full.extend(["--audience", "partner", "--out", a.to_str().expect("utf8")]);
        printed += &run_ok(&full);
    }
    let files = all_text(out.path());
    assert!(files.len() >= 17, "{:?}", files.keys());
    let people = identities(data);
    assert!(
        people.iter().any(|(_, k)| *k == "name"),
        "the scenario has names"
    );
    for (id, kind) in &people {
        assert!(
            !printed.contains(id.as_str()),
            "{kind} {id} printed to a partner"
        );
        for (path, text) in &files {
            assert!(
                !text.contains(id.as_str()),
                "{kind} {id} found in partner output {}",
                path.display()
            );
        }
    }
    // No sentence states a small count of people or records (the counts in tables are
    // checked by the suppression tests); the printed text neither.
    for (path, text) in files.iter().filter(|(p, _)| {
        p.extension()
            .is_some_and(|e| e == "md" || e == "json" || e == "html")
    }) {
        for line in text.lines() {
            assert!(
                crate::support::small_count_in(line).is_none(),
                "small count in partner output {}: {line}",
                path.display()
            );
        }
    }
    for line in printed.lines() {
        assert!(
            crate::support::small_count_in(line).is_none(),
            "printed: {line}"
        );
    }
    // No person tables and no quarantine (raw input rows) for partners.
    for f in [
        "n/people.csv",
        "n/people.parquet",
        "n/links_i2.csv",
        "n/entities_i2.csv",
        "n/ties.parquet",
        "n/network.graphml",
        "n/network.yed.graphml",
        "h/rejected",
        "n/rejected",
        "c/rejected",
        "a0/rejected",
    ] {
        assert!(!out.path().join(f).exists(), "{f} written for partners");
    }
}

#[test]
fn partner_counts_are_suppressed_with_secondary_suppression_over_group_sizes() {
    let (data, _) = scenario();
    let out = tempfile::tempdir().expect("dir");
    run_ok(&[
        "network",
        data.path().to_str().expect("utf8"),
        "--out",
        out.path().to_str().expect("utf8"),
        "--audience",
        "partner",
    ]);
    let mut r = csv::Reader::from_path(out.path().join("groups.csv")).expect("groups.csv");
    let h = r.headers().expect("header").clone();
    let names = [
        "members",
        "children",
        "peers",
        "persons_of_concern_in_group",
    ];
    // Each count as shown (`NAME_shown`) and as a number (`NAME`, empty where hidden).
    let at = |c: &str| h.iter().position(|x| x == c).expect(c);
    let cols: Vec<usize> = names.iter().map(|c| at(&format!("{c}_shown"))).collect();
    let numbers: Vec<usize> = names.iter().map(|c| at(c)).collect();
    let (mut primary, mut secondary) = (0, 0);
    for row in r.records() {
        let row = row.expect("row");
        let cells: Vec<&str> = cols.iter().map(|&i| &row[i]).collect();
        for (shown, &n) in cells.iter().zip(&numbers) {
            if shown.parse::<u64>().is_ok() {
                assert_eq!(*shown, &row[n], "{row:?}");
            } else {
                assert!(row[n].is_empty(), "a hidden count as a number: {row:?}");
            }
        }
        for c in &cells {
            if let Ok(n) = c.parse::<u64>() {
                assert!(
                    n == 0 || n >= 5,
                    "a count of {n} shown to partners: {row:?}"
                );
            }
        }
        let hidden = cells.iter().filter(|c| **c == "<5" || **c == "[c]").count();
        assert!(
            hidden != 1,
            "one hidden cell can be recovered by subtraction: {row:?}"
        );
        primary += cells.iter().filter(|c| **c == "<5").count();
        secondary += cells.iter().filter(|c| **c == "[c]").count();
    }
    assert!(
        primary > 0 && secondary > 0,
        "the scenario exercises both kinds"
    );
}

#[test]
fn strategy_shows_children_and_peers_as_initials_and_pseudonym_and_never_names() {
    let (data, _) = scenario();
    let out = tempfile::tempdir().expect("dir");
    run_ok(&[
        "network",
        data.path().to_str().expect("utf8"),
        "--out",
        out.path().to_str().expect("utf8"),
        "--audience",
        "strategy",
    ]);
    let l = load(data.path(), &IngestOptions::default()).expect("loads");
    let key = disrupt::privacy::PseudonymKey::from_bytes(TEST_KEY.as_bytes(), "test").expect("key");
    let mut r = csv::Reader::from_path(out.path().join("people.csv")).expect("people.csv");
    let h = r.headers().expect("h").clone();
    let (pc, rc) = (
        h.iter().position(|x| x == "person").expect("person"),
        h.iter().position(|x| x == "role").expect("role"),
    );
    let mut checked = 0;
    for (row, p) in r.records().zip(&l.dataset.people) {
        let row = row.expect("row");
        let pseudonym = key.pseudonym(&p.key);
        assert_eq!(&row[rc], p.role.as_str());
        match (p.role.as_str(), &p.display_name) {
            ("child" | "peer", Some(name)) => {
                let ini = disrupt::privacy::audience::initials(name).expect("initials");
                assert_eq!(&row[pc], format!("{ini} {pseudonym}"));
                checked += 1;
            }
            _ => assert_eq!(&row[pc], pseudonym),
        }
    }
    assert!(checked > 100);
    for (path, text) in all_text(out.path()) {
        if path.components().any(|c| c.as_os_str() == "rejected") {
            continue;
        }
        for p in &l.dataset.people {
            assert!(!text.contains(&p.key), "{} in {}", p.key, path.display());
            if let Some(n) = &p.display_name {
                assert!(!text.contains(n.as_str()), "{n} in {}", path.display());
            }
        }
    }
}

#[test]
fn reveal_needs_a_purpose_is_refused_for_partners_and_is_logged() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let ex = example.to_str().expect("utf8");
    let o = disrupt()
        .args(["network", ex, "--reveal-names"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs --purpose"));
    let o = disrupt()
        .args([
            "network",
            ex,
            "--reveal-names",
            "--purpose",
            "x",
            "--audience",
            "partner",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refused for the partner audience"));
    let o = disrupt()
        .args(["hotspots", ex, "--include-expired"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));

    let log = tempfile::tempdir().expect("dir");
    let log_path = log.path().join("audit.jsonl");
    let out = tempfile::tempdir().expect("dir");
    run_ok(&[
        "network",
        ex,
        "--out",
        out.path().to_str().expect("utf8"),
        "--reveal-names",
        "--purpose",
        "s.47 strategy discussion, case 42",
        "--audit-log",
        log_path.to_str().expect("utf8"),
    ]);
    let people = std::fs::read_to_string(out.path().join("people.csv")).expect("people");
    assert!(
        people
            .lines()
            .next()
            .expect("header")
            .contains("person,person_id,person_name")
    );
    assert!(people.contains("P000001") && people.contains("Violet Quinn"));
    let log = std::fs::read_to_string(&log_path).expect("log");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "a started record and its completion");
    let rec: serde_json::Value = serde_json::from_str(lines[1]).expect("json");
    assert_eq!(rec["completes"], 1);
    assert_eq!(rec["purpose"], "s.47 strategy discussion, case 42");
    assert_eq!(rec["reveal_names"], true);
    assert_eq!(rec["audience"], "analyst");
}

#[test]
fn handling_code_c_records_never_reach_partner_outputs() {
    // Two events at a hotel: one shareable (P), one with conditions (C). The C record
    // counts for analysts and leaves no trace in partner outputs.
    let dir = tempfile::tempdir().expect("dir");
    let files = [
        (
            "places.csv",
            "place_id,kind,name,easting,northing\nH1,hotel,Station Hotel,531000,175000\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id,category,grading\n\
             E-P,intelligence,2026-03-01T22:00:00,H1,cse,2BP\n\
             E-SECRET,intelligence,2026-03-02T22:00:00,H1,cse,2BC\n",
        ),
        ("people.csv", "person_id,role\nC1,child\nX1,perpetrator\n"),
        (
            "event_people.csv",
            "event_id,person_id\nE-P,C1\nE-SECRET,X1\n",
        ),
        (
            "links.csv",
            "from_id,to_id,kind,grading\nC1,X1,contact,3EC\n",
        ),
    ];
    for (f, t) in files {
        std::fs::write(dir.path().join(f), t).expect("write");
    }
    let data = dir.path().to_str().expect("utf8");
    let (analyst, partner) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    for (out, audience) in [(&analyst, "analyst"), (&partner, "partner")] {
        for cmd in ["hotspots", "network"] {
            run_ok(&[
                cmd,
                data,
                "--out",
                out.path().join(cmd).to_str().expect("utf8"),
                "--audience",
                audience,
            ]);
        }
    }
    let a = std::fs::read_to_string(analyst.path().join("hotspots/hotspots.csv")).expect("a");
    assert!(a.contains("E-SECRET"), "analysts see the C record");
    for (path, text) in all_text(partner.path()) {
        assert!(!text.contains("E-SECRET"), "C record in {}", path.display());
    }
    let run: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(partner.path().join("network/run.json")).expect("run.json"),
    )
    .expect("json");
    assert_eq!(run["counts"]["handling_c_links"], 1);
    assert_eq!(run["admission"]["include_handling_c"], false);
    // The partner's place has one event, the analyst's two.
    let events = |dir: &Path| -> String {
        let mut r = csv::Reader::from_path(dir.join("hotspots/hotspots.csv")).expect("csv");
        let h = r.headers().expect("h").clone();
        // The count as shown: partners' is in its display column.
        let i = h
            .iter()
            .position(|x| x == "events_shown")
            .or_else(|| h.iter().position(|x| x == "events"))
            .expect("events");
        r.records().next().expect("row").expect("row")[i].to_string()
    };
    assert_eq!(events(analyst.path()), "2");
    assert_eq!(events(partner.path()), "<5");
}

#[test]
fn expired_records_need_a_purpose_and_are_counted() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("places.csv"),
        "place_id,kind,easting,northing\nH1,hotel,531000,175000\n",
    )
    .expect("w");
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id,review_by\n\
         E1,incident,2026-03-01T22:00:00,H1,2027-01-01\n\
         E2,incident,2026-02-01T22:00:00,H1,2026-02-15\n",
    )
    .expect("w");
    let data = dir.path().to_str().expect("utf8");
    let count = |extra: &[&str]| -> serde_json::Value {
        let out = tempfile::tempdir().expect("dir");
        let mut args = vec![
            "hotspots",
            data,
            "--out",
            out.path().to_str().expect("utf8"),
        ];
        args.extend_from_slice(extra);
        run_ok(&args);
        let run: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("run.json")).expect("run"),
        )
        .expect("json");
        run["counts"].clone()
    };
    let default = count(&[]);
    assert_eq!(
        (default["used"].as_u64(), default["expired"].as_u64()),
        (Some(1), Some(1))
    );
    let with = count(&["--include-expired", "--purpose", "review of a closed case"]);
    assert_eq!(
        (with["used"].as_u64(), with["expired"].as_u64()),
        (Some(2), Some(0))
    );
}

#[test]
fn formula_cells_are_escaped_in_csv_and_kept_verbatim_in_parquet() {
    let dir = tempfile::tempdir().expect("dir");
    let hostile = [
        "=HYPERLINK(\"http://x\",\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "-2+3",
        "=1+1",
    ];
    let mut places = String::from("place_id,kind,name,easting,northing\n");
    for (i, name) in hostile.iter().enumerate() {
        let quoted = name.replace('"', "\"\"");
        places.push_str(&format!(
            "H{i},hotel,\"{quoted}\",{},175000\n",
            531000 + 200 * i
        ));
    }
    std::fs::write(dir.path().join("places.csv"), places).expect("w");
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id\nE1,incident,2026-03-01T22:00:00,H0\n",
    )
    .expect("w");
    let out = tempfile::tempdir().expect("dir");
    run_ok(&[
        "hotspots",
        dir.path().to_str().expect("utf8"),
        "--out",
        out.path().to_str().expect("utf8"),
    ]);
    let mut r = csv::Reader::from_path(out.path().join("hotspots.csv")).expect("csv");
    let h = r.headers().expect("h").clone();
    let ni = h.iter().position(|x| x == "name").expect("name");
    let mut names: Vec<String> = r
        .records()
        .map(|row| row.expect("row")[ni].to_string())
        .collect();
    names.sort();
    for cell in &names {
        assert!(cell.starts_with('\''), "not escaped: {cell:?}");
    }
    // Round trip: the escape is one leading quote, so the original is recoverable.
    let mut back: Vec<String> = names.iter().map(|c| c[1..].to_string()).collect();
    back.sort();
    let mut want: Vec<String> = hostile.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(back, want);
    let parquet = all_text(out.path());
    let pq = &parquet[&out.path().join("hotspots.parquet")];
    assert!(
        pq.contains("=HYPERLINK"),
        "Parquet keeps the value as it is"
    );
}

#[test]
fn outputs_and_a_new_key_file_are_private_to_their_owner() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let tmp = tempfile::tempdir().expect("dir");
    let key = tmp.path().join("keys/pseudonym.key");
    let out = tmp.path().join("out");
    let o = disrupt()
        .env_remove("DISRUPT_KEY")
        .args(["hotspots", example.to_str().expect("utf8"), "--out"])
        .arg(&out)
        .arg("--key-file")
        .arg(&key)
        .arg("--new-key")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&key), 0o600);
        for f in [
            "hotspots.csv",
            "hotspots.parquet",
            "hotspots.gpkg",
            "grid.geojson",
            "run.json",
        ] {
            assert_eq!(mode(&out.join(f)), 0o600, "{f}");
        }
    }
    assert_eq!(std::fs::read_to_string(&key).expect("key").trim().len(), 64);
}

#[test]
fn partners_get_no_context_summary_and_no_threshold_below_three() {
    let (data, truth) = scenario();
    let child = &truth.networks[0].children[0];
    let o = disrupt()
        .arg("context")
        .arg(child)
        .arg(data.path())
        .args(["--audience", "partner"])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(o.stdout.is_empty(), "nothing printed");
    assert!(String::from_utf8_lossy(&o.stderr).contains("never partners"));
    let o = disrupt()
        .arg("hotspots")
        .arg(data.path())
        .args(["--audience", "partner", "--suppress-below", "2"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("too low"));
}

/// A partner table whose rows add up to a total published elsewhere — a place's hours
/// and months to its `events`, a cell's steps to its `events` in trends.csv — never
/// hides exactly one row of a group of several: one hidden row could be worked out by
/// subtraction. (A group of one row hidden is a total that is small, and hidden there
/// too.)
#[test]
fn no_partner_count_can_be_worked_out_by_subtracting_a_group_from_its_total() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    crate::support::stdout_ok(
        crate::support::disrupt()
            .args(["analyse", "--audience", "partner", "--out"])
            .arg(&out),
    );
    for (file, key) in [
        ("place_hours.csv", "place_id"),
        ("place_months.csv", "place_id"),
        ("cube.csv", "cell"),
    ] {
        let mut r = csv::Reader::from_path(out.join(file)).expect(file);
        let header = r.headers().expect("header").clone();
        let at = |name: &str| header.iter().position(|h| h == name).expect(name);
        let (k, shown) = (at(key), at("events_shown"));
        let mut hidden: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for row in r.records() {
            let row = row.expect("row");
            let e = hidden.entry(row[k].to_string()).or_default();
            e.0 += 1;
            e.1 += usize::from(row[shown].parse::<u64>().is_err());
        }
        let single: Vec<_> = hidden
            .iter()
            .filter(|(_, (rows, h))| *rows > 1 && *h == 1)
            .collect();
        assert!(single.is_empty(), "{file}: one hidden row in {single:?}");
        assert!(
            hidden.values().any(|(_, h)| *h >= 2),
            "{file}: nothing suppressed"
        );
    }
}
