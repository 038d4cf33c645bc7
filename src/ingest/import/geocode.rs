//! Locations without coordinates: postcodes and UPRNs geocoded with a lookup the user
//! supplies, to British National Grid metres.
//!
//! Postcodes: the ONS Postcode Directory CSV (`pcds`, `oseast1m`, `osnrth1m`, and
//! `doterm`, the month a postcode was terminated), or Ordnance Survey Code-Point Open
//! (CSVs with no header: postcode, positional quality, easting, northing, …), one file or
//! a folder of them. A postcode gives the centroid of its addresses: typically a few
//! dozen households, so good to tens of metres in a town. UPRNs: OS Open UPRN
//! (`UPRN`, `X_COORDINATE`, `Y_COORDINATE`), the position of one addressable property.
//!
//! Only the keys an import uses are kept from a lookup, so the full directories (2.7
//! million postcodes, 40 million UPRNs) are streamed, not held.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A geocoded position.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// British National Grid easting, metres.
    pub easting: f64,
    /// British National Grid northing, metres.
    pub northing: f64,
    /// For a terminated postcode, when (`YYYYMM` as the directory writes it).
    pub terminated: Option<String>,
}

/// Which lookup a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupKind {
    /// Postcodes: ONS Postcode Directory or Code-Point Open.
    Postcode,
    /// OS Open UPRN.
    Uprn,
}

impl LookupKind {
    fn flag(self) -> &'static str {
        match self {
            LookupKind::Postcode => "--postcodes",
            LookupKind::Uprn => "--uprns",
        }
    }
}

/// A lookup, cut down to the keys wanted.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// Postcodes or UPRNs.
    pub kind: LookupKind,
    /// The files read.
    pub files: Vec<PathBuf>,
    positions: HashMap<String, Position>,
}

