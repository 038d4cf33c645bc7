//! `disrupt hotspots DATA`: rank places by hotspot score, with the grid statistics.

use super::dataset::DataArgs;
use anyhow::Context;
use disrupt::PlaceAnalysis;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::report::file::write_json;
use disrupt::report::hotspots::{
    places_table, premises_types_table, write_grid_geojson, write_places_geojson,
};
use disrupt::score::{LocationAnalysis, Settings};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `disrupt hotspots`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    /// A TOML file of settings (weights, windows, sizes); flags below override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Only events in the last DAYS days count.
    #[arg(long, value_name = "DAYS")]
    window: Option<u32>,
    /// Recency half-life in days.
    #[arg(long, value_name = "DAYS")]
    half_life: Option<f64>,
    /// Grid cell size in metres.
    #[arg(long, value_name = "METRES")]
    cell: Option<f64>,
    /// Kernel bandwidth in metres (default: 5 cells), or `auto`: the bandwidth that
    /// best forecast the data's last 30 days from the events before them (stated in
    /// run.json).
    #[arg(long, value_name = "METRES|auto", value_parser = parse_bandwidth)]
    bandwidth: Option<BandwidthArg>,
    /// Snap events without a place to the nearest place within this many metres.
    #[arg(long, value_name = "METRES")]
    snap: Option<f64>,
    /// A GeoJSON file of WGS84 boundaries (e.g. ONS wards or local authorities): the grid
    /// covers the boundary named by --area, and only its cells take part in Gi*.
    #[arg(long, requires = "area")]
    boundary: Option<PathBuf>,
    /// The boundary's NAME in --boundary.
    #[arg(long)]
    area: Option<String>,
    /// How many places to print.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// `--bandwidth`: metres, or chosen by backtest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BandwidthArg {
    /// Chosen by a backtest on the data's own past ([`disrupt::score::choose_bandwidth`]).
    Auto,
    /// This many metres.
    Metres(f64),
}

/// Parses `--bandwidth`: `auto` or a positive number of metres.
pub fn parse_bandwidth(text: &str) -> Result<BandwidthArg, String> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(BandwidthArg::Auto);
    }
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|m| m.is_finite() && *m > 0.0)
        .map(BandwidthArg::Metres)
        .ok_or_else(|| format!("'{text}' is neither 'auto' nor a positive number of metres"))
}

/// The settings with `--bandwidth auto` resolved on `d` (and the choice, to state in
/// run.json and on stderr); other values are already in `settings`.
pub fn resolve_bandwidth(
    arg: Option<BandwidthArg>,
    d: &disrupt::model::Dataset,
    settings: &Settings,
    area: Option<&disrupt::spatial::StudyArea>,
) -> (Settings, Option<disrupt::score::BandwidthChoice>) {
    let mut s = settings.clone();
    if arg != Some(BandwidthArg::Auto) {
        return (s, None);
    }
    let choice = disrupt::score::choose_bandwidth(d, settings, area);
    eprintln!("bandwidth: {} m, {}", choice.chosen_m, choice.reason);
    s.bandwidth_m = Some(choice.chosen_m);
    (s, Some(choice))
}

/// Settings from `--config`, then the flags.
pub fn settings(
    config: Option<&Path>,
    overrides: impl FnOnce(&mut Settings),
) -> anyhow::Result<Settings> {
    let mut s = match config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Settings::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => Settings::default(),
    };
    overrides(&mut s);
    s.validate()
        .map_err(|e| super::UsageError(format!("bad setting: {e}")))?;
    Ok(s)
}

/// The study area named by `--boundary FILE --area NAME`, if given.
pub fn study_area(
    boundary: Option<&Path>,
    area: Option<&str>,
) -> anyhow::Result<Option<disrupt::spatial::StudyArea>> {
    match (boundary, area) {
        (Some(path), Some(name)) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let area = disrupt::spatial::StudyArea::from_geojson(&text, name)
                .with_context(|| format!("in {}", path.display()))?;
            Ok(Some(area))
        }
        _ => Ok(None),
    }
}

