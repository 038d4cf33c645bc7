//! `disrupt import PROFILE --out DIR`: agency extracts into a dataset folder in the data
//! contract, with every row accounted for; `disrupt import --suggest FILE...`: a starting
//! profile. Both read personal data, so both are audit-logged.

use super::session::{AudienceArg, PrivacyArgs, audited};
use anyhow::Context;
use disrupt::ingest::import::{self, ImportOptions, Imported, OutputFormat};
use disrupt::ingest::{IngestOptions, load};
use disrupt::privacy::audit::fingerprint;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The format of the tables written.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// `NAME.csv`.
    Csv,
    /// `NAME.parquet`.
    Parquet,
}

/// Arguments of `disrupt import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The import profile (TOML): which extracts feed which tables, and how their
    /// columns map (see "From your own extracts" in README.md).
    #[arg(required_unless_present = "suggest")]
    profile: Option<PathBuf>,
    /// The dataset folder to write (its tables, rejected/ and check.json).
    #[arg(long, required_unless_present = "suggest")]
    out: Option<PathBuf>,
    /// The format of the tables written.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// A postcode lookup: the ONS Postcode Directory CSV, or Code-Point Open CSVs (a file
    /// or a folder); overrides the profile's `postcodes`.
    #[arg(long, value_name = "FILE")]
    postcodes: Option<PathBuf>,
    /// An OS Open UPRN CSV; overrides the profile's `uprns`.
    #[arg(long, value_name = "FILE")]
    uprns: Option<PathBuf>,
    /// Print a starting profile for these extracts instead of importing.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["profile", "out"])]
    suggest: Vec<PathBuf>,
    /// Why this import is needed, in a few words (goes into the audit log).
    #[arg(long)]
    purpose: Option<String>,
    /// The audit log (default: the DISRUPT_AUDIT_LOG variable, else
    /// ~/.local/state/disrupt/audit.jsonl).
    #[arg(long, value_name = "PATH")]
    audit_log: Option<PathBuf>,
    /// The pseudonym key file (as for every command that reads personal data).
    #[arg(long, value_name = "PATH")]
    key_file: Option<PathBuf>,
}

impl Args {
    /// An import's outputs are a dataset and its quarantine, for the analyst who runs it.
    fn privacy(&self) -> PrivacyArgs {
        PrivacyArgs {
            audience: AudienceArg::Analyst,
            purpose: self.purpose.clone(),
            reveal_names: false,
            include_expired: false,
            suppress_below: disrupt::privacy::suppress::DEFAULT_THRESHOLD,
            key_file: self.key_file.clone(),
            new_key: false,
            audit_log: self.audit_log.clone(),
        }
    }
}

/// Runs `disrupt import`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    audited(&args.privacy(), |session| {
        if !args.suggest.is_empty() {
            let files: Vec<&Path> = args.suggest.iter().map(PathBuf::as_path).collect();
            session.reading(files.first().copied().unwrap_or(Path::new(".")))?;
            let hashes: Vec<(String, String)> = files
                .iter()
                .map(|f| {
                    let h = disrupt::privacy::audit::file_sha256(f).unwrap_or_default();
                    (f.display().to_string(), h)
                })
                .collect();
            let print = fingerprint(hashes.iter().map(|(f, h)| (f.as_str(), h.as_str())));
            session.read_fingerprint(print);
            let text = import::suggest::suggest(&files).map_err(anyhow::Error::msg)?;
            super::stdout().write_all(text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        let (Some(profile), Some(out)) = (&args.profile, &args.out) else {
            anyhow::bail!("give a profile and --out DIR, or --suggest FILE...");
        };
        let options = ImportOptions {
            postcodes: args.postcodes.clone(),
            uprns: args.uprns.clone(),
        };
        // The extracts' folder is the input: the dataset is never written into it.
        let extracts = disrupt::plumbing::file::folder_of(profile);
        session.stage_output(out, extracts)?;
        session.reading(profile)?;
        let imported = import::import(profile, &options)
            .with_context(|| format!("cannot import with {}", profile.display()))?;
        let hashes = read_fingerprints(&imported);
        session.read_fingerprint(fingerprint(
            hashes.iter().map(|(f, h)| (f.as_str(), h.as_str())),
        ));
        let format = match args.format {
            FormatArg::Csv => OutputFormat::Csv,
            FormatArg::Parquet => OutputFormat::Parquet,
        };
        let staging = session.output().expect("staged above").to_path_buf();
        import::write(&imported, &staging, format)
            .with_context(|| format!("writing the import to {}", out.display()))?;
        print_summary(&imported, &staging, out)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Every extract and lookup read, with its hash: which data the import read.
fn read_fingerprints(imported: &Imported) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = imported
        .sources
        .iter()
        .map(|s| (s.name.clone(), s.sha256.clone()))
        .collect();
    for l in &imported.lookups {
        v.push((
            l.display().to_string(),
            disrupt::privacy::audit::file_sha256(l).unwrap_or_default(),
        ));
    }
    v
}

/// The per-source account, then the contract's own check of the tables written in
/// `written` (the staging folder), which will stand at `out`.
fn print_summary(imported: &Imported, written: &Path, out: &Path) -> anyhow::Result<()> {
    let mut o = super::stdout();
    writeln!(
        o,
        "{}: imported into {}",
        imported.profile.display(),
        out.display()
    )?;
    writeln!(
        o,
        "{:<40} {:<13} {:>7} {:>8} {:>8} {:>8}  top reasons",
        "source", "table", "read", "written", "rejected", "records"
    )?;
    for s in &imported.sources {
        let reasons: Vec<String> = s
            .top_reasons
            .iter()
            .take(3)
            .map(|(k, n)| format!("{k} ({n})"))
            .collect();
        writeln!(
            o,
            "{:<40} {:<13} {:>7} {:>8} {:>8} {:>8}  {}",
            s.name,
            s.table.map_or("", |t| t.name()),
            s.read,
            s.written,
            s.rejected.len(),
            s.records,
            reasons.join("; ")
        )?;
        for note in &s.notes {
            eprintln!("note: {}: {note}", s.name);
        }
    }
    let rejected: usize = imported.sources.iter().map(|s| s.rejected.len()).sum();
    if rejected > 0 {
        eprintln!(
            "hint: {rejected} rejected rows, each with its reason, file and row, are in {}",
            out.join("rejected").display()
        );
    }
    // The contract's own check of what was written, so a row the import wrote but the
    // contract refuses (an event after another's as-of, a grading typo) is seen now.
    match load(written, &IngestOptions::default()) {
        Ok(loaded) => {
            let refused = loaded.quarantine.total();
            writeln!(
                o,
                "the contract check accepts {} rows and rejects {refused}{}",
                loaded.reports.values().map(|r| r.accepted).sum::<usize>(),
                if refused > 0 {
                    format!(
                        "; run `disrupt check {} --out DIR` for each with its reason",
                        out.display()
                    )
                } else {
                    String::new()
                }
            )?;
        }
        Err(e) => writeln!(o, "the contract check cannot read the import: {e}")?,
    }
    Ok(())
}
