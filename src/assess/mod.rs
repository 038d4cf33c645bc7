//! Assessments: what practitioners read. The child context summary, the location-based
//! risk assessment, the peer group assessment, plan review, and before/after
//! evaluation of an action.

/// The child context summary: places, peers, adults, protective factors. No score.
pub mod context;
pub use context::{ContextSummary, Hop, PathToConcern};

/// After a missing episode: same-day contact and the return home interview.
pub(crate) mod returns;
pub use returns::{Contact, Return, returns};

/// The catalogue's tools as assessments list them, and the partners they point to.
pub(crate) mod tools;
pub use tools::{Findings, PartnerNeed, ToolFinding};

/// A place's score trend, for its assessment.
pub(crate) mod trend;
pub use trend::PlaceTrendView;

/// The location-based risk assessment.
pub(crate) mod place;
pub use place::{
    ComponentLine, EvaluationLine, EventLine, Guardianship, Linked, LinkedPeople, Nearby,
    PlaceAssessment, Question, REFLECTIVE_QUESTIONS, ScoreView, Timeline, assess_place,
};

/// The peer group assessment.
pub(crate) mod group;
pub use group::{GroupAssessment, assess_group};

/// Plan review against the reflective questions.
pub mod review;
pub use review::{PlanReview, review};

/// Statistics for evaluation: exact Poisson rate ratios, the WDQ.
pub mod stats;

/// Before/after evaluation of an action.
pub(crate) mod evaluate;
pub use evaluate::{Evaluation, EvaluationSettings, evaluate};
