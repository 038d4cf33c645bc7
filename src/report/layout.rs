//! A deterministic force-directed layout for the report's network diagram
//! (Fruchterman & Reingold 1991, "Graph drawing by force-directed placement", Software:
//! Practice and Experience 21): nodes start on circles by cluster, repel each other,
//! edges pull, and the temperature cools over a fixed number of rounds. No randomness,
//! so the same network always draws the same way.

/// Pull towards the centre, per unit of distance from it.
const GRAVITY: f64 = 0.4;

/// Positions of nodes in `[0, 1]²`.
///
/// # Arguments
/// * `clusters` — each node's cluster (peer group); clusters start apart.
/// * `edges` — `(a, b, weight)`.
/// * `rounds` — iterations (200 is plenty for a few hundred nodes).
///
/// # Complexity
/// O(rounds · (n² + m)).
pub fn layout(clusters: &[usize], edges: &[(usize, usize, f64)], rounds: usize) -> Vec<(f64, f64)> {
    let n = clusters.len();
    if n == 0 {
        return Vec::new();
    }
    let k_clusters = clusters.iter().copied().max().map_or(1, |m| m + 1);
    // Start: clusters on a large circle, members on a small circle around their centre.
    let mut count = vec![0usize; k_clusters];
    let mut seen = vec![0usize; k_clusters];
    for &c in clusters {
        count[c] += 1;
    }
    let tau = std::f64::consts::TAU;
    let mut pos: Vec<(f64, f64)> = clusters
        .iter()
        .map(|&c| {
            let (cx, cy) = if k_clusters == 1 {
                (0.5, 0.5)
            } else {
                let a = tau * c as f64 / k_clusters as f64;
                (0.5 + 0.32 * a.cos(), 0.5 + 0.32 * a.sin())
            };
            let i = seen[c];
            seen[c] += 1;
            let b = tau * i as f64 / count[c].max(1) as f64 + 0.3 * c as f64;
            let r = 0.08 * (count[c] as f64).sqrt() / 3.0 + 0.01;
            (cx + r * b.cos(), cy + r * b.sin())
        })
        .collect();
    let k = (1.0 / n as f64).sqrt() * 0.6; // ideal distance
    let mut temperature = 0.1;
    let cool = temperature / rounds.max(1) as f64;
    for _ in 0..rounds {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-6);
                // Repulsion k²/d, a little stronger between clusters to keep groups apart.
                let f = k * k / d * if clusters[i] == clusters[j] { 1.0 } else { 1.5 };
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b, w) in edges {
            if a == b || a >= n || b >= n {
                continue;
            }
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let f = d * d / k * w.clamp(0.2, 3.0);
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        for (p, (mut dx, mut dy)) in pos.iter_mut().zip(disp) {
            // Gravity towards the centre keeps separate components near one another
            // instead of drifting apart; positions are fitted to the square at the end.
            dx -= GRAVITY * (p.0 - 0.5);
            dy -= GRAVITY * (p.1 - 0.5);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += dx / len * step;
            p.1 += dy / len * step;
        }
        temperature = (temperature - cool).max(0.002);
    }
    // Fit to the unit square with a margin.
    let (minx, maxx) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
    let (miny, maxy) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
    let (w, h) = ((maxx - minx).max(1e-9), (maxy - miny).max(1e-9));
    pos.iter()
        .map(|p| (0.05 + 0.9 * (p.0 - minx) / w, 0.05 + 0.9 * (p.1 - miny) / h))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_network_draws_the_same_way_and_stays_in_bounds() {
        let clusters = vec![0, 0, 0, 1, 1, 1, 2];
        let edges = vec![
            (0, 1, 1.0),
            (1, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (2, 6, 1.0),
            (5, 6, 1.0),
        ];
        let a = layout(&clusters, &edges, 200);
        assert_eq!(a, layout(&clusters, &edges, 200));
        for (x, y) in &a {
            assert!((0.0..=1.0).contains(x) && (0.0..=1.0).contains(y));
        }
        // Tied nodes end nearer each other than untied ones on average.
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 4));
    }
}
