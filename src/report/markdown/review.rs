//! The plan review in Markdown.

use super::{esc, header, list, listed, questions, t, upper_first, withheld};
use serde_json::Value;
use std::fmt::Write;

/// The plan review.
///
/// # Errors
/// None today: the plan review is still rendered from its JSON.
pub fn review(v: &Value, audience: &str) -> std::io::Result<String> {
    let mut o = String::new();
    header(
        &mut o,
        "Plan review",
        audience,
        v["as_of"].as_str().unwrap_or("—"),
    );
    let b = &v["balance"];
    let _ = writeln!(
        o,
        "{} action(s): {} aimed at offenders, {} at places, {} at the child or family ({:.0}%).\n",
        t(&b["actions"]),
        t(&b["offender"]),
        t(&b["location"]),
        t(&b["victim"]),
        100.0 * b["victim_share"].as_f64().unwrap_or(0.0)
    );
    o.push_str("## Findings\n\n");
    list(&mut o, &v["findings"]);
    o.push_str("\n## Tools that apply to the case but are not in the plan\n\nTools on offenders and places first; measures on the child last.\n\n");
    let unused = v["unused_tools"].as_array().filter(|a| !a.is_empty());
    if unused.is_some() {
        o.push_str("| tool | acts on | lead | applies to |\n|---|---|---|---:|\n");
    } else {
        o.push_str("None.\n");
    }
    for u in unused.into_iter().flatten() {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} |",
            t(&u["id"]),
            t(&u["name"]),
            t(&u["target"]),
            t(&u["lead_agency"]),
            t(&u["applies_to"])
        );
    }
    let _ = writeln!(
        o,
        "\n## Partners\n\n- In the plan: {}\n- Missing: {}",
        listed(&v["plan_agencies"]),
        listed(&v["missing_partners"])
    );
    let _ = writeln!(
        o,
        "\n## Looked-after children\n\n{} in the case; actions aimed at them: {}",
        t(&v["looked_after"]),
        listed(&v["actions_needing_agreement"])
    );
    if let Some(rule) = v["looked_after_rule"].as_str() {
        let _ = writeln!(o, "\n{}.", esc(&upper_first(rule)));
    }
    let r = &v["returns"];
    let _ = writeln!(
        o,
        "\n## After missing episodes\n\n{} return(s) of the case's children recorded; with no same-day contact recorded: {}; with no return home interview recorded within 72 hours: {}.",
        t(&r["returns"]),
        t(&r["without_same_day_contact"]),
        t(&r["without_return_interview"])
    );
    if !withheld(&r["gaps"]) {
        for g in r["gaps"].as_array().into_iter().flatten() {
            let _ = writeln!(o, "- {}", t(g));
        }
    }
    o.push_str("\n## Actions without an outcome measure\n\n");
    if withheld(&v["unmeasured"]) {
        o.push_str("Withheld for this audience.\n");
    } else if v["unmeasured"].as_array().is_some_and(Vec::is_empty) {
        o.push_str("None.\n");
    }
    for u in v["unmeasured"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "- {}: {}", t(&u["action"]), t(&u["why"]));
    }
    questions(&mut o, &[]);
    Ok(o)
}
