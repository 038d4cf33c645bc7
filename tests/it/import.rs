//! `disrupt import`: every profile feature on small extracts, the rejections and their
//! reasons, the per-source accounts, and the bundled example through `disrupt analyse`.

use super::support::{disrupt, stdout_ok};
use disrupt::ingest::import::{ImportError, ImportOptions, Imported, OutputFormat, import, write};
use std::path::Path;

/// Writes `files` (name, bytes) and `profile.toml` into a new folder.
fn folder(profile: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    std::fs::write(dir.path().join("profile.toml"), profile).expect("profile");
    dir
}

fn run(dir: &Path) -> Imported {
    import(&dir.join("profile.toml"), &ImportOptions::default()).expect("imports")
}

fn run_err(dir: &Path) -> String {
    match import(&dir.join("profile.toml"), &ImportOptions::default()) {
        Ok(_) => panic!("the import should fail"),
        Err(e) => e.to_string(),
    }
}

/// The rows of a table as (column → value) maps.
fn rows(
    i: &Imported,
    table: disrupt::ingest::Table,
) -> Vec<std::collections::BTreeMap<String, String>> {
    i.tables
        .get(&table)
        .map(|t| t.rows.clone())
        .unwrap_or_default()
}

fn reasons(i: &Imported, source: usize) -> Vec<String> {
    i.sources[source]
        .rejected
        .iter()
        .map(|r| r.reason_text())
        .collect()
}

const PLACES: &str = "Ref,Type,E,N\nH1,Hotel,531000,176600\n";

#[test]
fn value_maps_constants_and_defaults_fill_the_contract_and_unmapped_values_reject() {
    let events = "Ref,When,Type,Flags,Loc\n\
                  A1,14/03/2026 21:30,Missing Person Found,CSE,H1\n\
                  A2,15/03/2026 09:00,asb,,H1\n\
                  A3,16/03/2026 10:00,Burglary,XYZ,H1\n";
    let profile = r#"
[[places]]
file = "places.csv"
[places.columns]
place_id = "Ref"
kind = { from = "Type", values = { "Hotel" = "hotel" } }
easting = "E"
northing = "N"

[[events]]
file = "events.csv"
source = "niche"
id_prefix = "N:"
[events.columns]
event_id = "Ref"
occurred_at = { from = "When", format = "%d/%m/%Y %H:%M" }
kind = { from = "Type", values = { "Missing Person Found" = "missing_found", "ASB" = "asb_report" } }
category = { from = "Flags", values = { "CSE" = "cse" }, default = "" }
place_id = "Loc"
grading = { value = "2BP" }
"#;
    let dir = folder(
        profile,
        &[
            ("places.csv", PLACES.as_bytes()),
            ("events.csv", events.as_bytes()),
        ],
    );
    let i = run(dir.path());
    let ev = rows(&i, disrupt::ingest::Table::Events);
    assert_eq!(ev.len(), 2);
    assert_eq!(
        ev[0]["event_id"], "N:A1",
        "the id prefix applies to the source's own ids"
    );
    assert_eq!(ev[0]["place_id"], "H1", "references take no block prefix");
    assert_eq!(ev[0]["occurred_at"], "2026-03-14T21:30:00");
    assert_eq!(ev[0]["kind"], "missing_found");
    assert_eq!(ev[1]["kind"], "asb_report", "value maps ignore case");
    assert_eq!(
        (ev[0]["category"].as_str(), ev[1]["category"].as_str()),
        ("cse", "")
    );
    assert_eq!(ev[0]["source"], "niche");
    assert_eq!(ev[0]["grading"], "2BP");
    let why = reasons(&i, 1);
    assert_eq!(why.len(), 1);
    assert!(
        why[0].contains("'Burglary' in 'Type' has no mapping")
            && why[0].contains("add \"Burglary\""),
        "{why:?}"
    );
    assert!(
        !why[0].contains("XYZ"),
        "a default covers the unmapped flag: {why:?}"
    );
    let s = &i.sources[1];
    assert_eq!((s.read, s.written, s.rejected.len()), (3, 2, 1));
}

