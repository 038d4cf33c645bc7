//! `disrupt assess place PLACE_ID DATA` and `disrupt assess group GROUP_ID DATA`: the
//! location-based risk assessment and the peer group assessment, as Markdown or JSON,
//! cut for the audience.

use super::document::{Common, emit};
use super::engine::catalogue;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::{assess_group, assess_place};
use disrupt::pipeline::{MAX_TREND_STEPS, place_trends_for_report};
use disrupt::report::file_name::safe_stem;
use disrupt::report::markdown;
use std::process::ExitCode;

/// What to assess.
#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// A location-based risk assessment of a place: what happens there and when, who is
    /// linked to it, the places around it, guardianship, the tools that apply and who
    /// leads them, and the reflective questions.
    Place(PlaceArgs),
    /// A peer group assessment: members by role (children and peers by initials for the
    /// strategy audience, by pseudonym for analysts), where and when the group spends
    /// time, persons of concern attached, protective adults, tools for its people and
    /// places.
    Group(GroupArgs),
}

/// Arguments of `disrupt assess place`.
#[derive(Debug, clap::Args)]
pub struct PlaceArgs {
    /// The place's `place_id`.
    place: String,
    #[command(flatten)]
    common: Common,
    /// Radius for nearby places and guardianship, metres.
    #[arg(long, default_value_t = 400.0)]
    radius: f64,
    /// Steps of 30 days for the place's score trend (rising, steady or falling; 0 to
    /// leave it out; each step costs one run of the location engine).
    #[arg(long, value_name = "N", default_value_t = 12)]
    trend_steps: usize,
}

/// Arguments of `disrupt assess group`.
#[derive(Debug, clap::Args)]
pub struct GroupArgs {
    /// The group's id (`G1`, … as in groups.csv).
    group: String,
    #[command(flatten)]
    common: Common,
}

/// Runs `disrupt assess`.
pub fn run(what: What) -> anyhow::Result<ExitCode> {
    match what {
        What::Place(a) => {
            let c = &a.common;
            super::check_range("--radius", a.radius, 1.0..=50_000.0, "metres")?;
            if a.trend_steps != 0 {
                let most = MAX_TREND_STEPS as usize;
                super::check_range("--trend-steps", a.trend_steps, 2..=most, "steps (or 0)")?;
            }
            let settings = c.engine.settings()?;
            let catalogue = catalogue(c.catalogue.as_deref())?;
            c.dataset.run(|loaded, to, out| {
                let d = &loaded.dataset;
                let place = d
                    .place_by_key(&a.place)
                    .ok_or_else(|| anyhow::anyhow!("no place '{}' in the dataset", a.place))?
                    .id;
                let (settings, _) = c.engine.for_dataset(&settings, d, None);
                let (an, trends) = rayon::join(
                    || Analysis::run(d, &settings, None, c.engine.betweenness()),
                    || {
                        (a.trend_steps != 0)
                            .then(|| place_trends_for_report(d, &settings, None, a.trend_steps))
                    },
                );
                let an = an.context("cannot build the analysis grid")?;
                let mut doc = assess_place(d, &an, &catalogue, place, a.radius);
                if let Some(trends) = trends {
                    let trends = trends.context("cannot build the trends' grid")?;
                    doc = doc.with_trend(&trends, place);
                }
                emit(
                    c,
                    out,
                    &to,
                    &safe_stem("place", &a.place),
                    &doc,
                    markdown::place,
                )
            })
        }
        What::Group(a) => {
            let c = &a.common;
            let settings = c.engine.settings()?;
            let catalogue = catalogue(c.catalogue.as_deref())?;
            c.dataset.run(|loaded, to, out| {
                let d = &loaded.dataset;
                let (settings, _) = c.engine.for_dataset(&settings, d, None);
                let an = Analysis::run(d, &settings, None, c.engine.betweenness())
                    .context("cannot build the analysis grid")?;
                let doc = assess_group(d, &an, &catalogue, &a.group).map_err(anyhow::Error::msg)?;
                emit(
                    c,
                    out,
                    &to,
                    &safe_stem("group", &a.group),
                    &doc,
                    markdown::group,
                )
            })
        }
    }
}
