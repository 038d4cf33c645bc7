//! `disrupt assess place PLACE_ID DATA` and `disrupt assess group GROUP_ID DATA`: the
//! location-based risk assessment and the peer group assessment, as Markdown or JSON,
//! cut for the audience.

use super::dataset::DataArgs;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::{assess_group, assess_place};
use disrupt::graph::BetweennessMode;
use disrupt::plumbing::file::private_subdir;
use disrupt::privacy::Audience;
use disrupt::report::file::{DocFormat, render_document, write_document};
use disrupt::report::file_name::safe_stem;
use disrupt::report::markdown;
use disrupt::score::PlaceTrends;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

impl Format {
    /// The document format.
    pub fn doc(self) -> DocFormat {
        match self {
            Format::Markdown => DocFormat::Markdown,
            Format::Json => DocFormat::Json,
        }
    }
}

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

/// The flags both assessments share.
#[derive(Debug, clap::Args)]
pub struct Common {
    #[command(flatten)]
    pub dataset: DataArgs,
    /// A TOML file of settings.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A tool catalogue file to use instead of the bundled one.
    #[arg(long)]
    pub catalogue: Option<PathBuf>,
    /// Output format (with --out, both are written).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
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
                let most = super::trends::MAX_STEPS as usize;
                super::check_range("--trend-steps", a.trend_steps, 2..=most, "steps (or 0)")?;
            }
            let settings = super::hotspots::settings(c.config.as_deref(), |_| {})?;
            let catalogue = super::tools::catalogue(c.catalogue.as_deref())?;
            c.dataset.run(|loaded, to, out| {
                let d = &loaded.dataset;
                let place = d
                    .place_by_key(&a.place)
                    .ok_or_else(|| anyhow::anyhow!("no place '{}' in the dataset", a.place))?
                    .id;
                let an = Analysis::run(d, &settings, None, BetweennessMode::Auto)
                    .context("cannot build the analysis grid")?;
                let mut doc = assess_place(d, &an, &catalogue, place, a.radius);
                if a.trend_steps != 0 {
                    let trends = PlaceTrends::compute(d, &settings, None, a.trend_steps, 30)
                        .context("cannot build the trends' grid")?;
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
            let settings = super::hotspots::settings(c.config.as_deref(), |_| {})?;
            let catalogue = super::tools::catalogue(c.catalogue.as_deref())?;
            c.dataset.run(|loaded, to, out| {
                let d = &loaded.dataset;
                let an = Analysis::run(d, &settings, None, BetweennessMode::Auto)
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

/// Prints the document, or with --out writes `assessments/STEM.md` and `.json`.
pub fn emit<T: serde::Serialize>(
    c: &Common,
    out: Option<&std::path::Path>,
    to: &disrupt::privacy::Disclosure,
    stem: &str,
    doc: &T,
    render: fn(&serde_json::Value, &str) -> String,
) -> anyhow::Result<ExitCode> {
    match out {
        Some(out) => {
            let dir = private_subdir(out, "assessments")
                .with_context(|| format!("creating {}", out.join("assessments").display()))?;
            for (ext, f) in [("md", DocFormat::Markdown), ("json", DocFormat::Json)] {
                let path = dir.join(format!("{stem}.{ext}"));
                write_document(&path, doc, to, f, render)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            eprintln!(
                "wrote assessments/{stem}.md and assessments/{stem}.json into {0} (audience: {1})",
                c.dataset.out.as_deref().unwrap_or(out).display(),
                to.audience()
            );
        }
        None => {
            let text = render_document(doc, to, c.format.doc(), render)?;
            super::stdout().write_all(text.as_bytes())?;
        }
    }
    if to.audience() == Audience::Partner {
        eprintln!(
            "note: partner audience: no identities; counts from 1 to {} shown as <{}",
            to.policy.threshold.get() - 1,
            to.policy.threshold.get()
        );
    }
    Ok(ExitCode::SUCCESS)
}
