//! Assessments: what practitioners read. For now the child context summary; location and
//! peer-group assessments, plan review and evaluation follow.

/// The child context summary: places, peers, adults, protective factors. No score.
pub mod context;
pub use context::{ContextSummary, Hop, PathToConcern};