#[test]
fn several_date_formats_are_tried_in_order_and_unreadable_dates_reject() {
    let events = "Ref,When\nA1,14/03/2026 21:30\nA2,14/03/2026\nA3,2026-03-14\nA4,31/02/2026\n";
    let profile = r#"
[[events]]
file = "events.csv"
[events.columns]
event_id = "Ref"
kind = { value = "sighting" }
occurred_at = { from = "When", format = ["%d/%m/%Y %H:%M", "%d/%m/%Y"] }
easting = { value = "531000" }
northing = { value = "176600" }
"#;
    let dir = folder(profile, &[("events.csv", events.as_bytes())]);
    let i = run(dir.path());
    let ev = rows(&i, disrupt::ingest::Table::Events);
    let when: Vec<&str> = ev.iter().map(|r| r["occurred_at"].as_str()).collect();
    assert_eq!(when, ["2026-03-14T21:30:00", "2026-03-14"]);
    let why = reasons(&i, 0);
    assert_eq!(
        why.len(),
        2,
        "an ISO date is not in the list, and 31 February is no date: {why:?}"
    );
    assert!(
        why[0].contains("'2026-03-14' does not match the date formats"),
        "{why:?}"
    );
    assert_eq!(
        i.sources[0].rejected[1].row, 4,
        "the row number is the data row"
    );
}

#[test]
fn suggest_matches_columns_detects_formats_and_refuses_ambiguous_dates() {
    let dir = tempfile::tempdir().expect("dir");
    let uk = dir.path().join("occurrences.csv");
    std::fs::write(
        &uk,
        "Occurrence Ref,Reported Date,Occurrence Type,Postcode,Logged\n\
         R1,14/03/2026 21:30,ASB,SW9 1CM,03/04/2026\nR2,02/03/2026 08:00,Missing Person Found,SW9 1CM,05/06/2026\n",
    )
    .expect("write");
    let text = stdout_ok(disrupt().args(["import", "--suggest"]).arg(&uk));
    assert!(text.contains("[[events]]"), "{text}");
    assert!(text.contains("event_id = \"Occurrence Ref\""), "{text}");
    assert!(
        text.contains("occurred_at = { from = \"Reported Date\", format = \"%d/%m/%Y %H:%M\" }"),
        "{text}"
    );
    assert!(
        text.contains("\"Missing Person Found\" = \"?\""),
        "values are listed for the user to map: {text}"
    );
    assert!(text.contains("postcode = \"Postcode\""), "{text}");
    assert!(
        text.contains("\"Logged\""),
        "unmatched columns are listed: {text}"
    );
    // A column of dates with no day above 12 cannot be read either way round.
    let us = dir.path().join("log.csv");
    std::fs::write(&us, "Intel Ref,Date\nI1,03/04/2026\nI2,05/06/2026\n").expect("write");
    let text = stdout_ok(disrupt().args(["import", "--suggest"]).arg(&us));
    assert!(
        text.contains("# occurred_at = { from = \"Date\", format = \"?\" }   # AMBIGUOUS"),
        "{text}"
    );
    // The suggested profile parses as a profile.
    disrupt::ingest::import::profile::parse(&text).expect("valid TOML");
}

