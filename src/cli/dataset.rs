//! The arguments every command that reads a dataset shares, and loading it.

use anyhow::Context;
use disrupt::ingest::{IngestOptions, Loaded, load};
use disrupt::model::AsOf;
use std::path::{Path, PathBuf};

/// A dataset to read and a folder to write to.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// The dataset folder (places, events, and optionally people, event_people, links,
    /// actions), as CSV or Parquet.
    pub data: PathBuf,
    /// Write this command's outputs, and each rejected row with its reason under
    /// rejected/, into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The date analysis is "as of" (YYYY-MM-DD); events after it are rejected.
    /// Default: the latest event date in the data.
    #[arg(long, value_parser = super::parse_as_of)]
    pub as_of: Option<AsOf>,
}

impl DataArgs {
    /// Loads the dataset.
    pub fn load(&self) -> anyhow::Result<Loaded> {
        load(&self.data, &IngestOptions { as_of: self.as_of })
            .with_context(|| format!("cannot read {}", self.data.display()))
    }

    /// Creates the output folder, if one was asked for, and writes the quarantine into it.
    pub fn prepare_out(&self, loaded: &Loaded) -> anyhow::Result<Option<&Path>> {
        let Some(out) = &self.out else {
            return Ok(None);
        };
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        loaded.quarantine.write(out)?;
        Ok(Some(out))
    }
}

/// Writes `table` as `OUT/STEM.csv` and `OUT/STEM.parquet`, naming the file on failure.
pub fn write_csv_and_parquet(
    out: &Path,
    stem: &str,
    table: &disrupt::report::ColumnTable,
) -> anyhow::Result<()> {
    let csv = out.join(format!("{stem}.csv"));
    table
        .write_csv(&csv)
        .with_context(|| format!("writing {}", csv.display()))?;
    let parquet = out.join(format!("{stem}.parquet"));
    table
        .write_parquet(&parquet)
        .with_context(|| format!("writing {}", parquet.display()))?;
    Ok(())
}
