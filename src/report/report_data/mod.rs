//! What `report.html` shows, gathered from the analysis with every person, count and
//! record reference typed, so the report is cut for its audience by the same release as
//! every other output ([`crate::privacy::Disclosure::release_json`]) and rendered from
//! the released value only ([`super::html`]).
//!
//! This file holds the report's whole and the headline and data-quality parts; the map,
//! the network section and the tables of places and persons each have a file of their
//! own.

mod map;
mod network;
mod tables;

pub use map::{MapCell, MapData, MapPlace};
pub use network::{
    DIAGRAM_GROUPS, DIAGRAM_PER_GROUP, DiagramNode, GroupBubble, NetworkData, PeopleDiagram,
    TOP_PERSONS_OF_CONCERN, network_data,
};
pub use tables::{PocRow, PremisesRow, TopPlace};

use map::map_data;
use tables::{poc_rows, premises_rows, top_places};

use crate::assess::{GroupAssessment, PlaceAssessment, PlanReview};
use crate::model::{Bng, Dataset, Intake};
use crate::pipeline::Analysis;
use crate::privacy::{Count, Disproportionality, Records};
use serde::Serialize;

/// Headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Events that counted.
    pub events_used: usize,
    /// Places.
    pub places: usize,
    /// People.
    pub people: usize,
    /// Persons of concern ranked.
    pub persons_of_concern: usize,
    /// Peer groups.
    pub peer_groups: usize,
    /// Significant hot-spot cells.
    pub hot_cells: usize,
    /// Rows rejected at ingest.
    pub rejected: usize,
}

/// Data-quality notes.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    /// Rejected rows per table and the leading reason.
    pub rejected: Vec<(String, usize, String)>,
    /// Events past their review date, left out.
    pub expired_events: usize,
    /// Links past their review date, left out.
    pub expired_links: usize,
    /// Handling-code C events and links left out (partner runs).
    pub handling_c: usize,
    /// Busy places where co-presence was not inferred.
    pub capped_places: Vec<String>,
    /// Persons of concern whose evidence rests 80% or more on one source system.
    pub single_source: Count,
    /// The disproportionality monitor.
    pub disproportionality: Disproportionality,
    /// What the run assumed or skipped: location stages skipped on a network-only
    /// dataset, legacy gradings read with handling C.
    pub notes: Vec<String>,
}

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// The dataset.
    pub dataset: String,
    /// As-of date.
    pub as_of: String,
    /// The tool that wrote it.
    pub generated_by: String,
    /// Headlines.
    pub summary: Summary,
    /// The map.
    pub map: MapData,
    /// The network.
    pub network: NetworkData,
    /// The top places.
    pub top_places: Vec<TopPlace>,
    /// Premises-type risk.
    pub premises_types: Vec<PremisesRow>,
    /// Places where children gather, most children first.
    pub gathering: Vec<super::gathering::GatheringPlace>,
    /// Persons of concern (record level: not for partners).
    pub persons_of_concern: Records<Vec<PocRow>>,
    /// Location assessments of the top places.
    pub assessments: Vec<PlaceAssessment>,
    /// Peer group assessments.
    pub groups: Vec<GroupAssessment>,
    /// The plan review.
    pub review: PlanReview,
    /// Data quality.
    pub quality: Quality,
}

/// How many places the map marks and the table lists.
pub const TOP_PLACES: usize = 20;

/// Gathers the report.
#[allow(clippy::too_many_arguments)]
pub fn report_data(
    d: &Dataset,
    intake: &Intake,
    dataset: &str,
    a: &Analysis,
    assessments: Vec<PlaceAssessment>,
    groups: Vec<GroupAssessment>,
    review: PlanReview,
    disproportionality: Disproportionality,
    boundary: Vec<Vec<Bng>>,
) -> ReportData {
    let la = &a.location;
    let na = &a.network;
    let top: Vec<&crate::score::PlaceScore> = la
        .ranking
        .iter()
        .filter(|s| s.total > 0.0)
        .take(TOP_PLACES)
        .collect();
    let top_places = top_places(d, &top);
    let map = map_data(d, la, &top, boundary);
    let network = network_data(d, a);
    let persons_of_concern = poc_rows(na);
    let quality = quality(d, intake, a, disproportionality);
    ReportData {
        dataset: dataset.to_string(),
        as_of: d.as_of.0.to_string(),
        generated_by: format!("disrupt {}", env!("CARGO_PKG_VERSION")),
        summary: summary(d, intake, a),
        map,
        network,
        top_places,
        gathering: super::gathering::gathering_places(d, la, TOP_PLACES),
        premises_types: premises_rows(la),
        persons_of_concern,
        assessments,
        groups,
        review,
        quality,
    }
}

/// Data quality: what intake rejected, what expired or was withheld, and the notes.
fn quality(
    d: &Dataset,
    intake: &Intake,
    a: &Analysis,
    disproportionality: Disproportionality,
) -> Quality {
    let la = &a.location;
    let na = &a.network;
    let counts = &na.network.counts;
    Quality {
        rejected: intake.rejected.clone(),
        expired_events: la.counts.expired,
        expired_links: counts.expired_links,
        handling_c: la.counts.handling_c + counts.handling_c_links,
        capped_places: counts
            .capped_places
            .iter()
            .map(|p| d.places[p.index()].key.clone())
            .collect(),
        single_source: Count(
            na.connections
                .iter()
                .filter(|s| s.top_source_share >= 0.8)
                .count() as u64,
        ),
        disproportionality,
        notes: la
            .stages
            .note()
            .map(str::to_string)
            .into_iter()
            .chain(intake.notes.iter().cloned())
            .collect(),
    }
}

/// The headline counts.
fn summary(d: &Dataset, intake: &Intake, a: &Analysis) -> Summary {
    let la = &a.location;
    let na = &a.network;
    let g = &la.grid;
    Summary {
        events_used: la.counts.used,
        places: d.places.len(),
        people: d.people.len(),
        persons_of_concern: na.connections.len(),
        peer_groups: na.peer_groups.groups.len(),
        hot_cells: (0..g.len())
            .filter(|&i| la.gi.is_hot(i, la.settings.fdr))
            .count(),
        rejected: intake.rejected_total,
    }
}
