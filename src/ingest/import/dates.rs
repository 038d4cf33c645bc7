//! Dates as agencies write them: UK day-first text (`14/03/2026 21:30`), ISO 8601, and
//! spreadsheet serial day numbers, read with the formats a profile lists and written in
//! the contract's ISO form.

use super::cell::{Cell, excel_serial};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One way a date may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFormat {
    /// An Excel serial day number (`46095.75`), in a text cell or a number cell.
    ExcelSerial,
    /// A chrono strftime pattern: with a time (`%d/%m/%Y %H:%M`) or a date only
    /// (`%d/%m/%Y`).
    Pattern(String),
}

impl DateFormat {
    /// Reads a format as a profile writes it: `excel` or a strftime pattern.
    ///
    /// # Errors
    /// A sentence when the pattern has no day, month and year.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().eq_ignore_ascii_case("excel") {
            return Ok(DateFormat::ExcelSerial);
        }
        let has = |tokens: &[&str]| tokens.iter().any(|t| text.contains(t));
        let dated =
            has(&["%d", "%e"]) && has(&["%m", "%b", "%B"]) && has(&["%Y", "%y"]) || has(&["%F"]);
        if !dated {
            return Err(format!(
                "date format '{text}' needs a day, a month and a year (for example \"%d/%m/%Y %H:%M\"), or \"excel\" for serial day numbers"
            ));
        }
        Ok(DateFormat::Pattern(text.to_string()))
    }

    /// Reads `text` with this format.
    pub fn read(&self, text: &str) -> Option<NaiveDateTime> {
        let t = text.trim();
        match self {
            DateFormat::ExcelSerial => t.parse::<f64>().ok().and_then(excel_serial),
            DateFormat::Pattern(p) => NaiveDateTime::parse_from_str(t, p).ok().or_else(|| {
                NaiveDate::parse_from_str(t, p)
                    .ok()
                    .map(|d| d.and_time(NaiveTime::MIN))
            }),
        }
    }

    /// The format as a profile writes it.
    pub fn as_profile_text(&self) -> &str {
        match self {
            DateFormat::ExcelSerial => "excel",
            DateFormat::Pattern(p) => p,
        }
    }
}

