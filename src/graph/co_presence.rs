//! Co-presence windows at one place: which later events each event pairs with, and
//! which windows are too crowded to infer anything. One rule for the network's ties and
//! the place score's child–person-of-concern pairs, so the two never disagree.

use crate::model::{EventId, PersonId};
use chrono::{Duration, NaiveDateTime};
use std::collections::HashMap;

/// The co-presence window of one event at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The event's position in the place's time-ordered events.
    pub at: usize,
    /// One past the last later event within the window: events `at + 1 .. end` are
    /// co-present with it (unless `crowded`).
    pub end: usize,
    /// More distinct people than the cap are recorded at the place within the window
    /// before or after the event: being there at the same time says nothing about
    /// knowing each other, so no co-presence between different events is inferred.
    /// (People in the same event are still together.)
    pub crowded: bool,
}

/// The window of every event at a place.
///
/// # Arguments
/// * `events` — the place's events, sorted by time.
/// * `time`, `people` — each event's time and the people recorded in it.
/// * `window` — co-presence window (default 3 hours).
/// * `cap` — the most distinct people a window may hold before it counts as crowded.
///
/// # Complexity
/// O(e + p) hash operations for e events and p person mentions: the window's bounds
/// only move forward, and the crowd is counted incrementally as they do.
pub fn windows<'p>(
    events: &[EventId],
    time: impl Fn(EventId) -> NaiveDateTime,
    people: impl Fn(EventId) -> &'p [PersonId],
    window: Duration,
    cap: usize,
) -> Vec<Window> {
    let mut out = Vec::with_capacity(events.len());
    // How many events in [lo, end) mention each person.
    let mut crowd: HashMap<PersonId, u32> = HashMap::new();
    let (mut lo, mut end) = (0, 0);
    for (i, &a) in events.iter().enumerate() {
        let ta = time(a);
        while end < events.len() && time(events[end]) - ta <= window {
            for &p in people(events[end]) {
                *crowd.entry(p).or_default() += 1;
            }
            end += 1;
        }
        while ta - time(events[lo]) > window {
            for p in people(events[lo]) {
                if let Some(n) = crowd.get_mut(p) {
                    *n -= 1;
                    if *n == 0 {
                        crowd.remove(p);
                    }
                }
            }
            lo += 1;
        }
        out.push(Window {
            at: i,
            end,
            crowded: crowd.len() > cap,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reach_three_hours_ahead_and_count_the_crowd_on_both_sides() {
        let t0 = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("time");
        // Events at 0 h, 1 h, 3 h and 5 h; each with its own person, the second with two.
        let hours = [0, 1, 3, 5];
        let who: Vec<Vec<PersonId>> = vec![
            vec![PersonId(0)],
            vec![PersonId(1), PersonId(2)],
            vec![PersonId(3)],
            vec![PersonId(4)],
        ];
        let events: Vec<EventId> = (0..4).map(EventId).collect();
        let w = windows(
            &events,
            |e| t0 + Duration::hours(hours[e.index()]),
            |e| &who[e.index()],
            Duration::hours(3),
            3,
        );
        // 0 h pairs with 1 h and 3 h (3 h is within, inclusive); its crowd is 4 people.
        assert_eq!(
            w[0],
            Window {
                at: 0,
                end: 3,
                crowded: true
            }
        );
        // 1 h sees 0 h, 3 h behind and ahead: 4 people.
        assert_eq!(
            w[1],
            Window {
                at: 1,
                end: 3,
                crowded: true
            }
        );
        // 3 h sees 1 h, 5 h (0 h is 3 h back, still inside): all 5 people.
        assert_eq!(
            w[2],
            Window {
                at: 2,
                end: 4,
                crowded: true
            }
        );
        // 5 h sees 3 h only (1 h is 4 h back): 2 people.
        assert_eq!(
            w[3],
            Window {
                at: 3,
                end: 4,
                crowded: false
            }
        );
    }
}
