/// Benjamini–Hochberg q-values ("adjusted p-values") for p-values `p`: the smallest false
/// discovery rate at which each test would be rejected (Benjamini & Hochberg 1995, JRSS B
/// 57). `q_(i) = min_{j ≥ i} p_(j) · m / j` over the sorted p-values, capped at 1.
///
/// # Complexity
/// O(m log m).
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        let v = p[i] * m as f64 / (rank + 1) as f64;
        running = running.min(v).min(1.0);
        q[i] = running;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_hand_computed_example() {
        // p sorted: 0.01, 0.02, 0.03, 0.04, 0.5 (m = 5)
        // raw: 0.05, 0.05, 0.05, 0.05, 0.5 → running min from the top.
        let q = benjamini_hochberg(&[0.04, 0.01, 0.5, 0.03, 0.02]);
        let expected = [0.05, 0.05, 0.5, 0.05, 0.05];
        for (a, b) in q.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{q:?}");
        }
    }

    #[test]
    fn is_monotone_in_p() {
        let p = [0.001, 0.2, 0.013, 0.9, 0.04, 0.04];
        let q = benjamini_hochberg(&p);
        for i in 0..p.len() {
            for j in 0..p.len() {
                if p[i] < p[j] {
                    assert!(q[i] <= q[j]);
                }
            }
        }
    }
}
