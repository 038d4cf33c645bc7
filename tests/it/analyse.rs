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
        "hotspots.gpkg",
        "hotspots.qml",
        "grid.geojson",
        "premises_types.csv",
        "people.csv",
        "people.parquet",
        "groups.csv",
        "links_i2.csv",
        "entities_i2.csv",
        "ties.parquet",
        "network.graphml",
        "network.yed.graphml",
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

/// The regression: partner counts were text (`"38"`, `"<5"`), so Excel sorted 0, 10,
/// 11, 144 and QGIS could not style them. Every count column is now a number (null
/// where suppressed) beside its display column (`events_shown`), in Parquet, GeoJSON and
/// the workbook; `licensed` is a boolean.
#[test]
fn no_partner_count_column_is_text() {
    use polars::prelude::{DataType, ParquetReader, SerReader};
    let out = tempfile::tempdir().expect("dir");
    analyse(out.path(), &["--audience", "partner"]);
    const COUNTS: [&str; 4] = [
        "events",
        "distinct_children",
        "distinct_persons_of_concern",
        "co_present_pairs",
    ];

    // Parquet: integers and booleans, and the display column says why a cell is null.
    let df =
        ParquetReader::new(std::fs::File::open(out.path().join("hotspots.parquet")).expect("open"))
            .finish()
            .expect("parquet");
    let mut counts: Vec<String> = COUNTS.iter().map(|c| c.to_string()).collect();
    for name in df.get_column_names() {
        if let Some(base) = name.strip_suffix("_shown")
            && !counts.iter().any(|c| c == base)
        {
            counts.push(base.to_string());
        }
    }
    let mut suppressed = 0;
    for c in &counts {
        let col = df.column(c).expect(c);
        assert_eq!(col.dtype(), &DataType::Int64, "{c} in hotspots.parquet");
        let shown = df.column(&format!("{c}_shown")).expect("display column");
        assert_eq!(shown.dtype(), &DataType::String);
        let (n, s) = (col.i64().expect("ints"), shown.str().expect("text"));
        for (n, s) in n.iter().zip(s.iter()) {
            match (n, s) {
                (Some(n), Some(s)) => assert_eq!(n.to_string(), s, "{c}"),
                (None, Some(s)) => {
                    assert!(s == "<5" || s == "[c]", "{c}: null shown as {s}");
                    suppressed += 1;
                }
                (None, None) => {}
                (Some(n), None) => panic!("{c}: {n} with no display value"),
            }
        }
    }
    assert!(suppressed > 0, "the example has small counts to suppress");
    assert_eq!(
        df.column("licensed").expect("licensed").dtype(),
        &DataType::Boolean
    );

    // GeoJSON: numbers or null, never strings.
    let geo: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.path().join("hotspots.geojson")).expect("geojson"),
    )
    .expect("json");
    let features = geo["features"].as_array().expect("features");
    assert!(!features.is_empty());
    for f in features {
        let p = &f["properties"];
        for c in &counts {
            assert!(p[c].is_u64() || p[c].is_null(), "{c} = {} in GeoJSON", p[c]);
        }
        assert!(p["licensed"].is_boolean() || p["licensed"].is_null());
    }

    // The workbook: number cells (or empty), booleans as booleans.
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook(out.path().join("hotspots.xlsx")).expect("xlsx");
    let places = book.worksheet_range("Places").expect("Places");
    let mut rows = places.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let mut booleans = 0;
    for row in rows {
        for c in &counts {
            assert!(
                matches!(row[at(c)], Data::Float(_) | Data::Int(_) | Data::Empty),
                "{c} = {:?} in hotspots.xlsx",
                row[at(c)]
            );
        }
        match &row[at("licensed")] {
            Data::Bool(_) => booleans += 1,
            Data::Empty => {}
            other => panic!("licensed = {other:?} in hotspots.xlsx"),
        }
    }
    assert!(booleans > 0, "licensed is recorded for some places");
}

/// A partner's `leading` names only components the partner sees: where the children
/// component is hidden, `children` is not among the leading ones.
#[test]
fn the_partner_leading_column_names_no_hidden_component() {
    let out = tempfile::tempdir().expect("dir");
    analyse(out.path(), &["--audience", "partner"]);
    let mut r = csv::Reader::from_path(out.path().join("hotspots.csv")).expect("csv");
    let header = r.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let components = [
        "intensity",
        "children",
        "persons_of_concern",
        "co_presence",
        "gi_star",
        "peer_groups",
    ];
    let mut hidden_somewhere = 0;
    for row in r.records() {
        let row = row.expect("row");
        let leading: Vec<&str> = row[at("leading")]
            .split(", ")
            .filter(|x| !x.is_empty())
            .collect();
        assert!(leading.len() <= 3);
        for c in components {
            if row[at(c)].is_empty() {
                hidden_somewhere += 1;
                assert!(!leading.contains(&c), "{c} hidden but leading: {leading:?}");
            }
        }
        for l in &leading {
            assert!(!row[at(l)].is_empty(), "{l} leading but hidden");
        }
    }
    assert!(
        hidden_somewhere > 0,
        "some components are hidden from partners"
    );
}

/// The regression: the map left out cells under 5 % of peak density (holes that read as
/// missing data) and had no scale bar, north arrow, value key or rank numbers.
#[test]
fn the_report_map_draws_every_cell_of_the_study_area_with_its_keys() {
    let out = tempfile::tempdir().expect("dir");
    analyse(out.path(), &[]);
    let html = std::fs::read_to_string(out.path().join("report.html")).expect("report");
    let grid: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("grid.geojson")).expect("grid"))
            .expect("json");
    let inside = grid["properties"]["cells_in_study_area"]
        .as_u64()
        .expect("cells in the study area");
    assert!(inside > 1000, "Lambeth at 100 m");
    assert_eq!(html.matches("<title>Gi* z").count() as u64, inside);
    for key in [
        "aria-label=\"scale bar\"",
        "aria-label=\"north arrow\"",
        "<b>Kernel density</b>",
        "<b>Gi* hot spot</b>",
        "@page{size:A4 landscape",
    ] {
        assert!(html.contains(key), "no {key}");
    }
    // A rank number beside each of the top places.
    for rank in 1..=10 {
        assert!(
            html.contains(&format!("paint-order=\"stroke\">{rank}</text>")),
            "no rank label {rank}"
        );
    }
}
