//! Peer groups by community detection: Louvain (Blondel, Guillaume, Lambiotte & Lefebvre
//! 2008, "Fast unfolding of communities in large networks", J. Stat. Mech. P10008),
//! seeded and deterministic, followed by a refinement that splits any community that is
//! not connected into its connected components — the guarantee Leiden adds (Traag,
//! Waltman & van Eck 2019) — which can only raise modularity. The best of several seeds
//! is kept.

use super::Csr;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use std::collections::BTreeMap;

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community of each node, `0..count`, numbered by size (largest first), ties by
    /// their lowest node.
    pub community: Vec<u32>,
    /// Number of communities.
    pub count: usize,
    /// Weighted modularity (Newman 2004) at resolution `resolution`.
    pub modularity: f64,
    /// The seed that produced it.
    pub seed: u64,
}

/// Weighted modularity of `community` on `g`: `Σ_c [ L_c / m − γ (d_c / 2m)² ]`, L_c the
/// weight inside community c, d_c the summed weighted degrees, m the total weight.
/// Matches networkx `community.modularity(G, parts, weight="weight")`.
pub fn modularity(g: &Csr, community: &[u32], resolution: f64) -> f64 {
    let n = g.len();
    let mut two_m = 0.0;
    let k = (0..n)
        .map(|v| g.weights(v).iter().sum::<f64>())
        .collect::<Vec<_>>();
    let c_max = community
        .iter()
        .copied()
        .max()
        .map_or(0, |c| c as usize + 1);
    let mut inside = vec![0.0; c_max];
    let mut degree = vec![0.0; c_max];
    for v in 0..n {
        two_m += k[v];
        degree[community[v] as usize] += k[v];
        for (&w, &x) in g.neighbours(v).iter().zip(g.weights(v)) {
            if community[w as usize] == community[v] {
                inside[community[v] as usize] += x; // each internal edge seen twice
            }
        }
    }
    if two_m == 0.0 {
        return 0.0;
    }
    (0..c_max)
        .map(|c| inside[c] / two_m - resolution * (degree[c] / two_m).powi(2))
        .sum()
}

/// The best Louvain partition over `seeds` seeds `0..seeds`.
///
/// # Complexity
/// Near-linear per seed in practice (O(m) per local-moving pass); seeds run in parallel.
pub fn louvain_best(g: &Csr, seeds: u64, resolution: f64) -> Partition {
    use rayon::prelude::*;
    // Seeds are independent: run them in parallel, then pick in seed order, so the
    // result is the same on any number of threads.
    let runs: Vec<Partition> = (0..seeds.max(1))
        .into_par_iter()
        .map(|seed| louvain(g, seed, resolution))
        .collect();
    let mut best: Option<Partition> = None;
    for p in runs {
        if best
            .as_ref()
            .is_none_or(|b| p.modularity > b.modularity + 1e-12)
        {
            best = Some(p);
        }
    }
    best.unwrap_or_else(|| louvain(g, 0, resolution))
}

