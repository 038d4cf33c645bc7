//! The names of the score components as types: a place's ten and a person of concern's
//! seven. Every table column, chart colour, assessment line and partner cut names a
//! component through these, so a renamed or missing component fails to compile instead
//! of printing an empty cell.

use serde::Serialize;

/// A component of a place's hotspot score ([`crate::score::Components`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceComponent {
    /// Weighted evidence records, logarithmic.
    Intensity,
    /// Children linked by the weight of their records.
    Children,
    /// Persons of concern linked by their records with children.
    PersonsOfConcern,
    /// Child–person-of-concern pairs recorded together.
    CoPresence,
    /// Children found there more than once.
    RepeatFound,
    /// Children found or seen there at night.
    FoundAtNight,
    /// Children found or seen there with a person of concern.
    FoundWithPersonOfConcern,
    /// Several children with the same person of concern.
    SharedPersonOfConcern,
    /// The area's Gi* (the place's own events out).
    GiStar,
    /// Peer groups meeting there.
    PeerGroups,
}

impl PlaceComponent {
    /// Every component, in output order.
    pub const ALL: [PlaceComponent; 10] = [
        PlaceComponent::Intensity,
        PlaceComponent::Children,
        PlaceComponent::PersonsOfConcern,
        PlaceComponent::CoPresence,
        PlaceComponent::RepeatFound,
        PlaceComponent::FoundAtNight,
        PlaceComponent::FoundWithPersonOfConcern,
        PlaceComponent::SharedPersonOfConcern,
        PlaceComponent::GiStar,
        PlaceComponent::PeerGroups,
    ];

    /// The column name (`co_presence`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            PlaceComponent::Intensity => "intensity",
            PlaceComponent::Children => "children",
            PlaceComponent::PersonsOfConcern => "persons_of_concern",
            PlaceComponent::CoPresence => "co_presence",
            PlaceComponent::RepeatFound => "repeat_found",
            PlaceComponent::FoundAtNight => "found_at_night",
            PlaceComponent::FoundWithPersonOfConcern => "found_with_person_of_concern",
            PlaceComponent::SharedPersonOfConcern => "shared_person_of_concern",
            PlaceComponent::GiStar => "gi_star",
            PlaceComponent::PeerGroups => "peer_groups",
        }
    }

    /// What the component measures, in words, as the location assessment prints it.
    pub const fn meaning(self) -> &'static str {
        match self {
            PlaceComponent::Intensity => {
                "weighted events at the place (kind × grading × recency), logarithmic, as far as the harm there is about children (a child linked, or exploitation-category records and Makesafe calls)"
            }
            PlaceComponent::Children => {
                "children recorded at the place, each counted up to 1 by the weight of their records there (records with no person of concern in proportion to the concern recorded at the place, and for no more children than its concern about children weighs; a child recorded there only alone counts from their second record, or from one finding them there after a missing episode, of an exploitation category or a Makesafe call, and children alone count beyond the number the place's footfall would give by chance)"
            }
            PlaceComponent::PersonsOfConcern => {
                "persons of concern recorded at the place with children, each counted up to 1 by the weight of those records"
            }
            PlaceComponent::CoPresence => {
                "children and persons of concern seen together: in one record, or in different records within the co-presence window more than once and more often than the place's footfall gives by chance"
            }
            PlaceComponent::RepeatFound => {
                "children found at the place after a missing episode more than once"
            }
            PlaceComponent::FoundAtNight => {
                "children found or seen at the place between 21:00 and 06:00"
            }
            PlaceComponent::FoundWithPersonOfConcern => {
                "children found or seen at the place in the same record as a person of concern"
            }
            PlaceComponent::SharedPersonOfConcern => {
                "several children found or seen at the place with the same person of concern"
            }
            PlaceComponent::GiStar => {
                "the place's area is a significant cluster of harm (Gi*, the place's own events left out)"
            }
            PlaceComponent::PeerGroups => {
                "peer groups whose members are seen there together (in one record, or within the co-presence window more than once), in proportion to the concern about children recorded at the place, where a child is linked to it"
            }
        }
    }
}

impl std::fmt::Display for PlaceComponent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A component of a person of concern's connection score
/// ([`crate::score::ConnectionComponents`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonComponent {
    /// Children tied directly.
    ChildrenDirect,
    /// Children reached through one other person.
    ChildrenTwoHops,
    /// Ties to other persons of concern, by the children they share.
    PersonsOfConcernTied,
    /// Betweenness over the network's largest.
    Brokerage,
    /// Peer groups reached other than their own.
    GroupsBridged,
    /// Top hotspot places they are recorded at.
    HotspotPlaces,
    /// How recent their latest record is.
    Recency,
}

impl PersonComponent {
    /// Every component, in output order.
    pub const ALL: [PersonComponent; 7] = [
        PersonComponent::ChildrenDirect,
        PersonComponent::ChildrenTwoHops,
        PersonComponent::PersonsOfConcernTied,
        PersonComponent::Brokerage,
        PersonComponent::GroupsBridged,
        PersonComponent::HotspotPlaces,
        PersonComponent::Recency,
    ];

    /// The column name (`children_direct`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            PersonComponent::ChildrenDirect => "children_direct",
            PersonComponent::ChildrenTwoHops => "children_two_hops",
            PersonComponent::PersonsOfConcernTied => "persons_of_concern_tied",
            PersonComponent::Brokerage => "brokerage",
            PersonComponent::GroupsBridged => "groups_bridged",
            PersonComponent::HotspotPlaces => "hotspot_places",
            PersonComponent::Recency => "recency",
        }
    }
}

impl std::fmt::Display for PersonComponent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serialised_names() {
        for c in PlaceComponent::ALL {
            assert_eq!(serde_json::to_value(c).expect("json"), c.as_str());
            assert!(!c.meaning().is_empty());
        }
        for c in PersonComponent::ALL {
            assert_eq!(serde_json::to_value(c).expect("json"), c.as_str());
        }
    }
}
