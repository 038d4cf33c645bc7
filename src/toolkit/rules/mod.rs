//! Whether a tool's conditions hold for a place, a person of concern or a child, with
//! the reason for every condition and the records that show it. A condition the data
//! cannot settle (a licence or birth year not recorded) is `Unknown`, reported as a gap
//! to check, never silently taken as met.

use super::indicators::{Indicated, indicators};
use super::{Conditions, EventCondition, Tool, ToolTarget};
use crate::model::disclosure::Count;
use crate::model::{Dataset, EventId, EventIndex, PersonId, PlaceId};
use serde::Serialize;

mod age_and_care;
use age_and_care::{age_care, best_child};

/// Whether a condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data shows it does not hold.
    Fails,
    /// The data cannot say (not recorded, or a birth year on the boundary).
    Unknown,
    /// The data shows it holds.
    Holds,
}

/// One condition checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Which condition: `place kind`, `licensed`, `evidence`, `child`, `person`, `not
    /// recorded`.
    pub condition: &'static str,
    /// Its verdict.
    pub verdict: Verdict,
    /// Why, in words ("the place is a hotel", "licence status not recorded").
    pub detail: String,
}

/// What the records already show towards a tool: matching events in its window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The window, days before as-of.
    pub window_days: u32,
    /// Matching events in it.
    pub events: Count,
    /// How many the tool's condition asks for.
    pub needed: usize,
    /// The events, in time order.
    #[serde(skip)]
    pub event_ids: Vec<EventId>,
}

/// A tool considered for a subject.
#[derive(Debug, Clone, Serialize)]
pub struct Applicability<'c> {
    /// The tool.
    #[serde(skip)]
    pub tool: &'c Tool,
    /// `Holds` when every condition holds; `Unknown` when none fails but some cannot
    /// be settled; `Fails` when any fails.
    pub verdict: Verdict,
    /// Every condition, with why.
    pub checks: Vec<Check>,
    /// The events in the tool's window, when it has an evidence condition.
    pub evidence: Option<Evidence>,
    /// The records that raised it to "check first" when the evidence condition failed.
    pub indicators: Option<Indicated>,
}

/// What a tool is considered for.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A place (location tools).
    Place(PlaceId),
    /// A person of concern (offender tools), with the children tied to them (for
    /// conditions on the child, such as a Child Abduction Warning Notice's).
    PersonOfConcern(PersonId, &'a [PersonId]),
    /// A child (victim tools).
    Child(PersonId),
}

impl Subject<'_> {
    /// The kind of tool that acts on this subject.
    pub fn target(&self) -> ToolTarget {
        match self {
            Subject::Place(_) => ToolTarget::Location,
            Subject::PersonOfConcern(..) => ToolTarget::Offender,
            Subject::Child(_) => ToolTarget::Victim,
        }
    }
}

// A query of the model's event index by the toolkit's subject.
impl EventIndex {
    /// A subject's events, in time order: at the place, or involving the person.
    pub fn of(&self, s: &Subject) -> &[EventId] {
        match s {
            Subject::Place(p) => self.place(*p),
            Subject::PersonOfConcern(p, _) | Subject::Child(p) => self.person(*p),
        }
    }
}

/// Considers `tool` for `subject`, from the admitted events in `index`.
pub fn consider<'c>(
    tool: &'c Tool,
    d: &Dataset,
    subject: &Subject,
    index: &EventIndex,
) -> Applicability<'c> {
    let events = index.of(subject);
    let c: &Conditions = &tool.applies;
    let mut checks = Vec::new();
    checks.extend(place_kind_check(c, d, subject));
    checks.extend(licensed_check(c, d, subject));
    checks.extend(child_check(c, d, subject));
    checks.extend(person_check(c, d, subject));
    for fact in &c.unrecorded {
        checks.push(Check {
            condition: "not recorded",
            verdict: Verdict::Unknown,
            detail: format!(
                "{fact}: not in these records; check with {}",
                tool.lead_agency
            ),
        });
    }
    let evidence = c.events.as_ref().map(|ec| count_evidence(ec, d, events));
    let mut indicated = None;
    if let (Some(ec), Some(ev)) = (&c.events, &evidence) {
        let (check, found) = evidence_check(c, ec, ev, d, subject, events, index);
        indicated = found;
        checks.push(check);
    }
    let verdict = checks
        .iter()
        .map(|c| c.verdict)
        .min()
        .unwrap_or(Verdict::Holds);
    Applicability {
        tool,
        verdict,
        checks,
        evidence,
        indicators: indicated,
    }
}

