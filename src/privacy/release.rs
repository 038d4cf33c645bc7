//! The audience cut itself: a table or JSON document as an audience may see it. Every
//! writer calls these (through [`Disclosure`]), after analysis and before anything
//! reaches a file, so no writer decides on its own what to show.

use super::{Audience, Disclosure};
use crate::model::PersonId;
use crate::report::{ColumnTable, Values};
use serde::Serialize;
use std::collections::BTreeMap;

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
/// is hidden too ([`super::suppress::additive`]) and none can be worked out by
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

impl Disclosure {
    /// `t` cut for the audience: people shown as labels (and, with a reveal, their
    /// `person_id` and name beside them), counts suppressed for partners (with secondary
    /// suppression over declared totals), and for partners no person, record reference
    /// or free-text column at all. `None` when the audience does not get the table (a
    /// table of people, for partners).
    pub fn release(&self, t: &ColumnTable) -> Option<ColumnTable> {
        let partner = self.audience() == Audience::Partner;
        if partner && t.per_person {
            return None;
        }
        let hidden = if partner {
            self.hidden_counts(t)
        } else {
            BTreeMap::new()
        };
        let mut out = ColumnTable::new();
        for (name, values) in &t.columns {
            match values {
                Values::Person(v) => {
                    if partner {
                        continue;
                    }
                    out.push(
                        name,
                        Values::OptText(
                            v.iter()
                                .map(|p| p.and_then(|p| self.person(p)).map(|l| l.label.clone()))
                                .collect(),
                        ),
                    );
                    if self.policy.reveal_names {
                        let revealed = |p: &Option<PersonId>| {
                            p.and_then(|p| self.person(p))
                                .and_then(|l| l.revealed.clone())
                        };
                        out.push(
                            &format!("{name}_id"),
                            Values::OptText(v.iter().map(|p| revealed(p).map(|r| r.0)).collect()),
                        );
                        out.push(
                            &format!("{name}_name"),
                            Values::OptText(
                                v.iter().map(|p| revealed(p).and_then(|r| r.1)).collect(),
                            ),
                        );
                    }
                }
                Values::People(v) => {
                    if partner {
                        continue;
                    }
                    out.push(
                        name,
                        Values::Text(
                            v.iter()
                                .map(|ps| {
                                    ps.iter()
                                        .map(|p| self.person_text(*p))
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                })
                                .collect(),
                        ),
                    );
                }
                Values::Count(v) => {
                    if partner {
                        // Two columns: the number, null where suppressed, so a
                        // spreadsheet sorts and a GIS styles it; and beside it the
                        // number as shown (`<5`, `[c]`), so the reader sees why.
                        let hide = hidden.get(name.as_str());
                        let threshold = self.policy.threshold;
                        let shown: Vec<Option<String>> = v
                            .iter()
                            .enumerate()
                            .map(|(i, n)| {
                                n.map(|n| {
                                    if threshold.hides(n) {
                                        threshold.mask()
                                    } else if hide.is_some_and(|h| h[i]) {
                                        threshold.secondary_mask().to_string()
                                    } else {
                                        n.to_string()
                                    }
                                })
                            })
                            .collect();
                        out.push(
                            name,
                            Values::OptInt(
                                v.iter()
                                    .enumerate()
                                    .map(|(i, n)| {
                                        n.filter(|&n| {
                                            !threshold.hides(n) && !hide.is_some_and(|h| h[i])
                                        })
                                        .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
                                    })
                                    .collect(),
                            ),
                        );
                        out.push(
                            &format!("{name}{}", crate::report::table::SHOWN_SUFFIX),
                            Values::OptText(shown),
                        );
                    } else {
                        out.push(
                            name,
                            Values::OptInt(
                                v.iter()
                                    .map(|n| n.map(|n| i64::try_from(n).unwrap_or(i64::MAX)))
                                    .collect(),
                            ),
                        );
                    }
                }
                Values::Records(_) | Values::RecordText(_) if partner => continue,
                Values::Float(v) if partner && t.masked.iter().any(|(c, _)| c == name) => {
                    let masked_rows = self.masked_rows(t, name, &hidden);
                    out.push(
                        name,
                        Values::OptFloat(
                            v.iter()
                                .zip(masked_rows)
                                .map(|(x, m)| (!m).then_some(*x))
                                .collect(),
                        ),
                    );
                }
                other => {
                    out.push(name, other.clone());
                }
            }
        }
        for (column, keep) in &t.ranked_names {
            let Some(Values::Text(lists)) = out.column(column) else {
                continue;
            };
            let kept: Vec<String> = lists
                .iter()
                .enumerate()
                .map(|(i, list)| {
                    list.split(", ")
                        .filter(|n| !n.is_empty() && out.visible(n, i))
                        .take(*keep)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            if let Some((_, v)) = out.columns.iter_mut().find(|(n, _)| n == column) {
                *v = Values::Text(kept);
            }
        }
        Some(out)
    }

    /// Rows of the derived column `name` to hide: where any count it comes from is hidden.
    fn masked_rows(
        &self,
        t: &ColumnTable,
        name: &str,
        hidden: &BTreeMap<&str, Vec<bool>>,
    ) -> Vec<bool> {
        let mut rows = vec![false; t.rows()];
        for (_, counts) in t.masked.iter().filter(|(c, _)| c == name) {
            for c in counts {
                if let Some(h) = hidden.get(c.as_str()) {
                    for (r, x) in rows.iter_mut().zip(h) {
                        *r |= *x;
                    }
                }
            }
        }
        rows
    }

    /// For each count column, which rows to suppress: primary (1 to below the
    /// threshold) and, over each declared total and its parts, secondary.
    fn hidden_counts<'t>(&self, t: &'t ColumnTable) -> BTreeMap<&'t str, Vec<bool>> {
        let threshold = self.policy.threshold;
        let mut hidden: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
        let counts = |name: &str| -> Option<&Vec<Option<u64>>> {
            match t.column(name) {
                Some(Values::Count(v)) => Some(v),
                _ => None,
            }
        };
        for (name, values) in &t.columns {
            if let Values::Count(v) = values {
                hidden.insert(
                    name.as_str(),
                    v.iter()
                        .map(|n| n.is_some_and(|n| threshold.hides(n)))
                        .collect(),
                );
            }
        }
        for (total, parts) in &t.additive {
            let (Some(tv), Some(pv)) = (
                counts(total),
                parts.iter().map(|p| counts(p)).collect::<Option<Vec<_>>>(),
            ) else {
                continue;
            };
            for row in 0..tv.len() {
                let part_values: Vec<u64> = pv.iter().map(|c| c[row].unwrap_or(0)).collect();
                let (hide_total, hide_parts) =
                    super::suppress::additive(threshold, tv[row].unwrap_or(0), &part_values);
                let mut set = |name: &str, h: bool| {
                    if h && let Some(col) = hidden.iter_mut().find(|(n, _)| **n == name) {
                        col.1[row] = true;
                    }
                };
                set(total, hide_total);
                for (p, h) in parts.iter().zip(hide_parts) {
                    set(p, h);
                }
            }
        }
        hidden
    }

