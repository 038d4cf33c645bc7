//! Assessments, plan review and evaluation: worked examples by hand, reference values
//! from scipy, and snapshots of a full location assessment of the example borough's
//! planted hotel.

use crate::support::disrupt;
use disrupt::assess::stats::rate_ratio;
use std::path::Path;

fn write(dir: &Path, tables: &[(&str, String)]) {
    for (f, t) in tables {
        std::fs::write(dir.join(f), t).expect("write");
    }
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let o = disrupt()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn rate_ratio_intervals_match_scipy() {
    #[derive(serde::Deserialize)]
    struct Case {
        a: u64,
        ta: f64,
        b: u64,
        tb: f64,
        ratio: Option<f64>,
        low: f64,
        high: Option<f64>,
    }
    #[derive(serde::Deserialize)]
    struct Fixture {
        cases: Vec<Case>,
    }
    let path = crate::support::fixtures().join("stats/rate_ratio.json");
    let f: Fixture = serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json");
    for c in &f.cases {
        let r = rate_ratio(c.a, c.ta, c.b, c.tb, 0.95);
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * y.abs().max(1.0);
        assert_eq!(r.ratio.is_some(), c.ratio.is_some());
        if let (Some(x), Some(y)) = (r.ratio, c.ratio) {
            assert!(close(x, y), "{}:{} ratio {x} vs {y}", c.a, c.b);
        }
        assert!(
            close(r.low, c.low),
            "{}:{} low {} vs {}",
            c.a,
            c.b,
            r.low,
            c.low
        );
        match (r.high, c.high) {
            (Some(x), Some(y)) => assert!(close(x, y), "{}:{} high {x} vs {y}", c.a, c.b),
            (None, None) => {}
            other => panic!("{}:{} high {other:?}", c.a, c.b),
        }
    }
}

/// A hotel (the target), a take-away 200 m away (in the 400 m buffer) and a shop 5 km
/// away (control); an action at the hotel on 1 April 2026; 90 days either side.
fn evaluation_case(dir: &Path) {
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut add = |prefix: &str, place: &str, n: usize, month: u32| {
        for i in 0..n {
            let day = 1 + (i % 27) as u32;
            events.push_str(&format!(
                "{prefix}{month}-{i},incident,2026-{month:02}-{day:02}T20:00:00,{place}\n"
            ));
        }
    };
    // Before: January to March (90 days); after: April to June (90 days).
    add("T", "HOTEL", 10, 2);
    add("T", "HOTEL", 4, 5);
    add("B", "TAKE", 6, 2);
    add("B", "TAKE", 9, 5);
    add("C", "SHOP", 50, 1);
    add("C", "SHOP", 50, 5);
    // After the window, so the data runs past it.
    events.push_str("LAST,incident,2026-07-20T12:00:00,SHOP\n");
    write(
        dir,
        &[
            (
                "places.csv",
                "place_id,kind,easting,northing\nHOTEL,hotel,531000,175000\nTAKE,takeaway,531200,175000\nSHOP,shop,536000,179000\n".into(),
            ),
            ("events.csv", events),
            (
                "actions.csv",
                "action_id,tool_id,target_type,target_id,agency,started_on,status\nA1,L04,location,HOTEL,Police,2026-04-01,active\n".into(),
            ),
        ],
    );
}

#[test]
fn evaluation_worked_example_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    evaluation_case(dir.path());
    let v = run_json(&["evaluate", "A1", dir.path().to_str().expect("utf8")]);
    // Counts: target 10 → 4, buffer 6 → 9, control 50 → 50.
    for (area, before, after) in [("target", 10, 4), ("buffer", 6, 9), ("control", 50, 50)] {
        assert_eq!(v[area]["before"], before, "{area}");
        assert_eq!(v[area]["after"], after, "{area}");
    }
    // Both periods are 90 days, so per-day rates compare as counts do:
    // success measure = 4/50 − 10/50 = −0.12; buffer displacement = 9/50 − 6/50 = 0.06;
    // WDQ = 0.06 / −0.12 = −0.5: some displacement, less than the benefit.
    let close = |x: &serde_json::Value, y: f64| (x.as_f64().expect("number") - y).abs() < 1e-12;
    assert!(close(&v["wdq"]["success_measure"], -0.12), "{}", v["wdq"]);
    assert!(close(&v["wdq"]["buffer_displacement"], 0.06));
    assert!(close(&v["wdq"]["wdq"], -0.5));
    assert!(
        v["reading"]
            .as_str()
            .expect("reading")
            .contains("net benefit")
    );
    // Every event weighs the same (ungraded incidents), so the weighted WDQ agrees.
    assert!(close(&v["wdq_weighted"]["wdq"], -0.5));
    // The target's rate ratio, 4/10, with the exact interval of R's poisson.test(c(4, 10)).
    assert!(close(&v["rate_ratios"]["target"]["ratio"], 0.4));
    let r = rate_ratio(4, 90.0, 10, 90.0, 0.95);
    assert!(close(&v["rate_ratios"]["target"]["low"], r.low));
    assert!(
        v["notes"].as_array().expect("notes").is_empty(),
        "{}",
        v["notes"]
    );
}

