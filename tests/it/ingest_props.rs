//! Property tests: no input panics ingest; read = accepted + rejected for every table;
//! valid records round-trip.

use disrupt::ingest::{IngestOptions, Table, load};
use disrupt::model::{AsOf, PlaceKind};
use proptest::prelude::*;

const PLACES: &str = "place_id,name,kind,lat,lon\nH1,Hotel,hotel,51.46,-0.11\n";
const EVENTS_HEADER: &str =
    "event_id,kind,occurred_at,place_id,lat,lon,easting,northing,category,grading,review_by\n";

fn as_of() -> IngestOptions {
    IngestOptions {
        as_of: Some(AsOf(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
        )),
    }
}

fn write_dataset(places: &[u8], events: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("places.csv"), places).expect("write");
    std::fs::write(dir.path().join("events.csv"), events).expect("write");
    dir
}

fn assert_invariant(loaded: &disrupt::ingest::Loaded) {
    for r in loaded.reports.values() {
        assert_eq!(r.read, r.accepted + r.rejected);
    }
}

/// Cells as analysts' exports really contain them, and worse.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("H1".to_string()),
        Just("sighting".to_string()),
        Just("2026-03-14T21:30:00".to_string()),
        Just("51.4613".to_string()),
        Just("NaN".to_string()),
        Just("1AP".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,8}",
        ".*[,\"\n\r].*",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut events = EVENTS_HEADER.as_bytes().to_vec();
        events.extend_from_slice(&bytes);
        let dir = write_dataset(PLACES.as_bytes(), &events);
        if let Ok(loaded) = load(dir.path(), &as_of()) {
            assert_invariant(&loaded);
        }
        let dir = write_dataset(&bytes, &events);
        if let Ok(loaded) = load(dir.path(), &as_of()) {
            assert_invariant(&loaded);
        }
    }

    #[test]
    fn arbitrary_cells_are_accepted_or_rejected_never_lost(rows in proptest::collection::vec(proptest::collection::vec(cell(), 11), 0..40)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(EVENTS_HEADER.trim_end().split(',')).expect("header");
        for r in &rows {
            w.write_record(r).expect("row");
        }
        let events = w.into_inner().expect("bytes");
        let dir = write_dataset(PLACES.as_bytes(), &events);
        let loaded = load(dir.path(), &as_of()).expect("a well-formed CSV always loads");
        assert_invariant(&loaded);
        prop_assert_eq!(loaded.reports[&Table::Events].read, rows.len());
    }

    #[test]
    fn valid_places_round_trip(places in proptest::collection::vec((0usize..19, 50.0f64..58.5, -5.5f64..1.7, "[A-Za-z ]{1,20}"), 1..30)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["place_id", "name", "kind", "lat", "lon"]).expect("header");
        for (i, (k, lat, lon, name)) in places.iter().enumerate() {
            w.write_record([format!("P{i}"), name.clone(), PlaceKind::ALL[*k].to_string(), lat.to_string(), lon.to_string()]).expect("row");
        }
        let dir = write_dataset(&w.into_inner().expect("bytes"), EVENTS_HEADER.as_bytes());
        let loaded = load(dir.path(), &as_of()).expect("loads");
        prop_assert_eq!(loaded.quarantine.total(), 0);
        prop_assert_eq!(loaded.dataset.places.len(), places.len());
        for (i, (k, lat, lon, name)) in places.iter().enumerate() {
            // Records are held in id order, whatever the file's order.
            let p = loaded.dataset.places.iter().find(|p| p.key == format!("P{i}")).expect("kept");
            prop_assert_eq!(p.kind, PlaceKind::ALL[*k]);
            prop_assert_eq!(p.name.as_deref(), Some(name.trim()).filter(|s| !s.is_empty()));
            let expected = disrupt::spatial::wgs84_to_bng(*lat, *lon).expect("converts");
            prop_assert!(p.location.distance(&expected) < 1e-6);
        }
    }
}
