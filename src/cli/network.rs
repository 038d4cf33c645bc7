//! `disrupt network DATA`: the network of children, peers and persons of concern.

use super::dataset::DataArgs;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::graph::BetweennessMode;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::report::file::write_json;
use disrupt::report::network::{groups_table, links_i2_table, people_table, write_graphml};
use disrupt::score::{NetworkAnalysis, Settings};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How to compute betweenness.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Betweenness {
    /// Exact (Brandes).
    Exact,
    /// Sampled with a stated error bound.
    Sampled,
    /// Exact up to the settings' node limit (20,000 by default), sampled above.
    Auto,
}

/// Arguments of `disrupt network`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    /// A TOML file of settings (`[network]` for this command).
    #[arg(long)]
    config: Option<PathBuf>,
    /// How to compute betweenness.
    #[arg(long, value_enum, default_value_t = Betweenness::Auto)]
    betweenness: Betweenness,
    /// How many persons of concern to print.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// Runs `disrupt network`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = super::hotspots::settings(args.config.as_deref(), |_| {})?;
    let mode = match args.betweenness {
        Betweenness::Exact => BetweennessMode::Exact,
        Betweenness::Sampled => BetweennessMode::Sampled,
        Betweenness::Auto => BetweennessMode::Auto,
    };
    args.dataset.run(|loaded, to, out| {
        let an = analyse(&loaded, &settings, mode)?;
        let stages = an.location.stages;
        if let Some(note) = stages.note() {
            eprintln!("note: {note}");
        }
        let a = an.network;
        let monitor = disproportionality(&loaded.dataset, &a, &to);
        if let Some(out) = out {
            let mut run = write_outputs(out, &args.dataset.data, &loaded, &a, &monitor, &to)?;
            run["location_stages"] = json!(stages);
            run["location_note"] = json!(stages.note());
            write_json(&out.join("run.json"), &run, &to)
                .with_context(|| format!("writing {}", out.join("run.json").display()))?;
        }
        print_summary(&loaded, &a, args.top, settings.network.co_presence_cap, &to)?;
        for flag in &monitor.flags {
            eprintln!("note: disproportionality: {flag}");
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// How many of the top persons of concern the disproportionality monitor compares.
pub const MONITORED_TOP: usize = 20;

/// The disproportionality monitor on the top persons of concern and everyone with a tie.
pub fn disproportionality(
    d: &disrupt::model::Dataset,
    a: &NetworkAnalysis,
    to: &Disclosure,
) -> disrupt::privacy::Disproportionality {
    let top: Vec<_> = a
        .connections
        .iter()
        .take(MONITORED_TOP)
        .map(|s| s.person)
        .collect();
    let members: Vec<_> = d
        .people
        .iter()
        .filter(|p| a.degree[p.id.index()] > 0)
        .map(|p| p.id)
        .collect();
    disrupt::privacy::monitor(d, &top, &members, to.policy.threshold.get())
}

/// The whole engine on a loaded dataset: the location engine first (it places every
/// event and names the hotspots), then the network.
pub fn analyse(
    loaded: &Loaded,
    settings: &Settings,
    mode: BetweennessMode,
) -> anyhow::Result<Analysis> {
    Analysis::run(&loaded.dataset, settings, None, mode).context("cannot build the analysis grid")
}

/// Writes the network engine's files into `out` and returns their part of `run.json`.
pub fn write_outputs(
    out: &Path,
    data: &Path,
    loaded: &Loaded,
    a: &NetworkAnalysis,
    monitor: &disrupt::privacy::Disproportionality,
    to: &Disclosure,
) -> anyhow::Result<serde_json::Value> {
    let d = &loaded.dataset;
    let ctx = |name: &str| format!("writing {}", out.join(name).display());
    super::dataset::write_csv_and_parquet(out, "people", &people_table(d, a), to)?;
    groups_table(d, a)
        .write_csv(&out.join("groups.csv"), to)
        .with_context(|| ctx("groups.csv"))?;
    // The tie list twice: for i2 Analyst's Notebook (CSV), and as Parquet for a
    // distributed engine (GraphFrames edges: rename `entity1`/`entity2` to `src`/`dst`).
    let ties = links_i2_table(d, a);
    ties.write_csv(&out.join("links_i2.csv"), to)
        .with_context(|| ctx("links_i2.csv"))?;
    ties.write_parquet(&out.join("ties.parquet"), to)
        .with_context(|| ctx("ties.parquet"))?;
    write_graphml(&out.join("network.graphml"), d, a, to)
        .with_context(|| ctx("network.graphml"))?;
    let run = json!({
        "command": "network",
        "dataset": data.display().to_string(),
        "as_of": d.as_of.0.to_string(),
        "audience": to.audience(),
        "admission": d.admission,
        "legacy_gradings": loaded.reports.iter().filter(|(_, r)| r.legacy_gradings.rows > 0).map(|(t, r)| (t.name(), r.legacy_gradings)).collect::<std::collections::BTreeMap<_, _>>(),
        "counts": a.network.counts,
        "disproportionality": monitor,
        "capped_places": a.network.counts.capped_places.iter().map(|p| &d.places[p.index()].key).collect::<Vec<_>>(),
        "betweenness": a.betweenness,
        "peer_groups": a.peer_groups.groups.len(),
        "modularity": a.peer_groups.modularity,
    });
    Ok(run)
}

fn print_summary(
    loaded: &Loaded,
    a: &NetworkAnalysis,
    top: usize,
    cap: usize,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let d = &loaded.dataset;
    let c = &a.network.counts;
    let b = &a.betweenness;
    let mut out = super::stdout();
    writeln!(
        out,
        "{} people, {} ties ({} links, {} expired links left out); {} peer groups, modularity {:.3}",
        d.people.len(),
        c.ties,
        c.links,
        c.expired_links,
        a.peer_groups.groups.len(),
        a.peer_groups.modularity
    )?;
    if c.handling_c_links > 0 {
        writeln!(
            out,
            "note: {} handling-code C links left out (partner run)",
            c.handling_c_links
        )?;
    }
    if b.method == "exact" {
        writeln!(out, "betweenness: exact")?;
    } else {
        writeln!(
            out,
            "betweenness: sampled ({} paths; within ±{:.4} with probability {:.2})",
            b.samples,
            b.epsilon,
            1.0 - b.delta
        )?;
    }
    if c.capped_windows > 0 {
        writeln!(
            out,
            "note: {} busy co-presence windows at {} places inferred no ties (cap {})",
            c.capped_windows,
            c.capped_places.len(),
            cap
        )?;
    }
    if !to.shows_people() {
        writeln!(
            out,
            "{} persons of concern ranked (identities are not shown to the {} audience)",
            a.connections.len(),
            to.audience()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<16} {:>7}  leading components",
        "rank", "person", "score"
    )?;
    for s in a.connections.iter().take(top) {
        let mut parts: Vec<(&str, f64)> = s
            .components
            .named()
            .into_iter()
            .filter(|(_, v)| *v > 0.0)
            .collect();
        parts.sort_by(|x, y| y.1.total_cmp(&x.1));
        let flag = if s.may_also_be_exploited {
            "  [under 18: may also be exploited]"
        } else {
            ""
        };
        let leading: Vec<String> = parts
            .iter()
            .take(3)
            .map(|(n, v)| format!("{n} {v:.1}"))
            .collect();
        writeln!(
            out,
            "{:>4}  {:<16} {:>7.1}  {}{flag}",
            s.rank,
            to.person_text(s.person),
            s.total,
            leading.join(", ")
        )?;
    }
    Ok(())
}
