//! Peer groups by community detection: Louvain (Blondel, Guillaume, Lambiotte & Lefebvre
//! 2008, "Fast unfolding of communities in large networks", J. Stat. Mech. P10008),
//! seeded and deterministic, followed by a refinement that splits any community that is
//! not connected into its connected components — the guarantee Leiden adds (Traag,
//! Waltman & van Eck 2019) — which can only raise modularity. The best of several seeds
//! is kept.

use super::Csr;
use rand::SeedableRng;
use rand::seq::SliceRandom;

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

/// Rounds of Louvain from the previous round's partition, at most (see [`louvain`]).
const MAX_ROUNDS: usize = 8;

/// One seeded Louvain run with connected-component refinement.
///
/// Louvain's levels are repeated from the partition the last round ended with (its nodes
/// may leave their communities again at the first level) until a round no longer raises
/// modularity, at most [`MAX_ROUNDS`] rounds — the iteration Traag, Waltman & van Eck
/// (2019) recommend; each round can only keep or raise modularity.
pub fn louvain(g: &Csr, seed: u64, resolution: f64) -> Partition {
    let n = g.len();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let adj: Vec<Vec<(usize, f64)>> = (0..n)
        .map(|v| {
            g.neighbours(v)
                .iter()
                .zip(g.weights(v))
                .map(|(&w, &x)| (w as usize, x))
                .collect()
        })
        .collect();
    let to_u32 = |m: &[usize]| m.iter().map(|&c| c as u32).collect::<Vec<_>>();
    let mut member: Vec<usize> = (0..n).collect();
    let mut q = modularity(g, &to_u32(&member), resolution);
    for _ in 0..MAX_ROUNDS {
        let next = levels(adj.clone(), member.clone(), resolution, &mut rng);
        let next_q = modularity(g, &to_u32(&next), resolution);
        if next_q <= q + 1e-12 {
            break;
        }
        (member, q) = (next, next_q);
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

/// Louvain's levels on `adj` (weighted adjacency, self-loops for a community's internal
/// weight, each internal edge once), the first level starting from the communities
/// `start`: local moving, then aggregation of each community into one node, until a
/// level moves nothing. Returns each original node's community.
fn levels(
    mut adj: Vec<Vec<(usize, f64)>>,
    start: Vec<usize>,
    resolution: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> Vec<usize> {
    let mut member: Vec<usize> = (0..adj.len()).collect(); // original node -> current-level node
    let mut start = Some(start);
    loop {
        let (assign, moved) = local_moving(&adj, start.take(), resolution, rng);
        if !moved {
            // Nothing moved: `assign` is this level's starting partition (the given one at
            // the first level, each node alone after).
            for m in member.iter_mut() {
                *m = assign[*m];
            }
            break;
        }
        // Renumber communities 0..c in order of first appearance, and aggregate: one
        // node per community, edge weights summed (dense accumulator per community, its
        // neighbours listed in ascending order).
        let mut id = vec![usize::MAX; assign.len()];
        let mut c_count = 0;
        for &c in &assign {
            if id[c] == usize::MAX {
                id[c] = c_count;
                c_count += 1;
            }
        }
        let mut nodes_of: Vec<Vec<usize>> = vec![Vec::new(); c_count];
        for (v, &c) in assign.iter().enumerate() {
            nodes_of[id[c]].push(v);
        }
        let mut acc = vec![0.0f64; c_count];
        let mut seen = vec![false; c_count];
        let mut touched: Vec<usize> = Vec::new();
        let mut agg: Vec<Vec<(usize, f64)>> = Vec::with_capacity(c_count);
        for (cv, nodes) in nodes_of.iter().enumerate() {
            for &v in nodes {
                for &(w, x) in &adj[v] {
                    let cw = id[assign[w]];
                    // A self-loop is listed once; other edges twice (once from each end).
                    let add = if v == w {
                        x
                    } else if cv == cw {
                        x / 2.0
                    } else {
                        x
                    };
                    if !seen[cw] {
                        seen[cw] = true;
                        touched.push(cw);
                    }
                    acc[cw] += add;
                }
            }
            touched.sort_unstable();
            agg.push(touched.iter().map(|&c| (c, acc[c])).collect());
            for &c in &touched {
                acc[c] = 0.0;
                seen[c] = false;
            }
            touched.clear();
        }
        adj = agg;
        for m in member.iter_mut() {
            *m = id[assign[*m]];
        }
        if c_count == assign.len() {
            break;
        }
    }
    member
}

/// Node strength at a level: a self-loop counts twice, as in the original degrees.
fn strength(edges: &[(usize, f64)], v: usize) -> f64 {
    edges
        .iter()
        .map(|&(w, x)| if w == v { 2.0 * x } else { x })
        .sum()
}

/// Louvain's first phase: move single nodes to the neighbouring community with the best
/// modularity gain until no move helps, from the communities `start` (each node alone
/// when `None`). Returns each node's community and whether any node moved.
///
/// Nodes are swept in a seeded random order; after the first sweep only nodes next to a
/// node that moved are looked at again, until a sweep moves none. A node not looked at
/// could in principle gain from a move made elsewhere (its gain also depends on the
/// totals of communities it does not touch); [`louvain`]'s repeated rounds pick those up.
/// On large sparse graphs this visits far fewer nodes than sweeping all of them.
fn local_moving(
    adj: &[Vec<(usize, f64)>],
    start: Option<Vec<usize>>,
    resolution: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> (Vec<usize>, bool) {
    let n = adj.len();
    let k: Vec<f64> = (0..n).map(|v| strength(&adj[v], v)).collect();
    let two_m: f64 = k.iter().sum();
    let mut comm: Vec<usize> = start.unwrap_or_else(|| (0..n).collect());
    let mut tot: Vec<f64> = vec![0.0; n]; // Σ_tot of each community
    for v in 0..n {
        tot[comm[v]] += k[v];
    }
    if two_m == 0.0 {
        return (comm, false);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    // Only nodes whose neighbourhood changed since they were last looked at are looked at
    // again ("pruning", Ozaki, Tezuka & Inaba 2016).
    let mut dirty = vec![true; n];
    let mut moved_any = false;
    // k_v,in(c) for the communities around v: a dense array indexed by community, and
    // the list of those touched (sorted before use, so ties are broken in community
    // order as a sorted map would), reset after each node.
    let mut kin: Vec<f64> = vec![0.0; n];
    let mut seen: Vec<bool> = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    loop {
        let mut moved = false;
        for &v in &order {
            if !dirty[v] {
                continue;
            }
            dirty[v] = false;
            let own = comm[v];
            for &(w, x) in &adj[v] {
                if w != v {
                    let c = comm[w];
                    if !seen[c] {
                        seen[c] = true;
                        touched.push(c);
                    }
                    kin[c] += x;
                }
            }
            touched.sort_unstable();
            tot[own] -= k[v];
            // Gain of joining c (up to a constant): k_v,in(c) − γ Σ_tot(c) k_v / 2m.
            let gain = |c: usize, kin: f64| kin - resolution * tot[c] * k[v] / two_m;
            let mut best = (own, gain(own, kin[own]));
            for &c in &touched {
                let gc = gain(c, kin[c]);
                if gc > best.1 + 1e-12 {
                    best = (c, gc);
                }
            }
            for &c in &touched {
                kin[c] = 0.0;
                seen[c] = false;
            }
            touched.clear();
            tot[best.0] += k[v];
            if best.0 != own {
                comm[v] = best.0;
                moved = true;
                moved_any = true;
                for &(w, _) in &adj[v] {
                    if comm[w] != best.0 {
                        dirty[w] = true;
                    }
                }
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
