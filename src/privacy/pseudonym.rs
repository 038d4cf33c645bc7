//! Pseudonyms: stable keyed hashes of person ids (HMAC-SHA-256, RFC 2104). The same key
//! gives the same pseudonym for the same `person_id` in every run, so outputs can be
//! joined over time; without the key a pseudonym cannot be linked back to the id, even
//! by someone who holds a list of candidate ids (which a plain hash would allow).

use hmac::{KeyInit, Mac};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that may hold the key (any text of 16 bytes or more).
pub const KEY_ENV: &str = "DISRUPT_KEY";

/// Why no key could be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file could not be read or created.
    #[error(
        "cannot use the pseudonym key file {path}: {source} (pass --key-file PATH or set {KEY_ENV})"
    )]
    File {
        /// The key file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The key is too short to resist guessing.
    #[error(
        "the pseudonym key from {origin} is {len} bytes; use at least 16 (a new key file holds 64 hex digits)"
    )]
    TooShort {
        /// Where it came from.
        origin: String,
        /// Its length in bytes.
        len: usize,
    },
    /// The key file is readable by other users.
    #[error(
        "the pseudonym key file {path} can be read by other users (mode {mode:o}); run `chmod 600 {path}`"
    )]
    Exposed {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// No operating-system randomness for a new key.
    #[error("cannot draw random bytes for a new pseudonym key: {0}")]
    Random(String),
    /// `--key-file` names a file that does not exist: a typo would silently change
    /// every pseudonym.
    #[error(
        "the pseudonym key file {0} does not exist: check the path (a new key changes every pseudonym), or pass --new-key to create it"
    )]
    Missing(PathBuf),
    /// The key file is not a small regular file.
    #[error(
        "the pseudonym key file {0} is not a regular file of at most 4096 bytes: write the key (16 bytes or more of text, e.g. 64 hex digits, or raw bytes) into a plain file"
    )]
    NotAKeyFile(PathBuf),
    /// No per-user folder to keep the key in.
    #[error("no home folder to keep the pseudonym key in: pass --key-file PATH or set {KEY_ENV}")]
    NoHome,
}

/// A secret key for pseudonyms.
#[derive(Clone)]
pub struct PseudonymKey {
    bytes: Vec<u8>,
    /// Where the key came from, for messages and the audit log (never the key itself).
    pub origin: String,
}

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PseudonymKey({})", self.origin)
    }
}

impl PseudonymKey {
    /// A key from its bytes.
    ///
    /// # Errors
    /// [`KeyError::TooShort`] under 16 bytes.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Self, KeyError> {
        if bytes.len() < 16 {
            return Err(KeyError::TooShort {
                origin: origin.to_string(),
                len: bytes.len(),
            });
        }
        Ok(PseudonymKey {
            bytes: bytes.to_vec(),
            origin: origin.to_string(),
        })
    }

    /// The key: from `--key-file` if given (which must exist unless `new_key`), else
    /// from `DISRUPT_KEY`, else from the per-user key file ([`default_key_path`],
    /// created on first use). A new key file holds 32 random bytes (64 hex digits) and
    /// is readable by its owner only (0600).
    ///
    /// # Errors
    /// [`KeyError`] naming the file and what to do.
    pub fn resolve(key_file: Option<&Path>, new_key: bool) -> Result<Self, KeyError> {
        if let Some(path) = key_file {
            if !new_key && std::fs::symlink_metadata(path).is_err() {
                return Err(KeyError::Missing(path.to_path_buf()));
            }
            return Self::from_file(path);
        }
        if let Ok(text) = std::env::var(KEY_ENV) {
            return Self::from_bytes(text.trim().as_bytes(), KEY_ENV);
        }
        Self::from_file(&default_key_path().ok_or(KeyError::NoHome)?)
    }

    /// The key in `path`, created on first use. A key file holding text (UTF-8) is
    /// trimmed of surrounding white space; any other content is taken as raw bytes.
    ///
    /// # Errors
    /// [`KeyError`] naming the file.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let file_err = |source| KeyError::File {
            path: path.to_path_buf(),
            source,
        };
        if std::fs::symlink_metadata(path).is_err() {
            let mut raw = [0u8; 32];
            getrandom::fill(&mut raw).map_err(|e| KeyError::Random(e.to_string()))?;
            let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(file_err)?;
            }
            let mut f = crate::plumbing::file::private_file(path, true).map_err(file_err)?;
            f.write_all(hex.as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(file_err)?;
        }
        check_private(path)?;
        let meta = std::fs::metadata(path).map_err(file_err)?;
        if !meta.is_file() || meta.len() > 4096 {
            return Err(KeyError::NotAKeyFile(path.to_path_buf()));
        }
        let bytes = std::fs::read(path).map_err(file_err)?;
        let origin = path.display().to_string();
        match std::str::from_utf8(&bytes) {
            Ok(text) => Self::from_bytes(text.trim().as_bytes(), &origin),
            Err(_) => Self::from_bytes(&bytes, &origin),
        }
    }

    /// The pseudonym of `person_id`: `P-` and the first 12 hex digits of
    /// HMAC-SHA-256(key, person_id), upper case (48 bits: among 100,000 people the
    /// chance that two share one is about 2 in 100,000; [`Pseudonyms`] checks and
    /// lengthens them if it happens).
    ///
    /// ```
    /// use disrupt::privacy::PseudonymKey;
    ///
    /// let key = PseudonymKey::from_bytes(b"a key of sixteen bytes or more", "example")?;
    /// let p = key.pseudonym("P000090");
    /// assert!(p.starts_with("P-") && p.len() == 14);
    /// assert_eq!(p, key.pseudonym("P000090"), "the same key gives the same pseudonym");
    /// assert_ne!(p, key.pseudonym("P000091"));
    /// let other = PseudonymKey::from_bytes(b"another key, sixteen bytes long", "example")?;
    /// assert_ne!(p, other.pseudonym("P000090"), "another key gives another pseudonym");
    /// # Ok::<(), disrupt::privacy::KeyError>(())
    /// ```
    pub fn pseudonym(&self, person_id: &str) -> String {
        self.pseudonym_of_length(person_id, 12)
    }

    /// The whole keyed tag of `person_id` (64 hex digits), for joining one person's
    /// figures across runs over different areas, where two people sharing the first 12
    /// digits must not be summed as one. Never shown in an output.
    pub fn join_key(&self, person_id: &str) -> String {
        self.pseudonym_of_length(person_id, 64)
    }

    fn pseudonym_of_length(&self, person_id: &str, hex_digits: usize) -> String {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.bytes)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(person_id.as_bytes());
        let tag = mac.finalize().into_bytes();
        let hex: String = tag.iter().map(|b| format!("{b:02X}")).collect();
        format!("P-{}", &hex[..hex_digits.min(hex.len())])
    }
}

