//! `serve` (listen, dial trusted peers, stay live) and `sync_once` (one session, then exit).

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::{Node, NodeId, Peer};
use casebook_base::limits::{MAX_CONNECTIONS_PER_PEER, MAX_HANDSHAKES, REDIAL_MAX_MS, REDIAL_MS};
use casebook_i18n::{Localised, Message};
use casebook_net::{Endpoint, PeerConnection, Trust};
use tokio::sync::Semaphore;

use crate::backoff::{Backoff, clock_jitter};
use crate::driver::{self, Mode, ProgressFn, Report};
use crate::{Error, RefusedFile};

/// How often `serve` looks for peers due to be dialled (each has its own backoff).
const REDIAL_CHECK: Duration = Duration::from_millis(500);

/// The QUIC close code for a peer's oldest connection, closed when it opens one more than
/// [`MAX_CONNECTIONS_PER_PEER`].
const CLOSE_REPLACED: u32 = 6;

/// Trust exactly the peers in the node's store, read at every handshake, so `peer remove`
/// (even from another process) refuses the next connection at once.
/// A serving node also says whom it refused, so its adviser can tell a stranger from a
/// colleague whose ticket was never added.
struct StoreTrust {
    node: Arc<Node>,
    events: Option<EventFn>,
}

impl std::fmt::Debug for StoreTrust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreTrust")
            .field("node", &self.node.node_id())
            .finish_non_exhaustive()
    }
}

impl Trust for StoreTrust {
    fn is_trusted(&self, node: &NodeId) -> bool {
        let trusted = self.node.is_trusted(node).unwrap_or(false);
        if !trusted && let Some(events) = &self.events {
            events(Event::Untrusted { node: *node });
        }
        trusted
    }
}

/// Something a serving node did, for its log.
#[derive(Clone)]
pub enum Event {
    /// Listening on an address.
    Listening(SocketAddr),
    /// A session with a peer started.
    Connected {
        /// The peer.
        peer: NodeId,
        /// Whether this node dialled.
        dialled: bool,
    },
    /// A session ended; `Ok` with what it moved, or why it stopped.
    Ended {
        /// The peer.
        peer: NodeId,
        /// The outcome: why it stopped is a message, to be shown in the reader's language.
        outcome: Result<Report, Message>,
    },
    /// A handshake was refused (an unknown node, a wrong key, a wrong protocol, too many at
    /// once): one event per refused handshake.
    Refused(Message),
    /// A node that is not in this node's peer list tried to connect and was refused during
    /// the handshake (followed by that handshake's [`Event::Refused`]).
    Untrusted {
        /// The node that tried.
        node: NodeId,
    },
    /// A peer opened more than [`MAX_CONNECTIONS_PER_PEER`] connections; its oldest was
    /// closed.
    Replaced {
        /// The peer.
        peer: NodeId,
    },
    /// One side of a session refused the other's changes to a file: that file is out of the
    /// session, every other file goes on syncing.
    FileRefused {
        /// The peer.
        peer: NodeId,
        /// The file, why, and who refused.
        refused: RefusedFile,
    },
    /// Dialling a peer failed, or the session ended before the peer accepted this node; it is
    /// dialled again after `retry_in` (capped exponential backoff).
    Redial {
        /// The peer.
        peer: NodeId,
        /// Why it failed.
        reason: Message,
        /// When the next attempt is due.
        retry_in: Duration,
    },
    /// Files received from a peer while live.
    Received {
        /// The peer.
        peer: NodeId,
        /// Files that got new changes.
        files: usize,
        /// Changes stored.
        changes: usize,
    },
}

