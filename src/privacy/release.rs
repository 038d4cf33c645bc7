//! The audience cut itself: a table or JSON document as an audience may see it. Every
//! writer calls these (through [`Disclosure`]), after analysis and before anything
//! reaches a file, so no writer decides on its own what to show.

use super::table::{ColumnTable, SHOWN_SUFFIX, Values};
use super::{Audience, Disclosure};
use crate::model::PersonId;
use crate::model::disclosure::{
    COUNT_MARK, DERIVED_MARK, INITIALS_MARK, PERSON_MARK, PHRASE_MARK, RECORDS_MARK, SET_MARK,
    TOTAL_MARK,
};
use std::collections::BTreeMap;
use std::sync::Arc;

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
        for (name, shared) in &t.columns {
            match &**shared {
                Values::Person(v) => {
                    if partner {
                        continue;
                    }
                    self.release_person(&mut out, name, v);
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
                        self.release_count_to_partner(&mut out, name, v, hidden.get(name.as_str()));
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
                // Passed on as it is: shared, not copied.
                _ => out.columns.push((name.clone(), Arc::clone(shared))),
            }
        }
        keep_visible_ranked_names(t, &mut out);
        Some(out)
    }

    /// A person column as labels, and with a reveal their `person_id` and name beside.
    fn release_person(&self, out: &mut ColumnTable, name: &str, v: &[Option<PersonId>]) {
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
                Values::OptText(v.iter().map(|p| revealed(p).and_then(|r| r.1)).collect()),
            );
        }
    }

    /// A count column for partners, with `hide` the rows suppressed to protect a total.
    ///
    /// Two columns: the number, null where suppressed, so a spreadsheet sorts and a GIS
    /// styles it; and beside it the number as shown (`<5`, `[c]`), so the reader sees
    /// why.
    fn release_count_to_partner(
        &self,
        out: &mut ColumnTable,
        name: &str,
        v: &[Option<u64>],
        hide: Option<&Vec<bool>>,
    ) {
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
                        n.filter(|&n| !threshold.hides(n) && !hide.is_some_and(|h| h[i]))
                            .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
                    })
                    .collect(),
            ),
        );
        out.push(&format!("{name}{}", SHOWN_SUFFIX), Values::OptText(shown));
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
            if let Values::Count(v) = &**values {
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
        for (name, group) in &t.grouped {
            let (Some(values), Some(col)) = (counts(name), hidden.get_mut(name.as_str())) else {
                continue;
            };
            let mut rows: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
            for (row, &g) in group.iter().enumerate() {
                rows.entry(g).or_default().push(row);
            }
            for rows in rows.values() {
                let parts: Vec<u64> = rows.iter().map(|&r| values[r].unwrap_or(0)).collect();
                // The total stands in another table under its own suppression; when it
                // would be the one hidden here, it equals the hidden part, which is small.
                let (_, hide) = super::suppress::additive(threshold, parts.iter().sum(), &parts);
                for (&r, h) in rows.iter().zip(hide) {
                    col[r] |= h;
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
    /// are suppressed. The same cut as a [`super::Count`] through [`Self::release_json`], for
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
    /// [`super::Count`] becomes its number, or its mask for partners when small.
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

/// The ranked-name columns with only the names this audience can see in each row,
/// up to each column's number kept.
fn keep_visible_ranked_names(t: &ColumnTable, out: &mut ColumnTable) {
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
            *v = Arc::new(Values::Text(kept));
        }
    }
}