#[test]
fn an_xlsx_extract_round_trips_with_date_cells_serials_and_dates_of_birth() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().expect("dir");
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let sheet = book.add_worksheet().set_name("Episodes").expect("name");
    for (c, h) in [
        "Episode",
        "Nominal",
        "DOB",
        "Found",
        "Serial",
        "Easting",
        "Northing",
        "Case Notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let found = ExcelDateTime::parse_from_str("2026-03-14T21:30:00").expect("date");
    let dob = ExcelDateTime::from_ymd(2010, 6, 2).expect("dob");
    sheet.write_string(1, 0, "E1").expect("cell");
    sheet.write_string(1, 1, "NOM1").expect("cell");
    sheet
        .write_datetime_with_format(1, 2, &dob, &date)
        .expect("cell");
    sheet
        .write_datetime_with_format(1, 3, &found, &date)
        .expect("cell");
    sheet.write_number(1, 4, 46_095.75).expect("cell");
    sheet.write_number(1, 5, 531_000.0).expect("cell");
    sheet.write_number(1, 6, 176_600.0).expect("cell");
    sheet
        .write_string(1, 7, "confidential narrative")
        .expect("cell");
    sheet.write_string(2, 0, "E2").expect("cell");
    sheet.write_string(2, 1, "NOM1").expect("cell");
    sheet.write_string(2, 2, "unknown").expect("cell");
    sheet
        .write_datetime_with_format(2, 3, &found, &date)
        .expect("cell");
    book.save(dir.path().join("care.xlsx")).expect("save");
    let profile = r#"
[[events]]
file = "care.xlsx"
sheet = "Episodes"
[events.columns]
event_id = "Episode"
kind = { value = "missing_found" }
occurred_at = "Found"
review_by = { from = "Serial", format = "excel" }
easting = "Easting"
northing = "Northing"

[[people]]
file = "care.xlsx"
sheet = "Episodes"
[people.columns]
person_id = "Nominal"
role = { value = "child" }
birth_year = "DOB"
"#;
    std::fs::write(dir.path().join("profile.toml"), profile).expect("profile");
    let i = run(dir.path());
    let people = rows(&i, disrupt::ingest::Table::People);
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0]["birth_year"], "2010",
        "a date of birth keeps its year only"
    );
    let ev = rows(&i, disrupt::ingest::Table::Events);
    assert_eq!(ev[0]["occurred_at"], "2026-03-14T21:30:00");
    assert_eq!(
        ev[0]["review_by"], "2026-03-14",
        "an Excel serial reads as its day"
    );
    assert_eq!(ev[0]["easting"], "531000");
    // Blocks run in table order: people before events.
    let why = reasons(&i, 0);
    assert!(why[0].contains("birth_year: 'unknown'"), "{why:?}");
    assert_eq!(
        i.sources[0].rejected[0].row, 3,
        "a workbook row is numbered as Excel shows it"
    );
    let out = dir.path().join("out");
    write(&i, &out, OutputFormat::Csv).expect("write");
    let people_csv = std::fs::read_to_string(out.join("people.csv")).expect("people");
    assert!(
        !people_csv.contains("2010-06"),
        "no day or month of birth is written: {people_csv}"
    );
    let all: String = ["events.csv", "people.csv"]
        .iter()
        .map(|f| std::fs::read_to_string(out.join(f)).expect("read"))
        .collect();
    assert!(
        !all.contains("confidential"),
        "unmapped columns are never copied"
    );
}

#[test]
fn bad_sheets_and_unreadable_extracts_are_refused_with_every_reason() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().expect("dir");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Data").expect("name");
    book.save(dir.path().join("book.xlsx")).expect("save");
    std::fs::write(dir.path().join("fake.xlsx"), b"not a zip file").expect("write");
    std::fs::write(dir.path().join("e.csv"), "Ref,When\nA,2026-01-01\n").expect("write");
    let profile = r#"
[[events]]
file = "book.xlsx"
sheet = "Episodes"
[events.columns]
event_id = "Ref"

[[events]]
file = "book.xlsx"
sheet = "Data"
[events.columns]
event_id = "Ref"

[[events]]
file = "fake.xlsx"
[events.columns]
event_id = "Ref"

[[events]]
file = "e.csv"
[events.columns]
event_id = "ref"
kind = { value = "sighting" }
occurred_at = "When"
colour = "When"
"#;
    std::fs::write(dir.path().join("profile.toml"), profile).expect("profile");
    let e = run_err(dir.path());
    assert!(
        e.contains("no sheet 'Episodes'; its sheets are 'Data'"),
        "{e}"
    );
    assert!(e.contains("sheet 'Data' is empty"), "{e}");
    assert!(e.contains("not a readable .xlsx workbook"), "{e}");
    assert!(e.contains("no column 'ref' (did you mean 'Ref'?"), "{e}");
    assert!(e.contains("'colour' is not a column of events"), "{e}");
}

