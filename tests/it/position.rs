//! Position among persons of concern, and co-presence read against footfall: the two
//! rules that put the organiser of a group first and keep a busy station's passers-by
//! out of each other's networks.

use crate::support::{analysed as run, connection_of as of};
use disrupt::ingest::Loaded;
use disrupt::score::{ConnectionScore, Settings};

fn strength_to(l: &Loaded, s: &ConnectionScore, child: &str) -> bool {
    let id = l.dataset.person_by_key(child).expect("child").id;
    s.children_direct.contains(&id)
}

/// The organiser holds `associate` links graded 2C to three members and `contact` links
/// to three children; each member is recorded with four children, one more than the
/// organiser reaches, on separate nights. The members are in contact with more children,
/// but the organiser is tied to every member around the same children: each tie counts
/// once per child the two share, so the hub collects three ties' children and each
/// member one. Under a rule that counts each tie once however many children the two
/// share, the members rank above the organiser.
#[test]
fn the_hub_of_a_group_ranks_above_members_who_reach_more_children() {
    let mut people = String::from("person_id,role\nX0,perpetrator\n");
    let mut links = String::from("from_id,to_id,kind,grading,source\n");
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for c in 1..=4 {
        people.push_str(&format!("K{c},child\n"));
        if c < 4 {
            links.push_str(&format!("X0,K{c},contact,2C,rhi_provider\n"));
        }
    }
    let mut day = 1;
    for m in 1..=3 {
        people.push_str(&format!("X{m},perpetrator\n"));
        links.push_str(&format!("X0,X{m},associate,2C,intel\n"));
        for c in 1..=4 {
            // A night a week apart from any other: no co-presence, shared records only.
            let (month, dom) = (1 + day / 28, 1 + day % 28);
            events.push_str(&format!(
                "S{m}{c},sighting,2026-{month:02}-{dom:02}T23:00:00,P{m}\n"
            ));
            ep.push_str(&format!("S{m}{c},K{c},subject\nS{m}{c},X{m},associate\n"));
            day += 2;
        }
    }
    let places = "place_id,kind,easting,northing\nP1,park,531000,175000\n\
                  P2,park,533000,175000\nP3,park,535000,175000\n";
    let tables = [
        ("places.csv", places),
        ("events.csv", events.as_str()),
        ("people.csv", people.as_str()),
        ("event_people.csv", ep.as_str()),
        ("links.csv", links.as_str()),
    ];
    let (l, an) = run(&tables);
    let s = &an.network.connections;
    let x0 = of(&l, s, "X0");
    let x1 = of(&l, s, "X1");
    assert!(
        x1.components.children_direct > x0.components.children_direct,
        "{x0:?} {x1:?}"
    );
    assert_eq!(
        x0.rank,
        1,
        "{:#?}",
        s.iter()
            .map(|c| (c.person, c.total, c.components))
            .collect::<Vec<_>>()
    );
    // Each tie: 0.8 × 0.42 over the reach weight 0.5, times the three children both
    // are in contact with; the hub has three such ties, a member one.
    let k = Settings::default().connection;
    let tie = 0.8 * 0.42 / k.reach_weight;
    let hub = k.person_of_concern_tied * 3.0 * tie * 3.0;
    assert!(
        (x0.components.persons_of_concern_tied - hub).abs() < 1e-9,
        "{x0:?}"
    );
    assert!(
        (x1.components.persons_of_concern_tied - hub / 3.0).abs() < 1e-9,
        "{x1:?}"
    );
}

/// A station holds most of a year's records: forty adults of concern and forty children,
/// each recorded there alone fifteen times at unrelated times, so dozens of pairs are
/// recorded there twice within three hours of each other by chance. One adult and one
/// child meet twice at a quiet flat, each time in records an hour apart. The flat's
/// co-presence is a tie in full; the station's pairs are what its footfall gives, and
/// none of them is a tie in full (each counts `max(0, 1 − E / O)` of a tie).
#[test]
fn co_presence_at_a_busy_station_counts_only_beyond_chance() {
    let mut people = String::from("person_id,role\nX9,perpetrator\nK9,child\n");
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    // A fixed linear congruential sequence: the same "unrelated" times on every run.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let start = chrono::NaiveDate::from_ymd_opt(2025, 7, 1)
        .expect("date")
        .and_hms_opt(0, 0, 0)
        .expect("time");
    let mut n = 0;
    for who in (1..=40).flat_map(|i| [format!("Y{i}"), format!("C{i}")]) {
        let role = if who.starts_with('Y') {
            "perpetrator"
        } else {
            "child"
        };
        people.push_str(&format!("{who},{role}\n"));
        for _ in 0..15 {
            let at = start + chrono::Duration::minutes((next() % (364 * 24 * 60)) as i64);
            n += 1;
            events.push_str(&format!("E{n},asb_report,{},STN\n", at.format("%FT%T")));
            ep.push_str(&format!("E{n},{who},subject\n"));
        }
    }
    for (i, (d, h)) in [(3, 21), (10, 22)].into_iter().enumerate() {
        events.push_str(&format!(
            "F{i}a,sighting,2026-03-{d:02}T{h}:00:00,FLAT\nF{i}b,sighting,2026-03-{d:02}T{h}:50:00,FLAT\n"
        ));
        ep.push_str(&format!("F{i}a,K9,subject\nF{i}b,X9,subject\n"));
    }
    let places = "place_id,kind,easting,northing\nSTN,transport_hub,531000,175000\n\
                  FLAT,residential,536000,178000\n";
    let tables = [
        ("places.csv", places),
        ("events.csv", events.as_str()),
        ("people.csv", people.as_str()),
        ("event_people.csv", ep.as_str()),
        ("links.csv", "from_id,to_id,kind\n"),
    ];
    let (l, an) = run(&tables);
    let s = &an.network.connections;
    let x9 = of(&l, s, "X9");
    let k = Settings::default().connection;
    assert!(strength_to(&l, x9, "K9"), "{x9:?}");
    // In full, but for the few millionths of a pair that chance gives at a quiet flat.
    assert!(
        (x9.components.children_direct - k.child_direct).abs() < 1e-3,
        "{x9:?}"
    );
    // The station's pairs met twice by chance: how many, from the network's ties.
    let net = &an.network.network;
    let child = |p: disrupt::model::PersonId| l.dataset.people[p.index()].key.starts_with('C');
    let twice = net
        .ties()
        .filter(|(a, b, t)| t.co_presence.len() >= 2 && (child(*a) != child(*b)))
        .count();
    assert!(twice >= 5, "the fixture should show chance pairs: {twice}");
    // Under the old rule each would count a child in full for its adult.
    let station: f64 = s
        .iter()
        .filter(|c| l.dataset.people[c.person.index()].key.starts_with('Y'))
        .map(|c| c.components.children_direct / k.child_direct)
        .sum();
    assert!(
        station < 0.5 * twice as f64,
        "children counted at the station {station} of {twice} chance pairs"
    );
}
