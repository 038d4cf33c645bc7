//! The study-wide figures a run over one area of a larger study reads, so that its
//! scores are the study's and not the area's (docs/scale.md, "Study-wide reduces").
//!
//! Three things in a place's score are read against the whole study, not the place:
//!
//! - **Gi\***: a cell's z-score is its neighbourhood's weight against the mean and
//!   variance of every cell of the grid, and its q-value ranks its p-value among every
//!   cell's (Benjamini–Hochberg). The grid covers every located record of the study.
//! - **Footfall** ([`crate::score::chance`]): how many records each child has across the
//!   study, how the children's records spread over places, how often such a record ties
//!   a child to its place, and the study period.
//! - **The co-presence rate** (`2w / T`, [`crate::score::tie_chance`]): the period of the
//!   records the network holds; and, for a run over a network gathered from several
//!   areas, each place's records and pairs, which that run holds only in part, and the
//!   study's hotspots.
//!
//! Each area's run writes its part ([`Partials`], `disrupt partials`); the parts are
//! summed across areas (by `spark/`, in Spark) into a [`Study`]; and each area's
//! `disrupt analyse --study FILE` reads it. Everything else in a place's score is read
//! from the place's own records, which lie in its area.

use crate::model::Bng;
use crate::spatial::{Grid, GridError};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The format tag of a study file.
pub const STUDY_FORMAT: &str = "disrupt-study-1";
/// The format tag of one area's partials.
pub const PARTIALS_FORMAT: &str = "disrupt-partials-1";

/// The study-wide figures, summed over every area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// [`STUDY_FORMAT`].
    pub format: String,
    /// The areas summed, in order.
    pub areas: Vec<String>,
    /// The grid's cell size, metres: every area's run must use it.
    pub cell_m: f64,
    /// The grid's margin around the records (the kernel bandwidth), metres: every area's
    /// run must use it.
    pub margin_m: f64,
    /// The range of the study's located records (places and counted events) after far
    /// outliers are left out ([`Grid::covering`]); `None` when nothing is located.
    pub extent: Option<Extent>,
    /// Counted events and their weight per lattice cell, summed over the areas; cells
    /// with none are left out.
    pub cells: Vec<LatticeWeight>,
    /// Footfall summed over the areas.
    pub footfall: StudyFootfall,
    /// The first and last of the records the network holds at places, over the areas.
    pub attendance: Period,
    /// Every place where a pair of people was seen twice or more within the co-presence
    /// window, with what its chance baseline reads: each place lies in one area, so the
    /// areas' lists are joined, not summed. A run over part of the study (a network
    /// gathered across areas) reads each place's co-presence against all of its records.
    #[serde(default)]
    pub co_presence: Vec<PlaceCoPresence>,
    /// The study's hotspots, best first, by place id: what a person of concern's
    /// `hotspot_places` counts in a run over a network gathered across areas; `None`
    /// before the areas are ranked (each area's run ranks its own).
    #[serde(default)]
    pub hotspots: Option<Vec<String>>,
}

/// What a place's co-presence chance baseline reads ([`crate::score::tie_chance`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceCoPresence {
    /// The place's id.
    pub place_id: String,
    /// Each person's count of records at the place (any order).
    pub records: Vec<u32>,
    /// The pairs seen there twice or more, in different records within the window.
    pub seen: u64,
}

/// A range of BNG coordinates, metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extent {
    /// Least and greatest easting.
    pub east: [f64; 2],
    /// Least and greatest northing.
    pub north: [f64; 2],
}

/// Counted events and their summed weight in one cell of the lattice
/// ([`crate::spatial::LatticeCell`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatticeWeight {
    /// Lattice column (easting ÷ cell, floored).
    pub col: i64,
    /// Lattice row (northing ÷ cell, floored).
    pub row: i64,
    /// Counted events.
    pub count: u64,
    /// Their summed weight.
    pub weight: f64,
}

/// The first and last of some records' times; `None` when there are none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first.
    pub first: Option<NaiveDateTime>,
    /// The last.
    pub last: Option<NaiveDateTime>,
}

impl Period {
    /// The first and last of `times`.
    pub fn of(times: impl Iterator<Item = NaiveDateTime>) -> Self {
        times.fold(Period::default(), |p, t| Period {
            first: Some(p.first.map_or(t, |f| f.min(t))),
            last: Some(p.last.map_or(t, |l| l.max(t))),
        })
    }
}

/// The study's footfall ([`crate::score::footfall`]), summed over the areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyFootfall {
    /// Children's records at places with no person of concern in them.
    pub child_records: u64,
    /// Of those, the ones that tie the child to the place on their own.
    pub tied: u64,
    /// The sum over places of the square of their count of those records.
    pub sum_sq: f64,
    /// `(n, how many children have n such records across the study)`, n ascending.
    pub records_per_child: Vec<(u32, u32)>,
    /// The first and last record at a place.
    pub period: Period,
}

