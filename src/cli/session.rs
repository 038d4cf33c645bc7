//! A run that reads personal data: who the outputs are for and why (the disclosure
//! policy), the pseudonym key, the output folder, and the audit records. The audit log is
//! opened and checked before any data is read, so a run whose record could not be
//! written does not run. A `started` record is appended just before the data is read, so
//! every run that read data is in the log even if it is killed; a second record, when
//! the command ends, completes it with the outcome and every file written with its hash.
//!
//! Outputs are written into a staging folder and swapped into `--out` only when every
//! file is written and the run's record is in the log (see
//! [`disrupt::report::run_folder`]): `--out` never mixes two runs.

use anyhow::Context;
use disrupt::ingest::{IngestOptions, Loaded, Table, load};
use disrupt::model::AsOf;
use disrupt::privacy::audit::{Entry, Output, STARTED, current_user, file_sha256, fingerprint};
use disrupt::privacy::{Audience, AuditLog, Disclosure, Policy, PseudonymKey, Threshold};
use disrupt::report::run_folder::RunFolder;
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
    /// Create the --key-file if it does not exist (without this, a missing key file is
    /// an error: a new key changes every pseudonym).
    #[arg(long, requires = "key_file")]
    pub new_key: bool,
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
    folder: Option<RunFolder>,
    started: Option<u64>,
}

impl Session {
    /// Validates the policy, finds (or creates) the pseudonym key, and opens the audit
    /// log; nothing is read before all three succeed.
    fn start(p: &PrivacyArgs) -> anyhow::Result<Self> {
        let policy = p.policy()?;
        let key = PseudonymKey::resolve(p.key_file.as_deref(), p.new_key)?;
        let log = AuditLog::open(&AuditLog::locate(p.audit_log.as_deref())?)?;
        Ok(Session {
            policy,
            key,
            log,
            dataset: None,
            disclosure: None,
            folder: None,
            started: None,
        })
    }

    /// Checks `out` (not the dataset, not inside it, not holding it; a new folder or a
    /// previous run's) and creates the staging folder this run writes into.
    pub fn stage_output(&mut self, out: &Path, data: &Path) -> anyhow::Result<()> {
        use disrupt::report::run_folder::OutFolderError;
        self.folder = Some(RunFolder::begin(out, Some(data)).map_err(|e| match e {
            OutFolderError::Io { .. } => anyhow::Error::new(e),
            _ => anyhow::Error::new(super::UsageError(e.to_string())),
        })?);
        Ok(())
    }

    /// The folder this run writes into (the staging folder), if it has one.
    pub fn output(&self) -> Option<&Path> {
        self.folder.as_ref().map(RunFolder::path)
    }

    fn entry(&self, outputs: Vec<Output>, outcome: String) -> Entry {
        Entry {
            time: now_utc(),
            user: current_user(),
            command: std::env::args().collect(),
            dataset: self.dataset.as_ref().map(|(p, _)| p.display().to_string()),
            dataset_fingerprint: self
                .dataset
                .as_ref()
                .map(|(_, f)| f.clone())
                .filter(|f| !f.is_empty()),
            audience: self.policy.audience.to_string(),
            purpose: self.policy.purpose.clone(),
            reveal_names: self.policy.reveal_names,
            include_expired: self.policy.include_expired,
            outputs,
            outcome,
            completes: self.started,
        }
    }

    /// Records, before it is read, what a command that reads files other than a dataset
    /// folder reads (`disrupt import`: the profile), and appends the `started` record.
    pub fn reading(&mut self, what: &Path) -> anyhow::Result<()> {
        self.dataset = Some((what.to_path_buf(), String::new()));
        let started = self.entry(Vec::new(), STARTED.to_string());
        self.started = Some(self.log.append(started)?);
        Ok(())
    }

    /// Records the fingerprint of what [`Session::reading`] read (for `disrupt import`:
    /// one over every extract and lookup), for the completing record.
    pub fn read_fingerprint(&mut self, fingerprint: String) {
        if let Some((_, f)) = &mut self.dataset {
            *f = fingerprint;
        }
    }

    /// Loads the dataset with the policy's admission rules (expired records only with a
    /// purpose; handling-code C records not in partner runs), and builds the disclosure
    /// every output goes through.
    pub fn load(
        &mut self,
        data: &Path,
        as_of: Option<AsOf>,
    ) -> anyhow::Result<(Loaded, Arc<Disclosure>)> {
        self.reading(data)?;
        let (loaded, print) = self.admit(data, as_of)?;
        self.dataset = Some((data.to_path_buf(), print));
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
        let (loaded, print) = self.admit(data, None)?;
        self.dataset = Some(match self.dataset.take() {
            Some((p, f)) => (
                PathBuf::from(format!("{} + {}", p.display(), data.display())),
                format!("{f} + {print}"),
            ),
            None => (data.to_path_buf(), print),
        });
        Ok(loaded)
    }