#[test]
fn keywords_in_narrative_give_the_category_and_its_basis_but_never_the_text() {
    let log = "Ref,Date,Details,Notes\n\
               I1,2026-03-01,Staff report County Lines activity; cuckooing suspected,x\n\
               I2,2026-03-02,Concern of grooming by an older male,y\n\
               I3,2026-03-03,Access to the car park was refused,z\n";
    let profile = r#"
[[events]]
file = "log.csv"
[events.columns]
event_id = "Ref"
kind = { value = "intelligence" }
occurred_at = "Date"
easting = { value = "531000" }
northing = { value = "176600" }
category = { from_text = ["Details", "Notes"], keywords = { cse = ["CSE", "grooming"], cce = ["county lines", "cuckoo", "CCE"] } }
"#;
    let dir = folder(profile, &[("log.csv", log.as_bytes())]);
    let i = run(dir.path());
    let ev = rows(&i, disrupt::ingest::Table::Events);
    let got: Vec<(&str, &str)> = ev
        .iter()
        .map(|r| (r["category"].as_str(), r["category_basis"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("cce", "'county lines' in Details"),
            ("cse", "'grooming' in Details"),
            ("", "")
        ],
        "'cuckooing' and 'ACCESS' are not whole-word matches"
    );
    let out = dir.path().join("out");
    write(&i, &out, OutputFormat::Csv).expect("write");
    let text = std::fs::read_to_string(out.join("events.csv")).expect("events");
    assert!(
        text.starts_with("event_id,kind,occurred_at,easting,northing,category,category_basis\n"),
        "{text}"
    );
    assert!(
        !text.contains("older male") && !text.contains("Staff report"),
        "{text}"
    );
}

#[test]
fn wide_rows_become_several_event_people_and_people_rows() {
    let occ = "Ref,When,Missing Person,Suspect 1,Suspect 2\n\
               O1,2026-03-01,C1,A1,A2\nO2,2026-03-02,C1,A1,\nO3,2026-03-03,,,\n";
    let profile = r#"
[[event_people]]
file = "occ.csv"
id_prefix = "N:"
[event_people.columns]
event_id = "Ref"
[[event_people.each]]
person_id = "Missing Person"
involvement = { value = "subject" }
[[event_people.each]]
person_id = "Suspect 1"
involvement = { value = "suspect" }
[[event_people.each]]
person_id = "Suspect 2"
involvement = { value = "suspect" }

[[people]]
file = "occ.csv"
[[people.each]]
person_id = "Missing Person"
role = { value = "child" }
[[people.each]]
person_id = "Suspect 1"
role = { value = "perpetrator" }
[[people.each]]
person_id = "Suspect 2"
role = { value = "perpetrator" }
"#;
    let dir = folder(profile, &[("occ.csv", occ.as_bytes())]);
    let i = run(dir.path());
    let links: Vec<String> = rows(&i, disrupt::ingest::Table::EventPeople)
        .iter()
        .map(|r| format!("{} {} {}", r["event_id"], r["person_id"], r["involvement"]))
        .collect();
    assert_eq!(
        links,
        [
            "N:O1 C1 subject",
            "N:O1 A1 suspect",
            "N:O1 A2 suspect",
            "N:O2 C1 subject",
            "N:O2 A1 suspect"
        ]
    );
    let people: Vec<String> = rows(&i, disrupt::ingest::Table::People)
        .iter()
        .map(|r| format!("{} {}", r["person_id"], r["role"]))
        .collect();
    assert_eq!(
        people,
        ["C1 child", "A1 perpetrator", "A2 perpetrator"],
        "a person named twice is one record"
    );
    let p = i
        .sources
        .iter()
        .find(|s| s.name == "people-occ")
        .expect("people source");
    assert_eq!(
        (
            p.read,
            p.written,
            p.rejected.len(),
            p.records,
            p.merged,
            p.without_records
        ),
        (3, 3, 0, 3, 2, 1)
    );
}

#[test]
fn the_same_id_with_different_values_is_rejected_naming_both() {
    let care = "Nominal,DOB\nNOM1,2010-06-02\nNOM1,2010-06-02\nNOM1,2011-01-01\n";
    let profile = r#"
[[people]]
file = "care.csv"
[people.columns]
person_id = "Nominal"
role = { value = "child" }
birth_year = "DOB"
"#;
    let dir = folder(profile, &[("care.csv", care.as_bytes())]);
    let i = run(dir.path());
    assert_eq!(rows(&i, disrupt::ingest::Table::People).len(), 1);
    let why = reasons(&i, 0);
    assert!(
        why[0].contains("'2011' disagrees with '2010'") && why[0].contains("people-care row 1"),
        "{why:?}"
    );
}

const ONSPD: &str = "pcd,pcds,doterm,oseast1m,osnrth1m\nSW9 1CM,SW9 1CM,,530936,176637\nSW9 9VC,SW9 9VC,202103,531126,175454\nSW9 9CK,SW9 9CK,,,\n";

fn geocoded_events(lookup: &str) -> (tempfile::TempDir, Imported) {
    let events = "Ref,When,PC\nA1,2026-03-01,sw91cm\nA2,2026-03-02,SW9 9VC\nA3,2026-03-03,SW9 9ZZ\nA4,2026-03-04,hotel\nA5,2026-03-05,SW9 9CK\n";
    let profile = format!(
        r#"postcodes = "{lookup}"
[[events]]
file = "events.csv"
[events.columns]
event_id = "Ref"
kind = {{ value = "sighting" }}
occurred_at = "When"
postcode = "PC"
"#
    );
    let dir = folder(
        &profile,
        &[
            ("events.csv", events.as_bytes()),
            ("onspd.csv", ONSPD.as_bytes()),
        ],
    );
    std::fs::create_dir(dir.path().join("codepoint")).expect("dir");
    std::fs::write(
        dir.path().join("codepoint/sw.csv"),
        "\"SW9 1CM\",10,530936,176637,\"E92000001\"\n\"SW9 9VC\",10,531126,175454,\"E92000001\"\n",
    )
    .expect("codepoint");
    let i = run(dir.path());
    (dir, i)
}

#[test]
fn postcodes_geocode_from_the_ons_directory_with_notes_and_reasons() {
    let (_dir, i) = geocoded_events("onspd.csv");
    let ev = rows(&i, disrupt::ingest::Table::Events);
    assert_eq!(ev.len(), 2);
    assert_eq!(
        (ev[0]["easting"].as_str(), ev[0]["northing"].as_str()),
        ("530936.0", "176637.0")
    );
    assert!(
        i.sources[0]
            .notes
            .iter()
            .any(|n| n.contains("postcode SW9 9VC was terminated (202103)")),
        "{:?}",
        i.sources[0].notes
    );
    let why = reasons(&i, 0);
    assert!(
        why[0].contains("postcode 'SW9 9ZZ' is not in the lookup"),
        "{why:?}"
    );
    assert!(why[1].contains("'hotel' is not a postcode"), "{why:?}");
    assert!(
        why[2].contains("'SW9 9CK' is not in the lookup"),
        "a postcode with no grid reference cannot place a row: {why:?}"
    );
    assert!(
        !ev[0].contains_key("postcode"),
        "the postcode itself is not written"
    );
}

#[test]
fn postcodes_geocode_from_a_folder_of_code_point_open_files() {
    let (_dir, i) = geocoded_events("codepoint");
    let ev = rows(&i, disrupt::ingest::Table::Events);
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[1]["northing"], "175454.0");
}

