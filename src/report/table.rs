//! A table of named, typed columns that writes itself as CSV (escaped against formula
//! injection) or Parquet, so every tabular output shares one writer. Columns that name
//! people, count them, or cite records are typed as such; writing a table always goes
//! through a [`Disclosure`], which cuts it for the audience first (see
//! [`crate::privacy::release`]).

use super::csv_safe;
use crate::model::PersonId;
use crate::privacy::Disclosure;
use polars::io::parquet::write::KeyValueMetadata;
use polars::prelude::{Column, CompatLevel, DataFrame, ParquetWriter, SchemaExt};
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
    /// Optional booleans (empty in CSV, null in Parquet and GeoJSON).
    OptBool(Vec<Option<bool>>),
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
            Values::OptBool(v) => v.len(),
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
            Values::OptBool(v) => v[i].map(|b| b.to_string()).unwrap_or_default(),
            // Never reached: a released table holds plain columns only.
            Values::Person(_) | Values::People(_) | Values::Count(_) => String::new(),
        }
    }
}

/// The Arrow schema to store in a Parquet footer: text as `large_string` (polars holds it
/// as `string_view`, which pyarrow 14, Spark 3 and DuckDB before 1.1 cannot read). The
/// columns themselves are plain UTF-8 byte arrays either way; the stored schema only
/// tells Arrow readers which in-memory type to give them.
fn compatible_arrow_schema(df: &DataFrame) -> KeyValueMetadata {
    let arrow = df.schema().to_arrow(CompatLevel::oldest());
    let kv = polars_parquet::write::schema_to_metadata_key(&arrow);
    KeyValueMetadata::from_static(vec![(kv.key, kv.value.unwrap_or_default())])
}

/// The suffix of a count's display column in partner outputs: `events_shown` holds `<5`
/// or `[c]` where `events` is null.
pub const SHOWN_SUFFIX: &str = "_shown";

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
    /// Text columns listing other columns by name, most important first, with how
    /// many to keep (`leading`: the three largest components): the release keeps only
    /// the names of columns the audience sees on that row. `(column, keep)`.
    pub(crate) ranked_names: Vec<(String, usize)>,
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

    /// Declares that the text column `column` lists other columns by name (`, `
    /// between them), most important first, and that the first `keep` the audience sees
    /// on each row are shown: a partner's `leading` never names a component withheld
    /// from partners.
    pub fn ranked_names(&mut self, column: &str, keep: usize) -> &mut Self {
        self.ranked_names.push((column.to_string(), keep));
        self
    }

    /// The cell of count column `name` on row `i` as the audience sees it: its display
    /// column (`NAME_shown`: `<5`, `[c]`) where the release wrote one, else the number.
    pub fn shown(&self, name: &str, i: usize) -> String {
        match self.column(&format!("{name}{SHOWN_SUFFIX}")) {
            Some(v) => v.cell(i),
            None => self.text(name, i),
        }
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
                    Values::OptBool(x) => x[i].map_or(Value::Null, Value::from),
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

    /// Whether the column `name` exists and holds a value on row `i` (a released table:
    /// a column withheld from the audience, or a value hidden on that row, is not).
    pub fn visible(&self, name: &str, i: usize) -> bool {
        match self.column(name) {
            None => false,
            Some(Values::OptFloat(v)) => v[i].is_some(),
            Some(Values::OptInt(v)) => v[i].is_some(),
            Some(Values::OptText(v)) => v[i].is_some(),
            Some(Values::OptBool(v)) => v[i].is_some(),
            Some(_) => true,
        }
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
                    Values::OptBool(x) => Column::new(name, x),
                    Values::Person(_) | Values::People(_) | Values::Count(_) => {
                        Column::new(name, Vec::<String>::new())
                    }
                }
            })
            .collect();
        let to_io = |e: polars::error::PolarsError| std::io::Error::other(e.to_string());
        let mut df = DataFrame::new_infer_height(cols).map_err(to_io)?;
        let schema = compatible_arrow_schema(&df);
        super::file::write_atomic(path, |w| {
            ParquetWriter::new(w)
                .with_key_value_metadata(Some(schema))
                .finish(&mut df)
                .map(|_| ())
                .map_err(to_io)
        })?;
        to.record_output(path.to_path_buf());
        Ok(Some(path.to_path_buf()))
    }
}
