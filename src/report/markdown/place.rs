//! The location-based risk assessment in Markdown.

use super::{esc, header, questions, t, tools_section, withheld};
use serde_json::Value;
use std::fmt::Write;

/// The location-based risk assessment.
pub fn place(v: &Value, audience: &str) -> String {
    let mut o = String::new();
    place_title(&mut o, v, audience);
    hotspot_score(&mut o, v);
    when(&mut o, v);
    linked(&mut o, v);
    nearby(&mut o, v);
    guardianship(&mut o, v);
    tools(&mut o, v);
    partners(&mut o, v);
    o
}

/// The title line, audience header and a sentence on what the place is and where.
fn place_title(o: &mut String, v: &Value, audience: &str) {
    let p = &v["place"];
    let title = format!(
        "Location assessment: {} ({})",
        p["name"].as_str().or(p["place_id"].as_str()).unwrap_or("?"),
        p["place_id"].as_str().unwrap_or("?")
    );
    header(o, &title, audience, &v["as_of"]);
    let kind = p["kind"]
        .as_str()
        .and_then(crate::model::PlaceKind::parse)
        .map_or("a place", crate::model::PlaceKind::in_words);
    let area = if p["area"].is_string() {
        format!(" in {}", t(&p["area"]))
    } else {
        String::new()
    };
    let _ = writeln!(
        o,
        "{}{}{area}; premises licence: {}. Grid reference {:.0} E, {:.0} N. Catalogue {}.\n",
        kind[..1].to_uppercase(),
        &kind[1..],
        match p["licensed"].as_bool() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not recorded",
        },
        p["easting"].as_f64().unwrap_or(0.0),
        p["northing"].as_f64().unwrap_or(0.0),
        t(&v["catalogue"])
    );
}

/// The hotspot score: rank, Gi* cell, trend and the points by component.
fn hotspot_score(o: &mut String, v: &Value) {
    let s = &v["score"];
    o.push_str("## Hotspot score\n\n");
    let _ = writeln!(
        o,
        "Ranked **{}** of {} places, score **{}**, from {} event(s). Its grid cell: Gi* z = {} ({}).\n",
        t(&s["rank"]),
        t(&s["of"]),
        t(&s["total"]),
        t(&s["events"]),
        t(&s["cell_gi_z"]),
        if s["cell_hot"].as_bool() == Some(true) {
            "a significant hot spot"
        } else {
            "not significant"
        }
    );
    let tr = &v["trend"];
    if tr.is_object() {
        let _ = writeln!(
            o,
            "Trend: **{}** over {} steps of {} days, the first ending {} and the last {} (Mann–Kendall z = {}, p = {}, Kendall's tau = {}; Sen's slope {} points per step). Rising or falling means a trend significant at the settings' `fdr` level (0.05 by default); otherwise steady.\n",
            t(&tr["direction"]),
            t(&tr["steps"]),
            t(&tr["step_days"]),
            t(&tr["from"]),
            t(&tr["to"]),
            t(&tr["z"]),
            t(&tr["p"]),
            t(&tr["tau"]),
            t(&tr["slope"]),
        );
    }
    o.push_str("| component | points | what it measures |\n|---|---:|---|\n");
    for c in s["components"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            t(&c["name"]),
            t(&c["points"]),
            t(&c["meaning"])
        );
    }
}

/// When things happen there: busiest times, months, hour by weekday, and the timeline of events.
fn when(o: &mut String, v: &Value) {
    let tl = &v["timeline"];
    o.push_str("\n## When\n\n");
    let _ = writeln!(
        o,
        "Busiest: {}; share at night (18:00–06:00): {}.\n",
        t(&tl["busiest"]),
        t(&tl["night_share"])
    );
    if let Some(m) = tl["by_month"].as_object() {
        o.push_str("| month | events |\n|---|---:|\n");
        for (k, n) in m {
            let _ = writeln!(o, "| {} | {} |", esc(k), t(n));
        }
    }
    o.push_str("\nHour by weekday (events):\n\n| day | ");
    for h in 0..24 {
        let _ = write!(o, "{h:02} | ");
    }
    o.push_str("\n|---|");
    o.push_str(&"---:|".repeat(24));
    o.push('\n');
    for (day, row) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .zip(tl["hour_weekday"].as_array().into_iter().flatten())
    {
        let cells: Vec<String> = row.as_array().into_iter().flatten().map(t).collect();
        let _ = writeln!(o, "| {day} | {} |", cells.join(" | "));
    }
    if !withheld(&tl["events"]) {
        o.push_str("\nTimeline:\n\n| when | event | kind | category | grading | source |\n|---|---|---|---|---|---|\n");
        for e in tl["events"].as_array().into_iter().flatten() {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                t(&e["when"]),
                t(&e["event_id"]),
                t(&e["kind"]),
                t(&e["category"]),
                t(&e["grading"]),
                t(&e["source"])
            );
        }
    }
}

