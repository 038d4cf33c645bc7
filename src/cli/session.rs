//! A run that reads personal data: who the outputs are for and why (the disclosure
//! policy), the pseudonym key, and the audit record. The audit log is opened and checked
//! before any data is read, so a run whose record could not be written does not run;
//! the record is appended when the command ends, with every file written and its hash.

use anyhow::Context;
use disrupt::ingest::{IngestOptions, Loaded, Table, load};
use disrupt::model::AsOf;
use disrupt::privacy::audit::{Entry, Output, current_user, file_sha256, fingerprint};
use disrupt::privacy::{Audience, AuditLog, Disclosure, Policy, PseudonymKey, Threshold};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Who the outputs are for.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum AudienceArg {
    /// Police or local-authority analysts: every metric, people by pseudonym.
    Analyst,
    /// A strategy or MACE meeting: children and peers as initials and pseudonym.
    Strategy,
    /// ASB, Licensing, Trading Standards, Housing, Youth Outreach: no people, small
    /// counts suppressed, no handling-code C records.
    Partner,
}

/// The flags every command that reads personal data shares.
#[derive(Debug, Clone, clap::Args)]
pub struct PrivacyArgs {
    /// Who the outputs are for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Analyst)]
    pub audience: AudienceArg,
    /// Why this run is needed, in a few words (goes into the audit log). Required by
    /// --reveal-names and --include-expired.
    #[arg(long)]
    pub purpose: Option<String>,
    /// Show each person's person_id and name beside their pseudonym (needs --purpose;
    /// refused for the partner audience).
    #[arg(long)]
    pub reveal_names: bool,
    /// Use records past their review_by date (needs --purpose).
    #[arg(long)]
    pub include_expired: bool,
    /// Partner outputs show counts from 1 up to below this as "<N" (at least 3).
    #[arg(long, value_name = "N", default_value_t = disrupt::privacy::suppress::DEFAULT_THRESHOLD)]
    pub suppress_below: u64,
    /// The pseudonym key file (default: the DISRUPT_KEY variable, else
    /// ~/.local/state/disrupt/pseudonym.key, created with mode 0600 on first use).
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    /// The audit log (default: the DISRUPT_AUDIT_LOG variable, else
    /// ~/.local/state/disrupt/audit.jsonl).
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
}

impl PrivacyArgs {
    fn policy(&self) -> anyhow::Result<Policy> {
        let audience = match self.audience {
            AudienceArg::Analyst => Audience::Analyst,
            AudienceArg::Strategy => Audience::Strategy,
            AudienceArg::Partner => Audience::Partner,
        };
        let threshold = Threshold::new(self.suppress_below)
            .map_err(disrupt::privacy::PolicyError::Threshold)?;
        Ok(Policy::new(
            audience,
            self.purpose.clone(),
            self.reveal_names,
            self.include_expired,
            threshold,
        )?)
    }
}

/// A run in progress.
pub struct Session {
    policy: Policy,
    key: PseudonymKey,
    log: AuditLog,
    dataset: Option<(PathBuf, String)>,
    disclosure: Option<Arc<Disclosure>>,
}

impl Session {
    /// Validates the policy, finds (or creates) the pseudonym key, and opens the audit
    /// log; nothing is read before all three succeed.
    fn start(p: &PrivacyArgs) -> anyhow::Result<Self> {
        let policy = p.policy()?;
        let key = PseudonymKey::resolve(p.key_file.as_deref())?;
        let log = AuditLog::open(&AuditLog::locate(p.audit_log.as_deref())?)?;
        Ok(Session {
            policy,
            key,
            log,
            dataset: None,
            disclosure: None,
        })
    }

