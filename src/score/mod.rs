//! Scores: place hotspot scores and person-of-concern connection scores. Every
//! score is a sum of named components, and every component names the records behind it.

/// Settings: every weight, window and size, loadable from TOML.
pub(crate) mod settings;
pub use settings::{ScoreCoefficients, Settings, SettingsError};

/// Event weights: kind, grading and recency.
pub mod weight;
pub use weight::{EventWeigher, EventWeight, HalfLife};

/// The place hotspot score and its components.
pub(crate) mod hotspot;
pub use hotspot::{Components, PlaceScore};

/// The score components' names as types.
pub(crate) mod component;
pub use component::{PersonComponent, PlaceComponent};

/// What a place's records say: evidence, returns, gathering, concern signals, indicators.
pub(crate) mod place_records;
pub use place_records::{ConcernSignal, PlaceRecords};

/// Footfall baselines: what a place would show by chance for how busy it is.
pub mod chance;

/// How busy the study's places are, for the chance baselines.
mod footfall;

/// The study-wide figures a run over one area of a larger study reads.
pub mod study;
pub use study::{Partials, Study};

/// One area's part of the study-wide figures.
mod partials;

/// The child–person-of-concern pairs seen together at a place.
mod place_pairs;

/// Co-presence ties read against the footfall of their places.
mod tie_chance;

/// Tie strengths for the connection score.
mod tie_strength;

/// Scoring each place from its records.
pub(crate) mod place_score;

/// Premises-type risk (after risk terrain modelling).
pub(crate) mod premises_type;
pub use premises_type::PremisesTypeRisk;

/// When things happen at a place: hour × weekday, and month.
pub(crate) mod profile;
pub use profile::TimeProfile;

/// The person-of-concern connection score and its components.
pub(crate) mod connection;
pub use connection::{ConnectionCoefficients, ConnectionComponents, ConnectionScore};

/// The network engine: centralities, peer groups, then connection scores.
pub(crate) mod persons;
pub use persons::NetworkAnalysis;

/// The whole location engine, from a dataset to ranked places.
pub(crate) mod location;
pub use location::{LocationAnalysis, LocationCounts, LocationStages};

/// The location engine with peer groups: everything `disrupt hotspots` reports.
pub(crate) mod places;
pub use places::PlaceAnalysis;

/// Forecast accuracy: surfaces fitted on the past, scored on the next period.
pub mod backtest;
pub use backtest::{Backtest, BacktestPlan, Surface};

/// `--bandwidth auto`: the KDE bandwidth chosen by backtest on the data's own past.
pub(crate) mod bandwidth;
pub use bandwidth::{BandwidthChoice, choose_bandwidth};

/// Each place's score per time step and its Mann–Kendall trend.
pub(crate) mod place_trends;
pub use place_trends::{PlaceTrend, PlaceTrends};

/// The space-time cube of a dataset, its emerging hot spots and place trends.
pub mod trends;
pub use trends::{TrendAnalysis, TrendSettings};
