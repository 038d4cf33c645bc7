//! `ties.parquet`: one row per tie, for a distributed engine (GraphFrames edges).

use super::{event_refs, link_refs, round, tie_types};
use crate::model::{Dataset, PersonId};
use crate::report::{ColumnTable, Values};
use crate::score::NetworkAnalysis;

/// One row per tie, for a distributed engine (GraphFrames edges: rename `entity1`,
/// `entity2` to `src`, `dst`): both ends (as the audience may see them) and their roles,
/// every type behind the tie joined by `+` (`associate+co_presence`), its weight, and
/// the link and event references behind it. A table of people: never written for
/// partners. `links_i2.csv` holds the same ties one type per row.
pub fn ties_table(d: &Dataset, a: &NetworkAnalysis) -> ColumnTable {
    let ties: Vec<_> = a.network.ties().collect();
    let role = |p: PersonId| d.people[p.index()].role.to_string();
    let kind = |t: &crate::graph::Tie| tie_types(d, t).join("+");
    let mut t = ColumnTable::per_person();
    t.push(
        "entity1",
        Values::Person(ties.iter().map(|(x, _, _)| Some(*x)).collect()),
    )
    .push(
        "entity1_type",
        Values::Text(ties.iter().map(|(x, _, _)| role(*x)).collect()),
    )
    .push(
        "entity2",
        Values::Person(ties.iter().map(|(_, y, _)| Some(*y)).collect()),
    )
    .push(
        "entity2_type",
        Values::Text(ties.iter().map(|(_, y, _)| role(*y)).collect()),
    )
    .push(
        "link_type",
        Values::Text(ties.iter().map(|(_, _, t)| kind(t)).collect()),
    )
    .push(
        "weight",
        Values::Float(ties.iter().map(|(_, _, t)| round(t.weight)).collect()),
    )
    .push(
        "link_refs",
        // A link's source reference when recorded, else its position among accepted links.
        Values::Records(
            ties.iter()
                .map(|(_, _, t)| link_refs(d, &t.links))
                .collect(),
        ),
    )
    .push(
        "event_refs",
        Values::Records(
            ties.iter()
                .map(|(_, _, t)| event_refs(d, &t.events()))
                .collect(),
        ),
    );
    t
}
