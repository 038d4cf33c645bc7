//! The disproportionality monitor. The Gangs Violence Matrix listed young Black men far
//! beyond their share of those harmed or offending (Amnesty 2018; ICO enforcement notice,
//! 2018), which was a large part of why it was found unlawful. Where the data records sex,
//! ethnicity or birth year, every run compares the make-up of the persons-of-concern top
//! list, and of the people in the network, with the dataset's own population, so a skew
//! is seen and questioned, never silently built in.
//!
//! Shares are compared as a ratio: share in the group ÷ share in the base. A ratio of
//! 1.25 or more, or 0.8 or less (the "four-fifths rule" of adverse-impact analysis, US
//! EEOC 1978), is flagged when both the group and the base hold at least the suppression
//! threshold of that category, so a ratio on two people is not news. Per-person
//! attributes are never shown; only counts, which partner outputs suppress along with the
//! shares and ratios computed from them.

use super::{Count, Derived};
use crate::model::{Dataset, PersonId};
use crate::score::NetworkAnalysis;
use serde::Serialize;
use std::collections::BTreeMap;

/// One category of one attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// The recorded value (`female`, `Black`, `18-24`, …), or `not recorded`.
    pub value: String,
    /// People in the base population with it.
    pub base: Count,
    /// Its share of the base (people with the attribute recorded), `[0, 1]`.
    pub base_share: Derived,
    /// People in the group with it.
    pub group: Count,
    /// Its share of the group, `[0, 1]`.
    pub group_share: Derived,
    /// `group_share / base_share` (0 when the base has none).
    pub ratio: Derived,
    /// The ratio is ≥ 1.25 or ≤ 0.8, and the group and base hold enough people to say so.
    pub flagged: bool,
}

/// One attribute compared for one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// `sex`, `ethnicity` or `age_band`.
    pub attribute: &'static str,
    /// What is compared: `persons_of_concern_top` or `network_members`.
    pub group: &'static str,
    /// The base population: `all_people` or `all_persons_of_concern`.
    pub base: &'static str,
    /// Categories, largest base first.
    pub categories: Vec<Category>,
}

/// The monitor's findings.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Disproportionality {
    /// Attributes the data records (others are not monitored).
    pub attributes_recorded: Vec<&'static str>,
    /// Every comparison.
    pub comparisons: Vec<Comparison>,
    /// Flagged categories, as sentences for the report.
    pub flags: Vec<String>,
}

/// Age bands at as-of, from the birth year (the upper age of the range it allows).
fn age_band(age: i32) -> &'static str {
    match age {
        ..=17 => "under 18",
        18..=24 => "18-24",
        25..=34 => "25-34",
        35..=49 => "35-49",
        _ => "50+",
    }
}

/// How many of the top persons of concern the disproportionality monitor compares with
/// everyone who has a tie.
pub const MONITORED_TOP: usize = 20;

/// The monitor on the top [`MONITORED_TOP`] persons of concern of `a` and everyone with a
/// tie in it; groups smaller than `min_count` are not compared (the audience's
/// small-count threshold). What every command that runs the network compares.
pub fn monitor_network(d: &Dataset, a: &NetworkAnalysis, min_count: u64) -> Disproportionality {
    let top: Vec<PersonId> = a
        .connections
        .iter()
        .take(MONITORED_TOP)
        .map(|s| s.person)
        .collect();
    let members: Vec<PersonId> = d
        .people
        .iter()
        .filter(|p| a.degree[p.id.index()] > 0)
        .map(|p| p.id)
        .collect();
    monitor(d, &top, &members, min_count)
}

