//! Background noise: what every borough records that has nothing to do with the planted
//! networks — ASB, crime, stop-searches, everyday missing episodes found at friends'
//! homes — and two decoys that a volume-only method would rank first.

use super::truth::Decoy;
use super::{Gen, Where};
use crate::model::{Bng, EventKind, Involvement, PlaceKind, Role};
use chrono::Duration;
use rand::RngExt;
use std::collections::HashSet;

/// Background event kinds and their shares (after missing episodes and decoys).
const KINDS: &[(EventKind, f64)] = &[
    (EventKind::AsbReport, 0.36),
    (EventKind::Incident, 0.36),
    (EventKind::Intelligence, 0.08),
    (EventKind::StopSearch, 0.08),
    (EventKind::Sighting, 0.05),
    (EventKind::Arrest, 0.05),
    (EventKind::MakesafeCall, 0.02),
];

/// Crime categories of background incidents and their shares.
const CATEGORIES: &[(&str, f64)] = &[
    ("violence", 0.33),
    ("theft", 0.25),
    ("criminal_damage", 0.12),
    ("public_order", 0.10),
    ("drugs", 0.08),
    ("burglary", 0.07),
    ("weapons", 0.05),
];

/// Where background events happen: kinds and weights (busy public places most).
const VENUES: &[(PlaceKind, f64)] = &[
    (PlaceKind::Shop, 0.22),
    (PlaceKind::Residential, 0.20),
    (PlaceKind::TransportHub, 0.08),
    (PlaceKind::PubBar, 0.10),
    (PlaceKind::Takeaway, 0.08),
    (PlaceKind::Park, 0.07),
    (PlaceKind::OpenSpace, 0.04),
    (PlaceKind::CarPark, 0.05),
    (PlaceKind::OffLicence, 0.04),
    (PlaceKind::Nightclub, 0.03),
    (PlaceKind::Hmo, 0.04),
    (PlaceKind::Other, 0.05),
];

fn draw<T: Copy>(g: &mut Gen<'_>, table: &[(T, f64)]) -> T {
    let total: f64 = table.iter().map(|(_, w)| w).sum();
    let mut x = g.rng.random_range(0.0..total);
    for (v, w) in table {
        if x < *w {
            return *v;
        }
        x -= w;
    }
    table[table.len() - 1].0
}

/// Adds the background: everyday missing episodes, the two decoys, then background
/// events until the configured total is reached.
pub(super) fn generate(g: &mut Gen<'_>) -> anyhow::Result<()> {
    let in_networks: HashSet<String> = g
        .truth
        .networks
        .iter()
        .flat_map(|n| n.group.iter().chain(&n.perpetrators))
        .cloned()
        .collect();
    let free = |role: Role, g: &Gen<'_>| -> Vec<usize> {
        (0..g.people.len())
            .filter(|&i| g.people[i].role == role && !in_networks.contains(&g.people[i].id))
            .collect()
    };
    let children = free(Role::Child, g);
    let peers = free(Role::Peer, g);
    let perps = free(Role::Perpetrator, g);

    everyday_missing(g, &children)?;
    repeat_home_decoy(g, &children)?;
    busy_place_decoys(g)?;

    while g.next_event < g.cfg.events {
        background_event(g, &peers, &perps)?;
    }
    Ok(())
}

/// One background event: a kind drawn from [`KINDS`], a venue, a time (evening half the
/// time), and for crime, intelligence and stops the `peers` or `perps` (people in no
/// planted network) involved.
fn background_event(g: &mut Gen<'_>, peers: &[usize], perps: &[usize]) -> anyhow::Result<()> {
    let kind = draw(g, KINDS);
    let place = venue(g);
    let evening = g.rng.random_bool(0.5);
    let t = g.random_time(evening);
    match kind {
        EventKind::AsbReport => {
            g.event(kind, t, place, Some("asb"), None, "la_asb", &[])?;
        }
        EventKind::Incident => {
            let cat = draw(g, CATEGORIES);
            let mut who = Vec::new();
            if !peers.is_empty() && g.rng.random_bool(0.2) {
                who.push((g.pick(peers), Involvement::Victim));
            }
            if !perps.is_empty() && g.rng.random_bool(0.15) {
                who.push((g.pick(perps), Involvement::Suspect));
            }
            g.event(kind, t, place, Some(cat), Some("1AP"), "police", &who)?;
        }
        EventKind::Intelligence => {
            // Low-grade, unconnected intelligence about known adults.
            let gr = g.pick(&["3DP", "2DP", "3CP", "2CP", "3EP", ""]);
            let cat = g.pick(&["drugs_supply", "weapons", "violence"]);
            let who = if perps.is_empty() {
                vec![]
            } else {
                vec![(g.pick(perps), Involvement::Subject)]
            };
            g.event(
                kind,
                t,
                place,
                Some(cat),
                Some(gr).filter(|s| !s.is_empty()),
                "police_intel",
                &who,
            )?;
        }
        EventKind::StopSearch | EventKind::Sighting | EventKind::Arrest => {
            let pool = if g.rng.random_bool(0.6) && !peers.is_empty() {
                peers
            } else {
                perps
            };
            let who = if pool.is_empty() {
                vec![]
            } else {
                vec![(g.pick(pool), Involvement::Subject)]
            };
            let cat = g.pick(&["drugs", "weapons", "public_order"]);
            g.event(kind, t, place, Some(cat), None, "police", &who)?;
        }
        _ => {
            g.event(kind, t, place, None, None, "police_cad", &[])?;
        }
    }
    Ok(())
}