    /// The [`SetCount`] fields of one JSON object, as released: for partners, each set's
    /// total and parts suppressed together ([`super::suppress::additive`]), parts in
    /// field-name order; for others, the numbers.
    fn set_counts(
        &self,
        map: &serde_json::Map<String, serde_json::Value>,
    ) -> BTreeMap<String, serde_json::Value> {
        use serde_json::Value;
        // set name → (total field and count, part fields and counts)
        type Cells<'m> = (Option<(&'m str, u64)>, Vec<(&'m str, u64)>);
        let mut sets: BTreeMap<&str, Cells> = BTreeMap::new();
        for (k, v) in map {
            let Some(o) = v.as_object() else { continue };
            let (Some(n), Some(set)) = (
                o.get(COUNT_MARK).and_then(Value::as_u64),
                o.get(SET_MARK).and_then(Value::as_str),
            ) else {
                continue;
            };
            let entry = sets.entry(set).or_default();
            if o.get(TOTAL_MARK).and_then(Value::as_bool) == Some(true) {
                entry.0 = Some((k.as_str(), n));
            } else {
                entry.1.push((k.as_str(), n));
            }
        }
        let mut out = BTreeMap::new();
        let threshold = self.policy.threshold;
        for (total, parts) in sets.into_values() {
            let cells: Vec<(&str, u64)> = total.into_iter().chain(parts.iter().copied()).collect();
            if !self.suppresses() {
                for (k, n) in cells {
                    out.insert(k.to_string(), Value::from(n));
                }
                continue;
            }
            let values: Vec<u64> = parts.iter().map(|(_, n)| *n).collect();
            let (hide_total, hide_parts) = super::suppress::additive(
                threshold,
                total.map_or(values.iter().sum(), |(_, n)| n),
                &values,
            );
            let show = |n: u64, hidden: bool| {
                if threshold.hides(n) {
                    Value::String(threshold.mask())
                } else if hidden {
                    Value::String(threshold.secondary_mask().to_string())
                } else {
                    Value::from(n)
                }
            };
            if let Some((k, n)) = total {
                out.insert(k.to_string(), show(n, hide_total));
            }
            for ((k, n), h) in parts.iter().zip(hide_parts) {
                out.insert((*k).to_string(), show(*n, h));
            }
        }
        out
    }

