//! A table of named, typed columns that writes itself as CSV (escaped against formula
//! injection) or Parquet, so every tabular output shares one writer. Columns that name
//! people, count them, or cite records are typed as such; writing a table always goes
//! through a [`Disclosure`], which cuts it for the audience first (see
//! [`crate::privacy::release`]).

use super::csv_safe;
use crate::model::PersonId;
use crate::privacy::Disclosure;
use polars::prelude::{Column, DataFrame, ParquetWriter};
use std::path::{Path, PathBuf};

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text.
    Text(Vec<String>),
    /// Optional text (empty in CSV, null in Parquet).
    OptText(Vec<Option<String>>),
    /// Floating point.
    Float(Vec<f64>),
    /// Optional floating point.
    OptFloat(Vec<Option<f64>>),
    /// Whole numbers.
    Int(Vec<i64>),
    /// Optional whole numbers.
    OptInt(Vec<Option<i64>>),
    /// Booleans.
    Bool(Vec<bool>),
    /// A person on each row: shown as the audience may see them, never to partners.
    Person(Vec<Option<PersonId>>),
    /// People on each row, shown as the audience may see them, never to partners.
    People(Vec<Vec<PersonId>>),
    /// Counts of people or records: suppressed below the threshold for partners.
    Count(Vec<Option<u64>>),
    /// References to records (event and link ids, source references): not for partners.
    Records(Vec<String>),
    /// Free text from records: not for partners.
    RecordText(Vec<Option<String>>),
}

