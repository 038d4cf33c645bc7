//! A study cut into areas: each area's run, given the study-wide figures summed over
//! every area's partials, scores its places and grids its cells as one run over the
//! union does (docs/scale.md, "Study-wide reduces"). Without them it does not.

use super::support::write_dataset;
use disrupt::ingest::{IngestOptions, Loaded, load};
use disrupt::score::study::{
    Extent, LatticeWeight, Period, PlaceCoPresence, STUDY_FORMAT, StudyFootfall,
};
use disrupt::score::{LocationAnalysis, Partials, Settings, Study};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A small deterministic generator (Knuth's MMIX LCG), so the town is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One area's tables as CSV text (places, events, people, event_people).
struct Area {
    places: String,
    events: String,
    event_people: String,
}

const PLACES_HEAD: &str = "place_id,name,kind,lat,lon,easting,northing,licensed,area\n";
const EVENTS_HEAD: &str = "event_id,kind,occurred_at,place_id,lat,lon,easting,northing,category,grading,source,source_ref,review_by\n";
const PEOPLE_HEAD: &str =
    "person_id,role,birth_year,looked_after,display_name,sex,ethnicity,home_place_id\n";
const EVENT_PEOPLE_HEAD: &str = "event_id,person_id,involvement\n";

/// A town of 80 places on a 2 km × 1 km strip, cut at easting 532,000 into two areas,
/// with children and persons of concern recorded in both, busy places and quiet ones,
/// and events by place and by coordinates (snapped, well away from the cut).
fn town() -> (Vec<Area>, String) {
    let mut r = Lcg(20_261_202);
    let kinds = ["hotel", "takeaway", "park", "shop", "transport_hub"];
    let event_kinds = [
        ("missing_found", "cse"),
        ("sighting", "cse"),
        ("incident", "cce"),
        ("intelligence", ""),
        ("stop_search", "drugs"),
        ("asb_report", ""),
    ];
    let mut people = String::from(PEOPLE_HEAD);
    for c in 0..60 {
        people += &format!("C{c},child,2011,no,,,,\n");
    }
    for x in 0..12 {
        people += &format!("X{x},perpetrator,1995,,,,,\n");
    }
    let mut areas: Vec<Area> = (0..2)
        .map(|_| Area {
            places: String::from(PLACES_HEAD),
            events: String::from(EVENTS_HEAD),
            event_people: String::from(EVENT_PEOPLE_HEAD),
        })
        .collect();
    let mut sites = Vec::new();
    for p in 0..80u64 {
        // 40 places each side of the cut, 150 m apart at least from the cut.
        let side = (p % 2) as usize;
        let e = if side == 0 { 530_100 } else { 532_150 } + 200 * (p / 2 % 9) + r.below(40);
        let n = 175_000 + 110 * (p / 18) + r.below(60);
        let kind = kinds[r.below(kinds.len() as u64) as usize];
        areas[side].places += &format!("P{p},Place {p},{kind},,,{e},{n},,\n");
        sites.push((side, e, n));
    }
    for ev in 0..900u64 {
        // Busy places get most records: a skewed choice of place.
        let p = (r.below(80) * r.below(80) / 80) as usize;
        let (side, e, n) = sites[p];
        let (kind, category) = event_kinds[r.below(event_kinds.len() as u64) as usize];
        let day = 1 + r.below(28);
        let month = 1 + r.below(6);
        let hour = r.below(24);
        let at = format!("2026-{month:02}-{day:02}T{hour:02}:{:02}:00", r.below(60));
        let a = &mut areas[side];
        if ev % 7 == 0 {
            // Located by coordinates alone, 10 m off the place: snapped to it.
            a.events += &format!(
                "E{ev},{kind},{at},,,,{},{},{category},,police,R/{ev},\n",
                e + 10,
                n
            );
        } else {
            a.events += &format!("E{ev},{kind},{at},P{p},,,,,{category},,police,R/{ev},\n");
        }
        let child = r.below(60);
        for k in 0..1 + r.below(2) {
            a.event_people += &format!("E{ev},C{},subject\n", (child + 7 * k) % 60);
        }
        if r.below(3) == 0 {
            a.event_people += &format!("E{ev},X{},suspect\n", r.below(12));
        }
    }
    // Pairs met twice at one place each side, in different records an hour apart: the
    // co-presences whose chance baseline reads the place's records.
    for (k, side) in (0..6u64).map(|k| (k, (k % 2) as usize)) {
        let p = k % 2 + 10;
        for (day, hour, person) in [(3, 10, "C"), (3, 11, "X"), (17, 14, "C"), (17, 15, "X")] {
            let ev = format!("M{k}-{day}-{hour}");
            let a = &mut areas[side];
            a.events += &format!(
                "{ev},sighting,2026-05-{day:02}T{hour:02}:00:00,P{p},,,,,,,police,{ev},\n"
            );
            let who = if person == "C" { k * 5 } else { k };
            a.event_people += &format!("{ev},{person}{who},subject\n");
        }
    }
    (areas, people)
}

/// The as-of date every run shares (the study's).
fn as_of() -> Option<disrupt::model::AsOf> {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).map(disrupt::model::AsOf)
}

