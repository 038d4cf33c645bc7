//! Exact betweenness from 64 sources at a time: Brandes' (2001) dependency accumulation
//! over a multi-source breadth-first search in the manner of Then et al. (2014), "The
//! more the merrier: efficient multi-source graph traversal", PVLDB 8(4).
//!
//! Each of up to 64 sources owns one bit (a *lane*) of a `u64`. The search is level
//! synchronous: one pass over the frontier's adjacency lists finds, for every lane at
//! once, the nodes first reached at the next level (`mask & !seen`), so a node's edges
//! are read once per level of the batch instead of once per source. The path counts σ
//! and the dependencies δ are then computed lane by lane, but only for the lanes a mask
//! says are on a shortest path, so that one read of an edge serves every lane crossing
//! it.
//!
//! The values are packed by level: an entry (a node at one level, in the lanes that
//! reach it there) holds one value per lane, side by side and in lane order, and a
//! level's entries follow one another in `val`. Reading a neighbour's lanes is then one
//! short run of memory, usually one cache line, and a level's pulls read only the level
//! before (or after) it, which stays in cache; a row of 64 values per node would spread
//! the same reads over up to 8 lines of a table 64 values wide.
//!
//! Both passes *pull*: a node at level k + 1 sums σ over its neighbours marked at level
//! k, and in reverse a node at level k sums `(1 + δ)/σ` over its neighbours marked at
//! level k + 1. Each sum runs over the node's neighbours in adjacency order, exactly as
//! the single-source pass sums over its recorded successors, so every δ is the value that
//! pass computes, to rounding.

use super::Csr;

/// Sources per batch: the bits of the masks.
const LANES: usize = 64;

/// The set lanes of `m`, lowest first.
#[inline(always)]
fn lanes(mut m: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if m == 0 {
            return None;
        }
        let l = m.trailing_zeros() as usize;
        m &= m - 1;
        // `& (LANES - 1)` is a no-op that lets the compiler drop the bounds checks.
        Some(l & (LANES - 1))
    })
}

/// Working memory of one batch, reused across batches. Between batches every mark is
/// empty and `seen` is cleared, so a batch costs what it visits.
pub(super) struct Batch {
    /// The lanes that have reached each node so far.
    seen: Vec<u64>,
    /// Forward: the lanes reaching a node at the level being found; then, in both
    /// passes, the node's lanes on the level being pulled from.
    mark: Vec<u64>,
    /// Where a marked node's values start in `val`, read only when a lane is shared:
    /// apart from `mark`, so that a neighbour with none costs 8 bytes of cache.
    from: Vec<u32>,
    /// The levels of the search: entry i is node `node[i]` in lanes `mask[i]`, its values
    /// from `val[start[i]]`, and level k is entries `level[k]..level[k + 1]`. A node
    /// appears at most once a level.
    node: Vec<u32>,
    mask: Vec<u64>,
    start: Vec<u32>,
    level: Vec<usize>,
    /// σ of each entry's lanes during the forward pass, overwritten by `(1 + δ)/σ` once
    /// δ is final in the backward pass; packed, an entry's lanes in lane order.
    val: Vec<f64>,
    /// The per-lane sum being pulled into one node.
    pulled: [f64; LANES],
}

impl Batch {
    /// Working memory for graphs of `n` nodes, at most [`MAX_NODES`].
    pub(super) fn new(n: usize) -> Self {
        debug_assert!(n <= MAX_NODES);
        Batch {
            seen: vec![0; n],
            mark: vec![0; n],
            from: vec![0; n],
            node: Vec::with_capacity(4 * n),
            mask: Vec::with_capacity(4 * n),
            start: Vec::with_capacity(4 * n),
            level: Vec::new(),
            // Each (node, lane) is in one entry at most: 64 values a node in all.
            val: Vec::with_capacity(LANES * n),
            pulled: [0.0; LANES],
        }
    }

    /// Adds the dependencies on every node of the (at most 64, distinct) `sources` into
    /// `acc`: for each node, Σ over the sources (in lane order) of δ(source, node).
    pub(super) fn accumulate(&mut self, g: &Csr, sources: &[u32], acc: &mut [f64]) {
        debug_assert!(sources.len() <= LANES);
        self.forward(g, sources);
        self.backward(g, acc);
    }

    /// `pulled[l]` = Σ of the value in lane l of the neighbours u of `x` marked in lane
    /// l, for every lane l of `mine`, neighbours in adjacency order. The lanes outside
    /// `mine` are left holding partial sums no one reads: a neighbour sharing any lane
    /// with `x` is added whole, its values read in one sweep with no lane looked up.
    #[inline(always)]
    fn pull(&mut self, g: &Csr, x: usize, mine: u64) {
        for l in lanes(mine) {
            self.pulled[l] = 0.0;
        }
        for &u in g.neighbours(x) {
            let on = self.mark[u as usize];
            if mine & on == 0 {
                continue;
            }
            let start = self.from[u as usize] as usize;
            let values = &self.val[start..][..on.count_ones() as usize];
            for (l, &v) in lanes(on).zip(values) {
                self.pulled[l] += v;
            }
        }
    }

    /// Marks (`on`) or unmarks the nodes of level `k` in their lanes. Nothing beyond
    /// the deepest level.
    fn set_marks(&mut self, k: usize, on: bool) {
        if k + 1 >= self.level.len() {
            return;
        }
        for i in self.level[k]..self.level[k + 1] {
            let v = self.node[i] as usize;
            if on {
                self.mark[v] = self.mask[i];
                self.from[v] = self.start[i];
            } else {
                self.mark[v] = 0;
            }
        }
    }