/// As a derived `Debug` would print it, with every message in English (logs and tests read
/// the words, not the catalogue keys).
impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Listening(addr) => f.debug_tuple("Listening").field(addr).finish(),
            Event::Connected { peer, dialled } => f
                .debug_struct("Connected")
                .field("peer", peer)
                .field("dialled", dialled)
                .finish(),
            Event::Ended { peer, outcome } => f
                .debug_struct("Ended")
                .field("peer", peer)
                .field("outcome", &outcome.as_ref().map_err(Message::english))
                .finish(),
            Event::Refused(reason) => f.debug_tuple("Refused").field(&reason.english()).finish(),
            Event::Untrusted { node } => f.debug_struct("Untrusted").field("node", node).finish(),
            Event::Replaced { peer } => f.debug_struct("Replaced").field("peer", peer).finish(),
            Event::FileRefused { peer, refused } => f
                .debug_struct("FileRefused")
                .field("peer", peer)
                .field("refused", refused)
                .finish(),
            Event::Redial {
                peer,
                reason,
                retry_in,
            } => f
                .debug_struct("Redial")
                .field("peer", peer)
                .field("reason", &reason.english())
                .field("retry_in", retry_in)
                .finish(),
            Event::Received {
                peer,
                files,
                changes,
            } => f
                .debug_struct("Received")
                .field("peer", peer)
                .field("files", files)
                .field("changes", changes)
                .finish(),
        }
    }
}

/// Where a serving node reports what it does.
pub type EventFn = Arc<dyn Fn(Event) + Send + Sync>;

