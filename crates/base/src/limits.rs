//! Every size and count limit of casebook, in one place.

/// Incremental changes kept per file before the store writes a compacted snapshot.
pub const COMPACT_AFTER_CHANGES: u64 = 64;

/// Largest Automerge document or change file accepted by `import` and `merge` (64 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Largest CSV file accepted by `import-csv` (64 MiB).
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// redb page cache of a node's store. Small, because portfolio questions read only the index.
pub const STORE_CACHE_BYTES: usize = 64 * 1024 * 1024;
