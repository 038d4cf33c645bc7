//! Betweenness centrality: exact (Brandes 2001, "A faster algorithm for betweenness
//! centrality", J. Math. Sociol. 25) and sampled with a stated error bound (Riondato &
//! Kornaropoulos 2016, "Fast approximation of betweenness centrality through sampling",
//! Data Min. Knowl. Disc. 30).
//!
//! Unweighted shortest paths: a tie's strength is not a distance, and brokerage in a
//! safeguarding network is about who lies between whom, not how often they talk.

use super::Csr;
use rayon::prelude::*;
use std::collections::VecDeque;

/// The per-node state of a single-source pass, kept together so a visit to a
/// neighbour touches one cache line.
///
/// `val` holds σ (the number of shortest paths from the source) during the forward pass,
/// and is overwritten with `(1 + δ) / σ` once the node's dependency δ is final in the
/// backward pass: a node's σ is read only by itself there, and its successors' values
/// are final before it is reached, so one field serves both (16 bytes a node).
#[derive(Clone, Copy)]
struct NodeState {
    /// σ, then (1 + δ)/σ -- a predecessor pulls its own δ from its successors:
    /// δ(v) = σ(v) Σ_{w: d(w) = d(v) + 1} (1 + δ(w)) / σ(w).
    val: f64,
    /// d -- distance from the source (−1: not reached).
    dist: i32,
}

const UNREACHED: NodeState = NodeState { val: 0.0, dist: -1 };

/// Per-thread working memory for one single-source pass, reused across sources.
struct Scratch {
    /// S -- nodes in order of non-decreasing distance from the source; it is also the
    /// BFS queue (the unread tail).
    stack: Vec<u32>,
    /// σ (then (1 + δ)/σ) and d of each node.
    node: Vec<NodeState>,
    /// The shortest-path DAG, grouped by tail in BFS order: the successors of `stack[i]`
    /// are `succ[succ_start[i]..succ_start[i + 1]]`. Recording them in the forward pass
    /// lets the backward pass sum over exactly them, with no distance tests.
    succ: Vec<u32>,
    succ_start: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            stack: Vec::with_capacity(n),
            node: vec![UNREACHED; n],
            succ: Vec::new(),
            succ_start: Vec::with_capacity(n + 1),
        }
    }

    /// BFS from `s`: distances, shortest-path counts, and the nodes in order of distance.
    /// Only the nodes the previous pass reached are reset, so a pass costs what it visits.
    fn shortest_paths(&mut self, g: &Csr, s: usize) {
        self.shortest_paths_to(g, s, usize::MAX);
    }

    /// As [`Scratch::shortest_paths`], but stops once `target`'s level is complete: when
    /// the next node to expand is as far as the target, every predecessor of the target
    /// has been expanded, so its path count and all paths to it are final.
    fn shortest_paths_to(&mut self, g: &Csr, s: usize, target: usize) {
        for &v in &self.stack {
            self.node[v as usize] = UNREACHED;
        }
        self.stack.clear();
        self.succ.clear();
        self.succ_start.clear();
        self.node[s] = NodeState { val: 1.0, dist: 0 };
        self.stack.push(s as u32);
        let mut head = 0;
        while head < self.stack.len() {
            let v = self.stack[head] as usize;
            if target != usize::MAX
                && self.node[target].dist >= 0
                && self.node[v].dist >= self.node[target].dist
            {
                break;
            }
            head += 1;
            self.succ_start.push(self.succ.len() as u32);
            let NodeState { dist: dv, val: sv } = self.node[v];
            for &w in g.neighbours(v) {
                let nw = &mut self.node[w as usize];
                if nw.dist < 0 {
                    nw.dist = dv + 1;
                    nw.val = sv;
                    self.stack.push(w);
                    self.succ.push(w);
                } else if nw.dist == dv + 1 {
                    nw.val += sv;
                    self.succ.push(w);
                }
            }
        }
        self.succ_start.push(self.succ.len() as u32);
    }

    /// One Brandes pass from `s`, adding each node's dependency into `acc`.
    /// In reverse BFS order each node pulls `(1 + δ) / σ` from its successors in the
    /// shortest-path DAG recorded by the forward pass.
    fn accumulate(&mut self, g: &Csr, s: usize, acc: &mut [f64]) {
        self.shortest_paths(g, s);
        for i in (0..self.stack.len()).rev() {
            let v = self.stack[i] as usize;
            let (a, b) = (self.succ_start[i] as usize, self.succ_start[i + 1] as usize);
            let mut pulled = 0.0;
            for &w in &self.succ[a..b] {
                pulled += self.node[w as usize].val;
            }
            let sigma = self.node[v].val;
            let delta = sigma * pulled;
            self.node[v].val = (1.0 + delta) / sigma;
            if v != s {
                acc[v] += delta;
            }
        }
    }

    /// σ of `v`, valid after [`Scratch::shortest_paths`] (before any backward pass).
    fn sigma(&self, v: usize) -> f64 {
        self.node[v].val
    }

    fn dist(&self, v: usize) -> i32 {
        self.node[v].dist
    }
}

