//! The tool catalogue and its rules: every condition of every tool fires on a minimal
//! dataset built to meet it, and stops firing when that one condition is broken; the
//! Child Abduction Warning Notice's age and care rules by hand.

use disrupt::ingest::{IngestOptions, load};
use disrupt::model::{AsOf, CareStatus, PersonId, PlaceId};
use disrupt::toolkit::{AgeCare, Catalogue, Subject, Tool, ToolTarget, Verdict, consider};
use std::fmt::Write;

const AS_OF_YEAR: i32 = 2026;

fn as_of() -> IngestOptions {
    IngestOptions {
        as_of: Some(AsOf(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
        )),
    }
}

/// A birth year that makes a person certainly meet `a` (whole years at 30 June 2026 can
/// be `2026 − year − 1` or `2026 − year`).
fn birth_year_meeting(a: &AgeCare) -> i32 {
    match (a.min_age, a.max_age) {
        (_, Some(hi)) => AS_OF_YEAR - hi,
        (Some(lo), None) => AS_OF_YEAR - lo - 1,
        (None, None) => AS_OF_YEAR - 40,
    }
}

/// A birth year that makes a person certainly fail every alternative's age, if one can.
fn birth_year_failing(alts: &[AgeCare]) -> Option<i32> {
    // Try ages 0..=90 and keep one that is outside every alternative's range for sure.
    (0..=90).find_map(|age: i32| {
        let year = AS_OF_YEAR - age;
        let (youngest, oldest) = (age - 1, age);
        let outside = alts.iter().all(|a| {
            a.min_age.is_some_and(|lo| oldest < lo) || a.max_age.is_some_and(|hi| youngest > hi)
        });
        outside.then_some(year)
    })
}

/// What to break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Break {
    Nothing,
    PlaceKind,
    Licensed,
    Evidence,
    Child,
    Person,
}

/// A dataset in which `tool`'s conditions hold (or, with `broken`, all but one), and the
/// subject to consider.
pub(crate) fn dataset_for(tool: &Tool, broken: Break) -> Option<tempfile::TempDir> {
    let c = &tool.applies;
    let dir = tempfile::tempdir().expect("dir");
    let kind = match (c.place_kinds.first(), broken) {
        (Some(_), Break::PlaceKind) => disrupt::model::PlaceKind::ALL
            .iter()
            .find(|k| !c.place_kinds.contains(k))
            .copied()?,
        (Some(k), _) => *k,
        (None, _) => disrupt::model::PlaceKind::Hotel,
    };
    let licensed = match (c.licensed, broken) {
        (Some(l), Break::Licensed) => (!l).to_string(),
        (Some(l), _) => l.to_string(),
        (None, _) => String::new(),
    };
    std::fs::write(
        dir.path().join("places.csv"),
        format!("place_id,kind,licensed,easting,northing\nHERE,{kind},{licensed},531000,175000\n"),
    )
    .expect("w");
    // (birth year, looked_after, care_status) for a person meeting (or failing) `alts`.
    let person_year =
        |alts: &[AgeCare], fail: bool, default: &str| -> Option<(String, String, String)> {
            if alts.is_empty() {
                return Some((default.into(), String::new(), String::new()));
            }
            if fail {
                // Fail on age when an age can fail them all, else on care.
                if let Some(y) = birth_year_failing(alts) {
                    let la = alts
                        .iter()
                        .find_map(|a| a.looked_after)
                        .map(|l| (!l).to_string());
                    return Some((y.to_string(), la.unwrap_or_default(), String::new()));
                }
                let a = alts
                    .iter()
                    .find(|a| a.looked_after.is_some() || !a.care_status.is_empty())?;
                let la = a.looked_after.map(|l| (!l).to_string()).unwrap_or_default();
                let cs = CareStatus::ALL
                    .iter()
                    .find(|s| !a.care_status.is_empty() && !a.care_status.contains(s))
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default();
                return Some((birth_year_meeting(a).to_string(), la, cs));
            }
            let a = &alts[0];
            Some((
                birth_year_meeting(a).to_string(),
                a.looked_after.map(|l| l.to_string()).unwrap_or_default(),
                a.care_status
                    .first()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
            ))
        };
    let (child_year, child_la, child_cs) = person_year(&c.child, broken == Break::Child, "2012")?;
    let (poc_year, _, _) = person_year(&c.person, broken == Break::Person, "1990")?;
    std::fs::write(
        dir.path().join("people.csv"),
        format!("person_id,role,birth_year,looked_after,care_status\nKID,child,{child_year},{child_la},{child_cs}\nPOC,perpetrator,{poc_year},,\n"),
    )
    .expect("w");
    let mut events = String::from("event_id,kind,occurred_at,place_id,category\n");
    let mut ep = String::from("event_id,person_id\n");
    if let Some(ec) = &c.events {
        let kind = ec.kinds.first().map_or("incident", |k| k.as_str());
        let cat = ec.categories.first().map_or("", String::as_str);
        let n = if broken == Break::Evidence {
            ec.min.saturating_sub(1)
        } else {
            ec.min
        };
        for i in 0..n {
            let _ = writeln!(
                events,
                "E{i},{kind},2026-06-{:02}T21:00:00,HERE,{cat}",
                29 - (i % 20)
            );
            let _ = writeln!(ep, "E{i},KID\nE{i},POC");
        }
        if broken == Break::Evidence {
            // The rest falls outside the window: records that do not count.
            let old = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("d")
                - chrono::Duration::days(i64::from(ec.within_days) + 30);
            let _ = writeln!(events, "OLD,{kind},{old}T21:00:00,HERE,{cat}");
            let _ = writeln!(ep, "OLD,KID\nOLD,POC");
        }
    }
    // Something on the as-of date so the data's span is fixed.
    let _ = writeln!(events, "LAST,makesafe_call,2026-06-30T12:00:00,HERE,");
    std::fs::write(dir.path().join("events.csv"), events).expect("w");
    std::fs::write(dir.path().join("event_people.csv"), ep).expect("w");
    std::fs::write(
        dir.path().join("links.csv"),
        "from_id,to_id,kind\nPOC,KID,contact\n",
    )
    .expect("w");
    Some(dir)
}

