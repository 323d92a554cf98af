//! Every size and count limit of casebook, in one place.

/// Most characters of a name, title or other one-line value of an account file (a person's or
/// client's name, a job title, a postcode, a segment): 200.
pub const MAX_NAME_CHARS: usize = 200;

/// Most characters of a note, summary or other free text of an account file: 10,000 (about
/// four pages); longer material belongs in a document kept with the client's papers.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// Longest interaction that can be logged, in minutes: a day.
pub const MAX_INTERACTION_MINUTES: u32 = 24 * 60;

/// Incremental changes kept per file before the store writes a compacted snapshot.
pub const COMPACT_AFTER_CHANGES: u64 = 64;

/// Largest Automerge document or change file accepted by `import` and `merge` (64 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Most bytes the compressed parts of one Automerge file, or of the changes in one sync
/// message, may inflate to (32 MiB); see [`crate::guard::check_chunks`]. Deflate reaches about
/// 1,000 to 1, so without this a small file could make a node ask for gigabytes. Automerge
/// inflates into a growing buffer that may reach twice this, which is [`MAX_DOCUMENT_BYTES`].
pub const MAX_INFLATED_BYTES: u64 = MAX_DOCUMENT_BYTES / 2;

/// Most items one column of an Automerge document or change may claim (4,194,304); see
/// [`crate::guard::check_chunks`]. Automerge collects some columns into vectors of that many
/// items (16 MiB of `u32`), and a few bytes of run-length encoding can claim billions. An
/// account file has a few thousand changes and tens of thousands of ops.
pub const MAX_COLUMN_ITEMS: u64 = 1 << 22;

/// Largest CSV file accepted by `import-csv` (64 MiB).
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// redb page cache of a node's store. Small, because portfolio questions read only the index.
pub const STORE_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// Stored bytes of the account files a store keeps loaded in memory (4 MiB), so that the
/// sessions of a node answering several peers share one parsed copy of each file instead of
/// parsing it each. A loaded document takes about 20 to 25 times its stored size (an 11.7 KB
/// file took about 230 KiB), so a full cache holds about 100 MiB. A file over a quarter of it
/// is not kept.
pub const DOC_CACHE_BYTES: usize = 4 * 1024 * 1024;

/// The ALPN protocol id of casebook's sync protocol, version 1. A peer speaking anything else
/// is refused in the TLS handshake.
pub const ALPN: &[u8] = b"casebook/1";

/// Largest sync frame a peer may send (8 MiB); a larger length prefix closes the connection
/// before anything is allocated.
pub const MAX_FRAME_BYTES: u32 = 8 * 1024 * 1024;

/// Bidirectional streams a peer may have open at once.
pub const MAX_BIDI_STREAMS: u32 = 8;

/// Unidirectional streams a peer may have open at once (casebook uses none).
pub const MAX_UNI_STREAMS: u32 = 0;

/// A connection with no traffic for this long is closed (milliseconds).
pub const IDLE_TIMEOUT_MS: u32 = 30_000;

/// Keep-alive interval on an open connection, well inside the idle timeout (milliseconds).
pub const KEEP_ALIVE_MS: u64 = 10_000;

/// How long a dial may take before it fails, and an incoming handshake before it is dropped
/// (milliseconds).
pub const CONNECT_TIMEOUT_MS: u64 = 10_000;

/// Incoming handshakes a serving node completes at once; more are turned away unanswered, so
/// strangers who start handshakes and never finish them cannot hold the node for long.
pub const MAX_HANDSHAKES: usize = 64;

/// Connections one trusted peer may hold at once (a live session, a one-shot sync beside it,
/// and room for a reconnect while a dead connection times out); more are closed at once.
pub const MAX_CONNECTIONS_PER_PEER: usize = 4;

/// The version of the sync protocol carried in `Hello` (the ALPN names the major version).
pub const PROTOCOL_VERSION: u16 = 1;

/// Most heads one `Have` may list (a file with more concurrent heads than this is announced
/// without heads, which only costs one extra round of the document sync).
pub const MAX_HEADS_PER_HAVE: usize = 256;

/// Most signatures one `Sync` message may carry (one per author of the file is the norm).
pub const MAX_SIGNATURES_PER_SYNC: usize = 4096;

/// Most bytes of the reason a `Refused` message gives for refusing a file's changes (UTF-8).
/// Casebook's own reasons name a change hash and an author, under 200 bytes; the bound keeps a
/// peer from filling logs and `casebook status` with text.
pub const MAX_REASON_BYTES: usize = 512;

/// Files one session may refuse (or be told were refused): a file refused is out of play for
/// the rest of the session, and one more refusal than this ends the session, so a peer cannot
/// make a session remember a refusal per made-up file id without end.
pub const MAX_FILES_REFUSED: usize = 4 * MAX_FILES_ENTERING;

/// How many received messages a session validates and commits in one transaction at most.
pub const MAX_MESSAGES_PER_BATCH: usize = 256;

/// How often `casebook serve` looks for local changes to send, and for revoked trust.
pub const LIVE_POLL_MS: u64 = 100;

/// How long `casebook serve` waits before dialling again a peer it could not reach (or that
/// refused it) the first time; each further failure doubles the wait, up to
/// [`REDIAL_MAX_MS`].
pub const REDIAL_MS: u64 = 2_000;

/// The longest `casebook serve` waits before dialling a failing peer again (five minutes).
pub const REDIAL_MAX_MS: u64 = 300_000;

/// Ranges one `Reconcile` message may carry: a range whose fingerprints differ is split into
/// this many sub-ranges, so reconciling `n` files takes about log16(n / 32) rounds.
pub const RECONCILE_SPLIT: usize = 16;

/// A range of set reconciliation holding at most this many files is answered with the list of
/// its (file id, heads digest) items instead of being split again; no listed range holds more.
pub const RECONCILE_LEAF_ITEMS: usize = 32;

/// Most files a session puts into play at once from set reconciliation; the rest wait their
/// turn, so a first clone of thousands of files starts sending at once and holds a bounded
/// number of documents.
pub const MAX_FILES_ENTERING: usize = 256;

/// Files one session may hold in play at once, counting those the peer started: each side
/// starts at most [`MAX_FILES_ENTERING`], so more means a peer making this node hold a
/// document per made-up file id, and the session ends.
pub const MAX_FILES_IN_PLAY: usize = 4 * MAX_FILES_ENTERING;

/// Files one session may queue to enter play (announced by the peer or found by set
/// reconciliation): more than any adviser's store holds.
pub const MAX_FILES_WAITING: usize = 250_000;
