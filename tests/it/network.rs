//! The network engine on data: planted networks found, children never scored, every tie
//! backed by its records, busy places capped, outputs complete and deterministic.

use crate::support::disrupt;
use crate::support::{scenario, write_dataset};
use disrupt::Analysis;
use disrupt::graph::BetweennessMode;
use disrupt::ingest::{IngestOptions, Loaded, load};
use disrupt::model::Role;
use disrupt::score::{NetworkAnalysis, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn analyse(dir: &Path) -> (Loaded, NetworkAnalysis) {
    let l = load(dir, &IngestOptions::default()).expect("loads");
    let a = Analysis::run(
        &l.dataset,
        &Settings::default(),
        None,
        BetweennessMode::Auto,
    )
    .expect("analysis")
    .network;
    (l, a)
}

/// Adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985).
fn adjusted_rand(a: &[usize], b: &[usize]) -> f64 {
    let c2 = |n: f64| n * (n - 1.0) / 2.0;
    let mut table: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let (mut ra, mut rb): (BTreeMap<usize, f64>, BTreeMap<usize, f64>) = Default::default();
    for (x, y) in a.iter().zip(b) {
        *table.entry((*x, *y)).or_default() += 1.0;
        *ra.entry(*x).or_default() += 1.0;
        *rb.entry(*y).or_default() += 1.0;
    }
    let index: f64 = table.values().map(|&n| c2(n)).sum();
    let sa: f64 = ra.values().map(|&n| c2(n)).sum();
    let sb: f64 = rb.values().map(|&n| c2(n)).sum();
    let expected = sa * sb / c2(a.len() as f64);
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

#[test]
fn planted_persons_of_concern_rank_top_and_planted_groups_are_recovered() {
    let (dir, truth) = scenario();
    let (l, a) = analyse(dir.path());
    let d = &l.dataset;
    let rank: BTreeMap<&str, usize> = a
        .connections
        .iter()
        .map(|s| (d.people[s.person.index()].key.as_str(), s.rank))
        .collect();
    let planted: Vec<&String> = truth
        .networks
        .iter()
        .flat_map(|n| &n.perpetrators)
        .collect();
    let top10: BTreeSet<&str> = a
        .connections
        .iter()
        .take(10)
        .map(|s| d.people[s.person.index()].key.as_str())
        .collect();
    let planted_in_top = planted
        .iter()
        .filter(|p| top10.contains(p.as_str()))
        .count();
    assert!(
        planted_in_top >= 7,
        "{planted_in_top} of the top 10 are planted; ranks {:?}",
        planted.iter().map(|p| rank[p.as_str()]).collect::<Vec<_>>()
    );
    for n in &truth.networks {
        let best = n
            .perpetrators
            .iter()
            .map(|p| rank[p.as_str()])
            .min()
            .expect("perpetrators");
        assert!(best <= 10, "{}: best-ranked perpetrator at {best}", n.id);
    }
    // Peer groups: the planted groups' members, labelled by network and by our groups.
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for (k, n) in truth.networks.iter().enumerate() {
        for m in n.group.iter().chain(&n.perpetrators) {
            let p = d.person_by_key(m).expect("member");
            if let Some(g) = a.peer_groups.group_of[p.id.index()] {
                ours.push(g);
                theirs.push(k);
            }
        }
    }
    let ari = adjusted_rand(&theirs, &ours);
    eprintln!(
        "planted groups recovered: adjusted Rand index {ari:.3} over {} members",
        ours.len()
    );
    assert!(ari >= 0.6, "adjusted Rand index {ari}");
}

#[test]
fn under_18_persons_of_concern_are_flagged_and_children_are_never_scored() {
    let (dir, _) = scenario();
    let (l, a) = analyse(dir.path());
    let d = &l.dataset;
    let young: Vec<_> = a
        .connections
        .iter()
        .filter(|s| s.may_also_be_exploited)
        .collect();
    assert!(
        !young.is_empty(),
        "the synth plants a 17-year-old person of concern"
    );
    for s in &a.connections {
        assert_eq!(d.people[s.person.index()].role, Role::Perpetrator);
        assert!((s.total - s.components.total()).abs() < 1e-9);
    }
    let out = tempfile::tempdir().expect("dir");
    let path = out.path().join("people.csv");
    disrupt::report::network::people_table(d, &a)
        .write_csv(&path, &crate::support::analyst(d))
        .expect("write");
    let mut r = csv::Reader::from_path(&path).expect("csv");
    let h = r.headers().expect("h").clone();
    let col = |name: &str| h.iter().position(|x| x == name).expect(name);
    let scored = [
        "rank",
        "connection_score",
        "betweenness_normalized",
        "eigenvector",
        "degree",
        "children_direct",
    ]
    .map(col);
    for rec in r.records() {
        let rec = rec.expect("row");
        if &rec[col("role")] == "child" || &rec[col("role")] == "peer" {
            for c in scored {
                assert_eq!(
                    &rec[c],
                    "",
                    "a {} has a value in {}",
                    &rec[col("role")],
                    &h[c]
                );
            }
        }
    }
}

#[test]
fn every_tie_is_backed_by_its_records() {
    let (dir, _) = scenario();
    let (l, a) = analyse(dir.path());
    let d = &l.dataset;
    let mut people_of: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
    for ep in &d.event_people {
        people_of
            .entry(ep.event.index())
            .or_default()
            .insert(ep.person.0);
    }
    let window = chrono::Duration::hours(3);
    for (x, y, t) in a.network.ties() {
        assert!(t.weight > 0.0);
        for l_id in &t.links {
            let link = &d.links[l_id.index()];
            let ends: BTreeSet<u32> = [link.from.0, link.to.0].into();
            assert_eq!(ends, [x.0, y.0].into());
        }
        for e in &t.shared_events {
            let who = &people_of[&e.index()];
            assert!(who.contains(&x.0) && who.contains(&y.0));
        }
        for (e1, e2) in &t.co_presence {
            let (a1, a2) = (&d.events[e1.index()], &d.events[e2.index()]);
            assert!((a2.occurred_at - a1.occurred_at).abs() <= window);
            let (w1, w2) = (&people_of[&e1.index()], &people_of[&e2.index()]);
            assert!(
                (w1.contains(&x.0) && w2.contains(&y.0))
                    || (w1.contains(&y.0) && w2.contains(&x.0))
            );
        }
    }
}

#[test]
fn busy_places_infer_no_co_presence_ties_and_say_so() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("places.csv"),
        "place_id,kind,easting,northing\nSTN,transport_hub,531000,175000\n",
    )
    .expect("w");
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut people = String::from("person_id,role\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for i in 0..60 {
        events.push_str(&format!(
            "E{i},stop_search,2026-03-14T20:{:02}:00,STN\n",
            i % 60
        ));
        people.push_str(&format!("P{i},peer\n"));
        ep.push_str(&format!("E{i},P{i},subject\n"));
    }
    for (f, t) in [
        ("places.csv", None),
        ("events.csv", Some(events)),
        ("people.csv", Some(people)),
        ("event_people.csv", Some(ep)),
    ] {
        if let Some(t) = t {
            std::fs::write(dir.path().join(f), t).expect("w");
        }
    }
    let (_, a) = analyse(dir.path());
    assert_eq!(
        a.network.counts.ties, 0,
        "60 strangers stopped at a station are not a network"
    );
    assert!(a.network.counts.capped_windows > 0);
    assert_eq!(a.network.counts.capped_places.len(), 1);
}

