//! The footfall baselines (`score::chance`): equal to scipy on the reference fixture, and
//! on a study with a busy station, the children passing through it and the chance
//! meetings there are its footfall, while a quiet hotel's few children are not.

use crate::support::{place_score, scored};
use disrupt::score::chance::{
    binomial_upper_tail, expected_chance_pairs, expected_children, poisson_at_least_two,
};

#[derive(serde::Deserialize)]
struct Binomial {
    k: u64,
    n: u64,
    p: f64,
    tail: f64,
}

#[derive(serde::Deserialize)]
struct Poisson {
    lambda: f64,
    at_least_two: f64,
}

#[derive(serde::Deserialize)]
struct Children {
    records_per_child: Vec<(u32, u32)>,
    share: f64,
    tie_rate: f64,
    expected: f64,
}

#[derive(serde::Deserialize)]
struct Pairs {
    children: Vec<u32>,
    persons_of_concern: Vec<u32>,
    rate: f64,
    expected: f64,
}

#[derive(serde::Deserialize)]
struct Fixture {
    binomial: Vec<Binomial>,
    poisson: Vec<Poisson>,
    children: Vec<Children>,
    pairs: Vec<Pairs>,
}

/// Relative 1e-9 (absolute below 1e-300: scipy's tails underflow there too).
fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * y.abs() || (x - y).abs() < 1e-300
}

#[test]
fn the_chance_baselines_equal_scipy_to_1e_9() {
    let path = crate::support::fixtures().join("stats/chance.json");
    let f: Fixture = serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json");
    assert!(f.binomial.len() >= 5 && f.poisson.len() >= 5);
    for c in &f.binomial {
        let t = binomial_upper_tail(c.k, c.n, c.p);
        assert!(
            close(t, c.tail),
            "P(K ≥ {}; {}, {}) {t} vs {}",
            c.k,
            c.n,
            c.p,
            c.tail
        );
    }
    for c in &f.poisson {
        let p = poisson_at_least_two(c.lambda);
        assert!(
            close(p, c.at_least_two),
            "λ {}: {p} vs {}",
            c.lambda,
            c.at_least_two
        );
    }
    for c in &f.children {
        let e = expected_children(&c.records_per_child, c.share, c.tie_rate);
        assert!(
            close(e, c.expected),
            "share {}: {e} vs {}",
            c.share,
            c.expected
        );
    }
    for c in &f.pairs {
        let e = expected_chance_pairs(&c.children, &c.persons_of_concern, c.rate);
        assert!(
            close(e, c.expected),
            "rate {}: {e} vs {}",
            c.rate,
            c.expected
        );
    }
}

/// A small deterministic generator (Knuth's MMIX LCG), so the study is the same on
/// every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A study of 80 streets and one station that holds a quarter of every record: 300
/// children and 150 adults of concern, each with five records at places chosen at
/// random, at random hours over sixty days, never in one record together; the
/// station's records are drug-supply stops. And a quiet hotel where two children were
/// found after missing episodes with an adult of concern.
fn busy_study() -> [String; 4] {
    let mut places = String::from("place_id,kind,easting,northing\n");
    places.push_str("STATION,transport_hub,531000,175000\nHOTEL,hotel,534000,178000\n");
    for i in 0..80 {
        let (e, n) = (528_000 + (i % 10) * 700, 172_000 + (i / 10) * 700);
        places.push_str(&format!("ST{i},open_space,{e},{n}\n"));
    }
    let mut events = String::from("event_id,kind,occurred_at,place_id,category,grading\n");
    let mut people =
        String::from("person_id,role\nFOUND1,child\nFOUND2,child\nADULT,perpetrator\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    let mut rng = Lcg(2026);
    let mut record =
        |who: &str, role_child: bool, events: &mut String, ep: &mut String, id: usize| {
            let at_station = rng.below(4) == 0;
            let place = if at_station {
                "STATION".to_string()
            } else {
                format!("ST{}", rng.below(80))
            };
            let (day, hour, minute) = (1 + rng.below(60), rng.below(24), rng.below(60));
            let (month, day) = if day > 30 { (6, day - 30) } else { (5, day) };
            let (kind, category) = match (at_station, role_child) {
                (true, _) => ("stop_search", "drugs_supply"),
                (false, true) => ("asb_report", "asb"),
                (false, false) => ("incident", "violence"),
            };
            events.push_str(&format!(
            "E{id},{kind},2026-{month:02}-{day:02}T{hour:02}:{minute:02}:00,{place},{category},\n"
        ));
            ep.push_str(&format!("E{id},{who},subject\n"));
        };
    let mut id = 0;
    for (prefix, count, child) in [("C", 300, true), ("A", 150, false)] {
        for i in 0..count {
            let who = format!("{prefix}{i}");
            let role = if child { "child" } else { "perpetrator" };
            people.push_str(&format!("{who},{role}\n"));
            for _ in 0..5 {
                id += 1;
                record(&who, child, &mut events, &mut ep, id);
            }
        }
    }
    for (i, child) in ["FOUND1", "FOUND2"].into_iter().enumerate() {
        events.push_str(&format!(
            "H{i},missing_found,2026-06-1{i}T02:00:00,HOTEL,,\n"
        ));
        ep.push_str(&format!("H{i},{child},subject\nH{i},ADULT,associate\n"));
    }
    [places, events, people, ep]
}

#[test]
fn a_busy_stations_passing_children_and_chance_meetings_are_its_footfall() {
    let tables = busy_study();
    let t: Vec<&str> = tables.iter().map(String::as_str).collect();
    let (l, la) = scored(&[t[0], t[1], t[2], t[3]]);
    let station = place_score(&l, &la, "STATION");
    let hotel = place_score(&l, &la, "HOTEL");
    let m = &station.measures;
    // Hundreds of children stopped there alone, a fifth of them twice: what a place with
    // a quarter of the records gives by chance.
    assert!(m.children_alone >= 30, "{m:?}");
    assert!(
        m.children_by_chance >= 0.8 * m.children_alone as f64,
        "{m:?}"
    );
    let beyond = (m.children_alone as f64 - m.children_by_chance).max(0.0);
    assert!(m.children_linked <= beyond, "{m:?}");
    // Children and adults of concern within three hours of each other twice, at random.
    assert!(m.pairs_by_chance > 0.0, "{m:?}");
    assert!(
        m.pairs_linked <= (m.pairs_apart as f64 - m.pairs_by_chance).max(0.0),
        "{m:?}"
    );
    // The hotel: two children found there with an adult of concern, in one record each.
    assert_eq!(hotel.measures.children_linked, 2.0, "{:?}", hotel.measures);
    assert!(
        hotel.rank < station.rank,
        "hotel {} ({:.1}) vs station {} ({:.1}): {:?}",
        hotel.rank,
        hotel.total,
        station.rank,
        station.total,
        station.components
    );
}
