//! `disrupt partials DATA --out DIR`: one area's part of the study-wide figures
//! (`partials.json`), for a job over many areas to sum into the study file every area's
//! `disrupt analyse --study` reads (docs/scale.md, "Study-wide reduces").

use super::dataset::DataArgs;
use super::engine::EngineArgs;
use super::session::AudienceArg;
use anyhow::Context;
use disrupt::privacy::PseudonymKey;
use disrupt::report::file::write_json;
use disrupt::score::Partials;
use std::process::ExitCode;

/// Arguments of `disrupt partials`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    #[command(flatten)]
    engine: EngineArgs,
    /// How many coordinates to keep at each end of each axis: at least the study's
    /// located records (places and events, over every area) × 0.001, plus 2, so the
    /// study's extent is exact. Default: enough for this area alone.
    #[arg(long, value_name = "N")]
    extent_rank: Option<usize>,
    /// The audience of the study's runs these partials serve: the records it admits are
    /// the ones summed (the partner audience's runs leave out handling-code C records).
    /// The partials themselves hold each child's keyed tag and small counts, so they are
    /// written for the analyst audience only and read only by the job that sums them.
    #[arg(long, value_enum, default_value_t = AudienceArg::Analyst)]
    for_audience: AudienceArg,
}

/// Runs `disrupt partials`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.engine.settings()?;
    if args.dataset.privacy.audience != AudienceArg::Analyst {
        return Err(super::UsageError(
            "partials are a study's working figures, read only by the job that sums them: run them for the analyst audience, with --for-audience naming the audience of the study's runs".into(),
        )
        .into());
    }
    let Some(_) = &args.dataset.out else {
        return Err(super::UsageError("disrupt partials needs --out DIR".into()).into());
    };
    let key = PseudonymKey::resolve(args.dataset.privacy.key_file.as_deref(), false)
        .context("reading the pseudonym key every area of the study shares")?;
    args.dataset.run(|mut loaded, to, out| {
        if args.for_audience == AudienceArg::Partner {
            loaded.dataset.admission.include_handling_c = false;
        }
        let d = &loaded.dataset;
        let (settings, _) = args.engine.for_dataset(&settings, d, None);
        let located = d.places.len() + d.events.len();
        let rank = args.extent_rank.unwrap_or(located / 1000 + 2);
        let partials = Partials::of(d, &settings, rank, |i| key.join_key(&d.people[i].key));
        if let Some(out) = out {
            let path = out.join("partials.json");
            write_json(&path, &partials, &to)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        println!(
            "{}: {} located records, {} cells, {} children's records at places",
            args.dataset.data.display(),
            partials.extent.points,
            partials.cells.len(),
            partials.footfall.child_records
        );
        Ok(ExitCode::SUCCESS)
    })
}
