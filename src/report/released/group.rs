//! A peer group assessment as released (a mirror of [`crate::assess::GroupAssessment`]).

use super::{Shown, ToolFinding};
use serde::Deserialize;

/// A peer group assessment, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupAssessment {
    /// The date analysis is as of.
    pub as_of: String,
    /// `G1`, …
    pub group: String,
    /// Members.
    pub size: Shown,
    /// Children in the group.
    pub children: Shown,
    /// Peers in the group.
    pub peers: Shown,
    /// Persons of concern who are members.
    pub persons_of_concern_in_group: Shown,
    /// Density of ties among members (none where not a number).
    pub density: Option<f64>,
    /// Children by initials or pseudonym (none for partners).
    pub children_initials: Option<Vec<String>>,
    /// Peers by initials or pseudonym (none for partners).
    pub peers_initials: Option<Vec<String>>,
    /// Looked-after children in the group.
    pub looked_after: Shown,
    /// Where the group spends time.
    pub places: Vec<GroupPlace>,
    /// Members' events by weekday and hour.
    pub hour_weekday: Vec<Vec<Shown>>,
    /// Persons of concern in or tied to the group (none for partners).
    pub persons_of_concern: Option<Vec<Attached>>,
    /// How many.
    pub persons_of_concern_count: Shown,
    /// Trusted adults and professionals tied to members (none for partners).
    pub protective_adults: Option<Vec<String>>,
    /// How many.
    pub protective_adults_count: Shown,
    /// Gaps, counts cut.
    pub gaps: Vec<String>,
    /// Tools for its people and places.
    pub tools: GroupTools,
}

/// A place where the group spends time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Members recorded there.
    pub members: Shown,
    /// Their events there.
    pub events: Shown,
    /// The place's rank.
    pub rank: usize,
    /// The busiest weekday and hour.
    pub busiest: Option<String>,
}

/// A person of concern in or tied to the group.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attached {
    /// Their label.
    pub person: String,
    /// A member of the group, or tied to it from outside.
    pub in_group: bool,
    /// Members tied.
    pub members_tied: Shown,
    /// How (link kinds, shared events).
    pub how: Vec<String>,
    /// Their rank among persons of concern.
    pub rank: Option<usize>,
    /// Possibly under 18.
    pub may_also_be_exploited: bool,
}

/// The tools for the group's people and places.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupTools {
    /// Offender tools: id, name, how many people.
    pub offender: Vec<(String, String, Shown)>,
    /// Victim tools: id, name, how many children.
    pub victim: Vec<(String, String, Shown)>,
    /// Location tools per place: `place_id` and its tools.
    pub location: Vec<(String, Vec<ToolFinding>)>,
}
