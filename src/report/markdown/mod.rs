//! Markdown renderings of the assessments. Each renderer reads the assessment as
//! released for the audience (JSON after [`crate::privacy::Disclosure::release_json`],
//! read back into its typed form in [`super::released`]), never
//! the analysis itself, so a Markdown file can show no more than its JSON twin;
//! every piece of text is escaped ([`super::escape::markdown`]).

use super::escape::markdown as esc;
use super::released::{Cell, Question, ToolFinding};
use std::fmt::Write;

mod evaluation;
mod group;
mod place;
mod review;

pub use evaluation::evaluation;
pub use group::group;
pub use place::place;
pub use review::review;

/// A sentence with its first letter in upper case.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A typed released value as Markdown text.
fn c(v: &impl Cell) -> String {
    v.cell(esc)
}

/// A section of disruption tools: each with its law, lead, standard, why it applies,
/// what to check, the evidence it needs and what the records show.
fn tools_section(out: &mut String, title: &str, tools: &[ToolFinding]) {
    let _ = writeln!(out, "\n## {title}\n");
    if tools.is_empty() {
        out.push_str("None.\n");
        return;
    }
    for (i, f) in tools.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "### {} — {}\n", esc(&f.id), esc(&f.name));
        let _ = writeln!(out, "- **Law:** {} ({})", esc(&f.law), esc(&f.jurisdiction));
        let _ = writeln!(
            out,
            "- **Lead:** {}; partners: {}",
            esc(&f.lead_agency),
            c(&f.partners)
        );
        let _ = writeln!(out, "- **Who applies:** {}", esc(&f.who_can_apply));
        let _ = writeln!(out, "- **Standard:** {}", esc(&f.standard_of_proof));
        let _ = writeln!(out, "- **Can impose:** {}", esc(&f.imposes));
        for w in &f.why {
            let _ = writeln!(out, "- **Applies because** {}", esc(w));
        }
        for w in &f.to_check {
            let _ = writeln!(out, "- **Check first:** {}", esc(w));
        }
        let _ = writeln!(out, "- **Evidence needed:** {}", esc(&f.evidence_needed));
        if let Some(e) = &f.evidence {
            let _ = writeln!(
                out,
                "- **The records show:** {} matching event(s) in the last {} days (the condition asks for {})",
                c(&e.events),
                e.window_days,
                e.needed
            );
        }
        if let Some(refs) = f.event_refs.as_ref().filter(|r| !r.is_empty()) {
            let _ = writeln!(out, "- **Records:** {}", c(refs));
        }
        if let Some(i) = &f.indicators {
            let _ = writeln!(
                out,
                "- **Indicators:** {} record(s) in the last {} days with no category: {}; to establish {}",
                c(&i.events),
                i.window_days,
                c(&i.which),
                esc(&i.must_establish)
            );
            if let Some(refs) = &f.indicator_refs {
                let _ = writeln!(out, "- **Indicator records:** {}", c(refs));
            }
        }
        if !f.data_helps.is_empty() {
            let _ = writeln!(out, "- **What the data can add:** {}", esc(&f.data_helps));
        }
        if let Some(u) = &f.unavailable {
            let _ = writeln!(out, "- **Not available:** {}", esc(u));
        }
        if let Some(v) = &f.verify_note {
            let _ = writeln!(out, "- **To verify:** {}", esc(v));
        }
    }
}

fn header(out: &mut String, title: &str, audience: &str, as_of: &str) {
    let _ = writeln!(out, "# {}\n", esc(title));
    let _ = writeln!(
        out,
        "*Audience: **{}**. As of {}. A line of enquiry for named practitioners, not an automated decision.*\n",
        esc(audience),
        esc(as_of)
    );
}

/// The reflective questions, each with the data's answers and the actions' evaluations.
fn questions(out: &mut String, qs: &[Question]) {
    out.push_str("\n## Reflective questions\n\n");
    for q in qs {
        let _ = writeln!(out, "**{}**\n", esc(&q.question));
        for a in &q.answer {
            let _ = writeln!(out, "- {}", esc(a));
        }
        for e in &q.evaluations {
            let _ = writeln!(
                out,
                "- {}: {} event(s) before, {} after (rate ratio {}); {}",
                esc(&e.action),
                c(&e.before),
                c(&e.after),
                c(&e.rate_ratio),
                esc(&e.reading)
            );
        }
        out.push('\n');
    }
}
