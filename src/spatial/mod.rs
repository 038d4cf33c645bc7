//! Space: the R-tree of places and snapping,
//! the analysis grid, kernel density and Getis–Ord Gi*.

/// WGS84 ⇄ British National Grid, and the UK's extent (in [`crate::model::projection`],
/// where ingest reads coordinates with it).
pub use crate::model::projection::{UkExtent, bng_to_wgs84, wgs84_to_bng};

/// A study area's boundary from GeoJSON.
pub(crate) mod boundary;
pub use boundary::StudyArea;

/// The R-tree of places: nearest, radius and k-nearest queries.
pub(crate) mod index;
pub use index::PlaceIndex;

/// Snapping events to the nearest place within a radius.
pub(crate) mod snap;
pub use snap::{SnapCounts, Snapped, snap};

/// The square analysis grid in BNG metres.
pub(crate) mod grid;
pub use grid::{Grid, GridError, LatticeCell};

/// Quartic kernel density on the grid.
pub(crate) mod kde;
pub use kde::{Quartic, kde};

/// Getis–Ord Gi* with binary distance-band weights.
pub(crate) mod gi_star;
pub use gi_star::GiStar;

/// Benjamini–Hochberg false discovery rate.
pub(crate) mod fdr;
pub use fdr::benjamini_hochberg;

/// The Mann–Kendall trend test with the tie correction, and Sen's slope.
pub(crate) mod mann_kendall;
pub use mann_kendall::{Direction, MannKendall};

/// The space-time cube: events binned by cell and time step.
pub(crate) mod cube;
pub use cube::{SpaceTimeCube, Step, TimedPoint};

/// Gi* on every bin of a space-time cube, with optional time neighbours.
pub(crate) mod space_time_gi;
pub use space_time_gi::SpaceTimeGi;

/// ArcGIS's emerging hot spot categories and how a cell is classified.
pub(crate) mod emerging;
pub use emerging::{Bin, Category};

/// Emerging Hot Spot Analysis: Gi* per bin, trends per cell, categories.
pub(crate) mod emerging_hot_spots;
pub use emerging_hot_spots::{CellTrend, EmergingHotSpots};

/// Forecast accuracy of a hotspot map: hit rate, PAI, PEI.
pub(crate) mod forecast;
pub use forecast::Capture;

/// Prospective hotspotting: recent and near events weigh most.
pub(crate) mod prospective;
pub use prospective::Prospective;
