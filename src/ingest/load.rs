//! Loading a dataset folder: every table, in dependency order, with quarantine.

use super::quarantine::top_reasons;
use super::raw::RawTable;
use super::validate::{self, Context, Outcome};
use super::{IngestError, Quarantine, Table, TableError, TableReport, source};
use crate::model::time::parse_datetime;
use crate::model::{AsOf, Dataset, Intake};
use std::collections::BTreeMap;
use std::path::Path;

/// Settings for loading a dataset.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The as-of date; `None` means the latest event date in the data.
    pub as_of: Option<AsOf>,
}

/// A loaded dataset, with its quarantine and per-table counts.
#[derive(Debug)]
pub struct Loaded {
    /// The accepted records.
    pub dataset: Dataset,
    /// The rejected rows.
    pub quarantine: Quarantine,
    /// Counts per table, for tables present in the folder.
    pub reports: BTreeMap<Table, TableReport>,
    /// Whether `as_of` was inferred from the data rather than given.
    pub as_of_inferred: bool,
}

impl Loaded {
    /// What the outputs say about the load: rows rejected per table (with the most
    /// common problem) and in all, and notes on how tables were read.
    pub fn intake(&self) -> Intake {
        Intake {
            rejected: self
                .reports
                .iter()
                .filter(|(_, r)| r.rejected > 0)
                .map(|(t, r)| {
                    (
                        t.name().to_string(),
                        r.rejected,
                        r.top_reasons
                            .first()
                            .map(|x| x.0.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
            rejected_total: self.quarantine.total(),
            notes: self
                .reports
                .iter()
                .filter_map(|(t, r)| r.legacy_gradings.note().map(|n| format!("{t}: {n}")))
                .collect(),
        }
    }
}

/// Loads every table of the dataset in `folder`.
///
/// Rows with problems are quarantined, never errors. An error means the dataset cannot
/// be read at all: the folder or a required table is missing, or a table's file is
/// unreadable (every such table is named at once).
///
/// # Errors
/// [`IngestError`], saying what to fix.
pub fn load(folder: &Path, options: &IngestOptions) -> Result<Loaded, IngestError> {
    if !folder.is_dir() {
        return Err(IngestError::NoFolder(folder.to_owned()));
    }
    // Find every table first: a missing required table, or one present twice, stops the
    // load before anything is read.
    let mut located: BTreeMap<Table, (std::path::PathBuf, source::Format)> = BTreeMap::new();
    let mut errors: Vec<TableError> = Vec::new();
    let mut absent: Vec<Table> = Vec::new();
    for table in Table::ALL {
        match source::locate(folder, table) {
            Ok(None) => absent.push(table),
            Ok(Some(found)) => {
                located.insert(table, found);
            }
            Err(e) => errors.push(e),
        }
    }
    // A network-only dataset (a link chart: people and links) may leave places and
    // events out; any other needs both.
    let network_only = located.contains_key(&Table::Links);
    if let Some(table) = absent
        .into_iter()
        .find(|t| t.is_required() && !network_only)
    {
        return Err(IngestError::MissingTable {
            folder: folder.to_owned(),
            table: table.name(),
        });
    }
    // Tables are read one at a time, each just before it is checked, and dropped after,
    // so a large dataset never holds every table's raw text at once. Events come first:
    // the as-of date is their latest date. A table that cannot be read at all does not
    // stop the others being tried, so every such problem is reported together.
    let read = |table: Table| -> Result<Option<RawTable>, TableError> {
        match located.get(&table) {
            None => Ok(None),
            Some((path, format)) => source::read(path, *format, table)
                .and_then(|s| RawTable::from_source(table, s))
                .map(Some),
        }
    };
    let mut raw_events = match read(Table::Events) {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let inferred = match options.as_of {
        Some(_) => None,
        None => latest_event_date(raw_events.as_ref()),
    };
    if !errors.is_empty() || (options.as_of.is_none() && inferred.is_none()) {
        // A table that cannot be read is the first thing to fix: read the rest only to
        // report every such problem together, keeping nothing.
        for table in Table::ALL.into_iter().filter(|t| *t != Table::Events) {
            if let Err(e) = read(table) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(IngestError::Tables(errors));
        }
    }
    let (as_of, as_of_inferred) = match (options.as_of, inferred) {
        (Some(a), _) => (a, false),
        (None, Some(a)) => (a, true),
        (None, None) => return Err(IngestError::NoAsOf),
    };
    let read_or_note = |table: Table, errors: &mut Vec<TableError>| -> Option<RawTable> {
        match read(table) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };

    let mut ctx = Context {
        as_of: Some(as_of),
        ..Context::default()
    };
    let mut quarantine = Quarantine::default();
    let mut reports = BTreeMap::new();
    let mut finish = |table: Table,
                      raw: Option<&RawTable>,
                      rejections: Vec<super::Rejection>,
                      accepted: usize,
                      expired: usize| {
        if let Some(raw) = raw {
            let report = report(raw, &rejections, accepted, expired);
            quarantine.insert(table, raw.headers.clone(), rejections);
            reports.insert(table, report);
        }
    };

    let raw = read_or_note(Table::Places, &mut errors);
    let places = run(raw.as_ref(), validate::places::validate);
    ctx.place_locations = places.records.iter().map(|p| p.location).collect();
    let n = places.records.len();
    finish(Table::Places, raw.as_ref(), places.rejections, n, 0);
    drop(raw);
    ctx.places = places.keys;

    let raw = read_or_note(Table::People, &mut errors);
    let people = run(raw.as_ref(), |r| validate::people::validate(r, &ctx));
    ctx.roles = people.records.iter().map(|p| p.role).collect();
    let n = people.records.len();
    finish(Table::People, raw.as_ref(), people.rejections, n, 0);
    drop(raw);
    ctx.people = people.keys;

    let raw = raw_events.take();
    let events = run(raw.as_ref(), |r| validate::events::validate(r, &ctx));
    let expired = events
        .records
        .iter()
        .filter(|e| e.provenance.is_expired(as_of))
        .count();
    let n = events.records.len();
    finish(Table::Events, raw.as_ref(), events.rejections, n, expired);
    drop(raw);
    ctx.events = events.keys;

    let raw = read_or_note(Table::EventPeople, &mut errors);
    let event_people = run(raw.as_ref(), |r| validate::event_people::validate(r, &ctx));
    let n = event_people.records.len();
    finish(
        Table::EventPeople,
        raw.as_ref(),
        event_people.rejections,
        n,
        0,
    );
    drop(raw);

    let raw = read_or_note(Table::Links, &mut errors);
    let links = run(raw.as_ref(), |r| validate::links::validate(r, &ctx));
    let expired = links
        .records
        .iter()
        .filter(|l| l.provenance.is_expired(as_of))
        .count();
    let n = links.records.len();
    finish(Table::Links, raw.as_ref(), links.rejections, n, expired);
    drop(raw);

    let raw = read_or_note(Table::Actions, &mut errors);
    let actions = run(raw.as_ref(), |r| validate::actions::validate(r, &ctx));
    let n = actions.records.len();
    finish(Table::Actions, raw.as_ref(), actions.rejections, n, 0);
    drop(raw);
    if !errors.is_empty() {
        return Err(IngestError::Tables(errors));
    }
    if let (Some(note), Some(r)) = (
        super::swapped::swapped_coordinates(&places.records),
        reports.get_mut(&Table::Places),
    ) {
        r.notes.push(note);
    }

    super::legacy::count(&mut reports, &events.records, &links.records);
    let dataset = Dataset::new(
        as_of,
        people.records,
        places.records,
        events.records,
        event_people.records,
        links.records,
        actions.records,
    );
    Ok(Loaded {
        dataset,
        quarantine,
        reports,
        as_of_inferred,
    })
}

fn run<T>(raw: Option<&RawTable>, f: impl FnOnce(&RawTable) -> Outcome<T>) -> Outcome<T> {
    match raw {
        Some(raw) => f(raw),
        None => Outcome {
            records: Vec::new(),
            rejections: Vec::new(),
            keys: Default::default(),
        },
    }
}

fn report(
    raw: &RawTable,
    rejections: &[super::Rejection],
    accepted: usize,
    expired: usize,
) -> TableReport {
    TableReport {
        read: raw.rows_read(),
        accepted,
        rejected: rejections.len(),
        expired,
        legacy_gradings: Default::default(),
        top_reasons: top_reasons(rejections, 5),
        notes: raw.notes.clone(),
        path: Some(raw.path.clone()),
        sha256: Some(raw.sha256.clone()),
    }
}

/// The latest readable `occurred_at` date among the events, the default `--as-of`.
fn latest_event_date(raw: Option<&RawTable>) -> Option<AsOf> {
    let raw = raw?;
    let c = raw.column("occurred_at")?;
    (0..raw.height())
        .filter_map(|row| raw.cell(c, row))
        .filter_map(|t| parse_datetime(t).ok())
        .max()
        .map(|t| AsOf(t.date()))
}
