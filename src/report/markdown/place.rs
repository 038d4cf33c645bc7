//! The location-based risk assessment in Markdown, from its released, typed form.

use super::{c, esc, header, questions, tools_section};
use crate::report::released::{PlaceAssessment, read_back};
use serde_json::Value;
use std::fmt::Write;

/// The location-based risk assessment.
///
/// # Errors
/// When the released JSON does not read back into
/// [`crate::report::released::PlaceAssessment`].
pub fn place(v: &Value, audience: &str) -> std::io::Result<String> {
    let a: PlaceAssessment = read_back("location assessment", v)?;
    let mut o = String::new();
    place_title(&mut o, &a, audience);
    hotspot_score(&mut o, &a);
    when(&mut o, &a);
    linked(&mut o, &a);
    nearby(&mut o, &a);
    guardianship(&mut o, &a);
    tools(&mut o, &a);
    partners(&mut o, &a);
    Ok(o)
}

/// The title line, audience header and a sentence on what the place is and where.
fn place_title(o: &mut String, a: &PlaceAssessment, audience: &str) {
    let p = &a.place;
    let title = format!(
        "Location assessment: {} ({})",
        p.name.as_deref().unwrap_or(&p.place_id),
        p.place_id
    );
    header(o, &title, audience, &a.as_of);
    let kind = crate::model::PlaceKind::parse(&p.kind)
        .map_or("a place", crate::model::PlaceKind::in_words);
    let area = p
        .area
        .as_ref()
        .map_or_else(String::new, |area| format!(" in {}", esc(area)));
    let _ = writeln!(
        o,
        "{}{}{area}; premises licence: {}. Grid reference {:.0} E, {:.0} N. Catalogue {}.\n",
        kind[..1].to_uppercase(),
        &kind[1..],
        match p.licensed {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not recorded",
        },
        p.easting,
        p.northing,
        esc(&a.catalogue)
    );
}

/// The hotspot score: rank, Gi* cell, trend and the points by component.
fn hotspot_score(o: &mut String, a: &PlaceAssessment) {
    let s = &a.score;
    o.push_str("## Hotspot score\n\n");
    let _ = writeln!(
        o,
        "Ranked **{}** of {} places, score **{}**, from {} event(s). Its grid cell: Gi* z = {} ({}).\n",
        s.rank,
        s.of,
        c(&s.total),
        c(&s.events),
        c(&s.cell_gi_z),
        if s.cell_hot {
            "a significant hot spot"
        } else {
            "not significant"
        }
    );
    if let Some(tr) = &a.trend {
        let _ = writeln!(
            o,
            "Trend: **{}** over {} steps of {} days, the first ending {} and the last {} (Mann–Kendall z = {}, p = {}, Kendall's tau = {}; Sen's slope {} points per step). Rising or falling means a trend significant at the settings' `fdr` level (0.05 by default); otherwise steady.\n",
            esc(&tr.direction),
            tr.steps,
            tr.step_days,
            esc(&tr.from),
            esc(&tr.to),
            c(&tr.z),
            c(&tr.p),
            c(&tr.tau),
            c(&tr.slope),
        );
    }
    o.push_str("| component | points | what it measures |\n|---|---:|---|\n");
    for line in &s.components {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            esc(&line.name),
            c(&line.points),
            esc(&line.meaning)
        );
    }
}

/// When things happen there: busiest times, months, hour by weekday, and the timeline of events.
fn when(o: &mut String, a: &PlaceAssessment) {
    let tl = &a.timeline;
    o.push_str("\n## When\n\n");
    let _ = writeln!(
        o,
        "Busiest: {}; share at night (18:00–06:00): {}.\n",
        c(&tl.busiest),
        c(&tl.night_share)
    );
    o.push_str("| month | events |\n|---|---:|\n");
    for (month, n) in &tl.by_month {
        let _ = writeln!(o, "| {} | {} |", esc(month), c(n));
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
        .zip(&tl.hour_weekday)
    {
        let cells: Vec<String> = row.iter().map(c).collect();
        let _ = writeln!(o, "| {day} | {} |", cells.join(" | "));
    }
    if let Some(events) = &tl.events {
        o.push_str("\nTimeline:\n\n| when | event | kind | category | grading | source |\n|---|---|---|---|---|---|\n");
        for e in events {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                esc(&e.when),
                esc(&e.event_id),
                esc(&e.kind),
                c(&e.category),
                c(&e.grading),
                c(&e.source)
            );
        }
    }
}

