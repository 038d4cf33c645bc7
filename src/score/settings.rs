//! Every weight, window and size the engine uses, in one documented struct, loadable from
//! a TOML file (`--config FILE`). Anything the file leaves out keeps its default.
//!
//! ```toml
//! half_life_days = 90
//! window_days = 365
//! cell_m = 100
//!
//! [kind_weight]
//! asb_report = 0.25
//!
//! [score]
//! concern_weight = 10
//!
//! [connection]
//! reach_weight = 0.5
//! ```

use crate::model::EventKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Settings of the location engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Only events within this many days before `--as-of` count. Default 365.
    pub window_days: u32,
    /// Recency half-life in days: an event this old weighs half as much. Default 180.
    pub half_life_days: f64,
    /// Events with coordinates but no `place_id` snap to the nearest place within this
    /// many metres; further away they stay free points. Default 50 m.
    pub snap_m: f64,
    /// Side of a grid cell, metres. Default 100 m.
    pub cell_m: f64,
    /// Quartic kernel bandwidth, metres. Default: 5 cells (500 m at 100 m cells).
    pub bandwidth_m: Option<f64>,
    /// Gi* distance band, metres: cells whose centres are this close are neighbours
    /// (the cell itself included). Default: 2.5 cells (250 m at 100 m cells: 21 cells).
    pub gi_distance_m: Option<f64>,
    /// False discovery rate for Gi* significance (Benjamini–Hochberg). Default 0.05.
    pub fdr: f64,
    /// Base weight of each event kind (docs/design.md §4.1).
    pub kind_weight: BTreeMap<EventKind, f64>,
    /// Base weight of each event kind when its category is an exploitation category;
    /// kinds not listed use `kind_weight`.
    pub exploitation_weight: BTreeMap<EventKind, f64>,
    /// Categories that mark exploitation.
    pub exploitation_categories: Vec<String>,
    /// Categories that are a concern signal at a place, so that children's records there
    /// are exploitation evidence (see [`crate::score::place_records`]): the exploitation
    /// categories and the harms that go with them.
    pub concern_categories: Vec<String>,
    /// Coefficients of the place hotspot score.
    pub score: ScoreCoefficients,
    /// Settings of the network engine (`[network]` in the file).
    pub network: crate::graph::NetworkSettings,
    /// Coefficients of the person-of-concern connection score (`[connection]` in the file).
    pub connection: super::ConnectionCoefficients,
    /// The study-wide figures, when this run is over one area of a larger study
    /// (`--study FILE`, [`super::study`]); never in the settings file.
    #[serde(skip)]
    pub study: Option<std::sync::Arc<super::Study>>,
}

/// Coefficients of the place hotspot score's named components (see
/// [`crate::score::hotspot`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreCoefficients {
    /// Points per natural-log unit of weighted intensity: `intensity × ln(1 + W / intensity_scale)`.
    pub intensity: f64,
    /// The weight that counts as one unit of intensity (a recent found-at missing episode).
    pub intensity_scale: f64,
    /// Points per child linked in full (see `link_weight`).
    pub child: f64,
    /// Points per person of concern linked in full (see `link_weight`).
    pub person_of_concern: f64,
    /// The weight of a person's records at a place that links them to it in full: each
    /// child or person of concern counts `min(1, W / link_weight)`, W the summed weight
    /// (base × grading × recency) of the events there that involve them. Default 4: one
    /// recent exploitation sighting or intelligence graded 1A, a Makesafe call, a found-at
    /// missing episode or an exploitation incident links a person in full; a stop and
    /// search for drugs an eighth; ungraded-quality (3D) intelligence about 3%.
    pub link_weight: f64,
    /// Points per distinct co-present child–person-of-concern pair.
    pub co_presence: f64,
    /// Points per unit of the area Gi* z-score (capped at 5).
    pub gi_star: f64,
    /// Points per peer group meeting at the place (filled in by the network engine).
    pub peer_group: f64,
    /// Points per child found at the place more than once.
    pub repeat_found: f64,
    /// Points per child found or seen at the place at night (21:00–06:00).
    pub found_at_night: f64,
    /// Points per child found or seen at the place in a record with a person of concern.
    pub found_with_person_of_concern: f64,
    /// Points per child, beyond the first, found or seen with the same person of concern.
    pub shared_person_of_concern: f64,
    /// The summed weight of concern records at a place that makes its concern full, so
    /// that children's records with no person of concern count in full (see
    /// [`crate::score::place_records`]). Default 10: one recent found-at missing episode
    /// with a person of concern, or a recent exploitation incident.
    pub concern_weight: f64,
    /// Distinct children in records that are not exploitation evidence that make a place
    /// one where children gather (`gathering`).
    pub gathering_children: usize,
}