/// Why a lookup cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("cannot use the lookup {path}: {message}")]
pub struct LookupError {
    /// The file or folder.
    pub path: PathBuf,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A postcode in its standard form (`SW9 8AB`): upper case, one space before the last
/// three characters. `None` when it cannot be a postcode (wrong length, or characters
/// other than letters and digits).
pub fn normalise_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Outward code: a letter, then 1–3 letters or digits including a digit (SW9, SE11,
    // SW1A); inward code: a digit and two letters (8AB).
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = inward.starts_with(|c: char| c.is_ascii_digit())
        && inward[1..].chars().all(|c| c.is_ascii_alphabetic());
    let outward_ok = outward.starts_with(|c: char| c.is_ascii_alphabetic())
        && outward.chars().any(|c| c.is_ascii_digit());
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// A UPRN in its standard form: the integer without leading zeros. `None` when not a
/// positive whole number of at most 12 digits.
pub fn normalise_uprn(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    let n: u64 = t.parse().ok()?;
    (n > 0 && n < 1_000_000_000_000).then(|| n.to_string())
}

impl Lookup {
    /// Reads the lookup at `path` (a file, or for postcodes a folder of Code-Point Open
    /// CSVs), keeping the entries whose normalised key is in `wanted`.
    ///
    /// # Errors
    /// [`LookupError`] when a file cannot be read or is neither known layout.
    pub fn read(
        path: &Path,
        kind: LookupKind,
        wanted: &HashSet<String>,
    ) -> Result<Self, LookupError> {
        let err = |message: String| LookupError {
            path: path.to_owned(),
            message,
        };
        let files = if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| err(e.to_string()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(err("the folder holds no .csv files".into()));
            }
            files
        } else {
            vec![path.to_owned()]
        };
        let mut positions = HashMap::new();
        for file in &files {
            read_file(file, kind, wanted, &mut positions).map_err(|message| LookupError {
                path: file.clone(),
                message,
            })?;
        }
        Ok(Lookup {
            kind,
            files,
            positions,
        })
    }

    /// The position of a postcode or UPRN as written in an extract.
    ///
    /// # Errors
    /// A sentence for the quarantine reason: not a postcode/UPRN, or not in the lookup.
    pub fn find(&self, text: &str) -> Result<&Position, String> {
        let (key, what) = match self.kind {
            LookupKind::Postcode => (normalise_postcode(text), "postcode"),
            LookupKind::Uprn => (normalise_uprn(text), "UPRN"),
        };
        let key = key.ok_or_else(|| format!("'{text}' is not a {what}"))?;
        self.positions.get(&key).ok_or_else(|| {
            format!(
                "{what} '{key}' is not in the lookup {}; check it, or use a lookup that covers it ({})",
                self.files
                    .first()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                self.kind.flag()
            )
        })
    }
}

/// Column positions of a lookup file's layout.
struct Layout {
    key: usize,
    easting: usize,
    northing: usize,
    terminated: Option<usize>,
    has_header: bool,
}

fn layout(first: &csv::StringRecord, kind: LookupKind) -> Result<Layout, String> {
    let find = |names: &[&str]| {
        first
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    match kind {
        LookupKind::Postcode => {
            if let (Some(key), Some(easting), Some(northing)) = (
                find(&["pcds", "pcd", "pcd2", "postcode"]),
                find(&["oseast1m", "easting", "eastings"]),
                find(&["osnrth1m", "northing", "northings"]),
            ) {
                return Ok(Layout {
                    key,
                    easting,
                    northing,
                    terminated: find(&["doterm"]),
                    has_header: true,
                });
            }
            // Code-Point Open: no header; postcode, quality, easting, northing, ….
            let looks = first.len() >= 4
                && normalise_postcode(&first[0]).is_some()
                && first[2].trim().parse::<f64>().is_ok()
                && first[3].trim().parse::<f64>().is_ok();
            if looks {
                return Ok(Layout {
                    key: 0,
                    easting: 2,
                    northing: 3,
                    terminated: None,
                    has_header: false,
                });
            }
            Err("not an ONS Postcode Directory CSV (columns pcds, oseast1m, osnrth1m) or a Code-Point Open CSV (postcode, quality, easting, northing, …, no header)".into())
        }
        LookupKind::Uprn => match (
            find(&["uprn"]),
            find(&["x_coordinate"]),
            find(&["y_coordinate"]),
        ) {
            (Some(key), Some(easting), Some(northing)) => Ok(Layout {
                key,
                easting,
                northing,
                terminated: None,
                has_header: true,
            }),
            _ => Err("not an OS Open UPRN CSV (columns UPRN, X_COORDINATE, Y_COORDINATE)".into()),
        },
    }
}

fn read_file(
    file: &Path,
    kind: LookupKind,
    wanted: &HashSet<String>,
    positions: &mut HashMap<String, Position>,
) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(file)
        .map_err(|e| e.to_string())?;
    let mut records = reader.records();
    let first = match records.next() {
        None => return Err("the file is empty".into()),
        Some(r) => r.map_err(|e| e.to_string())?,
    };
    let first = strip_bom(first);
    let layout = layout(&first, kind)?;
    let mut take = |r: &csv::StringRecord| {
        let key = match kind {
            LookupKind::Postcode => r.get(layout.key).and_then(normalise_postcode),
            LookupKind::Uprn => r.get(layout.key).and_then(normalise_uprn),
        };
        let Some(key) = key.filter(|k| wanted.contains(k)) else {
            return;
        };
        let number = |i: usize| r.get(i).and_then(|t| t.trim().parse::<f64>().ok());
        if let (Some(easting), Some(northing)) = (number(layout.easting), number(layout.northing)) {
            let terminated = layout
                .terminated
                .and_then(|i| r.get(i))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            positions.entry(key).or_insert(Position {
                easting,
                northing,
                terminated,
            });
        }
    };
    if !layout.has_header {
        take(&first);
    }
    for record in records {
        take(&record.map_err(|e| e.to_string())?);
    }
    Ok(())
}

fn strip_bom(r: csv::StringRecord) -> csv::StringRecord {
    match r.get(0) {
        Some(f) if f.starts_with('\u{feff}') => {
            let mut fields: Vec<String> = r.iter().map(str::to_string).collect();
            fields[0] = fields[0].trim_start_matches('\u{feff}').to_string();
            csv::StringRecord::from(fields)
        }
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised() {
        assert_eq!(normalise_postcode(" sw9  8ab ").as_deref(), Some("SW9 8AB"));
        assert_eq!(normalise_postcode("SE118BX").as_deref(), Some("SE11 8BX"));
        assert_eq!(normalise_postcode("SW1A 1AA").as_deref(), Some("SW1A 1AA"));
        assert_eq!(normalise_postcode("hotel"), None);
        assert_eq!(normalise_postcode("123 4AB"), None);
        assert_eq!(normalise_postcode("SW9 8A"), None);
    }

    #[test]
    fn uprns_are_whole_numbers() {
        assert_eq!(
            normalise_uprn("0100021234567").as_deref(),
            Some("100021234567")
        );
        assert_eq!(
            normalise_uprn("100021234567.0").as_deref(),
            Some("100021234567")
        );
        assert_eq!(normalise_uprn("12a"), None);
        assert_eq!(normalise_uprn("0"), None);
    }
}
