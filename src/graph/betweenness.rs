//! Exact betweenness centrality (Brandes 2001, "A faster algorithm for betweenness
//! centrality", J. Math. Sociol. 25). Graphs of [`PARALLEL_THRESHOLD`] nodes or more run
//! Brandes over a multi-source breadth-first search, 64 sources a batch (Then et al.
//! 2014, "The more the merrier: efficient multi-source graph traversal", PVLDB 8(4); see
//! `batched.rs`); smaller ones, and [`betweenness_serial`], one source at a time.
//! The sampled estimate for large graphs is in [`super::sampled`].
//!
//! Unweighted shortest paths: a tie's strength is not a distance, and brokerage in a
//! safeguarding network is about who lies between whom, not how often they talk.

use super::Csr;
use super::batched::{self, Batch};
use rayon::prelude::*;

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
}

/// Below this many nodes exact betweenness runs on one thread, one source at a time:
/// splitting a small graph's sources across threads costs more than it saves
/// (rustworkx's `parallel_threshold` is 50), and a batch would be mostly empty lanes. A
/// child's context or one peer group is well below it; a borough is far above.
pub const PARALLEL_THRESHOLD: usize = 64;

/// Exact betweenness of every node, **unnormalised**, counting each unordered pair once
/// (networkx `betweenness_centrality(G, normalized=False)` for an undirected graph).
///
/// # Complexity
/// O(n · m) time. Sources are taken 64 at a time in a multi-source search that reads each
/// adjacency list once a level for the whole batch (`batched.rs`), O(64 n + m)
/// memory per thread. The batches are split into a fixed number of chunks whatever the
/// thread count, each chunk's batches are summed in order and the chunks' sums added in
/// order, so the result is the same bit for bit on any number of threads. Graphs under
/// [`PARALLEL_THRESHOLD`] nodes, or beyond what a batch can place (67 million), run
/// serially, one source at a time.
pub fn betweenness(g: &Csr) -> Vec<f64> {
    if g.len() < PARALLEL_THRESHOLD || g.len() > batched::MAX_NODES {
        return betweenness_serial(g);
    }
    // Relabel nodes in breadth-first order so that neighbours sit near each other in
    // memory, and a batch's sources (consecutive ids) near each other in the graph;
    // results are mapped back to the original ids.
    let (order, relabelled) = bfs_relabel(g);
    let b = sum_over_sources(&relabelled);
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

/// Sum of dependencies from every source with an edge (an isolated node is on no path),
/// in batches of 64, in a fixed number of chunks of batches reduced in order.
fn sum_over_sources(g: &Csr) -> Vec<f64> {
    const CHUNKS: usize = 64;
    let n = g.len();
    let sources: Vec<u32> = (0..n as u32)
        .filter(|&v| g.degree(v as usize) > 0)
        .collect();
    let batches: Vec<&[u32]> = sources.chunks(batched::BATCH).collect();
    let size = batches.len().div_ceil(CHUNKS).max(1);
    let partials: Vec<Vec<f64>> = batches
        .par_chunks(size)
        .map_init(
            || Batch::new(n),
            |batch, chunk| {
                let mut acc = vec![0.0; n];
                for sources in chunk {
                    batch.accumulate(g, sources, &mut acc);
                }
                acc
            },
        )
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
