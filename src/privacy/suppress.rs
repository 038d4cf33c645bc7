//! Small-count suppression for partner outputs (ONS disclosure control practice; ICO
//! anonymisation code). A count of people or records from 1 up to the threshold is shown
//! as `<T`: a small number can point at an individual. Zero is shown: it discloses no
//! one. Where counts add up to a total that is also shown, a single suppressed cell
//! could be worked out by subtraction, so a second cell is suppressed too (secondary
//! suppression).

use serde::Serialize;

/// The lowest threshold allowed: below 3 a published count can single out a person.
pub const MIN_THRESHOLD: u64 = 3;

/// The default threshold.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// A small-count threshold, at least [`MIN_THRESHOLD`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Threshold(u64);

impl Default for Threshold {
    fn default() -> Self {
        Threshold(DEFAULT_THRESHOLD)
    }
}

impl Threshold {
    /// A threshold.
    ///
    /// # Errors
    /// A message when `t` is below [`MIN_THRESHOLD`].
    pub fn new(t: u64) -> Result<Self, String> {
        if t < MIN_THRESHOLD {
            Err(format!(
                "a suppression threshold of {t} is too low: counts below {MIN_THRESHOLD} can single out a person (use {MIN_THRESHOLD} or more)"
            ))
        } else {
            Ok(Threshold(t))
        }
    }

    /// The threshold's value.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Whether `n` must be suppressed: `1 ≤ n < threshold`.
    pub fn hides(self, n: u64) -> bool {
        n > 0 && n < self.0
    }

    /// What is shown for a suppressed count: `<5` for a threshold of 5.
    pub fn mask(self) -> String {
        format!("<{}", self.0)
    }

    /// What is shown for a count hidden only so that a small count elsewhere in its row
    /// or total cannot be worked out by subtraction: `[c]` (as ONS marks confidential
    /// cells), since `<5` would be untrue of it.
    pub fn secondary_mask(self) -> &'static str {
        "[c]"
    }

    /// A count as shown: the number, or the mask.
    pub fn show(self, n: u64) -> String {
        if self.hides(n) {
            self.mask()
        } else {
            n.to_string()
        }
    }
}

/// Which of a set of additive cells to suppress: `parts` that sum to `total`, all shown
/// together. Primary: every part (and the total) from 1 to below the threshold.
/// Secondary: if exactly one cell of the set (parts and total together) would be hidden,
/// one more is hidden — the smallest non-zero part not yet hidden (ties: the first), or
/// the total when no such part exists — so the hidden one cannot be found by subtraction.
/// With two or more cells hidden only their sum can be worked out, not each one.
///
/// # Returns
/// `(total hidden, each part hidden)`.
pub fn additive(threshold: Threshold, total: u64, parts: &[u64]) -> (bool, Vec<bool>) {
    let mut hide: Vec<bool> = parts.iter().map(|&n| threshold.hides(n)).collect();
    let mut hide_total = threshold.hides(total);
    let hidden = hide.iter().filter(|&&h| h).count() + usize::from(hide_total);
    if hidden == 1 {
        let candidate = parts
            .iter()
            .enumerate()
            .filter(|&(i, &n)| !hide[i] && n > 0)
            .min_by_key(|&(i, &n)| (n, i))
            .map(|(i, _)| i);
        match candidate {
            Some(i) => hide[i] = true,
            // Only the total was small, or no other non-zero part: hiding the total
            // stops the subtraction (parts alone do not reveal a hidden part).
            None if !hide_total => hide_total = true,
            None => {}
        }
    }
    (hide_total, hide)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_to_four_are_masked_and_zero_is_shown() {
        let t = Threshold::default();
        assert_eq!(t.show(0), "0");
        for n in 1..5 {
            assert_eq!(t.show(n), "<5");
        }
        assert_eq!(t.show(5), "5");
        assert_eq!(t.show(120), "120");
    }

    #[test]
    fn a_threshold_below_three_is_refused() {
        assert!(Threshold::new(2).is_err());
        assert_eq!(Threshold::new(3).expect("ok").mask(), "<3");
    }

    #[test]
    fn one_hidden_part_hides_the_next_smallest_part() {
        // Members 20 = children 2 + peers 11 + persons of concern 7: hiding children
        // alone would leave 20 − 11 − 7 = 2 on show.
        let (total, parts) = additive(Threshold::default(), 20, &[2, 11, 7]);
        assert!(!total);
        assert_eq!(parts, vec![true, false, true]);
    }

    #[test]
    fn two_hidden_parts_need_nothing_more() {
        let (total, parts) = additive(Threshold::default(), 30, &[2, 3, 25]);
        assert!(!total);
        assert_eq!(parts, vec![true, true, false]);
    }

    #[test]
    fn a_single_hidden_part_with_no_other_non_zero_part_hides_the_total() {
        // 3 = 3 + 0: the part equals the total, so the total goes too.
        let (total, parts) = additive(Threshold::default(), 3, &[3, 0]);
        assert!(total && parts[0] && !parts[1]);
        // 12 = 4 + 8 + 0: the 8 is hidden with the 4.
        let (total, parts) = additive(Threshold::default(), 12, &[4, 8, 0]);
        assert!(!total);
        assert_eq!(parts, vec![true, true, false]);
    }

    #[test]
    fn nothing_small_hides_nothing() {
        let (total, parts) = additive(Threshold::default(), 30, &[10, 0, 20]);
        assert!(!total && parts.iter().all(|h| !h));
    }

    #[test]
    fn no_hidden_cell_can_be_recovered_by_subtraction() {
        // Exhaustively over small sets: whenever a cell is hidden, at least two cells of
        // the set are hidden, so subtraction recovers neither.
        let t = Threshold::default();
        for a in 0..9u64 {
            for b in 0..9 {
                for c in 0..9 {
                    let parts = [a, b, c];
                    let total = a + b + c;
                    let (ht, hp) = additive(t, total, &parts);
                    let hidden = hp.iter().filter(|h| **h).count() + usize::from(ht);
                    assert!(hidden != 1, "{parts:?}: one hidden cell");
                    for (i, &n) in parts.iter().enumerate() {
                        if t.hides(n) {
                            assert!(hp[i]);
                        }
                    }
                }
            }
        }
    }
}
