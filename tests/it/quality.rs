//! Floors from the quality benchmark (`benches/quality/`) on its small scenario families:
//! towns built by `benches/quality/make_scenarios.py`, code that shares nothing with
//! `disrupt synth`, with exploitation categories mostly absent, legacy gradings,
//! organisers who hold the links but appear at few events, and congregation, family-home
//! and busy low-grade decoys. The fixtures are that script's output for seed 7 (see
//! `tests/fixtures/README.md`); the benchmark itself measures other seeds and sizes.

use super::support::fixtures;
use disrupt::Analysis;
use disrupt::graph::BetweennessMode;
use disrupt::ingest::{IngestOptions, load};
use disrupt::model::AsOf;
use disrupt::score::Settings;
use std::collections::BTreeSet;

/// What a family's `truth.json` says was planted: places, decoys by what they are, and
/// organisers.
struct Truth {
    planted: Vec<String>,
    decoys: Vec<(String, String)>,
    organisers: Vec<String>,
}

fn truth(name: &str) -> Truth {
    let path = fixtures().join("quality").join(name).join("truth.json");
    let text = std::fs::read_to_string(&path).expect("truth.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(String::from))
            .collect()
    };
    let decoys = v["decoys"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, x)| Some((k.clone(), x.as_str()?.to_string())))
        .collect();
    Truth {
        planted: list(&v["planted_places"]),
        decoys,
        organisers: list(&v["organisers"]),
    }
}

/// The places and the persons of concern, best first, by key.
fn rankings(name: &str) -> (Vec<String>, Vec<String>) {
    let folder = fixtures().join("quality").join(name);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).map(AsOf);
    let loaded = load(&folder, &IngestOptions { as_of }).expect("loads");
    let d = &loaded.dataset;
    let an = Analysis::run(d, &Settings::default(), None, BetweennessMode::Exact).expect("runs");
    let places = an
        .location
        .ranking
        .iter()
        .map(|s| d.places[s.place.index()].key.clone())
        .collect();
    let people = an
        .network
        .connections
        .iter()
        .map(|c| d.people[c.person.index()].key.clone())
        .collect();
    (places, people)
}

/// The floors: measured on these fixtures with a margin (see `benches/RESULTS.md` for
/// the benchmark's numbers on other seeds and sizes).
fn assert_floors(name: &str) {
    let t = truth(name);
    let (places, people) = rankings(name);
    let rank = |key: &str| {
        places
            .iter()
            .position(|p| p == key)
            .map_or(usize::MAX, |i| i + 1)
    };
    let planted: Vec<usize> = t.planted.iter().map(|p| rank(p)).collect();
    assert_eq!(planted.len(), 4, "{name}: four planted premises");
    let in_top_10 = planted.iter().filter(|r| **r <= 10).count();
    assert_eq!(in_top_10, 4, "{name}: planted places rank {planted:?}");
    let worst = planted.iter().copied().max().unwrap_or(usize::MAX);
    for (what, key) in &t.decoys {
        let r = rank(key);
        // Congregation, a child's own home and busy low-grade places: below every
        // planted place, the subtle one included.
        assert!(
            r > worst,
            "{name}: the {what} ranks {r}, planted {planted:?}"
        );
    }
    let top_8: BTreeSet<&String> = people.iter().take(8).collect();
    let organisers = t.organisers.iter().filter(|o| top_8.contains(o)).count();
    assert!(
        organisers >= 2,
        "{name}: {organisers}/4 organisers in the top 8 persons of concern"
    );
}

#[test]
fn northern_family_planted_places_come_first_and_congregation_decoys_stay_below() {
    assert_floors("northern-1500-s7");
}

#[test]
fn coastal_family_planted_places_come_first_and_congregation_decoys_stay_below() {
    assert_floors("coastal-1500-s7");
}

#[test]
fn two_character_gradings_keep_the_organisers_links() {
    let folder = fixtures().join("quality").join("northern-1500-s7");
    let loaded = load(&folder, &IngestOptions::default()).expect("loads");
    let links = &loaded.reports[&disrupt::ingest::Table::Links];
    assert!(
        links.legacy_gradings.rows > 0,
        "the family carries 2B-style gradings"
    );
    assert_eq!(
        links.rejected, 0,
        "no link is lost to its grading: {:?}",
        links.top_reasons
    );
}
