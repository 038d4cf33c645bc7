//! Indicator records raise a location tool to "check first" when no record carries its
//! category: a hotel where children were found again and again at night, seen there with
//! persons of concern, gets the guest information notice (ASBCPA 2014 s.116) and the
//! Part 2A closure (SOA 2003) to check, naming the records and what must be established;
//! a youth club where different children were each found once, in the day, with no adult
//! of concern, gets neither.

use disrupt::ingest::{IngestOptions, load};
use disrupt::model::{AsOf, EventIndex, PlaceId};
use disrupt::toolkit::{Catalogue, Subject, Verdict, consider};
use std::fmt::Write;

fn options() -> IngestOptions {
    IngestOptions {
        as_of: Some(AsOf(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
        )),
    }
}

/// A dataset with one place of `kind` and the events and people given.
fn dataset(kind: &str, events: &str, event_people: &str, people: &str) -> tempfile::TempDir {
    let places = format!("place_id,kind,easting,northing\nP,{kind},531000,175000\n");
    crate::support::write_dataset(&[
        ("places.csv", &places),
        ("events.csv", events),
        ("event_people.csv", event_people),
        ("people.csv", people),
    ])
}

/// Each tool's verdict at the place, with its check details and indicator records.
fn tools_at(dir: &std::path::Path, ids: &[&str]) -> Vec<(Verdict, String, Vec<String>)> {
    let l = load(dir, &options()).expect("loads");
    assert_eq!(l.quarantine.total(), 0, "the hand-built data is valid");
    let d = &l.dataset;
    let place_of: Vec<Option<PlaceId>> = d.events.iter().map(|e| e.place).collect();
    let index = EventIndex::new(d, &place_of);
    let c = Catalogue::bundled().expect("catalogue");
    ids.iter()
        .map(|id| {
            let a = consider(
                c.tool(id).expect(id),
                d,
                &Subject::Place(PlaceId(0)),
                &index,
            );
            let why = a
                .checks
                .iter()
                .map(|c| c.detail.clone())
                .collect::<Vec<_>>()
                .join("; ");
            let refs = a
                .indicators
                .map(|i| {
                    i.event_ids
                        .iter()
                        .map(|e| d.events[e.index()].key.to_string())
                        .collect()
                })
                .unwrap_or_default();
            (a.verdict, why, refs)
        })
        .collect()
}

#[test]
fn a_hotel_where_children_are_found_at_night_with_adults_of_concern_is_to_check() {
    let (mut ev, mut ep) = (
        String::from("event_id,kind,occurred_at,place_id,category\n"),
        String::from("event_id,person_id\n"),
    );
    for i in 0..15 {
        // Three children found in turn, at 23:00, in the last two months; no category.
        let _ = writeln!(
            ev,
            "F{i},missing_found,2026-06-{:02}T23:00:00,P,",
            1 + 2 * (i % 14)
        );
        let _ = writeln!(ep, "F{i},C{}", i % 3);
    }
    // A person of concern seen there within the hour of one of the finds.
    ev.push_str("S1,sighting,2026-06-03T23:30:00,P,\nI1,intelligence,2026-06-10T10:00:00,P,cce\n");
    ep.push_str("S1,X\nI1,X\n");
    let people = "person_id,role,birth_year\nC0,child,2011\nC1,child,2010\nC2,child,2012\nX,perpetrator,1990\n";
    let dir = dataset("hotel", &ev, &ep, people);
    let r = tools_at(dir.path(), &["L04", "L03"]);
    for (id, (v, why, refs)) in ["L04", "L03"].iter().zip(&r) {
        assert_eq!(*v, Verdict::Unknown, "{id}: {why}");
        assert!(
            why.contains("at night")
                && why.contains("repeatedly")
                && why.contains("persons of concern"),
            "{id}: {why}"
        );
        assert!(
            why.contains("to establish"),
            "{id} names what must be established: {why}"
        );
        assert_eq!(refs.len(), 15, "{id}: every find is named: {refs:?}");
    }
    assert!(r[0].1.contains("child sexual exploitation"), "{}", r[0].1);
    // Never "applies" on indicators alone.
    assert!(r.iter().all(|x| x.0 != Verdict::Holds));
}

#[test]
fn a_youth_club_where_different_children_are_each_found_once_by_day_is_not() {
    let (mut ev, mut ep, mut people) = (
        String::from("event_id,kind,occurred_at,place_id,category\n"),
        String::from("event_id,person_id\n"),
        String::from("person_id,role,birth_year\n"),
    );
    for i in 0..20 {
        let _ = writeln!(ev, "F{i},missing_found,2026-06-{:02}T16:00:00,P,", 1 + i);
        let _ = writeln!(ep, "F{i},C{i}");
        let _ = writeln!(people, "C{i},child,2011");
    }
    let dir = dataset("youth_club", &ev, &ep, &people);
    let r = tools_at(dir.path(), &["L03"]);
    assert_eq!(r[0].0, Verdict::Fails, "{}", r[0].1);
    assert!(r[0].2.is_empty());
}

#[test]
fn an_adult_of_concern_seen_hours_apart_from_the_child_is_not_with_them() {
    // One child found once, in the afternoon; an adult of concern seen there 5 hours
    // later: no indicator (repeated needs 2, night 22:00-05:59, with needs 3 hours).
    let ev = "event_id,kind,occurred_at,place_id,category\nF1,missing_found,2026-06-10T13:00:00,P,\nS1,sighting,2026-06-10T18:00:00,P,\n";
    let ep = "event_id,person_id\nF1,C\nS1,X\n";
    let dir = dataset("bnb", ev, ep, "person_id,role\nC,child\nX,perpetrator\n");
    assert_eq!(tools_at(dir.path(), &["L04"])[0].0, Verdict::Fails);
    // Two hours apart: with them.
    let ev = "event_id,kind,occurred_at,place_id,category\nF1,missing_found,2026-06-10T13:00:00,P,\nS1,sighting,2026-06-10T15:00:00,P,\n";
    let dir = dataset("bnb", ev, ep, "person_id,role\nC,child\nX,perpetrator\n");
    let r = tools_at(dir.path(), &["L04"]);
    assert_eq!(r[0].0, Verdict::Unknown, "{}", r[0].1);
    assert_eq!(r[0].2, vec!["F1".to_string()]);
}
