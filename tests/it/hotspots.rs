//! Place hotspot scores: volume alone never makes a hotspot, planted networks are
//! found, adding evidence never lowers a score, input order changes nothing.

use crate::support::{loaded, place_score, scenario, scored};
use disrupt::ingest::Loaded;
use disrupt::model::{
    Event, EventId, EventKind, EventPerson, Involvement, PlaceKind, Provenance, Role,
};
use disrupt::report::hotspots::places_table;
use disrupt::score::{LocationAnalysis, Settings};
use proptest::prelude::*;
use std::path::Path;

fn rank_of(l: &Loaded, la: &LocationAnalysis, key: &str) -> usize {
    let id = l.dataset.place_by_key(key).expect("place").id;
    la.score_of(id).expect("scored").rank
}

#[test]
fn planted_premises_rank_top_10_and_decoys_rank_below_them() {
    let (dir, truth) = scenario();
    let l = loaded(dir.path());
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    for n in &truth.networks {
        let r = rank_of(&l, &la, &n.premises);
        assert!(
            r <= 10,
            "{} premises {} ({}) ranks {r}",
            n.id,
            n.premises,
            n.premises_kind
        );
    }
    let hotel = truth
        .networks
        .iter()
        .find(|n| n.premises_kind == "hotel")
        .expect("a hotel network");
    let hotel_rank = rank_of(&l, &la, &hotel.premises);
    for decoy in &truth.decoys {
        let r = rank_of(&l, &la, &decoy.place);
        assert!(
            r > hotel_rank,
            "decoy {} ({}) ranks {r}, above the hotel at {hotel_rank}",
            decoy.place,
            decoy.why
        );
        let s = la
            .score_of(l.dataset.place_by_key(&decoy.place).expect("place").id)
            .expect("score");
        assert!(
            s.measures.events >= 12,
            "the decoy really has volume: {} events",
            s.measures.events
        );
    }
}

#[test]
fn every_score_is_the_sum_of_its_components_and_cites_its_events() {
    let (dir, _) = scenario();
    let l = loaded(dir.path());
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    for s in &la.ranking {
        let sum: f64 = s.components.named().iter().map(|(_, v)| v).sum();
        assert!((s.total - sum).abs() < 1e-9);
        assert_eq!(s.evidence.events.len(), s.measures.events);
        assert!(
            s.evidence
                .co_presence
                .iter()
                .all(|e| s.evidence.events.contains(e))
        );
        assert_eq!(
            s.components.peer_groups, 0.0,
            "filled in by the network engine"
        );
    }
    for w in la.ranking.windows(2) {
        assert!(w[0].total >= w[1].total);
    }
}

/// Rewrites every CSV in `from` into `to` with its data rows in a seeded shuffled order.
fn shuffled_copy(from: &Path, to: &Path, seed: u64) {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    for entry in std::fs::read_dir(from).expect("dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let mut lines: Vec<&str> = text.lines().collect();
        let header = lines.remove(0);
        for i in (1..lines.len()).rev() {
            let j = rng.random_range(0..=i);
            lines.swap(i, j);
        }
        std::fs::write(to.join(name), format!("{header}\n{}\n", lines.join("\n"))).expect("write");
    }
}

#[test]
fn reordering_input_rows_changes_nothing() {
    let (dir, _) = scenario();
    let other = tempfile::tempdir().expect("dir");
    shuffled_copy(dir.path(), other.path(), 11);
    let out = tempfile::tempdir().expect("dir");
    let mut csvs = Vec::new();
    for (i, d) in [dir.path(), other.path()].iter().enumerate() {
        let l = loaded(d);
        let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
        let path = out.path().join(format!("{i}.csv"));
        places_table(&l.dataset, &la)
            .write_csv(&path, &crate::support::analyst(&l.dataset))
            .expect("write");
        csvs.push(std::fs::read(&path).expect("read"));
    }
    assert!(
        csvs[0] == csvs[1],
        "hotspots.csv differs when the input rows are shuffled"
    );
}

