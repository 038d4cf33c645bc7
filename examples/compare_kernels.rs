//! The Rust side of `benches/compare/run.sh`: on a dataset folder, times our snapping of
//! free events to the nearest place (R-tree), the quartic KDE on the grid and Gi* on the
//! grid, and writes the exact inputs and outputs as JSON so the Python stack can run the
//! same work on the same numbers and be checked against them.
//!
//! `cargo run --release --example compare_kernels -- DATA OUT.json [REPEATS]`

use disrupt::ingest::{IngestOptions, load};
use disrupt::model::Bng;
use disrupt::score::{LocationAnalysis, Settings};
use disrupt::spatial::{GiStar, PlaceIndex, kde};
use std::time::Instant;

fn best<T>(repeats: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = f();
    for _ in 0..repeats {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (data, out) = match (args.next(), args.next()) {
        (Some(d), Some(o)) => (d, o),
        _ => anyhow::bail!("usage: compare_kernels DATA OUT.json [REPEATS]"),
    };
    let repeats: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let d = load(data.as_ref(), &IngestOptions::default())?.dataset;
    let settings = Settings::default();
    let la = LocationAnalysis::run(&d, &settings)?;

    // (a) Snapping: every event without a recorded place, to the nearest place within the
    // radius. The index is built inside the timing, as geopandas builds its own.
    let free: Vec<usize> = (0..d.events.len())
        .filter(|&i| d.events[i].place.is_none())
        .collect();
    let radius = settings.snap_m;
    let (t_snap, snapped) = best(repeats, || {
        let index = PlaceIndex::new(&d.places);
        free.iter()
            .map(|&i| index.nearest_within(d.events[i].location, radius))
            .collect::<Vec<_>>()
    });

    // (b) KDE of the weighted events counted by the location engine.
    let points: Vec<(Bng, f64)> = (0..d.events.len())
        .filter(|&i| la.used[i])
        .map(|i| (d.events[i].location, la.weights[i].weight))
        .collect();
    let h = settings.bandwidth();
    let (t_kde, density) = best(repeats, || kde(&la.grid, &points, h));

    // (c) Gi* on the grid's weighted cells, neighbourhoods included.
    let distance = settings.gi_distance();
    let (t_gi, gi) = best(repeats, || GiStar::new(&la.grid, &la.cell_weight, distance));

    let g = &la.grid;
    let doc = serde_json::json!({
        "threads": rayon::current_num_threads(),
        "places": d.places.iter().map(|p| [p.location.easting, p.location.northing]).collect::<Vec<_>>(),
        "place_ids": d.places.iter().map(|p| &p.key).collect::<Vec<_>>(),
        "free_events": free.iter().map(|&i| [d.events[i].location.easting, d.events[i].location.northing]).collect::<Vec<_>>(),
        "snap_radius_m": radius,
        "snapped": snapped.iter().map(|s| s.map(|(p, dist)| (p.index(), dist))).collect::<Vec<_>>(),
        "points": points.iter().map(|(p, w)| [p.easting, p.northing, *w]).collect::<Vec<_>>(),
        "bandwidth_m": h,
        "grid": {"x0": g.origin.easting, "y0": g.origin.northing, "cell": g.cell, "ncols": g.cols, "nrows": g.rows},
        "kde": density,
        "cell_weight": la.cell_weight,
        "gi_distance_m": distance,
        "gi_z": gi.z,
        "seconds": {"snap": t_snap, "kde": t_kde, "gi_star": t_gi},
    });
    std::fs::write(&out, serde_json::to_vec(&doc)?)?;
    eprintln!(
        "{} free events snapped in {t_snap:.4} s; KDE of {} points on {} cells in {t_kde:.4} s; Gi* in {t_gi:.4} s ({} threads)",
        free.len(),
        points.len(),
        g.len(),
        rayon::current_num_threads()
    );
    Ok(())
}
