//! One sync session with one peer, sans-IO: messages in, messages out, the store underneath.
//!
//! The transport (see `driver`) feeds every received message to [`Session::receive`] in
//! batches and sends whatever it returns; [`Session::tick`] picks up local changes in a live
//! session. Every batch of received changes is validated by
//! [`casebook::authority::check_changes`] and committed in one transaction *before* anything
//! that acknowledges it is sent.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use automerge::sync::{Message as AmMessage, State, SyncDoc};
use automerge::{Automerge, Change, ChangeHash, ReadDoc};
use casebook::authority::{self, Refusal};
use casebook::{ChangeSignature, FileId, FileSummary, Node, NodeId, Origin};
use casebook_base::limits::{MAX_FILES_ENTERING, MAX_HEADS_PER_HAVE, PROTOCOL_VERSION};
use casebook_proto::{Cursor, Item, Message, WireSignature};

use crate::Error;
use crate::reconcile;
use crate::record::{self, FileRecord, PeerRecord};

/// What a session did, for the summary `casebook sync` prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Files for which this side sent changes.
    pub files_sent: usize,
    /// Files for which this side stored new changes.
    pub files_received: usize,
    /// Changes stored from the peer.
    pub changes_received: usize,
    /// Files announced to the peer.
    pub announced: usize,
    /// Files the peer announced.
    pub announced_by_peer: usize,
    /// Files found to differ by set reconciliation (first contact or a lost cursor).
    pub reconciled: usize,
    /// `Reconcile` messages sent.
    pub reconcile_messages: usize,
}

/// The sync of one file with the peer, while it is in play.
#[derive(Debug)]
struct FileSync {
    state: State,
    /// Whether this node answers from a shadow: for a file it does not share with the peer (or
    /// does not hold), the session only ever answers from the document as the peer has shown
    /// it, so the peer cannot tell the file from a missing one.
    is_shadow: bool,
    /// The shadow document, while not in use.
    shadow: Option<Automerge>,
    /// The owner named by the copy held here, if any.
    owner: Option<NodeId>,
    /// Signatures received for this file in this session (a change may arrive before the
    /// changes it depends on, and wait).
    signatures: HashMap<ChangeHash, [u8; 64]>,
    /// Whether this side has sent changes of the file.
    sent_changes: bool,
    /// The heads this side last told the peer in a `Sync` of this file.
    told: Vec<ChangeHash>,
    /// The document this session works on between batches (it keeps changes that arrived
    /// before their dependencies, which a reload from the store would lose).
    working: Option<Automerge>,
}

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
    /// Files set reconciliation found to differ, waiting to enter play (at most
    /// [`MAX_FILES_ENTERING`] are in play at once).
    waiting: VecDeque<FileId>,
    /// This side's (file, heads digest) items for set reconciliation, once needed.
    reconcile_items: Option<Vec<Item>>,
    /// Whether set reconciliation runs in this session: the peer's cursor is then saved only
    /// when both sides are done, since a range may still turn up files after this side settled.
    reconciling: bool,
    /// `Sync` and `Reconcile` messages sent and received (the requests `Done` accounts for).
    requests_sent: u64,
    requests_received: u64,
    /// The `seen` of the peer's latest `Done`, cleared when it sends more.
    peer_done: Option<u64>,
    /// (syncs received, syncs sent) when our last `Done` went out.
    done_sent: Option<(u64, u64)>,
    stats: Stats,
}

/// How a session ended badly; the transport closes the connection with the code.
#[derive(Debug, thiserror::Error)]
pub enum SessionEnd {
    /// The peer broke the protocol.
    #[error("protocol violation: {0}")]
    Protocol(String),
    /// The peer sent changes that may not be applied.
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
    /// This node stopped sharing a file the session had offered, or stopped trusting the peer.
    #[error("access revoked: {0}")]
    Revoked(String),
    /// Local failure (storage).
    #[error(transparent)]
    Local(Box<Error>),
}

impl From<Error> for SessionEnd {
    fn from(e: Error) -> Self {
        Self::Local(Box::new(e))
    }
}

impl SessionEnd {
    /// The QUIC application close code for this ending.
    pub fn code(&self) -> u32 {
        match self {
            Self::Protocol(_) => 2,
            Self::Refused(_) => 3,
            Self::Revoked(_) => 4,
            Self::Local(_) => 5,
        }
    }
}

