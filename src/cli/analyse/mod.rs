//! `disrupt analyse [DATA] --out DIR`: the main job. Reads the dataset, runs the location
//! engine and the network engine, assesses the top places and peer groups, reviews the
//! plan, cuts everything for the audience and writes every output: the tables, maps and
//! graph of `hotspots` and `network`, the assessments, `report.html`, `hotspots.xlsx` and
//! `run.json`; then prints a short summary.

use super::engine::{AreaArgs, EngineArgs, StudyArgs, catalogue};
use super::outputs::{write_hotspots, write_hotspots_gis, write_network, write_trends_for_report};
use super::session::PrivacyArgs;
use anyhow::Context;
use disrupt::Analysis;
use disrupt::assess::{
    GroupAssessment, PlaceAssessment, PlanReview, assess_group, assess_place, review,
};
use disrupt::ingest::Loaded;
use disrupt::model::Dataset;
use disrupt::pipeline::{MAX_TREND_STEPS, place_trends_for_report, trends_for_report};
use disrupt::plumbing::file::write_atomic;
use disrupt::privacy::Disclosure;
use disrupt::privacy::monitor_network;
use disrupt::report::file::{DocFormat, write_document, write_json};
use disrupt::report::file_name::safe_stem;
use disrupt::report::report_data::ReportData;
use disrupt::report::{html, markdown, report_data, xlsx};
use disrupt::score::{PlaceTrends, Settings, TrendAnalysis};
use disrupt::spatial::{GridError, StudyArea};
use disrupt::toolkit::Catalogue;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod summary;
use summary::summary;

/// The bundled example, the default dataset.
pub const EXAMPLE: &str = "datasets/example-borough";

/// Arguments of `disrupt analyse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset folder (default: the bundled example borough).
    data: Option<PathBuf>,
    /// The folder to write everything into.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// The date analysis is "as of" (YYYY-MM-DD). Default: the latest event date.
    #[arg(long, value_parser = super::parse_as_of)]
    as_of: Option<disrupt::model::AsOf>,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    area: AreaArgs,
    #[command(flatten)]
    study: StudyArgs,
    /// Time steps of 30 days for the emerging hot spots and place trends in the report
    /// and trends.csv / place_trends.csv (0: leave them out; each step costs one run of
    /// the location engine on that step's events).
    #[arg(long, default_value_t = 12)]
    trend_steps: usize,
    /// How many of the top places get a full location assessment.
    #[arg(long, default_value_t = 3)]
    assess: usize,
    /// How many peer groups (those with the most persons of concern around them) get a
    /// peer group assessment.
    #[arg(long, default_value_t = 3)]
    groups: usize,
    /// A tool catalogue file to use instead of the bundled one.
    #[arg(long)]
    catalogue: Option<PathBuf>,
    #[command(flatten)]
    privacy: PrivacyArgs,
}

/// A step counter on stderr when it is a terminal; silent otherwise. With
/// `DISRUPT_TIMINGS=1`, each step's wall time goes to stderr (for performance work).
struct Progress {
    bar: Option<ProgressBar>,
    timings: bool,
    last: std::cell::Cell<std::time::Instant>,
}

