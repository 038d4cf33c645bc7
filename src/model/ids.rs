use serde::Serialize;

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The position of this entity in its table of the [`crate::model::Dataset`].
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the entity at `index` in its table.
            ///
            /// # Panics
            /// Never in practice: tables hold fewer than 2^32 rows (ingest enforces it).
            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    };
}

id_newtype!(
    /// A person in [`crate::model::Dataset::people`].
    ///
    /// Serialises as `{"$person": index}`, a marker that means nothing outside the run:
    /// the audience cut ([`crate::privacy::Disclosure::release_json`]) turns it into the
    /// label the audience may see, so a person's identity can only reach a file through
    /// it.
    PersonId
);

impl Serialize for PersonId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("$person", &self.0)?;
        m.end()
    }
}

/// The other ids serialise as their index.
macro_rules! serialise_as_index {
    ($($name:ident),*) => {
        $(impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u32(self.0)
            }
        })*
    };
}
serialise_as_index!(PlaceId, EventId, LinkId, ActionId);
id_newtype!(
    /// A place in [`crate::model::Dataset::places`].
    PlaceId
);
id_newtype!(
    /// An event in [`crate::model::Dataset::events`].
    EventId
);
id_newtype!(
    /// A link in [`crate::model::Dataset::links`].
    LinkId
);
id_newtype!(
    /// An action in [`crate::model::Dataset::actions`].
    ActionId
);
