//! Finding a table's file in a dataset folder and turning its bytes into UTF-8 text.
//!
//! Real exports are messy: Excel writes a byte-order mark, "Unicode text" exports are
//! UTF-16, and "CSV" from older systems is Windows-1252. We accept all three and say so
//! in a note; binary content is refused with a clear error.

use super::{Table, TableError};
use crate::plumbing::hex::hex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The two file formats a table may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// A table's file, read into memory.
#[derive(Debug)]
pub struct SourceFile {
    /// Which file it is.
    pub path: PathBuf,
    /// CSV or Parquet.
    pub format: Format,
    /// The content; for CSV, decoded to UTF-8 with any byte-order mark removed.
    pub bytes: Vec<u8>,
    /// SHA-256 of the file exactly as it is on disk, hex.
    pub sha256: String,
    /// Anything done to the bytes that the user should know about.
    pub notes: Vec<String>,
}

/// Finds `table` in `folder`: `NAME.csv` or `NAME.parquet`.
///
/// # Returns
/// `Ok(None)` when neither exists.
///
/// # Errors
/// [`TableError::Ambiguous`] when both exist.
pub fn locate(folder: &Path, table: Table) -> Result<Option<(PathBuf, Format)>, TableError> {
    let csv = folder.join(format!("{}.csv", table.name()));
    let parquet = folder.join(format!("{}.parquet", table.name()));
    // A device or FIFO would be read without end or hang: name it, rather than call
    // the table missing.
    for path in [&csv, &parquet] {
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(TableError::Io {
                path: path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a regular file (a folder, device or FIFO); a table must be a plain .csv or .parquet file",
                ),
            });
        }
    }
    match (csv.is_file(), parquet.is_file()) {
        (true, true) => Err(TableError::Ambiguous { csv, parquet }),
        (true, false) => Ok(Some((csv, Format::Csv))),
        (false, true) => Ok(Some((parquet, Format::Parquet))),
        (false, false) => Ok(None),
    }
}

/// Reads a table's file, fingerprints it and, for CSV, decodes it to UTF-8.
///
/// # Errors
/// [`TableError::Io`], [`TableError::Empty`] or [`TableError::Binary`].
pub fn read(path: &Path, format: Format, table: Table) -> Result<SourceFile, TableError> {
    let raw = std::fs::read(path).map_err(|source| TableError::Io {
        path: path.to_owned(),
        source,
    })?;
    let sha256 = hex(&Sha256::digest(&raw));
    let mut notes = Vec::new();
    let bytes = match format {
        Format::Parquet => raw,
        Format::Csv => decode_text(raw, &mut notes).map_err(|offset| TableError::Binary {
            path: path.to_owned(),
            offset,
        })?,
    };
    if format == Format::Csv && bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TableError::Empty {
            path: path.to_owned(),
            columns: table.contract_columns().join(","),
        });
    }
    Ok(SourceFile {
        path: path.to_owned(),
        format,
        bytes,
        sha256,
        notes,
    })
}

/// Decodes CSV bytes to UTF-8.
///
/// # Errors
/// The offset of the first NUL byte when the content is binary: not UTF-8 and holding
/// NUL bytes. (A stray NUL inside valid UTF-8 text is left for validation to reject the
/// cell it is in, so one bad byte never costs a whole file.)
fn decode_text(raw: Vec<u8>, notes: &mut Vec<String>) -> Result<Vec<u8>, usize> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&raw) {
        if encoding == encoding_rs::UTF_8 {
            notes.push("removed a UTF-8 byte-order mark".into());
            return Ok(raw[bom_len..].to_vec());
        }
        let (text, _, had_errors) = encoding.decode(&raw);
        notes.push(format!(
            "decoded from {}{}",
            encoding.name(),
            if had_errors {
                " (some bytes were invalid and became U+FFFD)"
            } else {
                ""
            }
        ));
        return Ok(text.into_owned().into_bytes());
    }
    if std::str::from_utf8(&raw).is_ok() {
        return Ok(raw);
    }
    if let Some(offset) = raw.iter().position(|b| *b == 0) {
        return Err(offset);
    }
    // Not UTF-8: Windows-1252 (a superset of Latin-1) is what Excel and older case
    // systems write in the UK. It maps every byte, so decoding cannot fail; binary junk
    // turns into rows that fail validation, never into a silent loss.
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&raw);
    notes.push(
        "not valid UTF-8: decoded as Windows-1252; re-export as UTF-8 if names look wrong".into(),
    );
    Ok(text.into_owned().into_bytes())
}
