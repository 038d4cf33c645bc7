//! `report.html`: one self-contained file, rendered from the report as released for the
//! audience. It makes no request of any kind — no scripts, fonts, tiles or images from
//! outside, and a Content-Security-Policy that forbids them — because it will be opened
//! on secure networks. Hover details are SVG titles, clicks are links within the page;
//! there is no script at all. Every piece of text is escaped ([`super::escape::html`]).
//! The audience is stamped at the top of every page, on screen and in print.

use super::escape::html as esc;
use serde_json::Value;
use std::fmt::Write;

/// The Content-Security-Policy: nothing may be fetched, nothing may run; inline styles
/// and `data:` images only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Printing: A4 landscape, with the audience in the top margin of every page (a page
/// margin box, which nothing on the page can cover; the fixed banner is for the screen).
fn page_rule(banner: &str) -> String {
    let quoted: String = banner
        .chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            '<' => "\\3c ".to_string(),
            c if c.is_control() => " ".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!(
        "@page{{size:A4 landscape;margin:14mm 10mm 12mm;@top-center{{content:\"{quoted}\";color:#8a1c1c;font:600 9pt system-ui,sans-serif}}@bottom-right{{content:\"page \" counter(page) \" of \" counter(pages);font:8pt system-ui,sans-serif;color:#555}}}}"
    )
}

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1f;margin:0;background:#fafafa}
.banner{position:fixed;top:0;left:0;right:0;background:#8a1c1c;color:#fff;padding:4px 16px;font-weight:600;z-index:9;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:40px 20px 40px}
h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin-top:32px;border-bottom:2px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin-bottom:4px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;background:#fff}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:20px}
.bar{display:inline-block;height:10px;vertical-align:middle}
.note{color:#555;font-size:13px}.warn{background:#fff4e5;border-left:4px solid #e08a00;padding:6px 10px;margin:8px 0}
nav a{margin-right:12px}svg{background:#fff;border:1px solid #ddd;max-width:100%;height:auto}
.legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}
section{page-break-inside:auto}
[id]{scroll-margin-top:36px}
@media print{body{background:#fff}main{padding:0;max-width:none}.banner{display:none}h2{margin-top:14px}a{color:inherit;text-decoration:none}svg{max-height:76mm;width:auto}.legend p{margin:2px 0}.cards{gap:4px}.card{padding:2px 8px}.card b{font-size:15px}tr,.card,svg{break-inside:avoid}h2,h3{break-after:avoid}}
"#;

/// Component colours, in [`crate::score::Components::NAMES`] order (Tableau 10).
const COMPONENT_COLOURS: [&str; crate::score::Components::NAMES.len()] = [
    "#4e79a7", "#e15759", "#b07aa1", "#f28e2b", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
    "#76b7b2", "#59a14f",
];

/// A released value as text.
pub(super) fn t(v: &Value) -> String {
    super::escape::value_text(v, esc)
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Renders the released report.
pub fn render(v: &Value, audience: &str) -> String {
    let mut o = String::with_capacity(1 << 20);
    let banner = format!(
        "Audience: {} — {}",
        audience.to_uppercase(),
        match audience {
            "partner" =>
                "no identities; counts from 1 to 4 shown as <5; for the named partner agencies only",
            "strategy" =>
                "children and peers by initials and pseudonym; for the strategy meeting only",
            _ => "people by pseudonym; for analysts handling this case",
        }
    );
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>disrupt report — {}</title>\n<style>{STYLE}{}</style></head>\n<body>\n<div class=\"banner\">{}</div>\n<main>\n",
        t(&v["dataset"]),
        page_rule(&banner),
        esc(&banner)
    );
    let s = &v["summary"];
    let _ = write!(
        o,
        "<h1>Places and networks of concern: {}</h1>\n<p class=\"note\">As of {}. {}. Every score is a sum of named parts traced to records; children are never scored. Lines of enquiry for named practitioners, not automated decisions.</p>\n",
        t(&v["dataset"]),
        t(&v["as_of"]),
        t(&v["generated_by"])
    );
    o.push_str("<div class=\"cards\">");
    for (label, key) in [
        ("events counted", "events_used"),
        ("places", "places"),
        ("people", "people"),
        ("persons of concern ranked", "persons_of_concern"),
        ("peer groups", "peer_groups"),
        ("hot-spot cells (Gi*)", "hot_cells"),
        ("rows rejected", "rejected"),
    ] {
        let _ = write!(o, "<div class=\"card\"><b>{}</b>{label}</div>", t(&s[key]));
    }
    o.push_str("</div>\n<nav><p><a href=\"#map\">Map</a><a href=\"#places\">Top places</a><a href=\"#gathering\">Where children gather</a><a href=\"#premises\">Premises types</a><a href=\"#network\">Network</a><a href=\"#assessments\">Assessments</a><a href=\"#groups\">Peer groups</a><a href=\"#review\">Plan review</a><a href=\"#quality\">Data quality</a></p></nav>\n");
    map(&mut o, &v["map"]);
    top_places(&mut o, &v["top_places"]);
    super::trends_section::render(&mut o, &v["trends"], &v["map"]);
    super::gathering::html(&mut o, &v["gathering"]);
    premises(&mut o, &v["premises_types"]);
    network(
        &mut o,
        &v["network"],
        &v["persons_of_concern"],
        &v["groups"],
    );
    assessments(&mut o, &v["assessments"]);
    groups(&mut o, &v["groups"]);
    review(&mut o, &v["review"]);
    quality(&mut o, &v["quality"]);
    let _ = write!(
        o,
        "<p class=\"note\">{}</p>\n</main></body></html>\n",
        esc(&banner)
    );
    o
}

fn map(o: &mut String, m: &Value) {
    o.push_str("<section id=\"map\"><h2 class=\"first\">Map</h2>\n");
    if !m["area"].is_null() {
        let _ = write!(
            o,
            "<p class=\"note\">Study area: {} (only its cells take part in Gi*; every one is drawn).</p>",
            t(&m["area"])
        );
    }
    let (minx, miny) = (num(&m["min"][0]), num(&m["min"][1]));
    let (maxx, maxy) = (num(&m["max"][0]), num(&m["max"][1]));
    let w = 900.0;
    let scale = w / (maxx - minx).max(1.0);
    let h = ((maxy - miny) * scale).clamp(200.0, 1200.0);
    let scale = scale.min(h / (maxy - miny).max(1.0));
    let px = |x: f64| (x - minx) * scale;
    let py = |y: f64| (maxy - y) * scale;
    let cell = num(&m["cell_m"]) * scale;
    let _ = writeln!(
        o,
        "<svg viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"Map of density, Gi* hot spots and top places\">"
    );
    for c in m["cells"].as_array().into_iter().flatten() {
        let (x, y) = (px(num(&c["x"])) - cell / 2.0, py(num(&c["y"])) - cell / 2.0);
        let hot = c["hot"].as_bool() == Some(true);
        let fill = if hot {
            hot_fill(num(&c["gi_z"]))
        } else {
            kde_fill(num(&c["kde"]))
        };
        let _ = writeln!(
            o,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell:.1}\" height=\"{cell:.1}\" fill=\"{fill}\"><title>Gi* z {}{}; density {:.0}% of peak</title></rect>",
            t(&c["gi_z"]),
            if hot { " (significant hot spot)" } else { "" },
            100.0 * num(&c["kde"])
        );
    }
    for ring in m["boundary"].as_array().into_iter().flatten() {
        let pts: Vec<String> = ring
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| format!("{:.1},{:.1}", px(num(&p[0])), py(num(&p[1]))))
            .collect();
        let _ = writeln!(
            o,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>",
            pts.join(" ")
        );
    }
    let places: Vec<&Value> = m["places"].as_array().into_iter().flatten().collect();
    for p in &places {
        let r = 3.0 + 9.0 * num(&p["size"]).sqrt();
        let id = p["place_id"].as_str().unwrap_or("");
        let _ = writeln!(
            o,
            "<a href=\"#place-{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#1f3b73\" fill-opacity=\"0.75\" stroke=\"#fff\"><title>#{} {} {} ({}): score {}</title></circle></a>",
            anchor(id),
            px(num(&p["x"])),
            py(num(&p["y"])),
            t(&p["rank"]),
            t(&p["place_id"]),
            t(&p["name"]),
            t(&p["kind"]),
            t(&p["total"])
        );
    }
    rank_labels(o, &places, &px, &py);
    scale_bar(o, scale, w, h);
    north_arrow(o, w);
    o.push_str("</svg>\n");
    value_key(o, num(&m["kde_peak"]));
    o.push_str("</section>\n");
}

/// Rank numbers beside the top places, so a printed map says which is which. A label
/// that would overlap one already placed moves down until it does not, with a leader
/// line back to its place.
fn rank_labels(
    o: &mut String,
    places: &[&Value],
    px: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
) {
    const GAP: f64 = 11.0;
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for p in places {
        let (cx, cy) = (px(num(&p["x"])), py(num(&p["y"])));
        let r = 3.0 + 9.0 * num(&p["size"]).sqrt();
        let (lx, mut ly) = (cx + r + 2.0, cy + 4.0);
        while placed
            .iter()
            .any(|&(x, y)| (x - lx).abs() < 16.0 && (y - ly).abs() < GAP)
        {
            ly += GAP;
        }
        placed.push((lx, ly));
        if (ly - cy - 4.0).abs() > 0.5 {
            let _ = writeln!(
                o,
                "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{lx:.1}\" y2=\"{:.1}\" stroke=\"#1f3b73\" stroke-width=\"0.6\"/>",
                ly - 4.0
            );
        }
        let _ = writeln!(
            o,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"10\" font-weight=\"700\" fill=\"#1f3b73\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">{}</text>",
            t(&p["rank"])
        );
    }
}

/// A scale bar in the lower right: the roundest length near a fifth of the map's width.
fn scale_bar(o: &mut String, px_per_m: f64, w: f64, h: f64) {
    let target = 180.0 / px_per_m.max(1e-9);
    let metres = [
        100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10_000.0, 20_000.0, 50_000.0,
    ]
    .into_iter()
    .min_by(|a, b| (a - target).abs().total_cmp(&(b - target).abs()))
    .unwrap_or(1000.0);
    let len = metres * px_per_m;
    // Lower right, where a borough's outline rarely reaches the frame.
    let (x, y) = (w - len - 40.0, h - 18.0);
    let label = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    let _ = writeln!(
        o,
        "<g aria-label=\"scale bar\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"22\" fill=\"#fff\" fill-opacity=\"0.8\"/><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"5\" fill=\"#333\"/><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"5\" fill=\"#fff\" stroke=\"#333\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">0</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{label}</text></g>",
        x - 6.0,
        y - 14.0,
        len + 46.0,
        len,
        len / 2.0,
        x - 3.0,
        y - 3.0,
        x + len - 3.0,
        y - 3.0,
    );
}

/// A north arrow in the upper right. The map is drawn on the British National Grid, so
/// up is grid north (within a degree or so of true north across Great Britain).
fn north_arrow(o: &mut String, w: f64) {
    let (x, y) = (w - 24.0, 14.0);
    let _ = writeln!(
        o,
        "<g aria-label=\"north arrow\"><polygon points=\"{x:.1},{y:.1} {:.1},{:.1} {x:.1},{:.1} {:.1},{:.1}\" fill=\"#333\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\">N</text><title>Grid north (British National Grid)</title></g>",
        x + 7.0,
        y + 22.0,
        y + 16.0,
        x - 7.0,
        y + 22.0,
        y + 34.0
    );
}

/// The keys: kernel density as a share of the peak (with the peak in its units) and
/// Gi* z for the significant cells, drawn with the map's own colours.
fn value_key(o: &mut String, kde_peak: f64) {
    o.push_str("<div class=\"legend note\"><p><b>Kernel density</b> (weighted events per km², share of the peak): ");
    for share in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let _ = write!(
            o,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{:.0}% ({:.0})</span>",
            kde_fill(share),
            share * 100.0,
            share * kde_peak
        );
    }
    o.push_str("</p><p><b>Gi* hot spot</b> (significant after false-discovery control; z-score): ");
    for z in [2.0, 4.0, 6.0, 8.0, 10.0] {
        let _ = write!(
            o,
            "<span><i class=\"sw\" style=\"background:{}\"></i>z {}{z:.0}</span>",
            hot_fill(z),
            if z >= 10.0 { "≥ " } else { "" }
        );
    }
    o.push_str("</p><p><span><i class=\"sw\" style=\"background:#1f3b73;border-radius:6px\"></i>top places, sized by score and numbered by rank (hover for details, click for the row)</span></p></div>");
}

fn kde_fill(share: f64) -> String {
    format!("rgba(240,150,40,{:.2})", 0.08 + 0.4 * share)
}

fn hot_fill(z: f64) -> String {
    format!(
        "rgba(200,30,30,{:.2})",
        0.35 + 0.55 * z.clamp(0.0, 10.0) / 10.0
    )
}

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

fn top_places(o: &mut String, rows: &Value) {
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

fn premises(o: &mut String, rows: &Value) {
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

/// The network section: the peer groups, the diagram of their people, and the persons
/// of concern.
fn network(o: &mut String, n: &Value, pocs: &Value, assessed: &Value) {
    group_rows(o, n, assessed);
    let people = &n["people"];
    if people.is_null() {
        o.push_str("<p class=\"note\">The diagram of people is not shown to this audience.</p>");
    } else {
        people_diagram(o, people);
    }
    if !pocs.is_null() {
        pocs_table(o, pocs);
    }
    o.push_str("</section>\n");
}

/// The section's heading and the table of peer groups, each linked to its assessment
/// when it has one.
fn group_rows(o: &mut String, n: &Value, assessed: &Value) {
    // Only the assessed groups have a section to link to.
    let has_section = |id: &str| {
        assessed
            .as_array()
            .into_iter()
            .flatten()
            .any(|g| g["group"].as_str() == Some(id))
    };
    let _ = write!(
        o,
        "<section id=\"network\"><h2>Peer groups and the persons of concern around them</h2>\n<p class=\"note\">Peer groups by Louvain community detection (modularity {}); betweenness {}.</p>\n<table><tr><th>group</th><th>members</th><th>children</th><th>persons of concern in or tied to it</th></tr>\n",
        t(&n["modularity"]),
        t(&n["betweenness"])
    );
    for g in n["groups"].as_array().into_iter().flatten() {
        let id = g["id"].as_str().unwrap_or("");
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            if has_section(id) {
                format!("<a href=\"#group-{}\">{}</a>", anchor(id), t(&g["id"]))
            } else {
                t(&g["id"])
            },
            t(&g["members"]),
            t(&g["children"]),
            t(&g["persons_of_concern"])
        );
    }
    o.push_str("</table>\n");
}

/// Where a diagram coordinate in `[0, 1]` is drawn, across and down.
const DIAGRAM_SIZE: (f64, f64) = (900.0, 620.0);

/// A diagram coordinate across, with room on the right for the labels of persons of
/// concern.
fn diagram_x(x: f64) -> f64 {
    10.0 + x * (DIAGRAM_SIZE.0 - 150.0)
}

/// A diagram coordinate down.
fn diagram_y(y: f64) -> f64 {
    10.0 + y * (DIAGRAM_SIZE.1 - 20.0)
}

/// The diagram of people: ties, then people coloured by role, then the legend and how
/// many were left out.
fn people_diagram(o: &mut String, people: &Value) {
    let (w, h) = DIAGRAM_SIZE;
    let nodes = people["nodes"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(
        o,
        "<svg viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"Network diagram\">"
    );
    diagram_ties(o, people, &nodes);
    diagram_people(o, &nodes);
    o.push_str("</svg>\n<p class=\"legend note\"><span><i class=\"sw\" style=\"background:#c0392b;border-radius:6px\"></i>person of concern (numbered by rank, as in the persons-of-concern table)</span><span><i class=\"sw\" style=\"background:#2e86c1;border-radius:6px\"></i>child</span><span><i class=\"sw\" style=\"background:#7fb3d5;border-radius:6px\"></i>peer</span> Hover a point for who it is; the layout is computed, not geographic.</p>\n");
    if num(&people["left_out"]) > 0.0 {
        let _ = writeln!(
            o,
            "<p class=\"note\">{} more members of these groups are not drawn (at most 50 a group: persons of concern, then children, then peers); all are in people.csv and groups.csv.</p>",
            t(&people["left_out"])
        );
    }
}

/// The ties between drawn people, thicker the heavier.
fn diagram_ties(o: &mut String, people: &Value, nodes: &[Value]) {
    let (sx, sy) = (diagram_x, diagram_y);
    for e in people["edges"].as_array().into_iter().flatten() {
        let (a, b) = (
            e[0].as_u64().unwrap_or(0) as usize,
            e[1].as_u64().unwrap_or(0) as usize,
        );
        if let (Some(na), Some(nb)) = (nodes.get(a), nodes.get(b)) {
            let _ = writeln!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\" stroke-width=\"{:.1}\" stroke-opacity=\"0.6\"/>",
                sx(num(&na["x"])),
                sy(num(&na["y"])),
                sx(num(&nb["x"])),
                sy(num(&nb["y"])),
                (0.5 + num(&e[2]) * 0.5).min(3.0)
            );
        }
    }
}

/// The drawn people, coloured by role, with who they are on hover; persons of concern
/// labelled.
fn diagram_people(o: &mut String, nodes: &[Value]) {
    let (sx, sy) = (diagram_x, diagram_y);
    for nd in nodes {
        let role = nd["role"].as_str().unwrap_or("");
        let (fill, r) = match role {
            "perpetrator" => ("#c0392b", 7.0),
            "child" => ("#2e86c1", 5.0),
            _ => ("#7fb3d5", 4.0),
        };
        let (x, y) = (sx(num(&nd["x"])), sy(num(&nd["y"])));
        let label = t(&nd["person"]);
        let _ = writeln!(
            o,
            "<g><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{fill}\" stroke=\"#fff\"><title>{label} — {} in {}{}</title></circle>{}</g>",
            esc(role),
            t(&nd["group"]),
            if nd["rank"].is_null() {
                String::new()
            } else {
                format!(", rank {}", t(&nd["rank"]))
            },
            // Listed persons of concern carry their rank, as in the table below: a
            // number stays legible where pseudonyms would pile up.
            if role == "perpetrator" && !nd["rank"].is_null() {
                format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" font-weight=\"600\" fill=\"#333\">{}</text>",
                    x + 8.0,
                    y + 3.0,
                    t(&nd["rank"])
                )
            } else {
                String::new()
            }
        );
    }
}

/// The persons of concern: rank, score, leading components, how much rests on one
/// source, and whether they may also be exploited.
fn pocs_table(o: &mut String, pocs: &Value) {
    o.push_str("<h3>Persons of concern</h3>\n<table><tr><th>rank</th><th>person</th><th>connection score</th><th>leading components</th><th>evidence from one source</th><th>may also be exploited</th></tr>\n");
    for p in pocs.as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{:.0}%</td><td>{}</td></tr>",
            t(&p["rank"]),
            t(&p["person"]),
            t(&p["total"]),
            t(&p["leading"]),
            100.0 * num(&p["top_source_share"]),
            if p["may_also_be_exploited"].as_bool() == Some(true) {
                "yes: under 18"
            } else {
                "no"
            }
        );
    }
    o.push_str("</table>\n");
}

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

