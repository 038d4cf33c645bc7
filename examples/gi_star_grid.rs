//! Dumps the West Yorkshire grid (cell values at 100 m) to JSON and times our Gi* on it,
//! for `benches/compare/gi_star.py`, which runs PySAL esda on the same cells and
//! weights and prints the speed ratio.
//!
//! `cargo run --release --example gi_star_grid -- OUT.json [REPEATS]`

use disrupt::ingest::{IngestOptions, load};
use disrupt::score::{LocationAnalysis, Settings};
use disrupt::spatial::GiStar;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: gi_star_grid OUT.json [REPEATS]"))?;
    let repeats: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/police-uk");
    let d = load(&dir, &IngestOptions::default())?.dataset;
    let settings = Settings::default();
    let la = LocationAnalysis::run(&d, &settings)?;
    let g = la.grid;
    let distance = settings.gi_distance();
    let mut best = f64::INFINITY;
    let mut gi = GiStar::new(&g, &la.cell_weight, distance);
    for _ in 0..repeats {
        let t = Instant::now();
        gi = GiStar::new(&g, &la.cell_weight, distance);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let doc = serde_json::json!({
        "x0": g.origin.easting, "y0": g.origin.northing, "cell": g.cell, "nrows": g.rows, "ncols": g.cols,
        "threshold": distance, "values": la.cell_weight, "z": gi.z, "seconds_best_of": repeats, "seconds": best,
    });
    std::fs::write(&out, serde_json::to_vec(&doc)?)?;
    eprintln!(
        "{} cells ({} × {}), Gi* best of {repeats}: {:.4} s",
        g.len(),
        g.cols,
        g.rows,
        best
    );
    Ok(())
}
