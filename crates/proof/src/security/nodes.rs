//! Real nodes in temporary directories, and serving nodes on loopback whose events are kept
//! with the moment they happened, so a suite can measure how long a refusal or a close took.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::automerge::{ActorId, ChangeHash};
use casebook::edit::{self, NewClient};
use casebook::{FileId, Node, NodeId, Peer, Ticket};
use casebook_sync::{Event, Server};

use super::Result;
use crate::sample::call;

/// Every wait of the security suite is bounded by this.
pub const LIMIT: Duration = Duration::from_secs(20);

/// A real node (real store, real key file) in a temporary directory.
#[derive(Debug)]
pub struct TestNode {
    /// The node.
    pub node: Arc<Node>,
    /// The adviser's name; peers know this node as "NAME (laptop)".
    pub name: String,
    dir: tempfile::TempDir,
}

impl TestNode {
    /// A new node for adviser `name`.
    ///
    /// # Errors
    /// If the directory or the store cannot be made.
    pub fn new(name: &str) -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let node = Node::init(dir.path(), name)?;
        Ok(Self {
            node: Arc::new(node),
            name: name.to_string(),
            dir,
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// This node's id.
    pub fn id(&self) -> NodeId {
        self.node.node_id()
    }

    /// The name this node's peers give it.
    pub fn peer_name(&self) -> String {
        format!("{} (laptop)", self.name)
    }

    /// Trust `other`, reachable at `addr` (or nowhere yet).
    ///
    /// # Errors
    /// Storage errors.
    pub fn trust(&self, other: &TestNode, addr: Option<SocketAddr>) -> Result<()> {
        self.trust_id(other.id(), &other.name, addr)
    }

    /// Trust the node `id` of adviser `name`, reachable at `addr` (or nowhere yet).
    ///
    /// # Errors
    /// Storage errors.
    pub fn trust_id(&self, id: NodeId, name: &str, addr: Option<SocketAddr>) -> Result<()> {
        let ticket = Ticket {
            node: id,
            addrs: addr.into_iter().collect(),
        };
        self.node
            .add_peer(&ticket, &format!("{name} (laptop)"), name)?;
        Ok(())
    }

    /// Stop trusting `other`.
    ///
    /// # Errors
    /// Storage errors, or if `other` was not trusted.
    pub fn untrust(&self, other: &TestNode) -> Result<()> {
        self.node.remove_peer(&other.id().to_string())?;
        Ok(())
    }

    /// A new account file for client `name`.
    ///
    /// # Errors
    /// Storage errors.
    pub fn client(&self, name: &str) -> Result<FileId> {
        Ok(self.node.create_client(&NewClient {
            name: name.into(),
            ..Default::default()
        })?)
    }

    /// Share `file` with `with` (`read` or `write`), a signed edit.
    ///
    /// # Errors
    /// If this node may not share the file, or `with` is not a peer.
    pub fn share(&self, file: FileId, with: &TestNode, role: &str) -> Result<()> {
        self.node.share(file, &with.peer_name(), role)?;
        Ok(())
    }

    /// Log a call on `file`; returns the new change's hash.
    ///
    /// # Errors
    /// If this node may not write the file, or storage errors.
    pub fn log_call(&self, file: FileId, summary: &str) -> Result<ChangeHash> {
        let i = call(&self.name, self.node.now(), summary);
        self.node
            .apply(file, |d, c, _| edit::log_interaction(d, c, &i))?;
        self.last_change(file)
    }

    /// The hash of the latest change stored for `file`.
    ///
    /// # Errors
    /// Storage errors, or a file without changes.
    pub fn last_change(&self, file: FileId) -> Result<ChangeHash> {
        self.node
            .change_hashes(file)?
            .last()
            .copied()
            .ok_or_else(|| "the file has no changes".into())
    }

    /// The file's heads as the store's index holds them, sorted.
    ///
    /// # Errors
    /// Storage errors.
    pub fn heads(&self, file: FileId) -> Result<Vec<ChangeHash>> {
        let mut h = self.node.store().heads(file)?.unwrap_or_default();
        h.sort();
        Ok(h)
    }

    /// The file's heads as bytes, for byte-for-byte comparison.
    ///
    /// # Errors
    /// Storage errors.
    pub fn head_bytes(&self, file: FileId) -> Result<Vec<u8>> {
        Ok(self.heads(file)?.iter().flat_map(|h| h.0).collect())
    }

    /// The store-wide log sequence number (moves with every stored change).
    ///
    /// # Errors
    /// Storage errors.
    pub fn log_seq(&self) -> Result<u64> {
        Ok(self.node.store().log_seq()?)
    }

    /// How many of `hashes` the store holds.
    ///
    /// # Errors
    /// Storage errors.
    pub fn holds(&self, hashes: &[ChangeHash]) -> Result<usize> {
        Ok(self
            .node
            .store()
            .has_changes(hashes)?
            .iter()
            .filter(|h| **h)
            .count())
    }

    /// This node's Automerge actor.
    pub fn actor(&self) -> ActorId {
        ActorId::from(&self.id().as_bytes()[..])
    }
}

/// One event of a serving node, with when it happened.
#[derive(Clone, Debug)]
pub struct Timed {
    /// When the event was reported.
    pub at: Instant,
    /// The event, as `Debug` prints it.
    pub text: String,
}

/// A node serving on 127.0.0.1 (port 0); stopped when dropped.
#[derive(Debug)]
pub struct Serving {
    /// Where it listens.
    pub addr: SocketAddr,
    events: Arc<Mutex<Vec<Timed>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Serving {
    /// Serve `node`: accept trusted peers and dial those with addresses. Call within a tokio
    /// runtime.
    ///
    /// # Errors
    /// If the socket cannot be bound.
    pub fn start(node: &TestNode) -> Result<Self> {
        Self::start_with(node, true)
    }

    /// Serve `node` without dialling anyone: only incoming connections.
    ///
    /// # Errors
    /// If the socket cannot be bound.
    pub fn listen_only(node: &TestNode) -> Result<Self> {
        Self::start_with(node, false)
    }

    fn start_with(node: &TestNode, dial: bool) -> Result<Self> {
        let events = Arc::new(Mutex::new(Vec::new()));
        let log = events.clone();
        let server = Server::bind(
            node.node.clone(),
            SocketAddr::from(([127, 0, 0, 1], 0)),
            Arc::new(move |e: Event| {
                if let Ok(mut l) = log.lock() {
                    l.push(Timed {
                        at: Instant::now(),
                        text: format!("{e:?}"),
                    });
                }
            }),
        )?;
        let server = if dial { server } else { server.listen_only() };
        let addr = server.local_addr()?;
        let (stop, rx) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(async move {
            server
                .run(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Self {
            addr,
            events,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Every event so far.
    pub fn events(&self) -> Vec<Timed> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }

    /// The events so far whose text starts with `kind` and mentions every one of `words`.
    pub fn matching(&self, kind: &str, words: &[&str]) -> Vec<Timed> {
        self.events()
            .into_iter()
            .filter(|e| e.text.starts_with(kind) && words.iter().all(|w| e.text.contains(w)))
            .collect()
    }

    /// How many events start with `kind` and mention every one of `words`.
    pub fn count(&self, kind: &str, words: &[&str]) -> usize {
        self.matching(kind, words).len()
    }

    /// Stop serving and wait (bounded) for the server to wind down.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = tokio::time::timeout(LIMIT, t).await;
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Wait until `cond` holds, polling every 20 ms; `Err` after `limit`.
///
/// # Errors
/// If `cond` did not hold within `limit`, naming `what`.
pub async fn eventually(what: &str, limit: Duration, mut cond: impl FnMut() -> bool) -> Result<()> {
    let start = Instant::now();
    while !cond() {
        if start.elapsed() > limit {
            return Err(format!("timed out after {limit:?} waiting for: {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Sync `a` with `b` once (dialling `b` at `addr`), bounded by [`LIMIT`].
///
/// # Errors
/// The sync's own error, or a timeout.
pub async fn sync_at(
    a: &TestNode,
    b: NodeId,
    addr: SocketAddr,
) -> std::result::Result<casebook_sync::Report, String> {
    let peer = Peer {
        node: b,
        name: "dialled".into(),
        adviser: String::new(),
        addrs: vec![addr],
        added_at: chrono::Utc::now(),
    };
    match tokio::time::timeout(LIMIT, casebook_sync::sync_once(a.node.clone(), &peer, None)).await {
        Ok(r) => r.map_err(|e| chain(&e)),
        Err(_) => Err(format!("no result within {LIMIT:?}")),
    }
}

/// An error and every cause under it, on one line.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
