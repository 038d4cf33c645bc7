//! A table of named, typed columns. Columns that name people, count them, or cite
//! records are typed as such, so the audience cut ([`crate::privacy::release`]) knows
//! what each holds; the writers in `report` write a table only as released.

use crate::model::PersonId;
use std::sync::Arc;

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text.
    Text(Vec<String>),
    /// Optional text (empty in CSV, null in Parquet).
    OptText(Vec<Option<String>>),
    /// Floating point.
    Float(Vec<f64>),
    /// Optional floating point.
    OptFloat(Vec<Option<f64>>),
    /// Whole numbers.
    Int(Vec<i64>),
    /// Optional whole numbers.
    OptInt(Vec<Option<i64>>),
    /// Booleans.
    Bool(Vec<bool>),
    /// Optional booleans (empty in CSV, null in Parquet and GeoJSON).
    OptBool(Vec<Option<bool>>),
    /// A person on each row: shown as the audience may see them, never to partners.
    Person(Vec<Option<PersonId>>),
    /// People on each row, shown as the audience may see them, never to partners.
    People(Vec<Vec<PersonId>>),
    /// Counts of people or records: suppressed below the threshold for partners.
    Count(Vec<Option<u64>>),
    /// References to records (event and link ids, source references): not for partners.
    Records(Vec<String>),
    /// Free text from records: not for partners.
    RecordText(Vec<Option<String>>),
}

