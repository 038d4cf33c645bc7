//! Well-Known Binary geometries (OGC Simple Features 1.2.1, §8.2; ISO 19125-1), the
//! encoding GeoParquet 1.1 stores in its `geometry` column and GeoPackage 1.3 wraps in
//! its geometry blobs. Only what the outputs need: 2D points, polygons and
//! multipolygons, little-endian, coordinates in British National Grid metres
//! (EPSG:27700: x easting, y northing).

use crate::model::Bng;
use geo::MultiPolygon;

/// Byte order marker for little-endian (NDR).
const LITTLE_ENDIAN: u8 = 1;
/// WKB geometry type codes (2D).
const POINT: u32 = 1;
const POLYGON: u32 = 3;
const MULTI_POLYGON: u32 = 6;

/// A bounding box in BNG metres: `[min_x, min_y, max_x, max_y]` as GeoParquet's `bbox`
/// orders it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Envelope {
    /// Least easting, metres.
    pub min_x: f64,
    /// Least northing, metres.
    pub min_y: f64,
    /// Greatest easting, metres.
    pub max_x: f64,
    /// Greatest northing, metres.
    pub max_y: f64,
}

impl Envelope {
    /// The box around `points` (`None` when there are none).
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Envelope> {
        points.into_iter().fold(None, |e, (x, y)| {
            let p = Envelope {
                min_x: x,
                min_y: y,
                max_x: x,
                max_y: y,
            };
            Some(e.map_or(p, |e| e.union(p)))
        })
    }

    /// The box around both.
    pub fn union(self, o: Envelope) -> Envelope {
        Envelope {
            min_x: self.min_x.min(o.min_x),
            min_y: self.min_y.min(o.min_y),
            max_x: self.max_x.max(o.max_x),
            max_y: self.max_y.max(o.max_y),
        }
    }

    /// `[min_x, min_y, max_x, max_y]`.
    pub fn to_array(self) -> [f64; 4] {
        [self.min_x, self.min_y, self.max_x, self.max_y]
    }
}

/// A 2D geometry in BNG metres, ready to encode as WKB.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// A point: easting, northing.
    Point(f64, f64),
    /// A polygon: exterior ring first, then holes; each ring closed (first point
    /// repeated last).
    Polygon(Vec<Vec<(f64, f64)>>),
    /// Polygons.
    MultiPolygon(Vec<Vec<Vec<(f64, f64)>>>),
}

impl Geometry {
    /// The point at `p`.
    pub fn point(p: Bng) -> Geometry {
        Geometry::Point(p.easting, p.northing)
    }

    /// The axis-aligned square of side `side` metres centred on `c` (a grid cell),
    /// its ring anticlockwise from the south-west corner.
    pub fn square(c: Bng, side: f64) -> Geometry {
        let h = side / 2.0;
        let ring = [(-h, -h), (h, -h), (h, h), (-h, h), (-h, -h)]
            .map(|(dx, dy)| (c.easting + dx, c.northing + dy))
            .to_vec();
        Geometry::Polygon(vec![ring])
    }

    /// A `geo` multipolygon (a study area's boundary, BNG metres).
    pub fn multi_polygon(m: &MultiPolygon<f64>) -> Geometry {
        Geometry::MultiPolygon(
            m.0.iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(|ring| ring.coords().map(|c| (c.x, c.y)).collect())
                        .collect()
                })
                .collect(),
        )
    }

    /// Every coordinate, for the envelope.
    fn coords(&self) -> Vec<(f64, f64)> {
        match self {
            Geometry::Point(x, y) => vec![(*x, *y)],
            Geometry::Polygon(rings) => rings.iter().flatten().copied().collect(),
            Geometry::MultiPolygon(ps) => ps.iter().flatten().flatten().copied().collect(),
        }
    }

    /// The box around the geometry (`None` for an empty one).
    pub fn envelope(&self) -> Option<Envelope> {
        Envelope::of(self.coords())
    }

    /// The geometry as little-endian WKB: a point is 21 bytes (byte order, type, x, y).
    pub fn to_wkb(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Geometry::Point(x, y) => {
                header(&mut out, POINT);
                out.extend_from_slice(&x.to_le_bytes());
                out.extend_from_slice(&y.to_le_bytes());
            }
            Geometry::Polygon(rings) => polygon(&mut out, rings),
            Geometry::MultiPolygon(ps) => {
                header(&mut out, MULTI_POLYGON);
                count(&mut out, ps.len());
                for p in ps {
                    polygon(&mut out, p);
                }
            }
        }
        out
    }
}

fn header(out: &mut Vec<u8>, kind: u32) {
    out.push(LITTLE_ENDIAN);
    out.extend_from_slice(&kind.to_le_bytes());
}

fn count(out: &mut Vec<u8>, n: usize) {
    // WKB counts are u32: a ring or polygon list longer than 4 billion cannot occur here.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn polygon(out: &mut Vec<u8>, rings: &[Vec<(f64, f64)>]) {
    header(out, POLYGON);
    count(out, rings.len());
    for ring in rings {
        count(out, ring.len());
        for (x, y) in ring {
            out.extend_from_slice(&x.to_le_bytes());
            out.extend_from_slice(&y.to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_21_bytes_little_endian() {
        let wkb = Geometry::Point(531_000.5, 175_500.25).to_wkb();
        assert_eq!(wkb.len(), 21);
        assert_eq!(wkb[0], 1, "little-endian");
        assert_eq!(wkb[1..5], [1, 0, 0, 0], "type 1: Point");
        assert_eq!(wkb[5..13], 531_000.5f64.to_le_bytes());
        assert_eq!(wkb[13..21], 175_500.25f64.to_le_bytes());
    }

    #[test]
    fn a_square_is_one_closed_ring_of_five_points() {
        let g = Geometry::square(Bng::new(100.0, 200.0), 10.0);
        let wkb = g.to_wkb();
        // Byte order, type, ring count, point count, 5 points of 16 bytes.
        assert_eq!(wkb.len(), 1 + 4 + 4 + 4 + 5 * 16);
        assert_eq!(wkb[1..5], [3, 0, 0, 0], "type 3: Polygon");
        assert_eq!(wkb[5..9], [1, 0, 0, 0], "one ring");
        assert_eq!(wkb[9..13], [5, 0, 0, 0], "five points");
        assert_eq!(wkb[13..21], 95f64.to_le_bytes(), "south-west x");
        assert_eq!(wkb[wkb.len() - 16..], wkb[13..29], "closed");
        let e = g.envelope().expect("envelope");
        assert_eq!(e.to_array(), [95.0, 195.0, 105.0, 205.0]);
    }

    #[test]
    fn a_multipolygon_holds_each_polygon_with_its_own_header() {
        let square = |x: f64| {
            geo::Polygon::new(
                geo::LineString::from(vec![(x, 0.0), (x + 1.0, 0.0), (x + 1.0, 1.0), (x, 0.0)]),
                vec![],
            )
        };
        let m = MultiPolygon::new(vec![square(0.0), square(5.0)]);
        let wkb = Geometry::multi_polygon(&m).to_wkb();
        assert_eq!(wkb[1..5], [6, 0, 0, 0], "type 6: MultiPolygon");
        assert_eq!(wkb[5..9], [2, 0, 0, 0], "two polygons");
        assert_eq!(wkb[9], 1, "the first polygon's byte order");
        assert_eq!(wkb[10..14], [3, 0, 0, 0], "the first polygon's type");
        assert_eq!(wkb.len(), 9 + 2 * (1 + 4 + 4 + 4 + 4 * 16));
    }
}
