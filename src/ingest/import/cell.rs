//! One cell of an extract as read: text from a delimited file or Parquet, or a typed
//! value from a spreadsheet.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, exactly as read.
    Text(String),
    /// A spreadsheet number.
    Number(f64),
    /// A spreadsheet date or time, already converted from its serial day number.
    DateTime(NaiveDateTime),
}

impl Cell {
    /// The cell as the text a person would see (`""` for empty), for quarantine rows and
    /// value maps. Whole numbers print without a fraction; dates in ISO 8601.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::DateTime(t) => iso_datetime(*t),
        }
    }

    /// Whether the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::DateTime(_) => false,
        }
    }
}

/// A number as text: whole numbers (ids, UPRNs, years) without `.0`.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A datetime in the contract's form: `YYYY-MM-DD` at midnight, else
/// `YYYY-MM-DDTHH:MM:SS`.
pub fn iso_datetime(t: NaiveDateTime) -> String {
    if t.time() == NaiveTime::MIN {
        t.date().format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// The day Excel's 1900 date system counts from, for serials after its phantom
/// 29 February 1900 (serial 60): serial 61 is 1 March 1900.
const EXCEL_EPOCH: Option<NaiveDate> = NaiveDate::from_ymd_opt(1899, 12, 30);

/// The datetime of an Excel serial day number in the 1900 date system (the fraction is
/// the time of day, rounded to the second). Serials before 61 (January and February
/// 1900, where Excel counts a 29 February that never was) are refused, as are values
/// past the year 9999.
pub fn excel_serial(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor();
    let seconds = ((serial - days) * 86_400.0).round();
    let date = EXCEL_EPOCH?.checked_add_days(chrono::Days::new(days as u64))?;
    let start = date.and_time(NaiveTime::MIN);
    start.checked_add_signed(chrono::TimeDelta::seconds(seconds as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_days_from_1899_12_30() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).map(|d| d.and_time(NaiveTime::MIN));
        assert_eq!(excel_serial(61.0), d(1900, 3, 1));
        assert_eq!(excel_serial(45_000.0), d(2023, 3, 15));
        assert_eq!(
            excel_serial(46_095.75).map(iso_datetime).as_deref(),
            Some("2026-03-14T18:00:00")
        );
        assert_eq!(excel_serial(60.0), None);
        assert_eq!(excel_serial(f64::NAN), None);
        assert_eq!(excel_serial(1e12), None);
    }

    #[test]
    fn numbers_print_as_people_write_them() {
        assert_eq!(number_text(100_012_345_678.0), "100012345678");
        assert_eq!(number_text(51.5), "51.5");
        assert_eq!(Cell::Number(2010.0).text(), "2010");
    }
}
