use super::{Context, Outcome, coords, validate_rows_in_parallel};
use crate::ingest::{RawTable, Reason, RowCheck, Table};
use crate::model::{Event, EventId, EventKind, PlaceId, Provenance};
use compact_str::CompactString;

/// Validates `events`: a unique `event_id`, a known `kind`, an `occurred_at` no later
/// than the as-of day, and a place (an accepted `place_id`) or coordinates. Each row is
/// read on its own, so rows are checked in parallel.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<Event> {
    let check = |rc: &mut RowCheck<'_>| check(rc, ctx);
    validate_rows_in_parallel(raw, Some("event_id"), check, |e, i| e.id = EventId(i))
}

/// One row of `events` as an event (numbered later, once accepted), its problems pushed
/// to `rc`.
fn check(rc: &mut RowCheck<'_>, ctx: &Context) -> Option<Event> {
    {
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
            key: key?.into(),
            kind: kind?,
            occurred_at: occurred_at?,
            place: place.map(PlaceId),
            location: location?,
            category: rc.text("category").map(|c| {
                let mut c = CompactString::from(c);
                c.make_ascii_lowercase();
                c
            }),
            provenance,
        })
    }
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
        source: rc.text("source").map(CompactString::from),
        source_ref: rc.text("source_ref").map(CompactString::from),
        review_by: rc.date_opt("review_by"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::validate_rows;
    use super::*;
    use crate::ingest::source::{Format, SourceFile};
    use crate::model::AsOf;

    /// Rows across several parallel blocks, with exact and conflicting duplicate ids,
    /// unknown kinds, future dates and rows without a location, in no particular order.
    fn events_csv(rows: usize) -> Vec<u8> {
        let mut csv = String::from("event_id,kind,occurred_at,easting,northing\n");
        for i in 0..rows {
            let id = (i * 7919) % rows;
            let kind = if i % 97 == 0 {
                "unheard_of"
            } else {
                "sighting"
            };
            let day = if i % 211 == 0 {
                "2031-01-01"
            } else {
                "2025-03-04"
            };
            let (e, n) = if i % 307 == 0 {
                (String::new(), String::new())
            } else {
                ((530000 + i % 900).to_string(), "180000".to_string())
            };
            csv.push_str(&format!("E{id},{kind},{day}T10:00:00,{e},{n}\n"));
            if i % 1009 == 0 {
                csv.push_str(&format!("E{id},{kind},{day}T10:00:00,{e},{n}\n"));
            }
            if i % 1013 == 0 {
                csv.push_str(&format!("E{id},incident,{day}T11:00:00,{e},{n}\n"));
            }
        }
        csv.into_bytes()
    }

    #[test]
    fn the_parallel_check_gives_the_sequential_checks_records_ids_and_rejections() {
        let raw = RawTable::from_source(
            Table::Events,
            SourceFile {
                path: "events.csv".into(),
                format: Format::Csv,
                bytes: events_csv(4 * super::super::PARALLEL_BLOCK + 123),
                sha256: String::new(),
                notes: Vec::new(),
            },
        )
        .expect("readable");
        let ctx = Context {
            as_of: Some(AsOf(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
            )),
            ..Context::default()
        };
        let parallel = validate(&raw, &ctx);
        let sequential = validate_rows(&raw, Some("event_id"), |rc, index| {
            check(rc, &ctx).map(|e| Event {
                id: EventId(index),
                ..e
            })
        });
        assert!(parallel.records.len() > 3 * super::super::PARALLEL_BLOCK);
        assert!(parallel.rejections.len() > 1000);
        assert_eq!(parallel.records, sequential.records);
        for (i, e) in parallel.records.iter().enumerate() {
            assert_eq!(e.id, EventId(i as u32));
            assert_eq!(
                parallel.keys.resolve("event_id", &e.key, Table::Events),
                Ok(e.id.0)
            );
        }
        let shown = |o: &Outcome<Event>| -> Vec<(usize, Vec<String>)> {
            o.rejections
                .iter()
                .map(|r| (r.row, r.reasons.iter().map(|x| format!("{x:?}")).collect()))
                .collect()
        };
        assert_eq!(shown(&parallel), shown(&sequential));
    }
}
