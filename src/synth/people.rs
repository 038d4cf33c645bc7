//! People: children and peers in peer groups, trusted adults, professionals, and
//! background persons of concern who are not part of any planted network.

use super::Gen;
use crate::model::{LinkKind, PlaceKind, Role};
use chrono::Datelike;
use rand::RngExt;

/// Adds the people, in draw order: the young, their peer groups and links, the
/// protective adults, and the background persons of concern.
pub(super) fn generate(g: &mut Gen<'_>) -> anyhow::Result<()> {
    let year = g.cfg.end.year();
    let mut young = add_young(g, year)?;
    form_peer_groups(g, &mut young);
    link_peer_groups(g)?;
    add_protective_adults(g, year, &young)?;
    add_background_concerns(g, year)
}

/// A home for a new person: a residential place, or one time in ten an HMO (one draw,
/// then the place's).
fn random_home(g: &mut Gen<'_>) -> Option<usize> {
    let kind = if g.rng.random_bool(0.9) {
        PlaceKind::Residential
    } else {
        PlaceKind::Hmo
    };
    g.place_of_kind(kind)
}

/// Adds the children (aged 11–17 in `year`, 15% looked after, in a children's home
/// where there is one) and then half as many again peers (aged 11–19); returns everyone
/// young, children first.
fn add_young(g: &mut Gen<'_>, year: i32) -> anyhow::Result<Vec<usize>> {
    let care_homes: Vec<usize> = g
        .truth
        .childrens_homes
        .iter()
        .filter_map(|h| g.places.iter().position(|p| &p.id == h))
        .collect();
    let mut young = Vec::new();
    for _ in 0..g.cfg.children {
        let looked_after = g.rng.random_bool(0.15);
        let home = if looked_after && !care_homes.is_empty() {
            Some(g.pick(&care_homes))
        } else {
            random_home(g)
        };
        let by = year - g.rng.random_range(11..18);
        young.push(g.add_person(Role::Child, by, home, Some(looked_after))?);
    }
    for _ in 0..(g.cfg.children * 3 / 2) {
        let home = random_home(g);
        let by = year - g.rng.random_range(11..20);
        young.push(g.add_person(Role::Peer, by, home, None)?);
    }
    Ok(young)
}

/// Peer groups of 4–8, each mixing children and peers, formed by shuffling everyone
/// `young` (in place) and cutting the list into runs; a short remainder joins the last.
fn form_peer_groups(g: &mut Gen<'_>, young: &mut [usize]) {
    for i in (1..young.len()).rev() {
        let j = g.rng.random_range(0..=i);
        young.swap(i, j);
    }
    let mut rest = &young[..];
    while rest.len() >= 4 {
        let n = g.rng.random_range(4..=8).min(rest.len());
        g.groups.push(rest[..n].to_vec());
        rest = &rest[n..];
    }
    if let Some(last) = g.groups.last_mut() {
        last.extend_from_slice(rest);
    }
}

/// Everyone in a group knows at least one other member; groups are loosely knit (a
/// group of more than four is closed into a ring half the time).
fn link_peer_groups(g: &mut Gen<'_>) -> anyhow::Result<()> {
    for gi in 0..g.groups.len() {
        let members = g.groups[gi].clone();
        for w in members.windows(2) {
            g.link(w[0], w[1], LinkKind::Associate, None, "social_care")?;
        }
        if members.len() > 4 && g.rng.random_bool(0.5) {
            g.link(
                members[0],
                members[members.len() - 1],
                LinkKind::Associate,
                None,
                "school",
            )?;
        }
    }
    Ok(())
}

/// Protective adults: most children name a trusted adult; many have a professional;
/// some have a sibling among the `young`.
fn add_protective_adults(g: &mut Gen<'_>, year: i32, young: &[usize]) -> anyhow::Result<()> {
    let n_professionals = (g.cfg.children / 12).max(5);
    let mut professionals = Vec::new();
    for _ in 0..n_professionals {
        let by = year - g.rng.random_range(23..61);
        professionals.push(g.add_person(Role::Professional, by, None, None)?);
    }
    let children: Vec<usize> = (0..g.people.len())
        .filter(|&i| g.people[i].role == Role::Child)
        .collect();
    for &c in &children {
        if g.rng.random_bool(0.6) {
            let by = year - g.rng.random_range(25..71);
            let home = g.people[c].home;
            let t = g.add_person(Role::TrustedAdult, by, home, None)?;
            g.link(c, t, LinkKind::Trusted, None, "social_care")?;
        }
        if g.rng.random_bool(0.7) {
            let p = g.pick(&professionals);
            g.link(c, p, LinkKind::Professional, None, "social_care")?;
        }
        if g.rng.random_bool(0.1) {
            let s = g.pick(young);
            g.link(c, s, LinkKind::Sibling, None, "social_care")?;
        }
    }
    Ok(())
}

/// Background persons of concern: known to police, not in any planted network.
fn add_background_concerns(g: &mut Gen<'_>, year: i32) -> anyhow::Result<()> {
    for _ in 0..(g.cfg.children / 20).max(3) {
        let by = year - g.rng.random_range(19..56);
        let home = random_home(g);
        g.add_person(Role::Perpetrator, by, home, None)?;
    }
    Ok(())
}
