//! One validator per table. Each reads every row through a [`RowCheck`], so a rejected
//! row lists all of its problems, and returns typed records plus rejections.

use super::keys::KeySet;
use super::raw::RawTable;
use super::{Reason, Rejection, RowCheck};
use crate::model::AsOf;
use std::collections::HashMap;

/// Disruption actions.
pub(crate) mod actions;
/// Coordinates: WGS84 or British National Grid, checked and converted.
pub(crate) mod coords;
/// Who was involved in each event.
pub(crate) mod event_people;
/// Events.
pub(crate) mod events;
/// Person-to-person links.
pub(crate) mod links;
/// People.
pub(crate) mod people;
/// Places.
pub(crate) mod places;

/// What validation of one table produced.
#[derive(Debug)]
pub struct Outcome<T> {
    /// Accepted records; each record's dense id is its index here.
    pub records: Vec<T>,
    /// Rejected rows, in file order.
    pub rejections: Vec<Rejection>,
    /// Which ids were accepted and rejected (empty for tables without an id column).
    pub keys: KeySet,
}

/// Ids of the tables validated so far, for reference checks.
#[derive(Debug, Default)]
pub struct Context {
    /// The as-of date.
    pub as_of: Option<AsOf>,
    /// Place ids.
    pub places: KeySet,
    /// Person ids.
    pub people: KeySet,
    /// Event ids.
    pub events: KeySet,
    /// The role of each accepted person, by dense index.
    pub roles: Vec<crate::model::Role>,
    /// The location of each accepted place, by dense index.
    pub place_locations: Vec<crate::model::Bng>,
}

