//! The catalogue checked against the law (2026.12.1): one test per correction, each
//! making the rule fire or not as the statute says; the care-status rules for a CAWN and
//! CA 1989 ss.49–50; every tool that turns on a fact the data cannot hold reaching at
//! best "check first"; and a lint that every tool has a source, a jurisdiction and a
//! status, and that no field claims something unchecked while `verify` is false.

use super::toolkit::{Break, dataset_for, for_child, verdict};
use disrupt::toolkit::{Catalogue, Jurisdiction, Status, Verdict};

fn catalogue() -> Catalogue {
    Catalogue::bundled().expect("the bundled catalogue is valid")
}

#[test]
fn v09_the_childs_defence_needs_no_compulsion_and_puts_only_an_evidential_burden() {
    let c = catalogue();
    let t = c.tool("V09").expect("V09");
    assert!(
        !t.imposes.contains("compelled to commit"),
        "compulsion is the adult test (s.45(1)): {}",
        t.imposes
    );
    assert!(t.imposes.contains("s.45(4)") && t.imposes.contains("direct consequence"));
    assert!(t.imposes.contains("Sch 4"), "Sch 4 offences are excluded");
    assert!(t.standard_of_proof.contains("MK v R"));
    assert!(t.sources.iter().any(|s| s == "S51") && t.sources.iter().any(|s| s == "S52"));
    assert!(!t.verify, "checked against the Act and the Court of Appeal");
    // It still fires on a child's trafficking or CCE records, at any age under 18.
    assert_eq!(for_child("V09", 2010, "", ""), Verdict::Holds);
}

#[test]
fn v05_no_care_order_for_a_child_of_17_and_the_threshold_is_attribution() {
    // Born 2012: 13 or 14. Born 2010: 15 or 16. Born 2009: 16 or 17 (check the date of
    // birth). Born 2008: 17 or 18: no order can be made (s.31(3)).
    assert_eq!(for_child("V05", 2012, "", ""), Verdict::Holds);
    assert_eq!(for_child("V05", 2010, "", ""), Verdict::Holds);
    assert_eq!(for_child("V05", 2009, "", ""), Verdict::Unknown);
    assert_eq!(for_child("V05", 2008, "", ""), Verdict::Fails);
    let c = catalogue();
    let t = c.tool("V05").expect("V05");
    assert!(
        t.standard_of_proof.contains("attributable")
            && t.standard_of_proof.contains("beyond parental control")
    );
    assert!(t.evidence_needed.contains("17"));
}

#[test]
fn l08_names_transport_for_london_and_both_licensing_regimes() {
    let c = catalogue();
    let t = c.tool("L08").expect("L08");
    assert!(
        t.legislation
            .contains("Private Hire Vehicles (London) Act 1998")
    );
    assert!(
        t.legislation.contains("Transport for London")
            && t.who_can_apply.contains("Transport for London")
    );
    assert!(t.section.contains("s.62") && t.section.contains("s.16"));
    let dir = dataset_for(t, Break::Nothing).expect("dataset");
    let (v, why) = verdict(t, dir.path());
    assert_eq!(v, Verdict::Unknown, "a licence is never in the data: {why}");
    assert!(why.contains("TfL"), "{why}");
}

#[test]
fn o07_and_o08_list_the_glaa_among_applicants() {
    let c = catalogue();
    for id in ["O07", "O08"] {
        let t = c.tool(id).expect(id);
        assert!(
            t.who_can_apply.contains("GLAA"),
            "{id}: {}",
            t.who_can_apply
        );
        assert!(t.partners.contains(&disrupt::model::Agency::Glaa), "{id}");
    }
}

#[test]
fn l11_surrender_of_property_is_s37_and_no_longer_flagged() {
    let c = catalogue();
    let t = c.tool("L11").expect("L11");
    assert!(t.imposes.contains("s.37"));
    assert!(!t.verify_note.contains("s.37"), "{}", t.verify_note);
}

#[test]
fn v08_cites_the_official_statistics_of_people_exploited_as_children() {
    let c = catalogue();
    let t = c.tool("V08").expect("V08");
    assert!(t.sources.iter().any(|s| s == "S59"));
    assert!(t.evidence_needed.contains("exploited as children"));
    assert!(!t.evidence_needed.contains("Crest"));
}

