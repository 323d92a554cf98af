//! One sync session with one peer, sans-IO: messages in, messages out, the store underneath.
//!
//! The transport (see `driver`) feeds every received message to [`Session::receive`] in
//! batches and sends whatever it returns; [`Session::tick`] picks up local changes in a live
//! session. Every batch of received changes is validated by
//! [`casebook::authority::check_changes`] and committed in one transaction *before* anything
//! that acknowledges it is sent. A file whose changes are refused is refused alone: the peer
//! is told (`Refused`), the file is out of play for the rest of the session on both sides,
//! and every other file goes on syncing.
//!
//! The parts: `announce` (announcements, set reconciliation, the peer's cursor, `Done`),
//! `files` (the per-file sync state and how a file enters play), `incoming` (a peer's `Sync`
//! applied, checked and committed), `refused` (one file's changes refused, by either side),
//! `outgoing` (this side's Automerge messages and which files settle), `blooms` (checks of a
//! peer's Automerge message), `end` ([`SessionEnd`]) and `stats` ([`Stats`]).

mod announce;
mod blooms;
mod end;
mod files;
mod incoming;
mod outgoing;
mod refused;
mod stats;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use automerge::{Automerge, Change, ChangeHash, ReadDoc};
use casebook::{FileId, FileSummary, Node, NodeId};
use casebook_base::limits::PROTOCOL_VERSION;
use casebook_proto::{Cursor, Item, Message};

pub use end::SessionEnd;
use files::FileSync;
pub use stats::{ConflictsArrived, RefusedFile, Stats};

use crate::record::{self, FileRecord, PeerRecord, RefusedBy};