#[test]
fn evaluation_refuses_an_action_with_no_start() {
    let dir = tempfile::tempdir().expect("dir");
    evaluation_case(dir.path());
    std::fs::write(
        dir.path().join("actions.csv"),
        "action_id,target_type,target_id\nA2,location,HOTEL\n",
    )
    .expect("w");
    let o = disrupt()
        .args(["evaluate", "A2", dir.path().to_str().expect("utf8")])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no started_on"));
}

#[test]
fn plan_review_flags_reliance_on_the_child_and_looked_after_children() {
    let dir = tempfile::tempdir().expect("dir");
    write(
        dir.path(),
        &[
            ("places.csv", "place_id,kind,licensed,easting,northing\nH,hotel,true,531000,175000\n".into()),
            (
                "people.csv",
                "person_id,role,birth_year,looked_after\nC1,child,2011,true\nC2,child,2012,false\nX,perpetrator,1990,\n".into(),
            ),
            (
                "events.csv",
                "event_id,kind,occurred_at,place_id,category\nE1,missing_found,2026-05-01T23:00:00,H,cse\nE2,intelligence,2026-05-03T23:00:00,H,cse\n".into(),
            ),
            ("event_people.csv", "event_id,person_id\nE1,C1\nE2,X\nE2,C1\n".into()),
            (
                "actions.csv",
                "action_id,tool_id,target_type,target_id,agency,started_on\n\
                 A1,V07,victim,C1,Children's social care,2026-05-02\n\
                 A2,V10,victim,C1,Children's social care,2026-05-02\n\
                 A3,V10,victim,C2,Children's social care,\n"
                    .into(),
            ),
        ],
    );
    let v = run_json(&["review", dir.path().to_str().expect("utf8")]);
    assert_eq!(v["balance"]["victim"], 3);
    assert_eq!(v["balance"]["relies_on_child"], true);
    assert_eq!(v["looked_after"], 1);
    assert_eq!(
        v["actions_needing_agreement"],
        serde_json::json!(["A1", "A2"])
    );
    // The agreement is the partnership's local procedure, said so, not law.
    let rule = v["looked_after_rule"]
        .as_str()
        .expect("the bundled local rule");
    assert!(rule.starts_with("local procedure (not law)"), "{rule}");
    // C1's return on 1 May at 23:00: no same-day contact; the 72 hours for the return
    // home interview have not passed by the as-of date (3 May), so that is no gap yet.
    assert_eq!(v["returns"]["returns"], 1);
    assert_eq!(v["returns"]["without_same_day_contact"], 1);
    assert_eq!(v["returns"]["without_return_interview"], 0);
    let gaps = v["returns"]["gaps"].to_string();
    assert!(gaps.contains("E1") && gaps.contains("same-day"), "{gaps}");
    assert!(
        v["findings"].to_string().contains("same-day contact"),
        "{}",
        v["findings"]
    );
    // Tools on the person of concern and the hotel are not in the plan.
    let unused: Vec<&str> = v["unused_tools"]
        .as_array()
        .expect("unused")
        .iter()
        .map(|u| u["id"].as_str().expect("id"))
        .collect();
    assert!(unused.contains(&"L04"), "{unused:?}");
    assert!(unused.contains(&"O01"), "{unused:?}");
    assert!(
        v["missing_partners"]
            .as_array()
            .expect("partners")
            .contains(&"Police".into())
    );
    // A3 has no start date: no outcome measure.
    let unmeasured: Vec<&str> = v["unmeasured"]
        .as_array()
        .expect("unmeasured")
        .iter()
        .map(|u| u["action"].as_str().expect("action"))
        .collect();
    assert!(unmeasured.contains(&"A3"));
}

