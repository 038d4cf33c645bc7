use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::Serialize;
use std::collections::BTreeMap;

/// When events happen at a place.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimeProfile {
    /// Events by weekday (0 = Monday) and hour of day (0–23), local time.
    pub hour_weekday: [[u32; 24]; 7],
    /// Events by month, `YYYY-MM`.
    pub by_month: BTreeMap<String, u32>,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl TimeProfile {
    /// Counts one event.
    pub fn add(&mut self, t: NaiveDateTime) {
        let d = t.weekday().num_days_from_monday() as usize;
        self.hour_weekday[d][t.hour() as usize] += 1;
        *self
            .by_month
            .entry(format!("{:04}-{:02}", t.year(), t.month()))
            .or_default() += 1;
    }

    /// The busiest weekday-and-hour slot, as `Sat 22:00`, and its count; ties go to the
    /// earliest slot in the week. `None` for an empty profile.
    pub fn busiest(&self) -> Option<(String, u32)> {
        let mut best: Option<(usize, usize, u32)> = None;
        for (d, hours) in self.hour_weekday.iter().enumerate() {
            for (h, &n) in hours.iter().enumerate() {
                if n > 0 && best.is_none_or(|(_, _, b)| n > b) {
                    best = Some((d, h, n));
                }
            }
        }
        best.map(|(d, h, n)| (format!("{} {h:02}:00", WEEKDAYS[d]), n))
    }

    /// Share of events between 18:00 and 05:59, in `[0, 1]`.
    pub fn night_share(&self) -> f64 {
        let total: u32 = self.hour_weekday.iter().flatten().sum();
        if total == 0 {
            return 0.0;
        }
        let night: u32 = self
            .hour_weekday
            .iter()
            .map(|h| h[18..].iter().sum::<u32>() + h[..6].iter().sum::<u32>())
            .sum();
        f64::from(night) / f64::from(total)
    }
}
