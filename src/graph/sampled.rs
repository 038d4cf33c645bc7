//! Sampled betweenness with a stated error bound, for graphs too large for Brandes:
//! Riondato & Kornaropoulos (2016), "Fast approximation of betweenness centrality
//! through sampling", Data Min. Knowl. Disc. 30. Each sample is a uniformly random
//! shortest path between a uniformly random pair of nodes, found by a balanced
//! bidirectional breadth-first search as in KADABRA (Borassi & Natale 2019, "KADABRA is
//! an ADaptive Algorithm for Betweenness via Random Approximation", ACM J. Exp. Algorithmics
//! 24): the two searches meet in the middle, so a sample visits a small part of a sparse
//! graph instead of all of it.

use super::Csr;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use std::collections::VecDeque;

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

/// The seed of the sampled betweenness the network engine runs (`--betweenness sampled`,
/// or `auto` above the exact limit): fixed, so that the same data give the same estimate
/// and the same ranking on every run.
pub const SEED_SAMPLED_BETWEENNESS: u64 = 2026;

/// Riondato–Kornaropoulos sampling: draw `r` node pairs uniformly, pick one shortest path
/// between them uniformly at random, and credit its interior nodes `1/r`. With
/// `r = (c / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))`, c = 0.5, where VD bounds the number of
/// nodes on a shortest path (here: 2 × the eccentricity of one node per component, plus
/// one), every estimate is within ε of the normalised betweenness with probability at
/// least 1 − δ.
///
/// Riondato–Kornaropoulos normalise over all `n(n − 1)` ordered pairs; networkx over the
/// `(n − 1)(n − 2)` pairs not involving the node. Estimates and ε are returned on
/// networkx's scale (multiplied by `n / (n − 2)`), so they compare with
/// [`super::normalise`].
///
/// # Arguments
/// * `epsilon` — the error bound, on the Riondato–Kornaropoulos scale, `(0, 1)`.
/// * `delta` — the probability that any estimate misses it, `(0, 1)`.
/// * `seed` — the random stream; the same seed gives the same estimate on any number of
///   threads.
///
/// # Complexity
/// O(r · b) time for r samples that each visit b nodes and their edges (b is about the
/// square root of the nodes on sparse small-world graphs), O(n + m) memory per thread.
pub fn sampled(g: &Csr, epsilon: f64, delta: f64, seed: u64) -> SampledBetweenness {
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
            let mut search = MeetInTheMiddle::new(n);
            let todo = per_chunk.min(r.saturating_sub(chunk as usize * per_chunk));
            for _ in 0..todo {
                let u = rng.random_range(0..n);
                let mut v = rng.random_range(0..n - 1);
                if v >= u {
                    v += 1;
                }
                // A pair with no path between them is a sample with no interior nodes.
                for &x in search.random_shortest_path(g, u, v, &mut rng) {
                    hits[x as usize] += 1;
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
    let k = n as f64 / (n as f64 - 2.0);
    SampledBetweenness {
        normalised: est.iter().map(|x| x / r as f64 * k).collect(),
        epsilon: epsilon * k,
        delta,
        samples: r,
    }
}

/// One side of the bidirectional search: distances and shortest-path counts from its
/// root, over the nodes it has reached.
struct Side {
    /// d -- distance from this side's root (−1: not reached).
    dist: Vec<i32>,
    /// σ -- shortest paths from this side's root.
    sigma: Vec<f64>,
    /// Nodes reached, so the next search resets only them.
    reached: Vec<u32>,
    /// The deepest complete level: nodes at this distance, not yet expanded.
    frontier: Vec<u32>,
    /// Sum of the frontier's degrees: the cost of expanding it.
    frontier_cost: usize,
}

impl Side {
    fn new(n: usize) -> Self {
        Side {
            dist: vec![-1; n],
            sigma: vec![0.0; n],
            reached: Vec::new(),
            frontier: Vec::new(),
            frontier_cost: 0,
        }
    }

    fn start(&mut self, g: &Csr, root: usize) {
        for &v in &self.reached {
            self.dist[v as usize] = -1;
            self.sigma[v as usize] = 0.0;
        }
        self.reached.clear();
        self.frontier.clear();
        self.dist[root] = 0;
        self.sigma[root] = 1.0;
        self.reached.push(root as u32);
        self.frontier.push(root as u32);
        self.frontier_cost = g.degree(root);
    }

    /// Walks from `x` back to this side's root, choosing each predecessor with
    /// probability σ(predecessor) / σ(node): a uniformly random shortest path. Pushes the
    /// nodes passed, excluding the root.
    fn walk_to_root(
        &self,
        g: &Csr,
        mut x: usize,
        rng: &mut rand_chacha::ChaCha8Rng,
        out: &mut Vec<u32>,
    ) {
        while self.dist[x] > 0 {
            out.push(x as u32);
            let before = self.dist[x] - 1;
            let mut pick = rng.random_range(0.0..self.sigma[x]);
            let mut chosen = x;
            for &p in g.neighbours(x) {
                let p = p as usize;
                if self.dist[p] != before {
                    continue;
                }
                chosen = p;
                if pick < self.sigma[p] {
                    break;
                }
                pick -= self.sigma[p];
            }
            x = chosen;
        }
    }
}

/// Working memory of the balanced bidirectional search, reused across samples.
struct MeetInTheMiddle {
    from_u: Side,
    from_v: Side,
    /// Edges `(x, y)` joining the two searches: x on the side that expanded last, y
    /// reached by the other side. Every shortest u–v path crosses exactly one of them.
    cut: Vec<(u32, u32)>,
    next: Vec<u32>,
    path: Vec<u32>,
}

impl MeetInTheMiddle {
    fn new(n: usize) -> Self {
        MeetInTheMiddle {
            from_u: Side::new(n),
            from_v: Side::new(n),
            cut: Vec::new(),
            next: Vec::new(),
            path: Vec::new(),
        }
    }

    /// The interior nodes of a uniformly random shortest path from `u` to `v` (none if
    /// they are adjacent or not connected).
    ///
    /// The two searches grow one whole level at a time, always the side whose frontier
    /// has the smaller degree sum. Before a level is expanded no node has been reached by
    /// both; when expanding side A's level L reaches nodes already reached by side B,
    /// those nodes all lie at B's last level D (a node nearer B would have been expanded
    /// by B and reached A's level itself), so every joining edge lies on a shortest path
    /// of length L + 1 + D, and σ(u, v) = Σ over joining edges (x, y) of σ_A(x) σ_B(y).
    fn random_shortest_path(
        &mut self,
        g: &Csr,
        u: usize,
        v: usize,
        rng: &mut rand_chacha::ChaCha8Rng,
    ) -> &[u32] {
        self.from_u.start(g, u);
        self.from_v.start(g, v);
        self.cut.clear();
        self.path.clear();
        loop {
            let expand_u = self.from_u.frontier_cost <= self.from_v.frontier_cost;
            let (a, b) = if expand_u {
                (&mut self.from_u, &self.from_v)
            } else {
                (&mut self.from_v, &self.from_u)
            };
            if a.frontier.is_empty() {
                return &self.path; // not connected
            }
            self.next.clear();
            let mut cost = 0;
            for &x in &a.frontier {
                let x = x as usize;
                let (dx, sx) = (a.dist[x], a.sigma[x]);
                for &y in g.neighbours(x) {
                    let yi = y as usize;
                    if b.dist[yi] >= 0 {
                        self.cut.push((x as u32, y));
                    } else if a.dist[yi] < 0 {
                        a.dist[yi] = dx + 1;
                        a.sigma[yi] = sx;
                        a.reached.push(y);
                        self.next.push(y);
                        cost += g.degree(yi);
                    } else if a.dist[yi] == dx + 1 {
                        a.sigma[yi] += sx;
                    }
                }
            }
            if !self.cut.is_empty() {
                // Choose the joining edge in proportion to the paths through it, then a
                // random shortest path on each side of it.
                let total: f64 = self
                    .cut
                    .iter()
                    .map(|&(x, y)| a.sigma[x as usize] * b.sigma[y as usize])
                    .sum();
                let mut pick = rng.random_range(0.0..total);
                let mut chosen = self.cut[self.cut.len() - 1];
                for &(x, y) in &self.cut {
                    let w = a.sigma[x as usize] * b.sigma[y as usize];
                    if pick < w {
                        chosen = (x, y);
                        break;
                    }
                    pick -= w;
                }
                let (x, y) = (chosen.0 as usize, chosen.1 as usize);
                a.walk_to_root(g, x, rng, &mut self.path);
                b.walk_to_root(g, y, rng, &mut self.path);
                return &self.path;
            }
            std::mem::swap(&mut a.frontier, &mut self.next);
            a.frontier_cost = cost;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A chain of two diamonds, 0 – {1, 2} – 3 – {4, 5, 6} – 7: six shortest paths from 0
    /// to 7, to check that each is drawn equally often.
    fn diamond_chain() -> Csr {
        let e = [
            (0, 1),
            (0, 2),
            (1, 3),
            (2, 3),
            (3, 4),
            (3, 5),
            (3, 6),
            (4, 7),
            (5, 7),
            (6, 7),
        ];
        let edges: Vec<(u32, u32, f64)> = e.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        Csr::from_edges(8, &edges)
    }

    #[test]
    fn every_shortest_path_is_equally_likely_from_either_end() {
        let g = diamond_chain();
        let mut search = MeetInTheMiddle::new(g.len());
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        for (u, v) in [(0, 7), (7, 0)] {
            let mut seen: BTreeMap<Vec<u32>, usize> = BTreeMap::new();
            const DRAWS: usize = 60_000;
            for _ in 0..DRAWS {
                let mut p = search.random_shortest_path(&g, u, v, &mut rng).to_vec();
                p.sort_unstable();
                assert_eq!(p.len(), 3, "interior of a path of length 4");
                *seen.entry(p).or_default() += 1;
            }
            assert_eq!(seen.len(), 6, "all six shortest paths drawn");
            for (p, k) in &seen {
                // Each has probability 1/6: 10,000 expected, sd about 91.
                assert!(
                    (*k as f64 - 10_000.0).abs() < 500.0,
                    "{p:?} drawn {k} times"
                );
            }
        }
    }

    #[test]
    fn adjacent_and_disconnected_pairs_have_no_interior() {
        let edges = [(0, 1, 1.0), (2, 3, 1.0)];
        let g = Csr::from_edges(4, &edges);
        let mut search = MeetInTheMiddle::new(4);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        assert!(search.random_shortest_path(&g, 0, 1, &mut rng).is_empty());
        assert!(search.random_shortest_path(&g, 0, 3, &mut rng).is_empty());
        assert!(search.random_shortest_path(&g, 1, 2, &mut rng).is_empty());
    }
}
