//! The peer group assessment (Contextual Safeguarding peer group assessment, Lloyd,
//! Balci, Firmin & Owens 2019): who is in the group (children and peers by initials for
//! the strategy meeting, as the guidance asks; by pseudonym for analysts), where and when it spends time, the persons of concern attached to
//! it and how, the protective adults around it, and the tools that apply to its people
//! and places. No one in it is scored.

use super::tools::{ToolFinding, findings};
use crate::graph::PeerGroup;
use crate::model::disclosure::{Count, Initials, Phrase, Records, SetCount};
use crate::model::{Dataset, PersonId, PlaceId, PlaceKind, Role};
use crate::pipeline::Analysis;
use crate::toolkit::{Catalogue, Subject};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A place where the group spends time.
#[derive(Debug, Clone, Serialize)]
pub struct GroupPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: PlaceKind,
    /// Members recorded there.
    pub members: Count,
    /// Their events there.
    pub events: Count,
    /// The place's hotspot rank.
    pub rank: usize,
    /// The busiest weekday and hour of the members' events there.
    pub busiest: Option<String>,
}

/// A person of concern attached to the group, and how.
#[derive(Debug, Clone, Serialize)]
pub struct Attached {
    /// The person.
    pub person: PersonId,
    /// In the group itself, or tied to members from outside.
    pub in_group: bool,
    /// Members they are tied to.
    pub members_tied: Count,
    /// How: link kinds, shared events, co-presence.
    pub how: Vec<String>,
    /// Their rank among persons of concern.
    pub rank: Option<usize>,
    /// Possibly under 18: may also be exploited.
    pub may_also_be_exploited: bool,
}

/// Tools for the group's people and places.
#[derive(Debug, Clone, Serialize)]
pub struct GroupTools {
    /// Offender tools applying to attached persons of concern: tool, name, people.
    pub offender: Vec<(String, String, Count)>,
    /// Victim tools applying to children in the group: tool, name, children.
    pub victim: Vec<(String, String, Count)>,
    /// Location tools applying to the group's top places.
    pub location: Vec<(String, Vec<ToolFinding>)>,
}

/// A peer group assessment.
#[derive(Debug, Clone, Serialize)]
pub struct GroupAssessment {
    /// The date analysis is as of.
    pub as_of: String,
    /// `G1`, …
    pub group: String,
    /// Members: children, peers and persons of concern (an additive set: for partners a
    /// small part hides a second cell, so none can be worked out by subtraction).
    pub size: SetCount,
    /// Children in the group.
    pub children: SetCount,
    /// Peers in the group.
    pub peers: SetCount,
    /// Persons of concern who are members of the group (not only tied to it).
    pub persons_of_concern_in_group: SetCount,
    /// Density of ties among members, `[0, 1]`.
    pub density: f64,
    /// Children: by initials for the strategy audience, by pseudonym for analysts
    /// (record level: not for partners).
    pub children_initials: Records<Vec<Initials>>,
    /// Peers: by initials for the strategy audience, by pseudonym for analysts (record
    /// level: not for partners).
    pub peers_initials: Records<Vec<Initials>>,
    /// Looked-after children in the group: disruption needs the Deputy Director of
    /// Children's Social Care to agree.
    pub looked_after: Count,
    /// Where the group spends time, most recorded first.
    pub places: Vec<GroupPlace>,
    /// When: members' events by weekday (Monday first) and hour.
    pub hour_weekday: Vec<Vec<Count>>,
    /// Persons of concern in or tied to the group (record level: not for partners).
    pub persons_of_concern: Records<Vec<Attached>>,
    /// How many.
    pub persons_of_concern_count: Count,
    /// Trusted adults and professionals tied to members (record level).
    pub protective_adults: Records<Vec<PersonId>>,
    /// How many.
    pub protective_adults_count: Count,
    /// Gaps, as sentences whose counts are cut like every other count.
    pub gaps: Vec<Phrase>,
    /// Tools for its people and places.
    pub tools: GroupTools,
}

