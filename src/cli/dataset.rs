//! The arguments every command that reads a dataset shares, and running such a command
//! as an audited session.

use super::session::{PrivacyArgs, audited};
use anyhow::Context;
use disrupt::ingest::Loaded;
use disrupt::model::AsOf;
use disrupt::privacy::{Audience, Disclosure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// A dataset to read, a folder to write to, and who the outputs are for.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// The dataset folder (places, events, and optionally people, event_people, links,
    /// actions), as CSV or Parquet.
    pub data: PathBuf,
    /// Write this command's outputs, and each rejected row with its reason under
    /// rejected/ (analyst audience only), into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The date analysis is "as of" (YYYY-MM-DD); events after it are rejected.
    /// Default: the latest event date in the data.
    #[arg(long, value_parser = super::parse_as_of)]
    pub as_of: Option<AsOf>,
    #[command(flatten)]
    pub privacy: PrivacyArgs,
}

impl DataArgs {
    /// Runs `body` on the loaded dataset as an audited session (see
    /// [`super::session`]): the disclosure it is given is the only way to its outputs,
    /// and the folder it is given (with `--out`) is the run's own staging folder,
    /// already holding the quarantine, swapped into `--out` when the run succeeds.
    pub fn run(
        &self,
        body: impl FnOnce(Loaded, Arc<Disclosure>, Option<&Path>) -> anyhow::Result<ExitCode>,
    ) -> anyhow::Result<ExitCode> {
        self.run_also(None, |loaded, _, to, out| body(loaded, to, out))
    }

    /// As [`DataArgs::run`], also loading `also` (a second dataset, such as a later
    /// period to test a forecast on) in the same session; the output folder must be
    /// apart from both datasets, and the outputs go through the first one's disclosure.
    pub fn run_also(
        &self,
        also: Option<&Path>,
        body: impl FnOnce(
            Loaded,
            Option<Loaded>,
            Arc<Disclosure>,
            Option<&Path>,
        ) -> anyhow::Result<ExitCode>,
    ) -> anyhow::Result<ExitCode> {
        audited(&self.privacy, |session| {
            if let Some(out) = &self.out {
                if let Some(other) = also {
                    disrupt::report::run_folder::check_apart_from(out, other)
                        .map_err(|e| super::UsageError(e.to_string()))?;
                }
                session.stage_output(out, &self.data)?;
            }
            let (loaded, to) = session.load(&self.data, self.as_of)?;
            let second = match also {
                Some(p) => Some(session.load_also(p)?),
                None => None,
            };
            let out = session.output().map(Path::to_path_buf);
            if let Some(out) = &out {
                write_quarantine(out, &loaded, &to)?;
                // The second dataset's rejects go beside it, in `test_data/rejected/`,
                // so nothing read is lost from the account.
                if let Some(t) = second.as_ref().filter(|t| t.quarantine.total() > 0) {
                    let dir = disrupt::plumbing::file::private_subdir(out, "test_data")
                        .with_context(|| format!("creating {}", out.join("test_data").display()))?;
                    write_quarantine(&dir, t, &to)?;
                }
            }
            body(loaded, second, to, out.as_deref())
        })
    }
}

/// Writes the quarantine into the output folder. Rejected rows are copies of the input,
/// so only the analyst audience (who must fix the source data) gets them, and without
/// the columns that identify or describe a person (`display_name`, `sex`, `ethnicity`)
/// unless names are revealed with a purpose; other audiences get the counts.
fn write_quarantine(out: &Path, loaded: &Loaded, to: &Disclosure) -> anyhow::Result<()> {
    if to.audience() == Audience::Analyst {
        let reveal = to.policy.reveal_names;
        for path in loaded.quarantine.write(out, reveal)? {
            to.record_output(path);
        }
    }
    Ok(())
}

/// Writes `table` as `OUT/STEM.csv` and `OUT/STEM.parquet` for the disclosure's
/// audience (nothing, if the audience does not get it), naming the file on failure.
pub fn write_csv_and_parquet(
    out: &Path,
    stem: &str,
    table: &disrupt::report::ColumnTable,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let csv = out.join(format!("{stem}.csv"));
    table
        .write_csv(&csv, to)
        .with_context(|| format!("writing {}", csv.display()))?;
    let parquet = out.join(format!("{stem}.parquet"));
    table
        .write_parquet(&parquet, to)
        .with_context(|| format!("writing {}", parquet.display()))?;
    Ok(())
}
