//! Values marked for the audience cut: counts, record references, derived numbers,
//! phrases with counts in them, initials. Each serialises as a marker object
//! (`{"$count": n}`, …) that the release in `privacy` turns into what the audience may
//! see; until then nothing is shown or hidden. Plain data, so every layer that builds a
//! document can mark its values.

use super::PersonId;
use serde::Serialize;

/// A count of people or records in a JSON document: shown as a number, or suppressed
/// for partners when small. Serialises as `{"$count": n}` until released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Count(pub u64);

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(COUNT_MARK, &self.0)?;
        m.end()
    }
}

/// Record-level detail in a JSON document — event and link references, lists of
/// events, lists of people: shown to analysts and strategy meetings, withheld (null) for
/// partners, who get the counts beside it. Serialises as `{"$records": …}` until
/// released.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Records<T>(pub T);

impl<T: Serialize> Serialize for Records<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(RECORDS_MARK, &self.0)?;
        m.end()
    }
}

/// A child or peer listed as a peer group's member: by initials and pseudonym for the
/// strategy audience, as peer group work asks (record only friends' initials: Contextual
/// Safeguarding guidance); by pseudonym for analysts; withheld for partners. Serialises as `{"$initials": index}` until released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Initials(pub PersonId);

impl Serialize for Initials {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(INITIALS_MARK, &self.0.0)?;
        m.end()
    }
}

/// The key of an initials marker.
pub const INITIALS_MARK: &str = "$initials";

/// A number computed from counts (a share, a ratio) in a JSON document: withheld for
/// partners when any count it comes from is suppressed, since it would give that count
/// away. Serialises as `{"$derived": value, "from": [counts]}` until released.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Derived {
    /// The number.
    pub value: f64,
    /// The counts it was computed from.
    pub from: Vec<u64>,
}

impl Serialize for Derived {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(DERIVED_MARK, &self.value)?;
        m.serialize_entry("from", &self.from)?;
        m.end()
    }
}

/// A sentence with counts in it, in a JSON document: released as one string, each count
/// shown as its number or, for partners, its mask (`<5`), so a sentence can never say
/// what a table hides. Serialises as `{"$phrase": ["text", {"$count": n}, …]}` until
/// released.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase(pub Vec<PhrasePart>);

/// One piece of a [`Phrase`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhrasePart {
    /// Words.
    Text(String),
    /// A count of people or records.
    Count(Count),
}

impl Phrase {
    /// A phrase of words alone.
    pub fn text(words: impl Into<String>) -> Self {
        Phrase(vec![PhrasePart::Text(words.into())])
    }

    /// Appends words.
    #[must_use]
    pub fn then(mut self, words: impl Into<String>) -> Self {
        self.0.push(PhrasePart::Text(words.into()));
        self
    }

    /// Appends a count.
    #[must_use]
    pub fn count(mut self, n: u64) -> Self {
        self.0.push(PhrasePart::Count(Count(n)));
        self
    }

    /// The phrase with every count shown, as analysts see it.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                PhrasePart::Text(t) => t.clone(),
                PhrasePart::Count(c) => c.0.to_string(),
            })
            .collect()
    }
}

impl From<&str> for Phrase {
    fn from(words: &str) -> Self {
        Phrase::text(words)
    }
}

impl From<String> for Phrase {
    fn from(words: String) -> Self {
        Phrase::text(words)
    }
}

impl Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Parts<'a>(&'a [PhrasePart]);
        impl Serialize for Parts<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for p in self.0 {
                    match p {
                        PhrasePart::Text(t) => seq.serialize_element(t)?,
                        PhrasePart::Count(c) => seq.serialize_element(c)?,
                    }
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(PHRASE_MARK, &Parts(&self.0))?;
        m.end()
    }
}

/// The key of a phrase marker.
pub const PHRASE_MARK: &str = "$phrase";

/// A count that is one cell of an additive set in a JSON object — a total, or one of the
/// parts that add up to it — so that when partners' small parts are hidden a second cell
/// is hidden too (`privacy::suppress::additive`) and none can be worked out by
/// subtraction. The total and its parts must be fields of the same object. Serialises as
/// `{"$count": n, "$set": SET, "$total": bool}` until released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetCount {
    /// The count.
    pub n: u64,
    /// The set's name, shared by its total and its parts.
    pub set: &'static str,
    /// Whether this is the total.
    pub total: bool,
}

impl Serialize for SetCount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry(COUNT_MARK, &self.n)?;
        m.serialize_entry(SET_MARK, self.set)?;
        m.serialize_entry(TOTAL_MARK, &self.total)?;
        m.end()
    }
}

/// The key naming a [`SetCount`]'s set.
pub const SET_MARK: &str = "$set";
/// The key saying whether a [`SetCount`] is its set's total.
pub const TOTAL_MARK: &str = "$total";

/// The key of a derived-number marker.
pub const DERIVED_MARK: &str = "$derived";

/// The key of a record-references marker.
pub const RECORDS_MARK: &str = "$records";

/// The key of a person marker: how a [`PersonId`] serialises until released.
pub const PERSON_MARK: &str = "$person";
/// The key of a count marker.
pub const COUNT_MARK: &str = "$count";