pub(crate) fn verdict(tool: &Tool, dir: &std::path::Path) -> (Verdict, String) {
    let l = load(dir, &as_of()).expect("loads");
    let d = &l.dataset;
    assert_eq!(
        l.quarantine.total(),
        0,
        "{}: the hand-built data is valid",
        tool.id
    );
    let place_of: Vec<Option<PlaceId>> = d.events.iter().map(|e| e.place).collect();
    let kid = d.person_by_key("KID").expect("kid").id;
    let poc = d.person_by_key("POC").expect("poc").id;
    let children: Vec<PersonId> = vec![kid];
    let subject = match tool.target {
        ToolTarget::Location | ToolTarget::Other => Subject::Place(PlaceId(0)),
        ToolTarget::Offender => Subject::PersonOfConcern(poc, &children),
        ToolTarget::Victim => Subject::Child(kid),
    };
    let index = disrupt::model::EventIndex::new(d, &place_of);
    let a = consider(tool, d, &subject, &index);
    let why = a
        .checks
        .iter()
        .map(|c| format!("{:?}: {}", c.verdict, c.detail))
        .collect::<Vec<_>>()
        .join("; ");
    (a.verdict, why)
}

#[test]
fn every_condition_of_every_tool_fires_and_stops_firing_when_broken() {
    let c = Catalogue::bundled().expect("the bundled catalogue is valid");
    let mut broken_checked = 0;
    for tool in &c.tools {
        let dir = dataset_for(tool, Break::Nothing).expect("a dataset meeting every condition");
        let (v, why) = verdict(tool, dir.path());
        // A fact the records do not carry can only ever be checked, never shown.
        let best = if tool.applies.unrecorded.is_empty() {
            Verdict::Holds
        } else {
            Verdict::Unknown
        };
        assert_eq!(
            v, best,
            "{} does not fire when every condition is met: {why}",
            tool.id
        );
        let a = &tool.applies;
        let person_side = matches!(tool.target, ToolTarget::Offender | ToolTarget::Victim);
        let place_side = matches!(tool.target, ToolTarget::Location | ToolTarget::Other);
        for (b, present) in [
            (Break::PlaceKind, place_side && !a.place_kinds.is_empty()),
            (Break::Licensed, place_side && a.licensed.is_some()),
            (Break::Evidence, a.events.is_some()),
            (
                Break::Child,
                !a.child.is_empty()
                    && matches!(tool.target, ToolTarget::Offender | ToolTarget::Victim),
            ),
            (
                Break::Person,
                person_side && !a.person.is_empty() && tool.target == ToolTarget::Offender,
            ),
        ] {
            if !present {
                continue;
            }
            let Some(dir) = dataset_for(tool, b) else {
                continue;
            };
            let (v, why) = verdict(tool, dir.path());
            assert_eq!(
                v,
                Verdict::Fails,
                "{} still fires with {b:?} broken: {why}",
                tool.id
            );
            broken_checked += 1;
        }
    }
    assert!(
        broken_checked >= 30,
        "only {broken_checked} conditions exercised"
    );
}

