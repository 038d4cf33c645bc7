//! CSV output that is safe to open in a spreadsheet.
//!
//! A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a
//! formula by Excel or LibreOffice (OWASP "CSV injection"). Such cells are prefixed with a
//! single quote. Cells that are plain numbers (`-0.1164`, `+44`) are left alone, since a
//! number cannot be a formula and analysts need negative longitudes to stay numbers.

use super::controls::controls;
use super::file::write_atomic;
use std::path::Path;

/// Escapes one cell against formula injection, and shows control characters other than
/// tab and line feed as `\u{..}` ([`controls`]) so that printing the
/// file in a terminal cannot run an escape sequence.
pub fn escape(cell: &str) -> std::borrow::Cow<'_, str> {
    let shown = controls(cell);
    let risky = matches!(
        shown.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && shown.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

/// Writes a CSV file with `header` and `rows`, escaping every cell, atomically: to a
/// temporary file beside `path`, then renamed over it, so a reader never sees half a file.
///
/// # Errors
/// Any I/O error.
pub fn write_file<R, I, S>(path: &Path, header: &[String], rows: R) -> std::io::Result<()>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    write_atomic(path, |w| {
        let mut csv = csv::Writer::from_writer(w);
        write_row(&mut csv, header)?;
        for row in rows {
            write_row(&mut csv, row)?;
        }
        csv.flush()?;
        Ok(())
    })
}

/// Writes one record, each cell escaped ([`escape`]).
fn write_row<W: std::io::Write, S: AsRef<str>>(
    csv: &mut csv::Writer<W>,
    row: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    for cell in row {
        csv.write_field(escape(cell.as_ref()).as_bytes())?;
    }
    // An empty record after its fields ends the row.
    csv.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_formulas_but_not_numbers() {
        assert_eq!(escape("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape("+cmd"), "'+cmd");
        assert_eq!(escape("-2+3"), "'-2+3");
        assert_eq!(escape("\tx"), "'\tx");
        assert_eq!(escape("-0.1164"), "-0.1164");
        assert_eq!(escape("hotel"), "hotel");
        assert_eq!(escape(""), "");
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1B}[2Jb");
    }
}