    /// A count as released JSON: the number, or the mask (`<5`) where partners' counts
    /// are suppressed. The same cut as a [`Count`] through [`Self::release_json`], for
    /// writers with many counts (a place's hour×weekday profile) that would otherwise
    /// build one marker object per count.
    pub fn count_json(&self, n: u64) -> serde_json::Value {
        if self.suppresses() && self.policy.threshold.hides(n) {
            serde_json::Value::String(self.policy.threshold.mask())
        } else {
            serde_json::Value::from(n)
        }
    }

    /// A JSON document cut for the audience: every person marker (how a [`PersonId`]
    /// serialises) becomes the person's label, or `withheld` for partners; every
    /// [`Count`] becomes its number, or its mask for partners when small.
    pub fn release_json(&self, v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                if map.len() == 2
                    && let (Some(v), Some(from)) = (
                        map.get(DERIVED_MARK),
                        map.get("from").and_then(Value::as_array),
                    )
                {
                    let threshold = self.policy.threshold;
                    let hidden = self.suppresses()
                        && from
                            .iter()
                            .any(|n| n.as_u64().is_some_and(|n| threshold.hides(n)));
                    return if hidden { Value::Null } else { v.clone() };
                }
                if map.len() == 1 {
                    if let Some(i) = map.get(PERSON_MARK).and_then(Value::as_u64) {
                        let p = PersonId(u32::try_from(i).unwrap_or(u32::MAX));
                        return Value::String(self.person_text(p));
                    }
                    if let Some(inner) = map.get(RECORDS_MARK) {
                        return if self.audience() == Audience::Partner {
                            Value::Null
                        } else {
                            self.release_json(inner.clone())
                        };
                    }
                    if let Some(i) = map.get(INITIALS_MARK).and_then(Value::as_u64) {
                        let p = PersonId(u32::try_from(i).unwrap_or(u32::MAX));
                        return Value::String(self.initials_text(p));
                    }
                    if let Some(n) = map.get(COUNT_MARK).and_then(Value::as_u64) {
                        return self.count_json(n);
                    }
                    if let Some(parts) = map.get(PHRASE_MARK).and_then(Value::as_array) {
                        return Value::String(
                            parts
                                .iter()
                                .map(|p| match self.release_json(p.clone()) {
                                    Value::String(s) => s,
                                    other => other.to_string(),
                                })
                                .collect(),
                        );
                    }
                }
                let sets = self.set_counts(&map);
                Value::Object(
                    map.into_iter()
                        .map(|(k, v)| match sets.get(&k) {
                            Some(shown) => (k, shown.clone()),
                            None => (k, self.release_json(v)),
                        })
                        .collect(),
                )
            }
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| self.release_json(v)).collect())
            }
            other => other,
        }
    }
}