/// Who is linked to the place: counts of children, peers and persons of concern, and who they are.
fn linked(o: &mut String, v: &Value) {
    let l = &v["linked"];
    o.push_str("\n## Who is linked to it\n\n");
    let _ = writeln!(
        o,
        "Children: {}; peers: {}; persons of concern: {}; children and persons of concern seen together: {} pair(s); peer groups meeting here: {}.",
        t(&l["children"]),
        t(&l["peers"]),
        t(&l["persons_of_concern"]),
        t(&l["co_present_pairs"]),
        t(&l["peer_groups"])
    );
    if !withheld(&l["who"]) {
        let w = &l["who"];
        let _ = writeln!(o, "\n- Children: {}", t(&w["children"]));
        let _ = writeln!(o, "- Peers: {}", t(&w["peers"]));
        let pocs: Vec<String> = w["persons_of_concern"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| format!("{} (rank {})", t(&x[0]), t(&x[1])))
            .collect();
        let _ = writeln!(
            o,
            "- Persons of concern: {}",
            if pocs.is_empty() {
                "none".into()
            } else {
                pocs.join(", ")
            }
        );
    }
}

/// The places around it within the radius, with their rank and score.
fn nearby(o: &mut String, v: &Value) {
    let _ = writeln!(o, "\n## Around it (within {} m)\n", t(&v["radius_m"]));
    o.push_str("| place | kind | distance (m) | rank | score |\n|---|---|---:|---:|---:|\n");
    for n in v["nearby"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} | {} |",
            t(&n["place_id"]),
            if n["name"].is_null() {
                String::new()
            } else {
                format!("({})", t(&n["name"]))
            },
            t(&n["kind"]),
            t(&n["distance_m"]),
            t(&n["rank"]),
            t(&n["total"])
        );
    }
}

/// Guardianship and protective factors nearby, and the gaps.
fn guardianship(o: &mut String, v: &Value) {
    let g = &v["guardianship"];
    o.push_str("\n## Guardianship and protective factors\n\n");
    let _ = writeln!(
        o,
        "- Youth clubs nearby: {}",
        if g["youth_clubs"].as_array().is_some_and(|a| !a.is_empty()) {
            t(&g["youth_clubs"])
        } else {
            "none".into()
        }
    );
    let _ = writeln!(
        o,
        "- Schools nearby: {}",
        if g["schools"].as_array().is_some_and(|a| !a.is_empty()) {
            t(&g["schools"])
        } else {
            "none".into()
        }
    );
    let _ = writeln!(
        o,
        "- Trusted adults and professionals recorded here: {}",
        t(&g["protective_adults_seen"])
    );
    for gap in g["gaps"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "- Gap: {}", t(gap));
    }
}

/// The disruption tools that apply, to check or are unavailable, and offender tools for the persons of concern linked here.
fn tools(o: &mut String, v: &Value) {
    tools_section(o, "Disruption tools that apply", &v["tools"]);
    tools_section(o, "Tools that may apply: check first", &v["tools_to_check"]);
    tools_section(o, "Would apply, but not available", &v["unavailable"]);
    o.push_str("\n## Offender tools for persons of concern linked here\n\n");
    match v["offender_tools"].as_array().filter(|a| !a.is_empty()) {
        Some(a) => {
            for x in a {
                let _ = writeln!(o, "- {} {}: {} person(s)", t(&x[0]), t(&x[1]), t(&x[2]));
            }
        }
        None => o.push_str("None.\n"),
    }
}

/// The partners to involve and why, then the reflective questions.
fn partners(o: &mut String, v: &Value) {
    o.push_str("\n## Partners to involve\n\n");
    for p in v["partners"].as_array().into_iter().flatten() {
        let why = p["why"].as_array().filter(|a| !a.is_empty());
        let _ = writeln!(
            o,
            "- **{}**: {}",
            t(&p["agency"]),
            why.map_or(
                "no tool here points to them; consider whether they hold information".to_string(),
                |_| t(&p["why"])
            )
        );
    }
    questions(o, &v["questions"]);
}
