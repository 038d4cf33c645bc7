//! Audiences (docs/design.md §5) and the disclosure policy every output passes through.

use super::{PseudonymKey, Pseudonyms, Threshold};
use crate::model::{Dataset, PersonId, Role};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;

/// Who an output is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Police or local-authority analysts: every metric, people by pseudonym.
    #[default]
    Analyst,
    /// A multi-agency strategy or MACE meeting: children and peers as initials and
    /// pseudonym, persons of concern by pseudonym.
    Strategy,
    /// ASB, Licensing, Trading Standards, Housing, Youth Outreach: no person identifiers
    /// at all, no free text from records, small counts suppressed, no handling-code C
    /// records.
    Partner,
}

impl Audience {
    /// `analyst`, `strategy` or `partner`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Analyst => "analyst",
            Audience::Strategy => "strategy",
            Audience::Partner => "partner",
        }
    }
}

impl std::fmt::Display for Audience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a disclosure policy was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PolicyError {
    /// A reveal needs a stated purpose.
    #[error(
        "--reveal-names needs --purpose \"…\": why the names are needed goes into the audit log"
    )]
    RevealWithoutPurpose,
    /// Partner outputs never carry identities.
    #[error(
        "--reveal-names is refused for the partner audience: partner outputs carry no identities"
    )]
    RevealToPartner,
    /// Expired records need a stated purpose.
    #[error(
        "--include-expired needs --purpose \"…\": records past their review date may be used only for a stated reason, which goes into the audit log"
    )]
    ExpiredWithoutPurpose,
    /// An empty purpose.
    #[error("--purpose is empty: say why in a few words")]
    EmptyPurpose,
    /// A suppression threshold too low to protect anyone.
    #[error("{0}")]
    Threshold(String),
}

/// What the user asked to disclose, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// The audience.
    pub audience: Audience,
    /// Why, when a purpose was given.
    pub purpose: Option<String>,
    /// Show `person_id` and name beside each pseudonym (analyst and strategy only).
    pub reveal_names: bool,
    /// Use records past their review date.
    pub include_expired: bool,
    /// Small-count threshold for partner outputs.
    pub threshold: Threshold,
}

impl Policy {
    /// A validated policy.
    ///
    /// # Errors
    /// [`PolicyError`] when a reveal or expired records are asked for without a purpose,
    /// or a reveal for partners.
    pub fn new(
        audience: Audience,
        purpose: Option<String>,
        reveal_names: bool,
        include_expired: bool,
        threshold: Threshold,
    ) -> Result<Self, PolicyError> {
        let purpose = match purpose {
            Some(p) if p.trim().is_empty() => return Err(PolicyError::EmptyPurpose),
            Some(p) => Some(p.trim().to_string()),
            None => None,
        };
        if reveal_names && audience == Audience::Partner {
            return Err(PolicyError::RevealToPartner);
        }
        if reveal_names && purpose.is_none() {
            return Err(PolicyError::RevealWithoutPurpose);
        }
        if include_expired && purpose.is_none() {
            return Err(PolicyError::ExpiredWithoutPurpose);
        }
        Ok(Policy {
            audience,
            purpose,
            reveal_names,
            include_expired,
            threshold,
        })
    }

    /// The analyst default: pseudonyms, nothing revealed, expired records left out.
    pub fn analyst() -> Self {
        Policy {
            audience: Audience::Analyst,
            purpose: None,
            reveal_names: false,
            include_expired: false,
            threshold: Threshold::default(),
        }
    }
}

/// How one person is shown to the audience.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLabel {
    /// `P-…` for analysts; `J.S. P-…` (initials and pseudonym) for children and peers in
    /// strategy outputs; `P-…` for everyone else.
    pub label: String,
    /// `person_id` and name, only when a reveal was asked for with a purpose.
    pub revealed: Option<(String, Option<String>)>,
}

/// The disclosure policy applied to one dataset: how each person is labelled, how
/// counts are shown, and which files were written. Every writer takes one, so the cut
/// for the audience is made here and nowhere else.
#[derive(Debug)]
pub struct Disclosure {
    /// The policy.
    pub policy: Policy,
    labels: Vec<PersonLabel>,
    /// Each person's initials, when a name is recorded.
    names: Vec<Option<String>>,
    pseudonyms: Option<Pseudonyms>,
    written: Mutex<Vec<PathBuf>>,
}