impl From<casebook::Error> for SessionEnd {
    fn from(e: casebook::Error) -> Self {
        Self::Local(Box::new(Error::Engine(e)))
    }
}

impl From<casebook::StoreError> for SessionEnd {
    fn from(e: casebook::StoreError) -> Self {
        Self::Local(Box::new(Error::Engine(e.into())))
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn hashes(heads: &[ChangeHash]) -> Vec<[u8; 32]> {
    heads.iter().map(|h| h.0).collect()
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
            reconcile_items: None,
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

    fn readable(&self, summary: Option<&FileSummary>) -> bool {
        summary.is_some_and(|s| {
            matches!(
                s.sharing.get(&self.peer.to_string()).map(String::as_str),
                Some(casebook::schema::READ | casebook::schema::WRITE)
            )
        })
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

    /// Put waiting files into play while fewer than [`MAX_FILES_ENTERING`] are; returns them.
    fn admit_waiting(&mut self) -> Result<BTreeSet<FileId>, SessionEnd> {
        let mut admitted = BTreeSet::new();
        while self.files.len() < MAX_FILES_ENTERING {
            let Some(file) = self.waiting.pop_front() else {
                break;
            };
            if !self.files.contains_key(&file) {
                let summary = self.node.store().summary(file)?;
                self.enter(file, summary.as_ref())?;
            }
            admitted.insert(file);
        }
        Ok(admitted)
    }

    /// Process a batch of received messages; returns what to send.
    ///
    /// # Errors
    /// [`SessionEnd`]: the transport must close the session; nothing of the batch was stored.
    pub fn receive(&mut self, batch: Vec<Message>) -> Result<Vec<Message>, SessionEnd> {
        let mut out = Vec::new();
        let mut touched: BTreeSet<FileId> = BTreeSet::new();
        let mut arrived: Arrived = Vec::new();
        let mut docs: HashMap<FileId, Automerge> = HashMap::new();
        let mut settled: Vec<(FileId, FileRecord)> = Vec::new();
        for msg in batch {
            match msg {
                Message::Hello {
                    version,
                    cursor,
                    live,
                } => {
                    if self.hello_received {
                        return Err(SessionEnd::Protocol("a second Hello".into()));
                    }
                    if version != PROTOCOL_VERSION {
                        return Err(SessionEnd::Protocol(format!(
                            "protocol version {version}, this node speaks {PROTOCOL_VERSION}"
                        )));
                    }
                    self.hello_received = true;
                    self.peer_live = live;
                    self.their_cursor = Some(cursor);
                    out.extend(self.start()?);
                    out.extend(self.first_announcement()?);
                }
                Message::Have { file, heads } => {
                    self.require_hello()?;
                    self.stats.announced_by_peer += 1;
                    let file = FileId::from_bytes(file);
                    if self.files.contains_key(&file) {
                        touched.insert(file);
                        continue;
                    }
                    let summary = self.node.store().summary(file)?;
                    if self.readable(summary.as_ref()) {
                        let ours = self.node.store().heads(file)?.unwrap_or_default();
                        let theirs: Vec<ChangeHash> =
                            heads.iter().map(|h| ChangeHash(*h)).collect();
                        if !theirs.is_empty() && same_heads(&ours, &theirs) {
                            continue;
                        }
                    }
                    self.enter(file, summary.as_ref())?;
                    touched.insert(file);
                }
                Message::HaveEnd { upto } => {
                    self.require_hello()?;
                    self.have_end_received = true;
                    self.pending_cursor = Some(upto);
                }
                Message::Sync {
                    file,
                    message,
                    signatures,
                } => {
                    self.require_hello()?;
                    self.requests_received += 1;
                    self.peer_done = None;
                    let file = FileId::from_bytes(file);
                    let am = AmMessage::decode(&message).map_err(|e| {
                        SessionEnd::Protocol(format!("undecodable Automerge sync message: {e}"))
                    })?;
                    usable_blooms(&am)?;
                    if !self.files.contains_key(&file) {
                        let summary = self.node.store().summary(file)?;
                        self.enter(file, summary.as_ref())?;
                    }
                    touched.insert(file);
                    let ours_now = self.node.store().heads(file)?.unwrap_or_default();
                    let Some(fs) = self.files.get_mut(&file) else {
                        continue;
                    };
                    for s in signatures {
                        fs.signatures.insert(ChangeHash(s.hash), s.signature);
                    }
                    // An acknowledgement (no changes, nothing needed, the same heads as the
                    // ones this side told) settles a shared file without loading it. The
                    // peer's *first* word on a file can also name our heads (another session
                    // with the same peer delivered them meanwhile); that one is answered, or
                    // the peer would wait for our heads for ever.
                    if !fs.is_shadow
                        && !docs.contains_key(&file)
                        && am.changes.is_empty()
                        && am.need.is_empty()
                        && !ours_now.is_empty()
                        && same_heads(&ours_now, &am.heads)
                        && same_heads(&fs.told, &ours_now)
                    {
                        fs.state.shared_heads.clone_from(&ours_now);
                        settled.push((file, Self::record(&fs.state, &ours_now)));
                        self.files.remove(&file);
                        touched.remove(&file);
                        continue;
                    }
                    let mut doc = match fs.shadow.take() {
                        Some(shadow) => shadow,
                        None => match docs.remove(&file) {
                            Some(d) => d,
                            None => match fs.working.take() {
                                Some(w) if same_heads(&w.get_heads(), &ours_now) => w,
                                _ => self.node.store().load(file)?.unwrap_or_default(),
                            },
                        },
                    };
                    let before = doc.get_heads();
                    doc.receive_sync_message(&mut fs.state, am).map_err(|e| {
                        SessionEnd::Protocol(format!("unusable Automerge sync message: {e}"))
                    })?;
                    let new = doc.get_changes(&before);
                    authority::check_changes(file, fs.owner, &doc, &new, &fs.signatures)?;
                    // A copy that does not share the file with this node is never taken in (a
                    // well-behaved peer does not offer it); refused exactly like a second
                    // genesis of a file held here, so the two cannot be told apart.
                    if !new.is_empty() && !authority::may_read(&doc, &self.node.node_id()) {
                        return Err(SessionEnd::Refused(Refusal::WrongFile));
                    }
                    if fs.owner.is_none() && !new.is_empty() {
                        fs.owner = casebook::schema::owner_of(&doc).ok();
                    }
                    if !new.is_empty() {
                        arrived.push((file, new));
                    }
                    if fs.is_shadow {
                        fs.shadow = Some(doc);
                    } else {
                        docs.insert(file, doc);
                    }
                }
                Message::Reconcile { lower, ranges } => {
                    self.require_hello()?;
                    self.requests_received += 1;
                    self.peer_done = None;
                    self.reconciling = true;
                    let answer = reconcile::answer(self.reconcile_items()?, lower, &ranges);
                    for (lower, ranges) in answer.replies {
                        out.push(self.reconcile_message(lower, ranges));
                    }
                    for file in answer.differing {
                        self.stats.reconciled += 1;
                        if self.files.contains_key(&file) {
                            touched.insert(file);
                        } else {
                            self.waiting.push_back(file);
                        }
                    }
                }
                Message::Done { seen } => {
                    self.require_hello()?;
                    self.peer_done = Some(seen);
                }
            }
        }
        self.commit(arrived, &mut docs, &settled)?;
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
                fs.working = Some(doc);
            }
        }
        out.extend(self.maybe_done()?);
        if self.reconciling && self.is_complete() {
            self.save_pending_cursor()?;
        }
        Ok(out)
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

    fn record(state: &State, their_heads: &[ChangeHash]) -> FileRecord {
        FileRecord {
            automerge: state.encode(),
            their_heads: hashes(their_heads),
            at_ms: now_ms(),
        }
    }

    fn require_hello(&self) -> Result<(), SessionEnd> {
        if self.hello_received {
            Ok(())
        } else {
            Err(SessionEnd::Protocol("a message before Hello".into()))
        }
    }

    /// What to tell the peer once its `Hello` arrived. With a cursor into this node's current
    /// log, the files changed since (see [`Self::announce`]); with a void one (first contact,
    /// or a log re-created since), set reconciliation instead of announcing every file, opened
    /// by one side only when both cursors are void (the lower node id).
    fn first_announcement(&mut self) -> Result<Vec<Message>, SessionEnd> {
        let store = self.node.store();
        let epoch = store.log_epoch()?;
        if self.their_cursor.is_some_and(|c| c.epoch == epoch) {
            return Ok(self.announce()?.0);
        }
        // Read before the items are: whatever changes later is announced by later ticks or
        // sessions, from this position.
        let upto = store.log_seq()?;
        self.announced_upto = upto;
        self.reconciling = true;
        let mut out = Vec::new();
        let ours_void = self.saved_cursor.is_none_or(|c| c == Cursor::default());
        if !ours_void || self.node.node_id() < self.peer {
            let ranges = reconcile::describe(self.reconcile_items()?, None);
            out.push(self.reconcile_message([0; 16], ranges));
        }
        out.push(Message::HaveEnd {
            upto: Cursor { epoch, seq: upto },
        });
        Ok(out)
    }

    /// This node's reconciliation items: one per file it holds and shares with the peer.
    fn reconcile_items(&mut self) -> Result<&[Item], SessionEnd> {
        if self.reconcile_items.is_none() {
            let store = self.node.store();
            let mut items = Vec::new();
            for summary in store.summaries()? {
                if !self.readable(Some(&summary)) {
                    continue;
                }
                let Ok(file) = summary.file_id.parse::<FileId>() else {
                    continue;
                };
                match store.heads(file)? {
                    Some(heads) if !heads.is_empty() => items.push(reconcile::item(file, &heads)),
                    _ => {}
                }
            }
            items.sort();
            self.reconcile_items = Some(items);
        }
        Ok(self.reconcile_items.as_deref().unwrap_or_default())
    }

    fn reconcile_message(
        &mut self,
        lower: [u8; 16],
        ranges: Vec<casebook_proto::Range>,
    ) -> Message {
        self.requests_sent += 1;
        self.stats.reconcile_messages += 1;
        Message::Reconcile { lower, ranges }
    }

    /// Announce the shared files changed after the peer's cursor (or since the last
    /// announcement), then `HaveEnd`. Returns the messages and the changed files already in
    /// play (their sync must go on from the new local state).
    fn announce(&mut self) -> Result<(Vec<Message>, BTreeSet<FileId>), SessionEnd> {
        let store = self.node.store();
        let epoch = store.log_epoch()?;
        let from = match self.their_cursor {
            Some(c) if c.epoch == epoch => c.seq,
            _ => 0,
        }
        .max(self.announced_upto);
        let mut out = Vec::new();
        let mut in_play = BTreeSet::new();
        let mut upto = from.max(self.announced_upto);
        for (seq, file) in store.changed_since(from)? {
            upto = upto.max(seq);
            let summary = store.summary(file)?;
            if !self.readable(summary.as_ref()) {
                if self.offered.contains(&file) {
                    return Err(SessionEnd::Revoked(format!(
                        "account file {file} is no longer shared with this peer"
                    )));
                }
                continue;
            }
            if self.files.contains_key(&file) {
                in_play.insert(file);
                continue;
            }
            let heads = store.heads(file)?.unwrap_or_default();
            // A file the peer already holds at exactly these heads (it came from the peer, or
            // settled with it since) is no news.
            let agreed = store
                .sync_state(&self.peer, file)?
                .and_then(|b| record::decode::<FileRecord>(&b))
                .is_some_and(|r| same_heads(&r.their_heads(), &heads));
            if agreed {
                continue;
            }
            let heads = if heads.len() > MAX_HEADS_PER_HAVE {
                Vec::new()
            } else {
                hashes(&heads)
            };
            self.stats.announced += 1;
            out.push(Message::Have {
                file: file.to_bytes(),
                heads,
            });
        }
        self.announced_upto = upto;
        out.push(Message::HaveEnd {
            upto: Cursor { epoch, seq: upto },
        });
        Ok((out, in_play))
    }

    /// Start syncing `file`: from its persisted state if it is shared with the peer, from an
    /// empty shadow otherwise.
    fn enter(&mut self, file: FileId, summary: Option<&FileSummary>) -> Result<(), SessionEnd> {
        let owner = summary.and_then(|s| s.owner.parse::<NodeId>().ok());
        let readable = self.readable(summary);
        let state = if readable {
            self.node
                .store()
                .sync_state(&self.peer, file)?
                .and_then(|b| record::decode::<FileRecord>(&b))
                .and_then(|r| State::decode(&r.automerge).ok())
                .unwrap_or_default()
        } else {
            State::new()
        };
        self.files.insert(
            file,
            FileSync {
                state,
                is_shadow: !readable,
                shadow: (!readable).then(Automerge::new),
                owner,
                signatures: HashMap::new(),
                sent_changes: false,
                told: Vec::new(),
                working: None,
            },
        );
        Ok(())
    }

    /// Store every file that received valid changes, in one transaction, before anything that
    /// acknowledges them is sent; with the settled files' sync states.
    fn commit(
        &mut self,
        arrived: Arrived,
        docs: &mut HashMap<FileId, Automerge>,
        settled: &[(FileId, FileRecord)],
    ) -> Result<(), SessionEnd> {
        if arrived.is_empty() && settled.is_empty() {
            return Ok(());
        }
        let peer = self.peer;
        let node = Arc::clone(&self.node);
        let files = &self.files;
        let stored = node.store().update(|txn| {
            let mut stored = Vec::new();
            for (file, changes) in arrived {
                let signatures: Vec<ChangeSignature> = files
                    .get(&file)
                    .map(|fs| {
                        changes
                            .iter()
                            .filter_map(|c| {
                                let signature = *fs.signatures.get(&c.hash())?;
                                let author = <[u8; 32]>::try_from(c.actor_id().to_bytes()).ok()?;
                                Some(ChangeSignature {
                                    hash: c.hash(),
                                    author: NodeId::from_bytes(author),
                                    signature,
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let (merged, count) = node.store_changes_in(
                    txn,
                    file,
                    changes,
                    Origin::Peer { node: peer },
                    signatures,
                )?;
                stored.push((file, merged, count));
            }
            for (file, rec) in settled {
                txn.put_sync_state(&peer, *file, &record::encode(rec))?;
            }
            Ok::<_, casebook::Error>(stored)
        })?;
        for (file, merged, count) in stored {
            if count > 0 {
                self.stats.files_received += 1;
                self.stats.changes_received += count;
            }
            // Keep the working document (it may hold changes still waiting for their
            // dependencies) unless another writer moved the file meanwhile.
            let keep = docs
                .get(&file)
                .is_some_and(|d| same_heads(&d.get_heads(), &merged.get_heads()));
            if self.files.get(&file).is_some_and(|f| !f.is_shadow) && !keep {
                docs.insert(file, merged);
            }
        }
        Ok(())
    }

    /// Generate the next Automerge message of every touched file; files with nothing left to
    /// say and the peer's heads equal to ours settle (their state is saved).
    fn generate_all(
        &mut self,
        touched: BTreeSet<FileId>,
        docs: &mut HashMap<FileId, Automerge>,
    ) -> Result<Vec<Message>, SessionEnd> {
        let mut out = Vec::new();
        let mut settled = Vec::new();
        let peer = self.peer;
        for file in touched {
            let Some(fs) = self.files.get_mut(&file) else {
                continue;
            };
            if !fs.is_shadow && !docs.contains_key(&file) {
                let doc = self.node.store().load(file)?.unwrap_or_default();
                docs.insert(file, doc);
            }
            let doc = if fs.is_shadow {
                fs.shadow.as_ref()
            } else {
                docs.get(&file)
            };
            let Some(doc) = doc else { continue };
            // Judge by the very document we answer from: a file unshared since it entered play
            // must not send another byte.
            if !fs.is_shadow && !authority::may_read(doc, &peer) {
                return Err(SessionEnd::Revoked(format!(
                    "account file {file} is no longer shared with this peer"
                )));
            }
            let heads = doc.get_heads();
            let agreed = |state: &State| {
                state
                    .their_heads
                    .as_ref()
                    .is_some_and(|t| same_heads(t, &heads))
            };
            let mut generated = doc.generate_sync_message(&mut fs.state);
            if generated.is_none() && agreed(&fs.state) && !same_heads(&fs.told, &heads) {
                // Automerge takes a peer's message naming our heads as if we had told them
                // ours; the peer still waits to hear them from us before it settles.
                fs.state.last_sent_heads.clear();
                generated = doc.generate_sync_message(&mut fs.state);
            }
            match generated {
                Some(msg) => {
                    fs.told.clone_from(&heads);
                    let carries_changes = !msg.changes.is_empty();
                    // A message that only tells the peer heads it already has settles the
                    // file on this side: nothing more will be asked of it.
                    let settles = !carries_changes && msg.need.is_empty() && agreed(&fs.state);
                    let signatures = if carries_changes && !fs.is_shadow {
                        signatures_for(&self.node, doc)?
                    } else {
                        Vec::new()
                    };
                    if carries_changes && !fs.sent_changes {
                        fs.sent_changes = true;
                        self.stats.files_sent += 1;
                    }
                    if !fs.is_shadow {
                        self.offered.insert(file);
                    }
                    self.requests_sent += 1;
                    out.push(Message::Sync {
                        file: file.to_bytes(),
                        message: msg.encode(),
                        signatures,
                    });
                    if settles {
                        fs.state.shared_heads.clone_from(&heads);
                        settled.push((file, Self::record(&fs.state, &heads)));
                        self.files.remove(&file);
                    }
                }
                None => {
                    if agreed(&fs.state) {
                        // Also for a shadow: the peer holds exactly these heads, all of which
                        // are stored here now, so announcing them back would be an echo.
                        settled.push((file, Self::record(&fs.state, &heads)));
                        self.files.remove(&file);
                    }
                }
            }
        }
        if !settled.is_empty() {
            let peer = self.peer;
            self.node.store().update(|txn| {
                for (file, rec) in &settled {
                    txn.put_sync_state(&peer, *file, &record::encode(rec))?;
                }
                Ok::<_, casebook::StoreError>(())
            })?;
        }
        Ok(out)
    }

    /// Say `Done` when there is nothing left to send, and save the peer's cursor once every
    /// file it announced has settled.
    fn maybe_done(&mut self) -> Result<Vec<Message>, SessionEnd> {
        if !self.locally_quiescent() {
            return Ok(Vec::new());
        }
        if !self.reconciling {
            self.save_pending_cursor()?;
        }
        let now = (self.requests_received, self.requests_sent);
        if self.done_sent == Some(now) {
            return Ok(Vec::new());
        }
        self.done_sent = Some(now);
        Ok(vec![Message::Done {
            seen: self.requests_received,
        }])
    }

    /// Save the cursor the peer's `HaveEnd` gave, once everything it stands for is stored.
    fn save_pending_cursor(&mut self) -> Result<(), SessionEnd> {
        if let Some(cursor) = self.pending_cursor
            && self.saved_cursor != Some(cursor)
        {
            let rec = PeerRecord {
                cursor,
                last_contact_ms: now_ms(),
            };
            let peer = self.peer;
            self.node
                .store()
                .update(|txn| txn.put_cursor(&peer, &record::encode(&rec)))?;
            self.saved_cursor = Some(cursor);
        }
        Ok(())
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

/// The most probes per hash a peer's Bloom filter may ask for (Automerge's own filters use 7).
const MAX_BLOOM_PROBES: u64 = 64;

/// Refuse a peer's Bloom filter that Automerge cannot use safely. Automerge (0.12) trusts the
/// parameters it decodes: a filter that claims entries but carries no bits makes it divide by
/// zero (a panic, in release builds too), and its probe count sizes a vector for every hash it
/// checks. Found by the fuzzer (`crates/fuzz`, target `session`).
fn usable_blooms(am: &AmMessage) -> Result<(), SessionEnd> {
    for have in &am.have {
        // Empty: no entries, which Automerge never probes. Otherwise three LEB128 numbers
        // (entries, bits per entry, probes), then the bits.
        let bytes = have.bloom.to_bytes();
        if bytes.is_empty() {
            continue;
        }
        let mut rest = bytes.as_slice();
        let mut probes = 0;
        for _ in 0..3 {
            probes = read_leb128(&mut rest).unwrap_or(u64::MAX);
        }
        if rest.is_empty() || probes > MAX_BLOOM_PROBES {
            return Err(SessionEnd::Protocol(format!(
                "a Bloom filter that cannot be used: {} bytes of bits, {probes} probes per hash",
                rest.len()
            )));
        }
    }
    Ok(())
}

/// Read one unsigned LEB128 number from the front of `bytes`.
fn read_leb128(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The signature of the latest change of each author of `doc`, which covers all of that
/// author's changes (see [`casebook::authority`]).
fn signatures_for(node: &Node, doc: &Automerge) -> Result<Vec<WireSignature>, SessionEnd> {
    let latest = authority::latest_change_per_author(doc);
    let hashes: Vec<ChangeHash> = latest.iter().map(|(_, h)| *h).collect();
    let stored = node.store().signatures(&hashes)?;
    Ok(stored
        .into_iter()
        .flatten()
        .map(|s| WireSignature {
            hash: s.hash.0,
            signature: s.signature,
        })
        .collect())
}
