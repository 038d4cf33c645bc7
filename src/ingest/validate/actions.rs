use super::{Context, Outcome, validate_rows};
use crate::ingest::{RawTable, Reason, Table};
use crate::model::{Action, ActionId, ActionStatus, ActionTarget, PersonId, PlaceId, TargetType};

/// Validates `actions`: a unique `action_id`, a known `target_type` whose `target_id` is
/// an accepted person (`offender`, `victim`) or place (`location`), a known `status`,
/// and `ended_on` no earlier than `started_on`.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<Action> {
    validate_rows(raw, Some("action_id"), |rc, index| {
        let key = rc.required("action_id");
        let target_type = rc.vocab::<TargetType>("target_type");
        let target_key = rc.required("target_id");
        // Resolve only when both columns were readable; their own problems are recorded.
        let resolved = match (target_type, target_key) {
            (Some(TargetType::Location), Some(k)) => Some(
                ctx.places
                    .resolve("target_id", k, Table::Places)
                    .map(|i| ActionTarget::Location(PlaceId(i))),
            ),
            (Some(TargetType::Offender), Some(k)) => Some(
                ctx.people
                    .resolve("target_id", k, Table::People)
                    .map(|i| ActionTarget::Offender(PersonId(i))),
            ),
            (Some(TargetType::Victim), Some(k)) => Some(
                ctx.people
                    .resolve("target_id", k, Table::People)
                    .map(|i| ActionTarget::Victim(PersonId(i))),
            ),
            _ => None,
        };
        let target = resolved.and_then(|r| r.map_err(|reason| rc.push(reason)).ok());
        let started_on = rc.date_opt("started_on");
        let ended_on = rc.date_opt("ended_on");
        if let (Some(s), Some(e)) = (started_on, ended_on)
            && e < s
        {
            rc.push(Reason::column(
                "ended_on",
                "before started_on",
                format!("{e} is before started_on {s}"),
            ));
        }
        let status = rc.vocab_opt::<ActionStatus>("status");
        Some(Action {
            id: ActionId(index),
            key: key?.to_string(),
            tool_id: rc.optional("tool_id"),
            target: target?,
            agency: rc.optional("agency"),
            started_on,
            ended_on,
            status,
            note: rc.optional("note"),
        })
    })
}
