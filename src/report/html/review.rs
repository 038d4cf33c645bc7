//! The plan review and the data-quality section.

use super::{c, esc};
use crate::report::released::{PlanReview, Quality};
use std::fmt::Write;

/// The plan review in brief: the balance of actions, the findings, the tools not in the
/// plan, partners missing, looked-after children and returns.
pub(super) fn review(o: &mut String, r: &PlanReview) {
    let b = &r.balance;
    let _ = write!(
        o,
        "<section id=\"review\"><h2>Plan review</h2>\n<p>{} action(s): {} on offenders, {} on places, {} on the child or family ({:.0}%).</p>\n",
        b.actions,
        b.offender,
        b.location,
        b.victim,
        100.0 * b.victim_share.unwrap_or(0.0)
    );
    for f in &r.findings {
        let _ = writeln!(o, "<div class=\"warn\">{}</div>", esc(f));
    }
    o.push_str("<table><tr><th>tool not in the plan</th><th>acts on</th><th>lead</th><th>applies to</th></tr>\n");
    for u in &r.unused_tools {
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&u.id),
            esc(&u.name),
            esc(&u.target),
            esc(&u.lead_agency),
            c(&u.applies_to)
        );
    }
    let rule = r
        .looked_after_rule
        .as_ref()
        .map(|x| format!(" ({})", esc(x)))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "</table>\n<p>Partners missing: {}. Looked-after children in the case: {}{rule}.</p>\n<p>Returns from missing episodes: {}; with no same-day contact recorded: {}; with no return home interview within 72 hours: {}.</p>\n</section>",
        c(&r.missing_partners),
        c(&r.looked_after),
        c(&r.returns.returns),
        c(&r.returns.without_same_day_contact),
        c(&r.returns.without_return_interview)
    );
}

/// The data-quality section: notes, rejected rows, what was left out, and the
/// disproportionality monitor.
pub(super) fn quality(o: &mut String, q: &Quality) {
    o.push_str("<section id=\"quality\"><h2>Data quality</h2>\n<ul>");
    for n in &q.notes {
        let _ = writeln!(o, "<li>{}</li>", esc(n));
    }
    for (table, rows, reason) in &q.rejected {
        let _ = writeln!(
            o,
            "<li>{}: {rows} row(s) rejected, mostly \"{}\"</li>",
            esc(table),
            esc(reason)
        );
    }
    let _ = writeln!(
        o,
        "<li>Left out as past their review date: {} event(s), {} link(s).</li><li>Handling-code C records left out of this run: {}.</li><li>Busy places where co-presence was not inferred: {}.</li><li>Persons of concern whose evidence rests 80% or more on one source system: {} (a data-source bias warning).</li>",
        q.expired_events,
        q.expired_links,
        q.handling_c,
        if q.capped_places.is_empty() {
            "none".into()
        } else {
            c(&q.capped_places)
        },
        c(&q.single_source)
    );
    o.push_str("</ul>\n<h3>Disproportionality</h3>\n");
    let dp = &q.disproportionality;
    if dp.flags.is_empty() {
        let _ = writeln!(
            o,
            "<p>No share of the top persons of concern or of the network differs from the population by a ratio of 1.25 or more (or 0.8 or less) on {}.</p>",
            if dp.attributes_recorded.is_empty() {
                "any recorded attribute (none recorded)".into()
            } else {
                c(&dp.attributes_recorded)
            }
        );
    }
    for f in &dp.flags {
        let _ = writeln!(o, "<div class=\"warn\">{}</div>", esc(f));
    }
    o.push_str("</section>\n");
}
