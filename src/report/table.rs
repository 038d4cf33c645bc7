//! Writing a [`crate::privacy::ColumnTable`] as CSV (escaped against formula injection)
//! or Parquet, so every tabular output shares one writer. Writing a table always goes
//! through a [`crate::privacy::Disclosure`], which cuts it for the audience first (see
//! [`crate::privacy::release`]).

use crate::plumbing::csv_safe;
use crate::privacy::Disclosure;
pub use crate::privacy::table::{ColumnTable, Values};
use polars::io::parquet::write::KeyValueMetadata;
use polars::prelude::{Column, CompatLevel, DataFrame, ParquetWriter, SchemaExt};
use std::path::{Path, PathBuf};

/// The Arrow schema to store in a Parquet footer: text as `large_string` (polars holds it
/// as `string_view`, which pyarrow 14, Spark 3 and DuckDB before 1.1 cannot read). The
/// columns themselves are plain UTF-8 byte arrays either way; the stored schema only
/// tells Arrow readers which in-memory type to give them.
fn compatible_arrow_schema(df: &DataFrame) -> KeyValueMetadata {
    let arrow = df.schema().to_arrow(CompatLevel::oldest());
    let kv = polars_parquet::write::schema_to_metadata_key(&arrow);
    KeyValueMetadata::from_static(vec![(kv.key, kv.value.unwrap_or_default())])
}

impl ColumnTable {
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
        crate::plumbing::file::write_atomic(path, |w| {
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
