//! One record per id: the same place or person appears in many rows of an extract (a
//! child in each missing episode) and in several extracts. Rows for one id are merged
//! when they agree — each fills what the others leave empty — and a row that disagrees
//! with an earlier one on a value is rejected with both values in its reason, so a
//! typo in a date of birth is seen, not silently resolved.

use super::apply::OutRow;
use crate::ingest::{Reason, Table};
use std::collections::HashMap;

/// Where a kept record first came from.
#[derive(Debug, Clone)]
struct Origin {
    source: String,
    row: usize,
}

/// A table's rows as they are merged.
#[derive(Debug, Default)]
pub struct TableRows {
    /// The rows, in the order first seen.
    pub rows: Vec<OutRow>,
    index: HashMap<String, (usize, Origin)>,
}

/// The column that identifies a record of `table`; `None` for tables whose rows are
/// kept whole (a repeated row is merged only when identical).
pub fn key_column(table: Table) -> Option<&'static str> {
    match table {
        Table::Places => Some("place_id"),
        Table::People => Some("person_id"),
        Table::Events => Some("event_id"),
        Table::Actions => Some("action_id"),
        Table::EventPeople | Table::Links => None,
    }
}

impl TableRows {
    /// Adds the rows one source row made, all or none.
    ///
    /// # Returns
    /// How many rows were merged into earlier records.
    ///
    /// # Errors
    /// Every disagreement with an earlier record, naming the column, both values and
    /// where the earlier one came from; nothing is added.
    pub fn add(
        &mut self,
        table: Table,
        rows: Vec<OutRow>,
        source: &str,
        row: usize,
    ) -> Result<usize, Vec<Reason>> {
        let mut problems = Vec::new();
        let keyed: Vec<(String, OutRow)> = rows.into_iter().map(|r| (key(table, &r), r)).collect();
        for (k, r) in &keyed {
            let Some((i, origin)) = self.index.get(k) else {
                continue;
            };
            for (column, value) in r {
                let earlier = self.rows[*i].get(column).map_or("", String::as_str);
                if !value.is_empty() && !earlier.is_empty() && earlier != value {
                    problems.push(Reason::column(
                        column,
                        "disagrees with an earlier row",
                        format!(
                            "'{value}' disagrees with '{earlier}' for the same {} imported from {} row {}; correct one of them",
                            what(table, k),
                            origin.source,
                            origin.row
                        ),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut merged = 0;
        for (k, r) in keyed {
            match self.index.get(&k) {
                Some((i, _)) => {
                    let kept = &mut self.rows[*i];
                    for (column, value) in r {
                        let slot = kept.entry(column).or_default();
                        if slot.is_empty() {
                            *slot = value;
                        }
                    }
                    merged += 1;
                }
                None => {
                    self.index.insert(
                        k,
                        (
                            self.rows.len(),
                            Origin {
                                source: source.to_string(),
                                row,
                            },
                        ),
                    );
                    self.rows.push(r);
                }
            }
        }
        Ok(merged)
    }
}

/// The merge key: the id, or for tables without one the whole row.
fn key(table: Table, r: &OutRow) -> String {
    match key_column(table) {
        Some(c) => r.get(c).cloned().unwrap_or_default(),
        None => r
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("\u{1f}"),
    }
}

fn what(table: Table, key: &str) -> String {
    match key_column(table) {
        Some(c) => format!("{c} '{key}'"),
        None => "row".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> OutRow {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn agreeing_rows_merge_and_fill_gaps() {
        let mut t = TableRows::default();
        let a = row(&[("person_id", "N1"), ("role", "child"), ("birth_year", "")]);
        let b = row(&[
            ("person_id", "N1"),
            ("role", "child"),
            ("birth_year", "2010"),
        ]);
        assert_eq!(t.add(Table::People, vec![a], "police", 1), Ok(0));
        assert_eq!(t.add(Table::People, vec![b], "care", 4), Ok(1));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0]["birth_year"], "2010");
    }

    #[test]
    fn disagreeing_rows_are_refused_with_both_values() {
        let mut t = TableRows::default();
        let a = row(&[("person_id", "N1"), ("birth_year", "2010")]);
        let b = row(&[("person_id", "N1"), ("birth_year", "2011")]);
        t.add(Table::People, vec![a], "care", 3).expect("first");
        let err = t
            .add(Table::People, vec![b], "care", 9)
            .expect_err("conflict");
        let text = err[0].to_string();
        assert!(
            text.contains("'2011' disagrees with '2010'") && text.contains("care row 3"),
            "{text}"
        );
        assert_eq!(t.rows[0]["birth_year"], "2010");
    }
}
