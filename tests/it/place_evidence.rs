//! How a place's records are read: congregation is not exploitation, a child found at
//! home has returned, routine records are not evidence, and the indicators practitioners
//! read as exploitation count as named components.

use crate::support::write_dataset;
use disrupt::ingest::{IngestOptions, Loaded, load};
use disrupt::score::{LocationAnalysis, PlaceScore, Settings};
use proptest::prelude::*;

/// Loads and scores a dataset of places, events, people and event_people (CSV text).
fn scored(
    places: &str,
    events: &str,
    people: &str,
    event_people: &str,
) -> (Loaded, LocationAnalysis) {
    let dir = write_dataset(&[
        ("places.csv", places),
        ("events.csv", events),
        ("people.csv", people),
        ("event_people.csv", event_people),
    ]);
    let l = load(dir.path(), &IngestOptions::default()).expect("loads");
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    (l, la)
}

fn score(l: &Loaded, la: &LocationAnalysis, key: &str) -> PlaceScore {
    let id = l.dataset.place_by_key(key).expect("place").id;
    la.score_of(id).expect("scored").clone()
}

const PLACES: &str = "place_id,kind,easting,northing\n\
    CLUB,youth_club,531000,175000\n\
    TAKE,takeaway,531150,175050\n\
    PARADE,shop,531080,175100\n\
    HOME,residential,531300,175300\n";

/// A youth club where `n` children are each found or seen once, nothing else recorded;
/// a take-away where one child was seen once with a person of concern in a low-grade
/// record; a busy parade between them (the area is hot).
fn club_and_take_away(n: usize, hours: &[u32], grading: &str) -> (String, String, String) {
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people = String::from("person_id,role\nX1,perpetrator\nK0,child\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 0..n {
        let kind = if i % 2 == 0 {
            "missing_found"
        } else {
            "sighting"
        };
        let hour = hours[i % hours.len()];
        events.push_str(&format!(
            "C{i},{kind},2026-05-{:02}T{hour:02}:00:00,CLUB,,\n",
            1 + i % 28
        ));
        people.push_str(&format!("K{},child\n", i + 1));
        ep.push_str(&format!("C{i},K{},subject\n", i + 1));
    }
    for i in 0..60 {
        events.push_str(&format!(
            "A{i},asb_report,2026-04-{:02}T20:00:00,PARADE,asb,\n",
            1 + i % 28
        ));
    }
    events.push_str(&format!(
        "T1,sighting,2026-03-01T15:00:00,TAKE,,{grading}\n"
    ));
    ep.push_str("T1,K0,subject\nT1,X1,associate\n");
    (events, people, ep)
}

