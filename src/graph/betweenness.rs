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

/// Per-thread working memory for one single-source pass, reused across sources.
struct Scratch {
    /// S -- nodes in order of non-decreasing distance from the source.
    stack: Vec<u32>,
    /// σ -- number of shortest paths from the source.
    sigma: Vec<f64>,
    /// d -- distance from the source (−1: not reached).
    dist: Vec<i64>,
    /// δ -- dependency of the source on each node.
    delta: Vec<f64>,
    queue: VecDeque<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            stack: Vec::with_capacity(n),
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            queue: VecDeque::new(),
        }
    }

    /// BFS from `s`: distances, shortest-path counts, and the nodes in order of distance.
    /// Only the nodes the previous pass reached are reset, so a pass costs what it visits.
    fn shortest_paths(&mut self, g: &Csr, s: usize) {
        for &v in &self.stack {
            let v = v as usize;
            self.sigma[v] = 0.0;
            self.dist[v] = -1;
            self.delta[v] = 0.0;
        }
        self.stack.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.queue.push_back(s as u32);
        while let Some(v) = self.queue.pop_front() {
            self.stack.push(v);
            let v = v as usize;
            for &w in g.neighbours(v) {
                let w = w as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = self.dist[v] + 1;
                    self.queue.push_back(w as u32);
                }
                if self.dist[w] == self.dist[v] + 1 {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    /// One Brandes pass from `s`, adding each node's dependency into `acc`.
    /// Predecessors are not stored: on an unweighted graph, v is a predecessor of w
    /// exactly when d(v) = d(w) − 1, so they are found again from the adjacency.
    fn accumulate(&mut self, g: &Csr, s: usize, acc: &mut [f64]) {
        self.shortest_paths(g, s);
        for &w in self.stack.iter().rev() {
            let w = w as usize;
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            for &v in g.neighbours(w) {
                let v = v as usize;
                if self.dist[v] == self.dist[w] - 1 {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                acc[w] += self.delta[w];
            }
        }
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
    let sources: Vec<usize> = (0..g.len()).collect();
    let mut b = sum_over_sources(g, &sources);
    for x in &mut b {
        *x /= 2.0;
    }
    b
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
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut est = vec![0.0; n];
    let mut scratch = Scratch::new(n);
    for _ in 0..r {
        let u = rng.random_range(0..n);
        let mut v = rng.random_range(0..n - 1);
        if v >= u {
            v += 1;
        }
        // BFS from u with path counts; then walk back from v choosing predecessors in
        // proportion to their path counts (a uniformly random shortest path).
        scratch.shortest_paths(g, u);
        if scratch.dist[v] < 0 {
            continue;
        }
        let mut w = v;
        while w != u {
            let preds: Vec<usize> = g
                .neighbours(w)
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| scratch.dist[p] == scratch.dist[w] - 1)
                .collect();
            let total: f64 = preds.iter().map(|&p| scratch.sigma[p]).sum();
            let mut x = rng.random_range(0.0..total);
            let mut chosen = preds[0];
            for &p in &preds {
                if x < scratch.sigma[p] {
                    chosen = p;
                    break;
                }
                x -= scratch.sigma[p];
            }
            if chosen != u {
                est[chosen] += 1.0 / r as f64;
            }
            w = chosen;
        }
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
