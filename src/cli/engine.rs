//! The engine's arguments, shared by every command that runs it: `--config FILE` and the
//! flags that override it. The settings are built here once, the same way for every
//! command, and `--bandwidth auto` is resolved here on the loaded data.
//!
//! Also what those commands read besides the dataset: the study area (`--boundary FILE
//! --area NAME`) and the tool catalogue (`--catalogue FILE`).

use anyhow::Context;
use disrupt::graph::BetweennessMode;
use disrupt::model::Dataset;
use disrupt::score::{BandwidthChoice, Settings, SettingsError};
use disrupt::spatial::StudyArea;
use disrupt::toolkit::Catalogue;
use std::path::{Path, PathBuf};

/// The settings file and the flags that override it, in every command that runs the
/// engine.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EngineArgs {
    /// A TOML file of settings (weights, windows, sizes, `[network]`); the flags below
    /// override it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only events in the last DAYS days count.
    #[arg(long, value_name = "DAYS")]
    pub window: Option<u32>,
    /// Recency half-life in days.
    #[arg(long, value_name = "DAYS")]
    pub half_life: Option<f64>,
    /// Grid cell size in metres.
    #[arg(long, value_name = "METRES")]
    pub cell: Option<f64>,
    /// Kernel bandwidth in metres (default: 5 cells), or `auto`: the bandwidth that
    /// best forecast the data's last 30 days from the events before them (stated in
    /// run.json).
    #[arg(long, value_name = "METRES|auto", value_parser = parse_bandwidth)]
    pub bandwidth: Option<BandwidthArg>,
    /// Snap events without a place to the nearest place within this many metres.
    #[arg(long, value_name = "METRES")]
    pub snap: Option<f64>,
    /// A co-presence window (people at one place within `[network] co_presence_hours`)
    /// holding more than N people infers no ties (`[network] co_presence_cap`, default
    /// 50; 0: only people in the same record are tied).
    #[arg(long, value_name = "N")]
    pub co_presence_cap: Option<usize>,
    /// How to compute betweenness.
    #[arg(long, value_enum, default_value_t = Betweenness::Auto)]
    pub betweenness: Betweenness,
}

/// `--bandwidth`: metres, or chosen by backtest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BandwidthArg {
    /// Chosen by a backtest on the data's own past ([`disrupt::score::choose_bandwidth`]).
    Auto,
    /// This many metres.
    Metres(f64),
}

/// Parses `--bandwidth`: `auto` or a positive number of metres.
pub fn parse_bandwidth(text: &str) -> Result<BandwidthArg, String> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(BandwidthArg::Auto);
    }
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|m| m.is_finite() && *m > 0.0)
        .map(BandwidthArg::Metres)
        .ok_or_else(|| format!("'{text}' is neither 'auto' nor a positive number of metres"))
}

/// How to compute betweenness.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Betweenness {
    /// Exact (Brandes).
    Exact,
    /// Sampled with a stated error bound.
    Sampled,
    /// Exact up to the settings' node limit (40,000 by default), sampled above.
    #[default]
    Auto,
}

/// The flag that sets each setting, by its key in the TOML file.
const FLAGS: [(&str, &str); 6] = [
    ("window_days", "--window"),
    ("half_life_days", "--half-life"),
    ("cell_m", "--cell"),
    ("bandwidth_m", "--bandwidth"),
    ("snap_m", "--snap"),
    ("[network] co_presence_cap", "--co-presence-cap"),
];