/// Runs `disrupt hotspots`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = settings(args.config.as_deref(), |s| {
        if let Some(v) = args.window {
            s.window_days = v;
        }
        if let Some(v) = args.half_life {
            s.half_life_days = v;
        }
        if let Some(v) = args.cell {
            s.cell_m = v;
        }
        if let Some(BandwidthArg::Metres(m)) = args.bandwidth {
            s.bandwidth_m = Some(m);
        }
        if let Some(v) = args.snap {
            s.snap_m = v;
        }
    })?;
    let area = study_area(args.boundary.as_deref(), args.area.as_deref())?;
    args.dataset.run(|loaded, to, out| {
        let (settings, choice) =
            resolve_bandwidth(args.bandwidth, &loaded.dataset, &settings, area.as_ref());
        let pa = PlaceAnalysis::run(&loaded.dataset, &settings, area.as_ref())
            .context("cannot build the analysis grid")?;
        if let Some(out) = out {
            let mut run = write_outputs(
                out,
                &args.dataset.data,
                &loaded,
                &pa.location,
                &pa.peer_groups,
                &pa.network,
                &to,
            )?;
            run["bandwidth_choice"] = json!(choice);
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
                "hint: pass --out DIR to write hotspots.csv/.parquet/.geojson, grid.geojson and run.json"
            ),
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Writes the location engine's files into `out` and returns their part of `run.json`.
pub fn write_outputs(
    out: &Path,
    data: &Path,
    loaded: &Loaded,
    la: &LocationAnalysis,
    groups: &disrupt::graph::PeerGroups,
    network: &disrupt::graph::Network,
    to: &Disclosure,
) -> anyhow::Result<serde_json::Value> {
    let d = &loaded.dataset;
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    super::dataset::write_csv_and_parquet(out, "hotspots", &places_table(d, la), to)?;
    write_places_geojson(&out.join("hotspots.geojson"), d, la, to)
        .with_context(|| ctx("hotspots.geojson"))?;
    write_grid_geojson(&out.join("grid.geojson"), la, to).with_context(|| ctx("grid.geojson"))?;
    premises_types_table(la)
        .write_csv(&out.join("premises_types.csv"), to)
        .with_context(|| ctx("premises_types.csv"))?;
    let inputs: serde_json::Map<String, serde_json::Value> = loaded
        .reports
        .iter()
        .map(|(t, r)| {
            let v = json!({"sha256": r.sha256, "read": r.read, "accepted": r.accepted, "rejected": r.rejected, "expired": r.expired, "legacy_gradings": r.legacy_gradings});
            (t.name().to_string(), v)
        })
        .collect();
    let g = &la.grid;
    let run = json!({
        "command": "hotspots",
        "dataset": data.display().to_string(),
        "audience": to.audience(),
        "admission": d.admission,
        "as_of": d.as_of.0.to_string(),
        "as_of_inferred": loaded.as_of_inferred,
        "settings": la.settings,
        "effective": {"bandwidth_m": la.settings.bandwidth(), "gi_distance_m": la.settings.gi_distance()},
        "inputs": inputs,
        "counts": la.counts,
        "location_stages": la.stages,
        "location_note": la.stages.note(),
        "study_area": la.area,
        "grid": {"origin_x": g.origin.easting, "origin_y": g.origin.northing, "cell_m": g.cell, "cols": g.cols, "rows": g.rows,
                 "significant_cells": (0..g.len()).filter(|&i| la.gi.is_hot(i, la.settings.fdr)).count()},
        "peer_groups": {"groups": groups.groups.len(), "modularity": groups.modularity,
                        "places_where_groups_meet": groups.meeting_places(network, &la.snapped.place).len()},
    });
    Ok(run)
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