impl Disclosure {
    /// The policy applied to `d`'s people. `key` is needed for every audience but
    /// partner (which shows no one).
    pub fn new(policy: Policy, d: &Dataset, key: Option<&PseudonymKey>) -> Self {
        let pseudonyms = key
            .filter(|_| policy.audience != Audience::Partner)
            .map(|k| Pseudonyms::new(k, d.people.iter().map(|p| p.key.as_str())));
        let labels = d
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let pseudonym = pseudonyms
                    .as_ref()
                    .map_or_else(|| "withheld".to_string(), |ps| ps.get(i).to_string());
                let label = match (policy.audience, p.role) {
                    (Audience::Strategy, Role::Child | Role::Peer) => {
                        match p.display_name.as_deref().and_then(initials) {
                            Some(ini) => format!("{ini} {pseudonym}"),
                            None => pseudonym,
                        }
                    }
                    _ => pseudonym,
                };
                PersonLabel {
                    label,
                    revealed: policy
                        .reveal_names
                        .then(|| (p.key.clone(), p.display_name.clone())),
                }
            })
            .collect();
        let names = d
            .people
            .iter()
            .map(|p| p.display_name.as_deref().and_then(initials))
            .collect();
        Disclosure {
            policy,
            labels,
            names,
            pseudonyms,
            written: Mutex::new(Vec::new()),
        }
    }

    /// The audience.
    pub fn audience(&self) -> Audience {
        self.policy.audience
    }

    /// Whether people may be shown at all (not for partners).
    pub fn shows_people(&self) -> bool {
        self.policy.audience != Audience::Partner
    }

    /// How `p` is shown, or `None` for partners.
    pub fn person(&self, p: PersonId) -> Option<&PersonLabel> {
        if self.shows_people() {
            self.labels.get(p.index())
        } else {
            None
        }
    }

    /// `p` as one piece of text: the label, and with a reveal `label (person_id, name)`.
    /// Partners get `withheld`.
    pub fn person_text(&self, p: PersonId) -> String {
        match self.person(p) {
            None => "withheld".to_string(),
            Some(PersonLabel {
                label,
                revealed: None,
            }) => label.clone(),
            Some(PersonLabel {
                label,
                revealed: Some((id, name)),
            }) => match name {
                Some(n) => format!("{label} ({id}, {n})"),
                None => format!("{label} ({id})"),
            },
        }
    }

    /// A child or peer listed as a member of a peer group: by initials and pseudonym
    /// (`J.S. P-…`) for the strategy audience, whose peer group work records friends by
    /// initials; by pseudonym alone for analysts, as everywhere else in their outputs;
    /// `withheld` for partners. The pseudonym alone when no name is recorded; with a
    /// reveal, the id and name beside it.
    pub fn initials_text(&self, p: PersonId) -> String {
        if self.policy.audience != Audience::Strategy {
            return self.person_text(p);
        }
        let Some(l) = self.person(p) else {
            return "withheld".to_string();
        };
        let pseudonym = self
            .pseudonyms
            .as_ref()
            .map_or_else(|| l.label.clone(), |ps| ps.get(p.index()).to_string());
        let base = match self.names.get(p.index()).and_then(|n| n.as_deref()) {
            Some(ini) => format!("{ini} {pseudonym}"),
            None => pseudonym,
        };
        match &l.revealed {
            Some((id, Some(n))) => format!("{base} ({id}, {n})"),
            Some((id, None)) => format!("{base} ({id})"),
            None => base,
        }
    }

    /// A count as the audience sees it: the number, or `<5` for partners when it is
    /// small.
    pub fn count(&self, n: u64) -> String {
        if self.policy.audience == Audience::Partner {
            self.policy.threshold.show(n)
        } else {
            n.to_string()
        }
    }

    /// Whether small counts are suppressed (partners).
    pub fn suppresses(&self) -> bool {
        self.policy.audience == Audience::Partner
    }

    /// The person a command-line argument names: a `person_id`, or a pseudonym.
    pub fn find_person(&self, d: &Dataset, text: &str) -> Option<PersonId> {
        d.person_by_key(text).map(|p| p.id).or_else(|| {
            self.pseudonyms
                .as_ref()
                .and_then(|ps| ps.find(text))
                .map(PersonId::from_index)
        })
    }

    /// Records that `path` was written (for the audit log).
    pub fn record_output(&self, path: PathBuf) {
        if let Ok(mut w) = self.written.lock() {
            w.push(path);
        }
    }

    /// Every file written through this disclosure, in order.
    pub fn outputs(&self) -> Vec<PathBuf> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

/// Initials of a name, `J.S.` for "Jordan Smith" (the first letter of each word, at most
/// three). `None` for a name with no letters.
///
/// ```
/// use disrupt::privacy::audience::initials;
///
/// assert_eq!(initials("Jordan Smith").as_deref(), Some("J.S."));
/// assert_eq!(initials("Mary-Jane O'Neil").as_deref(), Some("M.J.O."));
/// assert_eq!(initials("  "), None);
/// ```
pub fn initials(name: &str) -> Option<String> {
    let letters: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .take(3)
        .collect();
    if letters.is_empty() {
        None
    } else {
        Some(letters.iter().map(|c| format!("{c}.")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reveal_needs_a_purpose_and_is_refused_for_partners() {
        let t = Threshold::default();
        assert_eq!(
            Policy::new(Audience::Analyst, None, true, false, t),
            Err(PolicyError::RevealWithoutPurpose)
        );
        assert_eq!(
            Policy::new(Audience::Partner, Some("x".into()), true, false, t),
            Err(PolicyError::RevealToPartner)
        );
        assert_eq!(
            Policy::new(Audience::Analyst, None, false, true, t),
            Err(PolicyError::ExpiredWithoutPurpose)
        );
        assert_eq!(
            Policy::new(Audience::Analyst, Some("  ".into()), true, false, t),
            Err(PolicyError::EmptyPurpose)
        );
        assert!(
            Policy::new(
                Audience::Strategy,
                Some("s.47 enquiry".into()),
                true,
                false,
                t
            )
            .is_ok()
        );
    }

    #[test]
    fn initials_take_the_first_letter_of_each_name() {
        assert_eq!(initials("Jordan Smith").as_deref(), Some("J.S."));
        assert_eq!(initials("mary-jane o'neil").as_deref(), Some("M.J.O."));
        assert_eq!(initials("  "), None);
        assert_eq!(initials("Ana Maria de la Cruz").as_deref(), Some("A.M.D."));
    }
}
