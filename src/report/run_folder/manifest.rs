//! The manifest's list of files: every regular file of a run folder with its size and
//! SHA-256.

use super::{MANIFEST, OutFolderError, io};
use crate::plumbing::hex::hex;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// One file of a run folder, as listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ManifestFile {
    /// The path inside the folder, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

/// Every regular file under `root`, sorted by path, with size and hash. Symbolic links
/// are not followed (none can be there: the folder was created new).
pub(super) fn list_files(root: &Path) -> Result<Vec<ManifestFile>, OutFolderError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let e = e.map_err(io(&dir))?;
            let kind = e.file_type().map_err(io(&e.path()))?;
            let path = e.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                if rel == MANIFEST {
                    continue;
                }
                let (bytes, sha256) = hash_file(&path).map_err(io(&path))?;
                out.push(ManifestFile {
                    path: rel,
                    bytes,
                    sha256,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut h = Sha256::new();
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        h.update(&buf[..n]);
    }
    Ok((total, hex(&h.finalize())))
}
