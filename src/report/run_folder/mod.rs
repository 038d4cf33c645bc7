//! An output folder owned by one run.
//!
//! A run never writes into `--out` directly. It writes into a fresh staging folder beside
//! it (`.NAME.staging-PID`, mode 0700, created new so nothing in it can be a symbolic
//! link planted by someone else), then lists every file with its SHA-256 in
//! `manifest.json` and swaps the staging folder into place in one step
//! ([`RunFolder::swap_in`]). So a folder never mixes two runs or two audiences, and a
//! run that fails or is killed leaves the previous complete set (or nothing) at `--out`.
//!
//! The folder must not be, contain or lie inside the dataset it reads: a run that wrote
//! its pseudonymised `people.csv` over the input would destroy an agency's extract.
//!
//! This file holds the staging folder and its swap; the manifest's list of files and
//! the checks of where the folder lies each have a file of their own.

mod manifest;
mod paths;

pub use manifest::ManifestFile;
pub use paths::check_apart_from;

use manifest::list_files;
use paths::{absolute, check_apart, lexical};

use crate::plumbing::file::private_dir;
use std::path::{Path, PathBuf};

/// The manifest file every run folder holds: every other file with its size and SHA-256.
pub const MANIFEST: &str = "manifest.json";

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutFolderError {
    /// The output folder is the dataset folder, or holds it, or lies inside it.
    #[error(
        "the output folder {out} {relation} the dataset folder {data}: a run would overwrite or mix with the data it reads. Choose an --out folder outside the dataset"
    )]
    OverlapsDataset {
        /// The output folder.
        out: PathBuf,
        /// The dataset folder.
        data: PathBuf,
        /// "is", "contains" or "lies inside".
        relation: &'static str,
    },
    /// The output folder exists but holds files that are not a previous run's.
    #[error(
        "the output folder {0} already holds files that are not a disrupt run's (no manifest.json or run.json): refusing to replace them. Choose a new or empty folder"
    )]
    Foreign(PathBuf),
    /// The output path is a symbolic link, or not a folder.
    #[error("the output path {0} is {1}: give a real folder (a new path is created)")]
    NotAFolder(PathBuf, &'static str),
    /// A file-system error, with the path.
    #[error("cannot prepare the output folder {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutFolderError + '_ {
    move |source| OutFolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A run's staging folder, swapped into `--out` when the run succeeds and removed if
/// it does not (on drop).
#[derive(Debug)]
pub struct RunFolder {
    target: PathBuf,
    staging: PathBuf,
    /// After a swap, the previous set (now at the staging path) until it is removed.
    swapped: bool,
    done: bool,
}

impl RunFolder {
    /// Checks `target` against the dataset folder and creates a fresh staging folder
    /// beside it (removing staging folders that killed runs left behind).
    ///
    /// # Errors
    /// [`OutFolderError`] saying what is wrong and what to do.
    pub fn begin(target: &Path, dataset: Option<&Path>) -> Result<Self, OutFolderError> {
        let given = lexical(&std::path::absolute(target).map_err(io(target))?);
        if std::fs::symlink_metadata(&given).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(OutFolderError::NotAFolder(given, "a symbolic link"));
        }
        let target = absolute(target)?;
        if let Some(data) = dataset {
            check_apart(&target, &absolute(data)?)?;
        }
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(OutFolderError::NotAFolder(target, "a symbolic link"));
            }
            Ok(m) if !m.is_dir() => return Err(OutFolderError::NotAFolder(target, "a file")),
            Ok(_) if !is_run_folder(&target)? => return Err(OutFolderError::Foreign(target)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&target)(e)),
        }
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        remove_stale_staging(&parent, &stem(&target));
        let staging = parent.join(format!(".{}.staging-{}", stem(&target), std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        private_dir(&staging).map_err(io(&staging))?;
        Ok(RunFolder {
            target,
            staging,
            swapped: false,
            done: false,
        })
    }

    /// Where the run writes: the staging folder.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Where the run's files end up: `--out`, made absolute.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The final path of a file written under the staging folder (others unchanged).
    pub fn final_path(&self, written: &Path) -> PathBuf {
        match written.strip_prefix(&self.staging) {
            Ok(rest) => self.target.join(rest),
            Err(_) => written.to_path_buf(),
        }
    }

    /// Lists every file in the staging folder with its size and SHA-256 into
    /// `manifest.json`, and returns the list.
    ///
    /// # Errors
    /// Any I/O error, with the path.
    pub fn write_manifest(
        &self,
        about: serde_json::Value,
    ) -> Result<Vec<ManifestFile>, OutFolderError> {
        let files = list_files(&self.staging)?;
        let manifest = serde_json::json!({ "run": about, "files": files });
        let path = self.staging.join(MANIFEST);
        crate::plumbing::file::write_atomic(&path, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest)?;
            std::io::Write::write_all(w, b"\n")
        })
        .map_err(io(&path))?;
        Ok(files)
    }

    /// Puts the staging folder at `--out` in one step (an atomic exchange where the file
    /// system supports it); the previous set, if any, waits at the staging path until
    /// [`RunFolder::finish`] removes it or [`RunFolder::swap_back`] restores it.
    ///
    /// # Errors
    /// Any I/O error, with the path; the previous set is then untouched.
    pub fn swap_in(&mut self) -> Result<(), OutFolderError> {
        if self.target.exists() {
            exchange(&self.staging, &self.target).map_err(io(&self.target))?;
            self.swapped = true;
        } else {
            std::fs::rename(&self.staging, &self.target).map_err(io(&self.target))?;
        }
        Ok(())
    }

    /// Undoes [`RunFolder::swap_in`]: the previous set goes back to `--out` and this
    /// run's files are removed (used when the run's audit record cannot be written).
    ///
    /// # Errors
    /// Any I/O error, with the path.
    pub fn swap_back(mut self) -> Result<(), OutFolderError> {
        self.done = true;
        if self.swapped {
            exchange(&self.staging, &self.target).map_err(io(&self.target))?;
            std::fs::remove_dir_all(&self.staging).map_err(io(&self.staging))?;
        } else {
            std::fs::remove_dir_all(&self.target).map_err(io(&self.target))?;
        }
        Ok(())
    }

    /// Removes the previous set after a successful swap.
    ///
    /// # Errors
    /// Any I/O error, with the path.
    pub fn finish(mut self) -> Result<(), OutFolderError> {
        self.done = true;
        if self.swapped {
            std::fs::remove_dir_all(&self.staging).map_err(io(&self.staging))?;
        }
        Ok(())
    }
}

