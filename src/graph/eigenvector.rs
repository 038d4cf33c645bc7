//! Eigenvector centrality (Bonacich 1972): a node is central when its neighbours are.
//! Power iteration on `A + I` (the shift keeps the principal eigenvector and stops
//! oscillation on bipartite graphs), as networkx `eigenvector_centrality` does, with the
//! result scaled to unit Euclidean norm and non-negative.

use super::Csr;

/// The result of a power iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigenvector {
    /// Centrality of each node, unit Euclidean norm, in `[0, 1]`.
    pub values: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// Whether the change fell below the tolerance.
    pub converged: bool,
}

/// Eigenvector centrality of every node, unweighted.
///
/// # Arguments
/// * `tol` — stop when the summed absolute change falls below `n × tol` (networkx's rule).
/// * `max_iter` — give up after this many iterations (reported, not an error).
///
/// # Complexity
/// O(m) per iteration.
pub fn eigenvector(g: &Csr, tol: f64, max_iter: usize) -> Eigenvector {
    let n = g.len();
    if n == 0 {
        return Eigenvector {
            values: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for it in 1..=max_iter {
        next.copy_from_slice(&x);
        for (v, &xv) in x.iter().enumerate() {
            for &w in g.neighbours(v) {
                next[w as usize] += xv;
            }
        }
        let norm = next.iter().map(|a| a * a).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for a in &mut next {
            *a /= norm;
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * tol {
            return Eigenvector {
                values: x,
                iterations: it,
                converged: true,
            };
        }
    }
    Eigenvector {
        values: x,
        iterations: max_iter,
        converged: false,
    }
}
