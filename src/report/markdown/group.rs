//! The peer group assessment in Markdown.

use super::{header, list, listed, t, tools_section, withheld};
use crate::report::released::{ToolFinding, read_back};
use serde_json::Value;
use std::fmt::Write;

/// The peer group assessment.
///
/// # Errors
/// When its location tools do not read back into their typed form.
pub fn group(v: &Value, audience: &str) -> std::io::Result<String> {
    let mut o = String::new();
    group_summary(&mut o, v, audience);
    group_places(&mut o, v);
    group_people(&mut o, v);
    group_tools(&mut o, v)?;
    Ok(o)
}

/// The title, audience header, and who the members are.
fn group_summary(o: &mut String, v: &Value, audience: &str) {
    header(
        o,
        &format!(
            "Peer group assessment: {}",
            v["group"].as_str().unwrap_or("?")
        ),
        audience,
        v["as_of"].as_str().unwrap_or("—"),
    );
    let _ = writeln!(
        o,
        "{} members, of them {} children and {} peers; density of ties {}. Looked-after children: {}.\n",
        t(&v["size"]),
        t(&v["children"]),
        t(&v["peers"]),
        t(&v["density"]),
        t(&v["looked_after"])
    );
    if !withheld(&v["children_initials"]) {
        let _ = writeln!(o, "- Children: {}", listed(&v["children_initials"]));
        let _ = writeln!(o, "- Peers: {}\n", listed(&v["peers_initials"]));
    }
}

/// Where and when the group spends time.
fn group_places(o: &mut String, v: &Value) {
    o.push_str("## Where and when the group spends time\n\n| place | kind | members | events | rank | busiest |\n|---|---|---:|---:|---:|---|\n");
    for p in v["places"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} | {} | {} |",
            t(&p["place_id"]),
            if p["name"].is_null() {
                String::new()
            } else {
                format!("({})", t(&p["name"]))
            },
            t(&p["kind"]),
            t(&p["members"]),
            t(&p["events"]),
            t(&p["rank"]),
            t(&p["busiest"])
        );
    }
}

/// The persons of concern attached to the group, its protective adults, and the gaps.
fn group_people(o: &mut String, v: &Value) {
    let _ = writeln!(
        o,
        "\n## Persons of concern attached ({})\n",
        t(&v["persons_of_concern_count"])
    );
    if !withheld(&v["persons_of_concern"]) {
        for p in v["persons_of_concern"].as_array().into_iter().flatten() {
            let _ = writeln!(
                o,
                "- {} — {}; tied to {} member(s) by {}; rank {}{}",
                t(&p["person"]),
                if p["in_group"].as_bool() == Some(true) {
                    "in the group"
                } else {
                    "outside the group"
                },
                t(&p["members_tied"]),
                t(&p["how"]),
                t(&p["rank"]),
                if p["may_also_be_exploited"].as_bool() == Some(true) {
                    " — under 18: may also be exploited"
                } else {
                    ""
                }
            );
        }
    }
    let _ = writeln!(
        o,
        "\n## Protective adults ({})\n",
        t(&v["protective_adults_count"])
    );
    if !withheld(&v["protective_adults"]) {
        list(o, &v["protective_adults"]);
    }
    for gap in v["gaps"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "- Gap: {}", t(gap));
    }
}

/// The offender, victim and location tools for the group.
fn group_tools(o: &mut String, v: &Value) -> std::io::Result<()> {
    let tl = &v["tools"];
    o.push_str("\n## Tools\n\n");
    for (label, key) in [
        ("Offender tools (persons of concern)", "offender"),
        ("Victim tools (children)", "victim"),
    ] {
        let _ = writeln!(o, "**{label}:**\n");
        match tl[key].as_array().filter(|a| !a.is_empty()) {
            Some(a) => {
                for x in a {
                    let _ = writeln!(o, "- {} {}: {}", t(&x[0]), t(&x[1]), t(&x[2]));
                }
            }
            None => o.push_str("- none\n"),
        }
        o.push('\n');
    }
    for pl in tl["location"].as_array().into_iter().flatten() {
        let tools: Vec<ToolFinding> = read_back("group's location tools", &pl[1])?;
        tools_section(
            o,
            &format!("Location tools at {}", pl[0].as_str().unwrap_or("?")),
            &tools,
        );
    }
    Ok(())
}
