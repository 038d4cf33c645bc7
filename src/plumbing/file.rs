//! Private files and folders, written atomically: outputs, key files and logs hold
//! sensitive data, so everything is readable by its owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a file atomically, readable by its owner only (0600 on Unix): `fill` writes to
/// a temporary file in the same folder, which then replaces `path`.
///
/// # Errors
/// Any I/O error; the temporary file is removed on failure.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomic_at(path, |tmp| {
        let mut w = std::io::BufWriter::new(private_file(tmp, false)?);
        fill(&mut w)?;
        w.flush()
    })
}

/// Writes a file atomically, readable by its owner only, for writers that need a path
/// rather than a stream (SQLite): the temporary file in the same folder is created empty
/// and owner-only, `fill` writes it by its path, and it then replaces `path`.
///
/// # Errors
/// Any I/O error; the temporary file is removed on failure.
pub fn write_atomic_at(
    path: &Path,
    fill: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        // Readable and writable by the owner only: outputs hold sensitive data.
        drop(private_file(&tmp, false)?);
        fill(&tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Opens a file for writing, readable and writable by its owner only (0600 on Unix):
/// `create_new` fails if it exists (a new key file), else create-or-truncate.
///
/// # Errors
/// Any I/O error.
pub fn private_file(path: &Path, create_new: bool) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true);
    if create_new {
        o.create_new(true);
    } else {
        o.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Creates a folder readable by its owner only (0700 on Unix); its parent must exist.
///
/// # Errors
/// Any I/O error (including that it exists already).
pub fn private_dir(path: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

/// Creates `dir/name` as a private folder unless it exists as a real folder; refuses a
/// symbolic link there.
///
/// # Errors
/// Any I/O error, or a symbolic link or file at the path.
pub fn private_subdir(dir: &Path, name: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_dir() && !m.file_type().is_symlink() => Ok(path),
        Ok(_) => Err(std::io::Error::other(format!(
            "{} exists and is not a folder (or is a symbolic link)",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            private_dir(&path)?;
            Ok(path)
        }
        Err(e) => Err(e),
    }
}

/// The folder a file is in: `.` for a bare file name (whose `parent()` is the empty
/// path, which cannot be made absolute or listed).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
