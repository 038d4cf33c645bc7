//! `disrupt backtest DATA --train-until DATE --test 30d [--coverage 1,5,10]`: fits each
//! hotspot surface on the events up to a date and scores it on the period after — hit
//! rate, PAI and PEI at each coverage — for cells and for the place ranking, and says
//! which surface did best.

use super::dataset::DataArgs;
use super::engine::{AreaArgs, EngineArgs};
use super::parse_period;
use anyhow::Context;
use disrupt::model::AsOf;
use disrupt::privacy::{Audience, Disclosure};
use disrupt::report::file::write_json;
use disrupt::report::{ColumnTable, Values};
use disrupt::score::backtest::{Backtest, BacktestPlan, Surface, backtest};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `disrupt backtest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    /// The last day of training (YYYY-MM-DD): the fit sees nothing after it. Default: the
    /// as-of date less the test period.
    #[arg(long, value_parser = super::parse_as_of)]
    train_until: Option<AsOf>,
    /// Length of the test period: days (`30d`) or weeks (`4w`).
    #[arg(long, default_value = "30d", value_parser = parse_period)]
    test: u32,
    /// The first day of the test period (YYYY-MM-DD). Default: the day after --train-until.
    #[arg(long, value_parser = super::parse_as_of)]
    test_from: Option<AsOf>,
    /// Test on this dataset's events instead of DATA's (a later period converted on its
    /// own, such as the next police.uk month); places are matched by place_id.
    #[arg(long)]
    test_data: Option<PathBuf>,
    /// Coverages to score, percent of the area (comma-separated).
    #[arg(long, default_value = "1,5,10", value_delimiter = ',')]
    coverage: Vec<f64>,
    /// The coverage at which the best surface is picked (one of --coverage).
    #[arg(long, default_value_t = 5.0)]
    pick_at: f64,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    area: AreaArgs,
}

/// Runs `disrupt backtest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.engine.settings()?;
    if args.engine.bandwidth == Some(super::engine::BandwidthArg::Auto) {
        // Choosing on the data's last days would fit on the period being tested.
        return Err(super::UsageError(
            "backtest scores the standard bandwidths itself, and `--bandwidth auto` would choose on the test period: give --bandwidth METRES, or leave it out".into(),
        )
        .into());
    }
    if args.coverage.is_empty() {
        return Err(super::UsageError(
            "--coverage needs at least one percentage, such as 1,5,10".into(),
        )
        .into());
    }
    for c in &args.coverage {
        super::check_range("--coverage", *c, 0.01..=100.0, "percent of the area")?;
    }
    if !args.coverage.contains(&args.pick_at) {
        return Err(super::UsageError(format!(
            "--pick-at {} is not one of --coverage {:?}: add it to --coverage",
            args.pick_at, args.coverage
        ))
        .into());
    }
    let area = args.area.study_area()?;
    let d_args = &args.dataset;
    d_args.run_also(args.test_data.as_deref(), |loaded, test_loaded, to, out| {
        let d = &loaded.dataset;
        let test = test_loaded.as_ref().map_or(d, |l| &l.dataset);
        let train_until = args.train_until.map_or_else(
            || d.as_of.0 - chrono::Duration::days(i64::from(args.test)),
            |a| a.0,
        );
        let plan = BacktestPlan {
            train_until,
            test_start: args
                .test_from
                .map_or(train_until + chrono::Duration::days(1), |a| a.0),
            test_days: args.test,
            coverage_pct: args.coverage.clone(),
            pick_at_pct: args.pick_at,
            surfaces: Surface::standard(&settings, args.test),
            places: true,
        };
        let bt = backtest(d, test, &settings, &plan, area.as_ref())?;
        if let Some(out) = out {
            let ctx = |name: &str| format!("writing {}", out.join(name).display());
            table(&bt, &to)
                .write_csv(&out.join("backtest.csv"), &to)
                .with_context(|| ctx("backtest.csv"))?;
            let run = json!({
                "command": "backtest",
                "dataset": d_args.data.display().to_string(),
                "test_data": args.test_data.as_ref().map(|p| p.display().to_string()),
                "audience": to.audience(),
                "settings": settings,
                "plan": plan,
                "train_events": bt.train_events,
                "test_events": bt.test.events,
                "test_outside_grid": bt.test.outside_grid,
                "best": {"surface": bt.best().name, "pai_at_pick": bt.at_pick(bt.best()).map(|c| c.pai)},
            });
            write_json(&out.join("run.json"), &run, &to).with_context(|| ctx("run.json"))?;
        }
        print(&bt, &to)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// `backtest.csv`: one row per map (cell surface or place ranking) and coverage. Harm
/// totals are left out for partners (the shares and indices stay).
fn table(bt: &Backtest, to: &Disclosure) -> ColumnTable {
    let mut rows = Vec::new();
    for (i, s) in bt.surfaces.iter().enumerate() {
        for c in &s.captures {
            rows.push(("cells", s.name.clone(), i == bt.best, *c));
        }
    }
    for p in &bt.places {
        let name = serde_json::to_value(p.method)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        for c in &p.captures {
            rows.push(("places", name.clone(), false, *c));
        }
    }
    let float = |f: &dyn Fn(&disrupt::spatial::Capture) -> f64| {
        Values::Float(rows.iter().map(|r| f(&r.3)).collect())
    };
    let mut t = ColumnTable::new();
    t.push(
        "target",
        Values::Text(rows.iter().map(|r| r.0.to_string()).collect()),
    )
    .push(
        "method",
        Values::Text(rows.iter().map(|r| r.1.clone()).collect()),
    )
    .push("best", Values::Bool(rows.iter().map(|r| r.2).collect()))
    .push("coverage_pct", float(&|c| c.coverage_pct))
    .push(
        "flagged",
        Values::Int(rows.iter().map(|r| r.3.flagged as i64).collect()),
    )
    .push(
        "area",
        Values::Int(rows.iter().map(|r| r.3.area as i64).collect()),
    );
    if to.audience() != Audience::Partner {
        t.push("captured", float(&|c| c.captured))
            .push("total", float(&|c| c.total))
            .push("best_possible", float(&|c| c.best_possible));
    }
    t.push("hit_rate", float(&|c| c.hit_rate))
        .push("pai", float(&|c| c.pai))
        .push("pei", float(&|c| c.pei));
    t
}

fn print(bt: &Backtest, to: &Disclosure) -> anyhow::Result<()> {
    let mut out = super::stdout();
    let p = &bt.plan;
    writeln!(
        out,
        "trained on {} events up to {}; tested on {} events from {} for {} days ({} outside the grid)",
        to.count_json(bt.train_events as u64),
        p.train_until,
        to.count_json(bt.test.events as u64),
        p.test_start,
        p.test_days,
        to.count_json(bt.test.outside_grid as u64),
    )?;
    let head: Vec<String> = p
        .coverage_pct
        .iter()
        .map(|c| format!("{:>22}", format!("{c}%: hit  PAI   PEI")))
        .collect();
    writeln!(out, "{:<8} {:<26}{}", "target", "method", head.join(""))?;
    let line = |out: &mut disrupt::report::escape::Terminal<std::io::StdoutLock<'static>>,
                target: &str,
                name: &str,
                cs: &[disrupt::spatial::Capture],
                mark: &str| {
        let cells: Vec<String> = cs
            .iter()
            .map(|c| {
                format!(
                    "{:>22}",
                    format!("{:.1}% {:>5.2} {:>5.2}", 100.0 * c.hit_rate, c.pai, c.pei)
                )
            })
            .collect();
        writeln!(out, "{target:<8} {:<26}{}{mark}", name, cells.join(""))
    };
    for (i, s) in bt.surfaces.iter().enumerate() {
        line(
            &mut out,
            "cells",
            &s.name,
            &s.captures,
            if i == bt.best { "  ← best" } else { "" },
        )?;
    }
    for r in &bt.places {
        let name = match r.method {
            disrupt::score::backtest::PlaceMethod::HotspotScore => "hotspot_score",
            disrupt::score::backtest::PlaceMethod::LastPeriod => "last_period",
        };
        line(&mut out, "places", name, &r.captures, "")?;
    }
    let best = bt.best();
    if let Some(c) = bt.at_pick(best) {
        writeln!(
            out,
            "best at {}% of the area: {} (PAI {:.2}, captures {:.1}% of the test period's harm)",
            p.pick_at_pct,
            best.name,
            c.pai,
            100.0 * c.hit_rate
        )?;
    }
    Ok(())
}
