//! `report.html`: one self-contained file, rendered from the report as released for the
//! audience and read back into its typed form ([`super::released::Report`]). It makes no request of any kind — no scripts, fonts, tiles or images from
//! outside, and a Content-Security-Policy that forbids them — because it will be opened
//! on secure networks. Hover details are SVG titles, clicks are links within the page;
//! there is no script at all. Every piece of text is escaped ([`super::escape::html`]).
//! The audience is stamped at the top of every page, on screen and in print.
//!
//! This file holds the page frame (policy, style, banner, summary cards) and the helpers
//! the sections share; each section is drawn in a file of its own.

use super::escape::html as esc;
use super::released::{Cell, Report, read_back};
use crate::privacy::Audience;
use serde_json::Value;
use std::fmt::Write;

mod assessments;
mod map;
mod network;
mod places;
mod review;

use assessments::{assessments, groups};
use map::map;
use network::network;
use places::{premises, top_places};
use review::{quality, review};

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

/// A typed released value as HTML text.
fn c(v: &impl Cell) -> String {
    v.cell(esc)
}

fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Renders the released report, read back into its typed form
/// ([`crate::report::released::Report`]).
///
/// # Errors
/// When the released JSON does not read back into it.
pub fn render(v: &Value, audience: Audience) -> std::io::Result<String> {
    let mut o = String::with_capacity(1 << 20);
    let banner = format!(
        "Audience: {} — {}",
        audience.as_str().to_uppercase(),
        match audience {
            Audience::Partner =>
                "no identities; counts from 1 to 4 shown as <5; for the named partner agencies only",
            Audience::Strategy =>
                "children and peers by initials and pseudonym; for the strategy meeting only",
            Audience::Analyst => "people by pseudonym; for analysts handling this case",
        }
    );
    let r: Report = read_back("report", v)?;
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>disrupt report — {}</title>\n<style>{STYLE}{}</style></head>\n<body>\n<div class=\"banner\">{}</div>\n<main>\n",
        esc(&r.dataset),
        page_rule(&banner),
        esc(&banner)
    );
    let _ = write!(
        o,
        "<h1>Places and networks of concern: {}</h1>\n<p class=\"note\">As of {}. {}. Every score is a sum of named parts traced to records; children are never scored. Lines of enquiry for named practitioners, not automated decisions.</p>\n",
        esc(&r.dataset),
        esc(&r.as_of),
        esc(&r.generated_by)
    );
    let s = &r.summary;
    o.push_str("<div class=\"cards\">");
    for (label, n) in [
        ("events counted", s.events_used),
        ("places", s.places),
        ("people", s.people),
        ("persons of concern ranked", s.persons_of_concern),
        ("peer groups", s.peer_groups),
        ("hot-spot cells (Gi*)", s.hot_cells),
        ("rows rejected", s.rejected),
    ] {
        let _ = write!(o, "<div class=\"card\"><b>{n}</b>{label}</div>");
    }
    o.push_str("</div>\n<nav><p><a href=\"#map\">Map</a><a href=\"#places\">Top places</a><a href=\"#gathering\">Where children gather</a><a href=\"#premises\">Premises types</a><a href=\"#network\">Network</a><a href=\"#assessments\">Assessments</a><a href=\"#groups\">Peer groups</a><a href=\"#review\">Plan review</a><a href=\"#quality\">Data quality</a></p></nav>\n");
    map(&mut o, &r.map);
    top_places(&mut o, &r.top_places);
    super::trends_section::render(&mut o, r.trends.as_ref(), &r.map);
    super::gathering::html(&mut o, &r.gathering);
    premises(&mut o, &r.premises_types);
    network(
        &mut o,
        &r.network,
        r.persons_of_concern.as_deref(),
        &r.groups,
    );
    assessments(&mut o, &r.assessments);
    groups(&mut o, &r.groups);
    review(&mut o, &r.review);
    quality(&mut o, &r.quality);
    let _ = write!(
        o,
        "<p class=\"note\">{}</p>\n</main></body></html>\n",
        esc(&banner)
    );
    Ok(o)
}
