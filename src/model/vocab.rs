//! Each vocabulary parses case-insensitively, ignoring surrounding spaces, and prints in
//! the exact spelling of the data contract.

use std::fmt;

/// A closed vocabulary of the data contract, parsed from text.
pub trait Vocabulary: Sized + Copy {
    /// Parses a value; `None` for anything outside the vocabulary.
    fn parse(text: &str) -> Option<Self>;
    /// The accepted values, comma-separated, for error messages.
    fn expected() -> String;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order the data contract lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in the data contract.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses a value, case-insensitively, ignoring surrounding white space.
            /// Returns `None` for anything outside the vocabulary.
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                $(
                    if text.eq_ignore_ascii_case($text) $(|| text.eq_ignore_ascii_case($alias))* {
                        return Some($name::$variant);
                    }
                )+
                None
            }

            /// The accepted values as a comma-separated list, for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl Vocabulary for $name {
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
            fn expected() -> String {
                $name::expected()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown value '{text}': expected one of {}",
                        $name::expected()
                    ))
                })
            }
        }
    };
}

vocabulary!(
    /// What a person is to the safeguarding concern. Roles never change during analysis:
    /// a child is never silently re-labelled (docs/design.md §1.3).
    Role {
        /// The subject of a safeguarding concern. Never scored.
        Child = "child",
        /// A young person around a child.
        Peer = "peer",
        /// A known or suspected person of concern.
        Perpetrator = "perpetrator",
        /// A protective adult named by the child.
        TrustedAdult = "trusted_adult",
        /// A professional (social worker, youth worker, teacher, …).
        Professional = "professional",
    }
);

vocabulary!(
    /// A child's legal status in care (Children Act 1989), when recorded. "Looked after"
    /// (s.22(1)) covers a child in care under a care order (an interim care order
    /// included, s.31(11)) and a child accommodated under s.20 by agreement; many tools
    /// turn on which: a Child Abduction Warning Notice for a 16- or 17-year-old needs a
    /// care order, and ss.49–50 need a care order, an emergency protection order or
    /// police protection. Accommodation under s.20 qualifies for none of them.
    CareStatus {
        /// A care order (CA 1989 s.31).
        CareOrder = "care_order",
        /// An interim care order (s.38); a care order for most purposes (s.31(11)).
        InterimCareOrder = "interim_care_order",
        /// Accommodated by the local authority under s.20, with no order.
        S20Accommodated = "s20_accommodated",
        /// Subject to an emergency protection order (s.44).
        Epo = "epo",
        /// In police protection (s.46), for up to 72 hours.
        PoliceProtection = "police_protection",
        /// None of these.
        NoOrder = "none",
    }
);

impl CareStatus {
    /// Whether this status makes the child looked after (CA 1989 s.22(1)): a care or
    /// interim care order, or s.20 accommodation. An EPO or police protection may or
    /// may not come with local authority accommodation, so neither settles it.
    pub fn implies_looked_after(self) -> Option<bool> {
        match self {
            CareStatus::CareOrder | CareStatus::InterimCareOrder | CareStatus::S20Accommodated => {
                Some(true)
            }
            CareStatus::Epo | CareStatus::PoliceProtection | CareStatus::NoOrder => None,
        }
    }

    /// In words, for sentences.
    pub fn in_words(self) -> &'static str {
        match self {
            CareStatus::CareOrder => "a care order",
            CareStatus::InterimCareOrder => "an interim care order",
            CareStatus::S20Accommodated => "accommodation under s.20",
            CareStatus::Epo => "an emergency protection order",
            CareStatus::PoliceProtection => "police protection",
            CareStatus::NoOrder => "no order or accommodation",
        }
    }
}

vocabulary!(
    /// The kind of a place.
    PlaceKind {
        /// Hotel.
        Hotel = "hotel",
        /// Bed and breakfast or guest house.
        Bnb = "bnb",
        /// Take-away food outlet.
        Takeaway = "takeaway",
        /// Shop.
        Shop = "shop",
        /// Off-licence.
        OffLicence = "off_licence",
        /// Pub or bar.
        PubBar = "pub_bar",
        /// Nightclub.
        Nightclub = "nightclub",
        /// Shisha lounge.
        ShishaLounge = "shisha_lounge",
        /// Car wash.
        CarWash = "car_wash",
        /// Nail bar.
        NailBar = "nail_bar",
        /// Park.
        Park = "park",
        /// Other open space.
        OpenSpace = "open_space",
        /// Station or other transport hub.
        TransportHub = "transport_hub",
        /// Car park.
        CarPark = "car_park",
        /// A private home.
        Residential = "residential",
        /// House in multiple occupation.
        Hmo = "hmo",
        /// School.
        School = "school",
        /// Youth club.
        YouthClub = "youth_club",
        /// Anything else.
        Other = "other",
    }
);

