//! A check for easting and northing swapped in an export. Both swapped values can lie
//! inside Great Britain's grid (`175000, 531000` is in the Highlands; `531000, 175000` is
//! in Lambeth), so validation cannot reject them; but a place far from all the others
//! that would sit among them with its two coordinates exchanged is almost certainly a
//! column-order mistake, and the analyst is told which.

use crate::model::{Bng, Place};

/// How far from the places' median location a place must lie to be looked at, metres.
pub const FAR_M: f64 = 50_000.0;

/// The fewest places for the median to describe "the rest".
pub const MIN_PLACES: usize = 20;

/// A note naming the places that lie more than [`FAR_M`] from the median location of
/// all places but within it with easting and northing exchanged, or `None`.
pub fn swapped_coordinates(places: &[Place]) -> Option<String> {
    if places.len() < MIN_PLACES {
        return None;
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let centre = Bng::new(
        median(places.iter().map(|p| p.location.easting).collect()),
        median(places.iter().map(|p| p.location.northing).collect()),
    );
    let swapped: Vec<&str> = places
        .iter()
        .filter(|p| {
            let l = p.location;
            l.distance(&centre) > FAR_M
                && Bng::new(l.northing, l.easting).distance(&centre) <= FAR_M
        })
        .map(|p| p.key.as_str())
        .collect();
    if swapped.is_empty() {
        return None;
    }
    let shown: Vec<&str> = swapped.iter().take(5).copied().collect();
    Some(format!(
        "{} place(s) lie more than {:.0} km from the others but would lie among them with easting and northing swapped ({}{}): check the export's column order",
        swapped.len(),
        FAR_M / 1000.0,
        shown.join(", "),
        if swapped.len() > 5 { ", …" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlaceId, PlaceKind};

    fn place(i: usize, e: f64, n: f64) -> Place {
        Place {
            id: PlaceId(i as u32),
            key: format!("P{i}"),
            name: None,
            kind: PlaceKind::Other,
            location: Bng::new(e, n),
            licensed: None,
            area: None,
        }
    }

    #[test]
    fn a_swapped_place_is_named_and_a_far_one_is_not() {
        let mut places: Vec<Place> = (0..30)
            .map(|i| place(i, 530_000.0 + 100.0 * i as f64, 175_000.0 + 50.0 * i as f64))
            .collect();
        assert_eq!(swapped_coordinates(&places), None);
        places.push(place(30, 175_500.0, 531_000.0));
        places.push(place(31, 300_000.0, 600_000.0));
        let note = swapped_coordinates(&places).expect("a note");
        assert!(
            note.starts_with("1 place(s)") && note.contains("P30"),
            "{note}"
        );
        assert!(!note.contains("P31"));
    }
}