#[test]
fn tools_list_filters_by_target_and_place_kind() {
    let o = disrupt()
        .args(["tools", "--place-kind", "hotel", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let ids: Vec<&str> = v["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .map(|t| t["id"].as_str().expect("id"))
        .collect();
    assert!(ids.contains(&"L04"), "{ids:?}");
    assert!(
        !ids.contains(&"L12"),
        "absolute possession is for homes: {ids:?}"
    );
    assert!(
        ids.iter()
            .all(|id| id.starts_with('L') || id.starts_with('X'))
    );
    let o = disrupt()
        .args(["tools", "--target", "offender"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("O01") && !text.contains("L04"));
    assert!(
        !text.contains("O13"),
        "a pilot that ended is left out without --all"
    );
    let o = disrupt()
        .args(["tools", "--target", "offender", "--all"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&o.stdout).contains("O13  Knife Crime Prevention Order"));
}

/// The example borough's planted hotel, assessed for an audience, as Markdown.
fn hotel_assessment(audience: &str) -> String {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let o = disrupt()
        .args(["assess", "place", "PL00488"])
        .arg(&example)
        .args(["--audience", audience])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf8")
}

#[test]
fn the_planted_hotel_s_assessment_for_analysts() {
    let md = hotel_assessment("analyst");
    for must in [
        "L04",
        "L05",
        "Hotel/B&B guest information notice",
        "Reflective questions",
    ] {
        assert!(md.contains(must), "{must} missing");
    }
    insta::assert_snapshot!("hotel_assessment_analyst", md);
}

#[test]
fn the_planted_hotel_s_assessment_for_partners() {
    let md = hotel_assessment("partner");
    assert!(!md.contains("Timeline:"), "no event list for partners");
    assert!(!md.contains("P-"), "no pseudonyms for partners");
    insta::assert_snapshot!("hotel_assessment_partner", md);
}

/// Initials go to the strategy audience only (README, Who sees what): analysts see a
/// group's children and peers by pseudonym, as everywhere else in their outputs.
#[test]
fn a_group_assessment_shows_initials_to_strategy_and_pseudonyms_to_analysts() {
    let (data, _) = crate::support::scenario();
    let l = disrupt::ingest::load(data.path(), &disrupt::ingest::IngestOptions::default())
        .expect("loads");
    let key = disrupt::privacy::PseudonymKey::from_bytes(crate::support::TEST_KEY.as_bytes(), "t")
        .expect("key");
    for audience in ["analyst", "strategy"] {
        let v = run_json(&[
            "assess",
            "group",
            "G1",
            data.path().to_str().expect("utf8"),
            "--audience",
            audience,
        ]);
        let shown: Vec<&str> = ["children_initials", "peers_initials"]
            .iter()
            .flat_map(|k| v[k].as_array().expect("members").iter())
            .map(|x| x.as_str().expect("text"))
            .collect();
        assert!(!shown.is_empty());
        for label in shown {
            let p = l
                .dataset
                .people
                .iter()
                .find(|p| label.ends_with(&key.pseudonym(&p.key)))
                .expect("a pseudonym of someone");
            let pseudonym = key.pseudonym(&p.key);
            let expected = if audience == "strategy" {
                let ini =
                    disrupt::privacy::audience::initials(p.display_name.as_deref().expect("named"))
                        .expect("initials");
                format!("{ini} {pseudonym}")
            } else {
                pseudonym
            };
            assert_eq!(label, expected, "{audience}");
        }
    }
}

/// The regression: the analyst report's peer-group section listed children's initials.
#[test]
fn the_analyst_report_shows_no_initials_and_the_strategy_report_does() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let l =
        disrupt::ingest::load(&example, &disrupt::ingest::IngestOptions::default()).expect("loads");
    let key = disrupt::privacy::PseudonymKey::from_bytes(crate::support::TEST_KEY.as_bytes(), "t")
        .expect("key");
    let labelled: Vec<String> = l
        .dataset
        .people
        .iter()
        .filter(|p| {
            matches!(
                p.role,
                disrupt::model::Role::Child | disrupt::model::Role::Peer
            )
        })
        .filter_map(|p| {
            let ini = disrupt::privacy::audience::initials(p.display_name.as_deref()?)?;
            Some(format!("{ini} {}", key.pseudonym(&p.key)))
        })
        .collect();
    assert!(!labelled.is_empty(), "the example names its children");
    let mut found = std::collections::BTreeMap::new();
    for audience in ["analyst", "strategy"] {
        let out = tempfile::tempdir().expect("dir");
        crate::support::stdout_ok(
            disrupt()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["analyse", "--out"])
                .arg(out.path())
                .args(["--audience", audience]),
        );
        let mut text = std::fs::read_to_string(out.path().join("report.html")).expect("report");
        for f in std::fs::read_dir(out.path().join("assessments")).expect("assessments") {
            text.push_str(&std::fs::read_to_string(f.expect("entry").path()).expect("read"));
        }
        let n = labelled
            .iter()
            .filter(|x| text.contains(x.as_str()))
            .count();
        found.insert(audience, n);
    }
    assert_eq!(found["analyst"], 0, "initials in the analyst outputs");
    assert!(found["strategy"] > 0, "no initials in the strategy outputs");
}

/// A dataset with no actions gets a plan review that says so, with "none" where a list
/// is empty, not empty tables.
#[test]
fn a_plan_review_without_actions_says_there_is_no_plan() {
    let dir = crate::support::write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nA,park,531000,175000\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id\nE1,sighting,2026-03-01T10:00:00,A\n",
        ),
    ]);
    let md = crate::support::stdout_ok(disrupt().arg("review").arg(dir.path()));
    assert!(md.contains("no actions are recorded"), "{md}");
    assert!(!md.contains("| tool | acts on"), "{md}");
    assert!(md.contains("- In the plan: none"), "{md}");
    assert!(
        md.contains("## Actions without an outcome measure\n\nNone."),
        "{md}"
    );
}

