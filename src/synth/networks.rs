//! Planted exploitation networks. Each is two to four persons of concern grooming the
//! children of one peer group from a premises, with the records agencies would hold:
//! missing episodes found there, return-interview mentions, sightings, graded
//! intelligence, Makesafe calls, incidents, arrests, links, and a disruption plan.

use super::truth::PlantedNetwork;
use super::{Gen, Where};
use crate::model::{ActionStatus, EventKind, Involvement, LinkKind, PlaceKind, Role, TargetType};
use chrono::{Datelike, Duration};
use rand::RngExt;

/// The premises each successive network works from: the four the issue names first,
/// then other premises types exploitation reviews keep finding.
const PREMISES: &[(PlaceKind, &str)] = &[
    (PlaceKind::Hotel, "cse"),
    (PlaceKind::Takeaway, "cse"),
    (PlaceKind::Residential, "cce"), // a cuckooed flat
    (PlaceKind::Park, "cce"),
    (PlaceKind::Bnb, "cse"),
    (PlaceKind::ShishaLounge, "cse"),
    (PlaceKind::CarWash, "cce"),
];

/// Intelligence gradings and their shares: mostly untested sources, some reliable,
/// some with handling conditions.
const GRADINGS: &[(&str, f64)] = &[
    ("1AP", 0.05),
    ("1BP", 0.10),
    ("2BP", 0.25),
    ("2CP", 0.20),
    ("2BC", 0.08),
    ("3CP", 0.10),
    ("3DP", 0.07),
    ("2DC", 0.05),
    ("", 0.10),
];

pub(super) fn grading(g: &mut Gen<'_>, table: &[(&'static str, f64)]) -> &'static str {
    let mut x: f64 = g.rng.random();
    for (code, w) in table {
        if x < *w {
            return code;
        }
        x -= w;
    }
    ""
}

pub(super) fn generate(g: &mut Gen<'_>) -> anyhow::Result<()> {
    let n = g
        .cfg
        .networks
        .unwrap_or((g.cfg.children / 100).max(4))
        .min(g.groups.len());
    let mut used = Vec::new();
    for k in 0..n {
        let (kind, category) = PREMISES[k % PREMISES.len()];
        let category = if kind == PlaceKind::Takeaway && k % 2 == 1 {
            "cce"
        } else {
            category
        };
        // A premises of the kind that no other network uses.
        let mut premises = None;
        for _ in 0..50 {
            if let Some(p) = g.place_of_kind(kind).filter(|p| !used.contains(p)) {
                premises = Some(p);
                break;
            }
        }
        let Some(premises) = premises else { continue };
        used.push(premises);
        plant(g, k, premises, category)?;
    }
    g.truth.groups_without_networks = g.groups.len() - g.truth.networks.len();
    Ok(())
}

fn plant(g: &mut Gen<'_>, k: usize, premises: usize, category: &str) -> anyhow::Result<()> {
    let year = g.cfg.end.year();
    let group = g.groups[k].clone();
    let children = exploited_children(g, &group);
    let perps = persons_of_concern(g, k, year)?;
    let secondary = nearest_shop(g, premises);
    link_network(g, &perps, &children)?;
    children_records(g, &children, premises, secondary, &perps, category)?;
    intelligence_and_calls(g, premises, category, &children, &perps)?;
    incidents_and_arrests(g, premises, category, &children, &perps)?;
    plan(g, k, premises, &children, &perps)?;
    let network = planted(
        g, k, category, premises, secondary, &perps, &children, &group,
    );
    g.truth.networks.push(network);
    Ok(())
}

/// The group's children, and its peers too until at least three young people are
/// exploited (grooming pulls in peers).
fn exploited_children(g: &Gen<'_>, group: &[usize]) -> Vec<usize> {
    let mut children: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&p| g.people[p].role == Role::Child)
        .collect();
    // Grooming pulls in peers too: make sure at least three young people are exploited.
    for &p in group {
        if children.len() >= 3 {
            break;
        }
        if !children.contains(&p) {
            children.push(p);
        }
    }
    children
}

/// Persons of concern; one network in four includes a 17-year-old "older peer", who
/// the engine must flag as possibly exploited too.
fn persons_of_concern(g: &mut Gen<'_>, k: usize, year: i32) -> anyhow::Result<Vec<usize>> {
    let n_perps = g.rng.random_range(2..=4);
    let mut perps = Vec::new();
    for i in 0..n_perps {
        let age = if i == 0 && k % 4 == 3 {
            17
        } else {
            g.rng.random_range(19..46)
        };
        let home = g.place_of_kind(PlaceKind::Residential);
        perps.push(g.add_person(Role::Perpetrator, year - age, home, None)?);
    }
    Ok(perps)
}

