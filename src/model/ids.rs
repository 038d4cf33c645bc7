use serde::Serialize;

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    PersonId
);
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
