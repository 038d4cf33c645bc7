//! The places' time profiles as flat tables, so that a GIS, a spreadsheet or a notebook
//! reads them without unpacking nested JSON: `place_hours.csv` (events by weekday and
//! hour) and `place_months.csv` (events by month), one row per place and slot with
//! events, places in rank order.

use super::table::{ColumnTable, Values};
use crate::model::Dataset;
use crate::score::LocationAnalysis;

/// Weekday names, Monday first, as the busiest-time column writes them.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `place_hours.csv`: place, rank, weekday (`Mon`–`Sun`), hour (0–23, local time) and the
/// events counted there in that slot (a count: suppressed for partners when small).
pub fn place_hours_table(d: &Dataset, la: &LocationAnalysis) -> ColumnTable {
    let (mut place, mut rank, mut weekday, mut hour, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut group = Vec::new();
    for s in &la.ranking {
        let profile = &la.profiles[s.place.index()];
        for (w, row) in profile.hour_weekday.iter().enumerate() {
            for (h, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                place.push(d.places[s.place.index()].key.clone());
                rank.push(s.rank as i64);
                weekday.push(WEEKDAYS[w].to_string());
                hour.push(h as i64);
                events.push(Some(u64::from(n)));
                group.push(s.place.index() as u64);
            }
        }
    }
    let mut t = ColumnTable::new();
    t.push("place_id", Values::Text(place))
        .push("rank", Values::Int(rank))
        .push("weekday", Values::Text(weekday))
        .push("hour", Values::Int(hour))
        .push("events", Values::Count(events))
        // A place's slots add up to its `events` in hotspots.csv.
        .additive_by_group("events", group);
    t
}

/// `place_months.csv`: place, rank, month (`YYYY-MM`) and the events counted there that
/// month (a count: suppressed for partners when small).
pub fn place_months_table(d: &Dataset, la: &LocationAnalysis) -> ColumnTable {
    let (mut place, mut rank, mut month, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut group = Vec::new();
    for s in &la.ranking {
        for (m, &n) in &la.profiles[s.place.index()].by_month {
            place.push(d.places[s.place.index()].key.clone());
            rank.push(s.rank as i64);
            month.push(m.clone());
            events.push(Some(u64::from(n)));
            group.push(s.place.index() as u64);
        }
    }
    let mut t = ColumnTable::new();
    t.push("place_id", Values::Text(place))
        .push("rank", Values::Int(rank))
        .push("month", Values::Text(month))
        .push("events", Values::Count(events))
        // A place's months add up to its `events` in hotspots.csv.
        .additive_by_group("events", group);
    t
}
