//! Values derived from free text: the keyword searches analysts run over a records
//! system's narrative (regional TOEX teams found CSE and CCE at hotels this way),
//! written down once in the profile so every import runs the same search.
//!
//! A keyword matches case-insensitively, on word boundaries (`CCE` matches "CCE
//! concerns" but not "ACCESS"), and may be a phrase ("county lines"). The narrative
//! itself is never copied into the dataset; only the value and which keyword in which
//! column gave it (the `_basis` column).

/// A keyword list: each contract value with the keywords that mean it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordList {
    /// (value, lower-cased keywords), ordered by value.
    entries: Vec<(String, Vec<String>)>,
}

/// Which keyword gave a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordMatch {
    /// The value.
    pub value: String,
    /// The keyword found, as written in the profile (lower case).
    pub keyword: String,
    /// The narrative column it was found in.
    pub column: String,
}

impl KeywordList {
    /// A list from the profile's `keywords` table.
    ///
    /// # Errors
    /// A sentence when a value has no keywords or a keyword is empty.
    pub fn new(keywords: impl IntoIterator<Item = (String, Vec<String>)>) -> Result<Self, String> {
        let mut entries = Vec::new();
        for (value, words) in keywords {
            let words: Vec<String> = words.iter().map(|w| w.trim().to_lowercase()).collect();
            if words.is_empty() || words.iter().any(String::is_empty) {
                return Err(format!(
                    "keywords for '{value}' must be a list of non-empty words"
                ));
            }
            entries.push((value, words));
        }
        if entries.is_empty() {
            return Err("from_text needs a keywords table, e.g. keywords = { cse = [\"CSE\", \"grooming\"] }".into());
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(KeywordList { entries })
    }

    /// The value the narrative shows. When keywords of several values occur, the one
    /// found earliest in the text wins (the first column searched first; at the same
    /// place, the longer keyword, then the value's name), so the answer never depends on
    /// the order the profile lists them in.
    pub fn find<'a>(
        &self,
        texts: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Option<KeywordMatch> {
        for (column, text) in texts {
            let lower = text.to_lowercase();
            let mut best: Option<(usize, std::cmp::Reverse<usize>, &str, &str)> = None;
            for (value, words) in &self.entries {
                for word in words {
                    if let Some(at) = find_word(&lower, word) {
                        let candidate = (
                            at,
                            std::cmp::Reverse(word.len()),
                            value.as_str(),
                            word.as_str(),
                        );
                        if best.is_none_or(|b| candidate < b) {
                            best = Some(candidate);
                        }
                    }
                }
            }
            if let Some((_, _, value, keyword)) = best {
                return Some(KeywordMatch {
                    value: value.to_string(),
                    keyword: keyword.to_string(),
                    column: column.to_string(),
                });
            }
        }
        None
    }
}

/// The byte offset of the first whole-word occurrence of `word` in `text` (both lower
/// case): the characters either side, if any, are not letters or digits.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(word)) {
        let at = from + i;
        let end = at + word.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(at);
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> KeywordList {
        KeywordList::new([
            (
                "cse".to_string(),
                vec![
                    "CSE".into(),
                    "sexual exploitation".into(),
                    "grooming".into(),
                ],
            ),
            (
                "cce".to_string(),
                vec!["county lines".into(), "cuckoo".into(), "CCE".into()],
            ),
        ])
        .expect("list")
    }

    #[test]
    fn keywords_match_whole_words_case_insensitively() {
        let m = list()
            .find([("Details", "Staff report County Lines activity in room 12")].into_iter())
            .expect("match");
        assert_eq!(
            (m.value.as_str(), m.keyword.as_str()),
            ("cce", "county lines")
        );
        assert!(
            list()
                .find([("Details", "ACCESS refused; cuckooing")].into_iter())
                .is_none()
        );
        assert!(list().find([("Details", "")].into_iter()).is_none());
    }

    #[test]
    fn the_earliest_keyword_wins() {
        let m = list()
            .find([("Details", "suspected grooming; also CCE")].into_iter())
            .expect("match");
        assert_eq!(m.value, "cse");
        let m = list()
            .find([("A", "nothing here"), ("B", "cuckoo at flat")].into_iter())
            .expect("match");
        assert_eq!((m.value.as_str(), m.column.as_str()), ("cce", "B"));
    }

    #[test]
    fn word_boundaries_work_beyond_ascii() {
        assert_eq!(find_word("café cse", "cse"), Some(6));
        assert_eq!(find_word("écse", "cse"), None);
    }
}
