//! Hostile input for every parser besides the table reader (which `ingest_props` covers):
//! gradings, dates, vocabularies, settings files, boundary files, police.uk files and the
//! audit log. Each is given arbitrary text and must answer with a value or an error,
//! never a panic; those that can be written back round-trip.

use disrupt::model::time::{parse_date, parse_datetime};
use disrupt::model::{
    ActionStatus, EventKind, Grading, Involvement, LinkKind, PlaceKind, Role, TargetType,
};
use proptest::prelude::*;

/// Text as hostile files hold it: control characters, unicode, quotes, long runs.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[0-9A-Ea-e PCpc-]{0,6}",
        "[0-9T:+Z .-]{0,30}",
        Just("\u{0}\u{feff}=cmd|'/c calc'!A0".to_string()),
        Just("9".repeat(400)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn grading_parses_or_refuses_and_round_trips(text in hostile()) {
        if let Ok(g) = Grading::parse(&text) {
            prop_assert_eq!(Grading::parse(&g.to_string()), Ok(g));
            prop_assert!((0.0..=1.0).contains(&g.factor()));
        }
    }

    #[test]
    fn dates_parse_or_refuse(text in hostile()) {
        if let Ok(d) = parse_date(&text) {
            prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
        }
        if let Ok(t) = parse_datetime(&text) {
            prop_assert_eq!(parse_datetime(&t.format("%Y-%m-%dT%H:%M:%S").to_string()), Ok(t));
        }
    }

    #[test]
    fn vocabularies_parse_or_refuse_and_round_trip(text in hostile()) {
        macro_rules! check {
            ($($t:ty),*) => {$(
                if let Some(v) = <$t>::parse(&text) {
                    prop_assert_eq!(<$t>::parse(v.as_str()), Some(v));
                }
            )*};
        }
        check!(Role, PlaceKind, EventKind, Involvement, LinkKind, TargetType, ActionStatus);
    }

    #[test]
    fn settings_files_load_or_name_the_problem(text in prop_oneof![
        hostile(),
        "(window_days|half_life_days|cell_m|snap_m) = -?[0-9.e]{1,8}",
        "\\[(network|score|base_weight)\\]\n[a-z_]{1,12} = [0-9a-z\"]{1,6}",
    ]) {
        if let Ok(s) = disrupt::score::Settings::from_toml(&text) {
            // What loads is valid or refused by validate, never used half-checked.
            let _ = s.validate();
        }
    }

    #[test]
    fn boundary_files_load_or_name_the_problem(text in prop_oneof![
        hostile(),
        Just(r#"{"type":"FeatureCollection","features":[]}"#.to_string()),
        "\\{\"type\":\"FeatureCollection\",\"features\":\\[\\{\"type\":\"Feature\",\"properties\":\\{\"NAME\":\"A\"\\},\"geometry\":\\{\"type\":\"Polygon\",\"coordinates\":\\[\\[\\[-?[0-9.]{1,6},-?[0-9.]{1,6}\\]\\]\\]\\}\\}\\]\\}",
    ]) {
        let _ = disrupt::spatial::StudyArea::from_geojson(&text, "A");
    }

    #[test]
    fn police_uk_files_convert_or_name_the_problem(body in prop::collection::vec(hostile(), 0..6)) {
        let dir = tempfile::tempdir().expect("dir");
        let input = dir.path().join("street.csv");
        let mut text = String::from("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
        for line in &body {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(&input, text).expect("write");
        let _ = disrupt::ingest::police_uk::convert(&input, &dir.path().join("out"));
    }

    #[test]
    fn audit_log_verification_reads_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("audit.jsonl");
        std::fs::write(&log, &bytes).expect("write");
        let v = disrupt::privacy::verify(&log).expect("readable");
        prop_assert!(bytes.is_empty() || !v.intact(), "random bytes are never an intact log");
    }
}
