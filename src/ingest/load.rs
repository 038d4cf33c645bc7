//! Loading a dataset folder: every table, in dependency order, with quarantine.

use super::quarantine::top_reasons;
use super::raw::RawTable;
use super::validate::{self, Context, Outcome};
use super::{IngestError, Quarantine, Table, TableError, TableReport, source};
use crate::model::time::parse_datetime;
use crate::model::{Action, AsOf, Dataset, Event, EventPerson, Intake, Link, Person, Place};
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
    let (located, mut errors) = locate_tables(folder)?;
    let (raw_events, as_of, as_of_inferred) = events_and_as_of(&located, options, &mut errors)?;
    let mut ctx = Context {
        as_of: Some(as_of),
        ..Context::default()
    };
    let mut tally = Tally::default();
    let (places, people) = check_places_and_people(&located, &mut errors, &mut ctx, &mut tally);
    let (events, event_people, links, actions) = check_records(
        &located,
        raw_events,
        as_of,
        &mut errors,
        &mut ctx,
        &mut tally,
    );
    if !errors.is_empty() {
        return Err(IngestError::Tables(errors));
    }
    let Tally {
        quarantine,
        mut reports,
    } = tally;
    if let (Some(note), Some(r)) = (
        super::swapped::swapped_coordinates(&places),
        reports.get_mut(&Table::Places),
    ) {
        r.notes.push(note);
    }

    super::legacy::count(&mut reports, &events, &links);
    let dataset = Dataset::new(as_of, people, places, events, event_people, links, actions);
    Ok(Loaded {
        dataset,
        quarantine,
        reports,
        as_of_inferred,
    })
}

/// Where each table present in the folder is, and in what format.
type Located = BTreeMap<Table, (std::path::PathBuf, source::Format)>;

/// Finds every table first: a missing required table, or one present twice, stops the
/// load before anything is read. Returns the tables found and the problems locating
/// the others.
fn locate_tables(folder: &Path) -> Result<(Located, Vec<TableError>), IngestError> {
    let mut located: Located = BTreeMap::new();
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
    Ok((located, errors))
}

/// Reads one table, if the folder has it.
///
/// Tables are read one at a time, each just before it is checked, and dropped after,
/// so a large dataset never holds every table's raw text at once. A table that cannot
/// be read at all does not stop the others being tried, so every such problem is
/// reported together.
fn read_table(located: &Located, table: Table) -> Result<Option<RawTable>, TableError> {
    match located.get(&table) {
        None => Ok(None),
        Some((path, format)) => source::read(path, *format, table)
            .and_then(|s| RawTable::from_source(table, s))
            .map(Some),
    }
}