/// Runs `check` over every row of `raw`, collecting records and rejections.
///
/// `check` gets the row and the dense index the record will have if accepted; a row is
/// accepted only if `check` returns a record *and* recorded no reason. Ragged rows and
/// duplicate ids are rejected here, so every validator handles them the same way.
pub fn validate_rows<T>(
    raw: &RawTable,
    id_column: Option<&str>,
    mut check: impl FnMut(&mut RowCheck<'_>, u32) -> Option<T>,
) -> Outcome<T> {
    let mut v = Validation::start(raw, id_column);
    for row in canonical_order(raw, v.id_pos) {
        let mut rc = row_check(raw, &v.dupes, row);
        let record = check(&mut rc, v.next_index());
        v.finish_row(rc, record);
    }
    v.finish()
}

/// Rows checked side by side at a time by [`validate_rows_in_parallel`]: enough to keep
/// every thread busy, few enough that the rows waiting to be numbered stay small.
const PARALLEL_BLOCK: usize = 1 << 15;

/// [`validate_rows`] for a table whose rows are checked independently of one another
/// (no state carried from row to row): each block of rows is checked in parallel, then
/// numbered and accepted in order, so the records, their dense indices and the
/// rejections are exactly those of [`validate_rows`]. `number` gives a record its index.
pub fn validate_rows_in_parallel<T: Send>(
    raw: &RawTable,
    id_column: Option<&str>,
    check: impl Fn(&mut RowCheck<'_>) -> Option<T> + Sync,
    number: impl Fn(&mut T, u32),
) -> Outcome<T> {
    use rayon::prelude::*;
    let mut v = Validation::start(raw, id_column);
    let order = canonical_order(raw, v.id_pos);
    for block in order.chunks(PARALLEL_BLOCK) {
        let dupes = &v.dupes;
        let checked: Vec<(RowCheck<'_>, Option<T>)> = block
            .par_iter()
            .map(|&row| {
                let mut rc = row_check(raw, dupes, row);
                let record = check(&mut rc);
                (rc, record)
            })
            .collect();
        for (rc, mut record) in checked {
            if let Some(r) = record.as_mut() {
                number(r, v.next_index());
            }
            v.finish_row(rc, record);
        }
    }
    v.finish()
}

/// One table's validation under way: the rows already rejected as duplicates, and what
/// has been accepted and rejected so far.
struct Validation<'a, 'c, T> {
    raw: &'a RawTable,
    id_column: Option<&'c str>,
    id_pos: Option<usize>,
    dupes: HashMap<usize, Reason>,
    out: Outcome<T>,
}

impl<'a, 'c, T> Validation<'a, 'c, T> {
    /// Finds the duplicate ids and rejects the ragged rows.
    fn start(raw: &'a RawTable, id_column: Option<&'c str>) -> Self {
        let dupes = id_column.map(|c| duplicates(raw, c)).unwrap_or_default();
        let id_pos = id_column.and_then(|c| raw.column(c));
        let mut out = Outcome {
            records: Vec::new(),
            rejections: Vec::new(),
            keys: KeySet::with_capacity(id_pos.map_or(0, |_| raw.height())),
        };
        for r in &raw.ragged {
            if let Some(key) = id_pos.and_then(|p| r.fields.get(p)) {
                out.keys.reject(key.trim());
            }
            out.rejections.push(Rejection {
                row: r.row,
                fields: r.fields.clone(),
                reasons: vec![ragged_reason(r, raw.headers.len())],
            });
        }
        Validation {
            raw,
            id_column,
            id_pos,
            dupes,
            out,
        }
    }

    /// The dense index the next accepted record gets.
    fn next_index(&self) -> u32 {
        u32::try_from(self.out.records.len()).unwrap_or(u32::MAX)
    }

    /// Accepts the row's record if it has one and no reason, else rejects the row.
    fn finish_row(&mut self, rc: RowCheck<'a>, record: Option<T>) {
        let key = self.id_column.and_then(|c| rc.text(c));
        match record {
            Some(record) if rc.is_clean() => {
                if let Some(key) = key {
                    let index = self.next_index();
                    self.out.keys.accept(key, index);
                }
                self.out.records.push(record);
            }
            _ => {
                if let Some(key) = key {
                    self.out.keys.reject(key);
                }
                self.out.rejections.push(Rejection {
                    row: self.raw.row_number(rc.row()),
                    fields: self.raw.fields(rc.row()),
                    reasons: rc.reasons,
                });
            }
        }
    }

    /// The records and the rejections, in file order.
    fn finish(mut self) -> Outcome<T> {
        self.out.rejections.sort_by_key(|r| r.row);
        self.out
    }
}

/// A check of parsed row `row` of `raw`, with its duplicate-id reason if it has one.
fn row_check<'a>(raw: &'a RawTable, dupes: &HashMap<usize, Reason>, row: usize) -> RowCheck<'a> {
    let mut rc = RowCheck::new(raw, row);
    if let Some(reason) = dupes.get(&row) {
        rc.push(reason.clone());
    }
    rc
}

/// Why a row with the wrong number of fields is rejected, and where to look.
fn ragged_reason(r: &super::raw::RaggedRow, width: usize) -> Reason {
    Reason::row(
        "wrong number of fields",
        format!(
            "the row has {} fields but the header has {}; {}",
            r.fields.len(),
            width,
            if r.fields.iter().any(|f| f.contains('\n')) {
                "a quoted field runs across lines: look for a quote that is never closed"
            } else {
                "look for an unquoted comma or a missing field"
            }
        ),
    )
}

/// The order rows are validated in, and so the order of the records (and their dense
/// indices) in the dataset: by id, then by every cell in header order, so that the same
/// rows in any order give the same dataset and every result after it — Louvain's node
/// order, tie lists, tie-breaks in rankings — is the same (DESIGN: deterministic).
/// Rows are compared by their text as read, without copying it; the sort runs in
/// parallel and is fast on files already in order.
fn canonical_order(raw: &RawTable, id_pos: Option<usize>) -> Vec<usize> {
    use rayon::prelude::*;
    let width = raw.headers.len();
    let cmp_rows = |a: usize, b: usize| -> std::cmp::Ordering {
        let key = |c: usize, r: usize| raw.cell(c, r).map(str::trim);
        if let Some(p) = id_pos {
            let o = key(p, a).cmp(&key(p, b));
            if o.is_ne() {
                return o;
            }
        }
        (0..width)
            .map(|c| raw.cell(c, a).cmp(&raw.cell(c, b)))
            .find(|o| o.is_ne())
            .unwrap_or(a.cmp(&b))
    };
    let mut order: Vec<usize> = (0..raw.height()).collect();
    order.par_sort_unstable_by(|&a, &b| cmp_rows(a, b));
    order
}

/// Finds rows whose id repeats. Identical copies of a row: the first is kept and the
/// rest rejected. Different rows sharing an id: all are rejected, since we cannot know
/// which is right.
fn duplicates(raw: &RawTable, column: &str) -> HashMap<usize, Reason> {
    let mut out = HashMap::new();
    let Some(c) = raw.column(column) else {
        return out;
    };
    // The first row of each key; repeats grouped by that first row (rare, so the lists
    // are only made for keys that repeat).
    let mut first: foldhash::HashMap<&str, usize> =
        foldhash::HashMap::with_capacity_and_hasher(raw.height(), Default::default());
    let mut repeats: HashMap<usize, Vec<usize>> = HashMap::new();
    for (row, cell) in raw.cells(c).enumerate() {
        if let Some(k) = cell.map(str::trim).filter(|k| !k.is_empty()) {
            match first.entry(k) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    repeats.entry(*e.get()).or_default().push(row);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(row);
                }
            }
        }
    }
    for (head, later) in repeats {
        let key = raw.cell(c, head).map(str::trim).unwrap_or_default();
        let rows: Vec<usize> = std::iter::once(head).chain(later).collect();
        let first = raw.fields(rows[0]);
        let key = super::row::clip(key);
        if rows[1..].iter().all(|&r| raw.fields(r) == first) {
            for &r in &rows[1..] {
                let detail = format!(
                    "'{key}' repeats row {} exactly; the first copy is kept",
                    raw.row_number(rows[0])
                );
                out.insert(r, Reason::column(column, "duplicate id", detail));
            }
        } else {
            let list: Vec<String> = rows
                .iter()
                .take(10)
                .map(|&r| raw.row_number(r).to_string())
                .collect();
            let detail = format!(
                "'{key}' appears in {} rows ({}{}) with different values; ids must be unique",
                rows.len(),
                list.join(", "),
                if rows.len() > 10 { ", …" } else { "" }
            );
            for &r in &rows {
                out.insert(r, Reason::column(column, "duplicate id", detail.clone()));
            }
        }
    }
    out
}
