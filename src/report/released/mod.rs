//! Documents as an audience receives them, typed: what
//! [`crate::privacy::Disclosure::release_json`] leaves of an assessment, read back into
//! structs, so a renderer names every field it prints and a field renamed on one side
//! fails loudly (every released struct denies unknown fields, and a missing one is an
//! error) instead of printing "—".
//!
//! The marked values of [`crate::model::disclosure`] arrive cut:
//!
//! | marked | released |
//! |---|---|
//! | [`Count`](crate::model::disclosure::Count) | [`Shown`]: the number, or its mask (`<5`, `[c]`) for partners |
//! | [`Derived`](crate::model::disclosure::Derived) | `Option<f64>`: none where a count it comes from is suppressed |
//! | [`Records`](crate::model::disclosure::Records) | `Option<T>`: none for partners |
//! | [`PersonId`](crate::model::PersonId) | `String`: the person's label, or `withheld` |
//! | [`Phrase`](crate::model::disclosure::Phrase) | `String`: the sentence with its counts cut |

use serde::Deserialize;
use serde::de::DeserializeOwned;

mod evaluation;
mod group;
mod place;
mod report;
mod review;
mod tools;
mod trends;

pub use evaluation::{Area, Evaluation, EvaluationSettings, Ratios, ShownRatio, ShownWdq};
pub use group::{Attached, GroupAssessment, GroupPlace, GroupTools};
pub use place::{
    ComponentLine, EventLine, Guardianship, Linked, LinkedPeople, Nearby, PlaceAssessment,
    PlaceFacts, PlaceTrendView, ScoreView, Timeline,
};
pub use report::{
    Category, Comparison, DiagramNode, Disproportionality, GatheringPlace, GroupBubble, MapCell,
    MapData, MapPlace, NetworkData, PeopleDiagram, PocRow, PremisesRow, Quality, Report, Summary,
    TopPlace,
};
pub use review::{Balance, PlanReview, ReturnsReview, Unmeasured, Unused};
pub use tools::{EvaluationLine, Evidence, Indicated, PartnerNeed, Question, ToolFinding};
pub use trends::{PlaceTrendRow, TrendCell, TrendsSection};

/// A count as released: its number, or the mask partners see where it is small.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Shown {
    /// The count.
    Number(u64),
    /// Its mask (`<5`, or `[c]` where a second cell is hidden).
    Masked(String),
}

/// A released value as text in a rendered document: words escaped with `esc`, whole
/// numbers without decimals, fractions to two places, yes or no, none as "—", lists
/// joined by commas.
pub trait Cell {
    /// The value as text.
    fn cell(&self, esc: fn(&str) -> String) -> String;
}

impl Cell for String {
    fn cell(&self, esc: fn(&str) -> String) -> String {
        esc(self)
    }
}

impl Cell for f64 {
    fn cell(&self, _: fn(&str) -> String) -> String {
        if self.fract() != 0.0 {
            format!("{self:.2}")
        } else {
            format!("{self:.0}")
        }
    }
}

macro_rules! whole_cell {
    ($($t:ty),*) => {$(
        impl Cell for $t {
            fn cell(&self, _: fn(&str) -> String) -> String {
                self.to_string()
            }
        }
    )*};
}
whole_cell!(u32, u64, usize);

impl Cell for bool {
    fn cell(&self, _: fn(&str) -> String) -> String {
        if *self { "yes" } else { "no" }.to_string()
    }
}

impl Cell for Shown {
    fn cell(&self, esc: fn(&str) -> String) -> String {
        match self {
            Shown::Number(n) => n.to_string(),
            Shown::Masked(m) => esc(m),
        }
    }
}

impl<T: Cell> Cell for Option<T> {
    fn cell(&self, esc: fn(&str) -> String) -> String {
        self.as_ref()
            .map_or_else(|| "—".to_string(), |v| v.cell(esc))
    }
}

impl<T: Cell> Cell for Vec<T> {
    fn cell(&self, esc: fn(&str) -> String) -> String {
        self.iter()
            .map(|v| v.cell(esc))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A released document's JSON read back into its typed form.
///
/// # Errors
/// When the JSON and the typed form differ (a field renamed, added or missing on one
/// side): the message names the document and the field.
pub fn read_back<T: DeserializeOwned>(
    what: &str,
    released: &serde_json::Value,
) -> Result<T, std::io::Error> {
    T::deserialize(released).map_err(|e| {
        std::io::Error::other(format!(
            "the released {what} does not read back into its typed form ({e}): a field of the document and of its released form in src/report/released differ"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::{Cell, Shown};
    use crate::report::escape::markdown as esc;

    #[test]
    fn cells_write_numbers_counts_and_gaps_as_documents_show_them() {
        assert_eq!(12.0.cell(esc), "12");
        assert_eq!(0.4507.cell(esc), "0.45");
        assert_eq!(7usize.cell(esc), "7");
        assert_eq!(Shown::Number(3).cell(esc), "3");
        assert_eq!(Shown::Masked("<5".into()).cell(esc), esc("<5"));
        assert_eq!(None::<f64>.cell(esc), "—");
        assert_eq!(
            vec!["a_b".to_string(), "c".into()].cell(esc),
            format!("{}, c", esc("a_b"))
        );
        assert_eq!(true.cell(esc), "yes");
        let shown: Vec<Shown> = serde_json::from_str(r#"[4, "<5", "[c]"]"#).expect("counts");
        assert_eq!(
            shown,
            [
                Shown::Number(4),
                Shown::Masked("<5".into()),
                Shown::Masked("[c]".into())
            ]
        );
    }
}
