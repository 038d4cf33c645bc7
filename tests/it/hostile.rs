//! The hostile-input suite: one fixture folder per kind of bad input, each with the exact
//! rejection counts and reasons it must produce. Nothing may panic, nothing may vanish:
//! for every table, read = accepted + rejected.

use crate::support::hostile_case;
use disrupt::ingest::{IngestError, IngestOptions, Loaded, Table, load};
use disrupt::model::AsOf;

fn as_of(s: &str) -> Option<AsOf> {
    Some(AsOf(disrupt::model::time::parse_date(s).expect("date")))
}

fn run(case: &str, as_of: Option<AsOf>) -> Result<Loaded, IngestError> {
    let dir = hostile_case(case);
    load(dir.path(), &IngestOptions { as_of })
}

fn ok(case: &str, as_of: Option<AsOf>) -> Loaded {
    let loaded = run(case, as_of).unwrap_or_else(|e| panic!("{case}: {e}"));
    for (table, r) in &loaded.reports {
        assert_eq!(
            r.read,
            r.accepted + r.rejected,
            "{case}/{table}: read != accepted + rejected"
        );
        assert_eq!(r.rejected, loaded.quarantine.rejections(*table).len());
    }
    loaded
}

fn err(case: &str) -> String {
    match run(case, None) {
        Ok(_) => panic!("{case}: expected an error"),
        Err(e) => e.to_string(),
    }
}

/// (read, accepted, rejected) of a table.
fn counts(l: &Loaded, t: Table) -> (usize, usize, usize) {
    let r = &l.reports[&t];
    (r.read, r.accepted, r.rejected)
}

/// The reason text of the rejected row at data row `row`.
fn reason(l: &Loaded, t: Table, row: usize) -> String {
    l.quarantine
        .rejections(t)
        .iter()
        .find(|r| r.row == row)
        .unwrap_or_else(|| panic!("{t}: no rejection at row {row}"))
        .reason_text()
}

#[test]
fn base_fixture_is_clean() {
    let l = ok("header_only", as_of("2026-03-14"));
    assert!(l.reports.values().all(|r| r.read == 0));
    let dir = crate::support::fixtures().join("base");
    let l = load(&dir, &IngestOptions::default()).expect("base loads");
    assert_eq!(l.dataset.as_of.0.to_string(), "2026-03-14");
    assert!(l.as_of_inferred);
    assert_eq!(l.quarantine.total(), 0);
    assert_eq!(counts(&l, Table::Events), (4, 4, 0));
    assert_eq!(
        l.reports[&Table::Events].expired,
        1,
        "E3's review_by is before as-of"
    );
    assert_eq!(l.dataset.event_people.len(), 4);
    assert_eq!(l.dataset.links.len(), 2);
    assert_eq!(l.dataset.actions.len(), 2);
}

#[test]
fn empty_file_is_a_clear_error() {
    let e = err("empty_file");
    assert!(e.contains("places.csv: the file is empty"), "{e}");
    assert!(
        e.contains("place_id,name,kind"),
        "the hint shows the header: {e}"
    );
}

#[test]
fn header_only_tables_need_an_as_of() {
    assert!(matches!(run("header_only", None), Err(IngestError::NoAsOf)));
}

#[test]
fn missing_header_is_a_clear_error() {
    let e = err("missing_header");
    assert!(
        e.contains("missing required column(s) place_id, kind"),
        "{e}"
    );
    assert!(e.contains("the first line must be the header"), "{e}");
}

#[test]
fn wrong_delimiter_is_named() {
    let e = err("semicolons");
    assert!(e.contains("delimited by semicolons"), "{e}");
}

#[test]
fn binary_junk_is_refused() {
    let e = err("binary_junk");
    assert!(
        e.contains("events.csv: this is not a text CSV file (it contains NUL bytes"),
        "{e}"
    );
}

#[test]
fn very_long_lines_are_read_and_reasons_clipped() {
    let l = ok("long_lines", None);
    assert_eq!(counts(&l, Table::Places), (5, 4, 1));
    let long_name = l
        .dataset
        .place_by_key("L1")
        .and_then(|p| p.name.clone())
        .expect("L1 accepted");
    assert_eq!(long_name.len(), 1_000_000);
    let r = reason(&l, Table::Places, 5);
    assert!(r.starts_with("kind: 'kkkk"), "{r}");
    assert!(
        r.contains("(2000000 characters)' is not one of hotel, bnb"),
        "{r}"
    );
    assert!(r.len() < 1_000, "a reason never carries a megabyte cell");
}

#[test]
fn windows_line_endings_are_read() {
    let l = ok("crlf", None);
    assert_eq!(l.quarantine.total(), 0);
    assert_eq!(counts(&l, Table::Places), (3, 3, 0));
    assert_eq!(
        l.dataset
            .place_by_key("P1")
            .and_then(|p| p.area.clone())
            .as_deref(),
        Some("Herne Hill")
    );
    assert_eq!(l.dataset.links.len(), 2);
}