/// Reads a cell as a datetime with the first of `formats` that fits. A spreadsheet
/// date cell needs no format; a spreadsheet number cell is a serial day number when
/// `excel` is among the formats. With no formats, text must already be ISO 8601.
///
/// # Errors
/// A sentence for the quarantine reason, naming the value and the formats tried.
pub fn read_cell(cell: &Cell, formats: &[DateFormat]) -> Result<NaiveDateTime, String> {
    match cell {
        Cell::DateTime(t) => return Ok(*t),
        Cell::Number(n) if formats.contains(&DateFormat::ExcelSerial) || formats.is_empty() => {
            return excel_serial(*n)
                .ok_or_else(|| format!("{n} is not an Excel serial date after 1 March 1900"));
        }
        _ => {}
    }
    let text = cell.text();
    if formats.is_empty() {
        return crate::model::time::parse_datetime(&text).map_err(|e| {
            format!("{e}; if the extract writes dates another way, give the column a format (for example format = \"%d/%m/%Y %H:%M\")")
        });
    }
    formats
        .iter()
        .find_map(|f| f.read(&text))
        .ok_or_else(|| {
            let tried: Vec<&str> = formats.iter().map(DateFormat::as_profile_text).collect();
            format!(
                "'{text}' does not match the date format{} {}; add its format to the column's format list",
                if tried.len() == 1 { "" } else { "s" },
                tried
                    .iter()
                    .map(|f| format!("\"{f}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// What `--suggest` finds in a column of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// This format reads the column (and no other day/month order does).
    Format {
        /// The format.
        format: String,
        /// Values it does not read (an impossible date such as `31/02/2026`), for the
        /// user to look at; the import will reject those rows with their reason.
        unreadable: Vec<String>,
    },
    /// Every value reads day-first and month-first alike: no day above 12 anywhere in
    /// the column, so the order cannot be told and must be set by hand.
    Ambiguous {
        /// The day-first reading.
        day_first: String,
        /// The month-first reading.
        month_first: String,
    },
}

/// Candidate formats, day-first before month-first, longest first within each.
const CANDIDATES: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d %b %Y %H:%M",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d/%m/%y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
];

/// Finds the format that reads a column's non-empty values: the candidate reading the
/// most of them, if it reads more than nine in ten; or says the column is ambiguous
/// (`03/04/2026` with no day above 12 in the whole column). `None` when no candidate
/// reads nine values in ten (not a date column, or an unusual format).
pub fn detect<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Option<Detected> {
    let values: Vec<&str> = values.filter(|v| !v.trim().is_empty()).collect();
    if values.is_empty() {
        return None;
    }
    let reads = |p: &str| {
        let f = DateFormat::Pattern(p.to_string());
        values.iter().filter(|v| f.read(v).is_some()).count()
    };
    let mut best: Option<(&str, usize)> = None;
    for p in CANDIDATES {
        let n = reads(p);
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((p, n));
        }
    }
    let (format, n) = best?;
    if n * 10 <= values.len() * 9 {
        return None;
    }
    if format.starts_with("%d") && !format.contains("%b") {
        let month_first = format
            .replacen("%d", "%@", 1)
            .replacen("%m", "%d", 1)
            .replacen("%@", "%m", 1);
        if reads(&month_first) == n {
            return Some(Detected::Ambiguous {
                day_first: format.to_string(),
                month_first,
            });
        }
    }
    let f = DateFormat::Pattern(format.to_string());
    Some(Detected::Format {
        format: format.to_string(),
        unreadable: values
            .iter()
            .filter(|v| f.read(v).is_none())
            .map(|v| v.to_string())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_dates_read_day_first() {
        let f = DateFormat::parse("%d/%m/%Y %H:%M").expect("format");
        let t = f.read("14/03/2026 21:30").expect("reads");
        assert_eq!(t.to_string(), "2026-03-14 21:30:00");
        assert!(f.read("2026-03-14").is_none());
        let d = DateFormat::parse("%d/%m/%Y").expect("format");
        assert_eq!(
            d.read("01/02/2010")
                .map(|t| t.date().to_string())
                .as_deref(),
            Some("2010-02-01")
        );
    }

    #[test]
    fn formats_without_a_date_are_refused() {
        assert!(DateFormat::parse("%H:%M").is_err());
        assert_eq!(DateFormat::parse("Excel"), Ok(DateFormat::ExcelSerial));
    }

    #[test]
    fn several_formats_are_tried_in_order() {
        let formats = [
            DateFormat::parse("%d/%m/%Y %H:%M").expect("f"),
            DateFormat::parse("%d/%m/%Y").expect("f"),
        ];
        let cell = |s: &str| Cell::Text(s.into());
        assert!(read_cell(&cell("14/03/2026 21:30"), &formats).is_ok());
        assert!(read_cell(&cell("14/03/2026"), &formats).is_ok());
        let err = read_cell(&cell("March 14"), &formats).expect_err("unreadable");
        assert!(
            err.contains("'March 14'") && err.contains("\"%d/%m/%Y\""),
            "{err}"
        );
    }

    #[test]
    fn a_column_with_no_day_above_12_is_ambiguous() {
        let v = ["03/04/2026", "05/06/2026", "12/11/2026"];
        assert_eq!(
            detect(v.iter().copied()),
            Some(Detected::Ambiguous {
                day_first: "%d/%m/%Y".into(),
                month_first: "%m/%d/%Y".into()
            })
        );
        let format = |f: &str, bad: &[&str]| {
            Some(Detected::Format {
                format: f.into(),
                unreadable: bad.iter().map(|b| b.to_string()).collect(),
            })
        };
        let v = ["03/04/2026 10:00", "25/06/2026 11:30"];
        assert_eq!(detect(v.iter().copied()), format("%d/%m/%Y %H:%M", &[]));
        let v = ["2026-03-04"];
        assert_eq!(detect(v.iter().copied()), format("%Y-%m-%d", &[]));
        let mut v = vec!["14/03/2026"; 12];
        v.push("31/02/2026");
        assert_eq!(
            detect(v.iter().copied()),
            format("%d/%m/%Y", &["31/02/2026"])
        );
        let v = ["06/25/2026", "01/02/2026"];
        assert_eq!(detect(v.iter().copied()), format("%m/%d/%Y", &[]));
        assert_eq!(detect(["hotel"].iter().copied()), None);
    }
}
