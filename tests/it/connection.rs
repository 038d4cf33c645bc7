//! The person-of-concern connection score on hand-built networks, legacy gradings, and
//! network-only datasets (people and links, nothing located).

use crate::support::{analysed, connection_of, disrupt, stdout_ok, write_dataset};
use disrupt::ingest::Loaded;
use disrupt::score::{ConnectionScore, Settings};

fn scores(tables: &[(&str, &str)]) -> (Loaded, Vec<ConnectionScore>) {
    let (l, an) = analysed(tables);
    (l, an.network.connections)
}

fn of<'a>(l: &Loaded, s: &'a [ConnectionScore], key: &str) -> &'a ConnectionScore {
    connection_of(l, s, key)
}

const NO_PLACES: [(&str, &str); 2] = [
    ("places.csv", "place_id,kind,lat,lon\n"),
    ("events.csv", "event_id,kind,occurred_at,place_id\n"),
];

/// Graded intelligence that an adult is in contact with a child is reach in full: the
/// grading says how sure the record is, not how far the contact reaches.
#[test]
fn a_contact_link_graded_2c_reaches_the_child_in_full() {
    let mut t = NO_PLACES.to_vec();
    t.push(("people.csv", "person_id,role\nX1,perpetrator\nK1,child\n"));
    t.push((
        "links.csv",
        "from_id,to_id,kind,grading,source\nX1,K1,contact,2C,rhi_provider\n",
    ));
    let (l, s) = scores(&t);
    let x1 = of(&l, &s, "X1");
    let k = Settings::default().connection;
    // 0.6 (contact), its grading (2C, 0.42) given back, over the reach weight 0.5.
    let strength = (0.6 / k.reach_weight).min(1.0);
    assert_eq!(strength, 1.0);
    assert!(
        (x1.components.children_direct - k.child_direct * strength).abs() < 1e-9,
        "{x1:?}"
    );
    assert_eq!(x1.children_direct.len(), 1);
}

#[test]
fn the_organiser_holding_the_links_ranks_above_members_present_at_more_events() {
    // X0 holds associate links to every member and contact links (2C, from return home
    // interviews) to the children; the members are recorded with children at a park.
    let mut people = String::from(
        "person_id,role\nX0,perpetrator\nX1,perpetrator\nX2,perpetrator\nX3,perpetrator\n",
    );
    let mut links = String::from("from_id,to_id,kind,grading,source\n");
    let mut events = String::from("event_id,kind,occurred_at,place_id\n");
    let mut ep = String::from("event_id,person_id,involvement\n");
    for m in 1..=3 {
        links.push_str(&format!("X0,X{m},associate,2C,intel\n"));
    }
    for c in 1..=6 {
        people.push_str(&format!("K{c},child\n"));
        links.push_str(&format!("X0,K{c},contact,2C,rhi_provider\n"));
        let m = 1 + c % 3;
        events.push_str(&format!(
            "S{c},sighting,2026-06-{:02}T22:00:00,PARK\n",
            c + 1
        ));
        ep.push_str(&format!("S{c},K{c},subject\nS{c},X{m},associate\n"));
    }
    let tables = [
        (
            "places.csv",
            "place_id,kind,easting,northing\nPARK,park,531000,175000\n",
        ),
        ("events.csv", events.as_str()),
        ("people.csv", people.as_str()),
        ("event_people.csv", ep.as_str()),
        ("links.csv", links.as_str()),
    ];
    let (l, s) = scores(&tables);
    let x0 = of(&l, &s, "X0");
    assert_eq!(
        x0.rank,
        1,
        "{:#?}",
        s.iter()
            .map(|c| (c.person, c.total, c.components))
            .collect::<Vec<_>>()
    );
    assert_eq!(x0.persons_of_concern_tied.len(), 3);
    assert!(
        x0.components.persons_of_concern_tied > of(&l, &s, "X1").components.persons_of_concern_tied
    );
}

