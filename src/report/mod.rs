//! Writers for outputs. Every file goes through here, so escaping and atomic writes are
//! done once.

/// CSV written safely: spreadsheet formula injection escaped, written atomically.
pub mod csv_safe;

/// Atomic file writes.
pub mod file;
