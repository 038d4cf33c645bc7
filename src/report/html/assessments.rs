//! The assessments: of each top place (with the tools that apply) and of each peer
//! group.

use super::{anchor, t};
use serde_json::Value;
use std::fmt::Write;

fn tool_list(o: &mut String, tools: &Value) {
    match tools.as_array().filter(|a| !a.is_empty()) {
        None => o.push_str("<p>None.</p>\n"),
        Some(a) => {
            o.push_str("<table><tr><th>tool</th><th>applies because</th><th>evidence needed</th><th>records show</th><th>lead</th></tr>\n");
            for f in a {
                let _ = writeln!(
                    o,
                    "<tr><td><b>{}</b> {}<br><span class=\"note\">{}</span></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                    t(&f["id"]),
                    t(&f["name"]),
                    t(&f["law"]),
                    t(&f["why"]),
                    t(&f["evidence_needed"]),
                    if f["evidence"].is_null() {
                        "—".to_string()
                    } else {
                        format!(
                            "{} in {} days",
                            t(&f["evidence"]["events"]),
                            t(&f["evidence"]["window_days"])
                        )
                    },
                    t(&f["lead_agency"])
                );
            }
            o.push_str("</table>\n");
        }
    }
}

pub(super) fn assessments(o: &mut String, list: &Value) {
    o.push_str("<section id=\"assessments\"><h2>Location assessments of the top places</h2>\n");
    for a in list.as_array().into_iter().flatten() {
        let p = &a["place"];
        let _ = writeln!(
            o,
            "<h3>{} ({}) — {}, rank {} of {}</h3>",
            t(&p["name"]),
            t(&p["place_id"]),
            t(&p["kind"]),
            t(&a["score"]["rank"]),
            t(&a["score"]["of"])
        );
        let l = &a["linked"];
        let _ = writeln!(
            o,
            "<p>Busiest {}; children {}, peers {}, persons of concern {}, seen together {} pair(s); peer groups meeting here {}. Guardianship: {}.</p>",
            t(&a["timeline"]["busiest"]),
            t(&l["children"]),
            t(&l["peers"]),
            t(&l["persons_of_concern"]),
            t(&l["co_present_pairs"]),
            t(&l["peer_groups"]),
            t(&a["guardianship"]["gaps"])
        );
        tool_list(o, &a["tools"]);
        if a["tools_to_check"]
            .as_array()
            .is_some_and(|x| !x.is_empty())
        {
            let ids: Vec<String> = a["tools_to_check"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| format!("{} ({})", t(&f["id"]), t(&f["to_check"])))
                .collect();
            let _ = writeln!(o, "<p class=\"note\">Check first: {}</p>", ids.join("; "));
        }
        if a["unavailable"].as_array().is_some_and(|x| !x.is_empty()) {
            let ids: Vec<String> = a["unavailable"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| format!("{} {}", t(&f["id"]), t(&f["name"])))
                .collect();
            let _ = writeln!(
                o,
                "<p class=\"note\">Would apply but not available: {}</p>",
                ids.join("; ")
            );
        }
        let partners: Vec<String> = a["partners"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["why"].as_array().is_some_and(|w| !w.is_empty()))
            .map(|p| t(&p["agency"]))
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

pub(super) fn groups(o: &mut String, list: &Value) {
    o.push_str("<section id=\"groups\"><h2>Peer groups</h2>\n");
    for g in list.as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "<h3 id=\"group-{}\">{}: {} members ({} children, {} peers)</h3>",
            anchor(g["group"].as_str().unwrap_or("")),
            t(&g["group"]),
            t(&g["size"]),
            t(&g["children"]),
            t(&g["peers"])
        );
        if !g["children_initials"].is_null() {
            let _ = writeln!(
                o,
                "<p>Children: {}<br>Peers: {}</p>",
                t(&g["children_initials"]),
                t(&g["peers_initials"])
            );
        }
        let places: Vec<String> = g["places"]
            .as_array()
            .into_iter()
            .flatten()
            .take(5)
            .map(|p| {
                format!(
                    "{} ({}, {} events, {})",
                    t(&p["place_id"]),
                    t(&p["kind"]),
                    t(&p["events"]),
                    t(&p["busiest"])
                )
            })
            .collect();
        let _ = writeln!(o, "<p>Where: {}</p>", places.join("; "));
        let _ = writeln!(
            o,
            "<p>Persons of concern attached: {}; protective adults: {}. {}</p>",
            t(&g["persons_of_concern_count"]),
            t(&g["protective_adults_count"]),
            t(&g["gaps"])
        );
    }
    o.push_str("</section>\n");
}
