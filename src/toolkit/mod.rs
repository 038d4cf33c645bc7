//! The disruption toolkit (docs/domain.md §2–3): the catalogue of offender, victim and
//! location tools as versioned data, and the rules that say which apply to a place, a
//! person of concern or a child — with why, and what the records already show.

/// The catalogue: tools, their law and status, and their conditions.
pub mod catalogue;
pub use catalogue::{
    AgeCare, Catalogue, CatalogueError, Conditions, EventCondition, IndicatorCondition,
    Jurisdiction, Local, Status, Tool, ToolTarget,
};

/// Records that raise a location tool to "check first" when no record carries its
/// category.
pub(crate) mod indicators;
pub use indicators::Indicated;

/// Whether a tool's conditions hold for a subject.
pub(crate) mod rules;
pub use rules::{Applicability, Check, Evidence, Subject, Verdict, consider, consider_all};
