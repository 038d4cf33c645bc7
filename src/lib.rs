//! # disrupt
//!
//! Network and location risk analytics for child-exploitation disruption and contextual
//! safeguarding. `disrupt` reads what agencies already record — missing episodes and
//! where children were found, sightings, intelligence, incidents, links between people,
//! places — and turns it into ranked places and persons of concern, with the evidence
//! behind every number. Children are never scored.
//!
//! Modules import one way (docs/design.md §2): each uses only modules of lower rank (`A ─► B`:
//! B may use A); `spatial` and `graph` share a rank and do not use each other. The
//! binary (`src/main.rs`, `src/cli/`) sits on top and uses the library as `disrupt::…`.
//! `tests/it/architecture.rs` holds the same ranks and fails on a wrong-way import.
//!
//! ```text
//!                                  ┌─► spatial ─┐
//! plumbing ─► model ─► ingest ─────┤            ├─► score ─► pipeline ─► toolkit ─┐
//!                                  └─► graph ───┘                                 │
//!   ┌─────────────────────────────────────────────────────────────────────────────┘
//!   └─► assess ─► privacy ─► report ─► synth ─► the binary (main.rs, cli/)
//!
//! rank  module    imports
//!  0    plumbing  (nothing of the crate)
//!  1    model     —
//!  2    ingest    model, plumbing
//!  3    spatial   model
//!  3    graph     model
//!  4    score     model, spatial, graph (and ingest, in its unit tests)
//!  5    pipeline  model, spatial, graph, score
//!  6    toolkit   model
//!  7    assess    model, score, pipeline, toolkit
//!  8    privacy   plumbing, model
//!  9    report    plumbing, model, spatial, graph, score, pipeline, assess, privacy
//! 10    synth     plumbing, model, ingest, spatial
//! ```
//!
//! The engine's result, [`Analysis`], is read by the assessments and the report, so
//! `pipeline` sits just above `score` and below them.
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

/// The typed model: people, places, events, links, actions; the event index, the
/// projection, and values marked for the audience cut.
pub mod model;

/// Reading and validating datasets, with quarantine.
pub mod ingest;

/// Snapping, the analysis grid, density, Gi* and space-time trends.
pub mod spatial;

/// The network: graph, centralities, peer groups, and queries on them.
pub mod graph;

/// Scores: event weights, place hotspot scores with peer groups, premises-type risk,
/// person-of-concern connection scores, backtests.
pub mod score;

/// The whole engine in order: places, network, peer groups, scores, the event index;
/// and the trends the report and the assessments show.
pub mod pipeline;
pub use pipeline::Analysis;
pub use score::PlaceAnalysis;

/// The disruption tool catalogue and its rules.
pub mod toolkit;

/// Assessments: the child context summary (and, later, location and peer-group assessments).
pub mod assess;

/// Privacy: audiences, pseudonyms, suppression, the audience cut, the audit log.
pub mod privacy;

/// Output writers: tables, documents, maps, the HTML report, the workbook.
pub mod report;

/// The synthetic borough generator.
pub mod synth;