/// Compares the persons-of-concern `top` list with all persons of concern, and the
/// network `members` with all people, on each recorded attribute.
///
/// # Arguments
/// * `min_count` — a category is flagged only when the group and the base each hold at
///   least this many people of it (the suppression threshold).
pub fn monitor(
    d: &Dataset,
    top: &[PersonId],
    members: &[PersonId],
    min_count: u64,
) -> Disproportionality {
    type Attr<'d> = (&'static str, Box<dyn Fn(PersonId) -> Option<String> + 'd>);
    let attrs: Vec<Attr> = vec![
        (
            "sex",
            Box::new(|p: PersonId| d.people[p.index()].sex.as_deref().map(normalise)),
        ),
        (
            "ethnicity",
            Box::new(|p: PersonId| d.people[p.index()].ethnicity.as_deref().map(normalise)),
        ),
        (
            "age_band",
            Box::new(|p: PersonId| {
                d.people[p.index()]
                    .age_range(d.as_of)
                    .map(|(_, max)| age_band(max).to_string())
            }),
        ),
    ];
    let everyone: Vec<PersonId> = d.people.iter().map(|p| p.id).collect();
    let pocs: Vec<PersonId> = d
        .people
        .iter()
        .filter(|p| p.role == crate::model::Role::Perpetrator)
        .map(|p| p.id)
        .collect();
    let mut out = Disproportionality::default();
    for (name, value) in &attrs {
        if !everyone.iter().any(|p| value(*p).is_some()) {
            continue;
        }
        out.attributes_recorded.push(name);
        for (group_name, group, base_name, base) in [
            (
                "persons_of_concern_top",
                top,
                "all_persons_of_concern",
                &pocs[..],
            ),
            ("network_members", members, "all_people", &everyone[..]),
        ] {
            let c = compare(name, group_name, group, base_name, base, value, min_count);
            for cat in c.categories.iter().filter(|c| c.flagged) {
                out.flags.push(format!(
                    "{group_name}: {name} '{}' is {:.0}% of the group against {:.0}% of {base_name} (ratio {:.2})",
                    cat.value,
                    100.0 * cat.group_share.value,
                    100.0 * cat.base_share.value,
                    cat.ratio.value
                ));
            }
            out.comparisons.push(c);
        }
    }
    out
}

fn normalise(v: &str) -> String {
    v.trim().to_lowercase()
}

fn compare(
    attribute: &'static str,
    group_name: &'static str,
    group: &[PersonId],
    base_name: &'static str,
    base: &[PersonId],
    value: &dyn Fn(PersonId) -> Option<String>,
    min_count: u64,
) -> Comparison {
    let tally = |people: &[PersonId]| {
        let mut t: BTreeMap<String, u64> = BTreeMap::new();
        for p in people {
            let v = value(*p).unwrap_or_else(|| "not recorded".to_string());
            *t.entry(v).or_default() += 1;
        }
        t
    };
    let (b, g) = (tally(base), tally(group));
    // Shares among people with the attribute recorded: "not recorded" is shown but not
    // part of the denominators, so missing data does not dilute a skew.
    let recorded = |t: &BTreeMap<String, u64>| -> u64 {
        t.iter()
            .filter(|(k, _)| *k != "not recorded")
            .map(|(_, n)| n)
            .sum()
    };
    let (bn, gn) = (recorded(&b), recorded(&g));
    let mut categories: Vec<Category> = b
        .keys()
        .chain(g.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|k| {
            let (bc, gc) = (
                b.get(k).copied().unwrap_or(0),
                g.get(k).copied().unwrap_or(0),
            );
            let share = |n: u64, of: u64| {
                if k == "not recorded" || of == 0 {
                    0.0
                } else {
                    n as f64 / of as f64
                }
            };
            let (bs, gs) = (share(bc, bn), share(gc, gn));
            let ratio = if bs > 0.0 { gs / bs } else { 0.0 };
            let derived = |value: f64| Derived {
                value,
                from: vec![bc, gc],
            };
            Category {
                value: k.clone(),
                base: Count(bc),
                base_share: derived(bs),
                group: Count(gc),
                group_share: derived(gs),
                ratio: derived(ratio),
                flagged: k != "not recorded"
                    && gc >= min_count
                    && bc >= min_count
                    && bs > 0.0
                    && (ratio >= 1.25 || ratio <= 0.8),
            }
        })
        .collect();
    categories.sort_by(|x, y| y.base.cmp(&x.base).then(x.value.cmp(&y.value)));
    Comparison {
        attribute,
        group: group_name,
        base: base_name,
        categories,
    }
}
