//! Helpers for the multi-node tests: real nodes in temporary directories, real QUIC on
//! loopback (port 0), bounded waits.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use casebook::automerge::{ActorId, ChangeHash};
use casebook::edit::{self, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::Interaction;
use casebook::{FileId, Node, Ticket};
use casebook_sync::{Event, Server};

/// Every wait in these tests is bounded by this.
pub const LIMIT: Duration = Duration::from_secs(20);

pub struct TestNode {
    pub node: Arc<Node>,
    pub _dir: tempfile::TempDir,
    pub name: String,
}

impl TestNode {
    pub fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let node = Node::init(dir.path(), name).expect("init");
        Self {
            node: Arc::new(node),
            _dir: dir,
            name: name.to_string(),
        }
    }

    /// Two new nodes that trust each other (at no address yet), for sans-IO sessions.
    pub fn trusting_pair(a: &str, b: &str) -> (Self, Self) {
        let (a, b) = (Self::new(a), Self::new(b));
        a.trust(&b, None);
        b.trust(&a, None);
        (a, b)
    }

    pub fn ticket(&self, addr: SocketAddr) -> Ticket {
        Ticket {
            node: self.node.node_id(),
            addrs: vec![addr],
        }
    }

    /// Trust `other` (listening at `addr`, or nowhere yet).
    pub fn trust(&self, other: &TestNode, addr: Option<SocketAddr>) {
        let ticket = Ticket {
            node: other.node.node_id(),
            addrs: addr.into_iter().collect(),
        };
        self.node
            .add_peer(&ticket, &format!("{} (laptop)", other.name), &other.name)
            .expect("add peer");
    }

    pub fn client(&self, name: &str) -> FileId {
        self.node
            .create_client(&NewClient {
                name: name.into(),
                ..Default::default()
            })
            .expect("create client")
    }

    /// `count` new clients ("Client 0", "Client 1", ...), each shared with `with` as `role`.
    pub fn shared_clients(&self, count: usize, with: &TestNode, role: &str) -> Vec<FileId> {
        (0..count)
            .map(|i| {
                let f = self.client(&format!("Client {i}"));
                self.share(f, with, role);
                f
            })
            .collect()
    }

    pub fn share(&self, file: FileId, with: &TestNode, role: &str) {
        self.node
            .share(file, &format!("{} (laptop)", with.name), role)
            .expect("share");
    }

    pub fn log_call(&self, file: FileId, summary: &str) {
        let i = call(&self.name, self.node.now(), summary);
        self.node
            .apply(file, |d, c, _| edit::log_interaction(d, c, &i))
            .expect("log");
    }

    /// Log a call the way a modified node would where it may only read (the real node
    /// refuses that edit): the change is made on the document, signed and stored directly.
    pub fn log_call_despite_read_only(&self, file: FileId, summary: &str) {
        let i = call(&self.name, self.node.now(), summary);
        let mut doc = self.node.load(file).expect("load");
        doc.set_actor(ActorId::from(&self.node.node_id().as_bytes()[..]));
        let before = doc.get_heads();
        edit::log_interaction(&mut doc, &self.node.edit_context(), &i).expect("edit");
        let changes = doc.get_changes(&before);
        let signatures = changes
            .iter()
            .map(|c| casebook::ChangeSignature {
                hash: c.hash(),
                author: self.node.node_id(),
                signature: self
                    .node
                    .secret_key()
                    .sign(&casebook::ChangeSignature::message(&c.hash())),
            })
            .collect();
        self.node
            .store()
            .update(|txn| {
                self.node
                    .store_changes_in(txn, file, changes, casebook::Origin::Local, signatures)
            })
            .expect("stored");
    }

    /// Log a call made by another adviser's node (no peer of anyone here) and store it as a
    /// merge of that adviser's exported file brings it in: without a signature, which nobody
    /// here holds, and vouched for by no one. Returns its hash. Every other node refuses it, as
    /// no signature of its author covers it.
    pub fn log_call_brought_in(&self, file: FileId, summary: &str) -> ChangeHash {
        let author = casebook::SecretKey::from_seed([42; 32]).node_id();
        let i = call("Dana", self.node.now(), summary);
        let mut doc = self.node.load(file).expect("load");
        doc.set_actor(ActorId::from(&author.as_bytes()[..]));
        let before = doc.get_heads();
        edit::log_interaction(&mut doc, &self.node.edit_context(), &i).expect("edit");
        let changes = doc.get_changes(&before);
        let hash = changes.last().expect("a change").hash();
        self.node
            .store()
            .update(|txn| {
                self.node.store_changes_in(
                    txn,
                    file,
                    changes,
                    casebook::Origin::File {
                        name: "dana-export.automerge".into(),
                    },
                    vec![],
                )
            })
            .expect("stored");
        hash
    }

    pub fn heads(&self, file: FileId) -> Vec<ChangeHash> {
        let mut h = self
            .node
            .store()
            .heads(file)
            .expect("heads")
            .unwrap_or_default();
        h.sort();
        h
    }

    /// Forget how far this node has received `other`'s log, as if it never synced with it.
    pub fn forget_cursor(&self, other: &TestNode) {
        let other = other.node.node_id();
        let blank = casebook_sync::record::encode(&casebook_sync::record::PeerRecord::default());
        self.node
            .store()
            .update(|txn| txn.put_cursor(&other, &blank))
            .expect("cursor forgotten");
    }

    pub fn peer(&self, other: &TestNode) -> casebook::Peer {
        self.node
            .find_peer(&other.node.node_id().to_string())
            .expect("peer")
    }
}