#[test]
fn england_only_instruments_say_so_and_every_tool_has_a_jurisdiction() {
    let c = catalogue();
    for id in ["V04", "V07", "V10", "X01"] {
        assert_eq!(
            c.tool(id).expect(id).jurisdiction,
            Jurisdiction::England,
            "{id}"
        );
    }
    assert!(
        c.tool("V04").expect("V04").legislation.contains("s.119"),
        "Wales: SSWBA 2014 s.119"
    );
    let both = c
        .tools
        .iter()
        .filter(|t| t.jurisdiction == Jurisdiction::EnglandAndWales)
        .count();
    assert!(
        both > 40,
        "most of the catalogue is the law of England and Wales: {both}"
    );
}

#[test]
fn l04_counts_the_sexual_offences_s116_lists_not_labour_trafficking() {
    let c = catalogue();
    let t = c.tool("L04").expect("L04");
    let ec = t.applies.events.as_ref().expect("evidence condition");
    assert!(
        !ec.categories.iter().any(|x| x == "trafficking"),
        "{:?}",
        ec.categories
    );
    assert!(ec.categories.iter().any(|x| x == "cse"));
    // A labour-trafficking incident at a hotel, in the day, no child: not s.116.
    let dir = crate::support::write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nH,hotel,531000,175000\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id,category\nE1,incident,2026-06-20T12:00:00,H,trafficking\nLAST,sighting,2026-06-30T12:00:00,H,\n",
        ),
        ("people.csv", "person_id,role\nKID,child\nPOC,perpetrator\n"),
    ]);
    assert_eq!(verdict(t, dir.path()).0, Verdict::Fails);
}

#[test]
fn l03_covers_premises_likely_to_be_used() {
    let c = catalogue();
    let t = c.tool("L03").expect("L03");
    assert!(
        t.evidence_needed.contains("likely to be used") && t.evidence_needed.contains("136D(7A)")
    );
    assert!(
        t.applies.indicators.is_some(),
        "likely use is shown by indicators, not only categories"
    );
}

#[test]
fn care_status_decides_abduction_of_a_child_in_care_and_recovery_orders() {
    // s.49 and s.50: a care order (interim included), an EPO or police protection.
    for id in ["O03", "V03"] {
        for status in [
            "care_order",
            "interim_care_order",
            "epo",
            "police_protection",
        ] {
            assert_eq!(
                for_child(id, 2011, "", status),
                Verdict::Holds,
                "{id} {status}"
            );
        }
        assert_eq!(
            for_child(id, 2011, "true", "s20_accommodated"),
            Verdict::Fails,
            "{id}: s.20 is not enough"
        );
        assert_eq!(for_child(id, 2011, "true", "none"), Verdict::Fails, "{id}");
        assert_eq!(
            for_child(id, 2011, "true", ""),
            Verdict::Unknown,
            "{id}: looked after, status to check"
        );
        assert_eq!(for_child(id, 2011, "false", ""), Verdict::Fails, "{id}");
    }
    // The check names what to check and with whom.
    let c = catalogue();
    let t = c.tool("O03").expect("O03");
    let dir = crate::support::write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nH,hotel,531000,175000\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id\nLAST,sighting,2026-06-30T12:00:00,H\n",
        ),
        (
            "people.csv",
            "person_id,role,birth_year,looked_after,care_status\nKID,child,2011,true,\nPOC,perpetrator,1990,,\n",
        ),
    ]);
    let (v, why) = verdict(t, dir.path());
    assert_eq!(v, Verdict::Unknown);
    assert!(
        why.contains("a care order")
            && why.contains("s.20")
            && why.contains("Children's Social Care"),
        "{why}"
    );
}

#[test]
fn a_care_status_that_contradicts_looked_after_is_quarantined_with_its_reason() {
    let dir = crate::support::write_dataset(&[
        (
            "places.csv",
            "place_id,kind,easting,northing\nH,hotel,531000,175000\n",
        ),
        (
            "events.csv",
            "event_id,kind,occurred_at,place_id\nE,sighting,2026-06-30T12:00:00,H\n",
        ),
        (
            "people.csv",
            "person_id,role,looked_after,care_status\nA,child,false,care_order\nB,child,,s20_accommodated\nC,child,true,epo\nD,child,,adopted\n",
        ),
    ]);
    let l = disrupt::ingest::load(dir.path(), &disrupt::ingest::IngestOptions::default())
        .expect("loads");
    let d = &l.dataset;
    assert!(
        d.person_by_key("A").is_none(),
        "care order but not looked after"
    );
    assert!(d.person_by_key("D").is_none(), "unknown status");
    let b = d.person_by_key("B").expect("B");
    assert_eq!(
        b.looked_after,
        Some(true),
        "s.20 accommodation is looked after (s.22(1))"
    );
    assert_eq!(
        d.person_by_key("C").expect("C").care_status,
        Some(disrupt::model::CareStatus::Epo)
    );
    let reasons = format!("{:?}", l.quarantine);
    assert!(
        reasons.contains("contradicts looked_after") && reasons.contains("unknown value"),
        "{reasons}"
    );
}

