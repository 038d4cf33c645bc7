//! The typed model: the entities of the data contract (docs/design.md §3) after validation.
//!
//! Everything here is plain data. Identifiers from the input (`person_id`, `place_id`, …)
//! are kept as `key` strings; inside the engine entities are addressed by dense id
//! newtypes ([`PersonId`], [`PlaceId`], …) so a person can never be passed as a place.

/// Dense id newtypes for every entity.
pub(crate) mod ids;
pub use ids::{ActionId, EventId, LinkId, PersonId, PlaceId};

/// Closed vocabularies of the data contract (roles, kinds, involvements, …).
pub(crate) mod vocab;
pub use vocab::{
    ActionStatus, Agency, CareStatus, EventKind, Involvement, LinkKind, PlaceKind, Role,
    TargetType, Vocabulary,
};

/// The 3x5x2 intelligence grading.
pub(crate) mod grading;
pub use grading::{Grading, Handling, InformationGrade, ReadGrading, SourceGrade};

/// Dates, datetimes and the `--as-of` date.
pub mod time;
pub use time::AsOf;

/// Coordinates on the British National Grid, in metres.
pub(crate) mod coords;
pub use coords::Bng;

/// WGS84 ⇄ British National Grid, and the UK's extent.
pub(crate) mod projection;

/// Where a record came from and how long it may be kept.
pub(crate) mod provenance;
pub use provenance::{Admission, Exclusion, Provenance};

/// A person: child, peer, person of concern, trusted adult or professional.
pub(crate) mod person;
pub use person::Person;

/// A place: premises, open space or address.
pub(crate) mod place;
pub use place::Place;

/// A recorded event and who was involved in it.
pub(crate) mod event;
pub use event::{Event, EventPerson};

/// The events in time order, the engine's canonical order.
pub(crate) mod time_order;
pub use time_order::TimeOrder;

/// Admitted events by person, by place and in time order.
pub(crate) mod event_index;
pub use event_index::EventIndex;

/// A recorded person-to-person relationship.
pub(crate) mod link;
pub use link::Link;

/// A disruption action in a plan.
pub(crate) mod action;
pub use action::{Action, ActionTarget};

/// Values marked for the audience cut: counts, record references, phrases, initials.
pub(crate) mod disclosure;

/// What ingest kept out of a dataset and noticed reading it.
pub(crate) mod intake;
pub use intake::Intake;

/// A whole validated dataset.
pub(crate) mod dataset;
pub use dataset::Dataset;