#[test]
fn uprns_geocode_from_os_open_uprn_and_a_missing_lookup_is_named() {
    let events = "Ref,When,Where\nA1,2026-03-01,0100021234567\nA2,2026-03-02,42\n";
    let profile = r#"
[[events]]
file = "events.csv"
[events.columns]
event_id = "Ref"
kind = { value = "sighting" }
occurred_at = "When"
uprn = "Where"
"#;
    let uprns = "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n100021234567,530936.00,176637.00,51.47,-0.11\n";
    let dir = folder(
        profile,
        &[
            ("events.csv", events.as_bytes()),
            ("uprns.csv", uprns.as_bytes()),
        ],
    );
    let e = run_err(dir.path());
    assert!(
        e.contains("events-events geocodes from a lookup: pass --uprns FILE"),
        "{e}"
    );
    let options = ImportOptions {
        uprns: Some(dir.path().join("uprns.csv")),
        ..ImportOptions::default()
    };
    let i = import(&dir.path().join("profile.toml"), &options).expect("imports");
    let ev = rows(&i, disrupt::ingest::Table::Events);
    assert_eq!((ev.len(), ev[0]["easting"].as_str()), (1, "530936.0"));
    assert!(reasons(&i, 0)[0].contains("UPRN '42' is not in the lookup"));
}

