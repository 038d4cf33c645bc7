use super::{ActionId, ActionStatus, PersonId, PlaceId, TargetType};
use chrono::NaiveDate;
use serde::Serialize;

/// What a disruption action is aimed at, resolved to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ActionTarget {
    /// A person of concern (target_type `offender`).
    Offender(PersonId),
    /// A child (target_type `victim`).
    Victim(PersonId),
    /// A place (target_type `location`).
    Location(PlaceId),
}

impl ActionTarget {
    /// `offender`, `victim` or `location`.
    pub fn kind(self) -> TargetType {
        match self {
            ActionTarget::Offender(_) => TargetType::Offender,
            ActionTarget::Victim(_) => TargetType::Victim,
            ActionTarget::Location(_) => TargetType::Location,
        }
    }

    /// The place, for a location action.
    pub fn place(self) -> Option<PlaceId> {
        match self {
            ActionTarget::Location(p) => Some(p),
            _ => None,
        }
    }

    /// The person, for an offender or victim action.
    pub fn person(self) -> Option<PersonId> {
        match self {
            ActionTarget::Offender(p) | ActionTarget::Victim(p) => Some(p),
            ActionTarget::Location(_) => None,
        }
    }
}

/// A disruption action from the plan, for plan review and before/after evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Dense id.
    pub id: ActionId,
    /// `action_id` as given in the input.
    pub key: String,
    /// The tool from the disruption catalogue, if named.
    pub tool_id: Option<String>,
    /// Who or what it targets.
    pub target: ActionTarget,
    /// The agency carrying it out.
    pub agency: Option<String>,
    /// When it started.
    pub started_on: Option<NaiveDate>,
    /// When it ended; never before `started_on`.
    pub ended_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: Option<ActionStatus>,
    /// Free text. Never reaches partner outputs.
    pub note: Option<String>,
}
