//! A compact, read-only adjacency (compressed sparse rows) of an undirected graph, the
//! shape every centrality kernel runs on: neighbours of node `v` are
//! `targets[offsets[v]..offsets[v + 1]]`, sorted, with weights alongside.

/// An undirected graph in compressed sparse row form. Node ids are `0..n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr {
    /// Builds from undirected edges `(a, b, weight)`. Self-loops are dropped; parallel
    /// edges are merged, their weights added.
    ///
    /// # Complexity
    /// O(m log m).
    pub fn from_edges(n: usize, edges: &[(u32, u32, f64)]) -> Self {
        let mut arcs: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len() * 2);
        for &(a, b, w) in edges {
            if a != b && (a as usize) < n && (b as usize) < n {
                arcs.push((a, b, w));
                arcs.push((b, a, w));
            }
        }
        arcs.sort_by_key(|x| (x.0, x.1));
        let mut offsets = vec![0usize; n + 1];
        let mut targets = Vec::with_capacity(arcs.len());
        let mut weights: Vec<f64> = Vec::with_capacity(arcs.len());
        let mut last: Option<(u32, u32)> = None;
        for (a, b, w) in arcs {
            if last == Some((a, b)) {
                if let Some(x) = weights.last_mut() {
                    *x += w;
                }
                continue;
            }
            last = Some((a, b));
            offsets[a as usize + 1] += 1;
            targets.push(b);
            weights.push(w);
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of undirected edges.
    pub fn edges(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of `v`, sorted.
    pub fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Weights of `v`'s edges, aligned with [`Csr::neighbours`].
    pub fn weights(&self, v: usize) -> &[f64] {
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Degree of `v`.
    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }
}
