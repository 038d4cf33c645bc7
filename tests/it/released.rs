//! Every document reads back from its released JSON into its typed form for every
//! audience, and a field that differs between the two fails loudly.

use crate::support::{disrupt, stdout_ok};
use disrupt::report::released::{PlaceAssessment, read_back};
use std::path::Path;

fn released_hotel(audience: &str) -> serde_json::Value {
    released(&["assess", "place", "PL00488"], audience)
}

#[test]
fn the_place_assessment_reads_back_for_every_audience() {
    for audience in ["analyst", "strategy", "partner"] {
        let v = released_hotel(audience);
        let a: PlaceAssessment = read_back("location assessment", &v).expect(audience);
        assert_eq!(a.place.place_id, "PL00488");
        assert!(
            !a.tools.is_empty() || !a.tools_to_check.is_empty(),
            "{audience}"
        );
        let partner = audience == "partner";
        assert_eq!(a.timeline.events.is_none(), partner, "{audience}");
        assert_eq!(a.linked.who.is_none(), partner, "{audience}");
    }
}

#[test]
fn a_field_renamed_on_one_side_fails_loudly() {
    let mut v = released_hotel("analyst");
    let radius = v["radius_m"].take();
    let map = v.as_object_mut().expect("object");
    map.remove("radius_m");
    map.insert("radius".to_string(), radius);
    let err = read_back::<PlaceAssessment>("location assessment", &v)
        .expect_err("a renamed field must not read back");
    let message = err.to_string();
    assert!(message.contains("radius"), "{message}");
    assert!(message.contains("location assessment"), "{message}");
}

fn released(args: &[&str], audience: &str) -> serde_json::Value {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let out = stdout_ok(disrupt().args(args).arg(&example).args([
        "--format",
        "json",
        "--audience",
        audience,
    ]));
    serde_json::from_str(&out).expect("json")
}

/// The peer group assessment, the plan review and an evaluation read back too, for
/// every audience: the typed forms the Markdown renderers print from.
#[test]
fn every_document_reads_back_for_every_audience() {
    use disrupt::report::released::{Evaluation, GroupAssessment, PlanReview};
    for audience in ["analyst", "strategy", "partner"] {
        let g: GroupAssessment =
            read_back("group", &released(&["assess", "group", "G1"], audience)).expect(audience);
        assert_eq!(g.persons_of_concern.is_none(), audience == "partner");
        let r: PlanReview = read_back("review", &released(&["review"], audience)).expect(audience);
        assert!(r.balance.actions > 0);
        let e: Evaluation =
            read_back("evaluation", &released(&["evaluate", "A00001"], audience)).expect(audience);
        assert_eq!(e.action, "A00001");
    }
}
