//! Before/after evaluation of a disruption action (docs/design.md §4.11): events in the
//! target (the place, or the person's network), in a buffer around it (a ring of `buffer`
//! metres around a place; the people two ties away from a person) and in the rest of the
//! area as control, before and after the action started. The change in the target is a rate
//! ratio with an exact Poisson interval; displacement into the buffer, or diffusion of
//! benefit, is the Weighted Displacement Quotient of Bowers & Johnson (2003).
//!
//! Counts are of events that carry harm weight (a `missing_from` weighs nothing) and are
//! admitted to analysis; the weighted version uses each event's base and grading weight
//! without recency, so before and after are weighed alike.

mod areas;

use super::stats::{RateRatio, Wdq, rate_ratio, wdq, wdq_reading};
use crate::model::disclosure::{Count, Derived, Phrase};
use crate::model::{Dataset, PersonId, TargetType};
use crate::pipeline::Analysis;
use crate::score::EventWeigher;
use areas::{area_descriptions, area_of, count_areas};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// Windows and buffer of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EvaluationSettings {
    /// Days before the action's start.
    pub before_days: u32,
    /// Days from the action's start.
    pub after_days: u32,
    /// Width of the buffer ring around a place, metres.
    pub buffer_m: f64,
}

impl Default for EvaluationSettings {
    fn default() -> Self {
        EvaluationSettings {
            before_days: 90,
            after_days: 90,
            buffer_m: 400.0,
        }
    }
}

/// Events in one area in the two periods.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Area {
    /// Events before.
    pub before: Count,
    /// Events after.
    pub after: Count,
    /// Their weight before (base × grading); withheld from partners with a small count.
    pub weighted_before: Derived,
    /// Their weight after.
    pub weighted_after: Derived,
}

/// A rate ratio as shown: each number withheld from partners when either count it
/// comes from is small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownRatio {
    /// After ÷ before per day.
    pub ratio: Option<Derived>,
    /// Lower bound of the exact interval.
    pub low: Derived,
    /// Upper bound (none: unbounded).
    pub high: Option<Derived>,
    /// Confidence level.
    pub level: f64,
}

impl ShownRatio {
    fn new(r: RateRatio, from: [u64; 2]) -> Self {
        let d = |value: f64| Derived {
            value,
            from: from.to_vec(),
        };
        ShownRatio {
            ratio: r.ratio.map(d),
            low: d(r.low),
            high: r.high.map(d),
            level: r.level,
        }
    }
}

/// A rate ratio, after ÷ before per day, for each area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratios {
    /// The target.
    pub target: ShownRatio,
    /// The buffer.
    pub buffer: ShownRatio,
    /// The control.
    pub control: ShownRatio,
}

/// The WDQ as shown: withheld from partners when any of the six counts is small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownWdq {
    /// `Ra/Ca − Rb/Cb`.
    pub success_measure: Option<Derived>,
    /// `Ba/Ca − Bb/Cb`.
    pub buffer_displacement: Option<Derived>,
    /// Their quotient.
    pub wdq: Option<Derived>,
}

impl ShownWdq {
    fn new(w: Wdq, from: &[u64]) -> Self {
        let d = |v: Option<f64>| {
            v.map(|value| Derived {
                value,
                from: from.to_vec(),
            })
        };
        ShownWdq {
            success_measure: d(w.success_measure),
            buffer_displacement: d(w.buffer_displacement),
            wdq: d(w.wdq),
        }
    }
}

/// The evaluation of one action.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// `action_id`.
    pub action: String,
    /// The tool, if named.
    pub tool_id: Option<String>,
    /// `offender`, `victim` or `location`.
    pub target_type: TargetType,
    /// The target place (`place_id`), for a location action.
    pub place: Option<String>,
    /// The target person, for an offender or victim action.
    pub person: Option<PersonId>,
    /// The data's as-of date (the evaluation can only see records up to it).
    pub as_of: NaiveDate,
    /// The action's start.
    pub started_on: NaiveDate,
    /// The periods compared, `[from, to)` each, dates.
    pub before: (NaiveDate, NaiveDate),
    /// The period after (cut at as-of when it runs past it).
    pub after: (NaiveDate, NaiveDate),
    /// The windows and buffer.
    pub settings: EvaluationSettings,
    /// What the target, buffer and control are, in words.
    pub areas: [String; 3],
    /// The target.
    pub target: Area,
    /// The buffer.
    pub buffer: Area,
    /// The control.
    pub control: Area,
    /// Rate ratios, after ÷ before per day, with exact 95% intervals.
    pub rate_ratios: Ratios,
    /// The Weighted Displacement Quotient on raw counts.
    pub wdq: ShownWdq,
    /// What it says.
    pub reading: &'static str,
    /// The WDQ on weighted counts.
    pub wdq_weighted: ShownWdq,
    /// What that says.
    pub reading_weighted: &'static str,
    /// Caveats (a short after-period, few events); counts in them are cut like every count.
    pub notes: Vec<Phrase>,
}

