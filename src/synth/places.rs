//! Places: stations from the real data, then premises of every kind, commercial ones
//! clustered around town centres, homes spread across the borough.

use super::{Gen, SPlace, names};
use crate::model::{Bng, PlaceKind};
use rand::RngExt;

/// Shares of each kind among generated places (stations come from real data). Roughly
/// an inner-London borough: mostly homes, then shops and food outlets.
const MIX: &[(PlaceKind, f64)] = &[
    (PlaceKind::Residential, 0.44),
    (PlaceKind::Hmo, 0.05),
    (PlaceKind::Shop, 0.12),
    (PlaceKind::Takeaway, 0.07),
    (PlaceKind::OffLicence, 0.02),
    (PlaceKind::PubBar, 0.04),
    (PlaceKind::Nightclub, 0.005),
    (PlaceKind::ShishaLounge, 0.005),
    (PlaceKind::Hotel, 0.01),
    (PlaceKind::Bnb, 0.008),
    (PlaceKind::CarWash, 0.007),
    (PlaceKind::NailBar, 0.015),
    (PlaceKind::Park, 0.025),
    (PlaceKind::OpenSpace, 0.02),
    (PlaceKind::TransportHub, 0.005),
    (PlaceKind::CarPark, 0.02),
    (PlaceKind::School, 0.025),
    (PlaceKind::YouthClub, 0.008),
    (PlaceKind::Other, 0.08),
];

fn is_commercial(kind: PlaceKind) -> bool {
    !matches!(
        kind,
        PlaceKind::Residential
            | PlaceKind::Hmo
            | PlaceKind::Park
            | PlaceKind::OpenSpace
            | PlaceKind::School
    )
}

/// Whether a premises of this kind holds a licence, as a probability.
fn licence_probability(kind: PlaceKind) -> f64 {
    match kind {
        PlaceKind::PubBar | PlaceKind::Nightclub | PlaceKind::OffLicence => 1.0,
        PlaceKind::Hotel => 0.8,
        PlaceKind::Takeaway => 0.5, // late-night refreshment
        PlaceKind::ShishaLounge => 0.3,
        PlaceKind::Shop => 0.25,
        _ => 0.0,
    }
}

pub(super) fn generate(g: &mut Gen<'_>) -> anyhow::Result<()> {
    // Town centres: every station, plus a few high streets.
    let mut centres: Vec<(String, Bng)> = g.borough.stations.clone();
    let extra = (g.cfg.places / 400).max(4);
    for i in 0..extra {
        let p = g.borough.random_point(&mut g.rng);
        centres.push((
            format!("{} Road", names::STREETS[i % names::STREETS.len()]),
            p,
        ));
    }
    let stations = g.borough.stations.clone();
    for (name, at) in &stations {
        add(
            g,
            PlaceKind::TransportHub,
            *at,
            &format!("{name} station"),
            &centres,
        )?;
    }
    let total: f64 = MIX.iter().map(|(_, w)| w).sum();
    for _ in 0..g.cfg.places {
        let mut x = g.rng.random_range(0.0..total);
        let mut kind = PlaceKind::Other;
        for (k, w) in MIX {
            if x < *w {
                kind = *k;
                break;
            }
            x -= w;
        }
        let at = if is_commercial(kind) {
            let c = centres[g.rng.random_range(0..centres.len())].1;
            g.borough.point_near(&mut g.rng, c, 300.0)
        } else {
            g.borough.random_point(&mut g.rng)
        };
        let name = business_name(g, kind);
        add(g, kind, at, &name, &centres)?;
    }
    // Children's homes: residential care placements for looked-after children.
    for i in 0..(g.cfg.children / 100).max(2) {
        let at = g.borough.random_point(&mut g.rng);
        let idx = add(
            g,
            PlaceKind::Residential,
            at,
            &format!("Children's home {}", i + 1),
            &centres,
        )?;
        let id = g.places[idx].id.clone();
        g.truth.childrens_homes.push(id);
    }
    Ok(())
}

fn business_name(g: &mut Gen<'_>, kind: PlaceKind) -> String {
    let word = g.pick(names::BUSINESS);
    let street = g.pick(names::STREETS);
    let number = g.rng.random_range(1..240);
    match kind {
        PlaceKind::Residential | PlaceKind::Hmo => format!("{number} {street} Road"),
        PlaceKind::Hotel => format!("{word} Hotel"),
        PlaceKind::Bnb => format!("{word} Guest House"),
        PlaceKind::Takeaway => format!("{word} Chicken"),
        PlaceKind::Shop => format!("{word} Mini Market"),
        PlaceKind::OffLicence => format!("{word} Wines"),
        PlaceKind::PubBar => format!("The {word} Arms"),
        PlaceKind::Nightclub => format!("Club {word}"),
        PlaceKind::ShishaLounge => format!("{word} Shisha Lounge"),
        PlaceKind::CarWash => format!("{word} Hand Car Wash"),
        PlaceKind::NailBar => format!("{word} Nails"),
        PlaceKind::Park => format!("{street} Park"),
        PlaceKind::OpenSpace => format!("{street} Common"),
        PlaceKind::TransportHub => format!("{street} Road bus station"),
        PlaceKind::CarPark => format!("{street} Road car park"),
        PlaceKind::School => format!("{street} Academy"),
        PlaceKind::YouthClub => format!("{street} Youth Centre"),
        PlaceKind::Other => format!("{number} {street} Road (business)"),
    }
}

fn add(
    g: &mut Gen<'_>,
    kind: PlaceKind,
    at: Bng,
    name: &str,
    centres: &[(String, Bng)],
) -> anyhow::Result<usize> {
    let idx = g.places.len();
    let id = format!("PL{:05}", idx + 1);
    let area = centres
        .iter()
        .min_by(|a, b| a.1.distance(&at).total_cmp(&b.1.distance(&at)))
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let p = licence_probability(kind);
    let licensed = if p > 0.0 {
        g.rng.random_bool(p).to_string()
    } else {
        String::new()
    };
    // Local-authority registers give lat/lon; police systems give grid references.
    let wgs84 = g.rng.random_bool(0.8);
    let loc = super::location_fields(at, wgs84);
    g.tables.places.write_record([
        id.as_str(),
        name,
        kind.as_str(),
        &loc[0],
        &loc[1],
        &loc[2],
        &loc[3],
        &licensed,
        &area,
    ])?;
    g.tables.counts[0] += 1;
    g.by_kind.entry(kind).or_default().push(idx);
    g.places.push(SPlace { id, kind, at });
    Ok(idx)
}
