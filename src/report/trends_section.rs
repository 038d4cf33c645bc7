//! The report's "Emerging hot spots and rising places" section: a map of each cell's
//! emerging hot spot category with its own legend, and the top places' score trends
//! ("rising", "steady" or "falling", with the Mann–Kendall numbers). Built typed, cut
//! for the audience with the rest of the report, rendered from the released JSON.

use super::escape::html as esc;
use crate::model::{Dataset, PlaceId};
use crate::privacy::{Count, Records};
use crate::report::released::{Cell, MapData, TrendsSection as Released};
use crate::score::TrendAnalysis;
use crate::spatial::Category;
use serde::Serialize;
use std::fmt::Write;

/// One classified cell on the map (cells with no pattern are not drawn).
#[derive(Debug, Clone, Serialize)]
pub struct TrendCell {
    /// Centre, BNG metres.
    pub x: f64,
    /// Centre, BNG metres.
    pub y: f64,
    /// The category.
    pub category: Category,
}

/// One top place's trend.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceTrendRow {
    /// Rank now.
    pub rank: usize,
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Rising, steady or falling.
    pub direction: String,
    /// Mann–Kendall z.
    pub z: f64,
    /// Two-sided p.
    pub p: f64,
    /// Sen's slope, points per step.
    pub slope: f64,
    /// The score per step (withheld for partners: scores rest on small counts).
    pub scores: Records<Vec<f64>>,
}

/// The section's data.
#[derive(Debug, Clone, Serialize)]
pub struct TrendsSection {
    /// Number of steps.
    pub steps: usize,
    /// Days per step.
    pub step_days: u32,
    /// Cells per category (no pattern included).
    pub tally: Vec<(Category, Count)>,
    /// Classified cells.
    pub cells: Vec<TrendCell>,
    /// The top places, in rank order.
    pub places: Vec<PlaceTrendRow>,
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

/// Gathers the section for the places `top` (in rank order, with their ranks).
pub fn trends_section(d: &Dataset, ta: &TrendAnalysis, top: &[(usize, PlaceId)]) -> TrendsSection {
    let g = &ta.cube.grid;
    TrendsSection {
        steps: ta.shape.steps,
        step_days: ta.shape.step_days,
        tally: ta
            .emerging
            .tally()
            .into_iter()
            .map(|(c, n)| (c, Count(n as u64)))
            .collect(),
        cells: ta
            .emerging
            .cells
            .iter()
            .filter(|c| c.category != Category::NoPattern)
            .map(|c| TrendCell {
                x: g.centre(c.cell).easting,
                y: g.centre(c.cell).northing,
                category: c.category,
            })
            .collect(),
        places: top
            .iter()
            .map(|&(rank, id)| {
                let t = ta.places.of(id);
                let p = &d.places[id.index()];
                PlaceTrendRow {
                    rank,
                    place_id: p.key.clone(),
                    name: p.name.clone(),
                    direction: t.direction.to_string(),
                    z: round(t.trend.z, 2),
                    p: round(t.trend.p, 4),
                    slope: round(t.trend.slope, 2),
                    scores: Records(t.scores.iter().map(|s| round(*s, 1)).collect()),
                }
            })
            .collect(),
    }
}

/// Fill colour of a category on the map: reds for hot-spot patterns (darker the more
/// established), blues for cold-spot patterns.
pub fn colour(c: &str) -> &'static str {
    match c {
        "new_hot_spot" => "#fcbba1",
        "consecutive_hot_spot" => "#fc9272",
        "intensifying_hot_spot" => "#a50f15",
        "persistent_hot_spot" => "#de2d26",
        "diminishing_hot_spot" => "#fb6a4a",
        "sporadic_hot_spot" => "#fdd0a2",
        "oscillating_hot_spot" => "#d4a6c8",
        "historical_hot_spot" => "#bdbdbd",
        "new_cold_spot" => "#c6dbef",
        "consecutive_cold_spot" => "#9ecae1",
        "intensifying_cold_spot" => "#08519c",
        "persistent_cold_spot" => "#3182bd",
        "diminishing_cold_spot" => "#6baed6",
        "sporadic_cold_spot" => "#deebf7",
        "oscillating_cold_spot" => "#b3a6d4",
        "historical_cold_spot" => "#969696",
        _ => "#ffffff",
    }
}