/// Exact betweenness of every node, **unnormalised**, counting each unordered pair once
/// (networkx `betweenness_centrality(G, normalized=False)` for an undirected graph).
///
/// # Complexity
/// O(n · m) time, O(n + m) memory per thread. Sources are split into a fixed number of
/// chunks whatever the thread count, and the chunks' sums are added in order, so the
/// result is the same bit for bit on any machine.
pub fn betweenness(g: &Csr) -> Vec<f64> {
    // Relabel nodes in breadth-first order so that neighbours sit near each other in
    // memory; results are mapped back to the original ids.
    let (order, relabelled) = bfs_relabel(g);
    let sources: Vec<usize> = (0..g.len()).collect();
    let b = sum_over_sources(&relabelled, &sources);
    let mut out = vec![0.0; g.len()];
    for (new, &old) in order.iter().enumerate() {
        out[old] = b[new] / 2.0;
    }
    out
}

/// A breadth-first numbering of `g` (each component from its highest-degree node, ties
/// by id) and the graph relabelled by it: `order[new] = old`.
fn bfs_relabel(g: &Csr) -> (Vec<usize>, Csr) {
    let n = g.len();
    let mut starts: Vec<usize> = (0..n).collect();
    starts.sort_by(|&a, &b| g.degree(b).cmp(&g.degree(a)).then(a.cmp(&b)));
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for s in starts {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut head = order.len();
        order.push(s);
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in g.neighbours(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    order.push(w as usize);
                }
            }
        }
    }
    let mut new_id = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new as u32;
    }
    let mut edges = Vec::with_capacity(g.edges());
    for v in 0..n {
        for (&w, &x) in g.neighbours(v).iter().zip(g.weights(v)) {
            if (v as u32) < w {
                edges.push((new_id[v], new_id[w as usize], x));
            }
        }
    }
    (order, Csr::from_edges(n, &edges))
}

/// The same, on one thread (the oracle for the parallel version).
pub fn betweenness_serial(g: &Csr) -> Vec<f64> {
    let mut acc = vec![0.0; g.len()];
    let mut scratch = Scratch::new(g.len());
    for s in 0..g.len() {
        scratch.accumulate(g, s, &mut acc);
    }
    for x in &mut acc {
        *x /= 2.0;
    }
    acc
}