fn load_tables(
    places: &str,
    events: &str,
    people: &str,
    event_people: &str,
) -> (tempfile::TempDir, Loaded) {
    let dir = write_dataset(&[
        ("places.csv", places),
        ("events.csv", events),
        ("people.csv", people),
        ("event_people.csv", event_people),
    ]);
    let l = load(dir.path(), &IngestOptions { as_of: as_of() }).expect("loads");
    assert_eq!(l.quarantine.total(), 0, "the town's rows are all valid");
    (dir, l)
}

/// The study-wide reduce over the areas' partials, written here a second time (the job
/// in `spark/` is the one users run) as the test's oracle: the percentiles of every
/// located record, cells and footfall summed, each child's records summed by key.
fn reduce(parts: &[Partials]) -> Study {
    let n: u64 = parts.iter().map(|p| p.extent.points).sum();
    let axis = |low: fn(&Partials) -> &Vec<f64>, high: fn(&Partials) -> &Vec<f64>| {
        let mut lows: Vec<f64> = parts.iter().flat_map(|p| low(p).clone()).collect();
        let mut highs: Vec<f64> = parts.iter().flat_map(|p| high(p).clone()).collect();
        lows.sort_by(f64::total_cmp);
        highs.sort_by(|a, b| b.total_cmp(a));
        let lo = lows[(n as f64 * 0.001) as usize];
        let hi_at = ((n as f64 * 0.999) as usize).min(n as usize - 1);
        let hi = highs[n as usize - 1 - hi_at];
        [(lo - 10_000.0).max(lows[0]), (hi + 10_000.0).min(highs[0])]
    };
    let mut cells: BTreeMap<(i64, i64), (u64, f64)> = BTreeMap::new();
    let mut children: BTreeMap<&str, u32> = BTreeMap::new();
    for p in parts {
        for c in &p.cells {
            let s = cells.entry((c.row, c.col)).or_default();
            s.0 += c.count;
            s.1 += c.weight;
        }
        for (k, records) in &p.footfall.children {
            *children.entry(k).or_default() += records;
        }
    }
    let mut per_child: BTreeMap<u32, u32> = BTreeMap::new();
    for n in children.values() {
        *per_child.entry(*n).or_default() += 1;
    }
    let period = |f: fn(&Partials) -> Period| {
        Period::of(parts.iter().flat_map(|p| {
            let q = f(p);
            q.first.into_iter().chain(q.last)
        }))
    };
    Study {
        format: STUDY_FORMAT.into(),
        areas: (0..parts.len()).map(|i| format!("{i}")).collect(),
        cell_m: parts[0].cell_m,
        margin_m: parts[0].margin_m,
        extent: Some(Extent {
            east: axis(|p| &p.extent.east_low, |p| &p.extent.east_high),
            north: axis(|p| &p.extent.north_low, |p| &p.extent.north_high),
        }),
        cells: cells
            .into_iter()
            .map(|((row, col), (count, weight))| LatticeWeight {
                col,
                row,
                count,
                weight,
            })
            .collect(),
        footfall: StudyFootfall {
            child_records: parts.iter().map(|p| p.footfall.child_records).sum(),
            tied: parts.iter().map(|p| p.footfall.tied).sum(),
            sum_sq: parts.iter().map(|p| p.footfall.sum_sq).sum(),
            records_per_child: per_child.into_iter().collect(),
            period: period(|p| p.footfall.period),
        },
        attendance: period(|p| p.attendance),
        co_presence: parts.iter().flat_map(|p| p.co_presence.clone()).collect(),
        hotspots: None,
    }
}