/// A place for a background event: usually a premises, sometimes a free point (a street
/// location with no `place_id`), half of those within 40 m of a place so snapping has
/// something to do.
fn venue(g: &mut Gen<'_>) -> Where {
    if g.rng.random_bool(0.25) {
        if g.rng.random_bool(0.5) {
            let p = g.places[g.rng.random_range(0..g.places.len())].at;
            let angle = g.rng.random_range(0.0..std::f64::consts::TAU);
            let r = g.rng.random_range(0.0..40.0);
            return Where::Point(Bng::new(
                p.easting + r * angle.cos(),
                p.northing + r * angle.sin(),
            ));
        }
        return Where::Point(g.borough.random_point(&mut g.rng));
    }
    let kind = draw(g, VENUES);
    match g.place_of_kind(kind) {
        Some(p) => Where::Place(p),
        None => Where::Place(g.rng.random_range(0..g.places.len())),
    }
}

/// A third of children outside the networks go missing once to three times and are
/// found at a friend's home, in a park, or at a shop — the everyday picture.
fn everyday_missing(g: &mut Gen<'_>, children: &[usize]) -> anyhow::Result<()> {
    let homes: Vec<Option<usize>> = g.people.iter().map(|p| p.home).collect();
    for &c in children {
        if !g.rng.random_bool(0.33) {
            continue;
        }
        let friend_home = g
            .groups
            .iter()
            .find(|grp| grp.contains(&c))
            .and_then(|grp| grp.iter().filter(|&&m| m != c).find_map(|&m| homes[m]));
        for _ in 0..g.rng.random_range(1..=3) {
            let from = g.went_missing(c)?;
            let found = (from + Duration::hours(g.rng.random_range(2..24))).min(g.end());
            let place = match friend_home {
                Some(h) if g.rng.random_bool(0.6) => h,
                _ => {
                    let kind = g.pick(&[
                        PlaceKind::Park,
                        PlaceKind::Shop,
                        PlaceKind::Residential,
                        PlaceKind::TransportHub,
                    ]);
                    g.place_of_kind(kind).unwrap_or(0)
                }
            };
            g.event(
                EventKind::MissingFound,
                found,
                Where::Place(place),
                None,
                None,
                "police_missing",
                &[(c, Involvement::Subject)],
            )?;
        }
    }
    Ok(())
}

/// One child found again and again at the same family home (a grandparent's): many
/// found-at records, one child, no person of concern. It must not outrank a hotel where
/// several children are found with persons of concern.
fn repeat_home_decoy(g: &mut Gen<'_>, children: &[usize]) -> anyhow::Result<()> {
    let (Some(&c), Some(home)) = (children.first(), g.place_of_kind(PlaceKind::Residential)) else {
        return Ok(());
    };
    let n = 12;
    for _ in 0..n {
        let from = g.went_missing(c)?;
        let found = (from + Duration::hours(g.rng.random_range(3..20))).min(g.end());
        g.event(
            EventKind::MissingFound,
            found,
            Where::Place(home),
            None,
            None,
            "police_missing",
            &[(c, Involvement::Subject)],
        )?;
    }
    g.truth.decoys.push(Decoy {
        place: g.places[home].id.clone(),
        why: format!(
            "one child ({}) found here {n} times; a relative's home, no person of concern",
            g.people[c].id
        ),
        events: n,
    });
    Ok(())
}

/// Two busy transport hubs and a shop with hundreds of low-grade ASB reports and no
/// children or persons of concern: volume alone must not make a hotspot.
fn busy_place_decoys(g: &mut Gen<'_>) -> anyhow::Result<()> {
    let per_place = (g.cfg.events / 50).clamp(150, 20_000);
    let mut chosen = Vec::new();
    for kind in [
        PlaceKind::TransportHub,
        PlaceKind::TransportHub,
        PlaceKind::Shop,
    ] {
        for _ in 0..20 {
            if let Some(p) = g.place_of_kind(kind).filter(|p| !chosen.contains(p)) {
                chosen.push(p);
                break;
            }
        }
    }
    for &p in &chosen {
        for _ in 0..per_place {
            let evening = g.rng.random_bool(0.5);
            let t = g.random_time(evening);
            let gr = g.pick(&["3DP", "3EP", ""]);
            g.event(
                EventKind::AsbReport,
                t,
                Where::Place(p),
                Some("asb"),
                Some(gr).filter(|s| !s.is_empty()),
                "la_asb",
                &[],
            )?;
        }
        g.truth.decoys.push(Decoy {
            place: g.places[p].id.clone(),
            why: format!(
                "busy {}: {per_place} low-grade ASB reports, no children or persons of concern",
                g.places[p].kind
            ),
            events: per_place,
        });
    }
    Ok(())
}
