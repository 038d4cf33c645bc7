//! The report's emerging hot spots and rising places as released (a mirror of
//! [`crate::report::trends_section::TrendsSection`]).

use super::Shown;
use serde::Deserialize;

/// The trends section, cut for its audience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendsSection {
    /// Steps.
    pub steps: usize,
    /// Days per step.
    pub step_days: u32,
    /// Cells per emerging hot spot category.
    pub tally: Vec<(String, Shown)>,
    /// The classified cells (no pattern left out).
    pub cells: Vec<TrendCell>,
    /// The top places' trends.
    pub places: Vec<PlaceTrendRow>,
}

/// A classified cell.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendCell {
    /// Centre easting.
    pub x: f64,
    /// Centre northing.
    pub y: f64,
    /// Its category (`new_hot_spot`, …).
    pub category: String,
}

/// A top place's trend.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceTrendRow {
    /// Rank.
    pub rank: usize,
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Rising, steady or falling.
    pub direction: String,
    /// Mann–Kendall z (none where not a number).
    pub z: Option<f64>,
    /// Its p-value.
    pub p: Option<f64>,
    /// Sen's slope, points per step.
    pub slope: Option<f64>,
    /// Score per step (none for partners).
    pub scores: Option<Vec<f64>>,
}
