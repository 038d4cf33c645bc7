//! The tables of places: the top places with their score's components as bars, and
//! the premises-type risk.

use super::{anchor, c, esc};
use crate::report::released::{PremisesRow, TopPlace};
use std::fmt::Write;

/// Component colours, in [`crate::score::Components::NAMES`] order (Tableau 10).
const COMPONENT_COLOURS: [&str; crate::score::Components::NAMES.len()] = [
    "#4e79a7", "#e15759", "#b07aa1", "#f28e2b", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
    "#76b7b2", "#59a14f",
];

/// The score's components as bars, coloured by component, `max` the widest total.
fn bars(o: &mut String, comps: &[(String, Option<f64>)], max: f64) {
    for (i, (name, points)) in comps.iter().enumerate() {
        let v = points.unwrap_or(0.0);
        if v > 0.0 {
            let _ = write!(
                o,
                "<span class=\"bar\" style=\"width:{:.0}px;background:{}\" title=\"{}: {}\"></span>",
                (v / max.max(1e-9) * 260.0).max(1.0),
                COMPONENT_COLOURS[i % COMPONENT_COLOURS.len()],
                esc(name),
                c(points)
            );
        }
    }
}

/// The top places: rank, kind, score and its components as bars, and the counts.
pub(super) fn top_places(o: &mut String, rows: &[TopPlace]) {
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
        .iter()
        .map(|r| {
            r.components
                .iter()
                .map(|(_, points)| points.unwrap_or(0.0))
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    for r in rows {
        let _ = write!(
            o,
            "<tr id=\"place-{}\"><td class=\"n\">{}</td><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td>",
            anchor(&r.place_id),
            r.rank,
            esc(&r.place_id),
            r.name
                .as_ref()
                .map_or_else(String::new, |name| format!("({})", esc(name))),
            esc(&r.kind),
            c(&r.total)
        );
        bars(o, &r.components, max);
        let _ = writeln!(
            o,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c(&r.events),
            c(&r.children),
            c(&r.persons_of_concern)
        );
    }
    o.push_str("</table>\n<p class=\"note\">A dash is a value withheld for this audience, or not applicable.</p></section>\n");
}

/// Premises-type risk: weighted events per premises of each kind against the rate over
/// all premises, with a 95% interval.
pub(super) fn premises(o: &mut String, rows: &[PremisesRow]) {
    o.push_str("<section id=\"premises\"><h2>Premises-type risk</h2>\n<p class=\"note\">Weighted events per premises of each kind against the all-premises rate (after risk terrain modelling), with a 95% interval.</p>\n<table><tr><th>kind</th><th>premises</th><th>events</th><th>relative risk</th><th>95% interval</th></tr>\n");
    for r in rows {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{} to {}</td></tr>",
            esc(&r.kind),
            r.premises,
            c(&r.events),
            c(&r.relative_risk),
            c(&r.ci.0),
            c(&r.ci.1)
        );
    }
    o.push_str("</table></section>\n");
}
