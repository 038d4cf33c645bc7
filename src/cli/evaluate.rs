//! `disrupt evaluate ACTION_ID DATA [--before 90d --after 90d --buffer 400]`: before and
//! after an action, in the target, a buffer and the rest of the area.

use super::assess::{Common, emit};
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::{EvaluationSettings, evaluate};
use disrupt::graph::BetweennessMode;
use disrupt::report::markdown;
use std::process::ExitCode;

/// Arguments of `disrupt evaluate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The action's `action_id`.
    action: String,
    #[command(flatten)]
    common: Common,
    /// Days before the start to compare (`90` or `90d`).
    #[arg(long, default_value = "90d", value_parser = parse_days)]
    before: u32,
    /// Days from the start to compare (`90` or `90d`); cut at the end of the data.
    #[arg(long, default_value = "90d", value_parser = parse_days)]
    after: u32,
    /// Width of the buffer ring around a place, metres.
    #[arg(long, default_value_t = 400.0)]
    buffer: f64,
}

fn parse_days(text: &str) -> Result<u32, String> {
    let t = text.trim().trim_end_matches(['d', 'D']);
    t.parse::<u32>()
        .ok()
        .filter(|d| *d > 0)
        .ok_or_else(|| format!("'{text}' is not a number of days (such as 90 or 90d)"))
}

/// Runs `disrupt evaluate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = super::hotspots::settings(args.common.config.as_deref(), |_| {})?;
    if !(args.buffer > 0.0 && args.buffer.is_finite()) {
        anyhow::bail!("--buffer must be a positive number of metres");
    }
    let s = EvaluationSettings {
        before_days: args.before,
        after_days: args.after,
        buffer_m: args.buffer,
    };
    let c = &args.common;
    c.dataset.run(|loaded, to| {
        let d = &loaded.dataset;
        let an = Analysis::run(d, &settings, None, BetweennessMode::Auto)
            .context("cannot build the analysis grid")?;
        let doc = evaluate(d, &an, &args.action, s)?;
        emit(
            c,
            &loaded,
            &to,
            &format!("evaluation-{}", args.action),
            &doc,
            markdown::evaluation,
        )
    })
}
