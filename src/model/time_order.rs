//! The events in time order: the canonical order in which the engine sums, lists and
//! breaks ties, so that no result depends on the order of rows in the input.

use super::{Event, EventId};
use rayon::prelude::*;

/// Every event's place in time order: by `occurred_at`, then `event_id` (the key as
/// given), then dense id (which only matters for a dataset built in code with a key
/// twice: ingest rejects repeats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOrder {
    /// The events, earliest first.
    order: Vec<EventId>,
    /// Each event's position in `order`, by dense id.
    rank: Vec<u32>,
}

impl TimeOrder {
    /// The order of `events`. O(n log n), sorted in parallel; the order is total, so it
    /// is the same on any thread count.
    pub fn of(events: &[Event]) -> Self {
        let mut order: Vec<EventId> = events.iter().map(|e| e.id).collect();
        order.par_sort_unstable_by(|a, b| {
            let (x, y) = (&events[a.index()], &events[b.index()]);
            (x.occurred_at, &x.key, a).cmp(&(y.occurred_at, &y.key, b))
        });
        let mut rank = vec![0u32; events.len()];
        for (r, e) in order.iter().enumerate() {
            rank[e.index()] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        TimeOrder { order, rank }
    }

    /// The events, earliest first.
    pub fn events(&self) -> &[EventId] {
        &self.order
    }

    /// The position of event `e` in time order: sorting ids by it sorts them by time,
    /// then key.
    pub fn rank(&self, e: EventId) -> u32 {
        self.rank[e.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bng, EventKind, Provenance};

    fn event(id: u32, key: &str, day: u32, hour: u32) -> Event {
        Event {
            id: EventId(id),
            key: key.into(),
            kind: EventKind::Sighting,
            occurred_at: chrono::NaiveDate::from_ymd_opt(2026, 3, day)
                .and_then(|d| d.and_hms_opt(hour, 0, 0))
                .expect("a date"),
            place: None,
            location: Bng {
                easting: 0.0,
                northing: 0.0,
            },
            category: None,
            provenance: Provenance::default(),
        }
    }

    #[test]
    fn events_are_ordered_by_time_then_key_then_id_and_ranked_by_that_order() {
        let events = vec![
            event(0, "E9", 2, 10),
            event(1, "E2", 1, 23),
            event(2, "E1", 2, 10),
            event(3, "E5", 1, 8),
            // A key twice (only a dataset made in code can have it): the id decides.
            event(4, "E9", 2, 10),
        ];
        let order = TimeOrder::of(&events);
        let ids: Vec<u32> = order.events().iter().map(|e| e.0).collect();
        assert_eq!(ids, [3, 1, 2, 0, 4]);
        for (r, e) in order.events().iter().enumerate() {
            assert_eq!(order.rank(*e) as usize, r);
        }
    }
}
