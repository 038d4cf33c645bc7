//! Privacy: who may see what (audiences, pseudonyms, small-count suppression), the
//! tamper-evident audit log, and the disproportionality monitor (docs/design.md §1, §5;
//! docs/domain.md §6–7). Every output passes through a [`Disclosure`] on its way to a file.

/// Audiences, the disclosure policy, and labels for people.
pub mod audience;
pub use audience::{Audience, Disclosure, PersonLabel, Policy, PolicyError};

/// Keyed-hash pseudonyms and the key file.
pub(crate) mod pseudonym;
pub use pseudonym::{KeyError, PseudonymKey, Pseudonyms};

/// Small-count suppression, primary and secondary.
pub mod suppress;
pub use suppress::Threshold;

/// Tables of typed columns, as the audience cut reads them.
pub(crate) mod table;
pub use table::{ColumnTable, Values};

/// The audience cut of tables and JSON documents.
pub(crate) mod release;
pub use crate::model::disclosure::{
    Count, Derived, Initials, Phrase, PhrasePart, Records, SetCount,
};

/// The hash-chained audit log and its verification.
pub mod audit;
pub use audit::{AuditError, AuditLog, Entry, Verification, verify};

/// Make-up of the top list and the network against the dataset's population.
pub(crate) mod disproportionality;
pub use disproportionality::{Disproportionality, MONITORED_TOP, monitor, monitor_network};

/// The per-user state folder: `$XDG_STATE_HOME/disrupt`, else `~/.local/state/disrupt`.
pub fn state_dir() -> Option<std::path::PathBuf> {
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|x| !x.is_empty()) {
        return Some(std::path::PathBuf::from(x).join("disrupt"));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| std::path::PathBuf::from(h).join(".local/state/disrupt"))
}
