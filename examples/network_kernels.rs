//! Times each network kernel on a dataset's person graph, for performance work:
//! `cargo run --release --example network_kernels -- DATA`.

use disrupt::graph::{Network, core_numbers, eigenvector, louvain, sampled};
use disrupt::ingest::{IngestOptions, load};
use disrupt::score::{LocationAnalysis, Settings};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let data = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: network_kernels DATA"))?;
    let d = load(data.as_ref(), &IngestOptions::default())?.dataset;
    let s = Settings::default();
    let la = LocationAnalysis::run(&d, &s)?;
    let g = Network::build(&d, &s.network, &la.used, &la.snapped.place).persons;
    eprintln!("{} nodes, {} edges", g.len(), g.edges());
    let t = Instant::now();
    let b = sampled(&g, s.network.sample_epsilon, s.network.sample_delta, 2026);
    eprintln!(
        "sampled betweenness ({} samples): {:.2} s",
        b.samples,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let p = louvain(&g, 0, 1.0);
    eprintln!(
        "louvain, one seed: {:.2} s, modularity {:.4}, {} communities",
        t.elapsed().as_secs_f64(),
        p.modularity,
        p.count
    );
    let t = Instant::now();
    let e = eigenvector(&g, 1e-12, 10_000);
    eprintln!(
        "eigenvector: {:.2} s, {} iterations, converged {}",
        t.elapsed().as_secs_f64(),
        e.iterations,
        e.converged
    );
    let t = Instant::now();
    let _ = core_numbers(&g);
    eprintln!("k-core: {:.3} s", t.elapsed().as_secs_f64());
    Ok(())
}
