//! A table as read from disk: a header and every cell as text, held in polars string
//! columns. Typing happens in validation, row by row, so every problem gets a reason.

use super::source::{Format, SourceFile};
use super::{Table, TableError};
use polars::prelude::*;
use polars_arrow::array::Utf8ViewArray;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// A row the CSV pre-scan set aside because its field count does not match the header.
#[derive(Debug, Clone)]
pub struct RaggedRow {
    /// Data row number, 1-based (the first row after the header is 1).
    pub row: usize,
    /// The fields as split.
    pub fields: Vec<String>,
}

/// One table's cells as text.
#[derive(Debug)]
pub struct RawTable {
    /// Which table.
    pub table: Table,
    /// The file it came from.
    pub path: PathBuf,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Notes on decoding (byte-order marks, encodings).
    pub notes: Vec<String>,
    /// Column names, in file order.
    pub headers: Vec<String>,
    columns: Vec<TextColumn>,
    /// The row each chunk starts at when every column has the same chunks (as the
    /// readers make them): a row is then found once for all its cells.
    shared_starts: Option<Vec<usize>>,
    /// For each polars row, its data row number in the file (1-based).
    row_numbers: Vec<usize>,
    /// Rows set aside before parsing because their field count is wrong.
    pub ragged: Vec<RaggedRow>,
}

/// One column's text cells, in the chunks the reader made, with the first row of each:
/// a cell is found by a binary search over the chunks rather than a walk along them.
#[derive(Debug, Clone)]
struct TextColumn {
    chunks: Vec<Utf8ViewArray>,
    /// The row each chunk starts at, ascending.
    starts: Vec<usize>,
}

impl TextColumn {
    fn new(ca: &StringChunked) -> Self {
        let chunks: Vec<Utf8ViewArray> = ca.downcast_iter().cloned().collect();
        let starts = chunks
            .iter()
            .scan(0, |row, c| {
                let start = *row;
                *row += c.len();
                Some(start)
            })
            .collect();
        TextColumn { chunks, starts }
    }

    /// The cell of `row`; `None` when null or past the end.
    fn get(&self, row: usize) -> Option<&str> {
        self.get_in(locate(&self.starts, row)?)
    }

    /// The cell at row `i` of chunk `k`; `None` when null or past the end.
    fn get_in(&self, (k, i): (usize, usize)) -> Option<&str> {
        let chunk = self.chunks.get(k)?;
        if i < chunk.len() { chunk.get(i) } else { None }
    }
}

/// The chunk holding `row`, and the row within it, of chunks starting at `starts`.
fn locate(starts: &[usize], row: usize) -> Option<(usize, usize)> {
    let k = starts.partition_point(|&s| s <= row).checked_sub(1)?;
    Some((k, row - starts[k]))
}

/// The chunk starts of `columns` when every column has the same chunks.
fn shared_starts(columns: &[TextColumn]) -> Option<Vec<usize>> {
    let (first, rest) = columns.split_first()?;
    rest.iter()
        .all(|c| c.starts == first.starts)
        .then(|| first.starts.clone())
}

/// A parsed row, located once for reading several of its cells
/// ([`RawTable::row_at`], [`RawTable::cell_at`]).
#[derive(Debug, Clone, Copy)]
pub struct RowAt {
    row: usize,
    /// The chunk and the row within it, when every column has the same chunks.
    at: Option<(usize, usize)>,
}

impl RowAt {
    /// The parsed row.
    pub fn row(self) -> usize {
        self.row
    }
}

