//! Checking one row: every field is read through a [`RowCheck`], which records each
//! problem as a [`Reason`] instead of stopping at the first, so a quarantine row names
//! everything that is wrong with it.

use super::{RawTable, RowAt};
use crate::model::time::{parse_date, parse_datetime};
use crate::model::{Grading, Handling, ReadGrading, Vocabulary};
use chrono::{NaiveDate, NaiveDateTime};

/// One problem with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The column at fault, if one column is.
    pub column: Option<String>,
    /// A short fixed label for the kind of problem, for summaries ("unknown value").
    pub problem: &'static str,
    /// The full human-readable sentence, naming the offending value.
    pub detail: String,
}

impl Reason {
    /// A problem with `column`.
    pub fn column(column: &str, problem: &'static str, detail: impl Into<String>) -> Self {
        Self {
            column: Some(column.to_string()),
            problem,
            detail: detail.into(),
        }
    }

    /// A problem with the row as a whole.
    pub fn row(problem: &'static str, detail: impl Into<String>) -> Self {
        Self {
            column: None,
            problem,
            detail: detail.into(),
        }
    }

    /// The summary key used for "top reasons": `column: problem`.
    pub fn summary(&self) -> String {
        match &self.column {
            Some(c) => format!("{c}: {}", self.problem),
            None => self.problem.to_string(),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "{c}: {}", self.detail),
            None => f.write_str(&self.detail),
        }
    }
}

/// Reads the fields of one row, collecting a [`Reason`] for each problem.
pub struct RowCheck<'a> {
    raw: &'a RawTable,
    row: RowAt,
    /// Problems found so far.
    pub reasons: Vec<Reason>,
}

impl<'a> RowCheck<'a> {
    /// Starts checking parsed row `row` of `raw`.
    pub fn new(raw: &'a RawTable, row: usize) -> Self {
        Self {
            raw,
            row: raw.row_at(row),
            reasons: Vec::new(),
        }
    }

    /// The parsed row being checked.
    pub fn row(&self) -> usize {
        self.row.row()
    }

    /// Records a problem.
    pub fn push(&mut self, reason: Reason) {
        self.reasons.push(reason);
    }

    /// Whether no problem has been found.
    pub fn is_clean(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The trimmed text of `column`; `None` when the column is absent or the cell empty
    /// ("not recorded").
    pub fn text(&self, column: &str) -> Option<&'a str> {
        let c = self.raw.column(column)?;
        let t = self.raw.cell_at(c, self.row)?.trim();
        (!t.is_empty()).then_some(t)
    }

    /// The text of a required column; records a reason when it is empty.
    pub fn required(&mut self, column: &str) -> Option<&'a str> {
        let t = self.text(column);
        if t.is_none() {
            self.push(Reason::column(column, "empty", "is empty but required"));
        }
        if let Some(t) = t
            && t.chars()
                .any(|c| c == '\u{FFFD}' || (c.is_control() && c != '\t'))
        {
            self.push(Reason::column(
                column,
                "invalid text",
                format!(
                    "'{}' contains control characters or bytes that are not text",
                    clip(&t.escape_debug().to_string())
                ),
            ));
            return None;
        }
        t
    }

    /// An optional free-text column.
    pub fn optional(&self, column: &str) -> Option<String> {
        self.text(column).map(str::to_string)
    }

    /// A required vocabulary value.
    pub fn vocab<T: Vocabulary>(&mut self, column: &str) -> Option<T> {
        let t = self.required(column)?;
        self.parse_vocab(column, t)
    }

    /// An optional vocabulary value.
    pub fn vocab_opt<T: Vocabulary>(&mut self, column: &str) -> Option<T> {
        let t = self.text(column)?;
        self.parse_vocab(column, t)
    }

    fn parse_vocab<T: Vocabulary>(&mut self, column: &str, t: &str) -> Option<T> {
        let v = T::parse(t);
        if v.is_none() {
            self.push(Reason::column(
                column,
                "unknown value",
                format!("'{}' is not one of {}", clip(t), T::expected()),
            ));
        }
        v
    }

    /// An optional finite number.
    pub fn number_opt(&mut self, column: &str) -> Option<f64> {
        let t = self.text(column)?;
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                self.push(Reason::column(
                    column,
                    "not finite",
                    format!("'{}' is not a finite number", clip(t)),
                ));
                None
            }
            Err(_) => {
                self.push(Reason::column(
                    column,
                    "not a number",
                    format!("'{}' is not a number", clip(t)),
                ));
                None
            }
        }
    }

    /// An optional whole number (a trailing `.0`, as spreadsheets write, is accepted).
    pub fn integer_opt(&mut self, column: &str) -> Option<i64> {
        let t = self.text(column)?;
        let trimmed = t.strip_suffix(".0").unwrap_or(t);
        match trimmed.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.push(Reason::column(
                    column,
                    "not a whole number",
                    format!("'{}' is not a whole number", clip(t)),
                ));
                None
            }
        }
    }

    /// An optional boolean: `true/false/yes/no/1/0`, any case.
    pub fn boolean_opt(&mut self, column: &str) -> Option<bool> {
        let t = self.text(column)?;
        match t.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "y" | "t" => Some(true),
            "false" | "no" | "0" | "n" | "f" => Some(false),
            _ => {
                self.push(Reason::column(
                    column,
                    "not a boolean",
                    format!("'{}' is not a boolean (true/false/yes/no/1/0)", clip(t)),
                ));
                None
            }
        }
    }

    /// An optional date.
    pub fn date_opt(&mut self, column: &str) -> Option<NaiveDate> {
        let t = self.text(column)?;
        parse_date(t)
            .map_err(|e| self.push(Reason::column(column, "bad date", clip(&e))))
            .ok()
    }

    /// A required datetime.
    pub fn datetime(&mut self, column: &str) -> Option<NaiveDateTime> {
        let t = self.required(column)?;
        parse_datetime(t)
            .map_err(|e| self.push(Reason::column(column, "bad date", clip(&e))))
            .ok()
    }

    /// An optional 3x5x2 grading, in the full form (`2BC`) or the two-character legacy
    /// form (`2B`), with the handling code from the `handling` column where given (see
    /// [`Grading::read`]).
    pub fn grading_opt(&mut self, column: &str, handling: Option<Handling>) -> Option<ReadGrading> {
        // The value is shortened before it is read, not the message after, so that the
        // message's hint (a 5x5x5 code must be re-evaluated) is never cut off.
        let t = clip(self.text(column)?);
        Grading::read(&t, handling)
            .map_err(|e| self.push(Reason::column(column, "bad grading", e)))
            .ok()
    }

    /// An optional handling code, `P` or `C`.
    pub fn handling_opt(&mut self, column: &str) -> Option<Handling> {
        let t = self.text(column)?;
        Handling::parse(t)
            .map_err(|e| self.push(Reason::column(column, "bad handling code", clip(&e))))
            .ok()
    }
}

/// Shortens a value for a message: hostile input can hold megabyte-long cells.
pub fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!(
            "{}… ({} characters)",
            s.chars().take(MAX).collect::<String>(),
            s.chars().count()
        )
    }
}
