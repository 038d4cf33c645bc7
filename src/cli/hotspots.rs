//! `disrupt hotspots DATA`: rank places by hotspot score, with the grid statistics.

use super::dataset::DataArgs;
use super::engine::{AreaArgs, EngineArgs};
use super::outputs::{write_hotspots, write_hotspots_gis};
use anyhow::Context;
use disrupt::PlaceAnalysis;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::report::file::write_json;
use disrupt::report::hotspots::places_table;
use disrupt::score::LocationAnalysis;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `disrupt hotspots`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    area: AreaArgs,
    /// How many places to print.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// Runs `disrupt hotspots`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.engine.settings()?;
    let area = args.area.study_area()?;
    args.dataset.run(|loaded, to, out| {
        let (settings, choice) = args
            .engine
            .for_dataset(&settings, &loaded.dataset, area.as_ref());
        let pa = PlaceAnalysis::run(&loaded.dataset, &settings, area.as_ref())
            .context("cannot build the analysis grid")?;
        if let Some(out) = out {
            let mut run = write_hotspots(
                out,
                &args.dataset.data,
                &loaded,
                &pa.location,
                &pa.peer_groups,
                &pa.network,
                &to,
            )?;
            run["bandwidth_choice"] = json!(choice);
            write_hotspots_gis(out, &loaded, &pa.location, area.as_ref(), &to)?;
            write_json(&out.join("run.json"), &run, &to)
                .with_context(|| format!("writing {}", out.join("run.json").display()))?;
        }
        print_top(&loaded, &pa.location, args.top, &to)?;
        match &args.dataset.out {
            Some(out) => eprintln!(
                "wrote hotspots, grid and premises types to {} (audience: {})",
                out.display(),
                to.audience()
            ),
            None => eprintln!(
                "hint: pass --out DIR to write hotspots.csv/.parquet/.geojson/.gpkg, grid.geojson and run.json"
            ),
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Prints the top places from the table as released for the audience, so the summary
/// shows exactly what the files do (suppressed counts and all).
fn print_top(
    loaded: &Loaded,
    la: &LocationAnalysis,
    top: usize,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let d = &loaded.dataset;
    let c = &la.counts;
    let mut out = super::stdout();
    writeln!(
        out,
        "as of {}: {} events counted ({} expired, {} before the window, {} weigh nothing for places); \
         {} snapped to places, {} free points",
        d.as_of.0, c.used, c.expired, c.outside_window, c.zero_weight, c.snap.snapped, c.snap.free
    )?;
    if c.handling_c > 0 {
        writeln!(
            out,
            "note: {} handling-code C events left out (partner run)",
            c.handling_c
        )?;
    }
    let Some(t) = to.release(&places_table(d, la)) else {
        return Ok(());
    };
    writeln!(
        out,
        "{:>4}  {:<14} {:<14} {:>7}  {:>6} {:>5} {:>5}  leading components",
        "rank", "place", "kind", "score", "events", "kids", "poc"
    )?;
    for i in 0..t.rows().min(top) {
        let total = t
            .text("total", i)
            .parse::<f64>()
            .map_or_else(|_| "-".to_string(), |x| format!("{x:.1}"));
        writeln!(
            out,
            "{:>4}  {:<14} {:<14} {:>7}  {:>6} {:>5} {:>5}  {}",
            t.text("rank", i),
            t.text("place_id", i),
            t.text("kind", i),
            total,
            t.shown("events", i),
            t.shown("distinct_children", i),
            t.shown("distinct_persons_of_concern", i),
            t.text("leading", i)
        )?;
    }
    Ok(())
}
