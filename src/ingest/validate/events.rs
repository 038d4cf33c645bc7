use super::{Context, Outcome, coords, validate_rows_in_parallel};
use crate::ingest::{RawTable, Reason, RowCheck, Table};
use crate::model::{Event, EventId, EventKind, PlaceId, Provenance};

/// Validates `events`: a unique `event_id`, a known `kind`, an `occurred_at` no later
/// than the as-of day, and a place (an accepted `place_id`) or coordinates. Each row is
/// read on its own, so rows are checked in parallel.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<Event> {
    let check = |rc: &mut RowCheck<'_>| {
        let key = rc.required("event_id");
        let kind = rc.vocab::<EventKind>("kind");
        let occurred_at = rc.datetime("occurred_at");
        if let (Some(t), Some(as_of)) = (occurred_at, ctx.as_of)
            && as_of.is_future(t)
        {
            rc.push(Reason::column(
                "occurred_at",
                "after --as-of",
                format!(
                    "{t} is after --as-of {}; events cannot be in the future",
                    as_of.0
                ),
            ));
        }
        let place = rc.text("place_id").and_then(|k| {
            ctx.places
                .resolve("place_id", k, Table::Places)
                .map_err(|r| rc.push(r))
                .ok()
        });
        let given = coords::read(rc);
        let location =
            given.or_else(|| place.and_then(|p| ctx.place_locations.get(p as usize).copied()));
        if location.is_none() && rc.text("place_id").is_none() && rc.is_clean() {
            rc.push(Reason::row(
                "no location",
                "no place_id and no coordinates: give place_id, lat/lon or easting/northing",
            ));
        }
        let provenance = provenance(rc);
        Some(Event {
            // Numbered once accepted, in order.
            id: EventId(u32::MAX),
            key: key?.to_string(),
            kind: kind?,
            occurred_at: occurred_at?,
            place: place.map(PlaceId),
            location: location?,
            category: rc.text("category").map(|c| c.to_ascii_lowercase()),
            provenance,
        })
    };
    validate_rows_in_parallel(raw, Some("event_id"), check, |e, i| e.id = EventId(i))
}

/// Reads the provenance columns shared by events and links. A two-character legacy
/// grading takes its handling code from the `handling` column, or `C` without one.
pub fn provenance(rc: &mut RowCheck<'_>) -> Provenance {
    let handling = rc.handling_opt("handling");
    let read = rc.grading_opt("grading", handling);
    Provenance {
        grading: read.map(|r| r.grading),
        handling: if read.is_none() { handling } else { None },
        legacy_grading: read.is_some_and(|r| r.legacy),
        handling_assumed: read.is_some_and(|r| r.handling_assumed),
        source: rc.optional("source"),
        source_ref: rc.optional("source_ref"),
        review_by: rc.date_opt("review_by"),
    }
}
