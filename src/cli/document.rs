//! What the commands that print or write one document (`assess place`, `assess group`,
//! `review`, `evaluate`) share: their flags, and printing the document or writing it
//! into `assessments/`.

use super::dataset::DataArgs;
use super::engine::EngineArgs;
use anyhow::Context;
use disrupt::plumbing::file::private_subdir;
use disrupt::privacy::Audience;
use disrupt::report::file::{DocFormat, render_document, write_document};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

impl Format {
    /// The document format.
    pub fn doc(self) -> DocFormat {
        match self {
            Format::Markdown => DocFormat::Markdown,
            Format::Json => DocFormat::Json,
        }
    }
}

/// The flags of the commands that print or write one document (the assessments, the
/// plan review, the evaluation).
#[derive(Debug, clap::Args)]
pub struct Common {
    #[command(flatten)]
    pub dataset: DataArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// A tool catalogue file to use instead of the bundled one.
    #[arg(long)]
    pub catalogue: Option<PathBuf>,
    /// Output format (with --out, both are written).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
}

/// Prints the document, or with --out writes `assessments/STEM.md` and `.json`.
pub fn emit<T: serde::Serialize>(
    c: &Common,
    out: Option<&std::path::Path>,
    to: &disrupt::privacy::Disclosure,
    stem: &str,
    doc: &T,
    render: disrupt::report::file::Render,
) -> anyhow::Result<ExitCode> {
    match out {
        Some(out) => {
            let dir = private_subdir(out, "assessments")
                .with_context(|| format!("creating {}", out.join("assessments").display()))?;
            for (ext, f) in [("md", DocFormat::Markdown), ("json", DocFormat::Json)] {
                let path = dir.join(format!("{stem}.{ext}"));
                write_document(&path, doc, to, f, render)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            eprintln!(
                "wrote assessments/{stem}.md and assessments/{stem}.json into {0} (audience: {1})",
                c.dataset.out.as_deref().unwrap_or(out).display(),
                to.audience()
            );
        }
        None => {
            let text = render_document(doc, to, c.format.doc(), render)?;
            super::stdout().write_all(text.as_bytes())?;
        }
    }
    if to.audience() == Audience::Partner {
        eprintln!(
            "note: partner audience: no identities; counts from 1 to {} shown as <{}",
            to.policy.threshold.get() - 1,
            to.policy.threshold.get()
        );
    }
    Ok(ExitCode::SUCCESS)
}