/// One seeded Louvain run with connected-component refinement.
pub fn louvain(g: &Csr, seed: u64, resolution: f64) -> Partition {
    let n = g.len();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    // The current level's graph: weighted adjacency with self-loops (a community's
    // internal weight, each internal edge once).
    let mut adj: Vec<Vec<(usize, f64)>> = (0..n)
        .map(|v| {
            g.neighbours(v)
                .iter()
                .zip(g.weights(v))
                .map(|(&w, &x)| (w as usize, x))
                .collect()
        })
        .collect();
    let mut member: Vec<usize> = (0..n).collect(); // original node -> current-level node
    loop {
        let (assign, moved) = local_moving(&adj, resolution, &mut rng);
        if !moved {
            break;
        }
        // Renumber communities 0..c and aggregate.
        let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
        for &c in &assign {
            let next = ids.len();
            ids.entry(c).or_insert(next);
        }
        let c_count = ids.len();
        let mut agg: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); c_count];
        for (v, edges) in adj.iter().enumerate() {
            let cv = ids[&assign[v]];
            for &(w, x) in edges {
                let cw = ids[&assign[w]];
                // A self-loop is listed once; other edges twice (once from each end).
                let add = if v == w {
                    x
                } else if cv == cw {
                    x / 2.0
                } else {
                    x
                };
                *agg[cv].entry(cw).or_default() += add;
            }
        }
        adj = agg.into_iter().map(|m| m.into_iter().collect()).collect();
        for m in member.iter_mut() {
            *m = ids[&assign[*m]];
        }
        if c_count == assign.len() {
            break;
        }
    }
    let community = refine_connected(g, &member);
    let count = community
        .iter()
        .copied()
        .max()
        .map_or(0, |c| c as usize + 1);
    Partition {
        modularity: modularity(g, &community, resolution),
        community,
        count,
        seed,
    }
}

/// Node strength at a level: a self-loop counts twice, as in the original degrees.
fn strength(edges: &[(usize, f64)], v: usize) -> f64 {
    edges
        .iter()
        .map(|&(w, x)| if w == v { 2.0 * x } else { x })
        .sum()
}

/// Louvain's first phase: move single nodes to the neighbouring community with the best
/// modularity gain until no move helps. Returns each node's community and whether any
/// node moved.
fn local_moving(
    adj: &[Vec<(usize, f64)>],
    resolution: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> (Vec<usize>, bool) {
    let n = adj.len();
    let k: Vec<f64> = (0..n).map(|v| strength(&adj[v], v)).collect();
    let two_m: f64 = k.iter().sum();
    let mut comm: Vec<usize> = (0..n).collect();
    let mut tot: Vec<f64> = k.clone(); // Σ_tot of each community
    if two_m == 0.0 {
        return (comm, false);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut moved_any = false;
    let mut links: BTreeMap<usize, f64> = BTreeMap::new();
    loop {
        let mut moved = false;
        for &v in &order {
            let own = comm[v];
            links.clear();
            for &(w, x) in &adj[v] {
                if w != v {
                    *links.entry(comm[w]).or_default() += x;
                }
            }
            tot[own] -= k[v];
            // Gain of joining c (up to a constant): k_v,in(c) − γ Σ_tot(c) k_v / 2m.
            let gain = |c: usize, kin: f64| kin - resolution * tot[c] * k[v] / two_m;
            let mut best = (own, gain(own, links.get(&own).copied().unwrap_or(0.0)));
            for (&c, &kin) in &links {
                let gc = gain(c, kin);
                if gc > best.1 + 1e-12 {
                    best = (c, gc);
                }
            }
            tot[best.0] += k[v];
            if best.0 != own {
                comm[v] = best.0;
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    (comm, moved_any)
}

/// Splits every community into its connected components (within the community), then
/// numbers communities by size, largest first, ties by lowest node.
fn refine_connected(g: &Csr, member: &[usize]) -> Vec<u32> {
    let n = g.len();
    let mut label = vec![usize::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if label[s] != usize::MAX {
            continue;
        }
        let id = groups.len();
        let mut stack = vec![s];
        let mut nodes = Vec::new();
        label[s] = id;
        while let Some(v) = stack.pop() {
            nodes.push(v);
            for &w in g.neighbours(v) {
                let w = w as usize;
                if label[w] == usize::MAX && member[w] == member[v] {
                    label[w] = id;
                    stack.push(w);
                }
            }
        }
        nodes.sort_unstable();
        groups.push(nodes);
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        groups[b]
            .len()
            .cmp(&groups[a].len())
            .then(groups[a][0].cmp(&groups[b][0]))
    });
    let mut out = vec![0u32; n];
    for (rank, &gi) in order.iter().enumerate() {
        for &v in &groups[gi] {
            out[v] = rank as u32;
        }
    }
    out
}
