//! A table of named, typed columns that writes itself as CSV (escaped against formula
//! injection) or Parquet, so every tabular output shares one writer.

use super::csv_safe;
use polars::prelude::{Column, DataFrame, ParquetWriter};
use std::path::Path;

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
    /// Booleans.
    Bool(Vec<bool>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::OptText(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::OptFloat(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Bool(v) => v.len(),
        }
    }

    fn cell(&self, i: usize) -> String {
        match self {
            Values::Text(v) => v[i].clone(),
            Values::OptText(v) => v[i].clone().unwrap_or_default(),
            Values::Float(v) => format_float(v[i]),
            Values::OptFloat(v) => v[i].map(format_float).unwrap_or_default(),
            Values::Int(v) => v[i].to_string(),
            Values::Bool(v) => v[i].to_string(),
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

/// Named columns of equal length.
#[derive(Debug, Clone, Default)]
pub struct ColumnTable {
    columns: Vec<(String, Values)>,
}

impl ColumnTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a column.
    pub fn push(&mut self, name: &str, values: Values) -> &mut Self {
        self.columns.push((name.to_string(), values));
        self
    }

    /// Rows (the length of the first column).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }

    /// Writes CSV, atomically, with formula-injection escaping.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write_csv(&self, path: &Path) -> std::io::Result<()> {
        let header: Vec<String> = self.columns.iter().map(|(n, _)| n.clone()).collect();
        let rows: Vec<Vec<String>> = (0..self.rows())
            .map(|i| self.columns.iter().map(|(_, v)| v.cell(i)).collect())
            .collect();
        csv_safe::write_file(
            path,
            &header,
            rows.iter().map(|r| r.iter().map(String::as_str)),
        )
    }

    /// Writes Parquet, atomically.
    ///
    /// # Errors
    /// Any I/O error; a Parquet encoding error is reported as an I/O error.
    pub fn write_parquet(&self, path: &Path) -> std::io::Result<()> {
        let cols: Vec<Column> = self
            .columns
            .iter()
            .map(|(n, v)| {
                let name = n.as_str().into();
                match v {
                    Values::Text(x) => Column::new(name, x),
                    Values::OptText(x) => Column::new(name, x),
                    Values::Float(x) => Column::new(name, x),
                    Values::OptFloat(x) => Column::new(name, x),
                    Values::Int(x) => Column::new(name, x),
                    Values::Bool(x) => Column::new(name, x),
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
        })
    }
}