/// A node listening for peers and keeping live sessions with them.
#[derive(Clone)]
pub struct Server {
    node: Arc<Node>,
    endpoint: Endpoint,
    active: Arc<Mutex<HashMap<NodeId, usize>>>,
    /// Each peer's accepted connections, oldest first (at most [`MAX_CONNECTIONS_PER_PEER`]).
    accepted: Arc<Mutex<HashMap<NodeId, VecDeque<PeerConnection>>>>,
    events: EventFn,
    dial: bool,
    /// Each dialled peer's backoff and when it may next be dialled.
    redials: Arc<Mutex<HashMap<NodeId, (Backoff, Instant)>>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("node", &self.node.node_id())
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Bind `listen` (port 0: the OS picks one) and record the address in the node, so
    /// `casebook invite` can hand it out.
    ///
    /// # Errors
    /// [`Error::Net`] if the address is unavailable.
    pub fn bind(node: Arc<Node>, listen: SocketAddr, events: EventFn) -> Result<Self, Error> {
        let endpoint = Endpoint::bind(
            node.secret_key(),
            listen,
            Arc::new(StoreTrust {
                node: node.clone(),
                events: Some(events.clone()),
            }),
        )?;
        let addr = endpoint.local_addr()?;
        if !addr.ip().is_unspecified() {
            node.set_listen_addrs(&[addr])?;
        }
        events(Event::Listening(addr));
        Ok(Self {
            node,
            endpoint,
            active: Arc::new(Mutex::new(HashMap::new())),
            accepted: Arc::new(Mutex::new(HashMap::new())),
            events,
            dial: true,
            redials: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    /// Only accept peers; never dial them (a node that others reach, e.g. in a demo where each
    /// sync is started by hand).
    #[must_use]
    pub fn listen_only(mut self) -> Self {
        self.dial = false;
        self
    }

    /// The address actually bound.
    ///
    /// # Errors
    /// If the socket has gone.
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        Ok(self.endpoint.local_addr()?)
    }

    /// Accept peers and dial the trusted ones with known addresses, until `shutdown`
    /// resolves; every session is live.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        // Handshakes are awaited in their own task: inside the select below, a redial tick
        // would drop a handshake in progress.
        // Every handshake completes in a task of its own, at most MAX_HANDSHAKES at once: a
        // stranger who starts one and never finishes must not hold up anyone else.
        let acceptor = {
            let this = self.clone();
            let permits = Arc::new(Semaphore::new(MAX_HANDSHAKES));
            tokio::spawn(async move {
                while let Some(handshake) = this.endpoint.accept_handshake().await {
                    let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
                        let addr = handshake.remote_address();
                        handshake.refuse();
                        let busy = casebook_net::Error::Busy {
                            addr,
                            limit: MAX_HANDSHAKES,
                        };
                        (this.events)(Event::Refused(busy.message()));
                        continue;
                    };
                    let this = this.clone();
                    tokio::spawn(async move {
                        let outcome = handshake.complete().await;
                        drop(permit);
                        match outcome {
                            Ok(conn) => this.spawn(conn, false),
                            // Every refused handshake is one `Refused` (with the address); an
                            // untrusted node's was also told as `Untrusted` (with its id) by
                            // the trust check.
                            Err(e) => (this.events)(Event::Refused(e.message())),
                        }
                    });
                }
            })
        };
        let mut redial = tokio::time::interval(REDIAL_CHECK);
        redial.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                _ = redial.tick(), if self.dial => self.dial_missing(),
            }
        }
        acceptor.abort();
        self.endpoint.close();
    }

    fn is_active(&self, peer: &NodeId) -> bool {
        self.active
            .lock()
            .map(|a| a.get(peer).copied().unwrap_or(0) > 0)
            .unwrap_or(false)
    }

    fn set_active(&self, peer: NodeId, delta: isize) {
        if let Ok(mut a) = self.active.lock() {
            let n = a.entry(peer).or_insert(0);
            *n = n.saturating_add_signed(delta);
        }
    }

    fn dial_missing(&self) {
        let Ok(peers) = self.node.peers() else { return };
        let now = Instant::now();
        for peer in peers {
            if peer.addrs.is_empty() || self.is_active(&peer.node) || !self.due(&peer.node, now) {
                continue;
            }
            self.set_active(peer.node, 1);
            let this = self.clone();
            tokio::spawn(async move {
                let failure = match dial(&this.node, &this.endpoint, &peer).await {
                    Ok(conn) => match this.session(conn, true).await {
                        // The peer took this node in: whatever ended it, start afresh.
                        (true, _) => None,
                        (false, outcome) => outcome.err(),
                    },
                    Err(e) => Some(e.message()),
                };
                this.schedule(peer.node, failure);
                this.set_active(peer.node, -1);
            });
        }
    }

    /// Whether `peer` may be dialled at `now`.
    fn due(&self, peer: &NodeId, now: Instant) -> bool {
        self.redials
            .lock()
            .map(|r| r.get(peer).is_none_or(|(_, next)| *next <= now))
            .unwrap_or(true)
    }

    /// After a dial: on success, reset the peer's backoff (its next dial, should the session
    /// end, is due after the base wait); on failure, wait longer each time and say why and for how long.
    fn schedule(&self, peer: NodeId, failure: Option<Message>) {
        let Ok(mut redials) = self.redials.lock() else {
            return;
        };
        let (backoff, next) = redials.entry(peer).or_insert_with(|| {
            (
                Backoff::new(
                    Duration::from_millis(REDIAL_MS),
                    Duration::from_millis(REDIAL_MAX_MS),
                ),
                Instant::now(),
            )
        });
        match failure {
            None => {
                backoff.reset();
                // As before backoff: a peer that takes this node in and then drops it is
                // dialled again after the base wait, never in a tight loop.
                *next = Instant::now() + Duration::from_millis(REDIAL_MS);
            }
            Some(reason) => {
                let retry_in = backoff.failed(clock_jitter());
                *next = Instant::now() + retry_in;
                drop(redials);
                (self.events)(Event::Redial {
                    peer,
                    reason,
                    retry_in,
                });
            }
        }
    }

    /// Run a session on an accepted connection. A peer holds at most
    /// [`MAX_CONNECTIONS_PER_PEER`]: a newer connection replaces its oldest (a peer whose
    /// network changed reconnects at once, and one that opens connections without end only
    /// churns its own).
    fn spawn(&self, conn: PeerConnection, dialled: bool) {
        let peer = conn.peer();
        let oldest = self.accepted.lock().ok().and_then(|mut accepted| {
            let held = accepted.entry(peer).or_default();
            held.push_back(conn.clone());
            (held.len() > MAX_CONNECTIONS_PER_PEER)
                .then(|| held.pop_front())
                .flatten()
        });
        if let Some(oldest) = oldest {
            oldest.close(
                CLOSE_REPLACED,
                "replaced by a newer connection from this node",
            );
            (self.events)(Event::Replaced { peer });
        }
        self.set_active(peer, 1);
        let this = self.clone();
        tokio::spawn(async move {
            let id = conn.connection().stable_id();
            let _ = this.session(conn, dialled).await;
            if let Ok(mut accepted) = this.accepted.lock()
                && let Some(held) = accepted.get_mut(&peer)
            {
                held.retain(|c| c.connection().stable_id() != id);
                if held.is_empty() {
                    accepted.remove(&peer);
                }
            }
            this.set_active(peer, -1);
        });
    }

    /// Run a live session; returns whether the peer took this node in (its first message
    /// arrived) and how the session ended.
    async fn session(&self, conn: PeerConnection, dialled: bool) -> (bool, Result<(), Message>) {
        let peer = conn.peer();
        (self.events)(Event::Connected { peer, dialled });
        let events = self.events.clone();
        let mut last = (0usize, 0usize);
        let mut refusals_told = 0;
        let accepted = Arc::new(AtomicBool::new(false));
        let heard = Arc::clone(&accepted);
        let progress: ProgressFn = Box::new(move |p| {
            heard.store(true, Ordering::SeqCst);
            for refused in p.stats.refused.iter().skip(refusals_told) {
                events(Event::FileRefused {
                    peer,
                    refused: refused.clone(),
                });
            }
            refusals_told = p.stats.refused.len();
            let now = (p.stats.files_received, p.stats.changes_received);
            if now != last {
                events(Event::Received {
                    peer,
                    files: now.0 - last.0,
                    changes: now.1 - last.1,
                });
                last = now;
            }
        });
        let outcome = driver::run(self.node.clone(), conn, dialled, Mode::Live, Some(progress))
            .await
            .map_err(|e| e.message());
        let ended = outcome.as_ref().map(|_| ()).map_err(Clone::clone);
        (self.events)(Event::Ended { peer, outcome });
        (accepted.load(Ordering::SeqCst), ended)
    }
}