/// Assesses peer group `group` (`G1`, …).
///
/// # Errors
/// A message naming the groups there are when the id is unknown.
pub fn assess_group(
    d: &Dataset,
    a: &Analysis,
    catalogue: &Catalogue,
    group: &str,
) -> Result<GroupAssessment, String> {
    let g = find_group(a, group)?;
    let role = |p: PersonId| d.people[p.index()].role;
    let members: BTreeSet<PersonId> = g.members.iter().copied().collect();
    let children: Vec<PersonId> = g
        .members
        .iter()
        .copied()
        .filter(|p| role(*p) == Role::Child)
        .collect();
    let peers: Vec<PersonId> = g
        .members
        .iter()
        .copied()
        .filter(|p| role(*p) == Role::Peer)
        .collect();
    let at = presence(a, g);
    let (places, hour_weekday) = group_places(d, a, &at);
    let (around, protective) = people_around(d, a, g);
    let attached = attached(d, a, &members, &around);
    let looked_after = children
        .iter()
        .filter(|c| d.people[c.index()].looked_after == Some(true))
        .count();
    let gaps = group_gaps(catalogue, &protective, looked_after);
    let tools = group_tools(d, a, catalogue, &around, &children, &at, &places);
    Ok(GroupAssessment {
        as_of: d.as_of.0.to_string(),
        group: g.id.clone(),
        size: member_count(g.members.len(), true),
        children: member_count(children.len(), false),
        peers: member_count(peers.len(), false),
        persons_of_concern_in_group: member_count(
            g.members.len().saturating_sub(children.len() + peers.len()),
            false,
        ),
        density: (g.density * 1e4).round() / 1e4,
        children_initials: Records(children.iter().copied().map(Initials).collect()),
        peers_initials: Records(peers.iter().copied().map(Initials).collect()),
        looked_after: Count(looked_after as u64),
        places,
        hour_weekday: hour_weekday
            .into_iter()
            .map(|r| r.into_iter().map(Count).collect())
            .collect(),
        persons_of_concern_count: Count(attached.len() as u64),
        persons_of_concern: Records(attached),
        protective_adults_count: Count(protective.len() as u64),
        protective_adults: Records(protective.into_iter().collect()),
        gaps,
        tools,
    })
}

/// The peer group with id `group`, case-insensitively.
fn find_group<'a>(a: &'a Analysis, group: &str) -> Result<&'a PeerGroup, String> {
    let groups = &a.network.peer_groups;
    groups
        .groups
        .iter()
        .find(|g| g.id.eq_ignore_ascii_case(group))
        .ok_or_else(|| {
            format!(
                "no peer group '{group}': this data has {} (G1 to G{}; see groups.csv from disrupt network)",
                groups.groups.len(),
                groups.groups.len()
            )
        })
}

/// For each place a member attends: which members, and the records placing them there.
type Presence = BTreeMap<PlaceId, (BTreeSet<PersonId>, Vec<crate::model::EventId>)>;

/// Where the group's members are recorded.
fn presence(a: &Analysis, g: &PeerGroup) -> Presence {
    let net = &a.network.network;
    let mut at: Presence = BTreeMap::new();
    for &m in &g.members {
        for (place, evs) in net.places_of(m) {
            let e = at.entry(place).or_default();
            e.0.insert(m);
            e.1.extend_from_slice(evs);
        }
    }
    at
}

/// Places and times: the ten places with most of the group's events, and the group's
/// events by weekday and hour, each event once.
fn group_places(d: &Dataset, a: &Analysis, at: &Presence) -> (Vec<GroupPlace>, Vec<Vec<u64>>) {
    let mut hour_weekday = vec![vec![0u64; 24]; 7];
    let mut seen_events = BTreeSet::new();
    let mut places: Vec<GroupPlace> = at
        .iter()
        .map(|(place, (who, evs))| {
            let mut profile = crate::score::TimeProfile::default();
            let distinct: BTreeSet<_> = evs.iter().copied().collect();
            for e in &distinct {
                let t = d.events[e.index()].occurred_at;
                profile.add(t);
                if seen_events.insert(*e) {
                    use chrono::{Datelike, Timelike};
                    hour_weekday[t.weekday().num_days_from_monday() as usize][t.hour() as usize] +=
                        1;
                }
            }
            let q = &d.places[place.index()];
            GroupPlace {
                place_id: q.key.clone(),
                name: q.name.clone(),
                kind: q.kind,
                members: Count(who.len() as u64),
                events: Count(distinct.len() as u64),
                rank: a.location.score_of(*place).map_or(0, |s| s.rank),
                busiest: profile.busiest().map(|b| b.0),
            }
        })
        .collect();
    places.sort_by(|x, y| y.events.cmp(&x.events).then(x.place_id.cmp(&y.place_id)));
    places.truncate(10);
    (places, hour_weekday)
}