#[test]
fn network_command_writes_every_output_deterministically() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    for out in [a.path(), b.path()] {
        let o = disrupt()
            .arg("network")
            .arg(&example)
            .arg("--out")
            .arg(out)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("betweenness: exact"));
    }
    for f in [
        "people.csv",
        "people.parquet",
        "groups.csv",
        "links_i2.csv",
        "entities_i2.csv",
        "ties.parquet",
        "network.graphml",
        "network.yed.graphml",
        "run.json",
    ] {
        let (x, y) = (
            std::fs::read(a.path().join(f)).expect(f),
            std::fs::read(b.path().join(f)).expect(f),
        );
        assert!(x == y, "{f} differs between two identical runs");
    }
    // Every row with a betweenness value says how it was computed.
    let mut people = csv::Reader::from_path(a.path().join("people.csv")).expect("people.csv");
    let header = people.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (b, m) = (col("betweenness_normalized"), col("betweenness_method"));
    for row in people.records() {
        let row = row.expect("row");
        assert_eq!(row[b].is_empty(), row[m].is_empty());
        assert!(row[m].is_empty() || &row[m] == "exact", "{}", &row[m]);
    }
    // ties.parquet is one row per tie, for a distributed engine (GraphFrames edges);
    // links_i2.csv splits each tie into one row per type of record, so its pairs are
    // the same ties, each with the tie's weight.
    let mut i2 = csv::Reader::from_path(a.path().join("links_i2.csv")).expect("links_i2.csv");
    let h = i2.headers().expect("header").clone();
    let at = |name: &str| h.iter().position(|x| x == name).expect(name);
    let (e1, e2, tw) = (at("entity1"), at("entity2"), at("tie_weight"));
    let mut i2_ties: BTreeMap<(String, String), f64> = BTreeMap::new();
    for r in i2.records() {
        let r = r.expect("row");
        let (x, y) = (r[e1].to_string(), r[e2].to_string());
        let pair = if x < y { (x, y) } else { (y, x) };
        i2_ties.insert(pair, r[tw].parse().expect("tie_weight"));
    }
    let ties = {
        use polars::prelude::*;
        let file = std::fs::File::open(a.path().join("ties.parquet")).expect("ties.parquet");
        ParquetReader::new(file).finish().expect("parquet")
    };
    assert_eq!(ties.height(), i2_ties.len());
    assert!(ties.height() > 100, "{} ties", ties.height());
    let text = |c: &str, i: usize| {
        let v = ties.column(c).expect(c).get(i).expect("cell");
        v.get_str().map_or_else(|| v.to_string(), str::to_string)
    };
    for i in 0..ties.height() {
        let (x, y) = (text("entity1", i), text("entity2", i));
        let pair = if x < y { (x, y) } else { (y, x) };
        let w = i2_ties.get(&pair).expect("the tie is in links_i2.csv");
        let pw: f64 = text("weight", i).parse().expect("weight");
        assert!((pw - w).abs() < 1e-9, "row {i}");
    }
    let graphml = std::fs::read_to_string(a.path().join("network.graphml")).expect("graphml");
    assert!(graphml.starts_with("<?xml") && graphml.trim_end().ends_with("</graphml>"));
    assert_eq!(
        graphml.matches("<node ").count() - graphml.matches(r#"<data key="n_type">place"#).count(),
        985
    );
    let sampled = disrupt()
        .arg("network")
        .arg(&example)
        .args(["--betweenness", "sampled"])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&sampled.stdout).contains("betweenness: sampled"),
        "{}",
        String::from_utf8_lossy(&sampled.stdout)
    );
}