/// A 15-minute outbound call by adviser `by` at `at`.
pub fn call(by: &str, at: chrono::DateTime<chrono::Utc>, summary: &str) -> Interaction {
    Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at,
        minutes: 15,
        our_attendees: vec![by.to_string()],
        their_attendees: vec![],
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: summary.into(),
        needs: String::new(),
        risks: vec![],
        opportunities: vec![],
        by: String::new(),
        language: String::new(),
    }
}

/// A serving node on loopback, port 0, stopped when dropped.
pub struct Serving {
    pub addr: SocketAddr,
    pub events: Arc<std::sync::Mutex<Vec<String>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Serving {
    pub fn start(node: &TestNode) -> Self {
        Self::start_with(node, true)
    }

    /// Serve without dialling trusted peers: only one-shot syncs reach this node.
    pub fn listen_only(node: &TestNode) -> Self {
        Self::start_with(node, false)
    }

    fn start_with(node: &TestNode, dial: bool) -> Self {
        let events = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = events.clone();
        let server = Server::bind(
            node.node.clone(),
            "127.0.0.1:0".parse().expect("addr"),
            Arc::new(move |e: Event| {
                if let Ok(mut l) = log.lock() {
                    l.push(format!("{e:?}"));
                }
            }),
        )
        .expect("bind");
        let server = if dial { server } else { server.listen_only() };
        let addr = server.local_addr().expect("addr");
        let (stop, rx) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(async move {
            server
                .run(async {
                    let _ = rx.await;
                })
                .await;
        });
        Self {
            addr,
            events,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = tokio::time::timeout(LIMIT, t).await;
        }
    }

    pub fn events(&self) -> Vec<String> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Sync `a` with `b` once, bounded.
pub async fn sync(
    a: &TestNode,
    b: &TestNode,
) -> Result<casebook_sync::Report, casebook_sync::Error> {
    let peer = a.peer(b);
    tokio::time::timeout(LIMIT, casebook_sync::sync_once(a.node.clone(), &peer, None))
        .await
        .expect("sync finished in time")
}

/// Wait until `cond` holds, polling; panics after [`LIMIT`].
pub async fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(start.elapsed() < LIMIT, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl TestNode {
    /// This node's store-wide log sequence number (moves with every stored change).
    pub fn log_seq(&self) -> u64 {
        self.node.store().log_seq().expect("log seq")
    }

    /// Close this node (once nothing else holds it: servers and sessions let go of it when
    /// they end) and open it again from its directory, as after a restart.
    pub async fn reopen(self) -> TestNode {
        let TestNode { node, _dir, name } = self;
        let start = std::time::Instant::now();
        while Arc::strong_count(&node) > 1 {
            assert!(
                start.elapsed() < LIMIT,
                "{name}'s node is still held by {} others",
                Arc::strong_count(&node) - 1
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(node);
        let node = Node::open(_dir.path()).expect("reopen");
        TestNode {
            node: Arc::new(node),
            _dir,
            name,
        }
    }
}

/// Sync `a` with `b` once, dialling `b` at `addr` whatever `a`'s peer list says (so a test can
/// keep addresses out of the peer list and no serving node dials on its own), bounded.
pub async fn sync_at(
    a: &TestNode,
    b: &TestNode,
    addr: SocketAddr,
) -> Result<casebook_sync::Report, casebook_sync::Error> {
    let mut peer = a.peer(b);
    peer.addrs = vec![addr];
    tokio::time::timeout(LIMIT, casebook_sync::sync_once(a.node.clone(), &peer, None))
        .await
        .expect("sync finished in time")
}

/// Whether any of `serving`'s events so far contains every one of `needles`.
pub fn has_event(serving: &Serving, needles: &[&str]) -> bool {
    serving
        .events()
        .iter()
        .any(|e| needles.iter().all(|n| e.contains(n)))
}

/// The kind of each message, for messages and assertions.
pub fn kinds(msgs: &[casebook_proto::Message]) -> Vec<&'static str> {
    msgs.iter().map(casebook_proto::Message::kind).collect()
}

/// Run two sessions against each other without a network (sans-IO), delivering each side's
/// whole output as one batch, until both are quiet; panics if either ends the session.
pub fn pump(a: &mut casebook_sync::Session, b: &mut casebook_sync::Session) {
    let mut to_b = a.start().expect("start");
    let mut to_a = b.start().expect("start");
    for _ in 0..50 {
        if to_a.is_empty() && to_b.is_empty() {
            return;
        }
        let from_b = if to_b.is_empty() {
            Vec::new()
        } else {
            b.receive(std::mem::take(&mut to_b)).expect("b receives")
        };
        let from_a = if to_a.is_empty() {
            Vec::new()
        } else {
            a.receive(std::mem::take(&mut to_a)).expect("a receives")
        };
        to_a = from_b;
        to_b = from_a;
    }
    panic!("the sessions kept talking");
}
