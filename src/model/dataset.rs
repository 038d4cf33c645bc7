use super::{
    Action, Admission, AsOf, Event, EventPerson, Exclusion, Link, Person, PersonId, Place, PlaceId,
    Provenance, TimeOrder,
};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A validated dataset: every table of the data contract, as typed records.
///
/// Records are stored in input order; a record's dense id is its index in its table.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The date analysis is "as of".
    pub as_of: AsOf,
    /// People.
    pub people: Vec<Person>,
    /// Places.
    pub places: Vec<Place>,
    /// Events.
    pub events: Vec<Event>,
    /// Who was involved in which event.
    pub event_people: Vec<EventPerson>,
    /// Person-to-person links.
    pub links: Vec<Link>,
    /// Disruption actions.
    pub actions: Vec<Action>,
    /// Which records analysis may use.
    pub admission: Admission,
    person_index: HashMap<String, PersonId>,
    place_index: HashMap<String, PlaceId>,
    /// The events in time order, made on first use.
    time_order: OnceLock<TimeOrder>,
}

impl Dataset {
    /// Builds a dataset and its key indexes. Records must already carry dense ids equal
    /// to their position (ingest guarantees it).
    pub fn new(
        as_of: AsOf,
        people: Vec<Person>,
        places: Vec<Place>,
        events: Vec<Event>,
        event_people: Vec<EventPerson>,
        links: Vec<Link>,
        actions: Vec<Action>,
    ) -> Self {
        let person_index = people.iter().map(|p| (p.key.clone(), p.id)).collect();
        let place_index = places.iter().map(|p| (p.key.clone(), p.id)).collect();
        Self {
            as_of,
            people,
            places,
            events,
            event_people,
            links,
            actions,
            admission: Admission::default(),
            person_index,
            place_index,
            time_order: OnceLock::new(),
        }
    }

    /// The events in time order ([`TimeOrder`]), sorted on first use: change no event
    /// once it is read.
    pub fn time_order(&self) -> &TimeOrder {
        let order = self.time_order.get_or_init(|| TimeOrder::of(&self.events));
        debug_assert_eq!(
            order.events().len(),
            self.events.len(),
            "an event was added after the time order was read"
        );
        order
    }

    /// The person whose `person_id` is `key`.
    pub fn person_by_key(&self, key: &str) -> Option<&Person> {
        self.person_index
            .get(key)
            .map(|id| &self.people[id.index()])
    }

    /// Why a record is left out of analysis, if it is (see [`Admission`]).
    pub fn exclusion(&self, p: &Provenance) -> Option<Exclusion> {
        self.admission.exclusion(p, self.as_of)
    }

    /// The place whose `place_id` is `key`.
    pub fn place_by_key(&self, key: &str) -> Option<&Place> {
        self.place_index.get(key).map(|id| &self.places[id.index()])
    }
}
