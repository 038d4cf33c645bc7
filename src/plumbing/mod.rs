//! Shared plumbing under every layer: private atomic files, CSV cells safe in a
//! spreadsheet, control characters shown as text, hex digests. It imports nothing of the
//! crate.

/// Private files and folders, written atomically.
pub mod file;

/// CSV written safely: spreadsheet formula injection escaped, written atomically.
pub(crate) mod csv_safe;

/// Control characters shown as `\u{..}`, never acted on.
pub mod controls;

/// Lower-case hex of digests.
pub(crate) mod hex;
