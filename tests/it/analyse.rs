//! `disrupt analyse`: the main job writes every output, the same every time, and the
//! report asks for nothing from outside.

use crate::support::disrupt;
use std::path::Path;

fn analyse(out: &Path, extra: &[&str]) -> String {
    let o = disrupt()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("analyse")
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_main_job_writes_every_output_the_same_every_time() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let printed = analyse(a.path(), &[]);
    analyse(b.path(), &[]);
    for f in [
        "report.html",
        "hotspots.xlsx",
        "hotspots.csv",
        "hotspots.parquet",
        "hotspots.geojson",
        "grid.geojson",
        "premises_types.csv",
        "people.csv",
        "people.parquet",
        "groups.csv",
        "links_i2.csv",
        "ties.parquet",
        "network.graphml",
        "run.json",
        "assessments/place-PL00488.md",
        "assessments/place-PL00488.json",
        "assessments/plan-review.md",
    ] {
        let (x, y) = (
            std::fs::read(a.path().join(f)).expect(f),
            std::fs::read(b.path().join(f)).expect(f),
        );
        assert!(!x.is_empty(), "{f} is empty");
        assert!(x == y, "{f} differs between two identical runs");
    }
    // The planted premises lead, and the summary says where the report is.
    for planted in ["PL00582", "PL00488", "PL01158", "PL00414"] {
        assert!(
            printed.contains(planted),
            "{planted} not among the top places:\n{printed}"
        );
    }
    assert!(printed.contains("report.html"));
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("run.json")).expect("run"))
            .expect("json");
    assert_eq!(
        run["study_area"], "Lambeth",
        "the bundled example is set in its borough"
    );
}

#[test]
fn the_report_is_self_contained() {
    let out = tempfile::tempdir().expect("dir");
    analyse(out.path(), &[]);
    let html = std::fs::read_to_string(out.path().join("report.html")).expect("report");
    assert!(html.contains(r#"http-equiv="Content-Security-Policy" content="default-src 'none'"#));
    for banned in [
        "<script", " src=", "url(", "@import", "<link", "<iframe", "<object", "http://", "https://",
    ] {
        assert!(!html.contains(banned), "report.html contains {banned}");
    }
    assert!(html.contains("Audience: ANALYST"));
    for section in [
        "id=\"map\"",
        "id=\"network\"",
        "id=\"places\"",
        "id=\"assessments\"",
        "id=\"review\"",
        "id=\"quality\"",
    ] {
        assert!(html.contains(section), "no {section}");
    }
}

#[test]
fn the_partner_report_and_spreadsheet_name_no_one() {
    let out = tempfile::tempdir().expect("dir");
    analyse(out.path(), &["--audience", "partner"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let l =
        disrupt::ingest::load(&example, &disrupt::ingest::IngestOptions::default()).expect("loads");
    let key = disrupt::privacy::PseudonymKey::from_bytes(crate::support::TEST_KEY.as_bytes(), "t")
        .expect("key");
    let html = std::fs::read_to_string(out.path().join("report.html")).expect("report");
    assert!(html.contains("Audience: PARTNER"));
    // The spreadsheet is a zip of XML: read every part.
    let unzip = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print('\\n'.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist()))")
        .arg(out.path().join("hotspots.xlsx"))
        .output()
        .expect("python3 reads the workbook");
    assert!(unzip.status.success());
    let xlsx = String::from_utf8_lossy(&unzip.stdout);
    assert!(xlsx.contains("PL00488"), "the workbook was read");
    for p in &l.dataset.people {
        let pseudonym = key.pseudonym(&p.key);
        for (text, what) in [(&html, "report.html"), (&xlsx.to_string(), "hotspots.xlsx")] {
            assert!(!text.contains(&p.key), "{} in {what}", p.key);
            assert!(!text.contains(&pseudonym), "{pseudonym} in {what}");
            if let Some(n) = &p.display_name {
                assert!(!text.contains(n.as_str()), "{n} in {what}");
            }
        }
    }
    assert!(!out.path().join("people.csv").exists());
}