impl PlaceKind {
    /// The kind in words with its article, for sentences: "a hotel", "an off-licence",
    /// "a residential address".
    pub fn in_words(self) -> &'static str {
        match self {
            PlaceKind::Hotel => "a hotel",
            PlaceKind::Bnb => "a B&B or guest house",
            PlaceKind::Takeaway => "a takeaway",
            PlaceKind::Shop => "a shop",
            PlaceKind::OffLicence => "an off-licence",
            PlaceKind::PubBar => "a pub or bar",
            PlaceKind::Nightclub => "a nightclub",
            PlaceKind::ShishaLounge => "a shisha lounge",
            PlaceKind::CarWash => "a car wash",
            PlaceKind::NailBar => "a nail bar",
            PlaceKind::Park => "a park",
            PlaceKind::OpenSpace => "an open space",
            PlaceKind::TransportHub => "a station or transport hub",
            PlaceKind::CarPark => "a car park",
            PlaceKind::Residential => "a residential address",
            PlaceKind::Hmo => "a house in multiple occupation",
            PlaceKind::School => "a school",
            PlaceKind::YouthClub => "a youth club",
            PlaceKind::Other => "a place of another kind",
        }
    }
}

vocabulary!(
    /// The kind of a recorded event. `absent_from` and `absent_found` are accepted as
    /// `missing_from` and `missing_found`: the College of Policing no longer separates
    /// "absent" from "missing", but local data still carries both (docs/domain.md §4.3).
    EventKind {
        /// A child went missing from this place (home, care placement).
        MissingFrom = "missing_from" | "absent_from",
        /// A missing child was found at this place.
        MissingFound = "missing_found" | "absent_found",
        /// A sighting.
        Sighting = "sighting",
        /// A police incident or crime.
        Incident = "incident",
        /// An intelligence report.
        Intelligence = "intelligence",
        /// A stop and search.
        StopSearch = "stop_search",
        /// An arrest.
        Arrest = "arrest",
        /// An anti-social behaviour report.
        AsbReport = "asb_report",
        /// An Operation Makesafe call from a business.
        MakesafeCall = "makesafe_call",
        /// A mention in a return home interview.
        RhiMention = "rhi_mention",
    }
);

vocabulary!(
    /// How a person was involved in an event.
    Involvement {
        /// The subject of the record.
        Subject = "subject",
        /// A victim.
        Victim = "victim",
        /// A suspect.
        Suspect = "suspect",
        /// An associate present or named.
        Associate = "associate",
        /// A witness.
        Witness = "witness",
        /// The person who reported it.
        Reporter = "reporter",
    }
);

vocabulary!(
    /// The kind of a recorded person-to-person link.
    LinkKind {
        /// Associate.
        Associate = "associate",
        /// Sibling.
        Sibling = "sibling",
        /// Other family.
        Family = "family",
        /// Partner (boyfriend, girlfriend).
        Partner = "partner",
        /// Co-offender.
        CoOffender = "co_offender",
        /// Phone or online contact.
        Contact = "contact",
        /// A professional relationship.
        Professional = "professional",
        /// A trusted relationship named by the child.
        Trusted = "trusted",
    }
);

vocabulary!(
    /// What a disruption action is aimed at (the toolkit's three targets).
    TargetType {
        /// A person of concern.
        Offender = "offender",
        /// The child.
        Victim = "victim",
        /// A place.
        Location = "location",
    }
);

vocabulary!(
    /// Where a disruption action stands.
    ActionStatus {
        /// Agreed, not started.
        Planned = "planned",
        /// Under way.
        Active = "active",
        /// Finished.
        Completed = "completed",
        /// Considered and declined.
        Declined = "declined",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively_and_prints_contract_spelling() {
        assert_eq!(Role::parse(" Perpetrator "), Some(Role::Perpetrator));
        assert_eq!(Role::Perpetrator.to_string(), "perpetrator");
        assert_eq!(PlaceKind::parse("OFF_LICENCE"), Some(PlaceKind::OffLicence));
        assert_eq!(Role::parse("perp"), None);
    }

    #[test]
    fn absent_is_missing() {
        assert_eq!(
            EventKind::parse("absent_found"),
            Some(EventKind::MissingFound)
        );
        assert_eq!(
            EventKind::parse("absent_from"),
            Some(EventKind::MissingFrom)
        );
    }

    #[test]
    fn every_value_round_trips() {
        for k in PlaceKind::ALL {
            assert_eq!(PlaceKind::parse(k.as_str()), Some(*k));
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(PlaceKind::ALL.len(), 19);
        assert_eq!(EventKind::ALL.len(), 10);
    }
}

vocabulary!(
    /// An agency a disruption tool names as its lead or a partner (the catalogue's
    /// `lead_agency` and `partners`). `All` is a tool any agency can use (a trespass
    /// letter).
    Agency {
        /// The police.
        Police = "Police",
        /// The council's anti-social behaviour team.
        Asb = "ASB",
        /// The licensing authority.
        Licensing = "Licensing",
        /// Trading Standards.
        TradingStandards = "Trading Standards",
        /// The housing authority or provider.
        Housing = "Housing",
        /// Youth outreach and detached youth work.
        YouthOutreach = "Youth Outreach",
        /// Children's social care.
        ChildrensSocialCare = "Children's Social Care",
        /// Immigration Enforcement.
        ImmigrationEnforcement = "Immigration Enforcement",
        /// The Crown Prosecution Service.
        Cps = "CPS",
        /// The Gangmasters and Labour Abuse Authority.
        Glaa = "GLAA",
        /// HM Revenue and Customs.
        Hmrc = "HMRC",
        /// Environmental Health.
        EnvironmentalHealth = "Environmental Health",
        /// The fire and rescue service.
        FireAndRescue = "Fire and Rescue",
        /// Any agency.
        All = "All",
    }
);
