use super::{Bng, EventId, EventKind, Involvement, PersonId, PlaceId, Provenance};
use chrono::NaiveDateTime;
use compact_str::CompactString;
use serde::Serialize;

/// A recorded event: a missing episode, sighting, incident, intelligence report, ….
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Dense id.
    pub id: EventId,
    /// `event_id` as given in the input.
    pub key: CompactString,
    /// What kind of event it is.
    pub kind: EventKind,
    /// When it happened, local time.
    pub occurred_at: NaiveDateTime,
    /// The place it happened at, when recorded (or, later, snapped).
    pub place: Option<PlaceId>,
    /// Where it happened (metres, BNG): the given coordinates, else the place's.
    pub location: Bng,
    /// Category in lower case (`cse`, `cce`, `drugs_supply`, …), if recorded.
    pub category: Option<CompactString>,
    /// Source, grading and review date.
    pub provenance: Provenance,
}

/// A person's involvement in an event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EventPerson {
    /// The event.
    pub event: EventId,
    /// The person.
    pub person: PersonId,
    /// How they were involved; `None`: not recorded.
    pub involvement: Option<Involvement>,
}
