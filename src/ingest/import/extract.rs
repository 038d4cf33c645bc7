//! Reading one agency extract into a header and rows of cells: delimited text (comma,
//! tab or semicolon, in any encoding ingest decodes), Parquet, or an `.xlsx` worksheet.
//!
//! Text files are decoded by [`crate::ingest::source::read`], the same code `disrupt
//! check` uses, so byte-order marks, UTF-16 and Windows-1252 behave alike everywhere.

use super::cell::Cell;
use crate::ingest::Table;
use crate::ingest::source::{self, Format};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// An extract's file type, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    /// Delimited text: `.csv`, `.tsv`, `.txt`.
    Delimited,
    /// Apache Parquet.
    Parquet,
    /// An Excel workbook.
    Xlsx,
}

impl FileType {
    /// The type of `path`, from its extension.
    ///
    /// # Errors
    /// A sentence naming the extensions read.
    pub fn of(path: &Path) -> Result<Self, String> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Ok(FileType::Delimited),
            "parquet" => Ok(FileType::Parquet),
            "xlsx" | "xlsm" => Ok(FileType::Xlsx),
            "xls" => Err("old .xls workbooks are not read: save it as .xlsx or CSV".into()),
            _ => Err(format!(
                "'.{ext}' files are not read: use .csv, .tsv, .txt, .parquet or .xlsx"
            )),
        }
    }
}

/// A row that could not be split into the header's fields.
#[derive(Debug, Clone)]
pub struct BadRow {
    /// The row number (see [`Extract::row_numbers`]).
    pub row: usize,
    /// The fields as split.
    pub fields: Vec<String>,
    /// Why.
    pub reason: String,
}

/// An extract as read.
#[derive(Debug, Clone)]
pub struct Extract {
    /// The file.
    pub path: PathBuf,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    /// SHA-256 of the file on disk, hex.
    pub sha256: String,
    /// How the file was read (encoding, delimiter, sheet), for the import report.
    pub notes: Vec<String>,
    /// Column names, trimmed, in file order.
    pub headers: Vec<String>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
    /// For each row, its number: the data row (1 = first after the header) in a text or
    /// Parquet file, the row number Excel shows in a workbook.
    pub row_numbers: Vec<usize>,
    /// Rows set aside because their field count differs from the header's.
    pub bad_rows: Vec<BadRow>,
}

impl Extract {
    /// Rows read: good and bad.
    pub fn rows_read(&self) -> usize {
        self.rows.len() + self.bad_rows.len()
    }

    /// The position of a column, by its exact (trimmed) name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name.trim())
    }
}

/// How to read a text file.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// The delimiter; `None` finds it from the header line.
    pub delimiter: Option<char>,
}

/// Reads an extract.
///
/// # Errors
/// A sentence saying what is wrong with the file and how to fix it: unreadable, empty,
/// binary, no such sheet, no header.
pub fn read(path: &Path, sheet: Option<&str>, options: TextOptions) -> Result<Extract, String> {
    match FileType::of(path)? {
        FileType::Delimited => read_text(path, options),
        FileType::Parquet => read_parquet(path),
        FileType::Xlsx => read_xlsx(path, sheet),
    }
}

fn read_text(path: &Path, options: TextOptions) -> Result<Extract, String> {
    // The table only names the columns in the "empty file" message; an extract has its own.
    let file = source::read(path, Format::Csv, Table::Events).map_err(|e| match e {
        crate::ingest::TableError::Empty { .. } => {
            "the file is empty: export it again with its header row".to_string()
        }
        other => other.to_string(),
    })?;
    let mut notes = file.notes.clone();
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() => d as u8,
        Some(d) => {
            return Err(format!(
                "the delimiter '{d}' is not a single ASCII character"
            ));
        }
        None => {
            let d = sniff_delimiter(&file.bytes);
            if d != b',' {
                notes.push(format!("fields delimited by {}", delimiter_name(d)));
            }
            d
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(file.bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the header line cannot be read: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut bad_rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record =
            record.map_err(|e| format!("row {row} cannot be read: {e}; check its quoting"))?;
        if record.len() == headers.len() {
            rows.push(
                record
                    .iter()
                    .map(|f| {
                        if f.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f.to_string())
                        }
                    })
                    .collect(),
            );
            row_numbers.push(row);
        } else {
            bad_rows.push(BadRow {
                row,
                fields: record.iter().map(str::to_string).collect(),
                reason: format!(
                    "the row has {} fields but the header has {}; check for an unquoted {}",
                    record.len(),
                    headers.len(),
                    delimiter_name(delimiter)
                ),
            });
        }
    }
    Ok(Extract {
        path: path.to_owned(),
        sheet: None,
        sha256: file.sha256,
        notes,
        headers,
        rows,
        row_numbers,
        bad_rows,
    })
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b'\t' => "tab",
        b';' => "semicolon",
        b'|' => "pipe",
        b',' => "comma",
        _ => "delimiter",
    }
}

