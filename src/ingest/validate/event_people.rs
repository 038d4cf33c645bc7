use super::{Context, Outcome, validate_rows};
use crate::ingest::{RawTable, Reason, Table};
use crate::model::{EventId, EventPerson, Involvement, PersonId};
use foldhash::HashSet;

/// Validates `event_people`: an accepted `event_id` and `person_id`, a known
/// `involvement` if given. A row repeating an earlier (event, person, involvement) is
/// rejected as a duplicate.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<EventPerson> {
    let mut seen = HashSet::default();
    validate_rows(raw, None, |rc, _| {
        let event = rc.required("event_id").and_then(|k| {
            ctx.events
                .resolve("event_id", k, Table::Events)
                .map_err(|r| rc.push(r))
                .ok()
        });
        let person = rc.required("person_id").and_then(|k| {
            ctx.people
                .resolve("person_id", k, Table::People)
                .map_err(|r| rc.push(r))
                .ok()
        });
        let involvement = rc.vocab_opt::<Involvement>("involvement");
        let ep = EventPerson {
            event: EventId(event?),
            person: PersonId(person?),
            involvement,
        };
        if rc.is_clean() && !seen.insert((ep.event, ep.person, ep.involvement)) {
            rc.push(Reason::row(
                "duplicate",
                "repeats an earlier row for the same event, person and involvement",
            ));
        }
        Some(ep)
    })
}
