//! The peer group assessment in Markdown, from its released, typed form.

use super::{c, esc, header, tools_section};
use crate::report::released::{GroupAssessment, read_back};
use serde_json::Value;
use std::fmt::Write;

/// The peer group assessment.
///
/// # Errors
/// When the released JSON does not read back into
/// [`crate::report::released::GroupAssessment`].
pub fn group(v: &Value, audience: &str) -> std::io::Result<String> {
    let g: GroupAssessment = read_back("peer group assessment", v)?;
    let mut o = String::new();
    group_summary(&mut o, &g, audience);
    group_places(&mut o, &g);
    group_people(&mut o, &g);
    group_tools(&mut o, &g);
    Ok(o)
}

/// A list's items, or "none" when it is empty.
fn or_none(items: &Vec<String>) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        c(items)
    }
}

/// The title, audience header, and who the members are.
fn group_summary(o: &mut String, g: &GroupAssessment, audience: &str) {
    header(
        o,
        &format!("Peer group assessment: {}", g.group),
        audience,
        &g.as_of,
    );
    let _ = writeln!(
        o,
        "{} members, of them {} children and {} peers; density of ties {}. Looked-after children: {}.\n",
        c(&g.size),
        c(&g.children),
        c(&g.peers),
        c(&g.density),
        c(&g.looked_after)
    );
    if let Some(children) = &g.children_initials {
        let _ = writeln!(o, "- Children: {}", or_none(children));
        let peers = g.peers_initials.as_ref().map_or_else(String::new, or_none);
        let _ = writeln!(o, "- Peers: {peers}\n");
    }
}

/// Where and when the group spends time.
fn group_places(o: &mut String, g: &GroupAssessment) {
    o.push_str("## Where and when the group spends time\n\n| place | kind | members | events | rank | busiest |\n|---|---|---:|---:|---:|---|\n");
    for p in &g.places {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} | {} | {} |",
            esc(&p.place_id),
            p.name
                .as_ref()
                .map_or_else(String::new, |name| format!("({})", esc(name))),
            esc(&p.kind),
            c(&p.members),
            c(&p.events),
            p.rank,
            c(&p.busiest)
        );
    }
}

/// The persons of concern attached to the group, its protective adults, and the gaps.
fn group_people(o: &mut String, g: &GroupAssessment) {
    let _ = writeln!(
        o,
        "\n## Persons of concern attached ({})\n",
        c(&g.persons_of_concern_count)
    );
    for p in g.persons_of_concern.iter().flatten() {
        let _ = writeln!(
            o,
            "- {} — {}; tied to {} member(s) by {}; rank {}{}",
            esc(&p.person),
            if p.in_group {
                "in the group"
            } else {
                "outside the group"
            },
            c(&p.members_tied),
            c(&p.how),
            c(&p.rank),
            if p.may_also_be_exploited {
                " — under 18: may also be exploited"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(
        o,
        "\n## Protective adults ({})\n",
        c(&g.protective_adults_count)
    );
    match &g.protective_adults {
        Some(adults) if adults.is_empty() => o.push_str("- none recorded\n"),
        Some(adults) => {
            for a in adults {
                let _ = writeln!(o, "- {}", esc(a));
            }
        }
        None => {}
    }
    for gap in &g.gaps {
        let _ = writeln!(o, "- Gap: {}", esc(gap));
    }
}

/// The offender, victim and location tools for the group.
fn group_tools(o: &mut String, g: &GroupAssessment) {
    o.push_str("\n## Tools\n\n");
    for (label, tools) in [
        ("Offender tools (persons of concern)", &g.tools.offender),
        ("Victim tools (children)", &g.tools.victim),
    ] {
        let _ = writeln!(o, "**{label}:**\n");
        if tools.is_empty() {
            o.push_str("- none\n");
        }
        for (id, name, people) in tools {
            let _ = writeln!(o, "- {} {}: {}", esc(id), esc(name), c(people));
        }
        o.push('\n');
    }
    for (place, tools) in &g.tools.location {
        tools_section(o, &format!("Location tools at {place}"), tools);
    }
}
