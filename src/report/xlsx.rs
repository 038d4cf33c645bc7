//! `hotspots.xlsx`, for teams that live in Excel: the places table, the tools suggested
//! for the top places, and a sheet saying who it is for. Each table is cut for the
//! audience first (the same release as the CSV); text is written as text, never as a
//! formula, so nothing in it can run.

use super::{ColumnTable, Values};
use crate::privacy::Disclosure;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

fn sheet(ws: &mut Worksheet, t: &ColumnTable, bold: &Format) -> Result<(), XlsxError> {
    for (c, (name, values)) in t.columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, col, name, bold)?;
        for r in 0..values.len() {
            let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
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
                _ => {
                    let text = t.text(name, r);
                    if !text.is_empty() {
                        ws.write_string(row, col, fit_cell(&text).as_ref())?;
                    }
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        u32::try_from(t.rows()).unwrap_or(u32::MAX),
        u16::try_from(t.columns.len().saturating_sub(1)).unwrap_or(0),
    )?;
    Ok(())
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
    // Dated by the data, not the clock, so the same input gives the same file.
    use chrono::Datelike;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(as_of.year()).unwrap_or(1900),
        u8::try_from(as_of.month()).unwrap_or(1),
        u8::try_from(as_of.day()).unwrap_or(1),
    )
    .map_err(to_io)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let about_ws = wb.add_worksheet().set_name("About").map_err(to_io)?;
    about_ws
        .write_string_with_format(0, 0, "disrupt: places and disruption tools", &bold)
        .map_err(to_io)?;
    for (i, (k, v)) in about.iter().enumerate() {
        let row = u32::try_from(i + 2).unwrap_or(u32::MAX);
        about_ws
            .write_string_with_format(row, 0, *k, &bold)
            .map_err(to_io)?;
        about_ws.write_string(row, 1, v).map_err(to_io)?;
    }
    about_ws.set_column_width(0, 22).map_err(to_io)?;
    about_ws.set_column_width(1, 100).map_err(to_io)?;
    sheet(
        wb.add_worksheet().set_name("Places").map_err(to_io)?,
        &places,
        &bold,
    )
    .map_err(to_io)?;
    sheet(
        wb.add_worksheet().set_name("Tools").map_err(to_io)?,
        &tools,
        &bold,
    )
    .map_err(to_io)?;
    let bytes = wb.save_to_buffer().map_err(to_io)?;
    super::file::write_atomic(path, |w| std::io::Write::write_all(w, &bytes))?;
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
