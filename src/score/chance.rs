//! Footfall baselines: what a place would show by chance alone, for its footfall.
//!
//! A busy place is where many people are recorded, children and persons of concern
//! among them, so some of what counts as evidence at a quiet place happens there by
//! chance: a child whose records are spread over the area has some of them at the
//! station that holds a twentieth of the area's records, and children and adults of
//! concern recorded there at unrelated times meet within three hours of each other.
//! Risky facilities are told from busy ones by rates, not counts (Eck, Clarke &
//! Guerette 2007, "Risky facilities: crime concentration in homogeneous sets of
//! establishments and facilities", Crime Prevention Studies 21). Two baselines follow,
//! each a rule an analyst would state:
//!
//! * **Children passing through.** Children recorded at a place alone (no person of
//!   concern in the record) count when recorded there twice, or once in a record that
//!   ties them to it (found there after a missing episode, an exploitation category, a
//!   Makesafe call). They count beyond the number of children that would meet that rule
//!   there by chance: each child's `n` records at places fall at this one with the
//!   place's share `s` of children's records, so `K ~ Binomial(n, s)`, and a record
//!   ties a child with the study's rate `τ` (the share of children's records at places
//!   that tie). Children's records here are those with no person of concern in them:
//!   a record holding both is evidence in full, never footfall. The expected number
//!   is `E = Σ_children [P(K ≥ 2) + P(K = 1) · τ]`, over every child in the study; the
//!   `A` children there alone count `max(0, 1 − E / A)` each (children recorded there
//!   with a person of concern always count in full). At a quiet place `E`
//!   is a fraction of one child; at the station that holds a twentieth of children's
//!   records, it is more than the children it shows. Footfall is read against an area:
//!   a place whose study holds children's records at fewer than [`MIN_EFFECTIVE_PLACES`]
//!   other places, in effect (the inverse Simpson index of the other places' shares,
//!   `(Σ c)² / Σ c²`), is in an extract about a few places — ten hotels' records, one
//!   station's — where each child's records are there because the place was chosen,
//!   and gets no such baseline.
//! * **A chance meeting.** Child–person-of-concern pairs recorded at a place in different
//!   records within the co-presence window count beyond the number that unrelated
//!   timing would give, as the Knox test reads closeness in space and time against
//!   closeness expected by chance (Knox 1964, "The detection of space-time
//!   interactions", Applied Statistics 13). With the records of a child (`a` of them)
//!   with no person of concern in them, and of a person of concern (`b`, with no child)
//!   at the place at unrelated times in the study period `T`, a record of one falls
//!   within the window `w` of a record of the other with probability `2w / T`, so their
//!   showings are Poisson with `λ = a · b · 2w / T` (crowded windows, which pair no
//!   different records, are counted as if they did: the baseline errs towards chance), and
//!   the pair counts (two showings or more) with probability `1 − e^{−λ}(1 + λ)`. The
//!   sum over every child and person of concern recorded there is the number of pairs
//!   expected by chance, `E`; the `O` pairs seen only in different records count
//!   `max(0, 1 − E / O)` each. Pairs in one record are never discounted: being in the
//!   same record is being together.
//!
//! A record in which a child and a person of concern are together changes neither
//! baseline, so such evidence never lowers a place's score. Records of children alone or
//! of adults of concern alone are also the place's footfall, and at a busy place one more
//! of them can lower what its children alone and pairs apart count: a rate is not a
//! count.
//!
//! Both are checked against scipy's `binom.sf`, `binom.pmf` and `poisson.sf`
//! (`tests/fixtures/stats/chance.json`, made by `make_chance.py` beside it).

use super::study::Period;
use std::collections::BTreeMap;