impl Drop for RunFolder {
    /// A run that ends without [`RunFolder::finish`] (an error, a panic) leaves nothing
    /// of itself behind; `--out` keeps the previous set.
    fn drop(&mut self) {
        if !self.done && !self.swapped {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn stem(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "out".to_string(), |n| n.to_string_lossy().into_owned())
}

/// A folder a previous run wrote (it has a manifest, or the run.json older runs left),
/// or an empty one.
fn is_run_folder(dir: &Path) -> Result<bool, OutFolderError> {
    let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
    if entries.next().is_none() {
        return Ok(true);
    }
    Ok(dir.join(MANIFEST).is_file() || dir.join("run.json").is_file())
}

/// Removes `.NAME.staging-PID` folders whose process is gone (a killed run's).
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        if !alive && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Exchanges two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); where the file
/// system cannot, moves `b` aside, `a` into `b`, and the old `b` to `a`.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = b.with_file_name(format!(".{}.previous-{}", stem(b), std::process::id()));
    std::fs::rename(b, &aside)?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&aside, b);
        return Err(e);
    }
    std::fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path, text: &str) {
        std::fs::write(p, text).expect("write");
    }

    #[test]
    fn a_run_replaces_the_previous_set_whole() {
        let root = tempfile::tempdir().expect("tmp");
        let out = root.path().join("out");
        let mut first = RunFolder::begin(&out, None).expect("begin");
        touch(&first.path().join("people.csv"), "a");
        first
            .write_manifest(serde_json::json!({}))
            .expect("manifest");
        first.swap_in().expect("swap");
        first.finish().expect("finish");
        let mut second = RunFolder::begin(&out, None).expect("begin");
        touch(&second.path().join("hotspots.csv"), "b");
        let files = second
            .write_manifest(serde_json::json!({}))
            .expect("manifest");
        second.swap_in().expect("swap");
        second.finish().expect("finish");
        assert!(
            !out.join("people.csv").exists(),
            "the first run's file is gone"
        );
        assert!(out.join("hotspots.csv").exists());
        assert_eq!(files.len(), 1);
        let left: Vec<_> = std::fs::read_dir(root.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "no staging folder left behind");
    }

    #[test]
    fn a_failed_run_leaves_the_previous_set() {
        let root = tempfile::tempdir().expect("tmp");
        let out = root.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        touch(&out.join("run.json"), "{}");
        {
            let f = RunFolder::begin(&out, None).expect("begin");
            touch(&f.path().join("half.csv"), "x");
        }
        assert!(out.join("run.json").exists());
        assert!(!out.join("half.csv").exists());
        assert_eq!(std::fs::read_dir(root.path()).expect("dir").count(), 1);
    }

    #[test]
    fn swap_back_restores_the_previous_set() {
        let root = tempfile::tempdir().expect("tmp");
        let out = root.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        touch(&out.join("run.json"), "old");
        let mut f = RunFolder::begin(&out, None).expect("begin");
        touch(&f.path().join("run.json"), "new");
        f.swap_in().expect("swap");
        assert_eq!(
            std::fs::read_to_string(out.join("run.json")).expect("read"),
            "new"
        );
        f.swap_back().expect("back");
        assert_eq!(
            std::fs::read_to_string(out.join("run.json")).expect("read"),
            "old"
        );
    }

    #[test]
    fn the_dataset_folder_is_refused_every_way() {
        let root = tempfile::tempdir().expect("tmp");
        let data = root.path().join("data");
        std::fs::create_dir(&data).expect("mkdir");
        for (out, relation) in [
            (data.clone(), "is"),
            (root.path().to_path_buf(), "contains"),
            (data.join("out"), "lies inside"),
            (data.join("x/../."), "is"),
        ] {
            match RunFolder::begin(&out, Some(&data)) {
                Err(OutFolderError::OverlapsDataset { relation: r, .. }) => {
                    assert_eq!(r, relation, "{}", out.display());
                }
                other => panic!("{}: {other:?}", out.display()),
            }
        }
        assert!(RunFolder::begin(&root.path().join("out"), Some(&data)).is_ok());
    }

    #[test]
    fn foreign_folders_and_links_are_refused() {
        let root = tempfile::tempdir().expect("tmp");
        let out = root.path().join("mine");
        std::fs::create_dir(&out).expect("mkdir");
        touch(&out.join("notes.txt"), "mine");
        assert!(matches!(
            RunFolder::begin(&out, None),
            Err(OutFolderError::Foreign(_))
        ));
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&out, &link).expect("symlink");
            assert!(matches!(
                RunFolder::begin(&link, None),
                Err(OutFolderError::NotAFolder(..))
            ));
        }
    }

    #[cfg(unix)]
    #[test]
    fn staging_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("tmp");
        let f = RunFolder::begin(&root.path().join("out"), None).expect("begin");
        let mode = std::fs::metadata(f.path())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
