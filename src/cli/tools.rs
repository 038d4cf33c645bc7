//! `disrupt tools`: the disruption tool catalogue, filtered by target or place kind.

use disrupt::model::PlaceKind;
use disrupt::toolkit::ToolTarget;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What a tool acts on.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Target {
    /// Persons of concern.
    Offender,
    /// Children (protective measures).
    Victim,
    /// Places.
    Location,
    /// Neither.
    Other,
}

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A readable table.
    Text,
    /// The catalogue's records as JSON.
    Json,
}

/// Arguments of `disrupt tools`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only tools acting on this.
    #[arg(long, value_enum)]
    target: Option<Target>,
    /// Only tools that can apply to this kind of place (hotel, takeaway, …): location
    /// tools with no place-kind condition, or one that includes it.
    #[arg(long, value_parser = parse_kind)]
    place_kind: Option<PlaceKind>,
    /// Include tools that are not in force (pilots ended, commencement unconfirmed).
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A catalogue file to use instead of the bundled one.
    #[arg(long)]
    catalogue: Option<PathBuf>,
}

fn parse_kind(text: &str) -> Result<PlaceKind, String> {
    PlaceKind::parse(text).ok_or_else(|| format!("expected one of {}", PlaceKind::expected()))
}

/// Runs `disrupt tools`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let c = super::engine::catalogue(args.catalogue.as_deref())?;
    let target = args.target.map(|t| match t {
        Target::Offender => ToolTarget::Offender,
        Target::Victim => ToolTarget::Victim,
        Target::Location => ToolTarget::Location,
        Target::Other => ToolTarget::Other,
    });
    let tools: Vec<_> = c
        .tools
        .iter()
        .filter(|t| target.is_none_or(|x| t.target == x))
        .filter(|t| {
            args.place_kind.is_none_or(|k| {
                t.target == ToolTarget::Location
                    && (t.applies.place_kinds.is_empty() || t.applies.place_kinds.contains(&k))
            })
        })
        .filter(|t| args.all || t.status.available())
        .collect();
    let mut out = super::stdout();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({"version": c.version, "as_of": c.as_of, "tools": tools}),
            )?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(
                out,
                "Disruption tool catalogue {} (legal position as of {}); {} tool(s)",
                c.version,
                c.as_of,
                tools.len()
            )?;
            for t in &tools {
                let status = match t.status.why_unavailable() {
                    Some(why) => format!(" [NOT AVAILABLE: {why}]"),
                    None => String::new(),
                };
                let verify = if t.verify { " [verify]" } else { "" };
                writeln!(
                    out,
                    "\n{}  {} ({}){status}{verify}\n    {} {} ({}) — {}; lead: {}\n    standard: {}\n    imposes: {} ({})",
                    t.id,
                    t.name,
                    t.target.as_str(),
                    t.legislation,
                    t.section,
                    t.jurisdiction.in_words(),
                    t.who_can_apply,
                    t.lead_agency,
                    t.standard_of_proof,
                    t.imposes,
                    t.duration
                )?;
            }
            if !args.all {
                let hidden = c.tools.len() - tools.len();
                if hidden > 0 && target.is_none() && args.place_kind.is_none() {
                    eprintln!("hint: {hidden} tool(s) not in force are left out; --all lists them");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
