//! Hostile use of the command line: one regression test per reproduction of the
//! adversarial pass (numbered as found), a kill-during-write test, and the shuffle
//! property test. Nothing lost, nothing leaked, nothing outside `--out`, no panic.

use crate::support::{disrupt, fixtures, scenario, stdout_ok};
use std::path::{Path, PathBuf};
use std::process::Output;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

/// A copy of the hand-built base fixture, with `changes` (file, text) laid over it.
fn base_with(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for e in std::fs::read_dir(fixtures().join("base")).expect("base") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
    }
    for (f, t) in changes {
        std::fs::write(dir.path().join(f), t).expect("write");
    }
    dir
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    disrupt().args(args).output().expect("runs")
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(dir)
                        .expect("inside")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

/// The files a run folder's manifest lists, checked against the folder: every file
/// listed is there with its hash, and nothing else is.
fn assert_one_complete_run(out: &Path) -> serde_json::Value {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let mut listed: Vec<String> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().expect("path").to_string();
            assert_eq!(
                f["sha256"].as_str().expect("hash"),
                disrupt::privacy::audit::file_sha256(&out.join(&path)).expect("hash"),
                "{path} was changed after the manifest was written"
            );
            path
        })
        .collect();
    listed.push("manifest.json".into());
    listed.sort();
    assert_eq!(
        files(out),
        listed,
        "the folder holds exactly one run's files"
    );
    manifest
}

