//! Snapping: events with coordinates but no `place_id` go to the nearest place within
//! the snap radius; the rest stay free points, counted in grid statistics only.

use super::PlaceIndex;
use crate::model::{Event, PlaceId};
use rayon::prelude::*;
use serde::Serialize;

/// Where each event is, after snapping.
#[derive(Debug, Clone)]
pub struct Snapped {
    /// The place of each event (by event index): recorded, snapped, or `None` (free point).
    pub place: Vec<Option<PlaceId>>,
    /// Counts.
    pub counts: SnapCounts,
}

/// How events were placed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SnapCounts {
    /// Events with a recorded `place_id`.
    pub recorded: usize,
    /// Events snapped to a place within the radius.
    pub snapped: usize,
    /// Events left as free points.
    pub free: usize,
}

/// Snaps every event without a place to the nearest place within `radius_m` metres.
///
/// # Complexity
/// O(m log n) for m events without a place and n places; parallel over events.
pub fn snap(events: &[Event], index: &PlaceIndex, radius_m: f64) -> Snapped {
    let place: Vec<Option<PlaceId>> = events
        .par_iter()
        .map(|e| {
            e.place
                .or_else(|| index.nearest_within(e.location, radius_m).map(|(id, _)| id))
        })
        .collect();
    let recorded = events.iter().filter(|e| e.place.is_some()).count();
    let placed = place.iter().filter(|p| p.is_some()).count();
    Snapped {
        counts: SnapCounts {
            recorded,
            snapped: placed - recorded,
            free: events.len() - placed,
        },
        place,
    }
}
