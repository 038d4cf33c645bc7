//! Header names that mean each contract field, per table, and the match of a header
//! to its field (by letters and digits only, in lower case).

use crate::ingest::Table;

/// A contract field and the header names that mean it.
type Synonyms = &'static [(&'static str, &'static [&'static str])];

/// Header names (lower case, letters and digits only) that mean each contract field,
/// per table.
fn synonyms(table: Table) -> Synonyms {
    match table {
        Table::Events => EVENTS_SYNONYMS,
        Table::Places => PLACES_SYNONYMS,
        Table::People => PEOPLE_SYNONYMS,
        Table::EventPeople => EVENT_PEOPLE_SYNONYMS,
        Table::Links => LINKS_SYNONYMS,
        Table::Actions => ACTIONS_SYNONYMS,
    }
}

/// Header names that mean each field of the events table.
const EVENTS_SYNONYMS: Synonyms = &[
    (
        "event_id",
        &[
            "eventid",
            "occurrenceref",
            "occurrenceno",
            "occurrencenumber",
            "incidentref",
            "incidentno",
            "episodeid",
            "episoderef",
            "intelref",
            "intelligenceref",
            "logref",
            "urn",
            "crimeref",
            "crimeno",
        ],
    ),
    (
        "occurred_at",
        &[
            "occurredat",
            "reporteddate",
            "reporteddatetime",
            "occurreddate",
            "incidentdate",
            "date",
            "datetime",
            "datemissing",
            "missingdate",
            "datereported",
            "recordeddate",
            "intelligencedate",
            "datefound",
            "founddate",
        ],
    ),
    (
        "kind",
        &[
            "kind",
            "occurrencetype",
            "incidenttype",
            "eventtype",
            "type",
            "episodetype",
        ],
    ),
    (
        "category",
        &[
            "category",
            "flags",
            "flag",
            "crimetype",
            "exploitationtype",
            "concern",
        ],
    ),
    (
        "grading",
        &["grading", "grade", "3x5x2", "evaluation", "intelgrading"],
    ),
    (
        "place_id",
        &["placeid", "premisesref", "locationid", "premisesid"],
    ),
    (
        "postcode",
        &[
            "postcode",
            "locationpostcode",
            "foundpostcode",
            "foundatpostcode",
            "occurrencepostcode",
        ],
    ),
    ("uprn", &["uprn", "locationuprn"]),
    ("lat", &["lat", "latitude"]),
    ("lon", &["lon", "lng", "longitude"]),
    ("easting", &["easting", "eastings", "x", "xcoordinate"]),
    ("northing", &["northing", "northings", "y", "ycoordinate"]),
    ("source_ref", &["sourceref"]),
    ("review_by", &["reviewby", "reviewdate", "retentionreview"]),
];

/// Header names that mean each field of the places table.
const PLACES_SYNONYMS: Synonyms = &[
    (
        "place_id",
        &[
            "placeid",
            "premisesref",
            "premisesid",
            "locationid",
            "siteref",
        ],
    ),
    (
        "name",
        &[
            "name",
            "premisesname",
            "premises",
            "tradingname",
            "sitename",
        ],
    ),
    (
        "kind",
        &["kind", "premisestype", "type", "category", "sitetype"],
    ),
    ("postcode", &["postcode"]),
    ("uprn", &["uprn"]),
    ("lat", &["lat", "latitude"]),
    ("lon", &["lon", "lng", "longitude"]),
    ("easting", &["easting", "eastings", "x"]),
    ("northing", &["northing", "northings", "y"]),
    ("licensed", &["licensed", "premiseslicence", "licence"]),
    ("area", &["area", "ward", "neighbourhood"]),
];

/// Header names that mean each field of the people table.
const PEOPLE_SYNONYMS: Synonyms = &[
    (
        "person_id",
        &[
            "personid",
            "nominal",
            "nominalref",
            "nominalid",
            "caseno",
            "caseref",
            "casenumber",
            "childid",
            "personref",
            "pncid",
        ],
    ),
    ("role", &["role", "persontype", "nominaltype"]),
    (
        "birth_year",
        &[
            "birthyear",
            "yearofbirth",
            "dob",
            "dateofbirth",
            "birthdate",
        ],
    ),
    (
        "looked_after",
        &["lookedafter", "lac", "cla", "incare", "childlookedafter"],
    ),
    (
        "display_name",
        &[
            "displayname",
            "name",
            "childname",
            "fullname",
            "personname",
            "subjectname",
        ],
    ),
    ("sex", &["sex", "gender"]),
    ("ethnicity", &["ethnicity", "ethnicorigin", "ethnicitycode"]),
    ("home_place_id", &["homeplaceid", "homeaddressref"]),
];

/// Header names that mean each field of the event people table.
const EVENT_PEOPLE_SYNONYMS: Synonyms = &[
    (
        "event_id",
        &[
            "eventid",
            "occurrenceref",
            "incidentref",
            "episodeid",
            "intelref",
        ],
    ),
    (
        "person_id",
        &["personid", "nominal", "nominalref", "subject", "caseno"],
    ),
    ("involvement", &["involvement", "role", "involvementtype"]),
];

/// Header names that mean each field of the links table.
const LINKS_SYNONYMS: Synonyms = &[
    ("from_id", &["fromid", "from", "person1", "nominal1"]),
    ("to_id", &["toid", "to", "person2", "nominal2"]),
    ("kind", &["kind", "relationship", "linktype", "association"]),
    ("since", &["since", "startdate", "from date"]),
    ("until", &["until", "enddate"]),
    ("grading", &["grading", "grade"]),
];

/// Header names that mean each field of the actions table.
const ACTIONS_SYNONYMS: Synonyms = &[
    ("action_id", &["actionid", "actionref"]),
    ("target_type", &["targettype"]),
    ("target_id", &["targetid"]),
    ("tool_id", &["toolid", "tool", "tactic"]),
    ("agency", &["agency", "lead", "leadagency"]),
    ("started_on", &["startedon", "startdate", "start"]),
    ("ended_on", &["endedon", "enddate", "end"]),
    ("status", &["status"]),
];

pub(super) fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which contract field a header means in `table`.
pub(super) fn field_for(table: Table, header: &str) -> Option<&'static str> {
    let s = squash(header);
    synonyms(table)
        .iter()
        .find(|(_, names)| names.contains(&s.as_str()))
        .map(|(field, _)| *field)
}