impl Values {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) | Values::Records(v) => v.len(),
            Values::OptText(v) | Values::RecordText(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::OptFloat(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::OptInt(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Person(v) => v.len(),
            Values::People(v) => v.len(),
            Values::Count(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn cell(&self, i: usize) -> String {
        match self {
            Values::Text(v) | Values::Records(v) => v[i].clone(),
            Values::OptText(v) | Values::RecordText(v) => v[i].clone().unwrap_or_default(),
            Values::Float(v) => format_float(v[i]),
            Values::OptFloat(v) => v[i].map(format_float).unwrap_or_default(),
            Values::Int(v) => v[i].to_string(),
            Values::OptInt(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Bool(v) => v[i].to_string(),
            // Never reached: a released table holds plain columns only.
            Values::Person(_) | Values::People(_) | Values::Count(_) => String::new(),
        }
    }
}

/// Floats in CSV: shortest round-trip form, so CSV and Parquet carry the same number.
fn format_float(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// Named columns of equal length, with what the audience cut needs to know about them.
#[derive(Debug, Clone, Default)]
pub struct ColumnTable {
    pub(crate) columns: Vec<(String, Values)>,
    /// Count columns that add up to a total column on every row: `(total, parts)`.
    pub(crate) additive: Vec<(String, Vec<String>)>,
    /// Columns derived from counts (points per child, say), hidden on every row where
    /// any of those counts is suppressed: `(column, counts)`.
    pub(crate) masked: Vec<(String, Vec<String>)>,
    /// One row per person: withheld from partners entirely.
    pub(crate) per_person: bool,
}

impl ColumnTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table with one row per person (never written for partners).
    pub fn per_person() -> Self {
        ColumnTable {
            per_person: true,
            ..Self::default()
        }
    }

    /// Adds a column.
    pub fn push(&mut self, name: &str, values: Values) -> &mut Self {
        // A score of minus zero (a sum of zero components times a negative) reads as a
        // real negative in a spreadsheet: every zero is written as 0.
        let values = match values {
            Values::Float(v) => Values::Float(v.into_iter().map(|x| x + 0.0).collect()),
            Values::OptFloat(v) => {
                Values::OptFloat(v.into_iter().map(|x| x.map(|x| x + 0.0)).collect())
            }
            other => other,
        };
        self.columns.push((name.to_string(), values));
        self
    }

    /// Declares that the count columns `parts` add up to the count column `total` on
    /// every row, so suppressing one cannot be undone by subtraction.
    pub fn additive(&mut self, total: &str, parts: &[&str]) -> &mut Self {
        self.additive.push((
            total.to_string(),
            parts.iter().map(|p| p.to_string()).collect(),
        ));
        self
    }

    /// Declares that `column` is computed from the count columns `counts`, so wherever
    /// one of them is suppressed it is hidden too (it would give the count away).
    pub fn masked_with(&mut self, column: &str, counts: &[&str]) -> &mut Self {
        self.masked.push((
            column.to_string(),
            counts.iter().map(|c| c.to_string()).collect(),
        ));
        self
    }

    /// Rows (the length of the first column).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }

    /// Row `i` as JSON properties, for writers that build documents from a released
    /// table (GeoJSON features): numbers as numbers, empty cells as null.
    pub fn row_json(&self, i: usize) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::Value;
        let num = |x: f64| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number);
        self.columns
            .iter()
            .map(|(name, v)| {
                let cell = match v {
                    Values::Text(x) | Values::Records(x) => Value::from(x[i].clone()),
                    Values::OptText(x) | Values::RecordText(x) => {
                        x[i].clone().map_or(Value::Null, Value::from)
                    }
                    Values::Float(x) => num(x[i]),
                    Values::OptFloat(x) => x[i].map_or(Value::Null, num),
                    Values::Int(x) => Value::from(x[i]),
                    Values::OptInt(x) => x[i].map_or(Value::Null, Value::from),
                    Values::Bool(x) => Value::from(x[i]),
                    Values::Person(_) | Values::People(_) | Values::Count(_) => Value::Null,
                };
                (name.clone(), cell)
            })
            .collect()
    }

    /// The cell of column `name` on row `i` as text ("" when absent), for printing a
    /// released table.
    pub fn text(&self, name: &str, i: usize) -> String {
        self.column(name).map(|v| v.cell(i)).unwrap_or_default()
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Values> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Writes CSV for the disclosure's audience, atomically, with formula-injection
    /// escaping. Returns `None` (and writes nothing) when the audience does not get this
    /// table at all.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write_csv(&self, path: &Path, to: &Disclosure) -> std::io::Result<Option<PathBuf>> {
        let Some(t) = to.release(self) else {
            return Ok(None);
        };
        let header: Vec<String> = t.columns.iter().map(|(n, _)| n.clone()).collect();
        let rows: Vec<Vec<String>> = (0..t.rows())
            .map(|i| t.columns.iter().map(|(_, v)| v.cell(i)).collect())
            .collect();
        csv_safe::write_file(
            path,
            &header,
            rows.iter().map(|r| r.iter().map(String::as_str)),
        )?;
        to.record_output(path.to_path_buf());
        Ok(Some(path.to_path_buf()))
    }

    /// Writes Parquet for the disclosure's audience, atomically. Returns `None` (and
    /// writes nothing) when the audience does not get this table at all.
    ///
    /// # Errors
    /// Any I/O error; a Parquet encoding error is reported as an I/O error.
    pub fn write_parquet(&self, path: &Path, to: &Disclosure) -> std::io::Result<Option<PathBuf>> {
        let Some(t) = to.release(self) else {
            return Ok(None);
        };
        let cols: Vec<Column> = t
            .columns
            .iter()
            .map(|(n, v)| {
                let name = n.as_str().into();
                match v {
                    Values::Text(x) | Values::Records(x) => Column::new(name, x),
                    Values::OptText(x) | Values::RecordText(x) => Column::new(name, x),
                    Values::Float(x) => Column::new(name, x),
                    Values::OptFloat(x) => Column::new(name, x),
                    Values::Int(x) => Column::new(name, x),
                    Values::OptInt(x) => Column::new(name, x),
                    Values::Bool(x) => Column::new(name, x),
                    Values::Person(_) | Values::People(_) | Values::Count(_) => {
                        Column::new(name, Vec::<String>::new())
                    }
                }
            })
            .collect();
        let to_io = |e: polars::error::PolarsError| std::io::Error::other(e.to_string());
        let mut df = DataFrame::new_infer_height(cols).map_err(to_io)?;
        super::file::write_atomic(path, |w| {
            ParquetWriter::new(w)
                .finish(&mut df)
                .map(|_| ())
                .map_err(to_io)
        })?;
        to.record_output(path.to_path_buf());
        Ok(Some(path.to_path_buf()))
    }
}