#[test]
fn p01_an_output_folder_that_is_or_holds_the_dataset_is_refused() {
    let data = base_with(&[]);
    let before = std::fs::read(data.path().join("people.csv")).expect("people");
    for cmd in [
        "analyse", "network", "hotspots", "check", "trends", "backtest",
    ] {
        for out in [data.path().to_path_buf(), data.path().join("out")] {
            let o = run(&[
                os(cmd),
                data.path().as_os_str(),
                os("--out"),
                out.as_os_str(),
            ]);
            assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
            assert!(stderr(&o).contains("dataset folder"), "{}", stderr(&o));
        }
    }
    let parent = data.path().parent().expect("parent").to_path_buf();
    let o = run(&[
        os("check"),
        data.path().as_os_str(),
        os("--out"),
        parent.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(data.path().join("people.csv")).expect("people"),
        before,
        "the input is untouched"
    );
    assert!(!data.path().join("people.parquet").exists());
}

#[test]
fn p02_a_partner_run_replaces_an_analyst_folder_whole() {
    let out = tempfile::tempdir().expect("dir");
    let dir = out.path().join("x");
    let data = example();
    let said = stdout_ok(disrupt().arg("analyse").arg(&data).arg("--out").arg(&dir));
    assert!(dir.join("people.csv").exists());
    // The summary names the folder as it stands after the swap, not the staging folder.
    let wrote = said.lines().last().expect("the last line");
    assert!(
        wrote.contains(&format!("to {};", dir.display())) && !wrote.contains("staging"),
        "{wrote}"
    );
    stdout_ok(
        disrupt()
            .arg("analyse")
            .arg(&data)
            .args(["--audience", "partner", "--out"])
            .arg(&dir),
    );
    for gone in [
        "people.csv",
        "people.parquet",
        "network.graphml",
        "network.yed.graphml",
        "links_i2.csv",
        "entities_i2.csv",
        "ties.parquet",
    ] {
        assert!(!dir.join(gone).exists(), "{gone} left from the analyst run");
    }
    let manifest = assert_one_complete_run(&dir);
    assert_eq!(manifest["run"]["audience"], "partner");
    // The partner report and assessments state no small count in any sentence.
    for f in files(&dir)
        .iter()
        .filter(|f| f.ends_with(".md") || f.ends_with(".html") || f.ends_with(".json"))
    {
        let text = std::fs::read_to_string(dir.join(f)).expect("text");
        for line in text.lines() {
            assert!(
                crate::support::small_count_in(line).is_none(),
                "{f}: {line}"
            );
        }
    }
}

#[test]
fn p03_partner_sentences_hide_small_counts_and_agree_with_groups_csv() {
    let (data, _) = scenario();
    let root = tempfile::tempdir().expect("dir");
    let net = root.path().join("net");
    stdout_ok(
        disrupt()
            .arg("network")
            .arg(data.path())
            .args(["--audience", "partner", "--out"])
            .arg(&net),
    );
    let mut r = csv::Reader::from_path(net.join("groups.csv")).expect("groups.csv");
    let h = r.headers().expect("header").clone();
    let col = |name: &str| h.iter().position(|c| c == name).expect(name);
    let (gid, members, children, peers) = (
        col("group_id"),
        col("members_shown"),
        col("children_shown"),
        col("peers_shown"),
    );
    let small = crate::support::small_count_in;
    let mut checked = 0;
    for row in r.records().take(8) {
        let row = row.expect("row");
        let md = stdout_ok(
            disrupt()
                .args(["assess", "group", &row[gid]])
                .arg(data.path())
                .args(["--audience", "partner", "--format", "markdown"]),
        );
        let expected = format!(
            "{} members, of them {} children and {} peers",
            &row[members], &row[children], &row[peers]
        );
        let plain = md.replace("\\[", "[").replace("\\]", "]");
        assert!(plain.contains(&expected), "'{expected}' not in\n{md}");
        for line in md.lines() {
            assert!(small(line).is_none(), "small count in: {line}");
        }
        checked += 1;
    }
    assert!(checked >= 2, "the scenario has groups");
}

#[test]
fn p04_rejected_people_carry_no_identities_unless_revealed() {
    let data = base_with(&[(
        "people.csv",
        "person_id,role,birth_year,looked_after,display_name,sex,ethnicity,home_place_id\n\
         C1,child,2011,true,Amy A,F,White,\n\
         KID9,kid,2012,no,Zed Secretname,M,Mixed,\n",
    )]);
    let root = tempfile::tempdir().expect("dir");
    let out = root.path().join("o");
    let o = run(&[
        os("check"),
        data.path().as_os_str(),
        os("--out"),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rejected = std::fs::read_to_string(out.join("rejected/people.csv")).expect("rejected");
    for secret in ["Zed Secretname", "KID9", "Mixed"] {
        assert!(!rejected.contains(secret), "{secret} in\n{rejected}");
    }
    assert!(
        rejected.contains("[withheld]") && rejected.contains("kid"),
        "{rejected}"
    );
    let shown = root.path().join("shown");
    let o = run(&[
        os("check"),
        data.path().as_os_str(),
        os("--out"),
        shown.as_os_str(),
        os("--reveal-names"),
        os("--purpose"),
        os("fixing the social care extract"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rejected = std::fs::read_to_string(shown.join("rejected/people.csv")).expect("rejected");
    assert!(rejected.contains("Zed Secretname"), "{rejected}");
}

#[test]
fn p05_a_row_with_one_field_too_many_is_quarantined_not_fatal() {
    let data = base_with(&[(
        "places.csv",
        "place_id,name,kind,lat,lon,easting,northing,licensed,area\n\
         H1,Station Hotel,hotel,51.4613,-0.1156,,,true,Brixton\n\
         T1,Golden Chicken,takeaway,,,531000,175500,yes,Brixton,EXTRA\n\
         P1,Brockwell Park,park,51.4520,-0.1060,,,,Herne Hill\n",
    )]);
    let root = tempfile::tempdir().expect("dir");
    for cmd in ["check", "analyse"] {
        let out = root.path().join(cmd);
        let o = run(&[
            os(cmd),
            data.path().as_os_str(),
            os("--out"),
            out.as_os_str(),
        ]);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        let rejected = std::fs::read_to_string(out.join("rejected/places.csv")).expect("rej");
        assert!(rejected.contains("extra_fields"), "{rejected}");
        assert!(
            rejected.contains("EXTRA") && rejected.contains("the row has 10 fields"),
            "{rejected}"
        );
    }
}

#[test]
fn p06_ids_never_become_paths() {
    let long = "L".repeat(10_000);
    let places = format!(
        "place_id,name,kind,lat,lon,easting,northing,licensed,area\n\
         PL/006,Station Hotel,hotel,51.4613,-0.1156,,,true,Brixton\n\
         {long},Golden Chicken,takeaway,,,531000,175500,yes,Brixton\n\
         P1,Brockwell Park,park,51.4520,-0.1060,,,,Herne Hill\n"
    );
    let events = std::fs::read_to_string(fixtures().join("base/events.csv"))
        .expect("events")
        .replace(",H1,", ",PL/006,")
        .replace(",T1,", &format!(",{long},"));
    let data = base_with(&[("places.csv", &places), ("events.csv", &events)]);
    let root = tempfile::tempdir().expect("dir");
    let out = root.path().join("o");
    let o = run(&[
        os("analyse"),
        data.path().as_os_str(),
        os("--out"),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("report.html").exists());
    assert_one_complete_run(&out);
    // A traversal id given on the command line, with a folder of that name waiting.
    let o2 = root.path().join("o2");
    std::fs::create_dir_all(o2.join("assessments/place-x")).expect("mkdir");
    std::fs::write(o2.join("run.json"), "{}").expect("w");
    let o = run(&[
        os("assess"),
        os("place"),
        os("x/../../../escaped"),
        data.path().as_os_str(),
        os("--out"),
        o2.as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no place"), "{}", stderr(&o));
    for dir in [root.path(), root.path().parent().expect("tmp")] {
        assert!(!dir.join("escaped.md").exists());
    }
}

#[test]
fn p07_evaluation_windows_are_bounded() {
    for flag in ["--before", "--after"] {
        let o = run(&[
            os("evaluate"),
            os("A00001"),
            example().as_os_str(),
            os(flag),
            os("99999999d"),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("out of range"), "{}", stderr(&o));
    }
}

#[test]
fn p08_huge_or_absurd_sizes_are_refused_at_once() {
    for (flag, value) in [
        ("--cell", "1e308"),
        ("--cell", "NaN"),
        ("--bandwidth", "1e12"),
        ("--snap", "-1"),
        ("--window", "0"),
        ("--half-life", "inf"),
    ] {
        let o = run(&[os("hotspots"), example().as_os_str(), os(flag), os(value)]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", stderr(&o));
    }
}

#[test]
fn p09_an_audit_log_that_is_a_device_or_fifo_is_refused() {
    let root = tempfile::tempdir().expect("dir");
    let fifo = root.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut logs = vec![PathBuf::from("/dev/full"), PathBuf::from("/dev/zero")];
    if made.is_ok_and(|s| s.success()) {
        logs.push(fifo);
    }
    for log in logs {
        let o = disrupt()
            .arg("check")
            .arg(example())
            .arg("--audit-log")
            .arg(&log)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(5),
            "{}: {}",
            log.display(),
            stderr(&o)
        );
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
}

#[test]
fn p10_a_record_whose_head_cannot_be_written_is_not_appended() {
    // Library level: the head is staged before the line is appended, so a head that
    // cannot be written leaves the log as it was (and intact).
    use disrupt::privacy::audit::{Entry, verify};
    let root = tempfile::tempdir().expect("dir");
    let path = root.path().join("audit.jsonl");
    let log = disrupt::privacy::AuditLog::open(&path).expect("open");
    let entry = || Entry {
        time: "2026-12-01T00:00:00Z".into(),
        user: "test".into(),
        command: vec!["disrupt".into()],
        dataset: None,
        dataset_fingerprint: None,
        audience: "analyst".into(),
        purpose: None,
        reveal_names: false,
        include_expired: false,
        outputs: Vec::new(),
        outcome: "ok".into(),
        completes: None,
    };
    log.append(entry()).expect("first");
    // A folder where the staged head would go: the head cannot be written.
    let blocker = root
        .path()
        .join(format!(".audit.jsonl.head.tmp{}", std::process::id()));
    std::fs::create_dir(&blocker).expect("mkdir");
    assert!(log.append(entry()).is_err());
    let v = verify(&path).expect("verify");
    assert!(v.intact(), "{:?}", v.problems);
    assert_eq!(v.lines, 1);
    std::fs::remove_dir(&blocker).expect("rmdir");
    log.append(entry()).expect("appends again");
    assert!(verify(&path).expect("verify").intact());
}

#[test]
fn p11_a_killed_run_leaves_the_previous_set_and_an_unfinished_record() {
    let (data, _) = scenario();
    let root = tempfile::tempdir().expect("dir");
    let out = root.path().join("out");
    let log = root.path().join("audit.jsonl");
    let analyse = || {
        let mut c = disrupt();
        c.arg("analyse")
            .arg(data.path())
            .arg("--out")
            .arg(&out)
            .arg("--audit-log")
            .arg(&log);
        c
    };
    stdout_ok(&mut analyse());
    let before = assert_one_complete_run(&out);
    let mut child = analyse()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let staging = root.path().join(format!(".out.staging-{}", child.id()));
    let t0 = std::time::Instant::now();
    while !staging.exists() && t0.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(staging.exists(), "the run stages its outputs");
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().expect("kill -9");
    let _ = child.wait();
    let after = assert_one_complete_run(&out);
    assert_eq!(before, after, "the previous complete set is still there");
    let o = disrupt()
        .args(["audit", "verify"])
        .arg(&log)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{text}");
    assert!(
        text.contains("never finished") && text.contains("1 unfinished"),
        "{text}"
    );
    // The next run clears the dead run's staging folder.
    stdout_ok(&mut analyse());
    assert!(!staging.exists());
    assert_one_complete_run(&out);
}

/// A place named with a control character and a terminal escape sequence.
fn hostile_names() -> tempfile::TempDir {
    base_with(&[(
        "places.csv",
        "place_id,name,kind,lat,lon,easting,northing,licensed,area\n\
         H1,\"Station\u{1b}[2J\u{7}Hotel\u{1}\",hotel,51.4613,-0.1156,,,true,Brixton\n\
         T1,Golden Chicken,takeaway,,,531000,175500,yes,Brixton\n\
         P1,Brockwell Park,park,51.4520,-0.1060,,,,Herne Hill\n",
    )])
}

#[test]
fn p12_graphml_is_well_formed_with_control_characters_in_names() {
    let data = hostile_names();
    let root = tempfile::tempdir().expect("dir");
    let out = root.path().join("o");
    stdout_ok(
        disrupt()
            .arg("network")
            .arg(data.path())
            .arg("--out")
            .arg(&out),
    );
    for f in ["network.graphml", "network.yed.graphml"] {
        let xml = std::fs::read(out.join(f)).expect(f);
        assert!(
            xml.iter()
                .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r')),
            "{f}: no character XML 1.0 forbids"
        );
    }
}

#[test]
fn p13_terminal_escapes_in_names_are_shown_not_sent() {
    let data = hostile_names();
    let root = tempfile::tempdir().expect("dir");
    for cmd in ["analyse", "hotspots"] {
        let out = root.path().join(cmd);
        let o = run(&[
            os(cmd),
            data.path().as_os_str(),
            os("--out"),
            out.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        for f in files(&out).iter().filter(|f| f.ends_with(".csv")) {
            let bytes = std::fs::read(out.join(f)).expect("csv");
            assert!(!bytes.contains(&0x1b), "{f}");
        }
    }
}

#[test]
fn p14_duplicate_headers_are_refused_with_the_column() {
    let data = base_with(&[(
        "places.csv",
        "place_id,name,kind,kind,lat,lon\nH1,Hotel,hotel,park,51.46,-0.11\n",
    )]);
    let o = run(&[os("check"), data.path().as_os_str()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("column 'kind' appears more than once"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn p16_a_missing_key_file_is_an_error_and_binary_keys_work() {
    let root = tempfile::tempdir().expect("dir");
    let typo = root.path().join("pseudonym.kye");
    let o = disrupt()
        .env_remove("DISRUPT_KEY")
        .arg("check")
        .arg(example())
        .arg("--key-file")
        .arg(&typo)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("--new-key"), "{}", stderr(&o));
    assert!(!typo.exists());
    let raw = root.path().join("raw.key");
    std::fs::write(
        &raw,
        (0u8..32)
            .map(|b| b.wrapping_mul(151) ^ 0x9F)
            .collect::<Vec<_>>(),
    )
    .expect("w");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&raw, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let o = disrupt()
        .env_remove("DISRUPT_KEY")
        .arg("check")
        .arg(example())
        .arg("--key-file")
        .arg(&raw)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn p17_smaller_points() {
    let root = tempfile::tempdir().expect("dir");
    // A garbage head file is named as such, not as missing.
    let log = root.path().join("audit.jsonl");
    stdout_ok(
        disrupt()
            .arg("check")
            .arg(example())
            .arg("--audit-log")
            .arg(&log),
    );
    std::fs::write(root.path().join("audit.jsonl.head"), "garbage").expect("w");
    let o = disrupt()
        .args(["audit", "verify"])
        .arg(&log)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("is not a head record"), "{text}");
    // A FIFO where a table should be is named.
    let data = base_with(&[]);
    std::fs::remove_file(data.path().join("places.csv")).expect("rm");
    if std::process::Command::new("mkfifo")
        .arg(data.path().join("places.csv"))
        .status()
        .is_ok_and(|s| s.success())
    {
        let o = run(&[os("check"), data.path().as_os_str()]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    // Partner context is a usage error.
    let o = run(&[
        os("context"),
        os("C1"),
        fixtures().join("base").as_os_str(),
        os("--audience"),
        os("partner"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // No minus zero, private folders, no symlinked output.
    let out = root.path().join("h");
    stdout_ok(
        disrupt()
            .arg("hotspots")
            .arg(example())
            .arg("--out")
            .arg(&out),
    );
    let csv = std::fs::read_to_string(out.join("hotspots.csv")).expect("csv");
    assert!(
        !csv.contains(",-0,") && !csv.contains(",-0\n"),
        "minus zero written"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&out, &link).expect("symlink");
        let o = run(&[
            os("hotspots"),
            example().as_os_str(),
            os("--out"),
            link.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    }
}

mod shuffle {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand::seq::SliceRandom;

    /// Copies every table of `from` into `to` with its data rows in a shuffled order.
    fn shuffled_copy(from: &Path, to: &Path, seed: u64) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        for e in std::fs::read_dir(from).expect("dir").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".csv") {
                continue;
            }
            let mut r = csv::Reader::from_path(e.path()).expect("csv");
            let header = r.headers().expect("header").clone();
            let mut rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
            rows.shuffle(&mut rng);
            let mut w = csv::Writer::from_path(to.join(&name)).expect("write");
            w.write_record(&header).expect("header");
            for row in rows {
                w.write_record(&row).expect("row");
            }
            w.flush().expect("flush");
        }
    }

    /// Every output of a run, but the two files that name the input files' hashes; a
    /// quarantine file with its lines sorted and without the `row` column, since rejected
    /// rows are named by where they stand in the input, which is what was shuffled.
    fn outputs(out: &Path) -> Vec<(String, Vec<u8>)> {
        files(out)
            .into_iter()
            .filter(|f| f != "manifest.json" && f != "run.json")
            .map(|f| {
                let bytes = std::fs::read(out.join(&f)).expect("read");
                if f.starts_with("rejected") {
                    let text = String::from_utf8_lossy(&bytes);
                    let mut lines: Vec<String> = text
                        .lines()
                        .map(|l| l.rsplit_once(',').map_or(l, |(rest, _)| rest).to_string())
                        .collect();
                    lines.sort();
                    return (f, lines.join("\n").into_bytes());
                }
                (f, bytes)
            })
            .collect()
    }

    fn analyse(data: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
        stdout_ok(
            disrupt()
                .arg("analyse")
                .arg(data)
                .args(["--as-of", "2026-06-30", "--out"])
                .arg(out),
        );
        outputs(out)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2))]

        /// p15: the same rows in any order give byte-identical outputs.
        #[test]
        fn p15_shuffled_tables_give_byte_identical_outputs(seed in any::<u64>()) {
            let example = super::example();
            let root = tempfile::tempdir().expect("dir");
            let data = root.path().join("data");
            std::fs::create_dir(&data).expect("mkdir");
            let copy = |seed: Option<u64>| {
                for e in std::fs::read_dir(&data).expect("dir").flatten() {
                    std::fs::remove_file(e.path()).expect("rm");
                }
                match seed {
                    Some(s) => shuffled_copy(&example, &data, s),
                    None => {
                        for e in std::fs::read_dir(&example).expect("dir").flatten() {
                            if e.file_name().to_string_lossy().ends_with(".csv") {
                                std::fs::copy(e.path(), data.join(e.file_name())).expect("copy");
                            }
                        }
                    }
                }
            };
            copy(None);
            let original = analyse(&data, &root.path().join("a"));
            copy(Some(seed));
            let shuffled = analyse(&data, &root.path().join("b"));
            prop_assert_eq!(original.len(), shuffled.len());
            for ((fa, a), (fb, b)) in original.iter().zip(&shuffled) {
                prop_assert_eq!(fa, fb);
                prop_assert!(a == b, "{} differs after shuffling the input rows", fa);
            }
        }
    }
}
