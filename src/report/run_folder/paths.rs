//! Where the output folder is, made absolute with links seen through, and the check
//! that it is not, does not hold and does not lie inside the dataset folder.

use super::{OutFolderError, io};
use std::path::{Path, PathBuf};

/// `path` made absolute, `.` and `..` resolved lexically, then its nearest existing
/// ancestor canonicalised (so symbolic links there are seen through).
pub(super) fn absolute(path: &Path) -> Result<PathBuf, OutFolderError> {
    let joined = lexical(&std::path::absolute(path).map_err(io(path))?);
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(out)
}

/// An absolute path with `.` and `..` resolved by its components alone.
pub(super) fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Checks that `target` is not `dataset`, inside it or holding it — for a run that
/// reads a second dataset besides the one [`RunFolder::begin`] checks.
///
/// # Errors
/// [`OutFolderError`] saying what is wrong and what to do.
pub fn check_apart_from(target: &Path, dataset: &Path) -> Result<(), OutFolderError> {
    check_apart(&absolute(target)?, &absolute(dataset)?)
}

pub(super) fn check_apart(out: &Path, data: &Path) -> Result<(), OutFolderError> {
    let relation = if out == data {
        "is"
    } else if data.starts_with(out) {
        "contains"
    } else if out.starts_with(data) {
        "lies inside"
    } else {
        return Ok(());
    };
    Err(OutFolderError::OverlapsDataset {
        out: out.to_path_buf(),
        data: data.to_path_buf(),
        relation,
    })
}