/// For a place, when the tool is for some kinds of place only: whether it is one.
fn place_kind_check(c: &Conditions, d: &Dataset, subject: &Subject) -> Option<Check> {
    if !c.place_kinds.is_empty()
        && let Subject::Place(p) = subject
    {
        let kind = d.places[p.index()].kind;
        let ok = c.place_kinds.contains(&kind);
        return Some(Check {
            condition: "place kind",
            verdict: if ok { Verdict::Holds } else { Verdict::Fails },
            detail: if ok {
                format!("the place is a {kind}")
            } else {
                format!(
                    "for {} only; this is a {kind}",
                    c.place_kinds
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        });
    }
    None
}

/// For a place, when the tool turns on a premises licence: whether it holds one as
/// the tool needs, or that it is not recorded.
fn licensed_check(c: &Conditions, d: &Dataset, subject: &Subject) -> Option<Check> {
    let (Some(want), Subject::Place(p)) = (c.licensed, subject) else {
        return None;
    };
    let (verdict, detail) = match d.places[p.index()].licensed {
        Some(has) if has == want => (
            Verdict::Holds,
            if want {
                "it holds a premises licence"
            } else {
                "it holds no premises licence"
            }
            .to_string(),
        ),
        Some(_) => (
            Verdict::Fails,
            if want {
                "it holds no premises licence"
            } else {
                "it holds a premises licence"
            }
            .to_string(),
        ),
        None => (
            Verdict::Unknown,
            "whether it holds a premises licence is not recorded: check the licensing register"
                .to_string(),
        ),
    };
    Some(Check {
        condition: "licensed",
        verdict,
        detail,
    })
}

/// When the tool has conditions on the child: whether the child (or, for a person of
/// concern, the best placed of the children tied to them) meets them.
fn child_check(c: &Conditions, d: &Dataset, subject: &Subject) -> Option<Check> {
    if c.child.is_empty() {
        return None;
    }
    let (verdict, detail) = match subject {
        Subject::Child(p) => age_care(&c.child, &d.people[p.index()], d, "the child"),
        Subject::PersonOfConcern(_, children) => best_child(&c.child, children, d),
        Subject::Place(_) => (Verdict::Holds, String::new()),
    };
    (!detail.is_empty()).then_some(Check {
        condition: "child",
        verdict,
        detail,
    })
}

/// For a person of concern, when the tool has conditions on the person: whether they
/// meet them.
fn person_check(c: &Conditions, d: &Dataset, subject: &Subject) -> Option<Check> {
    if !c.person.is_empty()
        && let Subject::PersonOfConcern(p, _) = subject
    {
        let (verdict, detail) = age_care(&c.person, &d.people[p.index()], d, "the person");
        return Some(Check {
            condition: "person",
            verdict,
            detail,
        });
    }
    None
}

/// Whether the records meet the tool's evidence condition; for a place that falls
/// short, the indicators that make it "check first" instead, if the records show any.
fn evidence_check(
    c: &Conditions,
    ec: &EventCondition,
    ev: &Evidence,
    d: &Dataset,
    subject: &Subject,
    events: &[EventId],
    index: &EventIndex,
) -> (Check, Option<Indicated>) {
    let mut indicated = None;
    // The count itself is in `evidence` (a count, suppressed for partners); the
    // sentence says only whether the threshold is met.
    let n = ev.event_ids.len();
    let (verdict, detail) = if n >= ec.min {
        (
            Verdict::Holds,
            format!(
                "{} in the last {} days: at least the {} needed",
                describe(ec),
                ec.within_days,
                ec.min
            ),
        )
    } else {
        let short = format!(
            "fewer than the {} {} needed in the last {} days",
            ec.min,
            describe(ec),
            ec.within_days
        );
        match (&c.indicators, subject) {
            (Some(ic), Subject::Place(_)) => match indicators(ic, d, events, index) {
                Some(found) => {
                    let detail = format!(
                        "{short}, but the records show {} in the last {} days: check first, to establish {}",
                        found.which.join("; "),
                        ic.within_days,
                        ic.must_establish
                    );
                    indicated = Some(found);
                    (Verdict::Unknown, detail)
                }
                None => (Verdict::Fails, short),
            },
            _ => (Verdict::Fails, short),
        }
    };
    let check = Check {
        condition: "evidence",
        verdict,
        detail,
    };
    (check, indicated)
}

/// Every tool of the subject's kind, considered; those that hold first.
pub fn consider_all<'c>(
    tools: &'c [Tool],
    d: &Dataset,
    subject: &Subject,
    index: &EventIndex,
) -> Vec<Applicability<'c>> {
    let mut v: Vec<Applicability<'c>> = tools
        .iter()
        .filter(|t| t.target == subject.target())
        .map(|t| consider(t, d, subject, index))
        .collect();
    v.sort_by(|a, b| b.verdict.cmp(&a.verdict).then(a.tool.id.cmp(&b.tool.id)));
    v
}

fn describe(ec: &EventCondition) -> String {
    let kinds = if ec.kinds.is_empty() {
        "event".to_string()
    } else {
        ec.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join("/")
    };
    let plural = if kinds == "event" {
        "events".to_string()
    } else {
        format!("{kinds} events")
    };
    if ec.categories.is_empty() {
        plural
    } else {
        format!("{} {plural}", ec.categories.join("/"))
    }
}

/// Events matching the condition within its window before as-of.
fn count_evidence(ec: &EventCondition, d: &Dataset, events: &[EventId]) -> Evidence {
    let cutoff = d.as_of.cutoff();
    let window = chrono::Duration::days(i64::from(ec.within_days));
    let ids: Vec<EventId> = events
        .iter()
        .copied()
        .filter(|id| {
            let e = &d.events[id.index()];
            let in_window = e.occurred_at <= cutoff && cutoff - e.occurred_at <= window;
            let kind_ok = ec.kinds.is_empty() || ec.kinds.contains(&e.kind);
            let cat_ok = ec.categories.is_empty()
                || e.category
                    .as_deref()
                    .is_some_and(|c| ec.categories.iter().any(|x| x.eq_ignore_ascii_case(c)));
            in_window && kind_ok && cat_ok
        })
        .collect();
    Evidence {
        window_days: ec.within_days,
        events: Count(ids.len() as u64),
        needed: ec.min,
        event_ids: ids,
    }
}