/// One session with one peer.
#[derive(Debug)]
pub struct Session {
    node: Arc<Node>,
    peer: NodeId,
    hello_sent: bool,
    hello_received: bool,
    /// Whether this side stays connected (a live session), told to the peer in `Hello`.
    live: bool,
    /// Whether the peer stays connected; a one-shot peer gets no announcements after the
    /// first, so its session can end while this node keeps writing.
    peer_live: bool,
    /// The peer's position in our log, from its Hello: we announce what changed after it.
    their_cursor: Option<Cursor>,
    /// Our log position up to which announcements have been sent.
    announced_upto: u64,
    /// The peer's log position we hold once its announcements settle, and whether it is saved.
    pending_cursor: Option<Cursor>,
    saved_cursor: Option<Cursor>,
    have_end_received: bool,
    files: HashMap<FileId, FileSync>,
    /// Files whose real document was offered to the peer in this session (unsharing one of
    /// them ends the session at once).
    offered: BTreeSet<FileId>,
    /// Files announced by the peer or found to differ by set reconciliation, waiting to enter
    /// play (at most [`MAX_FILES_ENTERING`](casebook_base::limits::MAX_FILES_ENTERING) are in
    /// play at once), and the same files as a set.
    waiting: VecDeque<FileId>,
    queued: HashSet<FileId>,
    /// The heads this side last told the peer of each file that left play in this session: a
    /// later word of the peer naming them is its acknowledgement, not a question, and a queued
    /// file still at them needs no turn in play (until a `Have` of the peer names other heads).
    told_before: HashMap<FileId, Vec<ChangeHash>>,
    /// Files whose changes one side refused in this session, and which side: out of play for
    /// the rest of it, so the peer's further words on them are ignored (still counted for
    /// `Done`) and they never enter play again here.
    refused: HashMap<FileId, RefusedBy>,
    /// This side's (file, heads digest) items for set reconciliation, once needed.
    reconcile_items: Option<Vec<Item>>,
    /// The organisations judging the files the peer may read (`FileSummary::judge`): their
    /// documents are offered to it read-only, whether or not they name it. Refreshed whenever
    /// this side announces.
    peer_judges: HashSet<String>,
    /// Organisations announced in this session because a file the peer may read names them.
    judges_announced: BTreeSet<FileId>,
    /// Whether set reconciliation runs in this session: the peer's cursor is then saved only
    /// when both sides are done, since a range may still turn up files after this side settled.
    reconciling: bool,
    /// `Sync`, `Reconcile` and `Refused` messages sent and received (the requests `Done`
    /// accounts for).
    requests_sent: u64,
    requests_received: u64,
    /// The `seen` of the peer's latest `Done`, cleared when it sends more.
    peer_done: Option<u64>,
    /// (syncs received, syncs sent) when our last `Done` went out.
    done_sent: Option<(u64, u64)>,
    stats: Stats,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn hashes(heads: &[ChangeHash]) -> Vec<[u8; 32]> {
    heads.iter().map(|h| h.0).collect()
}

/// Whether `peer` may read `doc`, file `file`, as held now: it is shared with it, or it is the
/// organisation document judging a file shared with it (`peer_judges`; see
/// `Session::readable`).
fn may_read_doc(
    peer: NodeId,
    peer_judges: &HashSet<String>,
    file: FileId,
    doc: &Automerge,
) -> bool {
    casebook::authority::may_read(doc, &peer)
        || (file.is_organisation() && peer_judges.contains(&file.to_string()))
}

fn same_heads(a: &[ChangeHash], b: &[ChangeHash]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

/// Changes received in a batch for one file, to commit together.
type Arrived = Vec<(FileId, Vec<Change>)>;

/// What [`Session::receive`] gathers from the messages of one batch before it commits them
/// and answers.
#[derive(Default)]
struct Batch {
    /// Messages to send.
    out: Vec<Message>,
    /// Files in play that the batch touched: each gets its next Automerge message.
    touched: BTreeSet<FileId>,
    /// Valid changes received, to commit in one transaction.
    arrived: Arrived,
    /// The documents of shared files worked on in this batch: shared with the store's other
    /// readers until this batch changes one.
    docs: HashMap<FileId, Arc<Automerge>>,
    /// Files settled by an acknowledgement, with the sync state to save; and files refused
    /// in this batch, with their refusal.
    settled: Vec<(FileId, FileRecord)>,
    /// The signatures received for files that left play in this batch (the peer refused
    /// ours) with valid changes of the peer's still to commit.
    kept_signatures: HashMap<FileId, HashMap<ChangeHash, [u8; 64]>>,
}

impl Session {
    /// A session of `node` with `peer` (already authenticated by the transport).
    pub fn new(node: Arc<Node>, peer: NodeId) -> Self {
        Self {
            node,
            peer,
            hello_sent: false,
            hello_received: false,
            live: false,
            peer_live: false,
            their_cursor: None,
            announced_upto: 0,
            pending_cursor: None,
            saved_cursor: None,
            have_end_received: false,
            files: HashMap::new(),
            offered: BTreeSet::new(),
            waiting: VecDeque::new(),
            queued: HashSet::new(),
            told_before: HashMap::new(),
            refused: HashMap::new(),
            reconcile_items: None,
            peer_judges: HashSet::new(),
            judges_announced: BTreeSet::new(),
            reconciling: false,
            requests_sent: 0,
            requests_received: 0,
            peer_done: None,
            done_sent: None,
            stats: Stats::default(),
        }
    }

    /// Make this a live session (`casebook serve`): it stays connected and announces local
    /// changes as they are committed ([`Session::tick`]). A new session is one-shot.
    #[must_use]
    pub fn live(mut self) -> Self {
        self.live = true;
        self
    }

    /// The peer.
    pub fn peer(&self) -> NodeId {
        self.peer
    }

    /// What the session has done so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Files still being synced.
    pub fn files_in_play(&self) -> usize {
        self.files.len()
    }

    /// The first message: `Hello` with the cursor we hold of the peer's log.
    ///
    /// # Errors
    /// Storage errors.
    pub fn start(&mut self) -> Result<Vec<Message>, SessionEnd> {
        if self.hello_sent {
            return Ok(Vec::new());
        }
        let cursor = self.peer_record()?.cursor;
        self.saved_cursor = Some(cursor);
        self.hello_sent = true;
        Ok(vec![Message::Hello {
            version: PROTOCOL_VERSION,
            cursor,
            live: self.live,
        }])
    }

    fn peer_record(&self) -> Result<PeerRecord, SessionEnd> {
        Ok(self
            .node
            .store()
            .cursor(&self.peer)?
            .and_then(|b| record::decode(&b))
            .unwrap_or_default())
    }

    /// Whether the peer may read the file: it is shared with the peer, or it is the
    /// organisation document judging a file shared with the peer.
    fn readable(&self, summary: Option<&FileSummary>) -> bool {
        summary.is_some_and(|s| {
            matches!(
                s.sharing.get(&self.peer.to_string()).map(String::as_str),
                Some(casebook::schema::READ | casebook::schema::WRITE)
            ) || self.peer_judges.contains(&s.file_id)
        })
    }

    /// Read again which organisations judge the files the peer may read.
    fn refresh_peer_judges(&mut self) -> Result<(), SessionEnd> {
        let peer = self.peer.to_string();
        self.peer_judges = self
            .node
            .store()
            .summaries()?
            .into_iter()
            .filter(|s| {
                matches!(
                    s.sharing.get(&peer).map(String::as_str),
                    Some(casebook::schema::READ | casebook::schema::WRITE)
                )
            })
            .filter_map(|s| s.judge)
            .collect();
        Ok(())
    }

    /// Whether both sides have nothing left to do: every announced file has settled, and both
    /// sides said `Done` after seeing every message of the other.
    pub fn is_complete(&self) -> bool {
        self.locally_quiescent()
            && self.done_sent == Some((self.requests_received, self.requests_sent))
            && self.peer_done == Some(self.requests_sent)
    }

    fn locally_quiescent(&self) -> bool {
        self.hello_received
            && self.have_end_received
            && self.files.is_empty()
            && self.waiting.is_empty()
    }

    /// Process a batch of received messages; returns what to send.
    ///
    /// # Errors
    /// [`SessionEnd`]: the transport must close the session; nothing of the batch was stored.
    pub fn receive(&mut self, batch: Vec<Message>) -> Result<Vec<Message>, SessionEnd> {
        let mut work = Batch::default();
        for msg in batch {
            match msg {
                Message::Hello {
                    version,
                    cursor,
                    live,
                } => self.on_hello(&mut work, version, cursor, live)?,
                Message::Have { file, heads } => self.on_have(&mut work, file, &heads)?,
                Message::HaveEnd { upto } => self.on_have_end(upto)?,
                Message::Sync {
                    file,
                    message,
                    signatures,
                } => self.on_sync(&mut work, file, message, signatures)?,
                Message::Reconcile { lower, ranges } => {
                    self.on_reconcile(&mut work, lower, ranges)?;
                }
                Message::Done { seen } => self.on_done(seen)?,
                Message::Refused { file, reason } => self.on_refused(&mut work, file, &reason)?,
            }
        }
        let Batch {
            mut out,
            mut touched,
            arrived,
            mut docs,
            settled,
            kept_signatures,
        } = work;
        self.commit(arrived, &mut docs, &settled, &kept_signatures)?;
        touched.extend(self.admit_waiting()?);
        loop {
            out.extend(self.generate_all(touched, &mut docs)?);
            // Files that settled without a word leave room for waiting ones, which must not
            // wait for a message that will not come.
            if !self.files.is_empty() || self.waiting.is_empty() {
                break;
            }
            touched = self.admit_waiting()?;
        }
        for (file, doc) in docs {
            // Only a document holding changes that wait for their dependencies must be kept
            // (a reload from the store would lose them); any other is dropped, so the memory a
            // session holds does not grow with the number of files in play.
            if let Some(fs) = self.files.get_mut(&file)
                && !fs.is_shadow
                && !doc.get_missing_deps(&[]).is_empty()
            {
                fs.working = Some(Arc::unwrap_or_clone(doc));
            }
        }
        out.extend(self.maybe_done()?);
        if self.reconciling && self.is_complete() {
            self.save_pending_cursor()?;
        }
        Ok(out)
    }

    /// The peer's `Hello`: answered with ours (if not sent yet) and the first announcement.
    fn on_hello(
        &mut self,
        work: &mut Batch,
        version: u16,
        cursor: Cursor,
        live: bool,
    ) -> Result<(), SessionEnd> {
        if self.hello_received {
            return Err(SessionEnd::Protocol(casebook_i18n::Message::new(
                "sync-protocol-second-hello",
            )));
        }
        if version != PROTOCOL_VERSION {
            return Err(SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-version")
                    .with("version", version)
                    .with("ours", PROTOCOL_VERSION),
            ));
        }
        self.hello_received = true;
        self.peer_live = live;
        self.their_cursor = Some(cursor);
        work.out.extend(self.start()?);
        work.out.extend(self.first_announcement()?);
        Ok(())
    }

    /// A `Have` of the peer: the file enters play unless we share it with the peer at the
    /// very heads it names.
    fn on_have(
        &mut self,
        work: &mut Batch,
        file: [u8; 16],
        heads: &[[u8; 32]],
    ) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.stats.announced_by_peer += 1;
        let file = FileId::from_bytes(file);
        let theirs: Vec<ChangeHash> = heads.iter().map(|h| ChangeHash(*h)).collect();
        if let Some(fs) = self.files.get_mut(&file) {
            // The peer announces only a file out of play on its side: it waits for our word.
            // Our sync state may still hold its older heads (its last `Sync` arrived in this
            // very batch, or it took a word of ours for an acknowledgement) and would then
            // find nothing to say; ask for the announced heads instead. Judged by the sync
            // state alone, so a shadow answers exactly as one of a missing file would.
            if !theirs.is_empty()
                && !fs
                    .state
                    .their_heads
                    .as_ref()
                    .is_some_and(|t| same_heads(t, &theirs))
            {
                fs.state.their_heads = Some(theirs);
                fs.state.in_flight = false;
            }
            work.touched.insert(file);
            return Ok(());
        }
        self.forget_told(file, &theirs);
        let summary = self.node.store().summary(file)?;
        if self.readable(summary.as_ref()) {
            let ours = self.node.store().heads(file)?.unwrap_or_default();
            if !theirs.is_empty() && same_heads(&ours, &theirs) {
                return Ok(());
            }
        }
        self.wait(file)
    }

