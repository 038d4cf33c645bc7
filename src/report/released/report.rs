//! What `report.html` shows, as released (a mirror of
//! [`crate::report::report_data::ReportData`]). Numbers a computation can leave
//! undefined (a Gi* z where the cells do not vary, a modularity with no ties) are
//! `Option`: JSON writes them as null.

use super::{GroupAssessment, PlaceAssessment, PlanReview, Shown, TrendsSection};
use serde::Deserialize;

/// Everything the report shows, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
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
    /// Places where children gather.
    pub gathering: Vec<GatheringPlace>,
    /// Persons of concern (none for partners).
    pub persons_of_concern: Option<Vec<PocRow>>,
    /// Location assessments of the top places.
    pub assessments: Vec<PlaceAssessment>,
    /// Peer group assessments.
    pub groups: Vec<GroupAssessment>,
    /// The plan review.
    pub review: PlanReview,
    /// Data quality.
    pub quality: Quality,
    /// Emerging hot spots and rising places, when trends were computed.
    #[serde(default)]
    pub trends: Option<TrendsSection>,
}

/// Headline numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// The map: grid cells, the study area's boundary and the top places, in metres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapData {
    /// South-west corner (easting, northing).
    pub min: (f64, f64),
    /// North-east corner.
    pub max: (f64, f64),
    /// Cell size, metres.
    pub cell_m: f64,
    /// The highest KDE density.
    pub kde_peak: f64,
    /// The study area's rings.
    pub boundary: Vec<Vec<(f64, f64)>>,
    /// The study area's name.
    pub area: Option<String>,
    /// The cells with events.
    pub cells: Vec<MapCell>,
    /// The top places.
    pub places: Vec<MapPlace>,
}

/// One grid cell on the map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapCell {
    /// Centre easting.
    pub x: f64,
    /// Centre northing.
    pub y: f64,
    /// Gi* z (none where not a number).
    pub gi_z: Option<f64>,
    /// Whether it is a significant hot spot.
    pub hot: bool,
    /// KDE density relative to the peak.
    pub kde: f64,
}

/// A top place on the map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Easting.
    pub x: f64,
    /// Northing.
    pub y: f64,
    /// Rank.
    pub rank: usize,
    /// Score (none where withheld).
    pub total: Option<f64>,
    /// Marker size, `[0, 1]`.
    pub size: f64,
}

/// The network section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkData {
    /// The peer groups.
    pub groups: Vec<GroupBubble>,
    /// The people diagram (none for partners).
    pub people: Option<PeopleDiagram>,
    /// How betweenness was computed.
    pub betweenness: String,
    /// Modularity of the peer groups (none where not a number).
    pub modularity: Option<f64>,
}

/// A peer group in the network section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupBubble {
    /// `G1`, …
    pub id: String,
    /// Members.
    pub members: Shown,
    /// Children.
    pub children: Shown,
    /// Persons of concern.
    pub persons_of_concern: Shown,
}

/// The people diagram.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleDiagram {
    /// People drawn.
    pub nodes: Vec<DiagramNode>,
    /// Ties drawn: node, node, weight.
    pub edges: Vec<(usize, usize, f64)>,
    /// People left out of the drawing.
    pub left_out: usize,
}

/// A person in the diagram.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagramNode {
    /// Their label.
    pub person: String,
    /// Their role.
    pub role: String,
    /// Their peer group.
    pub group: Option<String>,
    /// Layout x.
    pub x: f64,
    /// Layout y.
    pub y: f64,
    /// Their rank among persons of concern.
    pub rank: Option<usize>,
}

/// A top place in the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopPlace {
    /// Rank.
    pub rank: usize,
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Score (none where withheld).
    pub total: Option<f64>,
    /// Components: name and points (none where withheld).
    pub components: Vec<(String, Option<f64>)>,
    /// Events.
    pub events: Shown,
    /// Children.
    pub children: Shown,
    /// Persons of concern.
    pub persons_of_concern: Shown,
}

/// A premises type's risk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremisesRow {
    /// Place kind.
    pub kind: String,
    /// Premises of the kind.
    pub premises: usize,
    /// Events at them.
    pub events: Shown,
    /// Relative risk (none where not a number).
    pub relative_risk: Option<f64>,
    /// 95% interval (upper none where unbounded).
    pub ci: (Option<f64>, Option<f64>),
}

/// A person of concern in the report's table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PocRow {
    /// Rank.
    pub rank: usize,
    /// Their label.
    pub person: String,
    /// Connection score.
    pub total: Option<f64>,
    /// The leading components.
    pub leading: String,
    /// Possibly under 18.
    pub may_also_be_exploited: bool,
    /// Share of their evidence from one source system (none where not a number).
    pub top_source_share: Option<f64>,
}

/// A place where children gather.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatheringPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Distinct children.
    pub children: Shown,
    /// Records.
    pub records: Shown,
    /// Rank in the place list.
    pub rank: usize,
}

/// Data-quality notes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Rejected rows per table and the leading reason.
    pub rejected: Vec<(String, usize, String)>,
    /// Events past their review date.
    pub expired_events: usize,
    /// Links past their review date.
    pub expired_links: usize,
    /// Handling-code C events and links left out.
    pub handling_c: usize,
    /// Busy places where co-presence was not inferred.
    pub capped_places: Vec<String>,
    /// Persons of concern whose evidence rests on one source system.
    pub single_source: Shown,
    /// The disproportionality monitor.
    pub disproportionality: Disproportionality,
    /// What the run assumed or skipped.
    pub notes: Vec<String>,
}

/// The disproportionality monitor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disproportionality {
    /// Attributes recorded in the data.
    pub attributes_recorded: Vec<String>,
    /// The comparisons.
    pub comparisons: Vec<Comparison>,
    /// Flags, as sentences.
    pub flags: Vec<String>,
}

/// One comparison of the monitor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The attribute.
    pub attribute: String,
    /// The group compared.
    pub group: String,
    /// Against.
    pub base: String,
    /// Per category.
    pub categories: Vec<Category>,
}

/// One category of a comparison.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The value.
    pub value: String,
    /// In the base.
    pub base: Shown,
    /// Its share of the base.
    pub base_share: Option<f64>,
    /// In the group.
    pub group: Shown,
    /// Its share of the group.
    pub group_share: Option<f64>,
    /// Group share ÷ base share.
    pub ratio: Option<f64>,
    /// Whether it is flagged.
    pub flagged: bool,
}
