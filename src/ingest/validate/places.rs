use super::{Outcome, coords, validate_rows};
use crate::ingest::{RawTable, Reason};
use crate::model::{Place, PlaceId, PlaceKind};

/// Validates `places`: a unique `place_id`, a known `kind`, and one coordinate pair.
pub fn validate(raw: &RawTable) -> Outcome<Place> {
    validate_rows(raw, Some("place_id"), |rc, index| {
        let key = rc.required("place_id");
        let kind = rc.vocab::<PlaceKind>("kind");
        let name = rc.optional("name");
        let licensed = rc.boolean_opt("licensed");
        let area = rc.optional("area");
        let location = coords::read(rc);
        if location.is_none() && rc.is_clean() {
            rc.push(Reason::row(
                "no coordinates",
                "no coordinates: give lat/lon (WGS84) or easting/northing (British National Grid)",
            ));
        }
        Some(Place {
            id: PlaceId(index),
            key: key?.to_string(),
            name,
            kind: kind?,
            location: location?,
            licensed,
            area,
        })
    })
}
