//! Space: projection to the British National Grid (and, in later stages, the R-tree of
//! places, the analysis grid, KDE and Gi*).

/// WGS84 ⇄ British National Grid, and the UK's extent.
pub mod projection;
pub use projection::{UkExtent, bng_to_wgs84, wgs84_to_bng};