#[test]
fn semicolon_files_with_decimal_commas_utf16_and_windows_1252_are_read() {
    let semi = "Ref;Name;Type;Lat;Lon\nP1;Café Royal;Hotel;51,4736;-0,1162\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in
        "Ref\tName\tType\tLat\tLon\nP2\tStar Chicken\tTakeaway\t51.4726\t-0.1220\n".encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut cp1252 = b"Ref,Name,Type,Lat,Lon\nP3,Caf".to_vec();
    cp1252.extend_from_slice(&[0xE9]);
    cp1252.extend_from_slice(b" Noir,Hotel,51.4700,-0.1100\n");
    let block = |file: &str| {
        format!(
            "[[places]]\nfile = \"{file}\"\n[places.columns]\nplace_id = \"Ref\"\nname = \"Name\"\nkind = {{ from = \"Type\", values = {{ Hotel = \"hotel\", Takeaway = \"takeaway\" }} }}\nlat = \"Lat\"\nlon = \"Lon\"\n"
        )
    };
    let profile = [block("a.csv"), block("b.txt"), block("c.csv")].join("\n");
    let dir = folder(
        &profile,
        &[
            ("a.csv", semi.as_bytes()),
            ("b.txt", &utf16),
            ("c.csv", &cp1252),
        ],
    );
    let i = run(dir.path());
    let places = rows(&i, disrupt::ingest::Table::Places);
    let got: Vec<(&str, &str, &str)> = places
        .iter()
        .map(|r| (r["name"].as_str(), r["lat"].as_str(), r["lon"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Café Royal", "51.4736", "-0.1162"),
            ("Star Chicken", "51.4726", "-0.1220"),
            ("Café Noir", "51.4700", "-0.1100")
        ]
    );
    assert!(i.sources[0].notes.iter().any(|n| n.contains("semicolon")));
    assert!(i.sources[1].notes.iter().any(|n| n.contains("UTF-16")));
    assert!(
        i.sources[2]
            .notes
            .iter()
            .any(|n| n.contains("Windows-1252"))
    );
}

#[test]
fn a_malformed_profile_says_what_is_wrong() {
    let dir = folder("[[events]]\nfile = \"e.csv\"\nsheets = 1\n", &[]);
    let e = run_err(dir.path());
    assert!(e.contains("not valid") && e.contains("sheets"), "{e}");
    let dir = folder("[[events]]\nfile = \"missing.csv\"\n", &[]);
    let e = run_err(dir.path());
    assert!(e.contains("missing.csv"), "{e}");
    let dir = folder("", &[]);
    assert!(matches!(
        import(&dir.path().join("profile.toml"), &ImportOptions::default()),
        Err(ImportError::Sources(_))
    ));
}

/// The bundled example, through the command line: every source balances, the dataset
/// folder is in the contract, a second import writes the same bytes, and `disrupt
/// analyse` ranks the planted hotel first.
#[test]
fn the_example_imports_and_analyses() {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts/profile.toml");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("imported");
    let text = stdout_ok(
        disrupt()
            .args(["import"])
            .arg(&profile)
            .arg("--out")
            .arg(&out),
    );
    // The intelligence log's two-character gradings are accepted (handling C); the one
    // row the contract refuses names the intelligence record the import rejected for its
    // unknown UPRN.
    assert!(
        text.contains("the contract check accepts 174 rows and rejects 1;"),
        "{text}"
    );
    let check: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("check.json")).expect("check.json"))
            .expect("json");
    assert_eq!(check["stage"], "import");
    assert_eq!(check["balanced"], true);
    let sources = check["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 9);
    for s in sources {
        let n = |k: &str| s[k].as_u64().expect("count");
        assert_eq!(n("read"), n("written") + n("rejected"), "{s}");
        let quarantine = out
            .join("rejected")
            .join(format!("{}.csv", s["name"].as_str().expect("name")));
        let lines = std::fs::read_to_string(&quarantine)
            .expect("quarantine")
            .lines()
            .count() as u64;
        assert_eq!(lines, 1 + n("rejected"), "{}", quarantine.display());
    }
    assert_eq!(check["rejected"], 5, "the example's five deliberate errors");
    let first: Vec<Vec<u8>> = [
        "events.csv",
        "people.csv",
        "places.csv",
        "event_people.csv",
        "check.json",
    ]
    .iter()
    .map(|f| std::fs::read(out.join(f)).expect("read"))
    .collect();
    stdout_ok(
        disrupt()
            .args(["import"])
            .arg(&profile)
            .arg("--out")
            .arg(&out),
    );
    let second: Vec<Vec<u8>> = [
        "events.csv",
        "people.csv",
        "places.csv",
        "event_people.csv",
        "check.json",
    ]
    .iter()
    .map(|f| std::fs::read(out.join(f)).expect("read"))
    .collect();
    assert!(
        first == second,
        "the same extracts and profile give the same bytes"
    );
    let people = std::fs::read_to_string(out.join("people.csv")).expect("people");
    assert!(
        !people.contains("CS88"),
        "the care case number is not imported"
    );
    let report = dir.path().join("report");
    let text = stdout_ok(
        disrupt()
            .args(["analyse"])
            .arg(&out)
            .arg("--out")
            .arg(&report),
    );
    let top = text
        .lines()
        .find(|l| l.trim_start().starts_with("1. "))
        .expect("a top place");
    assert!(top.contains("City Hotel"), "{text}");
    assert!(report.join("report.html").is_file());
}

