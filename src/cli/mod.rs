//! Command-line interface: one file per command, each with an args struct and `run`.
//! Commands never call each other: what two of them share is in the library or in the
//! shared modules here — [`dataset`] (the dataset, the output folder and the audited
//! session), [`engine`] (the settings and their flags, the study area, the catalogue),
//! [`outputs`] (the files more than one command writes) and [`document`] (the
//! assessment-like documents and how they are printed or written).
//!
//! Exit codes: 0 success; 1 `check --strict` found rejected rows, or `audit verify`
//! found the log tampered with; 2 bad command-line usage (including a reveal without a
//! purpose, and a settings file or value that cannot be used); 3 the dataset cannot be
//! read (missing folder or table, unreadable file); 4 any other failure (for example an
//! output that cannot be written); 5 the privacy safeguards cannot be met (the audit log
//! cannot be written, or the pseudonym key cannot be had): nothing was run.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod analyse;
mod assess;
mod audit;
mod backtest;
mod check;
mod completions;
mod context;
mod convert;
mod dataset;
mod document;
mod engine;
mod evaluate;
mod hotspots;
mod import;
mod network;
mod outputs;
mod partials;
mod review;
mod session;
mod synth;
mod tools;
mod trends;

/// Network and location risk analytics for child-exploitation disruption and
/// contextual safeguarding. Places and persons of concern are ranked; children never are.
#[derive(Debug, Parser)]
#[command(name = "disrupt", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The main job: places, network, assessments, plan review, report.html,
    /// hotspots.xlsx and every table, cut for the audience (default data: the bundled
    /// example borough).
    Analyse(analyse::Args),
    /// Validate a dataset against the data contract; quarantine bad rows with reasons.
    Check(check::Args),
    /// One area's part of a study's figures (grid extent, cell weights, footfall), for a
    /// job over many areas to sum into the file `analyse --study` reads.
    Partials(partials::Args),
    /// Rank places by hotspot score, with grid KDE and Gi*, premises-type risk and time profiles.
    Hotspots(hotspots::Args),
    /// The network of children, peers and persons of concern: centralities, peer groups,
    /// connection scores for persons of concern (children are never scored).
    Network(network::Args),
    /// A child's context: places, peers, persons of concern within two ties and the records
    /// behind each, protective adults, gaps. Never a score.
    Context(context::Args),
    /// Assess a place (location-based risk assessment) or a peer group.
    #[command(subcommand)]
    Assess(assess::What),
    /// Review the disruption plan against the reflective questions.
    Review(review::Args),
    /// Before/after evaluation of a disruption action: rate ratios and the Weighted
    /// Displacement Quotient.
    Evaluate(evaluate::Args),
    /// List the disruption tool catalogue.
    Tools(tools::Args),
    /// Emerging hot spots (Gi* per time step, Mann–Kendall trends, ArcGIS categories) and each place's score trend.
    Trends(trends::Args),
    /// Forecast accuracy: fit hotspot surfaces up to a date, score them on the next period (hit rate, PAI, PEI).
    Backtest(backtest::Args),
    /// Generate a seeded synthetic borough in the data contract, with planted networks.
    Synth(synth::Args),
    /// Import agency extracts with a profile into a dataset in the data contract.
    Import(import::Args),
    /// Convert another format into the data contract.
    #[command(subcommand)]
    Convert(convert::Source),
    /// The audit log of runs that read personal data.
    #[command(subcommand)]
    Audit(audit::Action),
    /// Print a shell completion script (bash, zsh, fish).
    Completions(completions::Args),
    /// Print the man page (roff): `disrupt man > disrupt.1`.
    Man,
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Analyse(args) => analyse::run(args),
        Command::Check(args) => check::run(args),
        Command::Partials(args) => partials::run(args),
        Command::Hotspots(args) => hotspots::run(args),
        Command::Network(args) => network::run(args),
        Command::Context(args) => context::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Assess(what) => assess::run(what),
        Command::Review(args) => review::run(args),
        Command::Evaluate(args) => evaluate::run(args),
        Command::Tools(args) => tools::run(args),
        Command::Trends(args) => trends::run(args),
        Command::Backtest(args) => backtest::run(args),
        Command::Import(args) => import::run(args),
        Command::Convert(source) => convert::run(source),
        Command::Audit(action) => audit::run(action),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}

/// Standard output for the user's terminal: control characters from the data are shown
/// as `\u{..}`, never sent to the terminal.
pub fn stdout() -> disrupt::report::escape::Terminal<std::io::StdoutLock<'static>> {
    disrupt::report::escape::Terminal::new(std::io::stdout().lock())
}

/// A command line that asks for something that cannot be done (a value out of range, an
/// output folder that would overwrite the data): exit 2, with the message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Fails with a [`UsageError`] unless `value` lies in `range`, naming the flag, the
/// range and the unit.
pub fn check_range<T: PartialOrd + std::fmt::Display + Copy>(
    flag: &str,
    value: T,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> Result<T, UsageError> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(UsageError(format!(
            "{flag} {value} is out of range: give {} to {} {unit}",
            range.start(),
            range.end()
        )))
    }
}

/// The exit code for an error (see the module docs).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let any = |f: &dyn Fn(&(dyn std::error::Error + 'static)) -> bool| err.chain().any(f);
    if any(&|e| {
        e.downcast_ref::<disrupt::privacy::PolicyError>().is_some()
            || e.downcast_ref::<UsageError>().is_some()
            || e.downcast_ref::<disrupt::score::SettingsError>().is_some()
    }) {
        2
    } else if any(&|e| {
        e.downcast_ref::<disrupt::ingest::IngestError>().is_some()
            || e.downcast_ref::<disrupt::ingest::import::ImportError>()
                .is_some()
    }) {
        3
    } else if any(&|e| {
        e.downcast_ref::<disrupt::privacy::AuditError>().is_some()
            || e.downcast_ref::<disrupt::privacy::KeyError>().is_some()
    }) {
        5
    } else {
        4
    }
}

/// A period in days: `30`, `30d` or `4w`.
pub fn parse_period(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let (number, per) = if let Some(w) = t.strip_suffix(['w', 'W']) {
        (w, 7)
    } else {
        (t.trim_end_matches(['d', 'D']), 1)
    };
    number
        .parse::<u32>()
        .ok()
        .filter(|d| *d > 0 && *d <= 36_500 / per)
        .map(|d| d * per)
        .ok_or_else(|| format!("'{text}' is not a period (such as 30d, 30 or 4w)"))
}

/// Parses an `--as-of` date.
pub fn parse_as_of(text: &str) -> Result<disrupt::model::AsOf, String> {
    disrupt::model::time::parse_date(text).map(disrupt::model::AsOf)
}