/// A second place near the premises: the closest take-away or shop.
fn nearest_shop(g: &Gen<'_>, premises: usize) -> Option<usize> {
    let at = g.places[premises].at;
    g.places
        .iter()
        .enumerate()
        .filter(|(i, p)| *i != premises && matches!(p.kind, PlaceKind::Takeaway | PlaceKind::Shop))
        .min_by(|a, b| a.1.at.distance(&at).total_cmp(&b.1.at.distance(&at)))
        .map(|(i, _)| i)
}

/// Ties among the persons of concern, and from each child to one of them, as police
/// intelligence records them.
fn link_network(g: &mut Gen<'_>, perps: &[usize], children: &[usize]) -> anyhow::Result<()> {
    for w in perps.windows(2) {
        g.link(
            w[0],
            w[1],
            LinkKind::CoOffender,
            Some("2BP"),
            "police_intel",
        )?;
    }
    for (i, &c) in children.iter().enumerate() {
        let p = perps[i % perps.len()];
        let kind = if g.rng.random_bool(0.5) {
            LinkKind::Contact
        } else {
            LinkKind::Associate
        };
        let gr = grading(g, GRADINGS);
        g.link(
            c,
            p,
            kind,
            Some(gr).filter(|s| !s.is_empty()),
            "police_intel",
        )?;
    }
    Ok(())
}

/// Each child's missing episodes, and sightings of them with a person of concern at
/// the premises.
fn children_records(
    g: &mut Gen<'_>,
    children: &[usize],
    premises: usize,
    secondary: Option<usize>,
    perps: &[usize],
    category: &str,
) -> anyhow::Result<()> {
    for &c in children {
        let episodes = g.rng.random_range(3..=7);
        for _ in 0..episodes {
            missing_episode(g, c, premises, secondary, perps, category)?;
        }
        for _ in 0..g.rng.random_range(1..=3) {
            let t = g.random_time(true);
            let p = g.pick(perps);
            let gr = g.pick(&["1BP", "2BP", "1AP"]);
            g.event(
                EventKind::Sighting,
                t,
                Where::Place(premises),
                Some(category),
                Some(gr),
                "police",
                &[(c, Involvement::Subject), (p, Involvement::Associate)],
            )?;
        }
    }
    Ok(())
}

/// Graded intelligence on the premises, and Makesafe calls from premises of the kinds
/// the scheme covers.
fn intelligence_and_calls(
    g: &mut Gen<'_>,
    premises: usize,
    category: &str,
    children: &[usize],
    perps: &[usize],
) -> anyhow::Result<()> {
    for _ in 0..g.rng.random_range(4..=10) {
        let t = g.random_time(true);
        let gr = grading(g, GRADINGS);
        let p = g.pick(perps);
        let mut who = vec![(p, Involvement::Suspect)];
        if g.rng.random_bool(0.6) {
            who.push((g.pick(children), Involvement::Victim));
        }
        g.event(
            EventKind::Intelligence,
            t,
            Where::Place(premises),
            Some(category),
            Some(gr).filter(|s| !s.is_empty()),
            "police_intel",
            &who,
        )?;
    }
    let kind = g.places[premises].kind;
    if matches!(
        kind,
        PlaceKind::Hotel | PlaceKind::Bnb | PlaceKind::Takeaway | PlaceKind::ShishaLounge
    ) {
        for _ in 0..g.rng.random_range(2..=5) {
            let t = g.random_time(true);
            let who = if g.rng.random_bool(0.3) {
                vec![(g.pick(children), Involvement::Subject)]
            } else {
                vec![]
            };
            g.event(
                EventKind::MakesafeCall,
                t,
                Where::Place(premises),
                Some(category),
                None,
                "police_cad",
                &who,
            )?;
        }
    }
    Ok(())
}