    /// Reads `data` under the policy's admission rules (expired records only with a
    /// purpose; handling-code C records not in partner runs), with its fingerprint over
    /// every table's hash.
    fn admit(&self, data: &Path, as_of: Option<AsOf>) -> anyhow::Result<(Loaded, String)> {
        let mut loaded = load(data, &IngestOptions { as_of })
            .with_context(|| format!("cannot read {}", data.display()))?;
        let print = fingerprint(Table::ALL.iter().filter_map(|t| {
            loaded
                .reports
                .get(t)
                .and_then(|r| r.sha256.as_deref())
                .map(|h| (t.name(), h))
        }));
        loaded.dataset.admission.include_expired = self.policy.include_expired;
        loaded.dataset.admission.include_handling_c = self.policy.audience != Audience::Partner;
        Ok((loaded, print))
    }

    /// Completes the run: on success, writes the manifest and swaps the staging folder
    /// into `--out`; then appends the completing audit record with every file and its
    /// hash. If the record cannot be written, the swap is undone (nothing is disclosed
    /// without its record) and the error is returned; on failure nothing of the run is
    /// left in `--out`.
    fn finish(mut self, outcome: &anyhow::Result<ExitCode>) -> anyhow::Result<()> {
        let folder = self.folder.take();
        let (folder, outputs, outcome_text) = match (outcome, folder) {
            (Ok(_), Some(mut f)) => match self.publish(&mut f) {
                Ok(outputs) => (Some(f), outputs, "ok".to_string()),
                Err(e) => {
                    let text = format!("error: {e:#}");
                    drop(f);
                    let _ = self.log.append(self.entry(Vec::new(), text));
                    return Err(e);
                }
            },
            (Ok(_), None) => (None, self.outputs_outside()?, "ok".to_string()),
            (Err(e), f) => {
                drop(f);
                (None, Vec::new(), format!("error: {e:#}"))
            }
        };
        let entry = self.entry(outputs, outcome_text);
        if let Err(e) = self.log.append(entry) {
            if let Some(f) = folder {
                let _ = f.swap_back();
            }
            return Err(e).context("the outputs of this run were removed");
        }
        if let Some(f) = folder {
            f.finish()?;
        }
        Ok(())
    }

    /// Writes the manifest and swaps the folder in; the files as they now lie in `--out`.
    fn publish(&self, f: &mut RunFolder) -> anyhow::Result<Vec<Output>> {
        let about = serde_json::json!({
            "command": std::env::args().nth(1).unwrap_or_default(),
            "audience": self.policy.audience.to_string(),
            "dataset": self.dataset.as_ref().map(|(p, _)| p.display().to_string()),
            "dataset_fingerprint": self.dataset.as_ref().map(|(_, f)| f.clone()),
        });
        let files = f.write_manifest(about)?;
        let mut outputs: Vec<Output> = files
            .into_iter()
            .map(|m| Output {
                path: f.target().join(&m.path).display().to_string(),
                sha256: m.sha256,
            })
            .collect();
        let manifest = f.path().join(disrupt::report::run_folder::MANIFEST);
        outputs.push(Output {
            path: f.final_path(&manifest).display().to_string(),
            sha256: file_sha256(&manifest).context("hashing the manifest")?,
        });
        f.swap_in()?;
        Ok(outputs)
    }

    /// Files a run without an output folder wrote (none today), with their hashes.
    fn outputs_outside(&self) -> anyhow::Result<Vec<Output>> {
        let written = self
            .disclosure
            .as_ref()
            .map(|d| d.outputs())
            .unwrap_or_default();
        written
            .iter()
            .map(|path| {
                Ok(Output {
                    path: path.display().to_string(),
                    sha256: file_sha256(path)
                        .with_context(|| format!("hashing {} for the audit log", path.display()))?,
                })
            })
            .collect()
    }
}

/// Runs `body` as an audited session: the policy, key and log are checked first; the
/// record is appended whatever the outcome.
pub fn audited(
    p: &PrivacyArgs,
    body: impl FnOnce(&mut Session) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let mut session = Session::start(p)?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&mut session)))
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(anyhow::anyhow!(
                "internal error ({what}): this is a bug in disrupt; please report it with the command line"
            ))
        });
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