#[test]
fn the_import_is_audit_logged_with_every_file_it_wrote() {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts/profile.toml");
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("audit.jsonl");
    let out = dir.path().join("imported");
    stdout_ok(
        disrupt()
            .args(["import"])
            .arg(&profile)
            .arg("--out")
            .arg(&out)
            .arg("--audit-log")
            .arg(&log)
            .args(["--purpose", "MACE March"]),
    );
    let line = std::fs::read_to_string(&log).expect("log");
    let entry: serde_json::Value =
        serde_json::from_str(line.lines().last().expect("a line")).expect("json");
    assert_eq!(entry["purpose"], "MACE March");
    assert!(
        entry["dataset_fingerprint"]
            .as_str()
            .is_some_and(|f| f.len() == 64)
    );
    let outputs: Vec<&str> = entry["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .filter_map(|o| o["path"].as_str())
        .collect();
    assert!(
        outputs.iter().any(|p| p.ends_with("events.csv")),
        "{outputs:?}"
    );
    assert!(
        outputs.iter().any(|p| p.ends_with("check.json")),
        "{outputs:?}"
    );
}

#[test]
fn parquet_output_reads_back_through_check() {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts/profile.toml");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("imported");
    stdout_ok(
        disrupt()
            .args(["import"])
            .arg(&profile)
            .arg("--out")
            .arg(&out)
            .args(["--format", "parquet"]),
    );
    assert!(out.join("events.parquet").is_file() && !out.join("events.csv").exists());
    let loaded =
        disrupt::ingest::load(&out, &disrupt::ingest::IngestOptions::default()).expect("loads");
    assert_eq!(loaded.reports[&disrupt::ingest::Table::Places].accepted, 16);
}

#[test]
fn a_folder_holding_another_dataset_is_not_overwritten() {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts/profile.toml");
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("events.csv"), "event_id,kind,occurred_at\n").expect("write");
    let out = disrupt()
        .args(["import"])
        .arg(&profile)
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to replace them"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("events.csv")).expect("kept"),
        "event_id,kind,occurred_at\n"
    );
}

/// A rejected row keeps the cells the profile maps, so it can be fixed, and nothing the
/// import would not have copied: an unmapped case number and a narrative read only for
/// keywords are withheld in the quarantine, as in the dataset.
#[test]
fn a_rejected_row_keeps_only_the_mapped_cells() {
    let log = "Ref,Date,Details,Case Number\n\
               I1,2026-03-01,Seen with an older male at the hotel,CS8812\n\
               I2,31/02/2026,Grooming concern reported by staff,CS8813\n";
    let profile = r#"
[[events]]
file = "log.csv"
[events.columns]
event_id = "Ref"
kind = { value = "intelligence" }
occurred_at = "Date"
easting = { value = "531000" }
northing = { value = "176600" }
category = { from_text = ["Details"], keywords = { cse = ["grooming"] } }
"#;
    let dir = folder(profile, &[("log.csv", log.as_bytes())]);
    let i = run(dir.path());
    assert_eq!(i.sources[0].rejected.len(), 1, "31/02 is no date");
    let out = dir.path().join("out");
    write(&i, &out, OutputFormat::Csv).expect("write");
    let q = std::fs::read_to_string(
        out.join("rejected")
            .join(format!("{}.csv", i.sources[0].name)),
    )
    .expect("quarantine");
    let row = q.lines().nth(1).expect("the rejected row");
    assert!(
        row.starts_with("I2,31/02/2026,[not imported],[not imported],"),
        "{row}"
    );
    assert!(!q.contains("Grooming") && !q.contains("CS8813"), "{q}");
}

/// A profile named without a folder (run from inside the extracts' folder) imports as
/// one given with its folder does.
#[test]
fn a_profile_named_without_its_folder_imports() {
    let extracts = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("imported");
    let text = stdout_ok(
        disrupt()
            .current_dir(&extracts)
            .args(["import", "profile.toml", "--out"])
            .arg(&out),
    );
    assert!(
        text.contains("the contract check accepts 174 rows"),
        "{text}"
    );
    assert!(out.join("events.csv").is_file());
}
