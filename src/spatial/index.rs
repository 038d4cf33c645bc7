//! An R-tree over places (`rstar`, bulk-loaded), for snapping events to premises and for
//! "places near X" queries.

use crate::model::{Bng, Place, PlaceId};
use rstar::RTree;
use rstar::primitives::GeomWithData;

type Entry = GeomWithData<[f64; 2], PlaceId>;

/// Places indexed by location.
#[derive(Debug, Clone)]
pub struct PlaceIndex {
    tree: RTree<Entry>,
    /// Each place's position when places are sorted by `place_id` (its key): ties are
    /// broken on it, so results never depend on the order of the input rows.
    key_rank: Vec<u32>,
}

impl PlaceIndex {
    /// Bulk-loads every place.
    ///
    /// # Complexity
    /// O(n log n).
    pub fn new(places: &[Place]) -> Self {
        let entries = places
            .iter()
            .map(|p| GeomWithData::new(p.location.to_array(), p.id))
            .collect();
        let mut by_key: Vec<usize> = (0..places.len()).collect();
        by_key.sort_by(|&a, &b| places[a].key.cmp(&places[b].key));
        let mut key_rank = vec![0u32; places.len()];
        for (rank, &i) in by_key.iter().enumerate() {
            key_rank[i] = rank as u32;
        }
        Self {
            tree: RTree::bulk_load(entries),
            key_rank,
        }
    }

    /// Distance in metres, computed as [`Bng::distance`] is everywhere else.
    fn distance(e: &Entry, p: Bng) -> f64 {
        Bng::new(e.geom()[0], e.geom()[1]).distance(&p)
    }

    /// Orders `(place, distance)` pairs: nearest first, ties by place key.
    fn cmp(&self, a: &(PlaceId, f64), b: &(PlaceId, f64)) -> std::cmp::Ordering {
        a.1.total_cmp(&b.1)
            .then(self.key_rank[a.0.index()].cmp(&self.key_rank[b.0.index()]))
    }

    /// The nearest place to `p` within `radius_m` metres, and its distance in metres.
    /// Ties (equal distance) go to the lowest `place_id`, so the result never depends on
    /// input order.
    pub fn nearest_within(&self, p: Bng, radius_m: f64) -> Option<(PlaceId, f64)> {
        let first = self.tree.nearest_neighbor(p.to_array())?;
        let d = Self::distance(first, p);
        if d > radius_m {
            return None;
        }
        // Every place at (nearly) the same distance, then the exact tie-break.
        self.within(p, d + 1e-9)
            .into_iter()
            .filter(|c| c.1 <= radius_m)
            .min_by(|a, b| self.cmp(a, b))
    }

    /// Every place within `radius_m` metres of `p`, nearest first (ties by id), with
    /// distances in metres.
    pub fn within(&self, p: Bng, radius_m: f64) -> Vec<(PlaceId, f64)> {
        // A hair of slack so the R-tree's squared-distance test never drops a place the
        // hypot-based distance puts exactly on the radius.
        let r2 = radius_m * radius_m * (1.0 + 1e-12) + 1e-12;
        let mut v: Vec<(PlaceId, f64)> = self
            .tree
            .locate_within_distance(p.to_array(), r2)
            .map(|e| (e.data, Self::distance(e, p)))
            .filter(|c| c.1 <= radius_m)
            .collect();
        v.sort_by(|a, b| self.cmp(a, b));
        v
    }

    /// The `k` places nearest `p`, nearest first (ties by id), with distances in metres.
    pub fn k_nearest(&self, p: Bng, k: usize) -> Vec<(PlaceId, f64)> {
        if k == 0 {
            return Vec::new();
        }
        // Take everything up to the k-th distance, so ties at the boundary are resolved
        // by key rather than by the tree's internal order.
        let mut v: Vec<(PlaceId, f64)> = Vec::new();
        for e in self.tree.nearest_neighbor_iter(p.to_array()) {
            let d = Self::distance(e, p);
            if v.len() >= k && d > v[k - 1].1 + 1e-9 {
                break;
            }
            v.push((e.data, d));
        }
        v.sort_by(|a, b| self.cmp(a, b));
        v.truncate(k);
        v
    }
}
