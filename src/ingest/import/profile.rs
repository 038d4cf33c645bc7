//! The import profile as written: a TOML file with one block per source file, each
//! naming the contract table it feeds and how its columns map onto the contract's.
//!
//! This is only the file's shape; [`super::mapping`] checks it and turns every column
//! rule into a typed [`super::mapping::Rule`], so a mistake in the profile is reported
//! before any extract is read.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A whole import profile.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// A postcode lookup (ONS Postcode Directory or Code-Point Open), relative to the
    /// profile; `--postcodes` overrides it.
    pub postcodes: Option<PathBuf>,
    /// An OS Open UPRN lookup, relative to the profile; `--uprns` overrides it.
    pub uprns: Option<PathBuf>,
    /// Blocks feeding `places`.
    #[serde(default)]
    pub places: Vec<SourceBlock>,
    /// Blocks feeding `people`.
    #[serde(default)]
    pub people: Vec<SourceBlock>,
    /// Blocks feeding `events`.
    #[serde(default)]
    pub events: Vec<SourceBlock>,
    /// Blocks feeding `event_people`.
    #[serde(default)]
    pub event_people: Vec<SourceBlock>,
    /// Blocks feeding `links`.
    #[serde(default)]
    pub links: Vec<SourceBlock>,
    /// Blocks feeding `actions`.
    #[serde(default)]
    pub actions: Vec<SourceBlock>,
}

/// One source file feeding one contract table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceBlock {
    /// The extract, relative to the profile: `.csv`, `.tsv`, `.txt`, `.parquet` or `.xlsx`.
    pub file: PathBuf,
    /// The worksheet, for `.xlsx` (default: the first sheet).
    pub sheet: Option<String>,
    /// Fills the contract's `source` column (events, links) unless a column rule does.
    pub source: Option<String>,
    /// Put before the ids this source system issues (the table's own id, and `event_id`
    /// in `event_people`), keeping ids from different systems apart.
    pub id_prefix: Option<String>,
    /// The field delimiter of a text file, one character (default: found from the
    /// header line: comma, tab or semicolon).
    pub delimiter: Option<char>,
    /// Numbers written with a decimal comma (`51,4627`); default: true for a
    /// semicolon-delimited file.
    pub decimal_comma: Option<bool>,
    /// How the contract's columns are filled, by contract column name.
    #[serde(default)]
    pub columns: BTreeMap<String, ColumnSpec>,
    /// Wide rows: each entry makes one more output row from the same source row (for
    /// example `Suspect 1`, `Suspect 2`), its rules added to `columns`. A row is made
    /// only when the entry's own columns are not all empty.
    #[serde(default)]
    pub each: Vec<BTreeMap<String, ColumnSpec>>,
}

/// How one contract column is filled: a source column's name, or a rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ColumnSpec {
    /// The value of this source column, trimmed.
    Column(String),
    /// A rule with options.
    Rule(RuleSpec),
}

/// The options of a column rule, as written. Exactly one of `from`, `value` and
/// `from_text` must be given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The source column.
    pub from: Option<String>,
    /// A constant.
    pub value: Option<String>,
    /// Narrative columns searched for `keywords`.
    pub from_text: Option<Vec<String>>,
    /// Date formats (chrono strftime, or `excel` for serial day numbers), tried in order.
    pub format: Option<OneOrMany>,
    /// A value map: source value → contract value.
    pub values: Option<BTreeMap<String, String>>,
    /// The value for an empty cell, a value not in `values`, or text with no keyword.
    pub default: Option<String>,
    /// For `from_text`: contract value → keywords that mean it.
    pub keywords: Option<BTreeMap<String, Vec<String>>>,
    /// Put before the value (ids); for own-id columns it replaces the block's `id_prefix`.
    pub prefix: Option<String>,
}

/// One string or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several, in order.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values in order.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Why a profile cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file cannot be read.
    #[error("cannot read the import profile {path}: {source}")]
    Io {
        /// The profile.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has an unknown key.
    #[error(
        "the import profile {path} is not valid: {message}\nhint: see \"From your own extracts\" in README.md, or start from `disrupt import --suggest FILE...`"
    )]
    Syntax {
        /// The profile.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A block or column rule is wrong.
    #[error("the import profile {path}: {problems}")]
    Invalid {
        /// The profile.
        path: PathBuf,
        /// Every problem, one a line.
        problems: String,
    },
}

/// Reads and parses a profile file.
///
/// # Errors
/// [`ProfileError::Io`] or [`ProfileError::Syntax`].
pub fn read(path: &Path) -> Result<ProfileFile, ProfileError> {
    let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse(&text).map_err(|message| ProfileError::Syntax {
        path: path.to_owned(),
        message,
    })
}

/// Parses profile text.
///
/// # Errors
/// The parser's message.
pub fn parse(text: &str) -> Result<ProfileFile, String> {
    toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())
}