impl Progress {
    fn new(steps: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(steps);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            timings: std::env::var_os("DISRUPT_TIMINGS").is_some_and(|v| v == "1"),
            last: std::cell::Cell::new(std::time::Instant::now()),
        }
    }

    fn step(&self, msg: &'static str) {
        if self.timings {
            let now = std::time::Instant::now();
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "timing: {msg}: {:.2} s (peak memory so far {peak})",
                (now - self.last.get()).as_secs_f64()
            );
            self.last.set(now);
        }
        if let Some(b) = &self.bar {
            b.set_message(msg);
            b.inc(1);
        }
    }

    fn done(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Runs `disrupt analyse`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.study.apply(args.engine.settings()?)?;
    if args.trend_steps != 0 {
        let most = MAX_TREND_STEPS as usize;
        super::check_range("--trend-steps", args.trend_steps, 2..=most, "steps (or 0)")?;
    }
    let catalogue = catalogue(args.catalogue.as_deref())?;
    let data = dataset_folder(&args)?;
    let area = area_of(&args)?;
    let dataset = super::dataset::DataArgs {
        data: data.clone(),
        out: Some(args.out.clone()),
        as_of: args.as_of,
        privacy: args.privacy.clone(),
    };
    let progress = Progress::new(5);
    dataset.run(|loaded, to, out| {
        progress.step("read and checked");
        let d = &loaded.dataset;
        let (settings, choice) = args.engine.for_dataset(&settings, d, area.as_ref());
        // The place trends read only the dataset: run them beside the engine, whose
        // peer-group search runs on one thread.
        let (an, place_trends) = rayon::join(
            || Analysis::run(d, &settings, area.as_ref(), args.engine.betweenness()),
            || {
                (args.trend_steps != 0)
                    .then(|| place_trends_for_report(d, &settings, area.as_ref(), args.trend_steps))
            },
        );
        let an = an.context("cannot build the analysis grid")?;
        progress.step("places and network");
        if let Some(note) = an.location.stages.note() {
            eprintln!("note: {note}");
        }
        let trends = trends(&args, d, &an, place_trends)?;
        let (places, groups, plan) = assess(&args, d, &an, &catalogue, trends.as_ref());
        progress.step("assessments and plan review");
        let out = out.ok_or_else(|| anyhow::anyhow!("no output folder"))?;
        let monitor = monitor_network(d, &an.network, to.policy.threshold.get());
        // The writers read the analysis and write files of their own: run side by side.
        let ((hot, gis), (net, (assessments, sheet))) = rayon::join(
            || {
                rayon::join(
                    || {
                        write_hotspots(
                            out,
                            &data,
                            &loaded,
                            &an.location,
                            &an.network.peer_groups,
                            &an.network.network,
                            &to,
                        )
                    },
                    || write_hotspots_gis(out, &loaded, &an.location, area.as_ref(), &to),
                )
            },
            || {
                rayon::join(
                    || write_network(out, &data, &loaded, &an.network, &monitor, &to),
                    || {
                        rayon::join(
                            || write_assessments(out, &places, &groups, &plan, &to),
                            || write_spreadsheet(out, d, &an, &catalogue, &data, &places, &to),
                        )
                    },
                )
            },
        );
        let (mut hot, net) = (hot?, net?);
        gis?;
        assessments?;
        sheet?;
        hot["bandwidth_choice"] = json!(choice);
        hot["study"] = study_record(&args.study, &settings);
        progress.step("tables, maps, graph and spreadsheet");
        let name = data.file_name().map_or_else(
            || data.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let boundary = boundary_of(area.as_ref());
        let report = report_data::report_data(
            &loaded.dataset,
            &loaded.intake(),
            &name,
            &an,
            places,
            groups,
            plan,
            monitor,
            boundary,
        );
        write_report(out, &loaded, &an, &report, trends.as_ref(), &to)?;
        let run = run_record(&data, d, &to, &catalogue, &an, hot, net);
        write_json(&out.join("run.json"), &run, &to).context("writing run.json")?;
        progress.step("report");
        progress.done();
        // The files are named where they will stand once the run is swapped in.
        summary(&loaded, &an, &to, &args.out, &report)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The dataset folder: the one given, or the bundled example when it is there.
fn dataset_folder(args: &Args) -> anyhow::Result<PathBuf> {
    let data = args.data.clone().unwrap_or_else(|| PathBuf::from(EXAMPLE));
    if args.data.is_none() && !data.exists() {
        anyhow::bail!(
            "no dataset given and the bundled example is not at {EXAMPLE}: run from the repository's folder, or give a dataset folder"
        );
    }
    Ok(data)
}

/// The study area: the boundary or area given, or Lambeth's for the bundled example.
fn area_of(args: &Args) -> anyhow::Result<Option<StudyArea>> {
    Ok(match args.area.study_area()? {
        Some(a) => Some(a),
        // The bundled example is set in Lambeth: draw and test within its boundary.
        None if args.data.is_none() => Some(disrupt::synth::Borough::london("Lambeth")?.area),
        None => None,
    })
}

/// The trends over `--trend-steps` steps, with the place trends `places` computed for
/// them, if asked for and the location stages ran.
fn trends(
    args: &Args,
    d: &Dataset,
    an: &Analysis,
    places: Option<Result<PlaceTrends, GridError>>,
) -> anyhow::Result<Option<TrendAnalysis>> {
    // Trends need located records: none when the location stages were skipped.
    let located = an.location.stages == disrupt::score::LocationStages::Ran;
    Ok(match places {
        Some(places) if located => {
            let places = places.context("cannot build the trends' grid")?;
            Some(trends_for_report(d, &an.location, places, args.trend_steps))
        }
        _ => None,
    })
}

/// Assesses the top places (with their trends) and peer groups, and reviews the plan.
fn assess(
    args: &Args,
    d: &Dataset,
    an: &Analysis,
    catalogue: &Catalogue,
    trends: Option<&TrendAnalysis>,
) -> (Vec<PlaceAssessment>, Vec<GroupAssessment>, PlanReview) {
    let places: Vec<_> = an
        .location
        .ranking
        .iter()
        .filter(|s| s.total > 0.0)
        .take(args.assess)
        .map(|s| {
            let a = assess_place(d, an, catalogue, s.place, 400.0);
            match trends {
                Some(ta) => a.with_trend(&ta.places, s.place),
                None => a,
            }
        })
        .collect();
    let group_ids = groups_to_assess(d, an, args.groups);
    let groups: Vec<_> = group_ids
        .iter()
        .filter_map(|g| assess_group(d, an, catalogue, g).ok())
        .collect();
    let plan = review(d, an, catalogue);
    (places, groups, plan)
}

/// Writes each assessment and the plan review to `assessments/`, as Markdown and JSON.
fn write_assessments(
    out: &Path,
    places: &[PlaceAssessment],
    groups: &[GroupAssessment],
    plan: &PlanReview,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let dir = disrupt::plumbing::file::private_subdir(out, "assessments")
        .with_context(|| format!("creating {}", out.join("assessments").display()))?;
    for a in places {
        write_pair(
            &dir,
            &safe_stem("place", &a.place.place_id),
            a,
            to,
            markdown::place,
        )?;
    }
    for g in groups {
        write_pair(&dir, &safe_stem("group", &g.group), g, to, markdown::group)?;
    }
    write_pair(&dir, "plan-review", plan, to, markdown::review)?;
    Ok(())
}

/// Writes `hotspots.xlsx`: the ranked places, the tools for the top places, and a sheet
/// saying what the workbook is.
fn write_spreadsheet(
    out: &Path,
    d: &Dataset,
    an: &Analysis,
    catalogue: &Catalogue,
    data: &Path,
    places: &[PlaceAssessment],
    to: &Disclosure,
) -> anyhow::Result<()> {
    let about = vec![
        ("Audience", to.audience().to_string()),
        ("Dataset", data.display().to_string()),
        ("As of", d.as_of.0.to_string()),
        ("Catalogue", format!("{} (legal position as of {})", catalogue.version, catalogue.as_of)),
        ("Places", "every place, ranked: score, components, the measures behind them, Gi*, time profile".to_string()),
        ("Tools", format!("tools that apply (or may, once checked) to the top {} places", places.len())),
        ("Caution", "lines of enquiry for named practitioners, not automated decisions; children are never scored".to_string()),
    ];
    xlsx::write_workbook(
        &out.join("hotspots.xlsx"),
        &disrupt::report::hotspots::places_table(d, &an.location),
        &disrupt::report::hotspots::tools_table(places),
        &about,
        d.as_of.0,
        to,
    )
    .with_context(|| format!("writing {}", out.join("hotspots.xlsx").display()))?;
    Ok(())
}

/// The study area's boundary rings, for the report's map.
fn boundary_of(area: Option<&StudyArea>) -> Vec<Vec<disrupt::model::Bng>> {
    area.map(|a| {
        a.polygon
            .0
            .iter()
            .map(|p| {
                p.exterior()
                    .coords()
                    .map(|c| disrupt::model::Bng::new(c.x, c.y))
                    .collect()
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Writes `report.html`, with the trends when there are any.
fn write_report(
    out: &Path,
    loaded: &Loaded,
    an: &Analysis,
    report: &ReportData,
    trends: Option<&TrendAnalysis>,
    to: &Disclosure,
) -> anyhow::Result<()> {
    let mut report_json = serde_json::to_value(report)?;
    if let Some(ta) = trends {
        report_json["trends"] = write_trends_for_report(out, loaded, &an.location, ta, to)?;
    }
    let page = html::render(&to.release_json(report_json), to.audience())?;
    let path = out.join("report.html");
    write_atomic(&path, |w| w.write_all(page.as_bytes()))
        .with_context(|| format!("writing {}", path.display()))?;
    to.record_output(path);
    Ok(())
}

/// What `run.json` records: the command, dataset, audience, catalogue, study area,
/// location stages, and what the hotspot and network outputs wrote.
fn run_record(
    data: &Path,
    d: &Dataset,
    to: &Disclosure,
    catalogue: &Catalogue,
    an: &Analysis,
    hot: serde_json::Value,
    net: serde_json::Value,
) -> serde_json::Value {
    json!({
        "command": "analyse",
        "dataset": data.display().to_string(),
        "as_of": d.as_of.0.to_string(),
        "audience": to.audience(),
        "catalogue": {"version": catalogue.version, "as_of": catalogue.as_of},
        "study_area": an.location.area,
        "location_stages": an.location.stages,
        "location_note": an.location.stages.note(),
        "hotspots": hot,
        "network": net,
    })
}

/// The peer groups with the most persons of concern in or tied to them.
fn groups_to_assess(d: &disrupt::model::Dataset, an: &Analysis, n: usize) -> Vec<String> {
    let g = &an.network.network.persons;
    let groups = &an.network.peer_groups.groups;
    let mut scored: Vec<(usize, &str)> = groups
        .iter()
        .map(|grp| {
            let mut pocs: Vec<u32> = grp
                .members
                .iter()
                .flat_map(|m| {
                    g.neighbours(m.index())
                        .iter()
                        .copied()
                        .chain(std::iter::once(m.0))
                })
                .filter(|p| d.people[*p as usize].role == disrupt::model::Role::Perpetrator)
                .collect();
            pocs.sort_unstable();
            pocs.dedup();
            (pocs.len(), grp.id.as_str())
        })
        .filter(|(k, _)| *k > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, id)| id.to_string())
        .collect()
}

fn write_pair<T: serde::Serialize>(
    dir: &Path,
    stem: &str,
    doc: &T,
    to: &Disclosure,
    render: disrupt::report::file::Render,
) -> anyhow::Result<()> {
    for (ext, f) in [("md", DocFormat::Markdown), ("json", DocFormat::Json)] {
        let path = dir.join(format!("{stem}.{ext}"));
        write_document(&path, doc, to, f, render)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// What `run.json` says of `--study`: the file, its areas, and that Gi*, footfall and
/// the co-presence rate were read against them; null without one.
fn study_record(args: &StudyArgs, settings: &Settings) -> serde_json::Value {
    match (&args.study, settings.study.as_deref()) {
        (Some(path), Some(s)) => json!({
            "file": path.display().to_string(),
            "areas": s.areas,
            "read_against_the_study": ["gi_star", "footfall", "co_presence_rate"],
            "area_local": ["kde", "snapping", "peer_groups", "place_trends", "rank"],
        }),
        _ => serde_json::Value::Null,
    }
}