/// Why an action cannot be evaluated.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EvaluationError {
    /// No such action.
    #[error("no action '{0}' in the dataset's actions table")]
    UnknownAction(String),
    /// No start date.
    #[error(
        "action '{0}' has no started_on date: there is no before and after to compare (record when it started)"
    )]
    NoStart(String),
    /// The action starts after as-of.
    #[error("action '{0}' starts on {1}, after the data ends ({2}): there is no after period yet")]
    NotStarted(String, NaiveDate, NaiveDate),
}

/// The action `key` and its start date, if it exists, has a start and has started by
/// as-of.
fn started_action<'d>(
    d: &'d Dataset,
    key: &str,
) -> Result<(&'d crate::model::Action, NaiveDate), EvaluationError> {
    let action = d
        .actions
        .iter()
        .find(|x| x.key == key)
        .ok_or_else(|| EvaluationError::UnknownAction(key.to_string()))?;
    let start = action
        .started_on
        .ok_or_else(|| EvaluationError::NoStart(key.to_string()))?;
    if start > d.as_of.0 {
        return Err(EvaluationError::NotStarted(
            key.to_string(),
            start,
            d.as_of.0,
        ));
    }
    Ok((action, start))
}

/// Evaluates the action `key`.
///
/// # Errors
/// [`EvaluationError`] when the action is unknown, has no start, or has not started by
/// as-of.
pub fn evaluate(
    d: &Dataset,
    a: &Analysis,
    key: &str,
    s: EvaluationSettings,
) -> Result<Evaluation, EvaluationError> {
    let (action, start) = started_action(d, key)?;
    let p = periods(d, start, &s);
    let mut notes = Vec::new();
    if p.after_to < p.planned_after {
        notes.push(Phrase::from(format!(
            "the data ends {:.0} days after the start, so the after period is {:.0} days, not {}; rates are per day",
            p.after_days, p.after_days, s.after_days
        )));
    }
    let in_target = area_of(d, a, action, &s);
    let [target, buffer, control] = count_areas(d, a, &p, &*in_target);
    let rr = |x: &Area| {
        ShownRatio::new(
            rate_ratio(x.after.0, p.after_days, x.before.0, p.before_days, 0.95),
            [x.after.0, x.before.0],
        )
    };
    let six = [
        target.before.0,
        target.after.0,
        buffer.before.0,
        buffer.after.0,
        control.before.0,
        control.after.0,
    ];
    let (raw, weighted) = displacement(&p, [&target, &buffer, &control]);
    if target.before.0 + target.after.0 < 10 {
        notes.push(
            Phrase::text("only ")
                .count(target.before.0 + target.after.0)
                .then(" events in the target over both periods: read the ratio with its interval, not alone"),
        );
    }
    let describe = area_descriptions(action.target.kind(), &s);
    let rate_ratios = Ratios {
        target: rr(&target),
        buffer: rr(&buffer),
        control: rr(&control),
    };
    Ok(Evaluation {
        as_of: d.as_of.0,
        action: action.key.clone(),
        tool_id: action.tool_id.clone(),
        target_type: action.target.kind(),
        place: action
            .target
            .place()
            .map(|p| d.places[p.index()].key.clone()),
        person: action.target.person(),
        started_on: start,
        before: (p.before_from.date(), start),
        after: (start, p.after_to.date()),
        settings: s,
        areas: describe,
        target,
        buffer,
        control,
        rate_ratios,
        reading: wdq_reading(&raw),
        wdq: ShownWdq::new(raw, &six),
        reading_weighted: wdq_reading(&weighted),
        wdq_weighted: ShownWdq::new(weighted, &six),
        notes,
    })
}

