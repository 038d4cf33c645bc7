use super::{Context, Outcome, validate_rows};
use crate::ingest::{RawTable, Reason, Table};
use crate::model::{CareStatus, Person, PersonId, PlaceId, Role};

/// Validates `people`: a unique `person_id`, a known `role`, a plausible `birth_year`
/// (1900 to the as-of year), a known `care_status` that does not contradict
/// `looked_after`, and a `home_place_id` that is an accepted place.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<Person> {
    validate_rows(raw, Some("person_id"), |rc, index| {
        let key = rc.required("person_id");
        let role = rc.vocab::<Role>("role");
        let birth_year = rc.integer_opt("birth_year").and_then(|y| {
            let max = ctx.as_of.map(|a| i64::from(a.year())).unwrap_or(2100);
            if (1900..=max).contains(&y) {
                i32::try_from(y).ok()
            } else {
                rc.push(Reason::column(
                    "birth_year",
                    "implausible",
                    format!("{y} is not between 1900 and {max} (the as-of year)"),
                ));
                None
            }
        });
        let looked_after = rc.boolean_opt("looked_after");
        let care_status = rc.vocab_opt::<CareStatus>("care_status");
        if let (Some(status), Some(false)) = (care_status, looked_after)
            && status.implies_looked_after() == Some(true)
        {
            rc.push(Reason::column(
                "care_status",
                "contradicts looked_after",
                format!(
                    "{status} makes the child looked after (Children Act 1989 s.22(1)), but looked_after is false: correct one of the two"
                ),
            ));
        }
        let home = rc.text("home_place_id").and_then(|k| {
            ctx.places
                .resolve("home_place_id", k, Table::Places)
                .map_err(|r| rc.push(r))
                .ok()
        });
        Some(Person {
            id: PersonId(index),
            key: key?.to_string(),
            role: role?,
            birth_year,
            looked_after: looked_after
                .or_else(|| care_status.and_then(|s| s.implies_looked_after())),
            care_status,
            display_name: rc.optional("display_name"),
            sex: rc.optional("sex"),
            ethnicity: rc.optional("ethnicity"),
            home: home.map(PlaceId),
        })
    })
}
