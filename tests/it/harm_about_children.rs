//! A place's intensity counts as far as the harm recorded there is about children: drug
//! supply among adults at a station where no child is linked is the area's harm, not a
//! child-exploitation location's; CSE intelligence about a hotel that names no child
//! counts in full.

use crate::support::{place_score, scored};

/// Forty drug-supply reports among adults at a station, no child there; three CSE
/// intelligence reports about a hotel naming one adult and no child; and a flat with the
/// same forty adult reports and one child found there with a person of concern.
#[test]
fn intensity_counts_as_far_as_the_harm_is_about_children() {
    let places = "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\nHOTEL,hotel,533000,177000\nFLAT,residential,535000,179000\n";
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people = String::from("person_id,role\nXH,perpetrator\nXF,perpetrator\nCF,child\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 1..=40 {
        let day = 1 + i % 28;
        for (place, prefix) in [("STATION", "S"), ("FLAT", "F")] {
            events.push_str(&format!(
                "{prefix}{i},stop_search,2026-06-{day:02}T14:00:00,{place},drugs_supply,\n"
            ));
            people.push_str(&format!("{prefix}X{i},perpetrator\n"));
            ep.push_str(&format!("{prefix}{i},{prefix}X{i},subject\n"));
        }
    }
    for i in 1..=3 {
        events.push_str(&format!(
            "H{i},intelligence,2026-06-{:02}T22:00:00,HOTEL,cse,2BP\n",
            i * 5
        ));
        ep.push_str(&format!("H{i},XH,subject\n"));
    }
    events.push_str("FC,missing_found,2026-06-20T23:00:00,FLAT,,\n");
    ep.push_str("FC,CF,subject\nFC,XF,associate\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let [station, hotel, flat] = ["STATION", "HOTEL", "FLAT"].map(|k| place_score(&l, &la, k));
    let full = |s: &disrupt::score::PlaceScore| 10.0 * (s.measures.weight / 10.0).ln_1p();

    // The station: heavy harm among adults, no child linked, nothing about children.
    assert!(station.measures.weight > hotel.measures.weight);
    assert_eq!(station.measures.children_linked, 0.0);
    assert_eq!(
        station.measures.about_children, 0.0,
        "{:?}",
        station.measures
    );
    assert_eq!(station.components.intensity, 0.0);

    // The hotel: no child named, but CSE intelligence is about children by what it is.
    assert_eq!(hotel.measures.children_linked, 0.0);
    assert!(hotel.measures.about_children > 0.0, "{:?}", hotel.measures);
    assert!(
        (hotel.components.intensity - full(&hotel) * hotel.measures.about_children).abs() < 1e-9
    );
    assert!(
        hotel.total > station.total,
        "{} vs {}",
        hotel.total,
        station.total
    );

    // The flat: the same adult harm as the station, and a child linked to it.
    assert_eq!(flat.measures.about_children, 1.0, "{:?}", flat.measures);
    assert!((flat.components.intensity - full(&flat)).abs() < 1e-9);
    assert!(flat.total > station.total);
}
