//! `disrupt evaluate ACTION_ID DATA [--before 90d --after 90d --buffer 400]`: before and
//! after an action, in the target, a buffer and the rest of the area.

use super::document::{Common, emit};
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::{EvaluationSettings, evaluate};
use disrupt::report::file_name::safe_stem;
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

/// The longest before or after window, in days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3_660;

fn parse_days(text: &str) -> Result<u32, String> {
    let t = text.trim().trim_end_matches(['d', 'D']);
    let days = t
        .parse::<u32>()
        .ok()
        .filter(|d| *d > 0)
        .ok_or_else(|| format!("'{text}' is not a number of days (such as 90 or 90d)"))?;
    if days > MAX_WINDOW_DAYS {
        return Err(format!(
            "{days} days is out of range: give 1 to {MAX_WINDOW_DAYS} days"
        ));
    }
    Ok(days)
}

/// Runs `disrupt evaluate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.common.engine.settings()?;
    super::check_range("--buffer", args.buffer, 1.0..=50_000.0, "metres")?;
    let s = EvaluationSettings {
        before_days: args.before,
        after_days: args.after,
        buffer_m: args.buffer,
    };
    let c = &args.common;
    c.dataset.run(|loaded, to, out| {
        let d = &loaded.dataset;
        let (settings, _) = c.engine.for_dataset(&settings, d, None);
        let an = Analysis::run(d, &settings, None, c.engine.betweenness())
            .context("cannot build the analysis grid")?;
        let doc = evaluate(d, &an, &args.action, s)?;
        emit(
            c,
            out,
            &to,
            &safe_stem("evaluation", &args.action),
            &doc,
            markdown::evaluation,
        )
    })
}