fn assessments(o: &mut String, list: &Value) {
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

fn groups(o: &mut String, list: &Value) {
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

fn review(o: &mut String, r: &Value) {
    let b = &r["balance"];
    let _ = write!(
        o,
        "<section id=\"review\"><h2>Plan review</h2>\n<p>{} action(s): {} on offenders, {} on places, {} on the child or family ({:.0}%).</p>\n",
        t(&b["actions"]),
        t(&b["offender"]),
        t(&b["location"]),
        t(&b["victim"]),
        100.0 * num(&b["victim_share"])
    );
    for f in r["findings"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "<div class=\"warn\">{}</div>", t(f));
    }
    o.push_str("<table><tr><th>tool not in the plan</th><th>acts on</th><th>lead</th><th>applies to</th></tr>\n");
    for u in r["unused_tools"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            t(&u["id"]),
            t(&u["name"]),
            t(&u["target"]),
            t(&u["lead_agency"]),
            t(&u["applies_to"])
        );
    }
    let rule = r["looked_after_rule"]
        .as_str()
        .map(|x| format!(" ({})", esc(x)))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "</table>\n<p>Partners missing: {}. Looked-after children in the case: {}{rule}.</p>\n<p>Returns from missing episodes: {}; with no same-day contact recorded: {}; with no return home interview within 72 hours: {}.</p>\n</section>",
        t(&r["missing_partners"]),
        t(&r["looked_after"]),
        t(&r["returns"]["returns"]),
        t(&r["returns"]["without_same_day_contact"]),
        t(&r["returns"]["without_return_interview"])
    );
}