/// Persons of concern in or around the group, each with the members tied to them, and
/// the trusted adults and professionals tied to any member.
fn people_around(
    d: &Dataset,
    a: &Analysis,
    g: &PeerGroup,
) -> (BTreeMap<PersonId, BTreeSet<PersonId>>, BTreeSet<PersonId>) {
    let role = |p: PersonId| d.people[p.index()].role;
    let csr = &a.network.network.persons;
    let mut around: BTreeMap<PersonId, BTreeSet<PersonId>> = BTreeMap::new();
    let mut protective = BTreeSet::new();
    for &m in &g.members {
        for &w in csr.neighbours(m.index()) {
            let w = PersonId(w);
            match role(w) {
                Role::Perpetrator => {
                    around.entry(w).or_default().insert(m);
                }
                Role::TrustedAdult | Role::Professional => {
                    protective.insert(w);
                }
                _ => {}
            }
        }
    }
    for &m in g.members.iter().filter(|p| role(**p) == Role::Perpetrator) {
        around.entry(m).or_default();
    }
    (around, protective)
}

/// Each person of concern attached to the group: how they are tied to its members,
/// and their rank.
fn attached(
    d: &Dataset,
    a: &Analysis,
    members: &BTreeSet<PersonId>,
    around: &BTreeMap<PersonId, BTreeSet<PersonId>>,
) -> Vec<Attached> {
    let net = &a.network.network;
    let rank_of: BTreeMap<PersonId, (usize, bool)> = a
        .network
        .connections
        .iter()
        .map(|s| (s.person, (s.rank, s.may_also_be_exploited)))
        .collect();
    around
        .iter()
        .map(|(&p, tied)| {
            let mut how = BTreeSet::new();
            for &m in tied {
                if let Some(t) = net.tie(p, m) {
                    for l in &t.links {
                        how.insert(d.links[l.index()].kind.to_string());
                    }
                    if !t.shared_events.is_empty() {
                        how.insert("shared events".to_string());
                    }
                    if !t.co_presence.is_empty() {
                        how.insert("seen together at places".to_string());
                    }
                }
            }
            let (rank, young) = rank_of
                .get(&p)
                .copied()
                .map_or((None, false), |(r, y)| (Some(r), y));
            Attached {
                person: p,
                in_group: members.contains(&p),
                members_tied: Count(tied.len() as u64),
                how: how.into_iter().collect(),
                rank,
                may_also_be_exploited: young,
            }
        })
        .collect()
}

/// The group's gaps: no protective adult tied to it, and looked-after children in it.
fn group_gaps(
    catalogue: &Catalogue,
    protective: &BTreeSet<PersonId>,
    looked_after: usize,
) -> Vec<Phrase> {
    let mut gaps = Vec::new();
    if protective.is_empty() {
        gaps.push(Phrase::text(
            "no trusted adult or professional is tied to any member",
        ));
    }
    if looked_after > 0 {
        // The count is a Phrase part, cut for partners like `looked_after` itself.
        let rule = catalogue.local.looked_after_rule().unwrap_or_else(|| {
            "check their legal status before any tool that turns on it".to_string()
        });
        gaps.push(
            Phrase::default()
                .count(looked_after as u64)
                .then(format!(" looked-after child(ren) in the group: {rule}")),
        );
    }
    gaps
}

#[allow(clippy::too_many_arguments)]
fn group_tools(
    d: &Dataset,
    a: &Analysis,
    catalogue: &Catalogue,
    around: &BTreeMap<PersonId, BTreeSet<PersonId>>,
    children: &[PersonId],
    at: &BTreeMap<PlaceId, (BTreeSet<PersonId>, Vec<crate::model::EventId>)>,
    places: &[GroupPlace],
) -> GroupTools {
    let tally = |subjects: Vec<Subject>| {
        let mut by: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for s in subjects {
            for f in findings(catalogue, d, &s, &a.events).applicable {
                by.entry(f.id.clone()).or_insert((f.name.clone(), 0)).1 += 1;
            }
        }
        by.into_iter()
            .map(|(id, (n, c))| (id, n, Count(c)))
            .collect::<Vec<_>>()
    };
    let tied: Vec<(PersonId, Vec<PersonId>)> = around
        .keys()
        .map(|&p| (p, a.network.network.children_tied(d, p)))
        .collect();
    let offender = tally(
        tied.iter()
            .map(|(p, c)| Subject::PersonOfConcern(*p, c))
            .collect(),
    );
    let victim = tally(children.iter().map(|c| Subject::Child(*c)).collect());
    let location = places
        .iter()
        .take(3)
        .filter_map(|gp| {
            let place = at.keys().find(|p| d.places[p.index()].key == gp.place_id)?;
            let s = Subject::Place(*place);
            Some((
                gp.place_id.clone(),
                findings(catalogue, d, &s, &a.events).applicable,
            ))
        })
        .collect();
    GroupTools {
        offender,
        victim,
        location,
    }
}

/// One cell of the group's membership set (members = children + peers + persons of
/// concern), released together for partners.
fn member_count(n: usize, total: bool) -> SetCount {
    SetCount {
        n: n as u64,
        set: "members",
        total,
    }
}