/// Reads one table, noting the problem when it cannot be read.
fn read_or_note(located: &Located, table: Table, errors: &mut Vec<TableError>) -> Option<RawTable> {
    match read_table(located, table) {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Reads the events first, since the as-of date is their latest date, and settles the
/// as-of date: the one given, or the one inferred. When a table cannot be read, reads
/// the rest only to report every such problem together, keeping nothing.
fn events_and_as_of(
    located: &Located,
    options: &IngestOptions,
    errors: &mut Vec<TableError>,
) -> Result<(Option<RawTable>, AsOf, bool), IngestError> {
    let raw_events = read_or_note(located, Table::Events, errors);
    let inferred = match options.as_of {
        Some(_) => None,
        None => latest_event_date(raw_events.as_ref()),
    };
    if !errors.is_empty() || (options.as_of.is_none() && inferred.is_none()) {
        // A table that cannot be read is the first thing to fix: read the rest only to
        // report every such problem together, keeping nothing.
        for table in Table::ALL.into_iter().filter(|t| *t != Table::Events) {
            if let Err(e) = read_table(located, table) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(IngestError::Tables(std::mem::take(errors)));
        }
    }
    let (as_of, as_of_inferred) = match (options.as_of, inferred) {
        (Some(a), _) => (a, false),
        (None, Some(a)) => (a, true),
        (None, None) => return Err(IngestError::NoAsOf),
    };
    Ok((raw_events, as_of, as_of_inferred))
}

/// The rejected rows and the per-table counts, gathered as each table is checked.
#[derive(Default)]
struct Tally {
    quarantine: Quarantine,
    reports: BTreeMap<Table, TableReport>,
}

impl Tally {
    /// Files a checked table's rejections and counts; a table the folder does not have
    /// leaves no trace.
    fn finish(
        &mut self,
        table: Table,
        raw: Option<&RawTable>,
        rejections: Vec<super::Rejection>,
        accepted: usize,
        expired: usize,
    ) {
        if let Some(raw) = raw {
            let report = report(raw, &rejections, accepted, expired);
            self.quarantine
                .insert(table, raw.headers.clone(), rejections);
            self.reports.insert(table, report);
        }
    }
}

/// Checks places, then people, keeping their ids (and the places' locations and the
/// people's roles) for checking the tables that refer to them.
fn check_places_and_people(
    located: &Located,
    errors: &mut Vec<TableError>,
    ctx: &mut Context,
    tally: &mut Tally,
) -> (Vec<Place>, Vec<Person>) {
    let raw = read_or_note(located, Table::Places, errors);
    let places = run(raw.as_ref(), validate::places::validate);
    ctx.place_locations = places.records.iter().map(|p| p.location).collect();
    let n = places.records.len();
    tally.finish(Table::Places, raw.as_ref(), places.rejections, n, 0);
    drop(raw);
    ctx.places = places.keys;

    let raw = read_or_note(located, Table::People, errors);
    let people = run(raw.as_ref(), |r| validate::people::validate(r, ctx));
    ctx.roles = people.records.iter().map(|p| p.role).collect();
    let n = people.records.len();
    tally.finish(Table::People, raw.as_ref(), people.rejections, n, 0);
    drop(raw);
    ctx.people = people.keys;
    (places.records, people.records)
}

/// Checks events, who was at them, links and actions, against the places and people,
/// counting the events and links past their retention date.
fn check_records(
    located: &Located,
    raw_events: Option<RawTable>,
    as_of: AsOf,
    errors: &mut Vec<TableError>,
    ctx: &mut Context,
    tally: &mut Tally,
) -> (Vec<Event>, Vec<EventPerson>, Vec<Link>, Vec<Action>) {
    let raw = raw_events;
    let events = run(raw.as_ref(), |r| validate::events::validate(r, ctx));
    let expired = events
        .records
        .iter()
        .filter(|e| e.provenance.is_expired(as_of))
        .count();
    let n = events.records.len();
    tally.finish(Table::Events, raw.as_ref(), events.rejections, n, expired);
    drop(raw);
    ctx.events = events.keys;

    let raw = read_or_note(located, Table::EventPeople, errors);
    let event_people = run(raw.as_ref(), |r| validate::event_people::validate(r, ctx));
    let n = event_people.records.len();
    tally.finish(
        Table::EventPeople,
        raw.as_ref(),
        event_people.rejections,
        n,
        0,
    );
    drop(raw);

    let raw = read_or_note(located, Table::Links, errors);
    let links = run(raw.as_ref(), |r| validate::links::validate(r, ctx));
    let expired = links
        .records
        .iter()
        .filter(|l| l.provenance.is_expired(as_of))
        .count();
    let n = links.records.len();
    tally.finish(Table::Links, raw.as_ref(), links.rejections, n, expired);
    drop(raw);

    let raw = read_or_note(located, Table::Actions, errors);
    let actions = run(raw.as_ref(), |r| validate::actions::validate(r, ctx));
    let n = actions.records.len();
    tally.finish(Table::Actions, raw.as_ref(), actions.rejections, n, 0);
    drop(raw);
    (
        events.records,
        event_people.records,
        links.records,
        actions.records,
    )
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
    raw.cells(c)
        .flatten()
        .filter_map(|t| parse_datetime(t).ok())
        .max()
        .map(|t| AsOf(t.date()))
}