fn partials(l: &Loaded, settings: &Settings) -> Partials {
    let d = &l.dataset;
    Partials::of(d, settings, 10, |i| d.people[i].key.clone())
}

fn with_study(study: Study) -> Settings {
    Settings {
        study: Some(Arc::new(study)),
        ..Settings::default()
    }
}

/// The largest difference between two areas' runs and the union's: over every cell's
/// Gi* z and q, and every place's total and components.
fn largest_difference(
    union: &LocationAnalysis,
    u: &Loaded,
    runs: &[(&Loaded, &LocationAnalysis)],
) -> f64 {
    let mut worst: f64 = 0.0;
    for (l, la) in runs {
        if la.grid == union.grid {
            for i in 0..union.grid.len() {
                worst = worst.max((la.gi.z[i] - union.gi.z[i]).abs());
                worst = worst.max((la.gi.q[i] - union.gi.q[i]).abs());
            }
        } else {
            worst = f64::INFINITY;
        }
        for s in &la.ranking {
            let key = &l.dataset.places[s.place.index()].key;
            let one = union
                .score_of(u.dataset.place_by_key(key).expect("in the union").id)
                .expect("scored");
            worst = worst.max((s.total - one.total).abs());
            for ((_, a), (_, b)) in s.components.named().iter().zip(one.components.named()) {
                worst = worst.max((a - b).abs());
            }
        }
    }
    worst
}

fn pairs(v: &[(Loaded, LocationAnalysis)]) -> Vec<(&Loaded, &LocationAnalysis)> {
    v.iter().map(|(l, la)| (l, la)).collect()
}

#[test]
fn areas_read_against_the_study_score_as_one_run_over_the_union() {
    let (areas, people) = town();
    let union_tables = |f: fn(&Area) -> &str, head: &str| {
        head.to_string()
            + &areas
                .iter()
                .map(|a| &f(a)[head.len()..])
                .collect::<String>()
    };
    let (_u, union) = load_tables(
        &union_tables(|a| &a.places, PLACES_HEAD),
        &union_tables(|a| &a.events, EVENTS_HEAD),
        &people,
        &union_tables(|a| &a.event_people, EVENT_PEOPLE_HEAD),
    );
    let settings = Settings::default();
    let one = LocationAnalysis::run(&union.dataset, &settings).expect("runs");
    let loaded: Vec<(tempfile::TempDir, Loaded)> = areas
        .iter()
        .map(|a| load_tables(&a.places, &a.events, &people, &a.event_people))
        .collect();
    let parts: Vec<Partials> = loaded.iter().map(|(_, l)| partials(l, &settings)).collect();
    let study = reduce(&parts);
    assert!(study.footfall.child_records > 0 && study.footfall.tied > 0);
    // Each place's co-presence records lie in its area: the areas' lists, joined, are the
    // union's.
    let sorted = |mut v: Vec<PlaceCoPresence>| {
        for c in &mut v {
            c.records.sort_unstable();
        }
        v.sort_by(|a, b| a.place_id.cmp(&b.place_id));
        v
    };
    assert!(study.co_presence.len() >= 2, "pairs met twice on each side");
    assert_eq!(
        sorted(study.co_presence.clone()),
        sorted(partials(&union, &settings).co_presence)
    );

    let read = |s: &Settings| -> Vec<(Loaded, LocationAnalysis)> {
        loaded
            .iter()
            .map(|(dir, _)| {
                let l = load(dir.path(), &IngestOptions { as_of: as_of() }).expect("loads");
                let la = LocationAnalysis::run(&l.dataset, s).expect("runs");
                (l, la)
            })
            .collect()
    };
    let against_study = read(&with_study(study));
    let alone = read(&settings);
    // Every cell's Gi* and every place's score and components, to 1e-9.
    let worst = largest_difference(&one, &union, &pairs(&against_study));
    assert!(worst <= 1e-9, "differs from the union by {worst}");
    // Read alone, the areas differ: their grids are their own, and their footfall too.
    let apart = alone
        .iter()
        .map(|(l, la)| largest_difference(&one, &union, &[(l, la)]))
        .fold(0.0, f64::max);
    assert!(
        apart > 0.01,
        "the areas read alone should differ from the union: {apart}"
    );
    // The grids' counts stay each area's own records; summed they are the union's.
    let own: u32 = against_study
        .iter()
        .map(|(_, la)| la.cell_count.iter().sum::<u32>())
        .sum();
    assert_eq!(own, one.cell_count.iter().sum::<u32>());
}

