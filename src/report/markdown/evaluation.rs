//! A before/after evaluation in Markdown, from its released, typed form.

use super::{c, esc, header};
use crate::report::released::{Evaluation, read_back};
use serde_json::Value;
use std::fmt::Write;

/// A before/after evaluation.
///
/// # Errors
/// When the released JSON does not read back into
/// [`crate::report::released::Evaluation`].
pub fn evaluation(v: &Value, audience: &str) -> std::io::Result<String> {
    let e: Evaluation = read_back("evaluation", v)?;
    let mut o = String::new();
    header(
        &mut o,
        &format!("Evaluation of action {}", e.action),
        audience,
        &e.as_of,
    );
    let _ = writeln!(
        o,
        "Tool {}, aimed at {} {}; started {}. Before: {} to {}; after: {} to {}.\n",
        c(&e.tool_id),
        esc(&e.target_type),
        if e.place.is_some() {
            c(&e.place)
        } else {
            c(&e.person)
        },
        esc(&e.started_on),
        esc(&e.before.0),
        esc(&e.before.1),
        esc(&e.after.0),
        esc(&e.after.1)
    );
    o.push_str("| area | what | before | after | weighted before | weighted after | rate ratio (95% interval) |\n|---|---|---:|---:|---:|---:|---|\n");
    for (key, (what, (a, r))) in ["target", "buffer", "control"]
        .iter()
        .zip(
            e.areas
                .iter()
                .zip([&e.target, &e.buffer, &e.control].into_iter().zip([
                    &e.rate_ratios.target,
                    &e.rate_ratios.buffer,
                    &e.rate_ratios.control,
                ])),
        )
    {
        let _ = writeln!(
            o,
            "| {key} | {} | {} | {} | {} | {} | {} ({} to {}) |",
            esc(what),
            c(&a.before),
            c(&a.after),
            c(&a.weighted_before),
            c(&a.weighted_after),
            c(&r.ratio),
            c(&r.low),
            c(&r.high)
        );
    }
    let _ = writeln!(
        o,
        "\n**Weighted Displacement Quotient** (raw counts): {} — {}.\n\nOn weighted counts: {} — {}.",
        c(&e.wdq.wdq),
        esc(&e.reading),
        c(&e.wdq_weighted.wdq),
        esc(&e.reading_weighted)
    );
    if !e.notes.is_empty() {
        o.push_str("\nNotes:\n\n");
        for x in &e.notes {
            let _ = writeln!(o, "- {}", esc(x));
        }
    }
    Ok(o)
}
