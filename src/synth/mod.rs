//! `disrupt synth`: a seeded, deterministic generator of realistic datasets in the data
//! contract.
//!
//! A scenario is set inside a real boundary (default: the London Borough of Lambeth,
//! with its Underground stations as transport hubs). It holds places of every kind in
//! plausible proportions, clustered around town centres; children, peers, persons of
//! concern, trusted adults and professionals; several **planted exploitation networks**
//! — persons of concern grooming a peer group's children from one premises (a hotel, a
//! take-away, a cuckooed flat, a park, …) with missing episodes found there, sightings,
//! graded intelligence, Makesafe calls and return-interview mentions; and realistic
//! **background noise**: ASB, incidents, stop-searches, missing episodes found at
//! friends' homes, peer groups that never meet a person of concern, and decoys that a
//! volume-only method would rank first (busy stations with hundreds of low-grade ASB
//! reports; a family home where one child is found again and again).
//!
//! `truth.json` names what was planted, so tests can check that the engine finds it.
//!
//! The same seed and settings always give byte-identical files: all randomness comes
//! from one ChaCha8 stream, consumed in a fixed order.

/// The boundary and stations a scenario is set in.
pub(crate) mod borough;
pub use borough::Borough;

mod background;
mod names;
mod networks;
mod people;
mod places;
mod truth;
mod writer;

pub use truth::Truth;

use crate::model::{Bng, EventKind, Involvement, PlaceKind, Role};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::path::Path;
use writer::{Tables, location_fields};

/// The default seed of the generator's random stream (`disrupt synth --seed`): the
/// bundled example borough and the tests' scenarios are generated from it.
pub const SEED_SYNTH: u64 = 2026;

/// Settings for one synthetic scenario.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// Seed of the random stream.
    pub seed: u64,
    /// Children (subjects of safeguarding concern). Other people scale with it.
    pub children: usize,
    /// Total events to aim for; background noise fills what the planted networks leave.
    pub events: usize,
    /// Places to generate besides the stations.
    pub places: usize,
    /// Planted networks; `None`: one per 100 children, at least 4.
    pub networks: Option<usize>,
    /// The last day of the period covered.
    pub end: NaiveDate,
    /// How many days the period covers.
    pub days: i64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            seed: SEED_SYNTH,
            children: 300,
            events: 6_000,
            places: 2_500,
            networks: None,
            end: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
            days: 365,
        }
    }
}

/// What a run of the generator wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SynthSummary {
    /// Rows per table.
    pub rows: BTreeMap<&'static str, usize>,
    /// What was planted.
    pub truth: Truth,
}

/// Generates a scenario in `borough` and writes it to `out` (six CSV tables and
/// `truth.json`).
///
/// # Errors
/// Any I/O error.
pub fn generate(
    config: &SynthConfig,
    borough: &Borough,
    out: &Path,
) -> anyhow::Result<SynthSummary> {
    let tables = Tables::create(out)?;
    let mut g = Gen::new(config, borough, tables);
    places::generate(&mut g)?;
    people::generate(&mut g)?;
    networks::generate(&mut g)?;
    background::generate(&mut g)?;
    let Gen { tables, truth, .. } = g;
    let counts = tables.finish()?;
    let names = [
        "places",
        "people",
        "events",
        "event_people",
        "links",
        "actions",
    ];
    let rows = names.iter().copied().zip(counts).collect();
    // Synthetic ground truth about invented people: written as it is, not through an
    // audience cut (which is for outputs drawn from real records).
    crate::plumbing::file::write_atomic(&out.join("truth.json"), |w| {
        serde_json::to_writer_pretty(&mut *w, &truth)?;
        std::io::Write::write_all(w, b"\n")
    })?;
    Ok(SynthSummary { rows, truth })
}

/// A generated place, as the generator remembers it.
#[derive(Debug, Clone)]
struct SPlace {
    id: String,
    kind: PlaceKind,
    at: Bng,
}

/// A generated person.
#[derive(Debug, Clone)]
struct SPerson {
    id: String,
    role: Role,
    home: Option<usize>,
}