/// The fewest places, in effect, that children's records must fall at for their shares
/// to be footfall (the inverse Simpson index, Simpson 1949): below it the dataset is an
/// extract about a few places, not an area.
pub const MIN_EFFECTIVE_PLACES: f64 = 20.0;

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`, summed exactly in log space.
///
/// # Units
/// A probability in `[0, 1]`.
pub fn binomial_upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let ln_choose = |i: u64| {
        libm::lgamma(n as f64 + 1.0)
            - libm::lgamma(i as f64 + 1.0)
            - libm::lgamma((n - i) as f64 + 1.0)
    };
    // Sum the smaller side for accuracy: P(X ≥ k) = 1 − P(X ≤ k − 1).
    let term = |i: u64| (ln_choose(i) + i as f64 * lp + (n - i) as f64 * lq).exp();
    if k as f64 > n as f64 * p {
        (k..=n).map(term).sum::<f64>().min(1.0)
    } else {
        (1.0 - (0..k).map(term).sum::<f64>()).clamp(0.0, 1.0)
    }
}

/// `P(X ≥ 2)` for `X ~ Poisson(λ)`: `1 − e^{−λ}(1 + λ)`, accurate for small λ.
///
/// # Units
/// A probability in `[0, 1]`.
pub fn poisson_at_least_two(lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 0.0;
    }
    if lambda < 1e-3 {
        // The series λ²/2 − λ³/3 + λ⁴/8: the closed form loses every digit here.
        let l2 = lambda * lambda;
        return l2 / 2.0 - l2 * lambda / 3.0 + l2 * l2 / 8.0;
    }
    (-(-lambda).exp_m1() - lambda * (-lambda).exp()).clamp(0.0, 1.0)
}

/// The children that would meet the rule for a child alone at a place by chance:
/// `Σ [P(K ≥ 2) + P(K = 1) · tie_rate]`, `K ~ Binomial(n, share)`, over every child of
/// the study, given as `(n, how many children have n records at places)`.
///
/// # Complexity
/// O(d) for d distinct record counts (a few dozen).
pub fn expected_children(records: &[(u32, u32)], share: f64, tie_rate: f64) -> f64 {
    if share <= 0.0 {
        return 0.0;
    }
    if share >= 1.0 {
        // Every record is at this place: each child with two meets the rule.
        return records
            .iter()
            .map(|&(n, c)| f64::from(c) * if n >= 2 { 1.0 } else { f64::from(n) * tie_rate })
            .sum();
    }
    let ln_q = (-share).ln_1p();
    records
        .iter()
        .map(|&(n, c)| {
            let n = f64::from(n);
            // P(K ≥ 1) = 1 − (1 − s)^n; P(K = 1) = n s (1 − s)^(n − 1).
            let at_least_one = -(n * ln_q).exp_m1();
            let one = n * share * ((n - 1.0) * ln_q).exp();
            let at_least_two = (at_least_one - one).max(0.0);
            f64::from(c) * (at_least_two + one * tie_rate)
        })
        .sum()
}

/// The number of child–person-of-concern pairs that unrelated timing would show at a
/// place at least twice within the window: `Σ_{a,b} P(Poisson(a · b · rate) ≥ 2)` over
/// every child (with `a` records there) and every person of concern (with `b`).
///
/// # Arguments
/// * `children`, `persons_of_concern` — how many of the place's records name each.
/// * `rate` — `2w / T`: the chance that two records at unrelated times fall within the
///   window of each other.
///
/// # Complexity
/// O(c + p + d_c · d_p) for c children, p persons of concern and d distinct record
/// counts among them (a handful, even at a station).
pub fn expected_chance_pairs(children: &[u32], persons_of_concern: &[u32], rate: f64) -> f64 {
    let histogram = |counts: &[u32]| {
        let mut h: BTreeMap<u32, u32> = BTreeMap::new();
        for &c in counts {
            *h.entry(c).or_default() += 1;
        }
        h
    };
    let (hc, hp) = (histogram(children), histogram(persons_of_concern));
    let mut sum = 0.0;
    for (&a, &na) in &hc {
        for (&b, &nb) in &hp {
            let lambda = f64::from(a) * f64::from(b) * rate;
            sum += f64::from(na) * f64::from(nb) * poisson_at_least_two(lambda);
        }
    }
    sum
}

/// The number of pairs among the people recorded at a place that unrelated timing
/// would show there at least twice within the window: `Σ_{i<j} P(Poisson(a_i · a_j ·
/// rate) ≥ 2)` over every pair of people, `a_i` the records there naming person i. The
/// same baseline as [`expected_chance_pairs`], for pairs of any two people (the
/// network's co-presence ties) rather than of a child and a person of concern.
///
/// # Complexity
/// O(p + d²) for p people and d distinct record counts among them.
pub fn expected_chance_pairs_among(people: &[u32], rate: f64) -> f64 {
    let mut h: BTreeMap<u32, u64> = BTreeMap::new();
    for &c in people {
        *h.entry(c).or_default() += 1;
    }
    let h: Vec<(u32, u64)> = h.into_iter().collect();
    let mut sum = 0.0;
    for (i, &(a, na)) in h.iter().enumerate() {
        for &(b, nb) in &h[i..] {
            let pairs = if a == b { na * (na - 1) / 2 } else { na * nb };
            let lambda = f64::from(a) * f64::from(b) * rate;
            sum += pairs as f64 * poisson_at_least_two(lambda);
        }
    }
    sum
}

/// The study period the chance baselines read timing over: first to last of the record
/// times (`period`), seconds, at least twice the co-presence window (`window_s`), so that
/// the rate `2w / T` stays a probability.
pub fn study_period_s(period: &Period, window_s: f64) -> f64 {
    let span = match (period.first, period.last) {
        (Some(lo), Some(hi)) => (hi - lo).num_seconds() as f64,
        _ => 0.0,
    };
    span.max(2.0 * window_s)
}

/// The share of each child alone at a place, or each pair seen there only in different
/// records, that is beyond chance: `max(0, 1 − expected / seen)`, 1 when none is seen.
pub fn beyond_chance(expected: f64, seen: usize) -> f64 {
    if seen == 0 {
        1.0
    } else {
        (1.0 - expected / seen as f64).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_expected_by_chance_follow_the_binomial() {
        let (s, tau) = (0.05, 0.2);
        let by_hand = |n: i32| {
            let q: f64 = 1.0 - s;
            let one = f64::from(n) * s * q.powi(n - 1);
            (1.0 - q.powi(n) - one) + one * tau
        };
        let e = expected_children(&[(1, 10), (5, 3)], s, tau);
        assert!((e - (10.0 * by_hand(1) + 3.0 * by_hand(5))).abs() < 1e-12);
        assert_eq!(expected_children(&[(4, 7)], 0.0, tau), 0.0);
        assert_eq!(expected_children(&[(2, 3), (1, 2)], 1.0, 0.5), 4.0);
        assert_eq!(beyond_chance(50.0, 20), 0.0);
        assert!((beyond_chance(2.5, 10) - 0.75).abs() < 1e-15);
    }

    #[test]
    fn chance_pairs_sum_over_every_child_and_person_of_concern() {
        let rate = 0.01;
        let by_hand =
            2.0 * poisson_at_least_two(1.0 * 3.0 * rate) + poisson_at_least_two(2.0 * 3.0 * rate);
        let e = expected_chance_pairs(&[1, 2, 1], &[3], rate);
        assert!((e - by_hand).abs() < 1e-15);
        assert_eq!(beyond_chance(0.0, 0), 1.0);
        assert_eq!(beyond_chance(3.0, 2), 0.0);
        assert!((beyond_chance(1.0, 4) - 0.75).abs() < 1e-15);
    }

    #[test]
    fn chance_pairs_among_people_sum_over_every_pair_once() {
        let (counts, rate) = ([1u32, 2, 1, 3, 2], 0.02);
        let mut by_hand = 0.0;
        for i in 0..counts.len() {
            for j in i + 1..counts.len() {
                by_hand += poisson_at_least_two(f64::from(counts[i] * counts[j]) * rate);
            }
        }
        let e = expected_chance_pairs_among(&counts, rate);
        assert!((e - by_hand).abs() < 1e-15);
        assert_eq!(expected_chance_pairs_among(&[4], rate), 0.0);
    }

    #[test]
    fn the_series_and_the_closed_form_agree_where_they_meet() {
        let (a, b) = (
            poisson_at_least_two(0.000_999_9),
            poisson_at_least_two(0.001),
        );
        assert!((a - b).abs() / b < 1e-3);
    }
}
