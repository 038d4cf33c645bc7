//! Dates and times as the data contract writes them: ISO 8601, local time, with an
//! optional offset (`2026-03-14`, `2026-03-14T21:30:00`, `2026-03-14 21:30`,
//! `2026-03-14T21:30:00+01:00`, `…Z`).
//!
//! Times are kept as the local wall-clock time that was written. An offset, when present,
//! is checked and then dropped: hour-of-day profiles need the local hour, and the
//! contract says times are local.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

/// The earliest date accepted anywhere in the data.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The latest date accepted anywhere in the data.
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Parses a date: `YYYY-MM-DD`, or a datetime whose date part is taken.
///
/// # Errors
/// A sentence for a quarantine reason.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let date = if t.len() > 10 {
        parse_datetime(t)?.date()
    } else {
        parse_ymd(t)?
    };
    in_range(date, text)?;
    Ok(date)
}

/// Parses a datetime. A bare date means midnight at the start of that day.
///
/// # Errors
/// A sentence for a quarantine reason.
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    if t.len() < 10 || !t.is_char_boundary(10) {
        return Err(not_iso(text));
    }
    let date = parse_ymd(&t[..10])?;
    in_range(date, text)?;
    let rest = &t[10..];
    if rest.is_empty() {
        return Ok(date.and_time(NaiveTime::MIN));
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix('t'))
        .or_else(|| rest.strip_prefix(' '))
        .ok_or_else(|| not_iso(text))?;
    let clock = strip_offset(rest).ok_or_else(|| not_iso(text))?;
    let time = fast_clock(clock)
        .or_else(|| {
            ["%H:%M:%S%.f", "%H:%M"]
                .iter()
                .find_map(|f| NaiveTime::parse_from_str(clock, f).ok())
        })
        .ok_or_else(|| {
            format!("'{text}' has an unreadable time of day: expected HH:MM or HH:MM:SS")
        })?;
    Ok(date.and_time(time))
}

/// Removes a trailing `Z` or `±HH:MM` / `±HHMM` / `±HH` offset, checking its form.
fn strip_offset(clock: &str) -> Option<&str> {
    if let Some(c) = clock.strip_suffix('Z').or_else(|| clock.strip_suffix('z')) {
        return Some(c);
    }
    // An offset sign can only appear after the HH:MM part (index ≥ 5).
    match clock
        .char_indices()
        .skip(5)
        .find(|(_, c)| *c == '+' || *c == '-')
    {
        None => Some(clock),
        Some((i, _)) => {
            let off = &clock[i + 1..];
            let digits: String = off.chars().filter(|c| *c != ':').collect();
            let ok = matches!(digits.len(), 2 | 4)
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits[..2].parse::<u32>().is_ok_and(|h| h <= 14);
            ok.then_some(&clock[..i])
        }
    }
}

/// The value of `b`'s ASCII digits, or `None` if any byte is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `HH:MM:SS` or `HH:MM` read directly; anything else (fractions, leap seconds, odd
/// forms) is left to chrono. Ingest parses millions of these.
fn fast_clock(clock: &str) -> Option<NaiveTime> {
    let b = clock.as_bytes();
    let (h, m) = match b.len() {
        5 | 8 if b[2] == b':' => (digits(&b[..2])?, digits(&b[3..5])?),
        _ => return None,
    };
    let s = if b.len() == 8 {
        if b[5] != b':' {
            return None;
        }
        digits(&b[6..8])?
    } else {
        0
    };
    NaiveTime::from_hms_opt(h, m, s)
}

fn parse_ymd(t: &str) -> Result<NaiveDate, String> {
    // `YYYY-MM-DD` read directly; anything else, and every error, goes through chrono.
    let b = t.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..]))
        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(date);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
            format!("'{t}' is not a real calendar date")
        } else {
            not_iso(t)
        }
    })
}

fn in_range(date: NaiveDate, text: &str) -> Result<(), String> {
    if date < EARLIEST || date > LATEST {
        return Err(format!(
            "'{}' is outside the accepted years 1900–2100",
            text.trim()
        ));
    }
    Ok(())
}

fn not_iso(text: &str) -> String {
    format!(
        "'{}' is not an ISO 8601 date: write 2026-03-14 or 2026-03-14T21:30:00",
        text.trim()
    )
}

/// The date analysis is "as of": the engine's "now", never the wall clock
/// (docs/design.md §1.8).
///
/// Everything that happened on the `as_of` day counts; anything after the end of that
/// day is in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf(pub NaiveDate);

impl AsOf {
    /// The first instant after the as-of day: events at or after it are in the future.
    pub fn cutoff(&self) -> NaiveDateTime {
        self.0.succ_opt().unwrap_or(self.0).and_time(NaiveTime::MIN)
    }

    /// Whether `t` lies after the as-of day.
    pub fn is_future(&self, t: NaiveDateTime) -> bool {
        t >= self.cutoff()
    }

    /// The as-of year, for ages.
    pub fn year(&self) -> i32 {
        self.0.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The direct readers agree with chrono wherever they answer.
        #[test]
        fn fast_paths_agree_with_chrono(
            y in 0u32..10000, mo in 0u32..100, d in 0u32..100,
            h in 0u32..100, mi in 0u32..100, s in 0u32..100, seconds: bool,
        ) {
            let date = format!("{y:04}-{mo:02}-{d:02}");
            let chrono_date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(parse_ymd(&date).ok(), chrono_date);
            let clock = if seconds { format!("{h:02}:{mi:02}:{s:02}") } else { format!("{h:02}:{mi:02}") };
            let f = if seconds { "%H:%M:%S%.f" } else { "%H:%M" };
            if let Some(t) = fast_clock(&clock) {
                proptest::prop_assert_eq!(Some(t), NaiveTime::parse_from_str(&clock, f).ok());
            }
        }
    }

    fn dt(s: &str) -> String {
        parse_datetime(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn accepts_the_contract_forms() {
        assert_eq!(dt("2026-03-14"), "2026-03-14 00:00:00");
        assert_eq!(dt("2026-03-14T21:30:00"), "2026-03-14 21:30:00");
        assert_eq!(dt("2026-03-14 21:30"), "2026-03-14 21:30:00");
        assert_eq!(dt("2026-03-14T21:30:00+01:00"), "2026-03-14 21:30:00");
        assert_eq!(dt("2026-03-14T21:30:00.250Z"), "2026-03-14 21:30:00.250");
        assert_eq!(dt("2026-03-14T21:30:00-0500"), "2026-03-14 21:30:00");
    }

    #[test]
    fn rejects_with_reasons() {
        assert!(dt("14/03/2026").contains("not an ISO 8601 date"));
        assert!(dt("2026-02-30").contains("not a real calendar date"));
        assert!(dt("2026-03-14T25:00").contains("unreadable time"));
        assert!(dt("2026-03-14T21:30+99:00").contains("not an ISO 8601"));
        assert!(dt("3026-03-14").contains("outside the accepted years"));
        assert!(dt("2026-03-14Tx").contains("unreadable time"));
        assert!(dt("ééééééééééé").contains("not an ISO"));
        assert!(parse_date("2026-03-14T10:00").is_ok());
    }

    #[test]
    fn as_of_includes_its_whole_day() {
        let a = AsOf(NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"));
        assert!(!a.is_future(parse_datetime("2026-03-14T23:59:59").expect("ok")));
        assert!(a.is_future(parse_datetime("2026-03-15").expect("ok")));
    }
}
