//! File names made from record ids. Ids come from agency data and may hold anything —
//! `/`, `..`, NUL, control characters, right-to-left marks, ten thousand characters —
//! so no id is ever used as a path as it is.

use sha2::{Digest, Sha256};

/// The most characters kept from an id in a file name.
pub const MAX_READABLE: usize = 48;

/// A safe, bounded file stem for the record `id`: `PREFIX-ID` when the id is made only
/// of ASCII letters, digits, `_` and `-` (and not longer than [`MAX_READABLE`]), as most
/// ids are (`place-PL00488`); otherwise `PREFIX-READABLE-HASH`, where READABLE keeps the
/// id's safe characters (others become `_`, cut to [`MAX_READABLE`]) and HASH is the
/// first 10 hex digits of the id's SHA-256, so two different ids never share a file.
/// The stem never holds a path separator, a dot, a control character or a non-ASCII
/// character, and is at most `prefix.len() + 60` bytes.
pub fn safe_stem(prefix: &str, id: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !id.is_empty() && id.chars().count() <= MAX_READABLE && id.chars().all(safe) {
        return format!("{prefix}-{id}");
    }
    let readable: String = id
        .chars()
        .take(MAX_READABLE)
        .map(|c| if safe(c) { c } else { '_' })
        .collect();
    let hash: String = Sha256::digest(id.as_bytes())
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{prefix}-{readable}-{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_ids_stay_readable() {
        assert_eq!(safe_stem("place", "PL00488"), "place-PL00488");
        assert_eq!(safe_stem("group", "G4"), "group-G4");
    }

    #[test]
    fn hostile_ids_become_safe_distinct_bounded_names() {
        let long = "x".repeat(10_000);
        let ids = [
            "PL/006",
            "PL_006",
            "x/../../../escaped",
            "..",
            ".",
            "a\0b",
            "\u{202E}gpj.exe",
            "tab\there",
            long.as_str(),
            "",
            "Caf\u{e9}",
        ];
        let mut seen = std::collections::HashSet::new();
        for id in ids {
            let s = safe_stem("place", id);
            assert!(seen.insert(s.clone()), "{id:?} collides as {s}");
            assert!(s.len() <= "place".len() + 60, "{s}");
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                "{s}"
            );
            assert!(!s.contains(".."));
        }
    }
}
