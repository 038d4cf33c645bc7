//! Markdown renderings of the assessments. Each renderer reads the assessment as
//! released for the audience (JSON after [`crate::privacy::Disclosure::release_json`]),
//! never the analysis itself, so a Markdown file can show no more than its JSON twin;
//! every piece of text is escaped ([`super::escape::markdown`]).

use super::escape::markdown as esc;
use serde_json::Value;
use std::fmt::Write;

/// A released value as text: strings escaped, numbers as written, null as "—".
/// A list's items, or "none" when it is empty.
fn listed(v: &Value) -> String {
    if v.as_array().is_some_and(Vec::is_empty) {
        "none".to_string()
    } else {
        t(v)
    }
}

fn t(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) => esc(s),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() != 0.0 => format!("{x:.2}"),
            Some(x) if n.is_f64() => format!("{x:.0}"),
            _ => n.to_string(),
        },
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Array(a) => a.iter().map(t).collect::<Vec<_>>().join(", "),
        Value::Object(_) => esc(&v.to_string()),
    }
}

fn list(out: &mut String, items: &Value) {
    match items.as_array() {
        Some(a) if !a.is_empty() => {
            for i in a {
                let _ = writeln!(out, "- {}", t(i));
            }
        }
        _ => out.push_str("- none recorded\n"),
    }
}

/// A sentence with its first letter in upper case.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "withheld for this audience" for a record-level section that was cut.
fn withheld(v: &Value) -> bool {
    v.is_null()
}

fn tools_section(out: &mut String, title: &str, tools: &Value) {
    let _ = writeln!(out, "\n## {title}\n");
    let Some(a) = tools.as_array().filter(|a| !a.is_empty()) else {
        out.push_str("None.\n");
        return;
    };
    for (i, f) in a.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "### {} — {}\n", t(&f["id"]), t(&f["name"]));
        let _ = writeln!(
            out,
            "- **Law:** {} ({})",
            t(&f["law"]),
            t(&f["jurisdiction"])
        );
        let _ = writeln!(
            out,
            "- **Lead:** {}; partners: {}",
            t(&f["lead_agency"]),
            t(&f["partners"])
        );
        let _ = writeln!(out, "- **Who applies:** {}", t(&f["who_can_apply"]));
        let _ = writeln!(out, "- **Standard:** {}", t(&f["standard_of_proof"]));
        let _ = writeln!(out, "- **Can impose:** {}", t(&f["imposes"]));
        for w in f["why"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- **Applies because** {}", t(w));
        }
        for w in f["to_check"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- **Check first:** {}", t(w));
        }
        let _ = writeln!(out, "- **Evidence needed:** {}", t(&f["evidence_needed"]));
        if let Some(e) = f["evidence"].as_object() {
            let _ = writeln!(
                out,
                "- **The records show:** {} matching event(s) in the last {} days (the condition asks for {})",
                t(&e["events"]),
                t(&e["window_days"]),
                t(&e["needed"])
            );
        }
        if !withheld(&f["event_refs"]) && f["event_refs"].as_array().is_some_and(|a| !a.is_empty())
        {
            let _ = writeln!(out, "- **Records:** {}", t(&f["event_refs"]));
        }
        if let Some(i) = f["indicators"].as_object() {
            let _ = writeln!(
                out,
                "- **Indicators:** {} record(s) in the last {} days with no category: {}; to establish {}",
                t(&i["events"]),
                t(&i["window_days"]),
                t(&i["which"]),
                t(&i["must_establish"])
            );
            if !withheld(&f["indicator_refs"]) {
                let _ = writeln!(out, "- **Indicator records:** {}", t(&f["indicator_refs"]));
            }
        }
        if !f["data_helps"].as_str().unwrap_or("").is_empty() {
            let _ = writeln!(out, "- **What the data can add:** {}", t(&f["data_helps"]));
        }
        if !f["unavailable"].is_null() {
            let _ = writeln!(out, "- **Not available:** {}", t(&f["unavailable"]));
        }
        if !f["verify_note"].is_null() {
            let _ = writeln!(out, "- **To verify:** {}", t(&f["verify_note"]));
        }
    }
}