#[test]
fn a_planted_child_s_context_names_every_person_of_concern_and_the_records_behind_them() {
    let (dir, truth) = scenario();
    let (l, a) = analyse(dir.path());
    let n = &truth.networks[0];
    let child = n
        .children
        .iter()
        .find(|c| {
            l.dataset
                .person_by_key(c)
                .is_some_and(|p| p.role == Role::Child)
        })
        .expect("a child");
    let id = |key: &str| l.dataset.person_by_key(key).expect("person").id;
    let key = |p: disrupt::model::PersonId| l.dataset.people[p.index()].key.as_str();
    let c = disrupt::assess::context::context(&l.dataset, &a, id(child)).expect("context");
    let found: BTreeSet<&str> = c.persons_of_concern.iter().map(|p| key(p.person)).collect();
    for p in &n.perpetrators {
        assert!(
            found.contains(p.as_str()),
            "{p} missing from {child}'s context"
        );
    }
    for p in &c.persons_of_concern {
        assert_eq!(p.path.len(), p.hops);
        assert_eq!(p.path[0].from, id(child));
        assert_eq!(p.path.last().map(|h| h.to), Some(p.person));
        assert!(
            p.path
                .iter()
                .all(|h| !h.links.is_empty() || !h.events.is_empty()),
            "every step has its records"
        );
    }
    assert!(
        c.found_at.iter().any(|f| f.place == n.premises),
        "found at the planted premises"
    );
    assert!(c.missing_episodes >= 3);
}