/// Where an event happened.
#[derive(Debug, Clone, Copy)]
enum Where {
    /// At a place, by `place_id`.
    Place(usize),
    /// At a point with no `place_id` (a free point; snapping decides later).
    Point(Bng),
}

/// The generator's state: one random stream and everything generated so far.
struct Gen<'a> {
    cfg: &'a SynthConfig,
    rng: ChaCha8Rng,
    borough: &'a Borough,
    tables: Tables,
    places: Vec<SPlace>,
    by_kind: BTreeMap<PlaceKind, Vec<usize>>,
    people: Vec<SPerson>,
    /// Peer groups: indexes into `people` (children and peers).
    groups: Vec<Vec<usize>>,
    truth: Truth,
    next_event: usize,
    next_action: usize,
    start: NaiveDateTime,
}

impl<'a> Gen<'a> {
    fn new(cfg: &'a SynthConfig, borough: &'a Borough, tables: Tables) -> Self {
        let start = (cfg.end - Duration::days(cfg.days - 1))
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        Gen {
            cfg,
            rng: ChaCha8Rng::seed_from_u64(cfg.seed),
            borough,
            tables,
            places: Vec::new(),
            by_kind: BTreeMap::new(),
            people: Vec::new(),
            groups: Vec::new(),
            truth: Truth::new(cfg, &borough.name),
            next_event: 0,
            next_action: 0,
            start,
        }
    }

    fn end(&self) -> NaiveDateTime {
        self.start + Duration::days(self.cfg.days) - Duration::seconds(1)
    }

