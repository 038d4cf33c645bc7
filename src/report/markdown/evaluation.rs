//! A before/after evaluation in Markdown.

use super::{header, t};
use serde_json::Value;
use std::fmt::Write;

/// A before/after evaluation.
///
/// # Errors
/// None today: the evaluation is still rendered from its JSON.
pub fn evaluation(v: &Value, audience: &str) -> std::io::Result<String> {
    let mut o = String::new();
    header(
        &mut o,
        &format!(
            "Evaluation of action {}",
            v["action"].as_str().unwrap_or("?")
        ),
        audience,
        v["as_of"].as_str().unwrap_or("—"),
    );
    let _ = writeln!(
        o,
        "Tool {}, aimed at {} {}; started {}. Before: {} to {}; after: {} to {}.\n",
        t(&v["tool_id"]),
        t(&v["target_type"]),
        if v["place"].is_null() {
            t(&v["person"])
        } else {
            t(&v["place"])
        },
        t(&v["started_on"]),
        t(&v["before"][0]),
        t(&v["before"][1]),
        t(&v["after"][0]),
        t(&v["after"][1])
    );
    o.push_str("| area | what | before | after | weighted before | weighted after | rate ratio (95% interval) |\n|---|---|---:|---:|---:|---:|---|\n");
    for (i, key) in ["target", "buffer", "control"].iter().enumerate() {
        let a = &v[*key];
        let r = &v["rate_ratios"][*key];
        let _ = writeln!(
            o,
            "| {key} | {} | {} | {} | {} | {} | {} ({} to {}) |",
            t(&v["areas"][i]),
            t(&a["before"]),
            t(&a["after"]),
            t(&a["weighted_before"]),
            t(&a["weighted_after"]),
            t(&r["ratio"]),
            t(&r["low"]),
            t(&r["high"])
        );
    }
    let _ = writeln!(
        o,
        "\n**Weighted Displacement Quotient** (raw counts): {} — {}.\n\nOn weighted counts: {} — {}.",
        t(&v["wdq"]["wdq"]),
        t(&v["reading"]),
        t(&v["wdq_weighted"]["wdq"]),
        t(&v["reading_weighted"])
    );
    if let Some(n) = v["notes"].as_array().filter(|a| !a.is_empty()) {
        o.push_str("\nNotes:\n\n");
        for x in n {
            let _ = writeln!(o, "- {}", t(x));
        }
    }
    Ok(o)
}