#[test]
fn every_tool_that_turns_on_an_unrecorded_fact_is_at_best_check_first() {
    let c = catalogue();
    for id in [
        "O05", "O06", "O09", "O14", "L07", "L13", "L08", "L12", "L17", "L18", "V13",
    ] {
        assert!(
            !c.tool(id).expect(id).applies.unrecorded.is_empty(),
            "{id} turns on a fact the data cannot hold"
        );
    }
    let mut checked = 0;
    for t in c.tools.iter().filter(|t| !t.applies.unrecorded.is_empty()) {
        let dir = dataset_for(t, Break::Nothing).expect("dataset");
        let (v, why) = verdict(t, dir.path());
        assert_eq!(
            v,
            Verdict::Unknown,
            "{}: every recorded condition met, still only to check: {why}",
            t.id
        );
        checked += 1;
    }
    assert!(checked >= 11);
}

/// Fields that admit a fact is unchecked.
const UNCHECKED: [&str; 4] = ["unverified", "not checked", "not read", "unconfirmed"];

#[test]
fn catalogue_lint_sources_jurisdiction_status_and_honest_verify_flags() {
    let c = catalogue();
    for t in &c.tools {
        assert!(!t.sources.is_empty(), "{}: a source key", t.id);
        for s in &t.sources {
            assert!(c.sources.contains_key(s), "{}: {s} defined", t.id);
        }
        // Jurisdiction and status are typed: present by construction; say so in words.
        assert!(!t.jurisdiction.in_words().is_empty());
        if matches!(
            t.status,
            Status::EnactedCommencementUnconfirmed | Status::PilotEnded
        ) {
            assert!(
                t.verify,
                "{}: a tool not confirmed in force is flagged",
                t.id
            );
        }
        assert_eq!(
            t.verify,
            !t.verify_note.trim().is_empty(),
            "{}: verify and its note agree",
            t.id
        );
        let fields = [
            &t.legislation,
            &t.section,
            &t.who_can_apply,
            &t.standard_of_proof,
            &t.imposes,
            &t.duration,
            &t.evidence_needed,
        ];
        for f in fields {
            let admits = UNCHECKED.iter().any(|w| f.to_lowercase().contains(w));
            assert!(
                !admits || t.verify,
                "{}: '{f}' admits something unchecked but verify = false",
                t.id
            );
        }
        if t.applies.indicators.is_some() {
            assert!(
                t.applies.events.is_some(),
                "{}: indicators only raise a failed evidence condition",
                t.id
            );
        }
    }
    // The lint is enforced on load too: a note with verify = false is refused.
    let bad = disrupt::toolkit::catalogue::BUNDLED.replacen(
        "verify = false\nverify_note = \"\"",
        "verify = false\nverify_note = \"stale\"",
        1,
    );
    assert!(Catalogue::from_toml(&bad).is_err());
    // The local rule is a setting, shown as local procedure, never as law.
    let rule = c
        .local
        .looked_after_rule()
        .expect("the bundled partnership sets one");
    assert!(rule.contains("local procedure (not law)") && rule.contains("Deputy Director"));
    let no_local = disrupt::toolkit::catalogue::BUNDLED.replace(
        "[local]\nlooked_after_agreement = \"Deputy Director of Children's Social Care\"",
        "",
    );
    assert!(
        Catalogue::from_toml(&no_local)
            .expect("valid")
            .local
            .looked_after_rule()
            .is_none()
    );
}

/// Agencies are a vocabulary: a catalogue naming one outside it is refused with the
/// agencies it may name, and every bundled tool's lead and partners read back by name.
#[test]
fn a_catalogue_names_only_known_agencies() {
    let bad = disrupt::toolkit::catalogue::BUNDLED.replacen(
        "lead_agency = \"Police\"",
        "lead_agency = \"Polis\"",
        1,
    );
    let e = Catalogue::from_toml(&bad)
        .expect_err("an unknown agency")
        .to_string();
    assert!(e.contains("'Polis'"), "{e}");
    assert!(e.contains("Police, ASB, Licensing"), "{e}");
    for t in &catalogue().tools {
        let name = t.lead_agency.as_str();
        assert_eq!(disrupt::model::Agency::parse(name), Some(t.lead_agency));
    }
}
