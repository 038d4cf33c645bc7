//! `disrupt check DATA`: validate a dataset and write its quarantine.

use super::dataset::DataArgs;
use anyhow::Context;
use disrupt::ingest::{Loaded, Table};
use disrupt::privacy::Audience;
use disrupt::report::file::write_json;
use serde_json::{Value, json};
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `disrupt check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DataArgs,
    /// Exit with status 1 if any row was rejected.
    #[arg(long)]
    strict: bool,
}

/// Runs `disrupt check`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    args.dataset.run(|loaded, to, out| {
        let summary = summary_json(&args, &loaded);
        if let Some(out) = out {
            let path = out.join("check.json");
            write_json(&path, &summary, &to)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        print_summary(&args, &loaded, to.audience())?;
        let rejected = loaded.quarantine.total();
        Ok(if args.strict && rejected > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    })
}

fn summary_json(args: &Args, loaded: &Loaded) -> Value {
    let mut tables = serde_json::Map::new();
    for table in Table::ALL {
        let value = match loaded.reports.get(&table) {
            Some(r) => json!({
                "present": true,
                "read": r.read,
                "accepted": r.accepted,
                "rejected": r.rejected,
                "expired": r.expired,
                "legacy_gradings": r.legacy_gradings,
                "top_reasons": r.top_reasons.iter().map(|(k, n)| json!({"reason": k, "count": n})).collect::<Vec<_>>(),
                "notes": r.notes,
                "sha256": r.sha256,
            }),
            None => {
                json!({"present": false, "read": 0, "accepted": 0, "rejected": 0, "expired": 0})
            }
        };
        tables.insert(table.name().to_string(), value);
    }
    json!({
        "dataset": args.dataset.data.display().to_string(),
        "as_of": loaded.dataset.as_of.0.to_string(),
        "as_of_inferred": loaded.as_of_inferred,
        "tables": tables,
    })
}

fn print_summary(args: &Args, loaded: &Loaded, audience: Audience) -> anyhow::Result<()> {
    let mut out = super::stdout();
    let as_of = loaded.dataset.as_of.0;
    let how = if loaded.as_of_inferred {
        "the latest event date"
    } else {
        "given"
    };
    writeln!(
        out,
        "{}: as of {as_of} ({how})",
        args.dataset.data.display()
    )?;
    writeln!(
        out,
        "{:<13} {:>9} {:>9} {:>9} {:>8}  top reasons",
        "table", "read", "accepted", "rejected", "expired"
    )?;
    for (table, r) in &loaded.reports {
        let reasons: Vec<String> = r
            .top_reasons
            .iter()
            .take(3)
            .map(|(k, n)| format!("{k} ({n})"))
            .collect();
        writeln!(
            out,
            "{:<13} {:>9} {:>9} {:>9} {:>8}  {}",
            table.name(),
            r.read,
            r.accepted,
            r.rejected,
            r.expired,
            reasons.join("; ")
        )?;
    }
    for table in Table::ALL
        .iter()
        .filter(|t| !loaded.reports.contains_key(t))
    {
        writeln!(
            out,
            "{:<13} {:>9}  (no file: none recorded)",
            table.name(),
            "-"
        )?;
    }
    for (table, r) in &loaded.reports {
        for note in &r.notes {
            eprintln!("note: {table}: {note}");
        }
    }
    let rejected = loaded.quarantine.total();
    match (&args.dataset.out, rejected) {
        (_, 0) => {}
        (Some(_), _) if audience != Audience::Analyst => eprintln!(
            "note: {rejected} rejected rows are counted in check.json; the rows themselves are written only for the analyst audience"
        ),
        (Some(dir), _) => eprintln!(
            "hint: {rejected} rejected rows, each with its reason, are in {}",
            dir.join("rejected").display()
        ),
        (None, _) => eprintln!(
            "hint: pass --out DIR to write each rejected row with its reason to DIR/rejected/"
        ),
    }
    Ok(())
}
