//! The police.uk conversion, on the committed real month.

use disrupt::ingest::{IngestOptions, Table, load};
use std::path::Path;

#[test]
fn converted_month_checks_with_sensible_counts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/police-uk");
    let loaded = load(&dir, &IngestOptions::default()).expect("police-uk loads");
    let events = &loaded.reports[&Table::Events];
    assert_eq!(
        events.read, 28_537,
        "every row of the July 2017 file is read"
    );
    // police.uk publishes some crimes with no location: exactly those are rejected.
    assert_eq!(events.rejected, 1_541);
    assert_eq!(events.top_reasons[0].0, "no location");
    assert_eq!(loaded.reports[&Table::Places].rejected, 0);
    assert_eq!(loaded.dataset.as_of.0.to_string(), "2017-07-01");
    let at_places = loaded
        .dataset
        .events
        .iter()
        .filter(|e| e.place.is_some())
        .count();
    assert!(
        at_places > 2_000,
        "named snap points become places: {at_places}"
    );
}

#[test]
fn converter_round_trips_through_check() {
    let input = tempfile::tempdir().expect("dir");
    let csv_path = input.path().join("street.csv");
    std::fs::write(
        &csv_path,
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n\
         abc,2017-07,WYP,WYP,-1.548,53.797,On or near Nightclub,E01,Leeds 111B,Violence and sexual offences,,\n\
         ,2017-07,WYP,WYP,-1.549,53.798,On or near Park Lane,E01,Leeds 111B,Anti-social behaviour,,\n\
         def,2017-07,WYP,WYP,,,No Location,,,Drugs,,\n",
    )
    .expect("write");
    let out = tempfile::tempdir().expect("dir");
    let c = disrupt::ingest::police_uk::convert(&csv_path, out.path()).expect("converts");
    assert_eq!(
        (c.rows, c.events, c.places, c.without_location),
        (3, 3, 1, 1)
    );
    let loaded = load(out.path(), &IngestOptions::default()).expect("loads");
    assert_eq!(loaded.reports[&Table::Events].accepted, 2);
    let club = &loaded.dataset.places[0];
    assert_eq!(club.kind, disrupt::model::PlaceKind::Nightclub);
    let asb = loaded
        .dataset
        .events
        .iter()
        .find(|e| e.category.as_deref() == Some("asb"))
        .expect("asb");
    assert_eq!(asb.kind, disrupt::model::EventKind::AsbReport);
    assert!(asb.place.is_none(), "a street point stays a free point");
}
