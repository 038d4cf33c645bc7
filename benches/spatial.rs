//! Benchmarks of the location engine on the real West Yorkshire month
//! (`datasets/police-uk`, ~27k located crimes, ~2,000 km²) at 100 m cells:
//! grid + KDE + Gi* + FDR, snapping (R-tree against brute force), each with serial and
//! parallel variants side by side.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use disrupt::ingest::{IngestOptions, load};
use disrupt::model::{Bng, Dataset};
use disrupt::score::{LocationAnalysis, Settings};
use disrupt::spatial::{GiStar, Grid, PlaceIndex, kde, snap};
use std::hint::black_box;

const CELL_M: f64 = 100.0;
const BANDWIDTH_M: f64 = 500.0;
const GI_DISTANCE_M: f64 = 250.0;

fn police_uk() -> Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/police-uk");
    load(&dir, &IngestOptions::default())
        .expect("police-uk")
        .dataset
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool")
}

/// Grid, KDE, Gi* and FDR: the whole grid-statistics stage.
fn grid_stats(points: &[(Bng, f64)]) -> (Vec<f64>, GiStar) {
    let grid = Grid::covering(points.iter().map(|p| p.0), CELL_M, BANDWIDTH_M).expect("grid");
    let mut weight = vec![0.0; grid.len()];
    for (p, w) in points {
        if let Some(c) = grid.cell_of(*p) {
            weight[c] += w;
        }
    }
    let surface = kde(&grid, points, BANDWIDTH_M);
    (surface, GiStar::new(&grid, &weight, GI_DISTANCE_M))
}

fn bench(c: &mut Criterion) {
    let d = police_uk();
    let points: Vec<(Bng, f64)> = d.events.iter().map(|e| (e.location, 1.0)).collect();
    let mut g = c.benchmark_group("police_uk_grid_kde_gi_fdr");
    g.sample_size(10);
    for threads in [1, 2] {
        let p = pool(threads);
        g.bench_with_input(BenchmarkId::new("threads", threads), &points, |b, pts| {
            b.iter(|| p.install(|| black_box(grid_stats(black_box(pts)))))
        });
    }
    g.finish();

    let index = PlaceIndex::new(&d.places);
    let mut g = c.benchmark_group("police_uk_snap_50m");
    g.sample_size(10);
    g.bench_function("rtree", |b| {
        b.iter(|| black_box(snap(black_box(&d.events), &index, 50.0)))
    });
    g.bench_function("brute_force", |b| {
        b.iter(|| {
            let n = d.events.iter().filter(|e| e.place.is_none()).filter(|e| {
                d.places
                    .iter()
                    .any(|p| p.location.distance(&e.location) <= 50.0)
            });
            black_box(n.count())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("police_uk_location_engine");
    g.sample_size(10);
    g.bench_function("all", |b| {
        b.iter(|| {
            black_box(LocationAnalysis::run(black_box(&d), &Settings::default()).expect("runs"))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
