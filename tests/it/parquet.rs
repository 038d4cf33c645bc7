//! Parquet tables carry types (floats, booleans, integers, dates, datetimes), not text;
//! they must be read exactly as the same table in CSV would be.

use disrupt::ingest::{IngestOptions, Table, load};
use polars::prelude::*;
use std::fs::File;

fn write(dir: &std::path::Path, name: &str, df: &mut DataFrame) {
    let file = File::create(dir.join(format!("{name}.parquet"))).expect("create");
    ParquetWriter::new(file).finish(df).expect("write parquet");
}

#[test]
fn typed_parquet_columns_are_read_like_csv() {
    let dir = tempfile::tempdir().expect("dir");
    let mut places = df!(
        "place_id" => ["H1", "T1"],
        "kind" => ["hotel", "takeaway"],
        "lat" => [Some(51.4613f64), None],
        "lon" => [Some(-0.1156f64), None],
        "easting" => [None, Some(531000.0f64)],
        "northing" => [None, Some(175500.0f64)],
        "licensed" => [true, false],
    )
    .expect("places");
    write(dir.path(), "places", &mut places);

    // 2026-03-14 21:30:00 and 2026-03-13 08:00:00, in milliseconds since the epoch.
    let occurred = Column::new(
        "occurred_at".into(),
        [1_773_523_800_000i64, 1_773_388_800_000],
    )
    .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
    .expect("datetime");
    // 2027-01-01 as days since the epoch.
    let review = Column::new("review_by".into(), [Some(20_819i32), None])
        .cast(&DataType::Date)
        .expect("date");
    let mut events = DataFrame::new_infer_height(vec![
        Column::new("event_id".into(), ["E1", "E2"]),
        Column::new("kind".into(), ["missing_found", "sighting"]),
        occurred,
        Column::new("place_id".into(), ["H1", "T1"]),
        review,
    ])
    .expect("events");
    write(dir.path(), "events", &mut events);

    let mut people = df!(
        "person_id" => ["C1", "X1"],
        "role" => ["child", "perpetrator"],
        "birth_year" => [2011i64, 1990],
        "looked_after" => [Some(true), None],
    )
    .expect("people");
    write(dir.path(), "people", &mut people);

    let l = load(dir.path(), &IngestOptions::default()).expect("loads");
    assert_eq!(
        l.quarantine.total(),
        0,
        "{:?}",
        l.quarantine.rejections(Table::Events)
    );
    let d = &l.dataset;
    assert_eq!(d.as_of.0.to_string(), "2026-03-14");
    assert_eq!(d.events[0].occurred_at.to_string(), "2026-03-14 21:30:00");
    assert_eq!(
        d.events[0]
            .provenance
            .review_by
            .map(|x| x.to_string())
            .as_deref(),
        Some("2027-01-01")
    );
    assert_eq!(d.places[0].licensed, Some(true));
    assert_eq!(d.places[1].location.easting, 531000.0);
    assert_eq!(d.person_by_key("C1").and_then(|p| p.birth_year), Some(2011));
    assert_eq!(
        d.person_by_key("C1").and_then(|p| p.looked_after),
        Some(true)
    );
}

#[test]
fn a_table_in_both_formats_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let mut places =
        df!("place_id" => ["H1"], "kind" => ["hotel"], "lat" => [51.46], "lon" => [-0.11])
            .expect("df");
    write(dir.path(), "places", &mut places);
    std::fs::write(dir.path().join("places.csv"), "place_id,kind,lat,lon\n").expect("csv");
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id\n",
    )
    .expect("csv");
    let e = load(dir.path(), &IngestOptions::default())
        .expect_err("ambiguous")
        .to_string();
    assert!(e.contains("keep one so it is clear which is read"), "{e}");
}

#[test]
fn a_corrupt_parquet_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("places.parquet"),
        b"PAR1 this is not really parquet PAR1",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id\n",
    )
    .expect("csv");
    let e = load(dir.path(), &IngestOptions::default())
        .expect_err("corrupt")
        .to_string();
    assert!(e.contains("places.parquet: cannot parse the file"), "{e}");
}
