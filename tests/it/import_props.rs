//! Property tests: no extract, however malformed, panics the importer; every source
//! balances (read = written + rejected); whatever is written reads back through check.

use disrupt::ingest::import::{ImportOptions, OutputFormat, import, write};
use proptest::prelude::*;

const PROFILE: &str = r#"
postcodes = "postcodes.csv"
[[events]]
file = "extract.csv"
id_prefix = "X:"
[events.columns]
event_id = "Ref"
occurred_at = { from = "When", format = ["%d/%m/%Y %H:%M", "excel"] }
kind = { from = "Type", values = { "Found" = "missing_found", "ASB" = "asb_report" } }
category = { from_text = ["Details"], keywords = { cse = ["CSE", "grooming"], cce = ["county lines"] } }
postcode = "Postcode"
lat = "Lat"
lon = "Lon"
[[event_people]]
file = "extract.csv"
id_prefix = "X:"
[event_people.columns]
event_id = "Ref"
[[event_people.each]]
person_id = "Subject"
[[event_people.each]]
person_id = "Suspect 1"
"#;

const POSTCODES: &str = "pcds,oseast1m,osnrth1m\nSW9 1CM,530936,176637\n";

/// Cells as agency exports contain them, and worse.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Found".to_string()),
        Just("asb".to_string()),
        Just("14/03/2026 21:30".to_string()),
        Just("31/02/2026 10:00".to_string()),
        Just("46095.75".to_string()),
        Just("sw91cm".to_string()),
        Just("SW9 9ZZ".to_string()),
        Just("51,46".to_string()),
        Just("-0.11".to_string()),
        Just("county lines and CSE".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\u{feff}".to_string()),
        Just("é\u{0}\u{202e}".to_string()),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn extract() -> impl Strategy<Value = Vec<u8>> {
    let header = prop_oneof![
        Just("Ref,When,Type,Details,Postcode,Lat,Lon,Subject,Suspect 1".to_string()),
        Just("Ref;When;Type;Details;Postcode;Lat;Lon;Subject;Suspect 1".to_string()),
        Just("Ref,When".to_string()),
        Just(String::new()),
    ];
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..11), 0..8);
    (header, rows, any::<bool>()).prop_map(|(h, rows, semicolon)| {
        let sep = if semicolon { ";" } else { "," };
        let mut text = h;
        for r in rows {
            text.push('\n');
            text.push_str(&r.join(sep));
        }
        text.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_extract_panics_the_importer(bytes in prop_oneof![extract(), prop::collection::vec(any::<u8>(), 0..200)]) {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("profile.toml"), PROFILE).expect("profile");
        std::fs::write(dir.path().join("postcodes.csv"), POSTCODES).expect("lookup");
        std::fs::write(dir.path().join("extract.csv"), &bytes).expect("extract");
        if let Ok(imported) = import(&dir.path().join("profile.toml"), &ImportOptions::default()) {
            for s in &imported.sources {
                prop_assert_eq!(s.read, s.written + s.rejected.len(), "{}", s.name);
            }
            let out = dir.path().join("out");
            write(&imported, &out, OutputFormat::Csv).expect("writes");
            let loaded = disrupt::ingest::load(&out, &disrupt::ingest::IngestOptions {
                as_of: Some(disrupt::model::AsOf(chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"))),
            });
            let loaded = loaded.expect("what the import writes is a readable dataset");
            for r in loaded.reports.values() {
                prop_assert_eq!(r.read, r.accepted + r.rejected);
            }
        }
    }

    #[test]
    fn no_workbook_panics_the_importer(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().expect("dir");
        let profile = PROFILE.replace("extract.csv", "extract.xlsx");
        std::fs::write(dir.path().join("profile.toml"), profile).expect("profile");
        std::fs::write(dir.path().join("postcodes.csv"), POSTCODES).expect("lookup");
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        std::fs::write(dir.path().join("extract.xlsx"), &zip).expect("extract");
        let _ = import(&dir.path().join("profile.toml"), &ImportOptions::default());
    }
}