fn header(out: &mut String, title: &str, audience: &str, as_of: &Value) {
    let _ = writeln!(out, "# {}\n", esc(title));
    let _ = writeln!(
        out,
        "*Audience: **{}**. As of {}. A line of enquiry for named practitioners, not an automated decision.*\n",
        esc(audience),
        t(as_of)
    );
}

fn questions(out: &mut String, qs: &Value) {
    out.push_str("\n## Reflective questions\n\n");
    for q in qs.as_array().into_iter().flatten() {
        let _ = writeln!(out, "**{}**\n", t(&q["question"]));
        for a in q["answer"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "- {}", t(a));
        }
        for e in q["evaluations"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "- {}: {} event(s) before, {} after (rate ratio {}); {}",
                t(&e["action"]),
                t(&e["before"]),
                t(&e["after"]),
                t(&e["rate_ratio"]),
                t(&e["reading"])
            );
        }
        out.push('\n');
    }
}

/// The location-based risk assessment.
pub fn place(v: &Value, audience: &str) -> String {
    let mut o = String::new();
    let p = &v["place"];
    let title = format!(
        "Location assessment: {} ({})",
        p["name"].as_str().or(p["place_id"].as_str()).unwrap_or("?"),
        p["place_id"].as_str().unwrap_or("?")
    );
    header(&mut o, &title, audience, &v["as_of"]);
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
    tools_section(&mut o, "Disruption tools that apply", &v["tools"]);
    tools_section(
        &mut o,
        "Tools that may apply: check first",
        &v["tools_to_check"],
    );
    tools_section(&mut o, "Would apply, but not available", &v["unavailable"]);
    o.push_str("\n## Offender tools for persons of concern linked here\n\n");
    match v["offender_tools"].as_array().filter(|a| !a.is_empty()) {
        Some(a) => {
            for x in a {
                let _ = writeln!(o, "- {} {}: {} person(s)", t(&x[0]), t(&x[1]), t(&x[2]));
            }
        }
        None => o.push_str("None.\n"),
    }
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
    questions(&mut o, &v["questions"]);
    o
}

/// The peer group assessment.
pub fn group(v: &Value, audience: &str) -> String {
    let mut o = String::new();
    header(
        &mut o,
        &format!(
            "Peer group assessment: {}",
            v["group"].as_str().unwrap_or("?")
        ),
        audience,
        &v["as_of"],
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
        list(&mut o, &v["protective_adults"]);
    }
    for gap in v["gaps"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "- Gap: {}", t(gap));
    }
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
        tools_section(
            &mut o,
            &format!("Location tools at {}", pl[0].as_str().unwrap_or("?")),
            &pl[1],
        );
    }
    o
}