/// A child tool's verdict (or an offender tool's, for a person of concern tied to the
/// child), by the child's birth year, `looked_after` and `care_status`.
pub(crate) fn for_child(
    id: &str,
    birth_year: i32,
    looked_after: &str,
    care_status: &str,
) -> Verdict {
    let c = Catalogue::bundled().expect("catalogue");
    let tool = c.tool(id).expect("tool");
    let dir = crate::support::write_dataset(&[(
        "places.csv",
        "place_id,kind,easting,northing\nH,hotel,531000,175000\n",
    )]);
    let (kind, cat) = tool.applies.events.as_ref().map_or(("sighting", ""), |ec| {
        (
            ec.kinds.first().map_or("incident", |k| k.as_str()),
            ec.categories.first().map_or("", String::as_str),
        )
    });
    std::fs::write(
        dir.path().join("events.csv"),
        format!("event_id,kind,occurred_at,place_id,category\nE,{kind},2026-06-29T12:00:00,H,{cat}\nLAST,sighting,2026-06-30T12:00:00,H,\n"),
    )
    .expect("w");
    std::fs::write(
        dir.path().join("event_people.csv"),
        "event_id,person_id\nE,KID\nE,POC\n",
    )
    .expect("w");
    std::fs::write(
        dir.path().join("people.csv"),
        format!("person_id,role,birth_year,looked_after,care_status\nKID,child,{birth_year},{looked_after},{care_status}\nPOC,perpetrator,1990,,\n"),
    )
    .expect("w");
    verdict(tool, dir.path()).0
}

#[test]
fn a_child_abduction_warning_notice_covers_under_16s_and_16_and_17_year_olds_in_care() {
    let cawn = |year, la, cs| for_child("O01", year, la, cs);
    // Certainly under 16 (born 2011: aged 14 or 15 on 30 June 2026).
    assert_eq!(cawn(2011, "", ""), Verdict::Holds);
    // 16 or 17 and not looked after: no CAWN.
    assert_eq!(cawn(2009, "false", ""), Verdict::Fails);
    // 16 or 17 under a care order, or an interim care order: a CAWN.
    assert_eq!(cawn(2009, "true", "care_order"), Verdict::Holds);
    assert_eq!(cawn(2009, "", "interim_care_order"), Verdict::Holds);
    // 16 or 17 and accommodated under s.20: no order, so no CAWN of the second type.
    assert_eq!(cawn(2009, "true", "s20_accommodated"), Verdict::Fails);
    // 16 or 17, looked after, legal status not recorded: a check, not a yes.
    assert_eq!(cawn(2009, "true", ""), Verdict::Unknown);
    // 16 or 17, care status not recorded at all: a gap to check.
    assert_eq!(cawn(2009, "", ""), Verdict::Unknown);
    // Born 2010: 15 or 16 — under 16 only perhaps; not looked after: check the birth date.
    assert_eq!(cawn(2010, "false", ""), Verdict::Unknown);
    // An adult: never.
    assert_eq!(cawn(2000, "true", "care_order"), Verdict::Fails);
}

#[test]
fn the_bundled_catalogue_is_complete_and_flags_what_is_not_in_force() {
    let c = Catalogue::bundled().expect("catalogue");
    assert_eq!(c.tools.len(), 57);
    let offender = c
        .tools
        .iter()
        .filter(|t| t.target == ToolTarget::Offender)
        .count();
    assert!(
        offender > 20,
        "seed 004 counts over 20 offender tools: {offender}"
    );
    for id in ["O13", "O14"] {
        assert!(
            !c.tool(id).expect(id).status.available(),
            "{id}: a pilot that ended"
        );
    }
    assert!(
        !c.tool("O17").expect("CCEPO").status.available(),
        "commencement unconfirmed"
    );
    for t in &c.tools {
        assert!(
            !t.evidence_needed.is_empty(),
            "{}: what evidence it needs",
            t.id
        );
        assert!(!t.sources.is_empty(), "{}: its sources", t.id);
    }
    let hotel = c.tool("L04").expect("hotel notices");
    assert!(
        hotel
            .applies
            .place_kinds
            .contains(&disrupt::model::PlaceKind::Hotel)
    );
}

/// A taxi licence action (L08) and absolute possession (L12) turn on facts the data
/// contract does not carry: with every recorded condition met they are to check, each
/// naming what to check and with whom, never reported as applying.
#[test]
fn tools_that_turn_on_unrecorded_facts_are_to_check_not_applying() {
    let c = Catalogue::bundled().expect("catalogue");
    for (id, words) in [("L08", "taxi"), ("L12", "tenancy")] {
        let tool = c.tool(id).expect("tool");
        let dir = dataset_for(tool, Break::Nothing).expect("dataset");
        let (v, why) = verdict(tool, dir.path());
        assert_eq!(v, Verdict::Unknown, "{id}: {why}");
        assert!(
            why.contains(words) && why.contains(&format!("check with {}", tool.lead_agency)),
            "{id}: {why}"
        );
        // Without the recorded evidence it does not even reach "to check".
        let dir = dataset_for(tool, Break::Evidence).expect("dataset");
        assert_eq!(verdict(tool, dir.path()).0, Verdict::Fails, "{id}");
    }
}