#[test]
fn ties_are_broken_by_place_id() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("places.csv"),
        "place_id,kind,easting,northing\nB,shop,531000,175000\nA,shop,531000,175000\n",
    )
    .expect("w");
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id\n1,incident,2026-03-01,B\n2,incident,2026-03-01,A\n",
    )
    .expect("w");
    let l = loaded(dir.path());
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    assert_eq!(la.ranking[0].total, la.ranking[1].total);
    let first = &l.dataset.places[la.ranking[0].place.index()].key;
    assert_eq!(first, "A");
}

#[derive(Debug, Clone)]
struct NewEvent {
    kind: usize,
    days_ago: i64,
    category: Option<&'static str>,
    grading: Option<&'static str>,
    people: Vec<usize>,
}

fn new_event() -> impl Strategy<Value = NewEvent> {
    (
        0usize..10,
        0i64..400,
        proptest::option::of(prop_oneof![
            Just("cse"),
            Just("cce"),
            Just("asb"),
            Just("violence")
        ]),
        proptest::option::of(prop_oneof![Just("1AP"), Just("3EC"), Just("2CP")]),
        proptest::collection::vec(0usize..2_000, 0..4),
    )
        .prop_map(|(kind, days_ago, category, grading, people)| NewEvent {
            kind,
            days_ago,
            category,
            grading,
            people,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn adding_evidence_to_a_place_never_lowers_its_score(at in 0usize..1_200, additions in proptest::collection::vec(new_event(), 1..4)) {
        let (dir, _) = scenario();
        let base = loaded(dir.path());
        let settings = Settings::default();
        let before = LocationAnalysis::run(&base.dataset, &settings).expect("runs");
        let mut d = base.dataset.clone();
        let mut touched = Vec::new();
        // Evidence elsewhere may shift the area's Gi* (a relative statistic); evidence
        // added at a place must never lower that place's score. Each record added holds
        // a child and a person of concern together, or neither: a record of a child
        // alone, or an adult of concern alone, is also footfall, which the chance
        // baselines read as a rate (`score::chance`).
        let of_role = |role: Role| -> Vec<disrupt::model::PersonId> {
            d.people.iter().filter(|p| p.role == role).map(|p| p.id).collect()
        };
        let (children, pocs) = (of_role(Role::Child), of_role(Role::Perpetrator));
        for a in &additions {
            let place = &d.places[at % d.places.len()];
            let id = EventId(d.events.len() as u32);
            let at = d.as_of.cutoff() - chrono::Duration::days(a.days_ago) - chrono::Duration::hours(1);
            let provenance = Provenance { grading: a.grading.map(|g| disrupt::model::Grading::parse(g).expect("grading")), ..Default::default() };
            d.events.push(Event {
                id, key: format!("NEW{}", id.0).into(), kind: EventKind::ALL[a.kind], occurred_at: at, place: Some(place.id),
                location: place.location, category: a.category.map(Into::into), provenance,
            });
            let mut people: Vec<disrupt::model::PersonId> = a.people.iter().map(|&p| d.people[p % d.people.len()].id).collect();
            if let Some(&first) = a.people.first() {
                people.push(children[first % children.len()]);
                people.push(pocs[first % pocs.len()]);
            }
            people.sort();
            people.dedup();
            for person in people {
                d.event_people.push(EventPerson { event: id, person, involvement: Some(Involvement::Subject) });
            }
            touched.push(place.id);
        }
        let after = LocationAnalysis::run(&d, &settings).expect("runs");
        for p in touched {
            let (b, a) = (before.score_of(p).expect("score"), after.score_of(p).expect("score"));
            prop_assert!(a.total >= b.total - 1e-9, "{:?}: {} -> {}", p, b.total, a.total);
        }
    }
}

#[test]
fn a_busy_station_with_hundreds_of_asb_reports_ranks_below_one_child_with_a_person_of_concern() {
    // A hand-built check of the principle, independent of synth.
    let dir = tempfile::tempdir().expect("dir");
    let mut places = String::from(
        "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\nHOTEL,hotel,533000,177000\n",
    );
    places.push_str("HOME,residential,535000,179000\n");
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    for i in 0..400 {
        events.push_str(&format!(
            "A{i},asb_report,2026-0{}-{:02}T20:00:00,STATION,asb,3DP\n",
            1 + i % 6,
            1 + i % 28
        ));
    }
    for i in 0..12 {
        events.push_str(&format!(
            "F{i},missing_found,2026-0{}-{:02}T23:00:00,HOME,,\n",
            1 + i % 6,
            1 + i
        ));
    }
    events.push_str("H1,missing_found,2026-06-20T23:00:00,HOTEL,cse,\nH2,sighting,2026-06-25T22:00:00,HOTEL,cse,2BP\n");
    std::fs::write(dir.path().join("places.csv"), places).expect("w");
    std::fs::write(dir.path().join("events.csv"), events).expect("w");
    let mut people = String::from("person_id,role\nC1,child\nC2,child\nX1,perpetrator\n");
    people.push_str("C3,child\n");
    std::fs::write(dir.path().join("people.csv"), people).expect("w");
    let mut ep = String::from(
        "event_id,person_id,involvement\nH1,C1,subject\nH2,C1,subject\nH2,X1,associate\nH1,C2,subject\n",
    );
    for i in 0..12 {
        ep.push_str(&format!("F{i},C3,subject\n"));
    }
    std::fs::write(dir.path().join("event_people.csv"), ep).expect("w");
    let l = loaded(dir.path());
    let la = LocationAnalysis::run(&l.dataset, &Settings::default()).expect("runs");
    let key = |i: usize| l.dataset.places[la.ranking[i].place.index()].key.clone();
    assert_eq!(
        key(0),
        "HOTEL",
        "{:#?}",
        la.ranking
            .iter()
            .map(|s| (s.total, s.components))
            .collect::<Vec<_>>()
    );
    let kinds: Vec<PlaceKind> = la
        .ranking
        .iter()
        .map(|s| l.dataset.places[s.place.index()].kind)
        .collect();
    assert_eq!(kinds[0], PlaceKind::Hotel);
    let station = la
        .ranking
        .iter()
        .find(|s| l.dataset.places[s.place.index()].key == "STATION")
        .expect("station");
    assert_eq!(station.measures.events, 400);
    assert!(l.dataset.people.iter().any(|p| p.role == Role::Child));
}

/// A person of concern counts at a place by their records there with children: forty
/// persons of concern each named once in low-grade intelligence at a station, with no
/// child, count nothing towards `persons_of_concern` (their records are the station's
/// weighted events, and no intensity with no child linked), while one seen with a child in a graded CSE sighting at a hotel counts in
/// full; the measures say both how many were recorded and how much they count.
#[test]
fn people_named_once_in_low_grade_intelligence_count_for_little() {
    let places = "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\nHOTEL,hotel,533000,177000\n";
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people = String::from("person_id,role\nC1,child\nX0,perpetrator\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 1..=40 {
        events.push_str(&format!(
            "I{i},intelligence,2026-06-{:02}T20:00:00,STATION,drugs_supply,3DP\n",
            1 + i % 28
        ));
        people.push_str(&format!("X{i},perpetrator\n"));
        ep.push_str(&format!("I{i},X{i},subject\n"));
    }
    events.push_str("H1,sighting,2026-06-29T22:00:00,HOTEL,cse,1AP\n");
    ep.push_str("H1,C1,subject\nH1,X0,associate\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let score = |key: &str| place_score(&l, &la, key);
    let (station, hotel) = (score("STATION"), score("HOTEL"));
    assert_eq!(station.measures.persons_of_concern, 40);
    assert_eq!(station.measures.persons_of_concern_linked, 0.0);
    assert_eq!(station.components.persons_of_concern, 0.0);
    // Their records are the station's harm, weighed but not about children: no
    // intensity where no child is linked.
    assert!(station.measures.weight > 0.0, "{:?}", station.measures);
    assert_eq!(station.components.intensity, 0.0);
    // A 1A CSE sighting (base 4) two hours before the end of the data links the child
    // and the adult all but in full (recency 2^(−2 h / 180 days)).
    assert_eq!(hotel.measures.persons_of_concern, 1);
    assert!(hotel.measures.persons_of_concern_linked > 0.999);
    assert!(hotel.measures.children_linked > 0.999);
    assert!(
        hotel.rank < station.rank,
        "hotel {} ({:?}) against station {} ({:?})",
        hotel.total,
        hotel.components,
        station.total,
        station.components
    );
    // The table shows both the count recorded and how much it counts.
    let t = crate::support::analyst(&l.dataset)
        .release(&places_table(&l.dataset, &la))
        .expect("analysts get the places table");
    let row = (0..t.rows())
        .find(|&i| t.text("place_id", i) == "STATION")
        .expect("row");
    assert_eq!(t.text("distinct_persons_of_concern", row), "40");
    let linked: f64 = t
        .text("persons_of_concern_linked", row)
        .parse()
        .expect("number");
    assert!((linked - station.measures.persons_of_concern_linked).abs() < 1e-6);
}

/// A crowded window (more people than the network's co-presence cap within 3 hours)
/// pairs only people recorded in the same event, in the place score as in the network:
/// sixty people passing through a station in an hour are not 900 child–adult pairs.
#[test]
fn a_crowded_window_pairs_only_people_in_the_same_event() {
    let places = "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\nCAFE,takeaway,533000,177000\n";
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut people = String::from("person_id,role\n");
    let mut ep = String::from("event_id,person_id\n");
    for i in 0..60 {
        events.push_str(&format!("S{i},sighting,2026-03-01T10:{i:02}:00,STATION\n"));
        let role = if i % 2 == 0 { "child" } else { "perpetrator" };
        people.push_str(&format!("P{i},{role}\n"));
        ep.push_str(&format!("S{i},P{i}\n"));
    }
    // One event at the station with a child and an adult together, and the same two
    // seen an hour apart at a quiet cafe on two days (once would be a chance meeting).
    events.push_str("T1,sighting,2026-03-01T10:30:00,STATION\n");
    events.push_str("C1,sighting,2026-03-02T10:00:00,CAFE\nC2,sighting,2026-03-02T11:00:00,CAFE\n");
    events.push_str("C3,sighting,2026-03-05T10:00:00,CAFE\nC4,sighting,2026-03-05T11:00:00,CAFE\n");
    ep.push_str("T1,P0\nT1,P1\nC1,P2\nC2,P3\nC3,P2\nC4,P3\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let pairs = |key: &str| place_score(&l, &la, key).measures.pairs;
    assert_eq!(pairs("STATION"), 1, "only the pair recorded together");
    assert_eq!(
        pairs("CAFE"),
        1,
        "a quiet place pairs events an hour apart, twice"
    );
    // The network applies the same rule: only the T1 pair and the cafe pair are tied.
    let net = disrupt::graph::Network::build(
        &l.dataset,
        &Settings::default().network,
        &la.used,
        &la.snapped.place,
    );
    assert!(net.counts.capped_windows > 0);
    let tied: Vec<(String, String)> = net
        .ties()
        .map(|(a, b, _)| {
            (
                l.dataset.people[a.index()].key.clone(),
                l.dataset.people[b.index()].key.clone(),
            )
        })
        .collect();
    assert_eq!(tied.len(), 2, "{tied:?}");
}

/// Children recorded alone at a place count through its concern about children: at a
/// station where drug supply is recorded among adults, twenty children each named once
/// in an ASB report link no child; at a flat where CCE intelligence is recorded about
/// adults, a child found there alone is linked, since child criminal exploitation is the
/// exploitation of children by definition.
#[test]
fn children_alone_count_by_the_concern_about_children() {
    let places = "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\nFLAT,residential,533000,177000\n";
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people = String::from("person_id,role\nCF,child\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 1..=20 {
        let day = 1 + i % 28;
        events.push_str(&format!(
            "D{i},intelligence,2026-06-{day:02}T12:00:00,STATION,drugs_supply,2BP\n"
        ));
        events.push_str(&format!(
            "A{i},asb_report,2026-06-{day:02}T15:00:00,STATION,,\n"
        ));
        people.push_str(&format!("X{i},perpetrator\nC{i},child\n"));
        ep.push_str(&format!("D{i},X{i},subject\nA{i},C{i},subject\n"));
    }
    events.push_str("F1,intelligence,2026-06-10T12:00:00,FLAT,cce,2BP\n");
    events.push_str("F2,missing_found,2026-06-20T23:00:00,FLAT,,\n");
    people.push_str("XF,perpetrator\n");
    ep.push_str("F1,XF,subject\nF2,CF,subject\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let (station, flat) = (
        place_score(&l, &la, "STATION"),
        place_score(&l, &la, "FLAT"),
    );
    assert_eq!(station.measures.children, 20);
    assert_eq!(station.measures.concern_factor, 1.0);
    assert_eq!(
        station.measures.children_linked, 0.0,
        "{:?}",
        station.measures
    );
    assert_eq!(station.measures.child_concern_factor, 0.0);
    assert!(flat.measures.children_linked > 0.0, "{:?}", flat.measures);
    assert!(flat.measures.child_concern_factor > 0.0);
}

/// A child and a person of concern recorded at a place in different records within the
/// co-presence window once is a chance meeting; twice, they count as a pair.
#[test]
fn one_co_presence_in_different_records_is_a_chance_meeting() {
    let places = "place_id,kind,easting,northing\nONCE,takeaway,531000,175000\nTWICE,takeaway,533000,177000\n";
    let events = "event_id,kind,occurred_at,place_id\n\
        O1,sighting,2026-06-01T22:00:00,ONCE\nO2,sighting,2026-06-01T23:00:00,ONCE\n\
        T1,sighting,2026-06-01T22:00:00,TWICE\nT2,sighting,2026-06-01T23:00:00,TWICE\n\
        T3,sighting,2026-06-08T22:00:00,TWICE\nT4,sighting,2026-06-08T23:00:00,TWICE\n";
    let people = "person_id,role\nC1,child\nX1,perpetrator\nC2,child\nX2,perpetrator\n";
    let ep = "event_id,person_id\nO1,C1\nO2,X1\nT1,C2\nT2,X2\nT3,C2\nT4,X2\n";
    let (l, la) = scored(&[places, events, people, ep]);
    let (once, twice) = (place_score(&l, &la, "ONCE"), place_score(&l, &la, "TWICE"));
    assert_eq!(once.measures.pairs, 0);
    assert_eq!(once.measures.persons_of_concern_linked, 0.0);
    assert_eq!(twice.measures.pairs, 1);
    assert!(twice.measures.persons_of_concern_linked > 0.0);
    assert!(twice.total > once.total);
}

/// A child recorded alone at a place once, in a routine record, is a child passing
/// through: at a station where twenty children are each stopped once in drug-supply
/// stops, none is linked; a child stopped there twice is, and so is a child found there
/// once after a missing episode, where they were while missing.
#[test]
fn one_routine_record_of_a_child_alone_is_passing_through() {
    let places = "place_id,kind,easting,northing\nSTATION,transport_hub,531000,175000\n";
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people = String::from("person_id,role\nTWICE,child\nFOUND,child\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 1..=20 {
        let day = 1 + i % 28;
        events.push_str(&format!(
            "S{i},stop_search,2026-06-{day:02}T15:00:00,STATION,drugs_supply,\n"
        ));
        people.push_str(&format!("C{i},child\n"));
        ep.push_str(&format!("S{i},C{i},subject\n"));
    }
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let once = place_score(&l, &la, "STATION").measures.clone();
    assert_eq!(once.children, 20);
    assert!(once.child_concern_factor > 0.0, "{once:?}");
    assert_eq!(once.children_linked, 0.0, "{once:?}");

    events.push_str("T1,stop_search,2026-06-02T16:00:00,STATION,drugs_supply,\n");
    events.push_str("T2,stop_search,2026-06-09T16:00:00,STATION,drugs_supply,\n");
    ep.push_str("T1,TWICE,subject\nT2,TWICE,subject\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let twice = place_score(&l, &la, "STATION").measures.clone();
    assert!(twice.children_linked > 0.0, "{twice:?}");

    events.push_str("F1,missing_found,2026-06-12T14:00:00,STATION,,\n");
    ep.push_str("F1,FOUND,subject\n");
    let (l, la) = scored(&[places, &events, &people, &ep]);
    let found = place_score(&l, &la, "STATION").measures.clone();
    assert!(
        found.children_linked > twice.children_linked,
        "{found:?} {twice:?}"
    );
}