impl Values {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) | Values::Records(v) => v.len(),
            Values::OptText(v) | Values::RecordText(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::OptFloat(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::OptInt(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::OptBool(v) => v.len(),
            Values::Person(v) => v.len(),
            Values::People(v) => v.len(),
            Values::Count(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i` as CSV text; person, people and count columns (never in a released
    /// table) as empty.
    pub(crate) fn cell(&self, i: usize) -> String {
        match self {
            Values::Text(v) | Values::Records(v) => v[i].clone(),
            Values::OptText(v) | Values::RecordText(v) => v[i].clone().unwrap_or_default(),
            Values::Float(v) => format_float(v[i]),
            Values::OptFloat(v) => v[i].map(format_float).unwrap_or_default(),
            Values::Int(v) => v[i].to_string(),
            Values::OptInt(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Bool(v) => v[i].to_string(),
            Values::OptBool(v) => v[i].map(|b| b.to_string()).unwrap_or_default(),
            // Never reached: a released table holds plain columns only.
            Values::Person(_) | Values::People(_) | Values::Count(_) => String::new(),
        }
    }
}

/// The suffix of a count's display column in partner outputs: `events_shown` holds `<5`
/// or `[c]` where `events` is null.
pub const SHOWN_SUFFIX: &str = "_shown";

/// Floats in CSV: shortest round-trip form, so CSV and Parquet carry the same number,
/// always with a decimal point or an exponent (`12.0`, not `12`; `1.8e-24`, not 24
/// zeros): readers that guess a column's type from its first rows (polars, pandas,
/// spreadsheet imports) would otherwise read a number column that is whole in those rows
/// as integers and stop at the first fraction further down.
fn format_float(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        String::new()
    }
}

/// Named columns of equal length, with what the audience cut needs to know about them.
#[derive(Debug, Clone, Default)]
pub struct ColumnTable {
    /// The columns, shared: a release passes on the columns it leaves as they are
    /// without copying them.
    pub(crate) columns: Vec<(String, Arc<Values>)>,
    /// Count columns that add up to a total column on every row: `(total, parts)`.
    pub(crate) additive: Vec<(String, Vec<String>)>,
    /// Columns derived from counts (points per child, say), hidden on every row where
    /// any of those counts is suppressed: `(column, counts)`.
    pub(crate) masked: Vec<(String, Vec<String>)>,
    /// Text columns listing other columns by name, most important first, with how
    /// many to keep (`leading`: the three largest components): the release keeps only
    /// the names of columns the audience sees on that row. `(column, keep)`.
    pub(crate) ranked_names: Vec<(String, usize)>,
    /// Count columns whose rows, grouped by a key, are the parts of a total published
    /// elsewhere (a place's events by hour, whose total is its `events` in
    /// `hotspots.csv`): `(column, group of each row)`.
    pub(crate) grouped: Vec<(String, Vec<u64>)>,
    /// One row per person: withheld from partners entirely.
    pub(crate) per_person: bool,
}

impl ColumnTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table with one row per person (never written for partners).
    pub fn per_person() -> Self {
        ColumnTable {
            per_person: true,
            ..Self::default()
        }
    }

    /// Adds a column.
    pub fn push(&mut self, name: &str, values: Values) -> &mut Self {
        // A score of minus zero (a sum of zero components times a negative) reads as a
        // real negative in a spreadsheet: every zero is written as 0.
        let values = match values {
            Values::Float(v) => Values::Float(v.into_iter().map(|x| x + 0.0).collect()),
            Values::OptFloat(v) => {
                Values::OptFloat(v.into_iter().map(|x| x.map(|x| x + 0.0)).collect())
            }
            other => other,
        };
        self.columns.push((name.to_string(), Arc::new(values)));
        self
    }

    /// Declares that the count columns `parts` add up to the count column `total` on
    /// every row, so suppressing one cannot be undone by subtraction.
    pub fn additive(&mut self, total: &str, parts: &[&str]) -> &mut Self {
        self.additive.push((
            total.to_string(),
            parts.iter().map(|p| p.to_string()).collect(),
        ));
        self
    }

    /// Declares that the rows of the count column `column` in the same `group` add up
    /// to a total published elsewhere, so one suppressed row cannot be worked out by
    /// subtracting the others from it.
    pub fn additive_by_group(&mut self, column: &str, group: Vec<u64>) -> &mut Self {
        self.grouped.push((column.to_string(), group));
        self
    }

    /// Declares that `column` is computed from the count columns `counts`, so wherever
    /// one of them is suppressed it is hidden too (it would give the count away).
    pub fn masked_with(&mut self, column: &str, counts: &[&str]) -> &mut Self {
        self.masked.push((
            column.to_string(),
            counts.iter().map(|c| c.to_string()).collect(),
        ));
        self
    }

    /// Declares that the text column `column` lists other columns by name (`, `
    /// between them), most important first, and that the first `keep` the audience sees
    /// on each row are shown: a partner's `leading` never names a component withheld
    /// from partners.
    pub fn ranked_names(&mut self, column: &str, keep: usize) -> &mut Self {
        self.ranked_names.push((column.to_string(), keep));
        self
    }

    /// The cell of count column `name` on row `i` as the audience sees it: its display
    /// column (`NAME_shown`: `<5`, `[c]`) where the release wrote one, else the number.
    pub fn shown(&self, name: &str, i: usize) -> String {
        match self.column(&format!("{name}{SHOWN_SUFFIX}")) {
            Some(v) => v.cell(i),
            None => self.text(name, i),
        }
    }

    /// Rows (the length of the first column).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }

    /// Row `i` as JSON properties, for writers that build documents from a released
    /// table (GeoJSON features): numbers as numbers, empty cells as null.
    pub fn row_json(&self, i: usize) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::Value;
        let num = |x: f64| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number);
        self.columns
            .iter()
            .map(|(name, v)| {
                let cell = match &**v {
                    Values::Text(x) | Values::Records(x) => Value::from(x[i].clone()),
                    Values::OptText(x) | Values::RecordText(x) => {
                        x[i].clone().map_or(Value::Null, Value::from)
                    }
                    Values::Float(x) => num(x[i]),
                    Values::OptFloat(x) => x[i].map_or(Value::Null, num),
                    Values::Int(x) => Value::from(x[i]),
                    Values::OptInt(x) => x[i].map_or(Value::Null, Value::from),
                    Values::Bool(x) => Value::from(x[i]),
                    Values::OptBool(x) => x[i].map_or(Value::Null, Value::from),
                    Values::Person(_) | Values::People(_) | Values::Count(_) => Value::Null,
                };
                (name.clone(), cell)
            })
            .collect()
    }

    /// The cell of column `name` on row `i` as text ("" when absent), for printing a
    /// released table.
    pub fn text(&self, name: &str, i: usize) -> String {
        self.column(name).map(|v| v.cell(i)).unwrap_or_default()
    }

    /// Whether the column `name` exists and holds a value on row `i` (a released table:
    /// a column withheld from the audience, or a value hidden on that row, is not).
    pub fn visible(&self, name: &str, i: usize) -> bool {
        match self.column(name) {
            None => false,
            Some(Values::OptFloat(v)) => v[i].is_some(),
            Some(Values::OptInt(v)) => v[i].is_some(),
            Some(Values::OptText(v)) => v[i].is_some(),
            Some(Values::OptBool(v)) => v[i].is_some(),
            Some(_) => true,
        }
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Values> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| &**v)
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;

    #[test]
    fn floats_in_csv_read_back_as_floats_and_round_trip() {
        for (x, text) in [
            (12.0, "12.0"),
            (0.5, "0.5"),
            (-3.0, "-3.0"),
            (1.820531718574114e-24, "1.820531718574114e-24"),
            (178.765081, "178.765081"),
        ] {
            assert_eq!(format_float(x), text);
            assert_eq!(text.parse::<f64>().ok(), Some(x));
        }
        assert_eq!(format_float(f64::NAN), "");
        assert_eq!(format_float(f64::INFINITY), "");
    }
}