#[test]
fn context_is_for_children_only_and_names_gaps() {
    let (dir, truth) = scenario();
    let (l, a) = analyse(dir.path());
    let poc = l
        .dataset
        .person_by_key(&truth.networks[0].perpetrators[0])
        .expect("person")
        .id;
    let e = disrupt::assess::context::context(&l.dataset, &a, poc).expect_err("not a child");
    assert!(e.contains("not child"), "{e}");
    let lonely = l
        .dataset
        .people
        .iter()
        .filter(|p| p.role == Role::Child)
        .map(|p| disrupt::assess::context::context(&l.dataset, &a, p.id).expect("context"))
        .find(|c| c.trusted_adults.is_empty())
        .expect("some child has no trusted adult recorded");
    assert!(
        lonely
            .gaps
            .contains(&"no trusted adult recorded".to_string())
    );
    let child = truth.networks[0]
        .children
        .iter()
        .find(|c| {
            l.dataset
                .person_by_key(c)
                .is_some_and(|p| p.role == Role::Child)
        })
        .expect("a child");
    let out = disrupt()
        .arg("context")
        .arg(child)
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Analysts see the child by pseudonym; the person_id appears only with a reveal.
    let key = disrupt::privacy::PseudonymKey::from_bytes(crate::support::TEST_KEY.as_bytes(), "t")
        .expect("key");
    let pseudonym = key.pseudonym(child);
    assert_eq!(v["child"], pseudonym.as_str());
    assert!(!String::from_utf8_lossy(&out.stdout).contains(child.as_str()));
    // The pseudonym names the child as well as the person_id does.
    let by_pseudonym = disrupt()
        .arg("context")
        .arg(&pseudonym)
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(by_pseudonym.stdout, out.stdout);
    let revealed = disrupt()
        .arg("context")
        .arg(child)
        .arg(dir.path())
        .args([
            "--format",
            "json",
            "--reveal-names",
            "--purpose",
            "strategy meeting 12 Nov",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&revealed.stdout);
    assert!(text.contains(child.as_str()), "{text}");
}

/// Writes a small dataset: `tables` as `(file, text)`.
#[test]
fn a_peer_group_meets_where_two_of_its_members_are_recorded_and_the_place_score_counts_it() {
    // Three children tied by recorded links form a group. Two of them are found at the
    // take-away within an hour of each other, on two nights: the group meets there (once
    // would be a chance meeting). At the park two members are found a week apart: no
    // meeting.
    let dir = write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nTAKE,takeaway,531000,175000\nPARK,park,532000,176000\n",
        ),
        (
            "people.csv",
            "person_id,role\nC1,child\nC2,child\nC3,child\n",
        ),
        (
            "links.csv",
            "from_id,to_id,kind\nC1,C2,associate\nC2,C3,associate\nC1,C3,associate\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id\n\
             E1,missing_found,2026-03-01T22:00:00,TAKE\n\
             E2,missing_found,2026-03-01T23:00:00,TAKE\n\
             E3,missing_found,2026-03-02T23:00:00,PARK\n\
             E4,missing_found,2026-03-09T23:00:00,PARK\n\
             E5,intelligence,2026-03-05T12:00:00,TAKE\n\
             E6,missing_found,2026-03-04T22:00:00,TAKE\n\
             E7,missing_found,2026-03-04T22:30:00,TAKE\n",
        ),
        (
            "event_people.csv",
            "event_id,person_id,involvement\nE1,C1,subject\nE2,C2,subject\nE3,C1,subject\nE4,C3,subject\nE5,C3,subject\nE6,C1,subject\nE7,C2,subject\n",
        ),
    ]);
    let l = load(dir.path(), &IngestOptions::default()).expect("loads");
    let d = &l.dataset;
    let a = Analysis::run(d, &Settings::default(), None, BetweennessMode::Auto).expect("runs");
    assert_eq!(a.network.peer_groups.groups.len(), 1);
    let score = |key: &str| {
        let p = d.place_by_key(key).expect("place").id;
        a.location.score_of(p).expect("scored").clone()
    };
    let (take, park) = (score("TAKE"), score("PARK"));
    assert_eq!(take.measures.peer_groups, 1);
    // The meeting counts in proportion to the concern about children recorded at the
    // take-away (one ungraded intelligence report there naming a child), and to the
    // children linked to it (up to 1).
    let c = take.measures.child_concern_factor;
    assert!(c > 0.0 && c < 1.0, "{c}");
    let linked = take.measures.children_linked.min(1.0);
    assert!(linked > 0.0, "{:?}", take.measures);
    let want = Settings::default().score.peer_group * c * linked;
    assert!((take.components.peer_groups - want).abs() < 1e-12);
    assert_eq!(park.measures.peer_groups, 0);
    assert!((take.total - take.components.total()).abs() < 1e-12);
    for w in a.location.ranking.windows(2) {
        assert!(w[0].total >= w[1].total, "ranked again after the component");
    }
}

