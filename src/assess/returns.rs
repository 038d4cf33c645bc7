//! After a missing episode: was the child seen the same day they came back, and was a
//! return home interview recorded? Seed 000 asks practitioners to "prioritise seeing
//! them the same day of their return"; the DfE statutory guidance on children who run
//! away or go missing from home or care (2014) asks for an independent return home
//! interview, normally within 72 hours. Both are contacts with the child that the records
//! can show or not show: a gap is a prompt for the meeting, not a finding about anyone.

use crate::model::{Dataset, EventId, EventIndex, EventKind, PersonId, Role};
use serde::Serialize;

/// A return home interview is due within this many hours of the child's return.
pub const RHI_HOURS: i64 = 72;

/// Whether a contact after a return is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    /// A record shows it.
    Recorded,
    /// Its time has passed with no record of it: a gap.
    NotRecorded,
    /// Its time has not passed by the end of the as-of day (the records of that day
    /// may not all be in yet).
    NotYetDue,
}

impl Contact {
    /// Whether this is a gap to flag.
    pub fn is_gap(self) -> bool {
        self == Contact::NotRecorded
    }
}

/// One return from a missing episode: the record of the child being found, and the
/// contacts recorded after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Return {
    /// The found record's `event_id`.
    pub found_event: String,
    /// When the child was found (local time as written).
    pub found_at: String,
    /// Where (`place_id`), if recorded.
    pub place: Option<String>,
    /// A contact the same day: a separate record that day, at or after the return,
    /// involving the child with a professional, or a return home interview mention.
    pub same_day_contact: Contact,
    /// That record's `event_id`.
    pub same_day_event: Option<String>,
    /// A return home interview (`rhi_mention`) within [`RHI_HOURS`] of the return.
    pub return_interview: Contact,
    /// That record's `event_id`.
    pub return_interview_event: Option<String>,
}

impl Return {
    /// The gaps, as sentences naming the found record.
    pub fn gaps(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.same_day_contact.is_gap() {
            v.push(format!(
                "no same-day contact recorded after the return of {} (found record {})",
                self.found_at, self.found_event
            ));
        }
        if self.return_interview.is_gap() {
            v.push(format!(
                "no return home interview recorded within {RHI_HOURS} hours of the return of {} (found record {})",
                self.found_at, self.found_event
            ));
        }
        v
    }
}

/// The child's returns from missing episodes, in time order, from the records the
/// analysis uses (`used`, by event index).
///
/// # Complexity
/// O(P log k + k²) for P event–person rows and k records of the child: for one child.
/// For many, [`returns_indexed`] reads an [`EventIndex`] built once instead.
pub fn returns(d: &Dataset, used: &[bool], child: PersonId) -> Vec<Return> {
    let mut mine: Vec<EventId> = d
        .event_people
        .iter()
        .filter(|ep| ep.person == child && used.get(ep.event.index()).copied().unwrap_or(false))
        .map(|ep| ep.event)
        .collect();
    let at = |e: EventId| d.events[e.index()].occurred_at;
    mine.sort_by_key(|e| (at(*e), d.events[e.index()].key.clone()));
    mine.dedup();
    let own: std::collections::BTreeSet<EventId> = mine.iter().copied().collect();
    let seen_by_professional: std::collections::BTreeSet<EventId> = d
        .event_people
        .iter()
        .filter(|ep| {
            own.contains(&ep.event)
                && ep.person != child
                && d.people[ep.person.index()].role == Role::Professional
        })
        .map(|ep| ep.event)
        .collect();
    returns_of(d, &mine, |e| seen_by_professional.contains(&e))
}

/// The same as [`returns`], from an index of the admitted events by person (the records
/// the analysis uses are admitted).
///
/// # Complexity
/// O(k² + Σ people of the child's records) for k records of the child.
pub(crate) fn returns_indexed(
    d: &Dataset,
    events: &EventIndex,
    used: &[bool],
    child: PersonId,
) -> Vec<Return> {
    let mine: Vec<EventId> = events
        .person(child)
        .iter()
        .copied()
        .filter(|e| used.get(e.index()).copied().unwrap_or(false))
        .collect();
    returns_of(d, &mine, |e| {
        events
            .people_of(e)
            .iter()
            .any(|p| *p != child && d.people[p.index()].role == Role::Professional)
    })
}

/// The returns among a child's records `mine` (in time order), with whether a
/// professional is recorded in each.
fn returns_of(
    d: &Dataset,
    mine: &[EventId],
    with_professional: impl Fn(EventId) -> bool,
) -> Vec<Return> {
    let at = |e: EventId| d.events[e.index()].occurred_at;
    let is_rhi = |e: EventId| d.events[e.index()].kind == EventKind::RhiMention;
    let contacts: Vec<(EventId, bool)> = mine
        .iter()
        .copied()
        .filter(|&e| d.events[e.index()].kind != EventKind::MissingFound)
        .filter_map(|e| {
            let rhi = is_rhi(e);
            (rhi || with_professional(e)).then_some((e, rhi))
        })
        .collect();
    let cutoff = d.as_of.cutoff();
    let key = |e: EventId| d.events[e.index()].key.to_string();
    mine.iter()
        .copied()
        .filter(|&e| d.events[e.index()].kind == EventKind::MissingFound)
        .map(|found| {
            let t = at(found);
            let end_of_day = t
                .date()
                .succ_opt()
                .map_or(cutoff, |n| n.and_time(chrono::NaiveTime::MIN));
            let same_day = contacts
                .iter()
                .find(|(e, _)| at(*e) >= t && at(*e) < end_of_day)
                .map(|(e, _)| *e);
            let rhi_by = t + chrono::Duration::hours(RHI_HOURS);
            let rhi = contacts
                .iter()
                .find(|(e, rhi)| *rhi && at(*e) >= t && at(*e) <= rhi_by)
                .map(|(e, _)| *e);
            let status = |found: Option<EventId>, due: chrono::NaiveDateTime| match found {
                Some(_) => Contact::Recorded,
                None if due >= cutoff => Contact::NotYetDue,
                None => Contact::NotRecorded,
            };
            Return {
                found_event: key(found),
                found_at: t.format("%Y-%m-%d %H:%M").to_string(),
                place: d.events[found.index()]
                    .place
                    .map(|p| d.places[p.index()].key.clone()),
                same_day_contact: status(same_day, end_of_day),
                same_day_event: same_day.map(key),
                return_interview: status(rhi, rhi_by),
                return_interview_event: rhi.map(key),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::BetweennessMode;
    use crate::ingest::{IngestOptions, load};
    use crate::score::Settings;

    /// The indexed reading gives every child of the example borough the returns the scan
    /// of every event–person row gives.
    #[test]
    fn the_index_and_the_scan_find_the_same_returns() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
        let l = load(&dir, &IngestOptions::default()).expect("loads");
        let d = &l.dataset;
        let a = crate::Analysis::run(d, &Settings::default(), None, BetweennessMode::Exact)
            .expect("runs");
        let used = &a.network.network.used;
        let mut found = 0;
        for c in d.people.iter().filter(|p| p.role == Role::Child) {
            let scan = serde_json::to_value(returns(d, used, c.id)).expect("json");
            let indexed = serde_json::to_value(returns_indexed(d, &a.events, used, c.id));
            assert_eq!(scan, indexed.expect("json"), "{}", c.key);
            found += scan.as_array().map_or(0, Vec::len);
        }
        assert!(found > 20, "the example should hold returns: {found}");
    }
}
