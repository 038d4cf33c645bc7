//! Criterion benches for the stages of `disrupt analyse` not covered by the kernel
//! benches, on one seeded synthetic borough (100,000 events): ingest, the location
//! engine (snap, weigh, grid, KDE, Gi*, scores), the network build (links, shared events,
//! co-presence), peer groups (ten Louvain seeds, one thread against two), the network
//! engine (centralities and person-of-concern scores) and a location assessment.
//! `cargo bench --bench pipeline`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use disrupt::graph::{BetweennessMode, Network, PeerGroups};
use disrupt::ingest::{IngestOptions, load};
use disrupt::score::{LocationAnalysis, NetworkAnalysis, Settings};
use disrupt::synth::{Borough, SynthConfig, generate};
use std::hint::black_box;

/// Events in the synthetic borough.
const EVENTS: usize = 100_000;
/// Its seed.
const SEED_1: u64 = 1;

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let cfg = SynthConfig {
        seed: SEED_1,
        children: EVENTS * 3 / 100,
        events: EVENTS,
        places: EVENTS / 100,
        ..SynthConfig::default()
    };
    generate(
        &cfg,
        &Borough::london("Lambeth").expect("Lambeth"),
        dir.path(),
    )
    .expect("synth");
    let mut g = c.benchmark_group("pipeline_100k_events");
    g.sample_size(10);
    g.bench_function("ingest", |b| {
        b.iter(|| black_box(load(black_box(dir.path()), &IngestOptions::default()).expect("loads")))
    });
    let d = load(dir.path(), &IngestOptions::default())
        .expect("loads")
        .dataset;
    let s = Settings::default();
    g.bench_function("location_engine", |b| {
        b.iter(|| black_box(LocationAnalysis::run(black_box(&d), &s).expect("runs")))
    });
    let la = LocationAnalysis::run(&d, &s).expect("runs");
    g.bench_function("network_build_co_presence", |b| {
        b.iter(|| {
            black_box(Network::build(
                black_box(&d),
                &s.network,
                &la.used,
                &la.snapped.place,
            ))
        })
    });
    let net = Network::build(&d, &s.network, &la.used, &la.snapped.place);
    for threads in [1, 2] {
        let p = pool(threads);
        g.bench_with_input(
            BenchmarkId::new("peer_groups_louvain_x10", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    p.install(|| {
                        black_box(PeerGroups::find(
                            &d,
                            &net.persons,
                            s.network.community_seeds,
                        ))
                    })
                })
            },
        );
    }
    let groups = PeerGroups::find(&d, &net.persons, s.network.community_seeds);
    let hot = la.hotspots(10);
    g.bench_function("network_engine_centralities_and_scores", |b| {
        b.iter(|| {
            black_box(NetworkAnalysis::run(
                &d,
                &s,
                net.clone(),
                groups.clone(),
                BetweennessMode::Auto,
                &hot,
            ))
        })
    });
    let a = disrupt::Analysis::run(&d, &s, None, BetweennessMode::Auto).expect("runs");
    let catalogue = disrupt::toolkit::Catalogue::bundled().expect("catalogue");
    let top = a.location.ranking[0].place;
    g.bench_function("location_assessment_top_place", |b| {
        b.iter(|| {
            black_box(disrupt::assess::assess_place(
                &d, &a, &catalogue, top, 400.0,
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
