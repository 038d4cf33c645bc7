//! Checking the log: the hash chain line by line, then the head against the last line.
//! What is found is named by line, so the reader can go to it.

use super::{
    GENESIS, HeadFile, Line, MAX_LINE_BYTES, STARTED, for_each_line, head_path, read_head,
    regular_or_absent, sha256_hex,
};
use std::path::Path;

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verification {
    /// Lines read.
    pub lines: u64,
    /// Every problem, first first; empty when the log is intact.
    pub problems: Vec<String>,
    /// The `seq` of every `started` record that no later record completes: runs that
    /// were killed (or are still running). Not a sign of tampering.
    pub unfinished: Vec<u64>,
    /// Runs recorded: completing records, and records of older versions that wrote one
    /// record per run.
    pub runs: u64,
}

impl Verification {
    /// Whether the log is intact.
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the chain: every line parses, its `seq` follows the line before, its `prev`
/// is the previous line's SHA-256, and the head agrees with the last line. Names the
/// first line of each problem: an edited line (the next line, or the head, records a
/// different hash for it), a removed line (a gap in `seq`), lines out of order (`seq`
/// going back), lines cut off the end (the head counts more), or an incomplete last line.
///
/// A log that does not exist yet is intact (and empty).
///
/// # Errors
/// Only when the log exists but cannot be read.
pub fn verify(path: &Path) -> std::io::Result<Verification> {
    let mut v = Verification::default();
    if !path.exists() {
        return Ok(v);
    }
    regular_or_absent(path)?;
    let lines = read_lines(path, &mut v)?;
    let last_hash = check_chain(&lines, &mut v);
    let number = lines.len() as u64;
    v.lines = number;
    check_head(path, number, &last_hash, &mut v)?;
    Ok(v)
}

/// A line's seq and prev when it parses (else why not).
type Parsed = Result<(u64, String), String>;

/// Each line's hash and what it parses to, counting the runs and noting the runs
/// started but never completed.
fn read_lines(path: &Path, v: &mut Verification) -> std::io::Result<Vec<(String, Parsed)>> {
    let mut lines: Vec<(String, Parsed)> = Vec::new();
    let mut started = std::collections::BTreeSet::new();
    let mut completed = std::collections::BTreeSet::new();
    for_each_line(path, |raw| {
        let parsed = match raw {
            None => Err(format!("longer than {MAX_LINE_BYTES} bytes")),
            Some(raw) => serde_json::from_slice::<Line>(raw).map_err(|e| e.to_string()),
        };
        if let Ok(l) = &parsed {
            if l.entry.outcome == STARTED {
                started.insert(l.seq);
            } else {
                v.runs += 1;
            }
            if let Some(s) = l.entry.completes {
                completed.insert(s);
            }
        }
        let hash = raw.map_or_else(|| "-".to_string(), sha256_hex);
        lines.push((hash, parsed.map(|l| (l.seq, l.prev))));
    })?;
    v.unfinished = started.difference(&completed).copied().collect();
    Ok(lines)
}

/// Walks the chain: each line must parse, follow the record before it in `seq`, and
/// record that record's hash. Returns the last line's hash.
fn check_chain(lines: &[(String, Parsed)], v: &mut Verification) -> String {
    let seqs: std::collections::BTreeSet<u64> = lines
        .iter()
        .filter_map(|(_, l)| l.as_ref().ok().map(|(s, _)| *s))
        .collect();
    let mut prev_hash = GENESIS.to_string();
    let mut prev_seq = 0u64;
    for (i, (hash, parsed)) in lines.iter().enumerate() {
        let number = i as u64 + 1;
        match parsed {
            Err(e) => v.problems.push(format!(
                "line {number} is not a complete audit record ({e}): it was edited, or cut off mid-write"
            )),
            Ok((seq, prev)) => {
                let expected = prev_seq + 1;
                if *seq > expected && (expected..*seq).all(|s| seqs.contains(&s)) {
                    v.problems.push(format!(
                        "line {number} is record {seq} but record {expected} comes later in the file: records are out of order"
                    ));
                } else if *seq > expected {
                    v.problems.push(format!(
                        "line {number} is record {seq} but record {expected} should come next: {} record(s) removed before it",
                        seq - expected
                    ));
                } else if *seq < expected {
                    v.problems.push(format!(
                        "line {number} is record {seq} after record {prev_seq}: records are out of order"
                    ));
                } else if *prev != prev_hash {
                    v.problems.push(format!(
                        "line {} (record {prev_seq}) was edited: line {number} records a different hash for it",
                        number - 1
                    ));
                }
                prev_seq = *seq;
            }
        }
        if parsed.is_err() {
            prev_seq += 1;
        }
        prev_hash = hash.clone();
    }
    prev_hash
}

/// Checks the head file against the log's `number` lines and last hash: lines cut off
/// the end, added outside disrupt, or the last line edited.
fn check_head(
    path: &Path,
    number: u64,
    prev_hash: &str,
    v: &mut Verification,
) -> std::io::Result<()> {
    match read_head(path)? {
        HeadFile::Missing if number > 0 => v.problems.push(format!(
            "the head file {} is missing: cannot tell whether records were cut off the end",
            head_path(path).display()
        )),
        HeadFile::Missing => {}
        HeadFile::Garbage => v.problems.push(format!(
            "the head file {} is not a head record (it was overwritten or damaged): cannot tell whether records were cut off the end",
            head_path(path).display()
        )),
        HeadFile::Head(head) => {
            if head.lines > number {
                v.problems.push(format!(
                    "the log ends at line {number} but the head records {} lines: {} record(s) were cut off the end",
                    head.lines,
                    head.lines - number
                ));
            } else if head.lines < number {
                v.problems.push(format!(
                    "the log has {number} lines but the head records {}: lines were added outside disrupt",
                    head.lines
                ));
            } else if head.last != prev_hash {
                v.problems.push(format!(
                    "line {number} (the last) was edited: the head records a different hash for it"
                ));
            }
        }
    }
    Ok(())
}