/// The delimiter of the header line: whichever of comma, tab, semicolon and pipe occurs
/// most often outside quotes (comma on a tie).
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let line = bytes.split(|b| *b == b'\n').next().unwrap_or(bytes);
    let mut quoted = false;
    let mut counts = [0usize; 4];
    const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

fn read_parquet(path: &Path) -> Result<Extract, String> {
    use polars::prelude::*;
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let sha256 = crate::plumbing::hex::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let df = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ParquetReader::new(Cursor::new(bytes)).finish()
    }))
    .map_err(|_| "the Parquet reader failed on this file's structure".to_string())?
    .map_err(|e| {
        format!(
            "not a readable Parquet file: {}",
            e.to_string().lines().next().unwrap_or("")
        )
    })?;
    let mut headers = Vec::new();
    let mut columns = Vec::new();
    for column in df.columns() {
        headers.push(column.name().trim().to_string());
        let text = column
            .as_materialized_series()
            .cast(&DataType::String)
            .map_err(|e| format!("column '{}' cannot be read as text ({e})", column.name()))?;
        let ca = text.str().map_err(|e| e.to_string())?.clone();
        columns.push(ca);
    }
    let n = df.height();
    let rows = (0..n)
        .map(|r| {
            columns
                .iter()
                .map(|c| match c.get(r) {
                    None | Some("") => Cell::Empty,
                    Some(t) => Cell::Text(t.to_string()),
                })
                .collect()
        })
        .collect();
    Ok(Extract {
        path: path.to_owned(),
        sheet: None,
        sha256,
        notes: Vec::new(),
        headers,
        rows,
        row_numbers: (1..=n).collect(),
        bad_rows: Vec::new(),
    })
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Extract, String> {
    use calamine::{Reader, Xlsx};
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let sha256 = crate::plumbing::hex::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a readable .xlsx workbook ({e}); save it again from Excel as .xlsx")
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet '{s}'; its sheets are {}",
                    names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet '{name}' cannot be read ({e})"))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows_iter = range.rows();
    let header = rows_iter
        .next()
        .ok_or_else(|| format!("sheet '{name}' is empty: it needs a header row"))?;
    let headers: Vec<String> = header
        .iter()
        .map(|c| to_cell(c).text().trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(format!(
            "sheet '{name}' has no header row: put the column names in its first row"
        ));
    }
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut blank = 0usize;
    for (i, r) in rows_iter.enumerate() {
        let cells: Vec<Cell> = r.iter().map(to_cell).collect();
        if cells.iter().all(Cell::is_blank) {
            blank += 1;
            continue;
        }
        rows.push(cells);
        // Excel numbers rows from 1; the header is the range's first row.
        row_numbers.push(first_row + i + 2);
    }
    let mut notes = vec![format!("sheet '{name}'")];
    if blank > 0 {
        notes.push(format!("{blank} empty rows between the data were skipped"));
    }
    Ok(Extract {
        path: path.to_owned(),
        sheet: Some(name),
        sha256,
        notes,
        headers,
        rows,
        row_numbers,
        bad_rows: Vec::new(),
    })
}

fn to_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(t) => match t.as_datetime() {
            Some(dt) => Cell::DateTime(dt),
            None => Cell::Number(t.as_f64()),
        },
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_found_from_the_header() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2,3"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
    }
}