/// The plan review.
pub fn review(v: &Value, audience: &str) -> String {
    let mut o = String::new();
    header(&mut o, "Plan review", audience, &v["as_of"]);
    let b = &v["balance"];
    let _ = writeln!(
        o,
        "{} action(s): {} aimed at offenders, {} at places, {} at the child or family ({:.0}%).\n",
        t(&b["actions"]),
        t(&b["offender"]),
        t(&b["location"]),
        t(&b["victim"]),
        100.0 * b["victim_share"].as_f64().unwrap_or(0.0)
    );
    o.push_str("## Findings\n\n");
    list(&mut o, &v["findings"]);
    o.push_str("\n## Tools that apply to the case but are not in the plan\n\nTools on offenders and places first; measures on the child last.\n\n");
    let unused = v["unused_tools"].as_array().filter(|a| !a.is_empty());
    if unused.is_some() {
        o.push_str("| tool | acts on | lead | applies to |\n|---|---|---|---:|\n");
    } else {
        o.push_str("None.\n");
    }
    for u in unused.into_iter().flatten() {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} |",
            t(&u["id"]),
            t(&u["name"]),
            t(&u["target"]),
            t(&u["lead_agency"]),
            t(&u["applies_to"])
        );
    }
    let _ = writeln!(
        o,
        "\n## Partners\n\n- In the plan: {}\n- Missing: {}",
        listed(&v["plan_agencies"]),
        listed(&v["missing_partners"])
    );
    let _ = writeln!(
        o,
        "\n## Looked-after children\n\n{} in the case; actions aimed at them: {}",
        t(&v["looked_after"]),
        listed(&v["actions_needing_agreement"])
    );
    if let Some(rule) = v["looked_after_rule"].as_str() {
        let _ = writeln!(o, "\n{}.", esc(&upper_first(rule)));
    }
    let r = &v["returns"];
    let _ = writeln!(
        o,
        "\n## After missing episodes\n\n{} return(s) of the case's children recorded; with no same-day contact recorded: {}; with no return home interview recorded within 72 hours: {}.",
        t(&r["returns"]),
        t(&r["without_same_day_contact"]),
        t(&r["without_return_interview"])
    );
    if !withheld(&r["gaps"]) {
        for g in r["gaps"].as_array().into_iter().flatten() {
            let _ = writeln!(o, "- {}", t(g));
        }
    }
    o.push_str("\n## Actions without an outcome measure\n\n");
    if withheld(&v["unmeasured"]) {
        o.push_str("Withheld for this audience.\n");
    } else if v["unmeasured"].as_array().is_some_and(Vec::is_empty) {
        o.push_str("None.\n");
    }
    for u in v["unmeasured"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "- {}: {}", t(&u["action"]), t(&u["why"]));
    }
    questions(&mut o, &serde_json::json!([]));
    o
}

/// A before/after evaluation.
pub fn evaluation(v: &Value, audience: &str) -> String {
    let mut o = String::new();
    header(
        &mut o,
        &format!(
            "Evaluation of action {}",
            v["action"].as_str().unwrap_or("?")
        ),
        audience,
        &v["as_of"],
    );
    let _ = writeln!(
        o,
        "Tool {}, aimed at {} {}; started {}. Before: {} to {}; after: {} to {}.\n",
        t(&v["tool_id"]),
        t(&v["target_type"]),
        if v["place"].is_null() {
            t(&v["person"])
        } else {
            t(&v["place"])
        },
        t(&v["started_on"]),
        t(&v["before"][0]),
        t(&v["before"][1]),
        t(&v["after"][0]),
        t(&v["after"][1])
    );
    o.push_str("| area | what | before | after | weighted before | weighted after | rate ratio (95% interval) |\n|---|---|---:|---:|---:|---:|---|\n");
    for (i, key) in ["target", "buffer", "control"].iter().enumerate() {
        let a = &v[*key];
        let r = &v["rate_ratios"][*key];
        let _ = writeln!(
            o,
            "| {key} | {} | {} | {} | {} | {} | {} ({} to {}) |",
            t(&v["areas"][i]),
            t(&a["before"]),
            t(&a["after"]),
            t(&a["weighted_before"]),
            t(&a["weighted_after"]),
            t(&r["ratio"]),
            t(&r["low"]),
            t(&r["high"])
        );
    }
    let _ = writeln!(
        o,
        "\n**Weighted Displacement Quotient** (raw counts): {} — {}.\n\nOn weighted counts: {} — {}.",
        t(&v["wdq"]["wdq"]),
        t(&v["reading"]),
        t(&v["wdq_weighted"]["wdq"]),
        t(&v["reading_weighted"])
    );
    if let Some(n) = v["notes"].as_array().filter(|a| !a.is_empty()) {
        o.push_str("\nNotes:\n\n");
        for x in n {
            let _ = writeln!(o, "- {}", t(x));
        }
    }
    o
}
