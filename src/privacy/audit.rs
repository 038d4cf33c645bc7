//! The audit log (Data Protection Act 2018 s.62, logging for law-enforcement
//! processing): one JSON line per command that reads personal data — when, who, what
//! command, which data (a fingerprint), for which audience and purpose, and every file
//! written with its SHA-256.
//!
//! The log is a hash chain: each line carries its sequence number and the SHA-256 of
//! the line before, and a head file beside the log (`audit.jsonl.head`) holds the number
//! of lines and the hash of the last. Editing, removing or reordering any line, or
//! cutting lines off the end, breaks the chain or disagrees with the head, and
//! [`verify`] names the line. (Tamper-evident, not tamper-proof: someone who can rewrite
//! the whole log and its head can forge it; keep a copy of the head elsewhere for that.)
//!
//! Appends take an exclusive lock on the log, are flushed to disk (`fsync`) before the
//! head is replaced, and never rewrite earlier lines.

use crate::ingest::source::hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The environment variable naming the log file.
pub const LOG_ENV: &str = "DISRUPT_AUDIT_LOG";

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Why the log could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The log or its head could not be opened, read or written.
    #[error(
        "cannot write the audit log {path}: {source}; nothing was run (choose a writable log with --audit-log PATH or {LOG_ENV})"
    )]
    Io {
        /// The log.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No per-user folder for the default log.
    #[error("no home folder for the audit log: pass --audit-log PATH or set {LOG_ENV}")]
    NoHome,
    /// The existing log is damaged, so a new line cannot be chained to it.
    #[error(
        "the audit log {path} fails verification ({problem}); nothing was run. Keep it as evidence, and start a new log with --audit-log PATH"
    )]
    Broken {
        /// The log.
        path: PathBuf,
        /// The first problem found.
        problem: String,
    },
}

/// A file written by the command, with its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// The file's path as written.
    pub path: String,
    /// SHA-256 of its content, hex.
    pub sha256: String,
}

/// What one command did, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When the command finished, UTC (wall clock: the log records real time).
    pub time: String,
    /// The operating-system user who ran it.
    pub user: String,
    /// The command and its arguments.
    pub command: Vec<String>,
    /// The dataset folder read.
    pub dataset: Option<String>,
    /// SHA-256 over the SHA-256 of each table read, in table order: which data was read.
    pub dataset_fingerprint: Option<String>,
    /// The audience the outputs were cut for.
    pub audience: String,
    /// The purpose given, if any.
    pub purpose: Option<String>,
    /// Whether names were revealed.
    pub reveal_names: bool,
    /// Whether expired records were used.
    pub include_expired: bool,
    /// Every file written, with its hash.
    pub outputs: Vec<Output>,
    /// `ok`, or the error that stopped the command.
    pub outcome: String,
}

/// One line of the log: the entry, its place in the chain, and the previous line's hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    seq: u64,
    prev: String,
    #[serde(flatten)]
    entry: Entry,
}

/// The head file: how many lines the log holds and the hash of the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Head {
    lines: u64,
    last: String,
}

