use serde::Serialize;

/// A point on the British National Grid (EPSG:27700).
///
/// # Units
/// Metres east and north of the grid's false origin. Distances between two `Bng`
/// points are plain Euclidean metres (the grid's scale error is under 0.04% across
/// Great Britain, far below the precision of recorded locations).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bng {
    /// Metres east.
    pub easting: f64,
    /// Metres north.
    pub northing: f64,
}

impl Bng {
    /// A point from easting and northing in metres.
    pub fn new(easting: f64, northing: f64) -> Self {
        Self { easting, northing }
    }

    /// Straight-line distance to `other`, in metres.
    pub fn distance(&self, other: &Bng) -> f64 {
        (self.easting - other.easting).hypot(self.northing - other.northing)
    }

    /// The point as `[easting, northing]`, the form the R-tree indexes.
    pub fn to_array(self) -> [f64; 2] {
        [self.easting, self.northing]
    }
}