#[test]
fn a_network_only_dataset_runs_network_and_analyse_and_says_what_was_skipped() {
    let dir = write_dataset(&[
        (
            "people.csv",
            "person_id,role\nX1,perpetrator\nX2,perpetrator\nX3,perpetrator\n",
        ),
        (
            "links.csv",
            "from_id,to_id,kind,grading\nX1,X2,contact,2B\nX1,X3,associate,\nX2,X3,contact,1AP\n",
        ),
    ]);
    for cmd in ["network", "analyse"] {
        let out = tempfile::tempdir().expect("out");
        let o = disrupt()
            .arg(cmd)
            .arg(dir.path())
            .args(["--as-of", "2026-06-30", "--out"])
            .arg(out.path())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{cmd}: {stderr}");
        assert!(
            stderr.contains("location stages") && stderr.contains("skipped"),
            "{cmd}: {stderr}"
        );
        let run: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join("run.json")).expect("run.json"))
                .expect("json");
        assert_eq!(
            run["location_stages"], "skipped_no_locations",
            "{cmd}: {run}"
        );
        assert!(
            run["location_note"]
                .as_str()
                .is_some_and(|n| n.contains("hotspot_places"))
        );
        let people = std::fs::read_to_string(out.path().join("people.csv")).expect("people");
        assert_eq!(
            people.lines().count(),
            4,
            "a header and the three people: {people}"
        );
        if cmd == "analyse" {
            let report = std::fs::read_to_string(out.path().join("report.html")).expect("report");
            assert!(report.contains("location stages"), "the report says so");
        }
    }
}

#[test]
fn two_character_gradings_are_counted_and_5x5x5_codes_are_rejected_with_a_hint() {
    let out = tempfile::tempdir().expect("out");
    let dir = write_dataset(&[
        (
            "people.csv",
            "person_id,role\nX1,perpetrator\nX2,perpetrator\nK1,child\n",
        ),
        (
            "links.csv",
            "from_id,to_id,kind,grading,handling\nX1,X2,associate,2B,\nX1,K1,contact,3D,P\nX2,K1,contact,B2,\nK1,X2,associate,2BP,\n",
        ),
    ]);
    stdout_ok(
        disrupt()
            .arg("check")
            .arg(dir.path())
            .args(["--as-of", "2026-06-30", "--out"])
            .arg(out.path()),
    );
    let check: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("check.json")).expect("check.json"))
            .expect("json");
    let links = &check["tables"]["links"];
    assert_eq!(links["accepted"], 3);
    assert_eq!(links["rejected"], 1);
    assert_eq!(links["legacy_gradings"]["rows"], 2);
    assert_eq!(links["legacy_gradings"]["handling_assumed_c"], 1);
    assert!(
        links["notes"].to_string().contains("treated as C"),
        "{links}"
    );
    let rejected =
        std::fs::read_to_string(out.path().join("rejected/links.csv")).expect("rejected");
    assert!(
        rejected.contains("5x5x5") && rejected.contains("re-evaluated"),
        "{rejected}"
    );
}

/// Position among persons of concern counts ties to adults around the same children:
/// X0 is linked to X1, and both are in contact with the child K1; X0 is also linked to
/// five adults who share no child with it. Only the tie to X1 counts, so knowing many
/// adults of concern is not, alone, a safeguarding concern.
#[test]
fn persons_of_concern_tied_counts_adults_around_the_same_children() {
    let mut people = String::from("person_id,role\nX0,perpetrator\nX1,perpetrator\nK1,child\n");
    let mut links = String::from(
        "from_id,to_id,kind,source\nX0,X1,associate,intel\nX0,K1,contact,intel\nX1,K1,contact,intel\n",
    );
    for i in 1..=5 {
        people.push_str(&format!("Y{i},perpetrator\n"));
        links.push_str(&format!("X0,Y{i},co_offender,police\n"));
    }
    let mut t = NO_PLACES.to_vec();
    t.push(("people.csv", &people));
    t.push(("links.csv", &links));
    let (l, s) = scores(&t);
    let x0 = of(&l, &s, "X0");
    let k = Settings::default().connection;
    let tied: Vec<&str> = x0
        .persons_of_concern_tied
        .iter()
        .map(|p| l.dataset.people[p.index()].key.as_str())
        .collect();
    assert_eq!(tied, ["X1"], "{x0:?}");
    // An ungraded associate link (0.8) over the reach weight 0.5 is a full tie, and the
    // two share one child in full.
    assert!((x0.components.persons_of_concern_tied - k.person_of_concern_tied).abs() < 1e-9);
    // The five adults with no child are tied to no one in position either.
    assert_eq!(of(&l, &s, "Y1").components.persons_of_concern_tied, 0.0);
}
