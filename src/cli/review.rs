//! `disrupt review DATA [--plan actions.csv]`: the plan reviewed against the reflective
//! questions.

use super::document::{Common, emit};
use super::engine::catalogue;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::review;
use disrupt::report::markdown;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `disrupt review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    common: Common,
    /// A plan to review instead of the dataset's own actions table: a CSV (or Parquet)
    /// in the contract's actions format, checked like any actions table.
    #[arg(long)]
    plan: Option<PathBuf>,
}

/// Runs `disrupt review`.
pub fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.common.engine.settings()?;
    let catalogue = catalogue(args.common.catalogue.as_deref())?;
    // A plan given separately is read as the dataset's actions table: a folder of links
    // to the dataset's other tables, and the plan, so it is validated (and fingerprinted
    // for the audit log) like any table.
    let _staged = match &args.plan {
        Some(plan) => {
            let dir = stage_plan(&args.common.dataset.data, plan)?;
            args.common.dataset.data = dir.path().to_path_buf();
            Some(dir)
        }
        None => None,
    };
    let c = &args.common;
    c.dataset.run(|loaded, to, out| {
        let d = &loaded.dataset;
        let (settings, _) = c.engine.for_dataset(&settings, d, None);
        let an = Analysis::run(d, &settings, None, c.engine.betweenness())
            .context("cannot build the analysis grid")?;
        let doc = review(d, &an, &catalogue);
        emit(c, out, &to, "plan-review", &doc, markdown::review)
    })
}

fn stage_plan(data: &Path, plan: &Path) -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir().context("creating a folder for the plan")?;
    let ext = plan
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| *e == "csv" || *e == "parquet")
        .ok_or_else(|| anyhow::anyhow!("--plan must be a .csv or .parquet file"))?;
    for entry in std::fs::read_dir(data).with_context(|| format!("reading {}", data.display()))? {
        let path = entry?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem == "actions" || !path.is_file() {
            continue;
        }
        let target = dir.path().join(path.file_name().unwrap_or_default());
        let source = std::fs::canonicalize(&path)?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(&source, &target)?;
        #[cfg(not(unix))]
        std::fs::copy(&source, &target)?;
    }
    std::fs::copy(plan, dir.path().join(format!("actions.{ext}")))
        .with_context(|| format!("reading {}", plan.display()))?;
    Ok(dir)
}