/// Who is linked to the place: counts of children, peers and persons of concern, and who they are.
fn linked(o: &mut String, a: &PlaceAssessment) {
    let l = &a.linked;
    o.push_str("\n## Who is linked to it\n\n");
    let _ = writeln!(
        o,
        "Children: {}; peers: {}; persons of concern: {}; children and persons of concern seen together: {} pair(s); peer groups meeting here: {}.",
        c(&l.children),
        c(&l.peers),
        c(&l.persons_of_concern),
        c(&l.co_present_pairs),
        l.peer_groups
    );
    if let Some(w) = &l.who {
        let _ = writeln!(o, "\n- Children: {}", c(&w.children));
        let _ = writeln!(o, "- Peers: {}", c(&w.peers));
        let pocs: Vec<String> = w
            .persons_of_concern
            .iter()
            .map(|(who, rank)| format!("{} (rank {})", esc(who), c(rank)))
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
fn nearby(o: &mut String, a: &PlaceAssessment) {
    let _ = writeln!(o, "\n## Around it (within {} m)\n", c(&a.radius_m));
    o.push_str("| place | kind | distance (m) | rank | score |\n|---|---|---:|---:|---:|\n");
    for n in &a.nearby {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} | {} |",
            esc(&n.place_id),
            n.name
                .as_ref()
                .map_or_else(String::new, |name| format!("({})", esc(name))),
            esc(&n.kind),
            c(&n.distance_m),
            n.rank,
            c(&n.total)
        );
    }
}

/// Guardianship and protective factors nearby, and the gaps.
fn guardianship(o: &mut String, a: &PlaceAssessment) {
    let g = &a.guardianship;
    let or_none = |v: &Vec<String>| {
        if v.is_empty() {
            "none".to_string()
        } else {
            c(v)
        }
    };
    o.push_str("\n## Guardianship and protective factors\n\n");
    let _ = writeln!(o, "- Youth clubs nearby: {}", or_none(&g.youth_clubs));
    let _ = writeln!(o, "- Schools nearby: {}", or_none(&g.schools));
    let _ = writeln!(
        o,
        "- Trusted adults and professionals recorded here: {}",
        c(&g.protective_adults_seen)
    );
    for gap in &g.gaps {
        let _ = writeln!(o, "- Gap: {}", esc(gap));
    }
}

/// The disruption tools that apply, to check or are unavailable, and offender tools for the persons of concern linked here.
fn tools(o: &mut String, a: &PlaceAssessment) {
    tools_section(o, "Disruption tools that apply", &a.tools);
    tools_section(o, "Tools that may apply: check first", &a.tools_to_check);
    tools_section(o, "Would apply, but not available", &a.unavailable);
    o.push_str("\n## Offender tools for persons of concern linked here\n\n");
    if a.offender_tools.is_empty() {
        o.push_str("None.\n");
    }
    for (id, name, people) in &a.offender_tools {
        let _ = writeln!(o, "- {} {}: {} person(s)", esc(id), esc(name), c(people));
    }
}

/// The partners to involve and why, then the reflective questions.
fn partners(o: &mut String, a: &PlaceAssessment) {
    o.push_str("\n## Partners to involve\n\n");
    for p in &a.partners {
        let _ = writeln!(
            o,
            "- **{}**: {}",
            esc(&p.agency),
            if p.why.is_empty() {
                "no tool here points to them; consider whether they hold information".to_string()
            } else {
                c(&p.why)
            }
        );
    }
    questions(o, &a.questions);
}