impl RawTable {
    /// Reads a decoded source file into a table of text cells.
    ///
    /// # Errors
    /// A [`TableError`] when the header is unusable or the reader cannot parse the file.
    pub fn from_source(table: Table, source: SourceFile) -> Result<Self, TableError> {
        let SourceFile {
            path,
            format,
            bytes,
            sha256,
            notes,
        } = source;
        let (df, row_numbers, ragged) = match format {
            Format::Csv => read_csv(&path, bytes)?,
            Format::Parquet => {
                let df = guarded(&path, || ParquetReader::new(Cursor::new(bytes)).finish())?;
                let n = df.height();
                (df, (1..=n).collect(), Vec::new())
            }
        };
        let mut headers = Vec::with_capacity(df.width());
        let mut columns = Vec::with_capacity(df.width());
        for column in df.columns() {
            let name = column.name().to_string();
            let series = column.as_materialized_series();
            let text = guarded(&path, || series.cast(&DataType::String)).map_err(|e| {
                TableError::Parse {
                    path: path.clone(),
                    message: format!("column '{name}' cannot be read as text ({e})"),
                }
            })?;
            let ca = text.str().map_err(|e| TableError::Parse {
                path: path.clone(),
                message: e.to_string(),
            })?;
            headers.push(name);
            columns.push(TextColumn::new(ca));
        }
        let shared_starts = shared_starts(&columns);
        let raw = RawTable {
            table,
            path,
            sha256,
            notes,
            headers,
            columns,
            shared_starts,
            row_numbers,
            ragged,
        };
        raw.check_header()?;
        Ok(raw)
    }

    /// Number of rows parsed (not counting ragged rows set aside).
    pub fn height(&self) -> usize {
        self.row_numbers.len()
    }

    /// Rows read from the file: parsed rows plus ragged rows.
    pub fn rows_read(&self) -> usize {
        self.height() + self.ragged.len()
    }

    /// The position of column `name`, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The text of a cell, exactly as read; `None` when null.
    pub fn cell(&self, column: usize, row: usize) -> Option<&str> {
        self.columns.get(column).and_then(|c| c.get(row))
    }

    /// Every cell of `column`, row by row (empty when there is no such column): a walk
    /// along the chunks, not a search for each row.
    pub fn cells(&self, column: usize) -> impl Iterator<Item = Option<&str>> + '_ {
        self.columns
            .get(column)
            .into_iter()
            .flat_map(|c| c.chunks.iter())
            .flat_map(|chunk| chunk.iter())
    }

    /// Parsed row `row`, located once for [`RawTable::cell_at`].
    pub fn row_at(&self, row: usize) -> RowAt {
        let at = self.shared_starts.as_deref().and_then(|s| locate(s, row));
        RowAt { row, at }
    }

    /// The text of a cell of a located row, exactly as read; `None` when null. The same
    /// as [`RawTable::cell`], without finding the row again.
    pub fn cell_at(&self, column: usize, row: RowAt) -> Option<&str> {
        let c = self.columns.get(column)?;
        match row.at {
            Some(at) => c.get_in(at),
            None => c.get(row.row),
        }
    }

    /// The data row number in the file (1-based) of parsed row `row`.
    pub fn row_number(&self, row: usize) -> usize {
        self.row_numbers.get(row).copied().unwrap_or(row + 1)
    }

    /// Every field of a parsed row as text (`""` for null), in header order.
    pub fn fields(&self, row: usize) -> Vec<String> {
        (0..self.headers.len())
            .map(|c| self.cell(c, row).unwrap_or("").to_string())
            .collect()
    }

    fn check_header(&self) -> Result<(), TableError> {
        let mut seen = std::collections::HashSet::new();
        for h in &self.headers {
            if !seen.insert(h.as_str()) {
                return Err(TableError::DuplicateColumn {
                    path: self.path.clone(),
                    column: h.clone(),
                });
            }
        }
        let missing: Vec<&str> = self
            .table
            .required_columns()
            .iter()
            .copied()
            .filter(|c| self.column(c).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(TableError::MissingColumns {
            path: self.path.clone(),
            missing: missing.join(", "),
            found: if self.headers.is_empty() {
                "no columns".into()
            } else {
                format!("'{}'", truncate(&self.headers.join(","), 200))
            },
            hint: header_hint(&self.headers, &missing),
        })
    }
}

/// Runs a polars call, turning both its errors and any panic into a [`TableError`].
/// Polars is a large parser; a hostile file must never bring the process down.
fn guarded<T>(
    path: &std::path::Path,
    f: impl FnOnce() -> PolarsResult<T>,
) -> Result<T, TableError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(TableError::Parse {
            path: path.to_owned(),
            message: first_line(&e.to_string()),
        }),
        Err(_) => Err(TableError::Parse {
            path: path.to_owned(),
            message: "the reader failed on this file's structure; check quoting and line endings"
                .into(),
        }),
    }
}

