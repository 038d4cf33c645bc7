//! What is around the place: the best-ranked places within the radius, and
//! guardianship (youth clubs, schools, trusted adults) with its gaps.

use super::shown_total;
use crate::model::disclosure::{Count, Derived, Records};
use crate::model::{Dataset, PersonId, PlaceId, PlaceKind, Role};
use crate::pipeline::Analysis;
use serde::Serialize;

/// A place nearby.
#[derive(Debug, Clone, Serialize)]
pub struct Nearby {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: PlaceKind,
    /// Distance, metres.
    pub distance_m: f64,
    /// Its rank.
    pub rank: usize,
    /// Its score (withheld for partners where it would give a small count away).
    pub total: Derived,
}

/// Guardianship and protective factors (Contextual Safeguarding neighbourhood
/// assessment: caring adults and resources around the place).
#[derive(Debug, Clone, Serialize)]
pub struct Guardianship {
    /// Youth clubs within the radius.
    pub youth_clubs: Vec<String>,
    /// Schools within the radius.
    pub schools: Vec<String>,
    /// Trusted adults and professionals recorded at the place.
    pub protective_adults_seen: Count,
    /// Who (record level: not for partners).
    pub who: Records<Vec<PersonId>>,
    /// Gaps ("no professional recorded at the place", …).
    pub gaps: Vec<String>,
}

pub(super) fn nearby(d: &Dataset, a: &Analysis, place: PlaceId, radius_m: f64) -> Vec<Nearby> {
    let la = &a.location;
    let here = d.places[place.index()].location;
    let mut v: Vec<Nearby> = la
        .index
        .within(here, radius_m)
        .into_iter()
        .filter(|(p, _)| *p != place)
        .filter_map(|(p, dist)| {
            let s = la.score_of(p)?;
            let q = &d.places[p.index()];
            Some(Nearby {
                place_id: q.key.clone(),
                name: q.name.clone(),
                kind: q.kind,
                distance_m: (dist * 10.0).round() / 10.0,
                rank: s.rank,
                total: shown_total(s),
            })
        })
        .collect();
    // Nearest first would bury the hotspots among house numbers: the ten best-ranked.
    v.sort_by(|x, y| x.rank.cmp(&y.rank).then(x.place_id.cmp(&y.place_id)));
    v.truncate(10);
    v
}

pub(super) fn guardianship(
    d: &Dataset,
    a: &Analysis,
    place: PlaceId,
    radius_m: f64,
) -> Guardianship {
    let here = d.places[place.index()].location;
    let around = a.location.index.within(here, radius_m);
    let named = |kind: PlaceKind| -> Vec<String> {
        around
            .iter()
            .filter(|(p, _)| d.places[p.index()].kind == kind)
            .map(|(p, dist)| {
                let q = &d.places[p.index()];
                format!("{} ({:.0} m)", q.name.as_deref().unwrap_or(&q.key), dist)
            })
            .collect()
    };
    let adults: Vec<PersonId> = a
        .network
        .network
        .people_at(place)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            matches!(
                d.people[p.index()].role,
                Role::TrustedAdult | Role::Professional
            )
        })
        .collect();
    let (youth_clubs, schools) = (named(PlaceKind::YouthClub), named(PlaceKind::School));
    let mut gaps = Vec::new();
    if adults.is_empty() {
        gaps.push("no trusted adult or professional is recorded at the place".to_string());
    }
    if youth_clubs.is_empty() {
        gaps.push(format!("no youth club within {radius_m:.0} m"));
    }
    Guardianship {
        youth_clubs,
        schools,
        protective_adults_seen: Count(adults.len() as u64),
        who: Records(adults),
        gaps,
    }
}