#[test]
fn one_area_read_against_its_own_study_is_the_same_bit_for_bit() {
    let (areas, people) = town();
    let a = &areas[0];
    let (_dir, l) = load_tables(&a.places, &a.events, &people, &a.event_people);
    let settings = Settings::default();
    let alone = LocationAnalysis::run(&l.dataset, &settings).expect("runs");
    let study = reduce(&[partials(&l, &settings)]);
    let read = LocationAnalysis::run(&l.dataset, &with_study(study)).expect("runs");
    assert_eq!(read.grid, alone.grid);
    assert_eq!(read.gi.z, alone.gi.z);
    assert_eq!(read.gi.q, alone.gi.q);
    let totals = |la: &LocationAnalysis| {
        la.ranking
            .iter()
            .map(|s| (s.place, s.total))
            .collect::<Vec<_>>()
    };
    assert_eq!(totals(&read), totals(&alone));
}

#[test]
fn a_study_summed_at_other_settings_is_refused_with_the_flag_to_set() {
    let (areas, people) = town();
    let a = &areas[0];
    let (_dir, l) = load_tables(&a.places, &a.events, &people, &a.event_people);
    let study = reduce(&[partials(&l, &Settings::default())]);
    let settings = Settings {
        cell_m: 50.0,
        ..with_study(study)
    };
    let err = LocationAnalysis::run(&l.dataset, &settings).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("cell size of 100 m") && text.contains("--cell"),
        "{text}"
    );
}

#[test]
fn a_network_gathered_across_areas_counts_the_studys_hotspots() {
    let (areas, people) = town();
    let a = &areas[1];
    let (_dir, l) = load_tables(&a.places, &a.events, &people, &a.event_people);
    let run = |study: Study| {
        disrupt::Analysis::run(
            &l.dataset,
            &with_study(study),
            None,
            disrupt::graph::BetweennessMode::Exact,
        )
        .expect("runs")
    };
    let base = reduce(&[partials(&l, &Settings::default())]);
    let own = run(base.clone());
    let first = &own.network.connections[0];
    assert!(
        !first.hotspot_places.is_empty(),
        "the first is at the area's hotspots"
    );
    // The study ranks other places first: its list is what counts, not the run's own.
    let theirs: Vec<String> = first
        .hotspot_places
        .iter()
        .map(|p| l.dataset.places[p.index()].key.clone())
        .collect();
    let others: Vec<String> = l
        .dataset
        .places
        .iter()
        .map(|p| p.key.clone())
        .filter(|k| !theirs.contains(k))
        .take(10)
        .collect();
    let read = run(Study {
        hotspots: Some(others.clone()),
        ..base
    });
    let same = read
        .network
        .connections
        .iter()
        .find(|c| c.person == first.person)
        .expect("scored");
    assert!(
        same.hotspot_places
            .iter()
            .all(|p| others.contains(&l.dataset.places[p.index()].key))
    );
    assert!(same.components.hotspot_places < first.components.hotspot_places);
}