impl Default for ScoreCoefficients {
    fn default() -> Self {
        Self {
            intensity: 10.0,
            intensity_scale: 10.0,
            child: 8.0,
            person_of_concern: 6.0,
            link_weight: 4.0,
            co_presence: 5.0,
            gi_star: 2.0,
            peer_group: 5.0,
            repeat_found: 4.0,
            found_at_night: 3.0,
            found_with_person_of_concern: 6.0,
            shared_person_of_concern: 4.0,
            concern_weight: 10.0,
            gathering_children: 5,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let kind = |pairs: &[(EventKind, f64)]| pairs.iter().copied().collect();
        Self {
            window_days: 365,
            half_life_days: 180.0,
            snap_m: 50.0,
            cell_m: 100.0,
            bandwidth_m: None,
            gi_distance_m: None,
            fdr: 0.05,
            // Where a missing child is found, and what they say in return interviews,
            // weigh most; where they went missing from weighs nothing for places (it is
            // usually home or a care placement). Volume-driven records (ASB, stop and
            // search) weigh least.
            kind_weight: kind(&[
                (EventKind::MissingFrom, 0.0),
                (EventKind::MissingFound, 10.0),
                (EventKind::RhiMention, 8.0),
                (EventKind::MakesafeCall, 4.0),
                (EventKind::Incident, 1.0),
                (EventKind::Intelligence, 1.0),
                (EventKind::Sighting, 1.0),
                (EventKind::Arrest, 1.0),
                (EventKind::StopSearch, 0.5),
                (EventKind::AsbReport, 0.5),
            ]),
            exploitation_weight: kind(&[
                (EventKind::Incident, 10.0),
                (EventKind::Intelligence, 4.0),
                (EventKind::Sighting, 4.0),
                (EventKind::Arrest, 3.0),
                (EventKind::StopSearch, 2.0),
            ]),
            exploitation_categories: ["cse", "cce", "sexual_offence", "trafficking"]
                .map(String::from)
                .to_vec(),
            concern_categories: [
                "cse",
                "cce",
                "sexual_offence",
                "trafficking",
                "drugs_supply",
                "weapons",
            ]
            .map(String::from)
            .to_vec(),
            score: ScoreCoefficients::default(),
            network: crate::graph::NetworkSettings::default(),
            connection: super::ConnectionCoefficients::default(),
            study: None,
        }
    }
}

/// A setting read from [`Settings`] for a range check.
type Reader = fn(&Settings) -> Option<f64>;

/// The range each distance (metres) and period (days) setting must lie in, inclusive:
/// wide enough for any real study area, narrow enough that no setting can make the grid,
/// the kernel or a date overflow or run without end.
pub const RANGES_M_AND_DAYS: &[(&str, Reader, f64, f64)] = &[
    (
        "window_days",
        |s| Some(f64::from(s.window_days)),
        1.0,
        36_500.0,
    ),
    ("half_life_days", |s| Some(s.half_life_days), 0.1, 36_500.0),
    ("cell_m", |s| Some(s.cell_m), 1.0, 100_000.0),
    ("bandwidth_m", |s| s.bandwidth_m, 1.0, 100_000.0),
    ("gi_distance_m", |s| s.gi_distance_m, 1.0, 100_000.0),
    ("snap_m", |s| Some(s.snap_m), 0.0, 10_000.0),
];

/// The widest kernel, in cells: beyond it a kernel pass over the grid costs more than
/// any map needs.
pub const MAX_BANDWIDTH_CELLS: f64 = 200.0;

/// The most people a co-presence window may hold before it infers no ties
/// (`[network] co_presence_cap`, `--co-presence-cap`): pairing everyone in a window is
/// quadratic, so a larger cap would let one busy place run without end.
pub const MAX_CO_PRESENCE_CAP: usize = 100_000;

/// Why settings cannot be used. Each message names the key (as in the TOML file) and
/// says what to give instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    /// The settings file cannot be read.
    #[error("cannot read the settings file {path}: {reason}; give --config a readable TOML file")]
    Read {
        /// The file.
        path: String,
        /// Why it cannot be read.
        reason: String,
    },
    /// The text is not TOML, or names a key or table the settings do not have.
    #[error(
        "{0}; fix the settings file: every key and table is documented in src/score/settings.rs; keys left out keep their defaults"
    )]
    Toml(String),
    /// A distance, period or count outside its documented range.
    #[error("{key} {value} is out of range: give {lo} to {hi}")]
    OutOfRange {
        /// The setting's key.
        key: &'static str,
        /// The value given.
        value: f64,
        /// The least allowed.
        lo: f64,
        /// The most allowed.
        hi: f64,
    },
    /// A kernel too wide for the cell size.
    #[error(
        "the bandwidth ({bandwidth} m) is more than {MAX_BANDWIDTH_CELLS} cells of {cell} m: use a larger cell or a smaller bandwidth"
    )]
    BandwidthTooWide {
        /// The bandwidth, metres.
        bandwidth: f64,
        /// The cell size, metres.
        cell: f64,
    },
    /// A value that must be a positive number.
    #[error("{key} must be a positive number, not {value}")]
    NotPositive {
        /// The setting's key.
        key: &'static str,
        /// The value given.
        value: f64,
    },
    /// A value that must be zero or more.
    #[error("{key} must be zero or more, not {value}")]
    Negative {
        /// The setting's key (`[table] kind` for a weight).
        key: String,
        /// The value given.
        value: f64,
    },
    /// A false discovery rate of 1 or more.
    #[error("fdr must be below 1, not {0}: give a rate such as 0.05")]
    FdrTooHigh(f64),
}

