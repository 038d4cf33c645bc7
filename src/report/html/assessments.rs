//! The assessments: of each top place (with the tools that apply) and of each peer
//! group.

use super::{anchor, c, esc};
use crate::report::released::{GroupAssessment, PlaceAssessment, ToolFinding};
use std::fmt::Write;

/// The tools that apply at a place, as a table.
fn tool_list(o: &mut String, tools: &[ToolFinding]) {
    if tools.is_empty() {
        o.push_str("<p>None.</p>\n");
        return;
    }
    o.push_str("<table><tr><th>tool</th><th>applies because</th><th>evidence needed</th><th>records show</th><th>lead</th></tr>\n");
    for f in tools {
        let _ = writeln!(
            o,
            "<tr><td><b>{}</b> {}<br><span class=\"note\">{}</span></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&f.id),
            esc(&f.name),
            esc(&f.law),
            c(&f.why),
            esc(&f.evidence_needed),
            f.evidence.as_ref().map_or_else(
                || "—".to_string(),
                |e| format!("{} in {} days", c(&e.events), e.window_days)
            ),
            esc(&f.lead_agency)
        );
    }
    o.push_str("</table>\n");
}

/// Each top place's assessment in brief: rank, who is linked, guardianship gaps, the
/// tools that apply, those to check first or not available, and the partners.
pub(super) fn assessments(o: &mut String, list: &[PlaceAssessment]) {
    o.push_str("<section id=\"assessments\"><h2>Location assessments of the top places</h2>\n");
    for a in list {
        let p = &a.place;
        let _ = writeln!(
            o,
            "<h3>{} ({}) — {}, rank {} of {}</h3>",
            c(&p.name),
            esc(&p.place_id),
            esc(&p.kind),
            a.score.rank,
            a.score.of
        );
        let l = &a.linked;
        let _ = writeln!(
            o,
            "<p>Busiest {}; children {}, peers {}, persons of concern {}, seen together {} pair(s); peer groups meeting here {}. Guardianship: {}.</p>",
            c(&a.timeline.busiest),
            c(&l.children),
            c(&l.peers),
            c(&l.persons_of_concern),
            c(&l.co_present_pairs),
            l.peer_groups,
            c(&a.guardianship.gaps)
        );
        tool_list(o, &a.tools);
        if !a.tools_to_check.is_empty() {
            let ids: Vec<String> = a
                .tools_to_check
                .iter()
                .map(|f| format!("{} ({})", esc(&f.id), c(&f.to_check)))
                .collect();
            let _ = writeln!(o, "<p class=\"note\">Check first: {}</p>", ids.join("; "));
        }
        if !a.unavailable.is_empty() {
            let ids: Vec<String> = a
                .unavailable
                .iter()
                .map(|f| format!("{} {}", esc(&f.id), esc(&f.name)))
                .collect();
            let _ = writeln!(
                o,
                "<p class=\"note\">Would apply but not available: {}</p>",
                ids.join("; ")
            );
        }
        let partners: Vec<String> = a
            .partners
            .iter()
            .filter(|p| !p.why.is_empty())
            .map(|p| esc(&p.agency))
            .collect();
        let _ = writeln!(
            o,
            "<p>Partners to involve: {}.</p>",
            if partners.is_empty() {
                "—".into()
            } else {
                partners.join(", ")
            }
        );
    }
    o.push_str("</section>\n");
}

/// Each peer group in brief: its members, where it spends time, and who is attached.
pub(super) fn groups(o: &mut String, list: &[GroupAssessment]) {
    o.push_str("<section id=\"groups\"><h2>Peer groups</h2>\n");
    for g in list {
        let _ = writeln!(
            o,
            "<h3 id=\"group-{}\">{}: {} members ({} children, {} peers)</h3>",
            anchor(&g.group),
            esc(&g.group),
            c(&g.size),
            c(&g.children),
            c(&g.peers)
        );
        if let Some(children) = &g.children_initials {
            let _ = writeln!(
                o,
                "<p>Children: {}<br>Peers: {}</p>",
                c(children),
                c(&g.peers_initials)
            );
        }
        let places: Vec<String> = g
            .places
            .iter()
            .take(5)
            .map(|p| {
                format!(
                    "{} ({}, {} events, {})",
                    esc(&p.place_id),
                    esc(&p.kind),
                    c(&p.events),
                    c(&p.busiest)
                )
            })
            .collect();
        let _ = writeln!(o, "<p>Where: {}</p>", places.join("; "));
        let _ = writeln!(
            o,
            "<p>Persons of concern attached: {}; protective adults: {}. {}</p>",
            c(&g.persons_of_concern_count),
            c(&g.protective_adults_count),
            c(&g.gaps)
        );
    }
    o.push_str("</section>\n");
}
