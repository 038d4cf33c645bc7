use std::fmt;

/// A table of the data contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// `places`: premises, open spaces, addresses.
    Places,
    /// `people`: children, peers, persons of concern, trusted adults, professionals.
    People,
    /// `events`: missing episodes, sightings, incidents, intelligence, ….
    Events,
    /// `event_people`: who was involved in each event.
    EventPeople,
    /// `links`: recorded person-to-person relationships.
    Links,
    /// `actions`: disruption activity.
    Actions,
}

impl Table {
    /// Every table, in the order they are validated (a table only refers to tables
    /// before it).
    pub const ALL: [Table; 6] = [
        Table::Places,
        Table::People,
        Table::Events,
        Table::EventPeople,
        Table::Links,
        Table::Actions,
    ];

    /// The table's file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Places => "places",
            Table::People => "people",
            Table::Events => "events",
            Table::EventPeople => "event_people",
            Table::Links => "links",
            Table::Actions => "actions",
        }
    }

    /// Whether the dataset must contain this table.
    pub fn is_required(self) -> bool {
        matches!(self, Table::Places | Table::Events)
    }

    /// Columns that must be present in the header.
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            Table::Places => &["place_id", "kind"],
            Table::People => &["person_id", "role"],
            Table::Events => &["event_id", "kind", "occurred_at"],
            Table::EventPeople => &["event_id", "person_id"],
            Table::Links => &["from_id", "to_id", "kind"],
            Table::Actions => &["action_id", "target_type", "target_id"],
        }
    }

    /// Every column the contract defines for this table, in contract order.
    pub fn contract_columns(self) -> &'static [&'static str] {
        match self {
            Table::Places => &[
                "place_id", "name", "kind", "lat", "lon", "easting", "northing", "licensed", "area",
            ],
            Table::People => &[
                "person_id",
                "role",
                "birth_year",
                "looked_after",
                "care_status",
                "display_name",
                "sex",
                "ethnicity",
                "home_place_id",
            ],
            Table::Events => &[
                "event_id",
                "kind",
                "occurred_at",
                "place_id",
                "lat",
                "lon",
                "easting",
                "northing",
                "category",
                "grading",
                "source",
                "source_ref",
                "review_by",
            ],
            Table::EventPeople => &["event_id", "person_id", "involvement"],
            Table::Links => &[
                "from_id",
                "to_id",
                "kind",
                "since",
                "until",
                "grading",
                "source",
                "source_ref",
                "review_by",
            ],
            Table::Actions => &[
                "action_id",
                "tool_id",
                "target_type",
                "target_id",
                "agency",
                "started_on",
                "ended_on",
                "status",
                "note",
            ],
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
