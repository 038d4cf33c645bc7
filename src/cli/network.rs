//! `disrupt network DATA`: the network of children, peers and persons of concern.

use super::dataset::DataArgs;
use super::engine::{EngineArgs, StudyArgs};
use super::outputs::write_network;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::privacy::monitor_network;
use disrupt::report::file::write_json;
use disrupt::score::NetworkAnalysis;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `disrupt network`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    study: StudyArgs,
    /// How many persons of concern to print.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// Runs `disrupt network`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.study.apply(args.engine.settings()?)?;
    args.dataset.run(|loaded, to, out| {
        let (settings, choice) = args.engine.for_dataset(&settings, &loaded.dataset, None);
        let an = Analysis::run(&loaded.dataset, &settings, None, args.engine.betweenness())
            .context("cannot build the analysis grid")?;
        let stages = an.location.stages;
        if let Some(note) = stages.note() {
            eprintln!("note: {note}");
        }
        let a = an.network;
        let monitor = monitor_network(&loaded.dataset, &a, to.policy.threshold.get());
        if let Some(out) = out {
            let mut run = write_network(out, &args.dataset.data, &loaded, &a, &monitor, &to)?;
            run["location_stages"] = json!(stages);
            run["location_note"] = json!(stages.note());
            if let Some(choice) = choice {
                run["bandwidth_choice"] = json!(choice);
            }
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

/// Prints what the network was built from, how betweenness was computed, and the top
/// persons of concern (for audiences that see people).
fn print_summary(
    loaded: &Loaded,
    a: &NetworkAnalysis,
    top: usize,
    cap: usize,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let mut out = super::stdout();
    print_counts(&mut out, &loaded.dataset, a, cap)?;
    if !to.shows_people() {
        writeln!(
            out,
            "{} persons of concern ranked (identities are not shown to the {} audience)",
            a.connections.len(),
            to.audience()
        )?;
        return Ok(());
    }
    print_top(&mut out, a, top, to)
}

/// The people, ties and peer groups, what was left out, and the betweenness method.
fn print_counts(
    out: &mut impl Write,
    d: &disrupt::model::Dataset,
    a: &NetworkAnalysis,
    cap: usize,
) -> anyhow::Result<()> {
    let c = &a.network.counts;
    let b = &a.betweenness;
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
    if b.method == disrupt::graph::BetweennessMethod::Exact {
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
    Ok(())
}

/// The top persons of concern with their three leading components.
fn print_top(
    out: &mut impl Write,
    a: &NetworkAnalysis,
    top: usize,
    to: &Disclosure,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:>4}  {:<16} {:>7}  leading components",
        "rank", "person", "score"
    )?;
    for s in a.connections.iter().take(top) {
        let parts = s.components.leading();
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
