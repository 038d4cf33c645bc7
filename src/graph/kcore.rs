//! k-core numbers (Batagelj & Zaversnik 2003, "An O(m) algorithm for cores
//! decomposition of networks"): the largest k such that the node belongs to a subgraph
//! in which every node has at least k neighbours. Unweighted; matches networkx
//! `core_number`.

use super::Csr;

/// The core number of every node.
///
/// # Complexity
/// O(n + m): bucket sort by degree, then peel.
pub fn core_numbers(g: &Csr) -> Vec<u32> {
    let n = g.len();
    let mut deg: Vec<usize> = (0..n).map(|v| g.degree(v)).collect();
    let max_deg = deg.iter().copied().max().unwrap_or(0);
    // bin[d] -- start of the run of nodes with degree d in `vert`.
    let mut bin = vec![0usize; max_deg + 1];
    for &d in &deg {
        bin[d] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let count = *b;
        *b = start;
        start += count;
    }
    // vert -- nodes sorted by degree; pos[v] -- v's index in vert.
    let mut vert = vec![0usize; n];
    let mut pos = vec![0usize; n];
    for v in 0..n {
        pos[v] = bin[deg[v]];
        vert[pos[v]] = v;
        bin[deg[v]] += 1;
    }
    for d in (1..=max_deg).rev() {
        bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for i in 0..n {
        let v = vert[i];
        for &u in g.neighbours(v) {
            let u = u as usize;
            if deg[u] > deg[v] {
                let du = deg[u];
                let pu = pos[u];
                let pw = bin[du];
                let w = vert[pw];
                if u != w {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        }
    }
    deg.into_iter().map(|d| d as u32).collect()
}