    /// A random instant in the period. `evening`: 17:00–03:00, weighted to Friday and
    /// Saturday nights, when exploitation is most often recorded; otherwise 07:00–23:00.
    fn random_time(&mut self, evening: bool) -> NaiveDateTime {
        let mut day = self.rng.random_range(0..self.cfg.days);
        let minutes = if evening {
            // Push a third of evening events to the nearest Friday or Saturday.
            if self.rng.random_bool(0.33) {
                let w = i64::from(
                    (self.start + Duration::days(day))
                        .weekday()
                        .number_from_monday(),
                );
                let shift = if w <= 5 { 5 - w } else { 0 };
                day = (day + shift).min(self.cfg.days - 2);
            }
            17 * 60 + self.rng.random_range(0..10 * 60)
        } else {
            7 * 60 + self.rng.random_range(0..16 * 60)
        };
        (self.start + Duration::days(day) + Duration::minutes(minutes)).min(self.end())
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn place_of_kind(&mut self, kind: PlaceKind) -> Option<usize> {
        let n = self.by_kind.get(&kind).map_or(0, Vec::len);
        if n == 0 {
            return None;
        }
        let i = self.rng.random_range(0..n);
        self.by_kind.get(&kind).map(|v| v[i])
    }

    fn add_person(
        &mut self,
        role: Role,
        birth_year: i32,
        home: Option<usize>,
        looked_after: Option<bool>,
    ) -> anyhow::Result<usize> {
        let i = self.people.len();
        let id = format!("P{:06}", i + 1);
        let given = self.pick(names::GIVEN);
        let family = self.pick(names::FAMILY);
        let sex = if self.rng.random_bool(0.5) { "F" } else { "M" };
        // ONS 2021 census broad groups, roughly Lambeth's mix.
        let ethnicity = {
            let x: f64 = self.rng.random();
            match x {
                x if x < 0.55 => "White",
                x if x < 0.79 => "Black",
                x if x < 0.86 => "Asian",
                x if x < 0.95 => "Mixed",
                _ => "Other",
            }
        };
        let home_id = home.map(|h| self.places[h].id.clone()).unwrap_or_default();
        let la = looked_after.map(|b| b.to_string()).unwrap_or_default();
        self.tables.people.write_record([
            id.as_str(),
            role.as_str(),
            &birth_year.to_string(),
            &la,
            // care_status: the generator does not model legal status (not recorded).
            "",
            &format!("{given} {family}"),
            sex,
            ethnicity,
            &home_id,
        ])?;
        self.tables.counts[1] += 1;
        self.people.push(SPerson { id, role, home });
        Ok(i)
    }

    /// Reports `child` missing from home (or from a street, if no home is recorded) at
    /// an evening time. Returns when.
    fn went_missing(&mut self, child: usize) -> anyhow::Result<NaiveDateTime> {
        let from = self.random_time(true);
        let from_place = match self.people[child].home {
            Some(h) => Where::Place(h),
            None => Where::Point(self.borough.random_point(&mut self.rng)),
        };
        let who = [(child, Involvement::Subject)];
        self.event(
            EventKind::MissingFrom,
            from,
            from_place,
            None,
            None,
            "police_missing",
            &who,
        )?;
        Ok(from)
    }

    /// Writes one event and its people. Returns the event id.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        kind: EventKind,
        at: NaiveDateTime,
        place: Where,
        category: Option<&str>,
        grading: Option<&str>,
        source: &str,
        people: &[(usize, Involvement)],
    ) -> anyhow::Result<String> {
        self.next_event += 1;
        let id = format!("E{:07}", self.next_event);
        let (place_id, loc) = match place {
            Where::Place(p) => (
                self.places[p].id.clone(),
                [String::new(), String::new(), String::new(), String::new()],
            ),
            Where::Point(b) => {
                let wgs = self.rng.random_bool(0.5);
                (String::new(), location_fields(b, wgs))
            }
        };
        // Review dates: most records are reviewed two years on; about 3% were due for
        // review before the end of the period, so they are expired at the default as-of.
        let review_by = if self.rng.random_bool(0.03) {
            (at + Duration::days(self.rng.random_range(10..200)))
                .date()
                .min(self.cfg.end - Duration::days(1))
        } else {
            (at + Duration::days(730)).date()
        };
        let source_ref = format!("{}/{}", source.to_ascii_uppercase(), self.next_event);
        self.tables.events.write_record([
            id.as_str(),
            kind.as_str(),
            &at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            &place_id,
            &loc[0],
            &loc[1],
            &loc[2],
            &loc[3],
            category.unwrap_or(""),
            grading.unwrap_or(""),
            source,
            &source_ref,
            &review_by.to_string(),
        ])?;
        self.tables.counts[2] += 1;
        for (person, involvement) in people {
            self.tables.event_people.write_record([
                id.as_str(),
                &self.people[*person].id,
                involvement.as_str(),
            ])?;
            self.tables.counts[3] += 1;
        }
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    fn link(
        &mut self,
        a: usize,
        b: usize,
        kind: crate::model::LinkKind,
        grading: Option<&str>,
        source: &str,
    ) -> anyhow::Result<()> {
        if a == b {
            return Ok(());
        }
        let since = (self.start - Duration::days(self.rng.random_range(0..700))).date();
        let review_by = (self.cfg.end + Duration::days(self.rng.random_range(30..700))).to_string();
        self.tables.links.write_record([
            self.people[a].id.as_str(),
            self.people[b].id.as_str(),
            kind.as_str(),
            &since.to_string(),
            "",
            grading.unwrap_or(""),
            source,
            "",
            &review_by,
        ])?;
        self.tables.counts[4] += 1;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn action(
        &mut self,
        tool: &str,
        target_type: crate::model::TargetType,
        target_id: &str,
        agency: &str,
        started: NaiveDate,
        status: crate::model::ActionStatus,
        note: &str,
    ) -> anyhow::Result<()> {
        self.next_action += 1;
        let ended = match status {
            crate::model::ActionStatus::Completed => (started
                + Duration::days(self.rng.random_range(14..90)))
            .min(self.cfg.end)
            .to_string(),
            _ => String::new(),
        };
        self.tables.actions.write_record([
            &format!("A{:05}", self.next_action),
            tool,
            target_type.as_str(),
            target_id,
            agency,
            &started.to_string(),
            &ended,
            status.as_str(),
            note,
        ])?;
        self.tables.counts[5] += 1;
        Ok(())
    }
}
