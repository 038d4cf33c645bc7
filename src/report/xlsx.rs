//! `hotspots.xlsx`, for teams that live in Excel: the places table, the tools suggested
//! for the top places, and a sheet saying who it is for. Each table is cut for the
//! audience first (the same release as the CSV); text is written as text, never as a
//! formula, so nothing in it can run.

use super::{ColumnTable, Values};
use crate::privacy::Disclosure;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Column widths, in characters: the longest of the header and the cells, within
/// bounds, so names are not cut off and a list of event ids does not push the rest of
/// the sheet out of view.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 48;

fn width(t: &ColumnTable, name: &str, values: &Values) -> f64 {
    let cells = (0..values.len()).map(|r| match values {
        // Numbers as Excel shows them by default: up to 11 characters.
        Values::Float(_) | Values::OptFloat(_) => 11,
        _ => t.text(name, r).chars().count(),
    });
    let widest = cells
        .chain(std::iter::once(name.chars().count() + 2))
        .max()
        .unwrap_or(0);
    widest.clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.0
}

/// Printing: A4 landscape, one page wide, the header row repeated on every page, and
/// the audience and page number in the page header, as the report stamps every page.
fn print_setup(ws: &mut Worksheet, audience: &str) -> Result<(), XlsxError> {
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_header(format!(
            "&LAudience: {}&C&A&RPage &P of &N",
            audience.to_uppercase()
        ));
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Writes a released table into `ws`, row by row (as a constant-memory sheet must be
/// written): the header in bold, then each row, numbers and booleans as such; column
/// widths first, from every cell.
fn sheet(
    ws: &mut Worksheet,
    t: &ColumnTable,
    bold: &Format,
    audience: &str,
) -> Result<(), XlsxError> {
    for (c, (name, values)) in t.columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        ws.set_column_width(col, width(t, name, values))?;
        ws.write_string_with_format(0, col, name, bold)?;
    }
    for r in 0..t.rows() {
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, (name, values)) in t.columns.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            cell(ws, row, col, t, name, values, r)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, audience)?;
    ws.autofilter(
        0,
        0,
        u32::try_from(t.rows()).unwrap_or(u32::MAX),
        u16::try_from(t.columns.len().saturating_sub(1)).unwrap_or(0),
    )?;
    Ok(())
}

/// One cell: row `r` of column `name` at (`row`, `col`). Numbers, whole numbers and
/// booleans as such (an empty value as an empty cell), the rest (and a non-finite
/// number) as its text, never as a formula.
fn cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    t: &ColumnTable,
    name: &str,
    values: &Values,
    r: usize,
) -> Result<(), XlsxError> {
    match values {
        Values::Float(v) if v[r].is_finite() => {
            ws.write_number(row, col, v[r])?;
        }
        Values::OptFloat(v) => {
            if let Some(x) = v[r].filter(|x| x.is_finite()) {
                ws.write_number(row, col, x)?;
            }
        }
        Values::Int(v) => {
            ws.write_number(row, col, v[r] as f64)?;
        }
        Values::OptInt(v) => {
            if let Some(x) = v[r] {
                ws.write_number(row, col, x as f64)?;
            }
        }
        Values::Bool(v) => {
            ws.write_boolean(row, col, v[r])?;
        }
        Values::OptBool(v) => {
            if let Some(b) = v[r] {
                ws.write_boolean(row, col, b)?;
            }
        }
        _ => {
            let text = t.text(name, r);
            if !text.is_empty() {
                ws.write_string(row, col, fit_cell(&text).as_ref())?;
            }
        }
    }
    Ok(())
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// Excel's limit on the characters in a cell.
pub const CELL_LIMIT: usize = 32_767;

/// Text that fits in a cell: cut at a `;` near the limit (lists of event ids at a busy
/// place can run longer), with a note saying the full list is in the CSV.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= CELL_LIMIT {
        return std::borrow::Cow::Borrowed(text);
    }
    let note = " … (cut at Excel's cell limit; the full list is in the CSV)";
    let keep: String = text
        .chars()
        .take(CELL_LIMIT - note.chars().count() - 1)
        .collect();
    let cut = keep.rfind(';').map_or(keep.as_str(), |i| &keep[..i]);
    std::borrow::Cow::Owned(format!("{cut}{note}"))
}

