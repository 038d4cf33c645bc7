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
//! `people`, `event_people`, `links`, `actions`, as CSV or Parquet), run the engine on
//! it and read the top place, here on the bundled example borough:
//!
//! ```
//! use disrupt::graph::BetweennessMode;
//! use disrupt::ingest::{IngestOptions, load};
//! use disrupt::model::Role;
//! use disrupt::score::Settings;
//! use disrupt::Analysis;
//!
//! let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
//! let loaded = load(&folder, &IngestOptions::default())?;
//! for (table, report) in &loaded.reports {
//!     assert_eq!(report.read, report.accepted + report.rejected, "{table}");
//! }
//! let d = &loaded.dataset;
//! let analysis = Analysis::run(d, &Settings::default(), None, BetweennessMode::Auto)?;
//!
//! // Places, best first: each total is the sum of its named components.
//! let ranking = &analysis.location.ranking;
//! assert!(ranking.windows(2).all(|w| w[0].total >= w[1].total));
//! let top = &ranking[0];
//! let place = &d.places[top.place.index()];
//! let sum: f64 = top.components.named().iter().map(|(_, points)| points).sum();
//! assert!((top.total - sum).abs() < 1e-6);
//! let mut leading = top.components.named();
//! leading.sort_by(|a, b| b.1.total_cmp(&a.1));
//! println!("1. {} ({:?}) {:.1}: {:?}", place.key, place.name, top.total, &leading[..3]);
//! assert_eq!(place.key, "PL00582");
//!
//! // Persons of concern are scored; children never are.
//! let people = &analysis.network.connections;
//! assert!(!people.is_empty());
//! assert!(people.iter().all(|c| d.people[c.person.index()].role != Role::Child));
//! # Ok::<(), Box<dyn std::error::Error>>(())
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
