//! Markdown renderings of the assessments. Each renderer reads the assessment as
//! released for the audience (JSON after [`crate::privacy::Disclosure::release_json`]),
//! never the analysis itself, so a Markdown file can show no more than its JSON twin;
//! every piece of text is escaped ([`super::escape::markdown`]).

use super::escape::markdown as esc;
use serde_json::Value;
use std::fmt::Write;

mod evaluation;
mod group;
mod place;
mod review;

pub use evaluation::evaluation;
pub use group::group;
pub use place::place;
pub use review::review;

/// A released value as text: strings escaped, numbers as written, null as "—".
/// A list's items, or "none" when it is empty.
fn listed(v: &Value) -> String {
    if v.as_array().is_some_and(Vec::is_empty) {
        "none".to_string()
    } else {
        t(v)
    }
}

fn t(v: &Value) -> String {
    super::escape::value_text(v, esc)
}

fn list(out: &mut String, items: &Value) {
    match items.as_array() {
        Some(a) if !a.is_empty() => {
            for i in a {
                let _ = writeln!(out, "- {}", t(i));
            }
        }
        _ => out.push_str("- none recorded\n"),
    }
}

/// A sentence with its first letter in upper case.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "withheld for this audience" for a record-level section that was cut.
fn withheld(v: &Value) -> bool {
    v.is_null()
}

fn tools_section(out: &mut String, title: &str, tools: &Value) {
    let _ = writeln!(out, "\n## {title}\n");
    let Some(a) = tools.as_array().filter(|a| !a.is_empty()) else {
        out.push_str("None.\n");
        return;
    };
    for (i, f) in a.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "### {} — {}\n", t(&f["id"]), t(&f["name"]));
        let _ = writeln!(
            out,
            "- **Law:** {} ({})",
            t(&f["law"]),
            t(&f["jurisdiction"])
        );
        let _ = writeln!(
            out,
            "- **Lead:** {}; partners: {}",
            t(&f["lead_agency"]),
            t(&f["partners"])
        );
        let _ = writeln!(out, "- **Who applies:** {}", t(&f["who_can_apply"]));
        let _ = writeln!(out, "- **Standard:** {}", t(&f["standard_of_proof"]));
        let _ = writeln!(out, "- **Can impose:** {}", t(&f["imposes"]));
        for w in f["why"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- **Applies because** {}", t(w));
        }
        for w in f["to_check"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- **Check first:** {}", t(w));
        }
        let _ = writeln!(out, "- **Evidence needed:** {}", t(&f["evidence_needed"]));
        if let Some(e) = f["evidence"].as_object() {
            let _ = writeln!(
                out,
                "- **The records show:** {} matching event(s) in the last {} days (the condition asks for {})",
                t(&e["events"]),
                t(&e["window_days"]),
                t(&e["needed"])
            );
        }
        if !withheld(&f["event_refs"]) && f["event_refs"].as_array().is_some_and(|a| !a.is_empty())
        {
            let _ = writeln!(out, "- **Records:** {}", t(&f["event_refs"]));
        }
        if let Some(i) = f["indicators"].as_object() {
            let _ = writeln!(
                out,
                "- **Indicators:** {} record(s) in the last {} days with no category: {}; to establish {}",
                t(&i["events"]),
                t(&i["window_days"]),
                t(&i["which"]),
                t(&i["must_establish"])
            );
            if !withheld(&f["indicator_refs"]) {
                let _ = writeln!(out, "- **Indicator records:** {}", t(&f["indicator_refs"]));
            }
        }
        if !f["data_helps"].as_str().unwrap_or("").is_empty() {
            let _ = writeln!(out, "- **What the data can add:** {}", t(&f["data_helps"]));
        }
        if !f["unavailable"].is_null() {
            let _ = writeln!(out, "- **Not available:** {}", t(&f["unavailable"]));
        }
        if !f["verify_note"].is_null() {
            let _ = writeln!(out, "- **To verify:** {}", t(&f["verify_note"]));
        }
    }
}

fn header(out: &mut String, title: &str, audience: &str, as_of: &Value) {
    let _ = writeln!(out, "# {}\n", esc(title));
    let _ = writeln!(
        out,
        "*Audience: **{}**. As of {}. A line of enquiry for named practitioners, not an automated decision.*\n",
        esc(audience),
        t(as_of)
    );
}

fn questions(out: &mut String, qs: &Value) {
    out.push_str("\n## Reflective questions\n\n");
    for q in qs.as_array().into_iter().flatten() {
        let _ = writeln!(out, "**{}**\n", t(&q["question"]));
        for a in q["answer"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- {}", t(a));
        }
        for e in q["evaluations"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "- {}: {} event(s) before, {} after (rate ratio {}); {}",
                t(&e["action"]),
                t(&e["before"]),
                t(&e["after"]),
                t(&e["rate_ratio"]),
                t(&e["reading"])
            );
        }
        out.push('\n');
    }
}