    /// Loads the dataset with the policy's admission rules (expired records only with a
    /// purpose; handling-code C records not in partner runs), and builds the disclosure
    /// every output goes through.
    pub fn load(
        &mut self,
        data: &Path,
        as_of: Option<AsOf>,
    ) -> anyhow::Result<(Loaded, Arc<Disclosure>)> {
        let mut loaded = load(data, &IngestOptions { as_of })
            .with_context(|| format!("cannot read {}", data.display()))?;
        let print = fingerprint(Table::ALL.iter().filter_map(|t| {
            loaded
                .reports
                .get(t)
                .and_then(|r| r.sha256.as_deref())
                .map(|h| (t.name(), h))
        }));
        self.dataset = Some((data.to_path_buf(), print));
        loaded.dataset.admission.include_expired = self.policy.include_expired;
        loaded.dataset.admission.include_handling_c = self.policy.audience != Audience::Partner;
        let disclosure = Arc::new(Disclosure::new(
            self.policy.clone(),
            &loaded.dataset,
            Some(&self.key),
        ));
        self.disclosure = Some(Arc::clone(&disclosure));
        Ok((loaded, disclosure))
    }

    /// Loads a second dataset in the same session (a later period to test a forecast
    /// on), under the same admission rules; the audit record names both datasets and
    /// both fingerprints. Outputs still go through the first dataset's disclosure.
    pub fn load_also(&mut self, data: &Path) -> anyhow::Result<Loaded> {
        let mut loaded = load(data, &IngestOptions { as_of: None })
            .with_context(|| format!("cannot read {}", data.display()))?;
        let print = fingerprint(Table::ALL.iter().filter_map(|t| {
            loaded
                .reports
                .get(t)
                .and_then(|r| r.sha256.as_deref())
                .map(|h| (t.name(), h))
        }));
        self.dataset = Some(match self.dataset.take() {
            Some((p, f)) => (
                PathBuf::from(format!("{} + {}", p.display(), data.display())),
                format!("{f} + {print}"),
            ),
            None => (data.to_path_buf(), print),
        });
        loaded.dataset.admission.include_expired = self.policy.include_expired;
        loaded.dataset.admission.include_handling_c = self.policy.audience != Audience::Partner;
        Ok(loaded)
    }

    /// Appends the audit record. If it cannot be written, the files this run wrote are
    /// removed (nothing is disclosed without its record) and the error is returned.
    fn finish(self, outcome: &anyhow::Result<ExitCode>) -> anyhow::Result<()> {
        let written = self
            .disclosure
            .as_ref()
            .map(|d| d.outputs())
            .unwrap_or_default();
        let mut outputs = Vec::new();
        for path in &written {
            outputs.push(Output {
                path: path.display().to_string(),
                sha256: file_sha256(path)
                    .with_context(|| format!("hashing {} for the audit log", path.display()))?,
            });
        }
        let entry = Entry {
            time: now_utc(),
            user: current_user(),
            command: std::env::args().collect(),
            dataset: self.dataset.as_ref().map(|(p, _)| p.display().to_string()),
            dataset_fingerprint: self.dataset.as_ref().map(|(_, f)| f.clone()),
            audience: self.policy.audience.to_string(),
            purpose: self.policy.purpose.clone(),
            reveal_names: self.policy.reveal_names,
            include_expired: self.policy.include_expired,
            outputs,
            outcome: match outcome {
                Ok(_) => "ok".to_string(),
                Err(e) => format!("error: {e}"),
            },
        };
        if let Err(e) = self.log.append(entry) {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(e).context("the outputs of this run were removed");
        }
        Ok(())
    }
}

/// Runs `body` as an audited session: the policy, key and log are checked first; the
/// record is appended whatever the outcome.
pub fn audited(
    p: &PrivacyArgs,
    body: impl FnOnce(&mut Session) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let mut session = Session::start(p)?;
    let outcome = body(&mut session);
    session.finish(&outcome)?;
    outcome
}

/// The wall-clock time in UTC, RFC 3339 to the second (the audit log records real time,
/// unlike the analysis, whose "now" is the as-of date).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
