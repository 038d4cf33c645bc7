//! Space: projection to the British National Grid, the R-tree of places and snapping,
//! the analysis grid, kernel density and Getis–Ord Gi*.

/// WGS84 ⇄ British National Grid, and the UK's extent.
pub mod projection;
pub use projection::{UkExtent, bng_to_wgs84, wgs84_to_bng};

/// A study area's boundary from GeoJSON.
pub mod boundary;
pub use boundary::StudyArea;

/// The R-tree of places: nearest, radius and k-nearest queries.
pub mod index;
pub use index::PlaceIndex;

/// Snapping events to the nearest place within a radius.
pub mod snap;
pub use snap::{SnapCounts, Snapped, snap};

/// The square analysis grid in BNG metres.
pub mod grid;
pub use grid::{Grid, GridError};

/// Quartic kernel density on the grid.
pub mod kde;
pub use kde::{Quartic, kde};

/// Getis–Ord Gi* with binary distance-band weights.
pub mod gi_star;
pub use gi_star::GiStar;

/// Benjamini–Hochberg false discovery rate.
pub mod fdr;
pub use fdr::benjamini_hochberg;
