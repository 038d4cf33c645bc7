use super::{Bng, PlaceId, PlaceKind};
use serde::Serialize;

/// A place: premises, open space or address.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Dense id.
    pub id: PlaceId,
    /// `place_id` as given in the input.
    pub key: String,
    /// Name, if recorded.
    pub name: Option<String>,
    /// What kind of place it is.
    pub kind: PlaceKind,
    /// Where it is, on the British National Grid (metres).
    pub location: Bng,
    /// Holds a premises licence (alcohol / late-night refreshment). `None`: not recorded.
    pub licensed: Option<bool>,
    /// Ward or neighbourhood name.
    pub area: Option<String>,
}
