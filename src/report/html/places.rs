//! The tables of places: the top places with their score's components as bars, and
//! the premises-type risk.

use super::{anchor, num, t};
use serde_json::Value;
use std::fmt::Write;

/// Component colours, in [`crate::score::Components::NAMES`] order (Tableau 10).
const COMPONENT_COLOURS: [&str; crate::score::Components::NAMES.len()] = [
    "#4e79a7", "#e15759", "#b07aa1", "#f28e2b", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
    "#76b7b2", "#59a14f",
];

fn bars(o: &mut String, comps: &Value, max: f64) {
    for (i, c) in comps.as_array().into_iter().flatten().enumerate() {
        let v = num(&c[1]);
        if v > 0.0 {
            let _ = write!(
                o,
                "<span class=\"bar\" style=\"width:{:.0}px;background:{}\" title=\"{}: {}\"></span>",
                (v / max.max(1e-9) * 260.0).max(1.0),
                COMPONENT_COLOURS[i % COMPONENT_COLOURS.len()],
                t(&c[0]),
                t(&c[1])
            );
        }
    }
}

pub(super) fn top_places(o: &mut String, rows: &Value) {
    o.push_str("<section id=\"places\"><h2>Top places</h2>\n<p class=\"legend note\">");
    for (i, n) in crate::score::Components::NAMES.iter().enumerate() {
        let label = match *n {
            "gi_star" => "Gi*".to_string(),
            "co_presence" => "co-presence".to_string(),
            other => other.replace('_', " "),
        };
        let _ = write!(
            o,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{label}</span>",
            COMPONENT_COLOURS[i]
        );
    }
    o.push_str("</p>\n<table><tr><th>rank</th><th>place</th><th>kind</th><th>score</th><th>components</th><th>events</th><th>children</th><th>persons of concern</th></tr>\n");
    let max = rows
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            r["components"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| num(&c[1]))
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    for r in rows.as_array().into_iter().flatten() {
        let id = r["place_id"].as_str().unwrap_or("");
        let _ = write!(
            o,
            "<tr id=\"place-{}\"><td class=\"n\">{}</td><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td>",
            anchor(id),
            t(&r["rank"]),
            t(&r["place_id"]),
            if r["name"].is_null() {
                String::new()
            } else {
                format!("({})", t(&r["name"]))
            },
            t(&r["kind"]),
            t(&r["total"])
        );
        bars(o, &r["components"], max);
        let _ = writeln!(
            o,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            t(&r["events"]),
            t(&r["children"]),
            t(&r["persons_of_concern"])
        );
    }
    o.push_str("</table>\n<p class=\"note\">A dash is a value withheld for this audience, or not applicable.</p></section>\n");
}

pub(super) fn premises(o: &mut String, rows: &Value) {
    o.push_str("<section id=\"premises\"><h2>Premises-type risk</h2>\n<p class=\"note\">Weighted events per premises of each kind against the all-premises rate (after risk terrain modelling), with a 95% interval.</p>\n<table><tr><th>kind</th><th>premises</th><th>events</th><th>relative risk</th><th>95% interval</th></tr>\n");
    for r in rows.as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{} to {}</td></tr>",
            t(&r["kind"]),
            t(&r["premises"]),
            t(&r["events"]),
            t(&r["relative_risk"]),
            t(&r["ci"][0]),
            t(&r["ci"][1])
        );
    }
    o.push_str("</table></section>\n");
}
