//! Benchmarks of the network kernels on a Barabási–Albert graph (m = 3) built here with a
//! named seed: exact betweenness serial against parallel, sampled betweenness, Louvain,
//! eigenvector and k-core.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use disrupt::graph::betweenness::betweenness_serial;
use disrupt::graph::{Csr, betweenness, core_numbers, eigenvector, louvain, sampled};
use rand::{RngExt, SeedableRng};
use std::hint::black_box;

const SEED_1: u64 = 1;
const SIZES: [usize; 2] = [2_000, 5_000];

/// Preferential attachment: each new node links to `m` distinct earlier nodes chosen in
/// proportion to degree (Barabási & Albert 1999).
fn barabasi_albert(n: usize, m: usize, seed: u64) -> Csr {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut ends: Vec<u32> = Vec::new();
    let mut edges = Vec::new();
    for v in m..n {
        let mut chosen = std::collections::BTreeSet::new();
        while chosen.len() < m {
            let t = if ends.is_empty() {
                rng.random_range(0..m as u32)
            } else {
                ends[rng.random_range(0..ends.len())]
            };
            chosen.insert(t);
        }
        for t in chosen {
            edges.push((v as u32, t, 1.0));
            ends.push(v as u32);
            ends.push(t);
        }
    }
    Csr::from_edges(n, &edges)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("betweenness_exact");
    g.sample_size(10);
    for n in SIZES {
        let graph = barabasi_albert(n, 3, SEED_1);
        g.bench_with_input(BenchmarkId::new("serial", n), &graph, |b, x| {
            b.iter(|| black_box(betweenness_serial(black_box(x))))
        });
        g.bench_with_input(BenchmarkId::new("parallel", n), &graph, |b, x| {
            b.iter(|| black_box(betweenness(black_box(x))))
        });
    }
    g.finish();
    let graph = barabasi_albert(5_000, 3, SEED_1);
    let mut g = c.benchmark_group("kernels_ba5000");
    g.sample_size(10);
    g.bench_function("betweenness_sampled_eps0.01", |b| {
        b.iter(|| black_box(sampled(black_box(&graph), 0.01, 0.1, SEED_1)))
    });
    g.bench_function("louvain_one_seed", |b| {
        b.iter(|| black_box(louvain(black_box(&graph), SEED_1, 1.0)))
    });
    g.bench_function("eigenvector", |b| {
        b.iter(|| black_box(eigenvector(black_box(&graph), 1e-12, 10_000)))
    });
    g.bench_function("core_numbers", |b| {
        b.iter(|| black_box(core_numbers(black_box(&graph))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
