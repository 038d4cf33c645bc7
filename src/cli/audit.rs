//! `disrupt audit verify [LOG]`: checks the audit log's hash chain and names the first
//! line of every problem (an edited, removed or reordered line, or lines cut off the end).

use disrupt::privacy::{AuditLog, verify};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What to do with the audit log.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Check that no line of the audit log was edited, removed, reordered or cut off;
    /// exits 1 if any was.
    Verify {
        /// The log (default: the DISRUPT_AUDIT_LOG variable, else
        /// ~/.local/state/disrupt/audit.jsonl).
        log: Option<PathBuf>,
    },
}

/// Runs `disrupt audit`.
pub fn run(action: Action) -> anyhow::Result<ExitCode> {
    match action {
        Action::Verify { log } => {
            let path = AuditLog::locate(log.as_deref())?;
            if !path.exists() {
                anyhow::bail!("no audit log at {}", path.display());
            }
            let v = verify(&path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let mut out = super::stdout();
            for seq in &v.unfinished {
                writeln!(
                    out,
                    "  the run started at record {seq} never finished: it was killed (or is still running); its outputs, if any, were not swapped into place"
                )?;
            }
            if v.intact() {
                writeln!(
                    out,
                    "{}: intact, {} record{} ({} run{}{})",
                    path.display(),
                    v.lines,
                    if v.lines == 1 { "" } else { "s" },
                    v.runs,
                    if v.runs == 1 { "" } else { "s" },
                    if v.unfinished.is_empty() {
                        String::new()
                    } else {
                        format!(", {} unfinished", v.unfinished.len())
                    }
                )?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "{}: TAMPERED ({} lines read)", path.display(), v.lines)?;
                for p in &v.problems {
                    writeln!(out, "  {p}")?;
                }
                Ok(ExitCode::from(1))
            }
        }
    }
}
