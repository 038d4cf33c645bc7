//! The map: density and Gi* hot-spot cells, the study area's outline, the top places
//! numbered by rank, a scale bar, a north arrow and the keys to its colours.

use super::{anchor, c, esc};
use crate::report::released::{MapData, MapPlace};
use std::fmt::Write;

/// The map section: cells, the study area's outline, the top places and the keys.
pub(super) fn map(o: &mut String, m: &MapData) {
    o.push_str("<section id=\"map\"><h2 class=\"first\">Map</h2>\n");
    if let Some(area) = &m.area {
        let _ = write!(
            o,
            "<p class=\"note\">Study area: {} (only its cells take part in Gi*; every one is drawn).</p>",
            esc(area)
        );
    }
    let (minx, miny) = m.min;
    let (maxx, maxy) = m.max;
    let w = 900.0;
    let scale = w / (maxx - minx).max(1.0);
    let h = ((maxy - miny) * scale).clamp(200.0, 1200.0);
    let scale = scale.min(h / (maxy - miny).max(1.0));
    let px = |x: f64| (x - minx) * scale;
    let py = |y: f64| (maxy - y) * scale;
    let cell = m.cell_m * scale;
    let _ = writeln!(
        o,
        "<svg viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"Map of density, Gi* hot spots and top places\">"
    );
    for g in &m.cells {
        let (x, y) = (px(g.x) - cell / 2.0, py(g.y) - cell / 2.0);
        let hot = g.hot;
        let fill = if hot {
            hot_fill(g.gi_z.unwrap_or(0.0))
        } else {
            kde_fill(g.kde)
        };
        let _ = writeln!(
            o,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell:.1}\" height=\"{cell:.1}\" fill=\"{fill}\"><title>Gi* z {}{}; density {:.0}% of peak</title></rect>",
            c(&g.gi_z),
            if hot { " (significant hot spot)" } else { "" },
            100.0 * g.kde
        );
    }
    for ring in &m.boundary {
        let pts: Vec<String> = ring
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = writeln!(
            o,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>",
            pts.join(" ")
        );
    }
    for p in &m.places {
        let r = 3.0 + 9.0 * p.size.sqrt();
        let _ = writeln!(
            o,
            "<a href=\"#place-{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#1f3b73\" fill-opacity=\"0.75\" stroke=\"#fff\"><title>#{} {} {} ({}): score {}</title></circle></a>",
            anchor(&p.place_id),
            px(p.x),
            py(p.y),
            p.rank,
            esc(&p.place_id),
            c(&p.name),
            esc(&p.kind),
            c(&p.total)
        );
    }
    rank_labels(o, &m.places, &px, &py);
    scale_bar(o, scale, w, h);
    north_arrow(o, w);
    o.push_str("</svg>\n");
    value_key(o, m.kde_peak);
    o.push_str("</section>\n");
}

/// Rank numbers beside the top places, so a printed map says which is which. A label
/// that would overlap one already placed moves down until it does not, with a leader
/// line back to its place.
fn rank_labels(
    o: &mut String,
    places: &[MapPlace],
    px: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
) {
    const GAP: f64 = 11.0;
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for p in places {
        let (cx, cy) = (px(p.x), py(p.y));
        let r = 3.0 + 9.0 * p.size.sqrt();
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
            p.rank
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