    /// The peer's `HaveEnd`: its announcements are complete; the cursor is saved once they
    /// settle.
    fn on_have_end(&mut self, upto: Cursor) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.have_end_received = true;
        self.pending_cursor = Some(upto);
        Ok(())
    }

    /// The peer's `Done`.
    fn on_done(&mut self, seen: u64) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.peer_done = Some(seen);
        Ok(())
    }

    /// Look for local changes since the last announcement (a live session calls this often).
    ///
    /// # Errors
    /// [`SessionEnd::Revoked`] if a file offered in this session is no longer shared with the
    /// peer; storage errors.
    pub fn tick(&mut self) -> Result<Vec<Message>, SessionEnd> {
        if !self.hello_received
            || !self.peer_live
            || self.node.store().log_seq()? <= self.announced_upto
        {
            return Ok(Vec::new());
        }
        let (mut out, changed_in_play) = self.announce()?;
        let mut docs = HashMap::new();
        out.extend(self.generate_all(changed_in_play, &mut docs)?);
        out.extend(self.maybe_done()?);
        Ok(out)
    }

    fn require_hello(&self) -> Result<(), SessionEnd> {
        if self.hello_received {
            Ok(())
        } else {
            Err(SessionEnd::Protocol(casebook_i18n::Message::new(
                "sync-protocol-before-hello",
            )))
        }
    }

    /// Record the end of a completed session (last contact), durably.
    ///
    /// # Errors
    /// Storage errors.
    pub fn finish(&mut self) -> Result<(), SessionEnd> {
        let rec = PeerRecord {
            last_contact_ms: now_ms(),
            ..self.peer_record()?
        };
        let peer = self.peer;
        self.node
            .store()
            .update(|txn| txn.put_cursor(&peer, &record::encode(&rec)))?;
        Ok(())
    }
}