/// Writes the workbook: `Places` (the places table), `Tools` (the tools table) and
/// `About` (audience, as-of, what the sheets hold), each table released for the
/// audience, dated `as_of`. Returns `None` when nothing is written.
///
/// # Errors
/// Any I/O or workbook error, as an I/O error.
pub fn write_workbook(
    path: &Path,
    places: &ColumnTable,
    tools: &ColumnTable,
    about: &[(&str, String)],
    as_of: chrono::NaiveDate,
    to: &Disclosure,
) -> std::io::Result<Option<std::path::PathBuf>> {
    let (Some(places), Some(tools)) = (to.release(places), to.release(tools)) else {
        return Ok(None);
    };
    let to_io = |e: XlsxError| std::io::Error::other(e.to_string());
    let mut wb = Workbook::new();
    // The large sheets are written in constant memory: each streams its rows to a
    // temporary file, kept in the run's private staging folder beside the workbook.
    if let Some(dir) = path.parent() {
        wb.set_tempdir(dir).map_err(to_io)?;
    }
    // Dated by the data, not the clock, so the same input gives the same file.
    let created = excel_date(as_of).map_err(to_io)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let iso = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(rust_xlsxwriter::FormatAlign::Left);
    let audience = to.audience().as_str();
    let about_ws = wb.add_worksheet().set_name("About").map_err(to_io)?;
    about_ws
        .write_string_with_format(0, 0, "disrupt: places and disruption tools", &bold)
        .map_err(to_io)?;
    for (i, (k, v)) in about.iter().enumerate() {
        let row = u32::try_from(i + 2).unwrap_or(u32::MAX);
        about_ws
            .write_string_with_format(row, 0, *k, &bold)
            .map_err(to_io)?;
        // A date as a date, so it sorts and filters as one.
        match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(date) => {
                about_ws
                    .write_date_with_format(row, 1, &excel_date(date).map_err(to_io)?, &iso)
                    .map_err(to_io)?;
            }
            Err(_) => {
                about_ws.write_string(row, 1, v).map_err(to_io)?;
            }
        }
    }
    about_ws.set_column_width(0, 22).map_err(to_io)?;
    about_ws.set_column_width(1, 100).map_err(to_io)?;
    print_setup(about_ws, audience).map_err(to_io)?;
    sheet(
        wb.add_worksheet_with_constant_memory()
            .map_err(to_io)?
            .set_name("Places")
            .map_err(to_io)?,
        &places,
        &bold,
        audience,
    )
    .map_err(to_io)?;
    sheet(
        wb.add_worksheet_with_constant_memory()
            .map_err(to_io)?
            .set_name("Tools")
            .map_err(to_io)?,
        &tools,
        &bold,
        audience,
    )
    .map_err(to_io)?;
    let bytes = wb.save_to_buffer().map_err(to_io)?;
    crate::plumbing::file::write_atomic(path, |w| std::io::Write::write_all(w, &bytes))?;
    to.record_output(path.to_path_buf());
    Ok(Some(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_excel_s_limit_at_a_separator() {
        let ids: String = (0..10_000)
            .map(|i| format!("E{i:07}"))
            .collect::<Vec<_>>()
            .join(";");
        let cell = fit_cell(&ids);
        assert!(cell.chars().count() <= CELL_LIMIT);
        assert!(cell.ends_with("the full list is in the CSV)"));
        let kept = cell.split(" … ").next().expect("kept part");
        assert!(kept.split(';').all(|id| id.len() == 8), "no id cut in half");
        assert_eq!(fit_cell("short"), "short");
    }
}