/// The before and after periods around an action's start.
struct Periods {
    /// The start, at midnight.
    t0: NaiveDateTime,
    /// The before period's first moment.
    before_from: NaiveDateTime,
    /// Where the after period would end if the data went on long enough.
    planned_after: NaiveDateTime,
    /// The after period's end (exclusive): the planned end or the data's end.
    after_to: NaiveDateTime,
    /// The before period's length in days.
    before_days: f64,
    /// The after period's length in days.
    after_days: f64,
}

/// The periods: `before_days` before the start, and `after_days` after it or up to
/// the data's end, whichever comes first.
fn periods(d: &Dataset, start: NaiveDate, s: &EvaluationSettings) -> Periods {
    let t0 = start.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Windows are bounded by the command line (at most MAX_WINDOW_DAYS); saturate at the
    // calendar's ends all the same, so no setting can overflow the date arithmetic.
    let before_from = t0
        .checked_sub_signed(chrono::Duration::days(i64::from(s.before_days)))
        .unwrap_or(chrono::NaiveDateTime::MIN);
    let planned_after = t0
        .checked_add_signed(chrono::Duration::days(i64::from(s.after_days)))
        .unwrap_or(chrono::NaiveDateTime::MAX);
    let after_to = planned_after.min(d.as_of.cutoff() + chrono::Duration::seconds(1));
    let before_days = f64::from(s.before_days);
    let after_days = (after_to - t0).num_seconds() as f64 / 86_400.0;
    Periods {
        t0,
        before_from,
        planned_after,
        after_to,
        before_days,
        after_days,
    }
}

/// The Weighted Displacement Quotient on raw and on weighted counts, from rates per
/// day, so a short after period compares fairly.
fn displacement(p: &Periods, [target, buffer, control]: [&Area; 3]) -> (Wdq, Wdq) {
    let per_day = |x: f64, days: f64| x / days;
    let (before_days, after_days) = (p.before_days, p.after_days);
    let raw = wdq(
        per_day(target.before.0 as f64, before_days),
        per_day(target.after.0 as f64, after_days),
        per_day(buffer.before.0 as f64, before_days),
        per_day(buffer.after.0 as f64, after_days),
        per_day(control.before.0 as f64, before_days),
        per_day(control.after.0 as f64, after_days),
    );
    let weighted = wdq(
        per_day(target.weighted_before.value, before_days),
        per_day(target.weighted_after.value, after_days),
        per_day(buffer.weighted_before.value, before_days),
        per_day(buffer.weighted_after.value, after_days),
        per_day(control.weighted_before.value, before_days),
        per_day(control.weighted_after.value, after_days),
    );
    (raw, weighted)
}

/// Events in an action's target in the period before it started: the baseline a change
/// is measured against (0: nothing to measure). Counts as [`evaluate`] does, through the
/// event index, so a plan review can check every action cheaply.
///
/// # Errors
/// As [`evaluate`].
pub fn baseline(
    d: &Dataset,
    a: &Analysis,
    key: &str,
    s: EvaluationSettings,
) -> Result<u64, EvaluationError> {
    let (action, start) = started_action(d, key)?;
    let t0 = start.and_hms_opt(0, 0, 0).unwrap_or_default();
    let from = t0 - chrono::Duration::days(i64::from(s.before_days));
    let weigher = EventWeigher::new(&a.location.settings, d.as_of);
    let mut events: Vec<crate::model::EventId> = match action.target {
        crate::model::ActionTarget::Location(p) => a.events.place(p).to_vec(),
        crate::model::ActionTarget::Offender(p) | crate::model::ActionTarget::Victim(p) => {
            let g = &a.network.network.persons;
            std::iter::once(p.0)
                .chain(g.neighbours(p.index()).iter().copied())
                .flat_map(|q| a.events.person(PersonId(q)).iter().copied())
                .collect()
        }
    };
    events.sort_unstable();
    events.dedup();
    Ok(events
        .iter()
        .map(|id| &d.events[id.index()])
        .filter(|e| e.occurred_at >= from && e.occurred_at < t0)
        .filter(|e| weigher.weigh(e).base > 0.0)
        .count() as u64)
}
