//! An index of a dataset's admitted events by person, by place and in time order.

use super::{Dataset, EventId, PersonId, PlaceId};

/// The events admitted to analysis (not expired, not withheld), by person, by place
/// (after snapping) and in time order: built once, so an assessment that considers many
/// people and places never scans every event for each.
#[derive(Debug, Clone, Default)]
pub struct EventIndex {
    by_person: Vec<Vec<EventId>>,
    by_place: Vec<Vec<EventId>>,
    by_time: Vec<EventId>,
    by_event: Vec<Vec<PersonId>>,
}

impl EventIndex {
    /// Indexes `d`'s admitted events.
    ///
    /// # Arguments
    /// * `place_of` — each event's place after snapping, by event index.
    ///
    /// # Complexity
    /// O(E log E + P) for E events and P event–person rows.
    pub fn new(d: &Dataset, place_of: &[Option<PlaceId>]) -> Self {
        let admitted: Vec<bool> = d
            .events
            .iter()
            .map(|e| d.exclusion(&e.provenance).is_none())
            .collect();
        let order = d.time_order();
        let by_time: Vec<EventId> = order
            .events()
            .iter()
            .copied()
            .filter(|e| admitted[e.index()])
            .collect();
        let mut by_person: Vec<Vec<EventId>> = vec![Vec::new(); d.people.len()];
        let mut by_event: Vec<Vec<PersonId>> = vec![Vec::new(); d.events.len()];
        for ep in &d.event_people {
            if admitted[ep.event.index()] {
                by_person[ep.person.index()].push(ep.event);
                by_event[ep.event.index()].push(ep.person);
            }
        }
        for v in &mut by_event {
            v.sort();
            v.dedup();
        }
        let mut by_place: Vec<Vec<EventId>> = vec![Vec::new(); d.places.len()];
        for &e in &by_time {
            if let Some(p) = place_of.get(e.index()).copied().flatten() {
                by_place[p.index()].push(e);
            }
        }
        for v in &mut by_person {
            v.sort_by_key(|e| order.rank(*e));
            v.dedup();
        }
        EventIndex {
            by_person,
            by_place,
            by_time,
            by_event,
        }
    }

    /// The people recorded in an admitted event, by dense id.
    pub fn people_of(&self, e: EventId) -> &[PersonId] {
        self.by_event.get(e.index()).map_or(&[], Vec::as_slice)
    }

    /// A person's events, in time order.
    pub fn person(&self, p: PersonId) -> &[EventId] {
        self.by_person.get(p.index()).map_or(&[], Vec::as_slice)
    }

    /// A place's events, in time order.
    pub fn place(&self, p: PlaceId) -> &[EventId] {
        self.by_place.get(p.index()).map_or(&[], Vec::as_slice)
    }

    /// Every admitted event that occurred in `[from, to)`, in time order.
    pub fn between(
        &self,
        d: &Dataset,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> &[EventId] {
        let at = |e: &EventId| d.events[e.index()].occurred_at;
        let lo = self.by_time.partition_point(|e| at(e) < from);
        let hi = self.by_time.partition_point(|e| at(e) < to);
        &self.by_time[lo..hi.max(lo)]
    }
}