/// An audit log that has been checked writable; records are appended with
/// [`AuditLog::append`].
#[derive(Debug)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    /// The log to use: `--audit-log` if given, else `DISRUPT_AUDIT_LOG`, else the
    /// per-user state folder (`$XDG_STATE_HOME/disrupt/audit.jsonl`, or
    /// `~/.local/state/disrupt/audit.jsonl`).
    ///
    /// # Errors
    /// [`AuditError::NoHome`] when no location can be found.
    pub fn locate(flag: Option<&Path>) -> Result<PathBuf, AuditError> {
        if let Some(p) = flag {
            return Ok(p.to_path_buf());
        }
        if let Some(p) = std::env::var_os(LOG_ENV).filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        super::state_dir()
            .map(|d| d.join("audit.jsonl"))
            .ok_or(AuditError::NoHome)
    }

    /// Opens the log before a command runs: creates it (0600) if new, and checks that
    /// it can be appended to and that its chain is intact, so a command whose record
    /// could not be written does not run.
    ///
    /// # Errors
    /// [`AuditError`] naming the log and what to do.
    pub fn open(path: &Path) -> Result<Self, AuditError> {
        let io = |source| AuditError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        // Verify under a shared lock: an append holds the exclusive lock from writing its
        // line until its head is replaced, so the check never sees one without the other.
        let handle = append_handle(path).map_err(io)?;
        handle.lock_shared().map_err(io)?;
        let report = verify(path).map_err(io);
        handle.unlock().map_err(io)?;
        let report = report?;
        if let Some(problem) = report.problems.first() {
            return Err(AuditError::Broken {
                path: path.to_path_buf(),
                problem: problem.clone(),
            });
        }
        Ok(AuditLog {
            path: path.to_path_buf(),
        })
    }

    /// The log's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `entry` as the next line of the chain: under an exclusive lock, reads the
    /// last line's hash, writes the new line, flushes it to disk, then replaces the head.
    ///
    /// # Errors
    /// [`AuditError::Io`] when the line cannot be written.
    pub fn append(&self, entry: Entry) -> Result<(), AuditError> {
        let io = |source| AuditError::Io {
            path: self.path.clone(),
            source,
        };
        let mut file = append_handle(&self.path).map_err(io)?;
        file.lock().map_err(io)?;
        let (lines, last) = tail(&self.path).map_err(io)?;
        let line = Line {
            seq: lines + 1,
            prev: last,
            entry,
        };
        let text = serde_json::to_string(&line).map_err(|e| io(std::io::Error::other(e)))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .map_err(io)?;
        let head = Head {
            lines: line.seq,
            last: sha256_hex(text.as_bytes()),
        };
        write_head(&self.path, &head).map_err(io)?;
        file.unlock().map_err(io)?;
        Ok(())
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verification {
    /// Lines read.
    pub lines: u64,
    /// Every problem, first first; empty when the log is intact.
    pub problems: Vec<String>,
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
    // Each line's hash, and its seq and prev when it parses (else why not).
    type Parsed = Result<(u64, String), String>;
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut lines: Vec<(String, Parsed)> = Vec::new();
    for raw in reader.split(b'\n') {
        let raw = raw?;
        let parsed = serde_json::from_slice::<Line>(&raw)
            .map(|l| (l.seq, l.prev))
            .map_err(|e| e.to_string());
        lines.push((sha256_hex(&raw), parsed));
    }
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
    let number = lines.len() as u64;
    v.lines = number;
    match read_head(path)? {
        None if number > 0 => v.problems.push(format!(
            "the head file {} is missing: cannot tell whether records were cut off the end",
            head_path(path).display()
        )),
        None => {}
        Some(head) => {
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
    Ok(v)
}

/// SHA-256 of the SHA-256s of the tables read, a fingerprint of the data as read.
pub fn fingerprint<'a>(table_hashes: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (table, hash) in table_hashes {
        h.update(table.as_bytes());
        h.update(b"=");
        h.update(hash.as_bytes());
        h.update(b"\n");
    }
    hex(&h.finalize())
}

/// SHA-256 of a file's content, hex.
///
/// # Errors
/// When the file cannot be read.
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut h = Sha256::new();
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn append_handle(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// The line count and the last line's hash, read from the log itself.
fn tail(path: &Path) -> std::io::Result<(u64, String)> {
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut lines = 0;
    let mut last = GENESIS.to_string();
    for raw in reader.split(b'\n') {
        let raw = raw?;
        lines += 1;
        last = sha256_hex(&raw);
    }
    Ok((lines, last))
}

fn head_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".head");
    path.with_file_name(name)
}

fn read_head(path: &Path) -> std::io::Result<Option<Head>> {
    let hp = head_path(path);
    if !hp.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&hp)?;
    Ok(serde_json::from_str(&text).ok())
}

fn write_head(path: &Path, head: &Head) -> std::io::Result<()> {
    let hp = head_path(path);
    crate::report::file::write_atomic(&hp, |w| {
        serde_json::to_writer(&mut *w, head)?;
        w.write_all(b"\n")
    })
}

/// The operating-system user running this process: `$USER`, `$LOGNAME`, or the uid.
pub fn current_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(u) = std::env::var(var)
            && !u.is_empty()
        {
            return u;
        }
    }
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| format!("uid {u}")))
        })
        .unwrap_or_else(|| "unknown".to_string())
}
