//! A tool's conditions on a child's age and legal status: which of the alternatives
//! (age range, care order, looked after, …) a child meets, and why.

use super::Verdict;
use crate::model::{Dataset, Person, PersonId};
use crate::toolkit::AgeCare;

/// Whether `p` meets one of `alternatives`, and why.
pub(super) fn age_care(
    alternatives: &[AgeCare],
    p: &Person,
    d: &Dataset,
    who: &str,
) -> (Verdict, String) {
    alternatives
        .iter()
        .map(|a| one_age_care(a, p, d, who))
        .max_by(|x, y| x.0.cmp(&y.0))
        .unwrap_or((Verdict::Holds, String::new()))
}

fn one_age_care(a: &AgeCare, p: &Person, d: &Dataset, who: &str) -> (Verdict, String) {
    let mut verdict = Verdict::Holds;
    let mut why = Vec::new();
    let age = p.age_range(d.as_of);
    let want = match (a.min_age, a.max_age) {
        (Some(lo), Some(hi)) => format!("aged {lo}–{hi}"),
        (Some(lo), None) => format!("aged {lo} or over"),
        (None, Some(hi)) => format!("under {}", hi + 1),
        (None, None) => String::new(),
    };
    if !want.is_empty() {
        match age {
            None => {
                verdict = verdict.min(Verdict::Unknown);
                why.push(format!("{want}: birth year not recorded"));
            }
            Some((youngest, oldest)) => {
                let surely = a.min_age.is_none_or(|lo| youngest >= lo)
                    && a.max_age.is_none_or(|hi| oldest <= hi);
                let never = a.min_age.is_some_and(|lo| oldest < lo)
                    || a.max_age.is_some_and(|hi| youngest > hi);
                let aged = if youngest == oldest {
                    format!("{oldest}")
                } else {
                    format!("{youngest}–{oldest}")
                };
                if surely {
                    why.push(format!("{who} is {want} (aged {aged})"));
                } else if never {
                    verdict = Verdict::Fails;
                    why.push(format!("{want}; {who} is aged {aged}"));
                } else {
                    verdict = verdict.min(Verdict::Unknown);
                    why.push(format!(
                        "{want}; {who} is aged {aged} by birth year: check the date of birth"
                    ));
                }
            }
        }
    }
    if let Some(la) = a.looked_after {
        match p.looked_after {
            Some(x) if x == la => why.push(format!(
                "{who} is {}looked after",
                if la { "" } else { "not " }
            )),
            Some(_) => {
                verdict = Verdict::Fails;
                why.push(format!(
                    "{} looked-after children; {who} is {}",
                    if la { "for" } else { "not for" },
                    if la {
                        "not looked after"
                    } else {
                        "looked after"
                    }
                ));
            }
            None => {
                verdict = verdict.min(Verdict::Unknown);
                why.push("looked-after status not recorded".to_string());
            }
        }
    }
    if !a.care_status.is_empty() {
        let (v, detail) = care_status(&a.care_status, p, who);
        verdict = verdict.min(v);
        why.push(detail);
    }
    (verdict, why.join("; "))
}

/// Whether `p`'s legal status is one of `wanted`. A status not recorded is a check when
/// the child is recorded as looked after (looked after includes s.20 accommodation, which
/// no order gives), and fails when they are recorded as not looked after.
fn care_status(wanted: &[crate::model::CareStatus], p: &Person, who: &str) -> (Verdict, String) {
    let want = wanted
        .iter()
        .map(|s| s.in_words())
        .collect::<Vec<_>>()
        .join(" or ");
    match (p.care_status, p.looked_after) {
        (Some(s), _) if wanted.contains(&s) => (
            Verdict::Holds,
            format!("{who} is subject to {}", s.in_words()),
        ),
        (Some(s), _) => (
            Verdict::Fails,
            format!("needs {want}; {who} has {}", s.in_words()),
        ),
        (None, Some(true)) => (
            Verdict::Unknown,
            format!(
                "{who} is looked after but the legal status is not recorded: check with Children's Social Care for {want} (accommodation under s.20 does not count)"
            ),
        ),
        (None, Some(false)) => (
            Verdict::Fails,
            format!("needs {want}; {who} is not looked after and no such order is recorded"),
        ),
        (None, None) => (
            Verdict::Unknown,
            format!("needs {want}: legal status not recorded, check with Children's Social Care"),
        ),
    }
}

/// For an offender tool with a condition on the child: the best verdict over the
/// children tied to the person.
pub(super) fn best_child(
    alternatives: &[AgeCare],
    children: &[PersonId],
    d: &Dataset,
) -> (Verdict, String) {
    if children.is_empty() {
        return (
            Verdict::Fails,
            "no child is tied to this person".to_string(),
        );
    }
    let mut results: Vec<(Verdict, String)> = children
        .iter()
        .map(|c| {
            age_care(
                alternatives,
                &d.people[c.index()],
                d,
                "a child tied to them",
            )
        })
        .collect();
    results.sort_by_key(|r| std::cmp::Reverse(r.0));
    let holding = results.iter().filter(|r| r.0 == Verdict::Holds).count();
    let (v, why) = results.swap_remove(0);
    if holding > 1 {
        (
            v,
            format!("{why} ({holding} children tied to them qualify)"),
        )
    } else {
        (v, why)
    }
}