/// The pseudonyms of every person in a dataset, by person index, guaranteed distinct.
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    labels: Vec<String>,
}

impl Pseudonyms {
    /// Pseudonyms for `person_ids` (in dataset order). If two would collide at 12 hex
    /// digits, every pseudonym is lengthened until none do, so a pseudonym always names
    /// one person.
    pub fn new<'a>(key: &PseudonymKey, person_ids: impl Iterator<Item = &'a str> + Clone) -> Self {
        let mut digits = 12;
        loop {
            let labels: Vec<String> = person_ids
                .clone()
                .map(|id| key.pseudonym_of_length(id, digits))
                .collect();
            let distinct: std::collections::HashSet<&String> = labels.iter().collect();
            if distinct.len() == labels.len() || digits >= 64 {
                return Pseudonyms { labels };
            }
            digits += 4;
        }
    }

    /// The pseudonym of the person at `index`.
    pub fn get(&self, index: usize) -> &str {
        self.labels.get(index).map_or("P-?", String::as_str)
    }

    /// The index of the person with this pseudonym, if any (for commands that take a
    /// pseudonym where a `person_id` is expected).
    pub fn find(&self, pseudonym: &str) -> Option<usize> {
        self.labels
            .iter()
            .position(|p| p.eq_ignore_ascii_case(pseudonym))
    }
}

/// The per-user key file: `$XDG_STATE_HOME/disrupt/pseudonym.key`, else
/// `~/.local/state/disrupt/pseudonym.key`.
pub fn default_key_path() -> Option<PathBuf> {
    super::state_dir().map(|d| d.join("pseudonym.key"))
}

/// Refuses a key file that group or others can read.
fn check_private(path: &Path) -> Result<(), KeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|source| KeyError::File {
            path: path.to_path_buf(),
            source,
        })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::Exposed {
                path: path.to_path_buf(),
                mode,
            });
        }
    }
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_keyed_and_distinct() {
        let k1 = PseudonymKey::from_bytes(b"0123456789abcdef-one", "test").expect("key");
        let k2 = PseudonymKey::from_bytes(b"0123456789abcdef-two", "test").expect("key");
        assert_eq!(k1.pseudonym("C001"), k1.pseudonym("C001"));
        assert_ne!(k1.pseudonym("C001"), k1.pseudonym("C002"));
        assert_ne!(k1.pseudonym("C001"), k2.pseudonym("C001"), "keyed");
        let p = k1.pseudonym("C001");
        assert_eq!(p.len(), 14);
        assert!(p.starts_with("P-") && !p.contains("C001"));
    }

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"Jefe").expect("key");
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(matches!(
            PseudonymKey::from_bytes(b"short", "test"),
            Err(KeyError::TooShort { len: 5, .. })
        ));
    }

    #[test]
    fn a_missing_key_file_needs_new_key_and_binary_keys_are_read() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("typo.key");
        assert!(matches!(
            PseudonymKey::resolve(Some(&path), false),
            Err(KeyError::Missing(_))
        ));
        assert!(!path.exists(), "no key was created");
        let made = PseudonymKey::resolve(Some(&path), true).expect("created");
        let again = PseudonymKey::resolve(Some(&path), false).expect("read");
        assert_eq!(made.pseudonym("X"), again.pseudonym("X"));
        let binary = dir.path().join("raw.key");
        let raw: Vec<u8> = (0u8..32).map(|b| b.wrapping_mul(37) ^ 0xC3).collect();
        {
            let mut f = crate::plumbing::file::private_file(&binary, true).expect("file");
            f.write_all(&raw).expect("write");
        }
        let k = PseudonymKey::from_file(&binary).expect("binary key");
        assert_eq!(
            k.pseudonym("X"),
            PseudonymKey::from_bytes(&raw, "t")
                .expect("k")
                .pseudonym("X")
        );
        assert!(matches!(
            PseudonymKey::from_file(Path::new("/dev/zero")),
            Err(KeyError::NotAKeyFile(_) | KeyError::Exposed { .. })
        ));
    }

    #[test]
    fn a_new_key_file_is_private_and_reused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("sub/pseudonym.key");
        let a = PseudonymKey::from_file(&path).expect("created");
        let b = PseudonymKey::from_file(&path).expect("read back");
        assert_eq!(a.pseudonym("X"), b.pseudonym("X"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
            assert!(matches!(
                PseudonymKey::from_file(&path),
                Err(KeyError::Exposed { .. })
            ));
        }
    }
}