impl SettingsError {
    /// The key of the setting at fault, as in the TOML file, if it is one setting.
    pub fn key(&self) -> Option<&str> {
        match self {
            SettingsError::OutOfRange { key, .. } | SettingsError::NotPositive { key, .. } => {
                Some(key)
            }
            SettingsError::Negative { key, .. } => Some(key),
            SettingsError::FdrTooHigh(_) => Some("fdr"),
            SettingsError::BandwidthTooWide { .. } => Some("bandwidth_m"),
            _ => None,
        }
    }
}

impl Settings {
    /// Reads settings from TOML text; keys left out keep their defaults.
    ///
    /// # Errors
    /// A message naming the bad key or value (see [`Settings::parse`]).
    pub fn from_toml(text: &str) -> Result<Self, String> {
        Self::parse(text).map_err(|e| e.to_string())
    }

    /// Reads settings from TOML text; keys left out keep their defaults, and a weight
    /// table names only the kinds it changes.
    ///
    /// # Errors
    /// [`SettingsError::Toml`] for text that is not TOML or names an unknown key, or
    /// the first value out of range ([`Settings::check`]).
    pub fn parse(text: &str) -> Result<Self, SettingsError> {
        let mut s: Settings = toml::from_str(text)
            .map_err(|e| SettingsError::Toml(e.to_string().trim_end().to_string()))?;
        // A table in the file names only the kinds it changes; the rest keep defaults.
        let d = Settings::default();
        let overlay = |default: BTreeMap<EventKind, f64>, given: BTreeMap<EventKind, f64>| {
            let mut m = default;
            m.extend(given);
            m
        };
        s.kind_weight = overlay(d.kind_weight, std::mem::take(&mut s.kind_weight));
        s.exploitation_weight = overlay(
            d.exploitation_weight,
            std::mem::take(&mut s.exploitation_weight),
        );
        s.check()?;
        Ok(s)
    }