impl EngineArgs {
    /// The settings: `--config FILE` (or the defaults), then each flag given. A file
    /// that cannot be read or parsed, or a value out of range, is a [`SettingsError`]
    /// (exit 2) saying what to give instead.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let mut s = match &self.config {
            Some(path) => Settings::read(path).with_context(|| format!("in {}", path.display()))?,
            None => Settings::default(),
        };
        if let Some(v) = self.window {
            s.window_days = v;
        }
        if let Some(v) = self.half_life {
            s.half_life_days = v;
        }
        if let Some(v) = self.cell {
            s.cell_m = v;
        }
        if let Some(BandwidthArg::Metres(m)) = self.bandwidth {
            s.bandwidth_m = Some(m);
        }
        if let Some(v) = self.snap {
            s.snap_m = v;
        }
        if let Some(v) = self.co_presence_cap {
            s.network.co_presence_cap = v;
        }
        s.check().map_err(|e| self.bad_setting(e))?;
        Ok(s)
    }

    /// A setting out of range, naming the flag that set it if a flag did.
    fn bad_setting(&self, e: SettingsError) -> anyhow::Error {
        let given = |flag: &str| match flag {
            "--window" => self.window.is_some(),
            "--half-life" => self.half_life.is_some(),
            "--cell" => self.cell.is_some(),
            "--bandwidth" => matches!(self.bandwidth, Some(BandwidthArg::Metres(_))),
            "--snap" => self.snap.is_some(),
            "--co-presence-cap" => self.co_presence_cap.is_some(),
            _ => false,
        };
        let flag = e
            .key()
            .and_then(|k| FLAGS.iter().find(|(key, _)| *key == k))
            .map(|(_, flag)| *flag)
            .filter(|flag| given(flag));
        let from = match (flag, &self.config) {
            (Some(flag), _) => format!(" (set by {flag})"),
            (None, Some(path)) => format!(" (in {})", path.display()),
            (None, None) => String::new(),
        };
        anyhow::Error::new(e).context(format!("bad setting{from}"))
    }

    /// How betweenness is computed.
    pub fn betweenness(&self) -> BetweennessMode {
        match self.betweenness {
            Betweenness::Exact => BetweennessMode::Exact,
            Betweenness::Sampled => BetweennessMode::Sampled,
            Betweenness::Auto => BetweennessMode::Auto,
        }
    }

    /// `settings` (from [`EngineArgs::settings`]) for the dataset `d`: with `--bandwidth
    /// auto`, the bandwidth chosen on `d`'s own past (in `area`, if given), and the choice
    /// to state in run.json (also said on stderr); otherwise `settings` as they are.
    pub fn for_dataset(
        &self,
        settings: &Settings,
        d: &Dataset,
        area: Option<&StudyArea>,
    ) -> (Settings, Option<BandwidthChoice>) {
        let mut s = settings.clone();
        if self.bandwidth != Some(BandwidthArg::Auto) {
            return (s, None);
        }
        let choice = disrupt::score::choose_bandwidth(d, settings, area);
        eprintln!("bandwidth: {} m, {}", choice.chosen_m, choice.reason);
        s.bandwidth_m = Some(choice.chosen_m);
        (s, Some(choice))
    }
}

/// The study area's flags, shared by the commands that draw a grid.
#[derive(Debug, Clone, clap::Args)]
pub struct AreaArgs {
    /// A GeoJSON file of WGS84 boundaries (e.g. ONS wards or local authorities): the grid
    /// covers the boundary named by --area, and only its cells take part in Gi*.
    #[arg(long, requires = "area")]
    pub boundary: Option<PathBuf>,
    /// The boundary's NAME in --boundary.
    #[arg(long)]
    pub area: Option<String>,
}

impl AreaArgs {
    /// The study area named by `--boundary FILE --area NAME`, if given.
    pub fn study_area(&self) -> anyhow::Result<Option<StudyArea>> {
        study_area(self.boundary.as_deref(), self.area.as_deref())
    }
}

/// The study area named by `--boundary FILE --area NAME`, if given.
fn study_area(boundary: Option<&Path>, area: Option<&str>) -> anyhow::Result<Option<StudyArea>> {
    match (boundary, area) {
        (Some(path), Some(name)) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let area = StudyArea::from_geojson(&text, name)
                .with_context(|| format!("in {}", path.display()))?;
            Ok(Some(area))
        }
        _ => Ok(None),
    }
}

/// The tool catalogue: `--catalogue FILE`, else the bundled one.
pub fn catalogue(path: Option<&Path>) -> anyhow::Result<Catalogue> {
    Ok(match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", p.display()))?;
            Catalogue::from_toml(&text)?
        }
        None => Catalogue::bundled()?,
    })
}

/// `--study FILE`: the study-wide figures for a run over one area of a larger study.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StudyArgs {
    /// The study file a job over many areas wrote (`spark/`, docs/scale.md): Gi*, the
    /// footfall baselines and the co-presence rate are read against every area's records,
    /// not this dataset's alone.
    #[arg(long, value_name = "FILE")]
    pub study: Option<PathBuf>,
}

impl StudyArgs {
    /// `settings` with the study file read into them, if one was given.
    ///
    /// # Errors
    /// The file cannot be read or is not a study file.
    pub fn apply(&self, mut settings: Settings) -> anyhow::Result<Settings> {
        if let Some(path) = &self.study {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the study file {}", path.display()))?;
            let study: disrupt::score::Study = serde_json::from_str(&text).with_context(|| {
                format!(
                    "{} is not a study file (write it with spark/'s job: docs/scale.md)",
                    path.display()
                )
            })?;
            settings.study = Some(std::sync::Arc::new(study));
        }
        Ok(settings)
    }
}
