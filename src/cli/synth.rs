//! `disrupt synth`: generate a synthetic borough with planted networks.

use anyhow::Context;
use disrupt::synth::{Borough, SynthConfig, generate};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `disrupt synth`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the random stream: the same seed and settings give byte-identical files.
    #[arg(long, default_value_t = disrupt::synth::SEED_SYNTH)]
    seed: u64,
    /// Children (subjects of concern); peers, adults and persons of concern scale with it.
    #[arg(long, default_value_t = 300)]
    children: usize,
    /// Total events to aim for (planted networks first, background noise fills the rest).
    #[arg(long, default_value_t = 6_000)]
    events: usize,
    /// Places to generate, besides the Underground stations.
    #[arg(long, default_value_t = 2_500)]
    places: usize,
    /// Planted exploitation networks (default: one per 100 children, at least 4).
    #[arg(long)]
    networks: Option<usize>,
    /// The boundary to set the borough in, by its NAME property.
    #[arg(long, default_value = "Lambeth")]
    borough: String,
    /// A GeoJSON FeatureCollection of WGS84 boundaries to choose from instead of the
    /// compiled-in London boroughs (other cities); features matched on NAME or name.
    #[arg(long)]
    boundary: Option<PathBuf>,
    /// The last day of the period covered (YYYY-MM-DD); the period is one year.
    #[arg(long, value_parser = super::parse_as_of, default_value = "2026-10-31")]
    end: disrupt::model::AsOf,
    /// The dataset folder to write.
    #[arg(long, default_value = "synth")]
    out: PathBuf,
}

/// Runs `disrupt synth`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let borough = match &args.boundary {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Borough::from_geojson(&text, &args.borough, None)?
        }
        None => Borough::london(&args.borough)?,
    };
    let config = SynthConfig {
        seed: args.seed,
        children: args.children,
        events: args.events,
        places: args.places,
        networks: args.networks,
        end: args.end.0,
        ..SynthConfig::default()
    };
    let summary = generate(&config, &borough, &args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} (seed {}): {} stations",
        borough.name,
        args.seed,
        borough.stations.len()
    );
    for (table, n) in &summary.rows {
        println!("  {table:<13} {n:>9} rows");
    }
    // Name the first few networks; a 1M-event borough plants hundreds.
    let networks = &summary.truth.networks;
    let mut shown: Vec<String> = networks
        .iter()
        .take(6)
        .map(|n| format!("{} at {} {}", n.id, n.premises_kind, n.premises))
        .collect();
    if networks.len() > shown.len() {
        shown.push(format!("… {} more", networks.len() - shown.len()));
    }
    println!(
        "  planted: {} networks ({}), {} decoys; truth in {}",
        networks.len(),
        shown.join(", "),
        summary.truth.decoys.len(),
        args.out.join("truth.json").display()
    );
    Ok(ExitCode::SUCCESS)
}
