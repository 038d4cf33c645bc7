//! Benchmarks of the space-time analysis: the cube, Gi* per step, Mann–Kendall and the
//! emerging hot spot categories (and the whole `trends` job, place trends included) on
//! the real West Yorkshire month at 250 m cells and 12 steps of 30 days, and on a
//! 1,000,000-event synthetic borough at 100 m cells and 52 weekly steps. Targets (issue
//! #19): under 1 s and under 10 s; `benches/RESULTS.md` has the figures.

use criterion::{Criterion, criterion_group, criterion_main};
use disrupt::ingest::{IngestOptions, load};
use disrupt::model::Dataset;
use disrupt::score::trends::cube;
use disrupt::score::{LocationAnalysis, Settings, TrendAnalysis, TrendSettings};
use disrupt::spatial::EmergingHotSpots;
use disrupt::synth::{Borough, SynthConfig, generate};
use std::hint::black_box;

fn police_uk() -> Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/police-uk");
    load(&dir, &IngestOptions::default())
        .expect("police-uk")
        .dataset
}

fn synthetic(events: usize) -> (tempfile::TempDir, Dataset) {
    let dir = tempfile::tempdir().expect("dir");
    let cfg = SynthConfig {
        children: 5_000,
        events,
        places: 10_000,
        ..SynthConfig::default()
    };
    generate(
        &cfg,
        &Borough::london("Lambeth").expect("Lambeth"),
        dir.path(),
    )
    .expect("synth");
    let d = load(dir.path(), &IngestOptions::default())
        .expect("loads")
        .dataset;
    (dir, d)
}

fn run(c: &mut Criterion, name: &str, d: &Dataset, settings: &Settings, shape: TrendSettings) {
    let la = LocationAnalysis::run(d, settings).expect("location");
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.bench_function("cube_gi_mann_kendall_categories", |b| {
        b.iter(|| {
            let cube = cube(d, &la, shape);
            black_box(EmergingHotSpots::analyse(
                &cube,
                settings.gi_distance(),
                shape.time_neighbours,
                settings.fdr,
            ))
        })
    });
    g.bench_function("whole_trends_job", |b| {
        b.iter(|| black_box(TrendAnalysis::run(d, settings, None, shape).expect("trends")))
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let settings = Settings {
        cell_m: 250.0,
        ..Settings::default()
    };
    let month = TrendSettings {
        steps: 12,
        step_days: 30,
        time_neighbours: 0,
    };
    run(c, "police_uk_250m_12_steps", &police_uk(), &settings, month);

    let (_dir, d) = synthetic(1_000_000);
    let weekly = TrendSettings {
        steps: 52,
        step_days: 7,
        time_neighbours: 0,
    };
    run(
        c,
        "synthetic_1m_100m_52_weeks",
        &d,
        &Settings::default(),
        weekly,
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
