//! Every redb table of the store, in one place. See docs/design.md for the encodings.

use redb::TableDefinition;

/// Store metadata: `format_version` (u32 LE), `node_id` (32 bytes), `created_at` (RFC 3339).
pub(crate) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

/// Compacted document per file: file id (16 bytes) → Automerge `save()` bytes.
pub(crate) const SNAPSHOTS: TableDefinition<[u8; 16], &[u8]> = TableDefinition::new("snapshots");

/// Incremental changes since the snapshot: (file id, seq) → raw Automerge change bytes.
pub(crate) const CHANGES: TableDefinition<([u8; 16], u64), &[u8]> = TableDefinition::new("changes");

/// The portfolio index: file id → JSON `FileSummary`.
pub(crate) const SUMMARIES: TableDefinition<[u8; 16], &[u8]> = TableDefinition::new("summaries");

/// Where each change came from: change hash (32 bytes) → JSON `ChangeOrigin`.
pub(crate) const ORIGINS: TableDefinition<[u8; 32], &[u8]> = TableDefinition::new("change_origin");

/// Organisation configuration: key → JSON (`org` → `OrgConfig`).
pub(crate) const CONFIG: TableDefinition<&str, &[u8]> = TableDefinition::new("config");

/// Trusted peers: node id (32 bytes) → JSON `Peer`.
pub(crate) const PEERS: TableDefinition<[u8; 32], &[u8]> = TableDefinition::new("peers");

/// Change signatures: change hash (32 bytes) → author node id (32 bytes) ‖ ed25519 signature
/// (64 bytes) over `SIGNATURE_CONTEXT ‖ hash`.
pub(crate) const SIGNATURES: TableDefinition<[u8; 32], [u8; 96]> =
    TableDefinition::new("signatures");

/// The store-wide change log, one row per file: sequence number → file id. Each commit takes
/// the next number for every file it touches and drops that file's previous row, so the rows
/// after a peer's cursor are exactly the files changed since that peer last caught up.
pub(crate) const LOG: TableDefinition<u64, [u8; 16]> = TableDefinition::new("log");

/// The latest log sequence number of each file: file id → seq (the reverse of [`LOG`]).
pub(crate) const FILE_SEQ: TableDefinition<[u8; 16], u64> = TableDefinition::new("file_seq");

/// Each file's current heads: file id → concatenated 32-byte change hashes, so a sync
/// announcement or `status` needs no document load.
pub(crate) const HEADS: TableDefinition<[u8; 16], &[u8]> = TableDefinition::new("heads");

/// Per (peer, file) sync state, opaque to the store (the sync engine encodes it).
pub(crate) const SYNC_STATES: TableDefinition<([u8; 32], [u8; 16]), &[u8]> =
    TableDefinition::new("sync_states");

/// Per peer sync cursor, opaque to the store (the sync engine encodes it).
pub(crate) const CURSORS: TableDefinition<[u8; 32], &[u8]> = TableDefinition::new("cursors");