/// Incidents at the premises with a child as victim, and arrests of persons of concern.
fn incidents_and_arrests(
    g: &mut Gen<'_>,
    premises: usize,
    category: &str,
    children: &[usize],
    perps: &[usize],
) -> anyhow::Result<()> {
    for _ in 0..g.rng.random_range(1..=3) {
        let t = g.random_time(true);
        let cat = if category == "cse" {
            "sexual_offence"
        } else {
            "drugs_supply"
        };
        let who = [
            (g.pick(children), Involvement::Victim),
            (g.pick(perps), Involvement::Suspect),
        ];
        g.event(
            EventKind::Incident,
            t,
            Where::Place(premises),
            Some(cat),
            Some("1AP"),
            "police",
            &who,
        )?;
    }
    for _ in 0..g.rng.random_range(0..=2) {
        let t = g.random_time(true);
        let who = [(g.pick(perps), Involvement::Subject)];
        g.event(
            EventKind::Arrest,
            t,
            Where::Place(premises),
            Some(category),
            None,
            "police",
            &who,
        )?;
    }
    Ok(())
}

/// The network as the ground truth records it.
#[allow(clippy::too_many_arguments)]
fn planted(
    g: &Gen<'_>,
    k: usize,
    category: &str,
    premises: usize,
    secondary: Option<usize>,
    perps: &[usize],
    children: &[usize],
    group: &[usize],
) -> PlantedNetwork {
    let id = |g: &Gen<'_>, v: &[usize]| {
        v.iter()
            .map(|&i| g.people[i].id.clone())
            .collect::<Vec<_>>()
    };
    PlantedNetwork {
        id: format!("N{}", k + 1),
        category: category.to_string(),
        premises: g.places[premises].id.clone(),
        premises_kind: g.places[premises].kind.as_str().to_string(),
        secondary: secondary.map(|s| g.places[s].id.clone()),
        perpetrators: id(g, perps),
        children: id(g, children),
        group: id(g, group),
    }
}

/// A missing episode: reported missing from home, found hours later at the network's
/// premises (mostly), its second place, or elsewhere; sometimes with a person of concern
/// present; often followed by a return-interview mention of the premises.
fn missing_episode(
    g: &mut Gen<'_>,
    child: usize,
    premises: usize,
    secondary: Option<usize>,
    perps: &[usize],
    category: &str,
) -> anyhow::Result<()> {
    let from = g.went_missing(child)?;
    let found = (from + Duration::hours(g.rng.random_range(6..48))).min(g.end());
    let x: f64 = g.rng.random();
    let place = if x < 0.6 {
        premises
    } else if let (true, Some(s)) = (x < 0.8, secondary) {
        s
    } else {
        g.rng.random_range(0..g.places.len())
    };
    let mut who = vec![(child, Involvement::Subject)];
    if g.rng.random_bool(0.35) {
        who.push((g.pick(perps), Involvement::Associate));
    }
    g.event(
        EventKind::MissingFound,
        found,
        Where::Place(place),
        Some(category),
        None,
        "police_missing",
        &who,
    )?;
    if place == premises && g.rng.random_bool(0.5) {
        let t = (found + Duration::hours(g.rng.random_range(24..72))).min(g.end());
        let who = [
            (child, Involvement::Subject),
            (g.pick(perps), Involvement::Associate),
        ];
        g.event(
            EventKind::RhiMention,
            t,
            Where::Place(premises),
            Some(category),
            None,
            "rhi_provider",
            &who,
        )?;
    }
    Ok(())
}

/// A disruption plan that, like many real ones, leans on the child: mostly victim-side
/// actions, a few aimed at the persons of concern or the place.
fn plan(
    g: &mut Gen<'_>,
    k: usize,
    premises: usize,
    children: &[usize],
    perps: &[usize],
) -> anyhow::Result<()> {
    let mid = g.cfg.end - Duration::days(g.cfg.days / 2);
    for &c in children {
        let id = g.people[c].id.clone();
        let status = g.pick(&[ActionStatus::Active, ActionStatus::Completed]);
        g.action(
            "V07",
            TargetType::Victim,
            &id,
            "Children's social care",
            mid,
            status,
            "Strategy discussion and child protection plan",
        )?;
        if g.rng.random_bool(0.5) {
            g.action(
                "V10",
                TargetType::Victim,
                &id,
                "Children's social care",
                mid,
                ActionStatus::Completed,
                "Return home interviews",
            )?;
        }
    }
    if k.is_multiple_of(2) {
        let id = g.people[perps[0]].id.clone();
        g.action(
            "O01",
            TargetType::Offender,
            &id,
            "Police",
            mid,
            ActionStatus::Active,
            "Child Abduction Warning Notice served",
        )?;
    }
    if g.places[premises].kind == PlaceKind::Hotel {
        let id = g.places[premises].id.clone();
        g.action(
            "L04",
            TargetType::Location,
            &id,
            "Police",
            mid,
            ActionStatus::Planned,
            "Hotel guest information notice",
        )?;
    }
    Ok(())
}