/// Why a study file cannot be used for this run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StudyError {
    /// The file is of another format.
    #[error(
        "the study file is of format '{0}', not {STUDY_FORMAT}; write it again with this version's spark/ job"
    )]
    Format(String),
    /// A setting the grid is built from differs from the study's.
    #[error(
        "the study was summed with a {what} of {study} m but this run uses {run} m; run every area with the same settings as the study (--cell, --bandwidth)"
    )]
    Setting {
        /// Which setting.
        what: &'static str,
        /// The study's.
        study: f64,
        /// This run's.
        run: f64,
    },
}

impl Study {
    /// Checks the study was summed for a run with this cell size and margin.
    ///
    /// # Errors
    /// [`StudyError`].
    pub fn check(&self, cell_m: f64, margin_m: f64) -> Result<(), StudyError> {
        if self.format != STUDY_FORMAT {
            return Err(StudyError::Format(self.format.clone()));
        }
        for (what, study, run) in [
            ("cell size", self.cell_m, cell_m),
            (
                "grid margin (the kernel bandwidth)",
                self.margin_m,
                margin_m,
            ),
        ] {
            if study != run {
                return Err(StudyError::Setting { what, study, run });
            }
        }
        Ok(())
    }

    /// The study's grid: the one a single run over every area's records would draw
    /// ([`Grid::covering`]); `None` when nothing is located.
    ///
    /// # Errors
    /// [`GridError::TooLarge`].
    pub fn grid(&self) -> Result<Option<Grid>, GridError> {
        let Some(e) = self.extent else {
            return Ok(None);
        };
        let m = self.margin_m;
        Grid::from_extent(
            Bng::new(e.east[0] - m, e.north[0] - m),
            Bng::new(e.east[1] + m, e.north[1] + m),
            self.cell_m,
        )
        .map(Some)
    }

    /// The study's weight in each cell of `grid` (its own grid, [`Study::grid`]).
    pub fn cell_weight(&self, grid: &Grid) -> Vec<f64> {
        let mut w = vec![0.0; grid.len()];
        for c in &self.cells {
            if let Some(i) = grid.index_of(c.col, c.row) {
                w[i] += c.weight;
            }
        }
        w
    }
}

/// One area's part of the study-wide figures: what `disrupt partials` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partials {
    /// [`PARTIALS_FORMAT`].
    pub format: String,
    /// The cell size, metres.
    pub cell_m: f64,
    /// The grid margin (the kernel bandwidth), metres.
    pub margin_m: f64,
    /// The area's located records, for the study's extent.
    pub extent: PartialExtent,
    /// Counted events and their weight per lattice cell, in the area.
    pub cells: Vec<LatticeWeight>,
    /// The area's footfall.
    pub footfall: PartialFootfall,
    /// The first and last of the records the area's network holds at places.
    pub attendance: Period,
    /// The area's places where a pair was seen twice or more.
    pub co_presence: Vec<PlaceCoPresence>,
}

/// An area's located records' coordinates at both ends: enough, with every other
/// area's, to find the study's 0.1st and 99.9th percentiles exactly when `rank` is at
/// least the study's record count × 0.001, plus 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialExtent {
    /// Located records (places and counted events).
    pub points: u64,
    /// The `rank` least eastings, ascending.
    pub east_low: Vec<f64>,
    /// The `rank` greatest eastings, ascending.
    pub east_high: Vec<f64>,
    /// The `rank` least northings, ascending.
    pub north_low: Vec<f64>,
    /// The `rank` greatest northings, ascending.
    pub north_high: Vec<f64>,
}

impl PartialExtent {
    /// The ends of `points`' coordinates, `rank` at each end.
    pub fn of(points: impl Iterator<Item = Bng>, rank: usize) -> Self {
        let (mut xs, mut ys): (Vec<f64>, Vec<f64>) =
            points.map(|p| (p.easting, p.northing)).unzip();
        xs.sort_by(f64::total_cmp);
        ys.sort_by(f64::total_cmp);
        let ends = |v: &[f64]| {
            let k = rank.min(v.len());
            (v[..k].to_vec(), v[v.len() - k..].to_vec())
        };
        let (east_low, east_high) = ends(&xs);
        let (north_low, north_high) = ends(&ys);
        PartialExtent {
            points: xs.len() as u64,
            east_low,
            east_high,
            north_low,
            north_high,
        }
    }
}

/// An area's footfall: the study's sums, before they are summed over the areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialFootfall {
    /// As [`StudyFootfall::child_records`], in the area.
    pub child_records: u64,
    /// As [`StudyFootfall::tied`], in the area.
    pub tied: u64,
    /// As [`StudyFootfall::sum_sq`], over the area's places.
    pub sum_sq: f64,
    /// Each child's count of such records in the area, by keyed pseudonym (the run's
    /// `--key-file`, which every area shares, so a child recorded in two areas is summed
    /// as one), sorted.
    pub children: Vec<(String, u32)>,
    /// The first and last record at a place in the area.
    pub period: Period,
}