#[test]
fn byte_order_mark_is_removed() {
    let l = ok("bom", None);
    assert_eq!(counts(&l, Table::People), (4, 4, 0));
    assert!(l.dataset.person_by_key("C1").is_some());
    assert_eq!(
        l.reports[&Table::People].notes,
        vec!["removed a UTF-8 byte-order mark".to_string()]
    );
}

#[test]
fn windows_1252_is_decoded_and_noted() {
    let l = ok("windows_1252", None);
    assert_eq!(counts(&l, Table::People), (4, 4, 0));
    let name = l
        .dataset
        .person_by_key("C1")
        .and_then(|p| p.display_name.clone());
    assert_eq!(name.as_deref(), Some("Zoë Ä"));
    assert!(l.reports[&Table::People].notes[0].contains("decoded as Windows-1252"));
}

#[test]
fn utf16_is_decoded() {
    let l = ok("utf16", None);
    assert_eq!(counts(&l, Table::Places), (3, 3, 0));
    assert_eq!(
        l.reports[&Table::Places].notes,
        vec!["decoded from UTF-16LE".to_string()]
    );
}

#[test]
fn ragged_rows_are_quarantined_one_by_one() {
    let l = ok("ragged", None);
    assert_eq!(counts(&l, Table::Places), (5, 3, 2));
    assert!(reason(&l, Table::Places, 4).contains("the row has 10 fields but the header has 9"));
    assert!(reason(&l, Table::Places, 5).contains("the row has 3 fields but the header has 9"));
}

#[test]
fn unbalanced_quote_is_quarantined_with_a_hint() {
    let l = ok("unbalanced_quote", None);
    assert_eq!(counts(&l, Table::Places), (4, 3, 1));
    let r = reason(&l, Table::Places, 4);
    assert!(r.contains("a quoted field runs across lines"), "{r}");
    // The swallowed line is not lost: it is inside the quarantined row.
    let q = &l.quarantine.rejections(Table::Places)[0];
    assert!(q.fields.iter().any(|f| f.contains("Q2,After")));
}

#[test]
fn bad_values_name_column_and_value() {
    let l = ok("bad_values", None);
    assert_eq!(counts(&l, Table::Places), (16, 3, 13));
    let p = |row| reason(&l, Table::Places, row);
    assert_eq!(
        p(4),
        "kind: 'casino' is not one of hotel, bnb, takeaway, shop, off_licence, pub_bar, nightclub, shisha_lounge, \
         car_wash, nail_bar, park, open_space, transport_hub, car_park, residential, hmo, school, youth_club, other"
    );
    assert_eq!(p(5), "lat: 'NaN' is not a finite number");
    assert!(
        p(6).starts_with("lat 48.8566, lon 2.3522 is outside the UK's extent"),
        "{}",
        p(6)
    );
    assert!(p(7).ends_with("lat and lon look swapped"), "{}", p(7));
    assert_eq!(p(8), "lon: is empty but lat is given");
    assert_eq!(p(9), "lon: 'west' is not a number");
    assert!(
        p(10).starts_with("easting 900000, northing 175500 is off the National Grid"),
        "{}",
        p(10)
    );
    assert!(
        p(11).contains("lat/lon and easting/northing are") && p(11).contains("m apart"),
        "{}",
        p(11)
    );
    assert!(p(12).starts_with("no coordinates"), "{}", p(12));
    assert_eq!(
        p(13),
        "licensed: 'maybe' is not a boolean (true/false/yes/no/1/0)"
    );
    assert_eq!(p(14), "place_id: is empty but required");
    assert!(p(15).starts_with("kind: 'casino'"));
    let all = p(16);
    assert_eq!(
        all.matches("; ").count(),
        2,
        "three problems, all named: {all}"
    );
    assert!(all.contains("kind: is empty but required"));
    assert!(all.contains("lat 999, lon -0.11 is not a position on Earth"));
    assert!(all.contains("licensed: 'perhaps' is not a boolean"));

    assert_eq!(counts(&l, Table::People), (8, 5, 3));
    assert!(
        reason(&l, Table::People, 5)
            .starts_with("role: 'perp' is not one of child, peer, perpetrator")
    );
    assert_eq!(
        reason(&l, Table::People, 6),
        "birth_year: 2031 is not between 1900 and 2026 (the as-of year)"
    );
    assert_eq!(
        reason(&l, Table::People, 7),
        "birth_year: 'twenty' is not a whole number"
    );
    assert_eq!(
        l.dataset.person_by_key("D4").and_then(|p| p.birth_year),
        Some(2012)
    );

    assert_eq!(counts(&l, Table::Events), (11, 5, 6));
    let e = |row| reason(&l, Table::Events, row);
    assert!(e(5).starts_with("kind: 'missing' is not one of missing_from, missing_found"));
    assert_eq!(
        e(6),
        "occurred_at: '14/03/2026' is not an ISO 8601 date: write 2026-03-14 or 2026-03-14T21:30:00"
    );
    assert_eq!(
        e(7),
        "occurred_at: '2026-02-30' is not a real calendar date"
    );
    assert_eq!(e(8), "grading: '4AP': source grade must be 1, 2 or 3");
    assert!(e(9).starts_with("review_by: 'next year' is not an ISO 8601 date"));
    assert!(e(10).starts_with("no place_id and no coordinates"));
    let absent = l
        .dataset
        .events
        .iter()
        .find(|e| e.key == "V7")
        .expect("absent_found accepted");
    assert_eq!(absent.kind, disrupt::model::EventKind::MissingFound);
}