/// A place whose records grow month by month is "rising" in its assessment, with the
/// Mann–Kendall numbers; a place with the same records every month is "steady". (The
/// records are CCE incidents naming no one: harm about children by what it is, so their
/// intensity counts.)
#[test]
fn the_assessment_says_whether_a_place_is_rising() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().expect("dir");
    let mut events = String::from("event_id,kind,occurred_at,place_id,category\n");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    for step in 0..12i64 {
        // Step 0 is the oldest 30 days; each step ends 30 days after the one before.
        let end = as_of - chrono::Duration::days(30 * (11 - step));
        for k in 0..=step {
            let day = end - chrono::Duration::days(1 + k % 25);
            let _ = writeln!(events, "R{step}-{k},incident,{day}T22:00:00,RISE,cce");
        }
        for k in 0..3 {
            let day = end - chrono::Duration::days(2 + 7 * k);
            let _ = writeln!(events, "S{step}-{k},incident,{day}T22:00:00,FLAT,cce");
        }
    }
    write(
        dir.path(),
        &[
            (
                "places.csv",
                "place_id,kind,easting,northing\nRISE,takeaway,531000,175000\nFLAT,takeaway,533000,177000\n"
                    .to_string(),
            ),
            ("events.csv", events),
        ],
    );
    let data = dir.path().to_str().expect("utf-8");
    let trend = |place: &str| {
        let v = run_json(&["assess", "place", place, data, "--as-of", "2026-06-30"]);
        v["trend"].clone()
    };
    let rise = trend("RISE");
    assert_eq!(rise["direction"], "rising", "{rise}");
    assert_eq!(rise["steps"], 12);
    assert!(rise["z"].as_f64().expect("z") > 1.96, "{rise}");
    assert!(rise["slope"].as_f64().expect("slope") > 0.0, "{rise}");
    let flat = trend("FLAT");
    assert_eq!(flat["direction"], "steady", "{flat}");
}
