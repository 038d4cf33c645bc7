//! The data dictionary (`docs/outputs.md`, from `src/report/dictionary/`) must match what
//! `disrupt analyse` writes for each audience: every column written is described, every
//! column described is written, its type agrees with the Parquet schema and the CSV
//! values, partner outputs hold no column that is not for partners, and the document is
//! current.

use super::support::{disrupt, stdout_ok};
use disrupt::report::dictionary::{self, Kind, SHOWN, Shown, Table};
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `disrupt analyse` on the example borough for each audience, written once.
fn outputs() -> &'static [(String, tempfile::TempDir)] {
    static RUNS: std::sync::OnceLock<Vec<(String, tempfile::TempDir)>> = std::sync::OnceLock::new();
    RUNS.get_or_init(|| {
        ["analyst", "partner"]
            .iter()
            .map(|aud| {
                let dir = tempfile::tempdir().expect("dir");
                let out = dir.path().join("out");
                stdout_ok(
                    disrupt()
                        .args(["analyse", "--audience", aud, "--out"])
                        .arg(&out),
                );
                (aud.to_string(), dir)
            })
            .collect()
    })
}

/// Each CSV in the run's folder: its header and its rows.
fn csv_tables(out: &Path) -> BTreeMap<String, (Vec<String>, Vec<Vec<String>>)> {
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(out).expect("read out") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "csv") {
            let mut r = csv::Reader::from_path(&path).expect("csv");
            let header = r
                .headers()
                .expect("header")
                .iter()
                .map(String::from)
                .collect();
            let rows = r
                .records()
                .map(|x| x.expect("row").iter().map(String::from).collect())
                .collect();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            tables.insert(name, (header, rows));
        }
    }
    tables
}

fn reads_as(kind: Kind, cell: &str) -> bool {
    cell.is_empty()
        || match kind {
            Kind::Integer => cell.parse::<i64>().is_ok(),
            Kind::Number => cell.parse::<f64>().is_ok(),
            Kind::Boolean => cell == "true" || cell == "false",
            Kind::Text | Kind::List => true,
            Kind::Geometry => false,
        }
}

#[test]
fn every_column_written_is_in_the_dictionary_with_its_type() {
    let mut written: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (audience, dir) in outputs() {
        for (file, (header, rows)) in csv_tables(&dir.path().join("out")) {
            let table: &Table = dictionary::table(&file)
                .unwrap_or_else(|| panic!("{file} ({audience}) is not in the dictionary"));
            for (k, name) in header.iter().enumerate() {
                let c = table.column(name).unwrap_or_else(|| {
                    panic!("{file}: column {name} ({audience}) is not in the dictionary")
                });
                let shown_column = name.ends_with(SHOWN) && c.name != name;
                if audience == "partner" {
                    assert_ne!(
                        c.shown,
                        Shown::NotPartner,
                        "{file}: {name} reached partners"
                    );
                } else {
                    assert!(!shown_column, "{file}: {name} is for partners only");
                }
                let kind = if shown_column { Kind::Text } else { c.kind };
                for row in &rows {
                    assert!(
                        reads_as(kind, &row[k]),
                        "{file}: {name} = {:?} is not {}",
                        row[k],
                        kind.as_str()
                    );
                }
                written
                    .entry(table.file)
                    .or_default()
                    .insert(c.name.to_string());
            }
        }
    }
    for t in dictionary::tables()
        .into_iter()
        .filter(|t| t.file.ends_with(".csv"))
    {
        for c in t.columns {
            assert!(
                written.get(t.file).is_some_and(|w| w.contains(c.name)),
                "{}: {} is in the dictionary but no audience's output has it",
                t.file,
                c.name
            );
        }
    }
}

#[test]
fn parquet_types_are_the_dictionary_types() {
    let twins = [
        ("hotspots.parquet", "hotspots.csv"),
        ("people.parquet", "people.csv"),
        ("trends.parquet", "trends.csv"),
        ("ties.parquet", "ties.parquet"),
    ];
    let mut written: BTreeSet<(&str, String)> = BTreeSet::new();
    for (audience, dir) in outputs() {
        for (parquet, csv) in twins {
            let path = dir.path().join("out").join(parquet);
            if !path.exists() {
                continue;
            }
            let table = dictionary::table(csv).expect("in the dictionary");
            let df = ParquetReader::new(std::fs::File::open(&path).expect("open"))
                .finish()
                .expect("read parquet");
            for column in df.columns() {
                let name = column.name().as_str();
                let c = table.column(name).unwrap_or_else(|| {
                    panic!("{parquet}: {name} ({audience}) is not in the dictionary")
                });
                let kind = if name.ends_with(SHOWN) && c.name != name {
                    Kind::Text
                } else {
                    c.kind
                };
                let want = match kind {
                    Kind::Integer => DataType::Int64,
                    Kind::Number => DataType::Float64,
                    Kind::Boolean => DataType::Boolean,
                    Kind::Text | Kind::List => DataType::String,
                    Kind::Geometry => DataType::Binary,
                };
                written.insert((parquet, c.name.to_string()));
                // A column that is empty on every row may be written untyped.
                if column.null_count() < column.len() {
                    assert_eq!(column.dtype(), &want, "{parquet}: {name} ({audience})");
                }
            }
        }
    }
    for (parquet, csv) in twins {
        let t = dictionary::table(csv).expect("in the dictionary");
        let columns = if parquet == csv {
            t.columns
        } else {
            t.parquet_only
        };
        for c in columns {
            assert!(
                written.contains(&(parquet, c.name.to_string())),
                "{parquet}: {} is in the dictionary but no audience's file has it",
                c.name
            );
        }
    }
}

#[test]
fn docs_outputs_md_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/outputs.md");
    let want = dictionary::markdown();
    if std::env::var_os("UPDATE_DICTIONARY").is_some() {
        std::fs::write(&path, &want).expect("write docs/outputs.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/outputs.md is stale: run `UPDATE_DICTIONARY=1 cargo test --release dictionary`"
    );
}
