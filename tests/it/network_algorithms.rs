//! Graph kernels against networkx 3.6 on the CAVIAR snapshots, Zachary's karate club and
//! seeded random graphs (fixture made by `tests/fixtures/networkx/make_centrality.py`).

use disrupt::graph::betweenness::betweenness_serial;
use disrupt::graph::{
    Csr, betweenness, core_numbers, eigenvector, louvain_best, modularity, normalise, sampled,
};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Fixture {
    graphs: Vec<Graph>,
}

#[derive(Deserialize)]
struct Graph {
    name: String,
    nodes: Vec<String>,
    edges: Vec<(String, String, f64)>,
    betweenness_raw: BTreeMap<String, f64>,
    betweenness_normalized: BTreeMap<String, f64>,
    eigenvector: Option<BTreeMap<String, f64>>,
    core_number: BTreeMap<String, u32>,
    weighted_degree: BTreeMap<String, f64>,
    louvain: Louvain,
}

#[derive(Deserialize)]
struct Louvain {
    seeds: Vec<u64>,
    best: f64,
    best_unweighted: f64,
}

fn fixture() -> Vec<Graph> {
    let path = crate::support::fixtures().join("networkx/centrality.json");
    let f: Fixture = serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json");
    f.graphs
}

fn csr(g: &Graph, weighted: bool) -> Csr {
    let index: BTreeMap<&str, u32> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let edges: Vec<(u32, u32, f64)> = g
        .edges
        .iter()
        .map(|(a, b, w)| {
            (
                index[a.as_str()],
                index[b.as_str()],
                if weighted { *w } else { 1.0 },
            )
        })
        .collect();
    Csr::from_edges(g.nodes.len(), &edges)
}

#[test]
fn betweenness_matches_networkx_to_1e_9() {
    for g in fixture() {
        let c = csr(&g, false);
        let raw = betweenness(&c);
        let norm = normalise(&raw);
        for (i, node) in g.nodes.iter().enumerate() {
            assert!(
                (raw[i] - g.betweenness_raw[node]).abs() < 1e-9,
                "{} {node}: {} vs {}",
                g.name,
                raw[i],
                g.betweenness_raw[node]
            );
            assert!(
                (norm[i] - g.betweenness_normalized[node]).abs() < 1e-9,
                "{} {node} normalised",
                g.name
            );
        }
    }
}

#[test]
fn caviar_x1_is_the_broker() {
    for g in fixture()
        .into_iter()
        .filter(|g| g.name.starts_with("caviar"))
    {
        let b = betweenness(&csr(&g, false));
        let top = (0..b.len())
            .max_by(|&a, &c| b[a].total_cmp(&b[c]))
            .expect("nodes");
        assert_eq!(g.nodes[top], "X1", "{}", g.name);
    }
}

#[test]
fn parallel_betweenness_equals_serial_and_is_identical_on_any_thread_count() {
    let g = fixture()
        .into_iter()
        .find(|g| g.name == "ba200")
        .expect("ba200");
    let c = csr(&g, false);
    let serial = betweenness_serial(&c);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| betweenness(&c));
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("pool")
        .install(|| betweenness(&c));
    assert_eq!(one, four, "bit-identical whatever the thread count");
    for (a, b) in one.iter().zip(&serial) {
        assert!((a - b).abs() < 1e-9);
    }
}

#[test]
fn sampled_betweenness_is_within_its_stated_bound() {
    for name in ["ba200", "ws120"] {
        let g = fixture()
            .into_iter()
            .find(|g| g.name == name)
            .expect("graph");
        let c = csr(&g, false);
        let exact = normalise(&betweenness(&c));
        let s = sampled(&c, 0.02, 0.1, 7);
        assert!(s.samples > 1000, "{} samples", s.samples);
        let worst = exact
            .iter()
            .zip(&s.normalised)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(
            worst <= s.epsilon,
            "{name}: worst error {worst} > epsilon {}",
            s.epsilon
        );
    }
}

#[test]
fn eigenvector_matches_networkx() {
    for g in fixture() {
        let Some(expected) = &g.eigenvector else {
            continue;
        };
        let e = eigenvector(&csr(&g, false), 1e-15, 100_000);
        assert!(e.converged, "{}", g.name);
        for (i, node) in g.nodes.iter().enumerate() {
            assert!(
                (e.values[i] - expected[node]).abs() < 1e-8,
                "{} {node}: {} vs {}",
                g.name,
                e.values[i],
                expected[node]
            );
        }
    }
}

#[test]
fn core_numbers_and_degrees_match_networkx() {
    for g in fixture() {
        let c = csr(&g, true);
        let cores = core_numbers(&c);
        for (i, node) in g.nodes.iter().enumerate() {
            assert_eq!(cores[i], g.core_number[node], "{} {node}", g.name);
            let wd: f64 = c.weights(i).iter().sum();
            assert!(
                (wd - g.weighted_degree[node]).abs() < 1e-9,
                "{} {node} weighted degree",
                g.name
            );
        }
    }
}

#[test]
fn louvain_modularity_is_at_least_networkx_with_the_same_seed_count() {
    for g in fixture() {
        let seeds = g.louvain.seeds.len() as u64;
        for (weighted, floor) in [(true, g.louvain.best), (false, g.louvain.best_unweighted)] {
            let c = csr(&g, weighted);
            let p = louvain_best(&c, seeds, 1.0);
            assert!((modularity(&c, &p.community, 1.0) - p.modularity).abs() < 1e-12);
            assert!(
                p.modularity >= floor - 1e-9,
                "{} (weighted {weighted}): ours {} < networkx best {floor}",
                g.name,
                p.modularity
            );
        }
    }
}

#[test]
fn sampled_betweenness_is_within_its_bound_on_a_long_path_graph() {
    // A ring lattice of 3,000 nodes (each tied to 2 neighbours on each side) with 30
    // seeded shortcuts: shortest paths run to dozens of steps, so the two halves of each
    // bidirectional search meet deep in the graph.
    use rand::{RngExt, SeedableRng};
    const N: u32 = 3_000;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut edges: Vec<(u32, u32, f64)> = (0..N)
        .flat_map(|v| [(v, (v + 1) % N, 1.0), (v, (v + 2) % N, 1.0)])
        .collect();
    for _ in 0..30 {
        edges.push((rng.random_range(0..N), rng.random_range(0..N), 1.0));
    }
    let g = Csr::from_edges(N as usize, &edges);
    let exact = normalise(&betweenness(&g));
    let s = sampled(&g, 0.01, 0.1, 2026);
    let worst = exact
        .iter()
        .zip(&s.normalised)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    eprintln!(
        "ring lattice: top exact {:.4}, worst error {worst:.4}, epsilon {:.4}",
        exact.iter().copied().fold(0.0, f64::max),
        s.epsilon
    );
    assert!(
        worst <= s.epsilon,
        "worst error {worst} > epsilon {}",
        s.epsilon
    );
    // The estimate is not trivially small: the biggest broker is found as such.
    let top = |v: &[f64]| (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b]));
    let (te, ts) = (
        top(&exact).expect("nodes"),
        top(&s.normalised).expect("nodes"),
    );
    assert!(
        exact[te] - exact[ts] <= 2.0 * s.epsilon,
        "sampled top broker {ts} is far below the exact top {te}"
    );
}