    /// The multi-source search: the levels, and σ of every node in every lane.
    fn forward(&mut self, g: &Csr, sources: &[u32]) {
        self.node.clear();
        self.mask.clear();
        self.start.clear();
        self.level.clear();
        self.val.clear();
        self.level.push(0);
        for (l, &s) in sources.iter().enumerate() {
            self.seen[s as usize] |= 1 << l;
            self.node.push(s);
            self.mask.push(1 << l);
            self.start.push(self.val.len() as u32);
            self.val.push(1.0);
        }
        self.level.push(self.node.len());
        loop {
            let (a, b) = (self.level[self.level.len() - 2], self.node.len());
            // The next level, all lanes at once: `mark` collects each node's new lanes.
            for i in a..b {
                let (v, mv) = (self.node[i] as usize, self.mask[i]);
                for &w in g.neighbours(v) {
                    let new = mv & !self.seen[w as usize];
                    if new != 0 {
                        if self.mark[w as usize] == 0 {
                            self.node.push(w);
                        }
                        self.mark[w as usize] |= new;
                    }
                }
            }
            if self.node.len() == b {
                return;
            }
            for i in b..self.node.len() {
                let w = self.node[i] as usize;
                let m = std::mem::take(&mut self.mark[w]);
                self.seen[w] |= m;
                self.mask.push(m);
            }
            // σ(w) = Σ σ(v) over its neighbours v one level nearer, lane by lane.
            let k = self.level.len() - 2;
            self.set_marks(k, true);
            for i in b..self.node.len() {
                let (w, mw) = (self.node[i] as usize, self.mask[i]);
                self.pull(g, w, mw);
                self.start.push(self.val.len() as u32);
                for l in lanes(mw) {
                    self.val.push(self.pulled[l]);
                }
            }
            self.set_marks(k, false);
            self.level.push(self.node.len());
        }
    }

    /// Dependencies, deepest level first: δ(v) = σ(v) Σ (1 + δ(w))/σ(w) over the
    /// neighbours w one level further, lane by lane; each node's δ summed over its lanes
    /// in lane order into `acc`. The sources (level 0) get none.
    fn backward(&mut self, g: &Csr, acc: &mut [f64]) {
        let levels = self.level.len() - 1;
        for k in (1..levels).rev() {
            self.set_marks(k + 1, true);
            for i in self.level[k]..self.level[k + 1] {
                let (v, mv, start) = (self.node[i] as usize, self.mask[i], self.start[i] as usize);
                self.pull(g, v, mv);
                let mut sum = 0.0;
                for (r, l) in lanes(mv).enumerate() {
                    let sigma = self.val[start + r];
                    let delta = sigma * self.pulled[l];
                    self.val[start + r] = (1.0 + delta) / sigma;
                    sum += delta;
                }
                acc[v] += sum;
            }
            self.set_marks(k + 1, false);
        }
        self.seen.fill(0);
    }
}

/// Sources per batch, for the caller's chunking.
pub(super) const BATCH: usize = LANES;

/// The most nodes a batch can hold: its values, at most 64 a node, are placed by `u32`
/// offsets (67,108,863 nodes; a person graph is far smaller).
pub(super) const MAX_NODES: usize = u32::MAX as usize / LANES;

#[cfg(test)]
mod tests {
    use super::super::betweenness::{betweenness, betweenness_serial};
    use super::*;

    /// A deterministic pseudo-random graph: `n` nodes, about `m` edges, nodes with index
    /// `>= n - isolated` left without edges.
    fn graph(n: u32, m: usize, isolated: u32, seed: u64) -> Csr {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((x >> 33) % u64::from(n - isolated)) as u32
        };
        let edges: Vec<(u32, u32, f64)> = (0..m).map(|_| (next(), next(), 1.0)).collect();
        Csr::from_edges(n as usize, &edges)
    }

    fn assert_close(a: &[f64], b: &[f64]) {
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                (x - y).abs() <= 1e-9 * y.abs().max(1.0),
                "node {i}: {x} vs {y}"
            );
        }
    }

    #[test]
    fn batches_equal_single_source_passes() {
        // Several components and isolated nodes, a partial last batch, sparse and dense.
        for (n, m, isolated, seed) in [(150, 160, 7, 1), (200, 900, 0, 2), (130, 40, 3, 3)] {
            let g = graph(n, m, isolated, seed);
            assert_close(&betweenness(&g), &betweenness_serial(&g));
        }
    }

    #[test]
    fn long_paths_run_many_levels() {
        // A path of 140 nodes (139 levels from an end) with a chord.
        let mut edges: Vec<(u32, u32, f64)> = (0..139).map(|i| (i, i + 1, 1.0)).collect();
        edges.push((10, 90, 1.0));
        let g = Csr::from_edges(140, &edges);
        assert_close(&betweenness(&g), &betweenness_serial(&g));
    }

    #[test]
    fn scratch_is_clean_after_a_batch() {
        let g = graph(100, 300, 5, 4);
        let mut batch = Batch::new(g.len());
        let sources: Vec<u32> = (0..64).collect();
        let mut acc = vec![0.0; g.len()];
        batch.accumulate(&g, &sources, &mut acc);
        assert!(batch.seen.iter().all(|&m| m == 0));
        assert!(batch.mark.iter().all(|&m| m == 0));
        let mut again = vec![0.0; g.len()];
        batch.accumulate(&g, &sources, &mut again);
        assert_eq!(acc, again, "a reused batch gives the same sums");
    }
}
