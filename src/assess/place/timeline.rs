//! When things happen at the place: events by month and by weekday and hour, the
//! busiest time, the night share, and every event in time order.

use crate::model::disclosure::{Count, Derived, Records};
use crate::model::{Dataset, EventKind, PlaceId};
use crate::pipeline::Analysis;
use serde::Serialize;
use std::collections::BTreeMap;

/// One event on the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    /// `event_id`.
    pub event_id: String,
    /// When.
    pub when: String,
    /// Kind.
    pub kind: EventKind,
    /// Category, if recorded.
    pub category: Option<String>,
    /// 3x5x2 grading, if recorded.
    pub grading: Option<String>,
    /// Source system, if recorded.
    pub source: Option<String>,
}

/// When things happen at the place.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Events by month (`2026-03`).
    pub by_month: BTreeMap<String, Count>,
    /// Events by weekday (Monday first) and hour.
    pub hour_weekday: Vec<Vec<Count>>,
    /// The busiest weekday and hour, e.g. `Fri 22:00`.
    pub busiest: Option<String>,
    /// Share of events between 18:00 and 06:00.
    pub night_share: Derived,
    /// Every event, in time order (record level: not for partners).
    pub events: Records<Vec<EventLine>>,
}

pub(super) fn timeline(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    events: &[crate::model::EventId],
) -> Timeline {
    let profile = &a.location.profiles[place.index()];
    let lines = events
        .iter()
        .map(|id| {
            let e = &d.events[id.index()];
            EventLine {
                event_id: e.key.to_string(),
                when: e.occurred_at.format("%Y-%m-%d %H:%M").to_string(),
                kind: e.kind,
                category: e.category.as_deref().map(str::to_string),
                grading: e.provenance.grading.map(|g| g.to_string()),
                source: e.provenance.source.as_deref().map(str::to_string),
            }
        })
        .collect();
    Timeline {
        by_month: profile
            .by_month
            .iter()
            .map(|(k, &n)| (k.clone(), Count(u64::from(n))))
            .collect(),
        hour_weekday: profile
            .hour_weekday
            .iter()
            .map(|row| row.iter().map(|&n| Count(u64::from(n))).collect())
            .collect(),
        busiest: profile.busiest().map(|b| b.0),
        night_share: Derived {
            value: profile.night_share(),
            from: vec![events.len() as u64],
        },
        events: Records(lines),
    }
}
