//! Times exact betweenness on an edge list (`u,v` per line, 0-based) and writes the
//! normalised values, for `benches/compare/betweenness.py`.
//!
//! `cargo run --release --example betweenness_edges -- EDGES.csv OUT.json [REPEATS]`

use disrupt::graph::{Csr, betweenness, normalise};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (edges_path, out) = match (args.next(), args.next()) {
        (Some(e), Some(o)) => (e, o),
        _ => anyhow::bail!("usage: betweenness_edges EDGES.csv OUT.json [REPEATS]"),
    };
    let repeats: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let text = std::fs::read_to_string(&edges_path)?;
    let mut edges = Vec::new();
    let mut n = 0u32;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (a, b) = line
            .split_once(',')
            .ok_or_else(|| anyhow::anyhow!("bad line {line}"))?;
        let (a, b): (u32, u32) = (a.trim().parse()?, b.trim().parse()?);
        n = n.max(a + 1).max(b + 1);
        edges.push((a, b, 1.0));
    }
    let g = Csr::from_edges(n as usize, &edges);
    let mut best = f64::INFINITY;
    let mut b = Vec::new();
    for _ in 0..repeats {
        let t = Instant::now();
        b = betweenness(&g);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let doc = serde_json::json!({"n": n, "m": g.edges(), "seconds": best, "threads": rayon::current_num_threads(), "normalised": normalise(&b)});
    std::fs::write(&out, serde_json::to_vec(&doc)?)?;
    eprintln!(
        "{n} nodes, {} edges: exact betweenness best of {repeats}: {best:.3} s on {} threads",
        g.edges(),
        rayon::current_num_threads()
    );
    Ok(())
}