/// A number as JSON writes it (shortest round-trip form: `0.4507`, `36.9`, `0.0`), or
/// "—" when there is none.
fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:?}"))
}

/// Renders the released section (nothing when trends were not computed), on the
/// extent of the report's map `m`.
pub fn render(o: &mut String, v: Option<&Released>, m: &MapData) {
    let Some(v) = v else {
        return;
    };
    let _ = write!(
        o,
        "<section id=\"trends\"><h2>Emerging hot spots and rising places</h2>\n<p class=\"note\">{} steps of {} days to the as-of date. Each cell's Gi* per step and the Mann–Kendall trend of its z-scores give its emerging hot spot category (ArcGIS Pro's definitions, in docs/trends.md); each place's hotspot score per step and its own trend say whether it is rising, steady or falling.</p>\n",
        v.steps, v.step_days
    );
    map(o, v, m);
    o.push_str("<table><tr><th>rank</th><th>place</th><th>trend</th><th>Mann–Kendall z</th><th>p</th><th>Sen's slope (points per step)</th><th>score per step, oldest first</th></tr>\n");
    for r in &v.places {
        let series = match &r.scores {
            Some(s) => s
                .iter()
                .map(|x| number(Some(*x)))
                .collect::<Vec<_>>()
                .join(" · "),
            None => "—".to_string(),
        };
        let name = r
            .name
            .as_ref()
            .map_or_else(String::new, |n| format!(" ({})", esc(n)));
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}{name}</td><td><b>{}</b></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{series}</td></tr>",
            r.rank,
            esc(&r.place_id),
            esc(&r.direction),
            number(r.z),
            number(r.p),
            number(r.slope),
        );
    }
    o.push_str("</table>\n<p class=\"note\">Rising or falling: a Mann–Kendall trend significant at p ≤ 0.05; otherwise steady. A dash is a value withheld for this audience.</p></section>\n");
}

/// The map of emerging hot spot categories, with the study area's outline and a
/// legend of the tally.
fn map(o: &mut String, v: &Released, m: &MapData) {
    let (minx, miny) = m.min;
    let (maxx, maxy) = m.max;
    let w = 900.0;
    let scale = w / (maxx - minx).max(1.0);
    let h = ((maxy - miny) * scale).clamp(200.0, 1200.0);
    let scale = scale.min(h / (maxy - miny).max(1.0));
    let cell = m.cell_m * scale;
    let _ = writeln!(
        o,
        "<svg viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"Map of emerging hot spot categories\">"
    );
    for c in &v.cells {
        let cat = c.category.as_str();
        let _ = writeln!(
            o,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{cell:.1}\" height=\"{cell:.1}\" fill=\"{}\"><title>{}</title></rect>",
            (c.x - minx) * scale - cell / 2.0,
            (maxy - c.y) * scale - cell / 2.0,
            colour(cat),
            esc(&cat.replace('_', " "))
        );
    }
    for ring in &m.boundary {
        let pts: Vec<String> = ring
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", (x - minx) * scale, (maxy - y) * scale))
            .collect();
        let _ = writeln!(
            o,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>",
            pts.join(" ")
        );
    }
    o.push_str("</svg>\n<p class=\"legend note\">");
    for (cat, n) in &v.tally {
        if cat == "no_pattern" {
            let _ = write!(o, "<span>no pattern: {} cells</span>", n.cell(esc));
            continue;
        }
        let _ = write!(
            o,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{}: {}</span>",
            colour(cat),
            esc(&cat.replace('_', " ")),
            n.cell(esc)
        );
    }
    o.push_str("</p>\n");
}
