//! `disrupt trends DATA --out DIR`: emerging hot spots (ArcGIS Pro's categories on a
//! space-time cube of Gi* bins and Mann–Kendall trends) and each place's score trend.

use super::dataset::DataArgs;
use super::engine::{AreaArgs, EngineArgs};
use super::outputs::write_trend_tables;
use anyhow::Context;
use disrupt::ingest::Loaded;
use disrupt::pipeline::MAX_TREND_STEPS;
use disrupt::privacy::Disclosure;
use disrupt::report::file::write_json;
use disrupt::report::trends::{place_trends_table, tally_json};
use disrupt::score::{TrendAnalysis, TrendSettings};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `disrupt trends`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    #[command(flatten)]
    engine: EngineArgs,
    /// Length of a time step: days (`30d`, `30`) or weeks (`4w`).
    #[arg(long, default_value = "30d", value_parser = super::parse_period)]
    step: u32,
    /// Number of time steps, back from the as-of date.
    #[arg(long, default_value_t = 12)]
    steps: u32,
    /// Time steps before a bin that share its Gi* neighbourhood (ArcGIS's
    /// "neighborhood time step"; 0: each step on its own, as esda's G_Local).
    #[arg(long, default_value_t = 0)]
    time_neighbours: usize,
    #[command(flatten)]
    area: AreaArgs,
    /// How many rising places to print.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// Runs `disrupt trends`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.engine.settings()?;
    super::check_range("--steps", args.steps, 2..=MAX_TREND_STEPS, "steps")?;
    let most = args.steps as usize - 1;
    super::check_range("--time-neighbours", args.time_neighbours, 0..=most, "steps")?;
    super::check_range("--top", args.top, 0..=10_000, "places")?;
    let area = args.area.study_area()?;
    let shape = TrendSettings {
        steps: args.steps as usize,
        step_days: args.step,
        time_neighbours: args.time_neighbours,
    };
    args.dataset.run(|loaded, to, out| {
        let d = &loaded.dataset;
        let (settings, choice) = args.engine.for_dataset(&settings, d, area.as_ref());
        let ta = TrendAnalysis::run(d, &settings, area.as_ref(), shape)
            .context("cannot build the analysis grid")?;
        if let Some(out) = out {
            write_outputs(out, &args.dataset.data, &loaded, &ta, choice.as_ref(), &to)?;
        }
        print_summary(&loaded, &ta, args.top, &to)?;
        match &args.dataset.out {
            Some(out) => eprintln!(
                "wrote trends.csv/.parquet/.geojson, place_trends.csv, cube.csv and run.json to {} (audience: {})",
                out.display(),
                to.audience()
            ),
            None => eprintln!(
                "hint: pass --out DIR to write trends.csv/.parquet/.geojson, place_trends.csv, cube.csv and run.json"
            ),
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn write_outputs(
    out: &Path,
    data: &Path,
    loaded: &Loaded,
    ta: &TrendAnalysis,
    choice: Option<&disrupt::score::BandwidthChoice>,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let d = &loaded.dataset;
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    write_trend_tables(out, loaded, ta, to)?;
    let steps: Vec<_> = ta
        .cube
        .steps
        .iter()
        .map(|s| json!({"start": s.start.to_string(), "end": s.end.to_string()}))
        .collect();
    let mut run = json!({
        "command": "trends",
        "dataset": data.display().to_string(),
        "audience": to.audience(),
        "as_of": d.as_of.0.to_string(),
        "as_of_inferred": loaded.as_of_inferred,
        "settings": ta.settings,
        "cube": {"steps": ta.shape.steps, "step_days": ta.shape.step_days,
                 "time_neighbours": ta.shape.time_neighbours, "step_spans": steps,
                 "weight": "base × grading (no recency)", "counts": ta.cube.counts,
                 "cell_m": ta.cube.grid.cell, "gi_distance_m": ta.emerging.distance,
                 "fdr": ta.emerging.fdr, "cells_with_data": ta.emerging.cells.len()},
        "categories": tally_json(&ta.emerging),
        "places": {
            "rising": ta.places.places.iter().filter(|p| p.direction == disrupt::spatial::Direction::Rising).count(),
            "falling": ta.places.places.iter().filter(|p| p.direction == disrupt::spatial::Direction::Falling).count(),
            "steady": ta.places.places.iter().filter(|p| p.direction == disrupt::spatial::Direction::Steady).count(),
        },
    });
    if let Some(choice) = choice {
        run["bandwidth_choice"] = json!(choice);
    }
    write_json(&out.join("run.json"), &run, to).with_context(|| ctx("run.json"))?;
    Ok(())
}

fn print_summary(
    loaded: &Loaded,
    ta: &TrendAnalysis,
    top: usize,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let d = &loaded.dataset;
    let mut out = super::stdout();
    let c = &ta.cube.counts;
    writeln!(
        out,
        "as of {}: {} steps of {} days, {} events binned ({} before the first step, {} outside the grid); {} cells with data",
        d.as_of.0,
        ta.shape.steps,
        ta.shape.step_days,
        c.binned,
        c.before_first_step,
        c.outside_grid,
        ta.emerging.cells.len()
    )?;
    writeln!(out, "{:<24} {:>6}", "category", "cells")?;
    for (cat, n) in ta.emerging.tally() {
        writeln!(out, "{:<24} {:>6}", cat.as_str(), to.count_json(n as u64))?;
    }
    let Some(t) = to.release(&place_trends_table(d, &ta.places, to)) else {
        return Ok(());
    };
    let mut rising: Vec<usize> = (0..t.rows())
        .filter(|&i| t.text("direction", i) == "rising")
        .collect();
    rising.sort_by(|&a, &b| {
        let z = |i: usize| t.text("trend_z", i).parse::<f64>().unwrap_or(0.0);
        z(b).total_cmp(&z(a)).then(a.cmp(&b))
    });
    writeln!(
        out,
        "places whose score is rising (Mann–Kendall p ≤ {}): {}",
        ta.settings.fdr,
        rising.len()
    )?;
    for &i in rising.iter().take(top) {
        writeln!(
            out,
            "  {:<14} {:<14} z {:>6}  p {:>8}  slope {:>7}/step",
            t.text("place_id", i),
            t.text("kind", i),
            fmt(&t.text("trend_z", i), 2),
            fmt(&t.text("trend_p", i), 4),
            fmt(&t.text("sen_slope", i), 2),
        )?;
    }
    Ok(())
}

fn fmt(text: &str, places: usize) -> String {
    text.parse::<f64>()
        .map_or_else(|_| text.to_string(), |x| format!("{x:.places$}"))
}
