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
/// tells Arrow readers which in-memory type to give them. `metadata` goes into the
/// schema's custom metadata too: pyarrow takes a table's metadata from the stored schema
/// when there is one, not from the footer's other keys.
///
/// The entry is what polars-parquet's `schema_to_metadata_key` writes (an IPC
/// schema message with the legacy length prefix, in base64), with the metadata added.
fn compatible_arrow_schema(df: &DataFrame, metadata: &[(String, String)]) -> (String, String) {
    use base64::Engine;
    use polars_arrow::io::ipc::write::{default_ipc_fields, schema_to_bytes};
    let arrow = df.schema().to_arrow(CompatLevel::oldest());
    let custom: polars_arrow::datatypes::Metadata = metadata
        .iter()
        .map(|(k, v)| (k.as_str().into(), v.as_str().into()))
        .collect();
    let fields = default_ipc_fields(arrow.iter_values());
    let message = schema_to_bytes(&arrow, &fields, (!custom.is_empty()).then_some(&custom));
    let mut framed = Vec::with_capacity(message.len() + 8);
    framed.extend_from_slice(&[255u8, 255, 255, 255]);
    framed.extend_from_slice(
        &u32::try_from(message.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    framed.extend_from_slice(&message);
    let value = base64::engine::general_purpose::STANDARD.encode(&framed);
    ("ARROW:schema".to_string(), value)
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
        // Row by row: a table of a million cells is never held as text.
        let rows = (0..t.rows()).map(|i| t.columns.iter().map(move |(_, v)| v.cell(i)));
        csv_safe::write_file(path, &header, rows)?;
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
        write_frame(path, t.parquet_columns(), Vec::new())?;
        to.record_output(path.to_path_buf());
        Ok(Some(path.to_path_buf()))
    }

    /// The columns of a released table as polars columns, typed as in Parquet.
    pub(crate) fn parquet_columns(&self) -> Vec<Column> {
        self.columns
            .iter()
            .map(|(n, v)| {
                let name = n.as_str().into();
                match &**v {
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
            .collect()
    }
}

/// Writes `cols` as Parquet at `path`, atomically, with the compatible Arrow schema and
/// the key-value pairs `extra` in the file's footer (GeoParquet's `geo`).
///
/// # Errors
/// Any I/O error; a Parquet encoding error is reported as an I/O error.
pub(crate) fn write_frame(
    path: &Path,
    cols: Vec<Column>,
    extra: Vec<(String, String)>,
) -> std::io::Result<()> {
    let to_io = |e: polars::error::PolarsError| std::io::Error::other(e.to_string());
    let mut df = DataFrame::new_infer_height(cols).map_err(to_io)?;
    let mut kv = vec![compatible_arrow_schema(&df, &extra)];
    kv.extend(extra);
    crate::plumbing::file::write_atomic(path, |w| {
        ParquetWriter::new(w)
            .with_key_value_metadata(Some(KeyValueMetadata::from_static(kv)))
            .finish(&mut df)
            .map(|_| ())
            .map_err(to_io)
    })
}
