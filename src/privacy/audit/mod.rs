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
//!
//! This file writes the log; [`verify`] and what it finds are in a file of their own.

mod verification;

pub use verification::{Verification, verify};

use crate::plumbing::hex::hex;
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
    /// `started` (written before the data is read), then, in a second record, `ok` or
    /// the error that stopped the command. A `started` record that no later record
    /// completes is a run that was killed or is still running.
    pub outcome: String,
    /// In a completing record: the `seq` of the run's `started` record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completes: Option<u64>,
}

/// The outcome of a record written when a run starts.
pub const STARTED: &str = "started";

/// The most bytes one audit line may hold; a longer one is not an audit record.
pub const MAX_LINE_BYTES: u64 = 1 << 20;

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
        regular_or_absent(path).map_err(io)?;
        regular_or_absent(&head_path(path)).map_err(io)?;
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

    /// Appends `entry` as the next line of the chain and returns its `seq`: under an
    /// exclusive lock, reads the last line's hash, writes the new head to a temporary
    /// file beside the log (so a folder that cannot take the head fails before the log is
    /// touched), appends the line and flushes it to disk, then puts the head in place. If
    /// any step fails the log is cut back to where it was, so the log and its head never
    /// disagree.
    ///
    /// # Errors
    /// [`AuditError::Io`] when the line cannot be written.
    pub fn append(&self, entry: Entry) -> Result<u64, AuditError> {
        let io = |source| AuditError::Io {
            path: self.path.clone(),
            source,
        };
        regular_or_absent(&self.path).map_err(io)?;
        let mut file = append_handle(&self.path).map_err(io)?;
        file.lock().map_err(io)?;
        let result = self.append_locked(&mut file, entry);
        let _ = file.unlock();
        result.map_err(io)
    }

    fn append_locked(&self, file: &mut std::fs::File, entry: Entry) -> std::io::Result<u64> {
        let (lines, last) = tail(&self.path)?;
        let line = Line {
            seq: lines + 1,
            prev: last,
            entry,
        };
        let text = serde_json::to_string(&line).map_err(std::io::Error::other)?;
        let head = Head {
            lines: line.seq,
            last: sha256_hex(text.as_bytes()),
        };
        let hp = head_path(&self.path);
        let tmp = hp.with_file_name(format!(
            ".{}.tmp{}",
            hp.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let staged = (|| {
            let mut f = crate::plumbing::file::private_file(&tmp, false)?;
            serde_json::to_writer(&mut f, &head)?;
            f.write_all(b"\n")?;
            f.sync_all()
        })();
        if let Err(e) = staged {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let before = file.metadata()?.len();
        let written = file
            .write_all(text.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .and_then(|()| std::fs::rename(&tmp, &hp));
        if let Err(e) = written {
            let _ = file.set_len(before);
            let _ = file.sync_all();
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(line.seq)
    }
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
    let mut lines = 0;
    let mut last = GENESIS.to_string();
    if !path.exists() {
        return Ok((lines, last));
    }
    for_each_line(path, |raw| {
        lines += 1;
        last = raw.map_or_else(|| "-".to_string(), sha256_hex);
    })?;
    Ok((lines, last))
}

/// Calls `f` with each line of the file (without its newline), or `None` for a line
/// longer than [`MAX_LINE_BYTES`] (skipped without being held in memory).
fn for_each_line(path: &Path, mut f: impl FnMut(Option<&[u8]>)) -> std::io::Result<()> {
    use std::io::Read;
    let mut reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            f(Some(&buf));
        } else if (buf.len() as u64) <= MAX_LINE_BYTES {
            // The last line, with no newline.
            f(Some(&buf));
        } else {
            // Too long: skip to the next newline.
            loop {
                buf.clear();
                let n = (&mut reader).take(1 << 16).read_until(b'\n', &mut buf)?;
                if n == 0 || buf.last() == Some(&b'\n') {
                    break;
                }
            }
            f(None);
        }
    }
}

/// Refuses a path that exists and is not a regular file (a device such as `/dev/zero`
/// would be read without end, a FIFO would hang).
fn regular_or_absent(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a device, FIFO or folder cannot hold an audit log)",
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn head_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".head");
    path.with_file_name(name)
}

enum HeadFile {
    Missing,
    Garbage,
    Head(Head),
}

fn read_head(path: &Path) -> std::io::Result<HeadFile> {
    use std::io::Read;
    let hp = head_path(path);
    if !hp.exists() {
        return Ok(HeadFile::Missing);
    }
    regular_or_absent(&hp)?;
    let mut text = Vec::new();
    std::fs::File::open(&hp)?
        .take(4096)
        .read_to_end(&mut text)?;
    Ok(serde_json::from_slice(&text).map_or(HeadFile::Garbage, HeadFile::Head))
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