    /// Reads settings from a TOML file (see [`Settings::parse`]).
    ///
    /// # Errors
    /// [`SettingsError::Read`] if the file cannot be read, else as [`Settings::parse`].
    pub fn read(path: &std::path::Path) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|e| SettingsError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::parse(&text)
    }

    /// Checks that every value is usable and within its documented range
    /// ([`RANGES_M_AND_DAYS`], [`MAX_BANDWIDTH_CELLS`]).
    ///
    /// # Errors
    /// A message naming the bad setting (see [`Settings::check`]).
    pub fn validate(&self) -> Result<(), String> {
        self.check().map_err(|e| e.to_string())
    }

    /// Checks that every value is usable and within its documented range
    /// ([`RANGES_M_AND_DAYS`], [`MAX_BANDWIDTH_CELLS`], [`MAX_CO_PRESENCE_CAP`]).
    ///
    /// # Errors
    /// The first bad setting.
    pub fn check(&self) -> Result<(), SettingsError> {
        for (key, v, lo, hi) in RANGES_M_AND_DAYS {
            let v = v(self);
            if v.is_some_and(|v| !(v.is_finite() && (*lo..=*hi).contains(&v))) {
                return Err(SettingsError::OutOfRange {
                    key,
                    value: v.unwrap_or_default(),
                    lo: *lo,
                    hi: *hi,
                });
            }
        }
        if self.bandwidth() / self.cell_m > MAX_BANDWIDTH_CELLS {
            return Err(SettingsError::BandwidthTooWide {
                bandwidth: self.bandwidth(),
                cell: self.cell_m,
            });
        }
        if self.network.co_presence_cap > MAX_CO_PRESENCE_CAP {
            return Err(SettingsError::OutOfRange {
                key: "[network] co_presence_cap",
                value: self.network.co_presence_cap as f64,
                lo: 0.0,
                hi: MAX_CO_PRESENCE_CAP as f64,
            });
        }
        for (key, value) in [
            ("half_life_days", self.half_life_days),
            ("cell_m", self.cell_m),
            ("fdr", self.fdr),
            ("[score] intensity_scale", self.score.intensity_scale),
            ("[score] link_weight", self.score.link_weight),
            ("[score] concern_weight", self.score.concern_weight),
            ("[connection] reach_weight", self.connection.reach_weight),
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(SettingsError::NotPositive { key, value });
            }
        }
        if self.fdr >= 1.0 {
            return Err(SettingsError::FdrTooHigh(self.fdr));
        }
        if !(self.snap_m.is_finite() && self.snap_m >= 0.0) {
            return Err(SettingsError::Negative {
                key: "snap_m".into(),
                value: self.snap_m,
            });
        }
        for (key, v) in [
            ("bandwidth_m", self.bandwidth_m),
            ("gi_distance_m", self.gi_distance_m),
        ] {
            if let Some(value) = v
                && !(value.is_finite() && value > 0.0)
            {
                return Err(SettingsError::NotPositive { key, value });
            }
        }
        for (table, map) in [
            ("kind_weight", &self.kind_weight),
            ("exploitation_weight", &self.exploitation_weight),
        ] {
            for (k, w) in map {
                if !(w.is_finite() && *w >= 0.0) {
                    return Err(SettingsError::Negative {
                        key: format!("[{table}] {k}"),
                        value: *w,
                    });
                }
            }
        }
        Ok(())
    }

    /// The bandwidth in metres (the setting, or 5 cells).
    pub fn bandwidth(&self) -> f64 {
        self.bandwidth_m.unwrap_or(5.0 * self.cell_m)
    }

    /// The Gi* distance band in metres (the setting, or 2.5 cells).
    pub fn gi_distance(&self) -> f64 {
        self.gi_distance_m.unwrap_or(2.5 * self.cell_m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_overrides_only_what_it_names() {
        let s = Settings::from_toml("half_life_days = 90\n[kind_weight]\nasb_report = 0.25\n")
            .expect("valid");
        assert_eq!(s.half_life_days, 90.0);
        assert_eq!(s.kind_weight[&EventKind::AsbReport], 0.25);
        assert_eq!(
            s.kind_weight[&EventKind::MissingFound],
            10.0,
            "unnamed kinds keep their default"
        );
        assert_eq!(s.cell_m, 100.0);
    }

    #[test]
    fn connection_coefficients_come_from_their_own_table() {
        let s =
            Settings::from_toml("[connection]\nreach_weight = 1.0\nperson_of_concern_tied = 4\n")
                .expect("valid");
        assert_eq!(s.connection.reach_weight, 1.0);
        assert_eq!(s.connection.person_of_concern_tied, 4.0);
        assert_eq!(
            s.connection.child_direct, 10.0,
            "unnamed coefficients keep their default"
        );
        assert!(
            Settings::from_toml("[connection]\nreach_weight = 0")
                .expect_err("zero")
                .contains("[connection] reach_weight")
        );
    }

    #[test]
    fn bad_settings_are_named() {
        assert!(
            Settings::from_toml("cel_m = 50")
                .expect_err("unknown key")
                .contains("cel_m")
        );
        assert!(
            Settings::from_toml("[kind_weight]\nparty = 1.0")
                .expect_err("bad kind")
                .contains("unknown value 'party'")
        );
        assert!(
            Settings::from_toml("half_life_days = -3")
                .expect_err("negative")
                .contains("half_life_days")
        );
    }
}