/// Sum of dependencies over `sources`, in fixed chunks reduced in order.
fn sum_over_sources(g: &Csr, sources: &[usize]) -> Vec<f64> {
    const CHUNKS: usize = 64;
    let n = g.len();
    let size = sources.len().div_ceil(CHUNKS).max(1);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(size)
        .map(|chunk| {
            let mut acc = vec![0.0; n];
            let mut scratch = Scratch::new(n);
            for &s in chunk {
                scratch.accumulate(g, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in partials {
        for (t, x) in total.iter_mut().zip(p) {
            *t += x;
        }
    }
    total
}

/// networkx's normalisation for an undirected graph of `n` nodes: `2 / ((n − 1)(n − 2))`
/// (the share of all other pairs whose shortest paths pass through the node).
pub fn normalise(raw: &[f64]) -> Vec<f64> {
    let n = raw.len() as f64;
    if raw.len() <= 2 {
        return raw.to_vec();
    }
    let scale = 2.0 / ((n - 1.0) * (n - 2.0));
    raw.iter().map(|b| b * scale).collect()
}

/// A sampled estimate of normalised betweenness and its guarantee.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledBetweenness {
    /// Estimated normalised betweenness of each node.
    pub normalised: Vec<f64>,
    /// Every estimate is within this of the true normalised value…
    pub epsilon: f64,
    /// …with probability at least 1 − delta.
    pub delta: f64,
    /// Shortest paths sampled.
    pub samples: usize,
}

/// Riondato–Kornaropoulos sampling: draw `r` node pairs uniformly, pick one shortest path
/// between them uniformly at random, and credit its interior nodes `1/r`. With
/// `r = (c / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))`, c = 0.5, where VD bounds the number of
/// nodes on a shortest path (here: the exact diameter bound 2 × eccentricity of a node,
/// plus one), every estimate is within ε of the normalised betweenness with probability
/// at least 1 − δ.
///
/// Riondato–Kornaropoulos normalise over all `n(n − 1)` ordered pairs; networkx over the
/// `(n − 1)(n − 2)` pairs not involving the node. Estimates and ε are returned on
/// networkx's scale (multiplied by `n / (n − 2)`), so they compare with [`normalise`].
pub fn sampled(g: &Csr, epsilon: f64, delta: f64, seed: u64) -> SampledBetweenness {
    use rand::{RngExt, SeedableRng};
    let n = g.len();
    if n < 3 {
        return SampledBetweenness {
            normalised: vec![0.0; n],
            epsilon,
            delta,
            samples: 0,
        };
    }
    let vd = vertex_diameter_bound(g);
    let log_term = ((vd.saturating_sub(2)).max(1) as f64).log2().floor() + 1.0;
    let r = ((0.5 / (epsilon * epsilon)) * (log_term + (1.0 / delta).ln())).ceil() as usize;
    // Samples are independent: run them in a fixed number of chunks, each with its own
    // stream derived from `seed`, and add the chunks' counts in order, so the estimate
    // is the same on any number of threads.
    const CHUNKS: u64 = 64;
    let per_chunk = r.div_ceil(CHUNKS as usize);
    let counts: Vec<Vec<u32>> = (0..CHUNKS)
        .into_par_iter()
        .map(|chunk| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(
                seed ^ chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let mut hits = vec![0u32; n];
            let mut scratch = Scratch::new(n);
            let todo = per_chunk.min(r.saturating_sub(chunk as usize * per_chunk));
            for _ in 0..todo {
                let u = rng.random_range(0..n);
                let mut v = rng.random_range(0..n - 1);
                if v >= u {
                    v += 1;
                }
                // BFS from u until v's level is complete (every shortest path to v is then
                // counted); then walk back from v choosing predecessors in proportion to
                // their path counts: a uniformly random shortest path.
                scratch.shortest_paths_to(g, u, v);
                if scratch.dist(v) < 0 {
                    continue;
                }
                let mut w = v;
                while w != u {
                    let dw = scratch.dist(w);
                    let total: f64 = g
                        .neighbours(w)
                        .iter()
                        .filter(|&&p| scratch.dist(p as usize) == dw - 1)
                        .map(|&p| scratch.sigma(p as usize))
                        .sum();
                    let mut x = rng.random_range(0.0..total);
                    let mut chosen = u;
                    for &p in g.neighbours(w) {
                        let p = p as usize;
                        if scratch.dist(p) != dw - 1 {
                            continue;
                        }
                        chosen = p;
                        if x < scratch.sigma(p) {
                            break;
                        }
                        x -= scratch.sigma(p);
                    }
                    if chosen != u {
                        hits[chosen] += 1;
                    }
                    w = chosen;
                }
            }
            hits
        })
        .collect();
    let mut est = vec![0.0; n];
    for hits in counts {
        for (e, h) in est.iter_mut().zip(hits) {
            *e += f64::from(h);
        }
    }
    for e in &mut est {
        *e /= r as f64;
    }
    let k = n as f64 / (n as f64 - 2.0);
    SampledBetweenness {
        normalised: est.iter().map(|x| x * k).collect(),
        epsilon: epsilon * k,
        delta,
        samples: r,
    }
}

/// An upper bound on the number of nodes on any shortest path: per connected component,
/// 2 × the eccentricity of one node + 1; the maximum over components.
fn vertex_diameter_bound(g: &Csr) -> usize {
    let n = g.len();
    let mut seen = vec![false; n];
    let mut dist = vec![usize::MAX; n];
    let mut best = 1;
    for s in 0..n {
        if seen[s] {
            continue;
        }
        let mut q = VecDeque::from([s]);
        seen[s] = true;
        dist[s] = 0;
        let mut ecc = 0;
        while let Some(v) = q.pop_front() {
            ecc = ecc.max(dist[v]);
            for &w in g.neighbours(v) {
                let w = w as usize;
                if !seen[w] {
                    seen[w] = true;
                    dist[w] = dist[v] + 1;
                    q.push_back(w);
                }
            }
        }
        best = best.max(2 * ecc + 1);
    }
    best
}
