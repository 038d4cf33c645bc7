//! Documents written for an audience: released through a [`crate::privacy::Disclosure`],
//! then written atomically ([`crate::plumbing::file::write_atomic`]).

use crate::plumbing::file::write_atomic;
use crate::privacy::Disclosure;
use std::io::Write;
use std::path::Path;

/// Writes `value` as pretty JSON for the disclosure's audience (people as labels,
/// counts suppressed, record references withheld from partners: see
/// [`Disclosure::release_json`]), atomically, with a final newline.
///
/// # Errors
/// Any I/O or serialisation error.
pub fn write_json<T: serde::Serialize>(
    path: &Path,
    value: &T,
    to: &Disclosure,
) -> std::io::Result<()> {
    let released = to.release_json(serde_json::to_value(value)?);
    write_atomic(path, |w| {
        serde_json::to_writer_pretty(&mut *w, &released)?;
        w.write_all(b"\n")
    })?;
    to.record_output(path.to_path_buf());
    Ok(())
}

/// How a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// Markdown, rendered from the released JSON.
    Markdown,
    /// JSON, released.
    Json,
}

/// A Markdown renderer: the released JSON and the audience's name to text, or an error
/// where the JSON does not read back into the document's typed released form.
pub type Render = fn(&serde_json::Value, &str) -> std::io::Result<String>;

/// A document (an assessment, a review, an evaluation) as text for the disclosure's
/// audience: released first, then written as JSON or rendered to Markdown by `render`
/// from the released value only.
///
/// # Errors
/// A serialisation error.
pub fn render_document<T: serde::Serialize>(
    doc: &T,
    to: &Disclosure,
    format: DocFormat,
    render: Render,
) -> std::io::Result<String> {
    let released = to.release_json(serde_json::to_value(doc)?);
    Ok(match format {
        DocFormat::Json => {
            let mut s = serde_json::to_string_pretty(&released)?;
            s.push('\n');
            s
        }
        DocFormat::Markdown => render(&released, to.audience().as_str())?,
    })
}

/// Writes a document with [`render_document`], atomically, recording the output.
///
/// # Errors
/// Any I/O or serialisation error.
pub fn write_document<T: serde::Serialize>(
    path: &Path,
    doc: &T,
    to: &Disclosure,
    format: DocFormat,
    render: Render,
) -> std::io::Result<()> {
    let text = render_document(doc, to, format, render)?;
    write_atomic(path, |w| w.write_all(text.as_bytes()))?;
    to.record_output(path.to_path_buf());
    Ok(())
}

/// Writes a GeoJSON FeatureCollection one feature at a time — each released for the
/// audience, then written compactly — so a county of places or cells never sits in
/// memory as one document.
///
/// # Errors
/// Any I/O or serialisation error.
pub fn write_feature_collection(
    path: &Path,
    properties: &serde_json::Value,
    features: impl Iterator<Item = serde_json::Value>,
    to: &Disclosure,
) -> std::io::Result<()> {
    write_atomic(path, |w| {
        w.write_all(b"{\"type\":\"FeatureCollection\",\"properties\":")?;
        serde_json::to_writer(&mut *w, &to.release_json(properties.clone()))?;
        w.write_all(b",\"features\":[\n")?;
        for (i, f) in features.enumerate() {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut *w, &to.release_json(f))?;
        }
        w.write_all(b"\n]}\n")
    })?;
    to.record_output(path.to_path_buf());
    Ok(())
}
