//! After a missing episode: the same-day contact and the return home interview, on a
//! hand-built child. Seed 000: "prioritise seeing them the same day of their return";
//! DfE 2014: an independent return home interview, normally within 72 hours.

use disrupt::assess::{Contact, returns};
use disrupt::ingest::{IngestOptions, load};
use disrupt::model::AsOf;

fn loaded() -> disrupt::ingest::Loaded {
    let dir = crate::support::write_dataset(&[(
        "places.csv",
        "place_id,kind,easting,northing\nH,hotel,531000,175000\nHOME,residential,531100,175100\n",
    )]);
    // R1 found 10 June 20:00: a social worker sees the child at 22:00 (same day), RHI on
    // 12 June (within 72 hours). R2 found 20 June: nothing after. R3 found on the as-of
    // day: the day and the 72 hours have not passed. R4 found 25 June 23:00: an RHI the
    // next morning (a same-day contact? no: the day ended at midnight), within 72 hours.
    std::fs::write(
        dir.path().join("events.csv"),
        "event_id,kind,occurred_at,place_id\n\
         R1,missing_found,2026-06-10T20:00:00,H\n\
         V1,sighting,2026-06-10T22:00:00,HOME\n\
         I1,rhi_mention,2026-06-12T10:00:00,HOME\n\
         R2,missing_found,2026-06-20T09:00:00,H\n\
         R4,missing_found,2026-06-25T23:00:00,H\n\
         I4,rhi_mention,2026-06-26T09:00:00,HOME\n\
         R3,missing_found,2026-06-30T08:00:00,H\n",
    )
    .expect("w");
    std::fs::write(
        dir.path().join("event_people.csv"),
        "event_id,person_id\nR1,KID\nV1,KID\nV1,SW\nI1,KID\nR2,KID\nR4,KID\nI4,KID\nR3,KID\n",
    )
    .expect("w");
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,role,birth_year\nKID,child,2011\nSW,professional,1980\n",
    )
    .expect("w");
    let opts = IngestOptions {
        as_of: Some(AsOf(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("d"),
        )),
    };
    let l = load(dir.path(), &opts).expect("loads");
    assert_eq!(l.quarantine.total(), 0);
    l
}

#[test]
fn each_return_shows_a_same_day_contact_and_an_interview_or_the_gap() {
    let l = loaded();
    let d = &l.dataset;
    let used = vec![true; d.events.len()];
    let kid = d.person_by_key("KID").expect("kid").id;
    let r = returns(d, &used, kid);
    let by = |k: &str| r.iter().find(|x| x.found_event == k).expect(k);
    assert_eq!(r.len(), 4);
    assert_eq!(by("R1").same_day_contact, Contact::Recorded);
    assert_eq!(by("R1").same_day_event.as_deref(), Some("V1"));
    assert_eq!(by("R1").return_interview, Contact::Recorded);
    assert_eq!(by("R1").return_interview_event.as_deref(), Some("I1"));
    assert_eq!(by("R2").same_day_contact, Contact::NotRecorded);
    assert_eq!(by("R2").return_interview, Contact::NotRecorded);
    assert_eq!(
        by("R4").same_day_contact,
        Contact::NotRecorded,
        "the next morning is not the same day"
    );
    assert_eq!(by("R4").return_interview, Contact::Recorded);
    assert_eq!(by("R3").same_day_contact, Contact::NotYetDue);
    assert_eq!(by("R3").return_interview, Contact::NotYetDue);
    let gaps: Vec<String> = r.iter().flat_map(|x| x.gaps()).collect();
    assert_eq!(gaps.len(), 3, "{gaps:?}");
    assert!(
        gaps.iter()
            .any(|g| g.contains("same-day") && g.contains("R2"))
    );
    assert!(
        gaps.iter()
            .any(|g| g.contains("return home interview") && g.contains("R2"))
    );
    // Records the analysis does not use (expired, out of the window) are not counted.
    let none = vec![false; d.events.len()];
    assert!(returns(d, &none, kid).is_empty());
}
