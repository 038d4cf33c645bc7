//! The plan review in Markdown, from its released, typed form.

use super::{c, esc, header, questions, upper_first};
use crate::report::released::{PlanReview, read_back};
use serde_json::Value;
use std::fmt::Write;

/// The plan review.
///
/// # Errors
/// When the released JSON does not read back into
/// [`crate::report::released::PlanReview`].
pub fn review(v: &Value, audience: &str) -> std::io::Result<String> {
    let r: PlanReview = read_back("plan review", v)?;
    let mut o = String::new();
    header(&mut o, "Plan review", audience, &r.as_of);
    balance_and_findings(&mut o, &r);
    unused_tools(&mut o, &r);
    partners_and_looked_after(&mut o, &r);
    returns_and_unmeasured(&mut o, &r);
    questions(&mut o, &[]);
    Ok(o)
}

/// A list's items joined, or "none" when it is empty.
fn or_none(items: &Vec<String>) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        c(items)
    }
}

/// What the actions are aimed at, and the findings.
fn balance_and_findings(o: &mut String, r: &PlanReview) {
    let b = &r.balance;
    let _ = writeln!(
        o,
        "{} action(s): {} aimed at offenders, {} at places, {} at the child or family ({:.0}%).\n",
        b.actions,
        b.offender,
        b.location,
        b.victim,
        100.0 * b.victim_share.unwrap_or(0.0)
    );
    o.push_str("## Findings\n\n");
    if r.findings.is_empty() {
        o.push_str("- none recorded\n");
    }
    for f in &r.findings {
        let _ = writeln!(o, "- {}", esc(f));
    }
}

/// The tools that apply to the case but are not in the plan.
fn unused_tools(o: &mut String, r: &PlanReview) {
    o.push_str("\n## Tools that apply to the case but are not in the plan\n\nTools on offenders and places first; measures on the child last.\n\n");
    if r.unused_tools.is_empty() {
        o.push_str("None.\n");
    } else {
        o.push_str("| tool | acts on | lead | applies to |\n|---|---|---|---:|\n");
    }
    for u in &r.unused_tools {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} |",
            esc(&u.id),
            esc(&u.name),
            esc(&u.target),
            esc(&u.lead_agency),
            c(&u.applies_to)
        );
    }
}

/// The partners in the plan and missing from it, and the looked-after children.
fn partners_and_looked_after(o: &mut String, r: &PlanReview) {
    let _ = writeln!(
        o,
        "\n## Partners\n\n- In the plan: {}\n- Missing: {}",
        or_none(&r.plan_agencies),
        or_none(&r.missing_partners)
    );
    let _ = writeln!(
        o,
        "\n## Looked-after children\n\n{} in the case; actions aimed at them: {}",
        c(&r.looked_after),
        or_none(&r.actions_needing_agreement)
    );
    if let Some(rule) = &r.looked_after_rule {
        let _ = writeln!(o, "\n{}.", esc(&upper_first(rule)));
    }
}

/// The returns from missing episodes and their gaps, and the actions with no outcome
/// measure.
fn returns_and_unmeasured(o: &mut String, r: &PlanReview) {
    let ret = &r.returns;
    let _ = writeln!(
        o,
        "\n## After missing episodes\n\n{} return(s) of the case's children recorded; with no same-day contact recorded: {}; with no return home interview recorded within 72 hours: {}.",
        c(&ret.returns),
        c(&ret.without_same_day_contact),
        c(&ret.without_return_interview)
    );
    for g in ret.gaps.iter().flatten() {
        let _ = writeln!(o, "- {}", esc(g));
    }
    o.push_str("\n## Actions without an outcome measure\n\n");
    if r.unmeasured.is_empty() {
        o.push_str("None.\n");
    }
    for u in &r.unmeasured {
        let _ = writeln!(o, "- {}: {}", esc(&u.action), esc(&u.why));
    }
}
