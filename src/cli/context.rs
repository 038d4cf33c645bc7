//! `disrupt context CHILD_ID DATA`: a child's context summary — places, peers, persons
//! of concern within two ties and the records behind each tie, protective adults, gaps.
//! No score.

use disrupt::assess::context::context;
use disrupt::graph::BetweennessMode;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Readable text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `disrupt context`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The child's `person_id`.
    child: String,
    #[command(flatten)]
    dataset: super::dataset::DataArgs,
    /// A TOML file of settings.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `disrupt context`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = super::hotspots::settings(args.config.as_deref(), |_| {})?;
    let loaded = args.dataset.load()?;
    let a = super::network::analyse(&loaded, &settings, BetweennessMode::Auto)?.network;
    let c = context(&loaded.dataset, &a, &args.child).map_err(|e| anyhow::anyhow!(e))?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &c)?;
            writeln!(out)?;
        }
        Format::Text => {
            let age = c
                .age
                .map(|(a, b)| format!(", aged {a}–{b}"))
                .unwrap_or_default();
            let la = match c.looked_after {
                Some(true) => {
                    ", looked after (disruption needs the Deputy Director of Children's Social Care to agree)"
                }
                Some(false) => "",
                None => ", looked-after status not recorded",
            };
            writeln!(out, "Context of {}{age}{la}", c.child)?;
            writeln!(
                out,
                "Missing episodes: {}; last found at: {}",
                c.missing_episodes,
                c.last_found_at.as_deref().unwrap_or("-")
            )?;
            writeln!(out, "Found at:")?;
            for p in &c.found_at {
                writeln!(
                    out,
                    "  {} ({}) {} times, last {}",
                    p.place, p.kind, p.events, p.last
                )?;
            }
            writeln!(
                out,
                "Peer group: {}",
                c.peer_group.as_deref().unwrap_or("none")
            )?;
            for (p, r) in &c.peers {
                writeln!(out, "  {p} ({r})")?;
            }
            writeln!(out, "Persons of concern within two ties:")?;
            for p in &c.persons_of_concern {
                writeln!(
                    out,
                    "  {} ({} tie{})",
                    p.person,
                    p.hops,
                    if p.hops == 1 { "" } else { "s" }
                )?;
                for h in &p.path {
                    writeln!(
                        out,
                        "    {} — {}: links [{}] events [{}]",
                        h.from,
                        h.to,
                        h.links.join(", "),
                        h.events.join(", ")
                    )?;
                }
            }
            writeln!(
                out,
                "Protective: trusted adults [{}], professionals [{}]",
                c.trusted_adults.join(", "),
                c.professionals.join(", ")
            )?;
            for g in &c.gaps {
                writeln!(out, "Gap: {g}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