fn quality(o: &mut String, q: &Value) {
    o.push_str("<section id=\"quality\"><h2>Data quality</h2>\n<ul>");
    for n in q["notes"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "<li>{}</li>", t(n));
    }
    for r in q["rejected"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "<li>{}: {} row(s) rejected, mostly \"{}\"</li>",
            t(&r[0]),
            t(&r[1]),
            t(&r[2])
        );
    }
    let _ = writeln!(
        o,
        "<li>Left out as past their review date: {} event(s), {} link(s).</li><li>Handling-code C records left out of this run: {}.</li><li>Busy places where co-presence was not inferred: {}.</li><li>Persons of concern whose evidence rests 80% or more on one source system: {} (a data-source bias warning).</li>",
        t(&q["expired_events"]),
        t(&q["expired_links"]),
        t(&q["handling_c"]),
        if q["capped_places"].as_array().is_some_and(|a| !a.is_empty()) {
            t(&q["capped_places"])
        } else {
            "none".into()
        },
        t(&q["single_source"])
    );
    o.push_str("</ul>\n<h3>Disproportionality</h3>\n");
    let dp = &q["disproportionality"];
    match dp["flags"].as_array().filter(|a| !a.is_empty()) {
        Some(flags) => {
            for f in flags {
                let _ = writeln!(o, "<div class=\"warn\">{}</div>", t(f));
            }
        }
        None => {
            let _ = writeln!(
                o,
                "<p>No share of the top persons of concern or of the network differs from the population by a ratio of 1.25 or more (or 0.8 or less) on {}.</p>",
                if dp["attributes_recorded"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
                {
                    t(&dp["attributes_recorded"])
                } else {
                    "any recorded attribute (none recorded)".into()
                }
            );
        }
    }
    o.push_str("</section>\n");
}
