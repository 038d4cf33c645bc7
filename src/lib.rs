//! # disrupt
//!
//! Network and location risk analytics for child-exploitation disruption and contextual
//! safeguarding. `disrupt` reads what agencies already record — missing episodes and
//! where children were found, sightings, intelligence, incidents, links between people,
//! places — and turns it into ranked places and persons of concern, with the evidence
//! behind every number. Children are never scored.
//!
//! Data flows one way (DESIGN.md §3):
//!
//! ```text
//! ingest ──► model ──► spatial ──┐
//!                  └──► graph ───┴──► score ──► assess ──► report ──► privacy
//! ```
//!
//! ## Quick start
//!
//! Load a dataset folder (the data contract: `places`, `events`, and optionally
//! `people`, `event_people`, `links`, `actions`, as CSV or Parquet):
//!
//! ```no_run
//! use disrupt::ingest::{load, IngestOptions};
//!
//! let loaded = load("datasets/example-borough".as_ref(), &IngestOptions::default())?;
//! for (table, report) in &loaded.reports {
//!     assert_eq!(report.read, report.accepted + report.rejected);
//!     println!("{table}: {} read, {} rejected", report.read, report.rejected);
//! }
//! println!("as of {}", loaded.dataset.as_of.0);
//! # Ok::<(), disrupt::ingest::IngestError>(())
//! ```

#![deny(missing_docs)]

/// Shared plumbing: private atomic files, safe CSV cells, control characters, hex.
pub mod plumbing;

/// The typed model: people, places, events, links, actions.
pub mod model;

/// Reading and validating datasets, with quarantine.
pub mod ingest;

/// Projection and (later) spatial indexing and grid statistics.
pub mod spatial;

/// The network: graph, centralities, peer groups.
pub mod graph;

/// Scores: event weights, place hotspot scores, premises-type risk.
pub mod score;

/// The whole engine in order: places, network, peer groups, scores, the event index.
pub mod pipeline;
pub use pipeline::Analysis;
pub use score::PlaceAnalysis;

/// The disruption tool catalogue and its rules.
pub mod toolkit;

/// Assessments: the child context summary (and, later, location and peer-group assessments).
pub mod assess;

/// Output writers.
pub mod report;

/// Privacy: audiences, pseudonyms, suppression, the audit log.
pub mod privacy;

/// The synthetic borough generator.
pub mod synth;