type CsvParts = (DataFrame, Vec<usize>, Vec<RaggedRow>);

/// Pre-scans the CSV with the `csv` crate to set aside rows whose field count differs
/// from the header (each becomes a quarantine row with its own reason), then parses the
/// rest with polars, every column as text.
fn read_csv(path: &std::path::Path, bytes: Vec<u8>) -> Result<CsvParts, TableError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header = reader.byte_headers().map_err(|e| TableError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    check_unique_columns(path, header)?;
    let header_len = header.len();
    let scan = scan_rows(path, &mut reader, header_len)?;
    let clean = if scan.ragged.is_empty() {
        bytes
    } else {
        good_rows_text(&bytes, &scan.starts, &scan.good)
    };
    let df = parse_text(path, clean, scan.good.len())?;
    Ok((df, scan.good, scan.ragged))
}

/// Stops the table at a repeated column name. The CSV reader behind us would rename a
/// repeated column and carry on; a repeated column is ambiguous (which one holds the
/// data?).
fn check_unique_columns(
    path: &std::path::Path,
    header: &csv::ByteRecord,
) -> Result<(), TableError> {
    let mut seen = std::collections::HashSet::new();
    for name in header.iter() {
        let name = String::from_utf8_lossy(name).trim().to_string();
        // Empty names are what a file with no header shows: the missing columns say more.
        if !name.is_empty() && !seen.insert(name.clone()) {
            return Err(TableError::DuplicateColumn {
                path: path.to_owned(),
                column: name,
            });
        }
    }
    Ok(())
}

/// The data rows of a CSV, sorted by field count.
struct RowScan {
    /// Each data row's start, bytes from the start of the file (by row, from 0).
    starts: Vec<usize>,
    /// The rows (from 1) with as many fields as the header.
    good: Vec<usize>,
    /// The rows with more or fewer fields.
    ragged: Vec<RaggedRow>,
}

/// Reads every data row, noting where it starts and whether its field count matches
/// the header's `header_len`.
fn scan_rows(
    path: &std::path::Path,
    reader: &mut csv::Reader<&[u8]>,
    header_len: usize,
) -> Result<RowScan, TableError> {
    let mut scan = RowScan {
        starts: Vec::new(),
        good: Vec::new(),
        ragged: Vec::new(),
    };
    let mut record = csv::ByteRecord::new();
    let mut n = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(TableError::Parse {
                    path: path.to_owned(),
                    message: e.to_string(),
                });
            }
        }
        n += 1;
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        scan.starts.push(start);
        if record.len() == header_len {
            scan.good.push(n);
        } else {
            let fields = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            scan.ragged.push(RaggedRow { row: n, fields });
        }
    }
    Ok(scan)
}

