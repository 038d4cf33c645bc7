//! `disrupt convert`: bring other formats into the data contract.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

/// Formats `disrupt convert` reads.
#[derive(Debug, clap::Subcommand)]
pub enum Source {
    /// A data.police.uk street-level crime CSV: named snap points become places, streets
    /// stay free points, rows without a location are kept for `check` to quarantine.
    PoliceUk {
        /// The police.uk `*-street.csv` file.
        input: PathBuf,
        /// The dataset folder to write (places.csv, events.csv).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs `disrupt convert`.
pub fn run(source: Source) -> anyhow::Result<ExitCode> {
    match source {
        Source::PoliceUk { input, out } => {
            let c = disrupt::ingest::police_uk::convert(&input, &out)
                .with_context(|| format!("converting {}", input.display()))?;
            println!(
                "{}: {} rows → {} events ({} without a location), {} places, in {}",
                input.display(),
                c.rows,
                c.events,
                c.without_location,
                c.places,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