#[test]
fn a_youth_club_where_twenty_children_were_each_found_once_is_where_children_gather() {
    let (events, people, ep) = club_and_take_away(20, &[16, 19, 22], "3DP");
    let (l, la) = scored(PLACES, &events, &people, &ep);
    let (club, take) = (score(&l, &la, "CLUB"), score(&l, &la, "TAKE"));
    assert!(
        take.rank < club.rank,
        "take-away {} vs club {}",
        take.total,
        club.total
    );
    assert_eq!(club.total, 0.0, "{:?}", club.components);
    assert!(club.measures.gathering);
    assert_eq!(club.measures.gathering_children, 20);
    assert_eq!(club.measures.gathering_records, 20);
    assert!(club.measures.concern.is_empty());
    assert!(!take.measures.gathering);
    assert!(
        take.components.co_presence > 0.0 && take.components.found_with_person_of_concern > 0.0
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// However many children are found or seen there, at whatever hour, a place with no
    /// concern signal never outranks one child recorded with a person of concern, however
    /// weakly graded.
    #[test]
    fn children_found_with_no_concern_never_outrank_a_child_with_a_person_of_concern(
        n in 1usize..60,
        hours in proptest::collection::vec(0u32..24, 1..5),
        grading in prop_oneof![Just("3EC"), Just("3DP"), Just("2CP"), Just("1AP"), Just("")],
    ) {
        let (events, people, ep) = club_and_take_away(n, &hours, grading);
        let (l, la) = scored(PLACES, &events, &people, &ep);
        let (club, take) = (score(&l, &la, "CLUB"), score(&l, &la, "TAKE"));
        prop_assert!(take.total > club.total, "take-away {} vs club {:?}", take.total, club.components);
    }
}

#[test]
fn a_child_found_at_their_own_home_has_returned_and_it_counts_for_nothing() {
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 0..12 {
        events.push_str(&format!(
            "F{i},missing_found,2026-05-{:02}T23:00:00,HOME\n",
            1 + i
        ));
        ep.push_str(&format!("F{i},K1,subject\n"));
    }
    let people = "person_id,role,home_place_id,looked_after\nK1,child,HOME,true\n";
    let (l, la) = scored(PLACES, &events, people, &ep);
    let home = score(&l, &la, "HOME");
    assert_eq!(home.measures.returns, 12);
    assert_eq!(home.evidence.returns.len(), 12);
    assert_eq!(home.measures.events, 0);
    assert_eq!(home.total, 0.0, "{:?}", home.components);
    assert!(
        !home.measures.gathering,
        "one child returning home is not a gathering"
    );
}

#[test]
fn children_as_daytime_victims_or_seen_by_a_professional_are_routine_unless_a_person_of_concern_is_there()
 {
    let places = "place_id,kind,easting,northing\nSCHOOL,school,531000,175000\n";
    let events = "event_id,kind,occurred_at,place_id,category\n\
        I1,incident,2026-05-04T11:00:00,SCHOOL,violence\n\
        I2,incident,2026-05-05T12:00:00,SCHOOL,violence\n\
        S1,sighting,2026-05-06T10:00:00,SCHOOL,\n\
        S2,sighting,2026-05-07T13:00:00,SCHOOL,\n";
    let people = "person_id,role\nK1,child\nK2,child\nK3,child\nK4,child\nK5,child\nP1,professional\nX1,perpetrator\n";
    let routine = "event_id,person_id,involvement\nI1,K1,victim\nI1,K2,witness\nI2,K3,victim\n\
        S1,K4,subject\nS1,P1,reporter\nS2,K5,subject\nS2,P1,reporter\n";
    let (l, la) = scored(places, events, people, routine);
    let school = score(&l, &la, "SCHOOL");
    assert_eq!(school.total, 0.0, "{:?}", school.components);
    assert!(school.measures.gathering);
    assert_eq!(school.measures.gathering_children, 5);
    // The same records with a person of concern in one of them are evidence.
    let with_poc = format!("{routine}I2,X1,suspect\n");
    let (l, la) = scored(places, events, people, &with_poc);
    let school = score(&l, &la, "SCHOOL");
    assert!(school.components.co_presence > 0.0 && school.total > 0.0);
}

#[test]
fn indicators_repeat_found_at_night_with_a_person_of_concern_and_shared_are_named_components() {
    let places = "place_id,kind,easting,northing\nHOTEL,hotel,531000,175000\n";
    let events = "event_id,kind,occurred_at,place_id\n\
        F1,missing_found,2026-05-01T23:00:00,HOTEL\n\
        F2,missing_found,2026-05-08T02:00:00,HOTEL\n\
        F3,missing_found,2026-05-15T14:00:00,HOTEL\n\
        G1,sighting,2026-05-20T22:30:00,HOTEL\n";
    let people = "person_id,role\nK1,child\nK2,child\nX1,perpetrator\n";
    let ep = "event_id,person_id,involvement\nF1,K1,subject\nF1,X1,associate\nF2,K1,subject\n\
        F3,K1,subject\nG1,K2,subject\nG1,X1,associate\n";
    let (l, la) = scored(places, events, people, ep);
    let hotel = score(&l, &la, "HOTEL");
    let m = &hotel.measures;
    assert_eq!(
        (
            m.repeat_found,
            m.found_at_night,
            m.found_with_poc,
            m.shared_poc_children
        ),
        (1, 2, 2, 1)
    );
    let k = Settings::default().score;
    assert!(m.concern_factor > 0.0);
    let c = &hotel.components;
    assert!((c.repeat_found - k.repeat_found * m.concern_factor).abs() < 1e-9);
    assert!((c.found_at_night - 2.0 * k.found_at_night * m.concern_factor).abs() < 1e-9);
    assert_eq!(
        c.found_with_person_of_concern,
        2.0 * k.found_with_person_of_concern
    );
    assert_eq!(c.shared_person_of_concern, k.shared_person_of_concern);
    let keys: Vec<&str> = hotel
        .evidence
        .indicators
        .iter()
        .map(|e| l.dataset.events[e.index()].key.as_str())
        .collect();
    assert_eq!(keys, ["F1", "F2", "F3", "G1"]);
    assert!((hotel.total - hotel.components.total()).abs() < 1e-9);
}