#[test]
fn planted_premises_are_where_planted_peer_groups_meet() {
    let (dir, truth) = scenario();
    let l = load(dir.path(), &IngestOptions::default()).expect("loads");
    let d = &l.dataset;
    let a = Analysis::run(d, &Settings::default(), None, BetweennessMode::Auto).expect("runs");
    for n in &truth.networks {
        let p = d.place_by_key(&n.premises).expect("planted place").id;
        let s = a.location.score_of(p).expect("scored");
        assert!(
            s.measures.peer_groups >= 1,
            "{}: no peer group meets at the planted {}",
            n.id,
            n.premises
        );
    }
}

#[test]
fn every_person_of_concern_s_evidence_is_theirs() {
    let (dir, _) = scenario();
    let (l, a) = analyse(dir.path());
    let d = &l.dataset;
    for s in &a.connections {
        for lk in &s.evidence_links {
            let link = &d.links[lk.index()];
            assert!(link.from == s.person || link.to == s.person);
        }
        // Every event is either the person's own or one of their ties'.
        let own: BTreeSet<_> = d
            .event_people
            .iter()
            .filter(|ep| ep.person == s.person)
            .map(|ep| ep.event)
            .collect();
        for e in &s.evidence_events {
            let via_tie = a
                .network
                .ties()
                .any(|(x, y, t)| (x == s.person || y == s.person) && t.events().contains(e));
            assert!(own.contains(e) || via_tie, "event {e:?} is not theirs");
        }
        assert!(s.top_source_share >= 0.0 && s.top_source_share <= 1.0);
    }
}

/// A missing episode is counted from whichever side was recorded — the report of the
/// child missing or of them being found — and expired records are left out, as
/// everywhere else.
#[test]
fn missing_episodes_count_either_side_of_an_episode_and_leave_expired_records_out() {
    let dir = write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nHOME,residential,531000,175000\nPARK,park,531500,175500\n",
        ),
        ("people.csv", "person_id,role\nK,child\n"),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id,review_by\n\
             F1,missing_found,2026-03-01T20:00:00,PARK,\n\
             F2,missing_found,2026-04-01T20:00:00,PARK,\n\
             F3,missing_found,2026-05-01T20:00:00,PARK,\n\
             M1,missing_from,2026-05-01T12:00:00,HOME,\n\
             OLD,missing_found,2026-01-01T20:00:00,PARK,2026-02-01\n",
        ),
        (
            "event_people.csv",
            "event_id,person_id\nF1,K\nF2,K\nF3,K\nM1,K\nOLD,K\n",
        ),
    ]);
    let (l, a) = analyse(dir.path());
    let k = l.dataset.person_by_key("K").expect("child").id;
    let c = disrupt::assess::context::context(&l.dataset, &a, k).expect("context");
    // Three found reports, one missing report, one expired found report.
    assert_eq!(c.missing_episodes, 3);
    assert_eq!(c.last_found_at.as_deref(), Some("PARK"));
}

/// The report's network diagram draws every person of concern the report lists, however
/// many peer groups they are spread over.
#[test]
fn the_network_diagram_draws_every_listed_person_of_concern() {
    use disrupt::report::report_data::{TOP_PERSONS_OF_CONCERN, network_data};
    let (dir, _) = crate::support::scenario();
    let l = disrupt::ingest::load(dir.path(), &Default::default()).expect("loads");
    let an = disrupt::Analysis::run(
        &l.dataset,
        &disrupt::score::Settings::default(),
        None,
        disrupt::graph::BetweennessMode::Exact,
    )
    .expect("runs");
    let net = network_data(&l.dataset, &an);
    let drawn: std::collections::BTreeSet<_> =
        net.people.0.nodes.iter().map(|n| n.person).collect();
    let listed: Vec<_> = an
        .network
        .connections
        .iter()
        .take(TOP_PERSONS_OF_CONCERN)
        .map(|s| s.person)
        .collect();
    assert!(!listed.is_empty());
    for p in &listed {
        assert!(
            drawn.contains(p),
            "listed person of concern {p:?} is not drawn"
        );
    }
}