/// The text rebuilt from the header and the `good` rows only (each ending in a newline),
/// cut from `bytes` at the rows' `starts`.
fn good_rows_text(bytes: &[u8], starts: &[usize], good: &[usize]) -> Vec<u8> {
    let header_end = starts.first().copied().unwrap_or(bytes.len());
    let mut out = bytes[..header_end].to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    for &row in good {
        let s = starts[row - 1];
        let e = starts.get(row).copied().unwrap_or(bytes.len());
        out.extend_from_slice(&bytes[s..e]);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    out
}

/// Parses the clean CSV text with polars, every column as text, checking it found the
/// `expected` data rows (fewer means unbalanced quotes ran rows together).
fn parse_text(
    path: &std::path::Path,
    clean: Vec<u8>,
    expected: usize,
) -> Result<DataFrame, TableError> {
    let df = guarded(path, || {
        CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .with_raise_if_empty(false)
            .with_parse_options(CsvParseOptions::default().with_missing_is_null(true))
            .into_reader_with_file_handle(Cursor::new(clean))
            .finish()
    })?;
    if df.height() != expected {
        return Err(TableError::Parse {
            path: path.to_owned(),
            message: format!(
                "found {} data rows but the CSV reader parsed {}; check for unbalanced quotes",
                expected,
                df.height()
            ),
        });
    }
    Ok(df)
}

fn header_hint(headers: &[String], missing: &[&str]) -> String {
    if headers.len() == 1 {
        let h = &headers[0];
        for (sep, name) in [(';', "semicolons"), ('\t', "tabs"), ('|', "pipes")] {
            if h.contains(sep) {
                return format!(
                    ".\nhint: the header looks delimited by {name}; disrupt reads comma-separated files"
                );
            }
        }
    }
    let near: Vec<String> = missing
        .iter()
        .filter_map(|m| {
            headers
                .iter()
                .find(|h| {
                    h.trim().eq_ignore_ascii_case(m)
                        || h.trim().replace([' ', '-'], "_").eq_ignore_ascii_case(m)
                })
                .map(|h| format!("'{h}' for '{m}'"))
        })
        .collect();
    if !near.is_empty() {
        return format!(
            ".\nhint: column names are exact and lower case; rename {}",
            near.join(", ")
        );
    }
    ".\nhint: the first line must be the header; see the data contract in README.md".into()
}

fn first_line(s: &str) -> String {
    truncate(s.lines().next().unwrap_or(s), 300)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text column in chunks of the given cells (`None`: null).
    fn column(chunks: &[&[Option<&str>]]) -> TextColumn {
        let mut ca = StringChunked::from_iter_options("c".into(), chunks[0].iter().copied());
        for c in &chunks[1..] {
            let next = StringChunked::from_iter_options("c".into(), c.iter().copied());
            ca.append(&next).expect("same type");
        }
        TextColumn::new(&ca)
    }

    fn table(columns: Vec<TextColumn>, rows: usize) -> RawTable {
        let shared_starts = shared_starts(&columns);
        RawTable {
            table: Table::Events,
            path: PathBuf::from("events.csv"),
            sha256: String::new(),
            notes: Vec::new(),
            headers: (0..columns.len()).map(|i| format!("c{i}")).collect(),
            columns,
            shared_starts,
            row_numbers: (1..=rows).collect(),
            ragged: Vec::new(),
        }
    }

    /// Every way of reading a cell gives the same text, chunks shared or not.
    fn assert_reads_agree(raw: &RawTable, expected: &[Vec<Option<&str>>]) {
        for (c, cells) in expected.iter().enumerate() {
            let walked: Vec<Option<&str>> = raw.cells(c).collect();
            assert_eq!(&walked, cells, "column {c} walked");
            for (row, want) in cells.iter().enumerate() {
                assert_eq!(raw.cell(c, row), *want, "column {c} row {row}");
                assert_eq!(
                    raw.cell_at(c, raw.row_at(row)),
                    *want,
                    "column {c} row {row} located"
                );
            }
            let past = cells.len();
            assert_eq!(raw.cell(c, past), None);
            assert_eq!(raw.cell_at(c, raw.row_at(past)), None);
        }
    }

    #[test]
    fn a_cell_reads_the_same_by_row_by_located_row_and_by_walking_the_column() {
        let a: &[&[Option<&str>]] = &[
            &[Some("E1"), None],
            &[Some("E3")],
            &[Some("E4"), Some("E5")],
        ];
        let b: &[&[Option<&str>]] = &[&[Some("x"), Some("y")], &[None], &[Some("z"), Some("w")]];
        let expected = vec![
            vec![Some("E1"), None, Some("E3"), Some("E4"), Some("E5")],
            vec![Some("x"), Some("y"), None, Some("z"), Some("w")],
        ];
        let shared = table(vec![column(a), column(b)], 5);
        assert!(shared.shared_starts.is_some());
        assert_reads_agree(&shared, &expected);
        // The second column chunked differently: each cell is found in its own column.
        let b_apart: &[&[Option<&str>]] =
            &[&[Some("x")], &[Some("y"), None, Some("z")], &[Some("w")]];
        let apart = table(vec![column(a), column(b_apart)], 5);
        assert!(apart.shared_starts.is_none());
        assert_reads_agree(&apart, &expected);
    }
}