/// An unspecified address of the family of `addr`, port 0, for a dialling endpoint.
fn any_addr_like(addr: &SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_loopback() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(v6) if v6.is_loopback() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    SocketAddr::new(ip, 0)
}

/// Dial `peer` at each of its addresses in turn.
async fn dial(node: &Node, endpoint: &Endpoint, peer: &Peer) -> Result<PeerConnection, Error> {
    let mut last = Error::NoAddress { peer: peer.node };
    for addr in &peer.addrs {
        match endpoint.connect(*addr, peer.node).await {
            Ok(conn) => return Ok(conn),
            Err(casebook_net::Error::NotTrusted { .. }) => {
                return Err(Error::not_trusted(node, peer.node));
            }
            Err(e) => last = e.into(),
        }
    }
    Err(last)
}

/// Sync once with `peer`: dial it, run one session until both sides hold the same heads for
/// every file they share, and return what moved.
///
/// # Errors
/// [`Error::NoAddress`], transport errors, or why the session stopped.
pub async fn sync_once(
    node: Arc<Node>,
    peer: &Peer,
    progress: Option<ProgressFn>,
) -> Result<Report, Error> {
    let first = peer
        .addrs
        .first()
        .ok_or(Error::NoAddress { peer: peer.node })?;
    let endpoint = Endpoint::bind(
        node.secret_key(),
        any_addr_like(first),
        Arc::new(StoreTrust {
            node: node.clone(),
            events: None,
        }),
    )?;
    let conn = dial(&node, &endpoint, peer).await?;
    let report = driver::run(node, conn, true, Mode::Once, progress).await;
    endpoint.close();
    // Give the close a moment to reach the peer, so it ends its side promptly.
    let _ = tokio::time::timeout(Duration::from_millis(500), endpoint.wait_idle()).await;
    report
}