#[test]
fn duplicate_ids_identical_copies_and_conflicts() {
    let l = ok("duplicates", None);
    assert_eq!(counts(&l, Table::Places), (5, 2, 3));
    let h1 = "place_id: 'H1' appears in 2 rows (1, 4) with different values; ids must be unique";
    assert_eq!(reason(&l, Table::Places, 1), h1);
    assert_eq!(reason(&l, Table::Places, 4), h1);
    assert_eq!(
        reason(&l, Table::Places, 5),
        "place_id: 'P1' repeats row 3 exactly; the first copy is kept"
    );
    // Everything that refers to the conflicting H1 is rejected with that reason.
    assert_eq!(counts(&l, Table::Events), (4, 3, 1));
    assert_eq!(
        reason(&l, Table::Events, 1),
        "place_id: 'H1' refers to a places row that was rejected (see rejected/places.csv)"
    );
    assert_eq!(counts(&l, Table::EventPeople), (4, 3, 1));
    assert!(
        reason(&l, Table::EventPeople, 1)
            .starts_with("event_id: 'E1' refers to a events row that was rejected")
    );
    assert_eq!(counts(&l, Table::Actions), (2, 1, 1));
}

#[test]
fn references_self_links_and_future_events() {
    let l = ok("references", as_of("2026-03-14"));
    assert_eq!(counts(&l, Table::Events), (6, 4, 2));
    assert_eq!(
        reason(&l, Table::Events, 5),
        "place_id: 'NOPE' is not in places"
    );
    assert_eq!(
        reason(&l, Table::Events, 6),
        "occurred_at: 2026-03-20 00:00:00 is after --as-of 2026-03-14; events cannot be in the future"
    );
    assert_eq!(counts(&l, Table::EventPeople), (8, 4, 4));
    assert_eq!(
        reason(&l, Table::EventPeople, 5),
        "person_id: 'GHOST' is not in people"
    );
    assert!(
        reason(&l, Table::EventPeople, 6)
            .starts_with("event_id: 'R1' refers to a events row that was rejected")
    );
    assert_eq!(
        reason(&l, Table::EventPeople, 7),
        "repeats an earlier row for the same event, person and involvement"
    );
    assert!(
        reason(&l, Table::EventPeople, 8)
            .starts_with("involvement: 'bystander' is not one of subject, victim")
    );
    assert_eq!(counts(&l, Table::Links), (5, 2, 3));
    assert_eq!(
        reason(&l, Table::Links, 3),
        "links 'C2' to itself; a link joins two different people"
    );
    assert!(
        reason(&l, Table::Links, 4).starts_with("kind: 'friend' is not one of associate, sibling")
    );
    assert_eq!(
        reason(&l, Table::Links, 5),
        "until: 2025-01-01 is before since 2026-01-01"
    );
    assert_eq!(counts(&l, Table::Actions), (4, 2, 2));
    assert_eq!(
        reason(&l, Table::Actions, 3),
        "target_id: 'X1' is not in places"
    );
    assert!(
        reason(&l, Table::Actions, 4)
            .starts_with("status: 'pending' is not one of planned, active")
    );
}

#[test]
fn the_as_of_default_is_the_latest_event_date() {
    let l = ok("references", None);
    assert_eq!(l.dataset.as_of.0.to_string(), "2026-03-20");
    assert_eq!(
        counts(&l, Table::Events),
        (6, 5, 1),
        "R2 is no longer in the future"
    );
}

#[test]
fn a_stray_nul_byte_costs_one_row_not_the_file() {
    let l = ok("nul_byte", None);
    assert_eq!(counts(&l, Table::Places), (4, 3, 1));
    assert_eq!(
        reason(&l, Table::Places, 4),
        "place_id: 'N\\01' contains control characters or bytes that are not text"
    );
}
