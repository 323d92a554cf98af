//! Running a [`Session`] over one QUIC stream: frames in and out, batching, live ticks, and
//! closing the connection when the session ends badly.

use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Node, NodeId};
use casebook_base::limits::{LIVE_POLL_MS, MAX_MESSAGES_PER_BATCH};
use casebook_i18n::Localised;
use casebook_net::PeerConnection;
use casebook_proto::Message;
use casebook_proto::codec::{FrameDecoder, encode_frame};

use crate::Error;
use crate::session::{Session, SessionEnd, Stats};

/// How long a finished one-shot sync waits for the peer to close its side.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// Whether a session ends when both sides agree (`casebook sync`) or stays live (`serve`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// End once both sides hold the same heads for every shared file.
    Once,
    /// Stay connected and send local changes as they are made.
    Live,
}

/// What one session did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    /// The peer.
    pub peer: NodeId,
    /// Files and changes moved.
    #[serde(flatten)]
    pub stats: Stats,
    /// Bytes written to the stream.
    pub bytes_sent: u64,
    /// Bytes read from the stream.
    pub bytes_received: u64,
    /// How long the session took, in milliseconds.
    pub millis: u64,
}

impl Report {
    /// `Ok` unless one side refused the changes to some file in this session
    /// ([`Stats::refused`]): then [`Error::Refused`], naming them. The session itself completed,
    /// and everything else was synced.
    ///
    /// # Errors
    /// [`Error::Refused`].
    pub fn nothing_refused(&self) -> Result<(), Error> {
        if self.stats.refused.is_empty() {
            Ok(())
        } else {
            Err(Error::Refused {
                peer: self.peer,
                refused: self.stats.refused.clone(),
            })
        }
    }
}

/// Progress while a session runs: called after every batch.
pub type ProgressFn = Box<dyn FnMut(&Progress) + Send>;

/// A snapshot of a running session's progress.
#[derive(Clone, Debug)]
pub struct Progress {
    /// Files and changes moved so far.
    pub stats: Stats,
    /// Files still being synced.
    pub in_play: usize,
    /// Bytes written so far.
    pub bytes_sent: u64,
    /// Bytes read so far.
    pub bytes_received: u64,
}

/// Run a session with the peer of `conn` over one bidirectional stream: the dialler opens
/// it, the listener accepts it.
///
/// # Errors
/// [`Error::Session`] if either side ended the session for a reason (the connection is then
/// closed with a code saying why), [`Error::Connection`] if it broke.
pub async fn run(
    node: Arc<Node>,
    conn: PeerConnection,
    dialler: bool,
    mode: Mode,
    mut progress: Option<ProgressFn>,
) -> Result<Report, Error> {
    let peer = conn.peer();
    // A peer that does not trust this node refuses its key just after a dialler's handshake
    // (TLS 1.3), so that refusal surfaces here, as the connection's close.
    let lost = |reason: casebook_i18n::Message| {
        if conn.refused_by_peer() {
            Error::not_trusted(&node, peer)
        } else {
            Error::Connection { peer, reason }
        }
    };
    let end = |conn: &PeerConnection, e: SessionEnd| -> Error {
        // The peer reads the reason in the protocol's language, English.
        conn.close(e.code(), &e.to_string());
        Error::Session {
            peer,
            reason: e.message(),
        }
    };
    let untrusted = SessionEnd::untrusted;
    // Trust is checked while the connection waits for its stream, before every received batch
    // is applied, while a write is blocked and on every live tick: `peer remove` takes effect
    // within LIVE_POLL_MS wherever the session is.
    let stream = async {
        if dialler {
            conn.connection().open_bi().await
        } else {
            conn.connection().accept_bi().await
        }
    };
    let (mut send, mut recv) = tokio::select! {
        s = stream => s.map_err(|e| lost(crate::error::text(e.to_string())))?,
        () = revoked(&node, peer) => return Err(end(&conn, untrusted())),
    };
    let failed = |e: WriteFailed| match e {
        WriteFailed::Lost(reason) => lost(crate::error::text(reason)),
        WriteFailed::Revoked => end(&conn, untrusted()),
    };
    let started = Instant::now();
    // A debugging aid: print every received batch on stderr.
    let trace = std::env::var_os("CASEBOOK_SYNC_TRACE").is_some();
    let mut session = Session::new(node.clone(), peer);
    if mode == Mode::Live {
        session = session.live();
    }
    let mut bytes_sent = 0u64;
    let mut bytes_received = 0u64;
    let mut decoder = FrameDecoder::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut tick = tokio::time::interval(Duration::from_millis(LIVE_POLL_MS));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    let first = tokio::task::block_in_place(|| session.start()).map_err(|e| end(&conn, e))?;
    bytes_sent += write(&mut send, &node, peer, &first)
        .await
        .map_err(&failed)?;

    loop {
        tokio::select! {
            read = recv.read(&mut buf) => {
                let n = match read {
                    Ok(Some(n)) => n,
                    Ok(None) => {
                        // The peer finished its side: a one-shot peer that is done, or a
                        // dialler going away. A frame cut short is a protocol violation.
                        if let Err(e) = decoder.finish() {
                            return Err(end(&conn, SessionEnd::Protocol(crate::error::text(e.to_string()))));
                        }
                        let _ = send.finish();
                        if session.is_complete() || mode == Mode::Live {
                            break;
                        }
                        return Err(lost(casebook_i18n::Message::new("sync-lost-incomplete")));
                    }
                    Err(e) => {
                        if session.is_complete() {
                            break;
                        }
                        return Err(lost(crate::error::text(e.to_string())));
                    }
                };
                bytes_received += n as u64;
                decoder.push(&buf[..n]);
                let mut batch = Vec::new();
                loop {
                    let frame = decoder
                        .next_frame()
                        .map_err(|e| end(&conn, SessionEnd::Protocol(crate::error::text(e.to_string()))))?;
                    let Some(frame) = frame else { break };
                    let msg = Message::decode(&frame)
                        .map_err(|e| end(&conn, SessionEnd::Protocol(crate::error::text(e.to_string()))))?;
                    batch.push(msg);
                    if batch.len() >= MAX_MESSAGES_PER_BATCH {
                        if !still_trusted(&node, peer).map_err(|e| end(&conn, e))? {
                            return Err(end(&conn, untrusted()));
                        }
                        let out = tokio::task::block_in_place(|| session.receive(std::mem::take(&mut batch)))
                            .map_err(|e| end(&conn, e))?;
                        bytes_sent += write(&mut send, &node, peer, &out).await.map_err(&failed)?;
                    }
                }
                if trace {
                    eprintln!("{} <- {:?}", node.node_id().short(), batch);
                }
                if !batch.is_empty() {
                    if !still_trusted(&node, peer).map_err(|e| end(&conn, e))? {
                        return Err(end(&conn, untrusted()));
                    }
                    let out = tokio::task::block_in_place(|| session.receive(batch))
                        .map_err(|e| end(&conn, e))?;
                    bytes_sent += write(&mut send, &node, peer, &out).await.map_err(&failed)?;
                }
                if let Some(p) = progress.as_mut() {
                    p(&Progress {
                        stats: session.stats().clone(),
                        in_play: session.files_in_play(),
                        bytes_sent,
                        bytes_received,
                    });
                }
                if mode == Mode::Once && session.is_complete() {
                    let _ = send.finish();
                    // Let the peer read our last messages and close its side.
                    let _ = tokio::time::timeout(CLOSE_WAIT, drain(&mut recv)).await;
                    break;
                }
            }
            _ = tick.tick(), if mode == Mode::Live => {
                if !still_trusted(&node, peer).map_err(|e| end(&conn, e))? {
                    return Err(end(&conn, untrusted()));
                }
                let out = tokio::task::block_in_place(|| session.tick()).map_err(|e| end(&conn, e))?;
                bytes_sent += write(&mut send, &node, peer, &out).await.map_err(&failed)?;
            }
        }
    }
    tokio::task::block_in_place(|| session.finish()).map_err(|e| end(&conn, e))?;
    conn.close(0, "done");
    Ok(Report {
        peer,
        stats: session.stats().clone(),
        bytes_sent,
        bytes_received,
        millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}

/// Write messages as frames; returns the bytes written.
async fn write(
    send: &mut quinn::SendStream,
    node: &Node,
    peer: NodeId,
    msgs: &[Message],
) -> Result<u64, WriteFailed> {
    if msgs.is_empty() {
        return Ok(0);
    }
    let mut wire = Vec::new();
    for m in msgs {
        encode_frame(&m.encode(), &mut wire).map_err(|e| WriteFailed::Lost(e.to_string()))?;
    }
    // A peer that stops reading blocks this write; it must not keep its session (and get the
    // rest of the data once it reads again) after it is untrusted.
    tokio::select! {
        written = send.write_all(&wire) => written.map_err(|e| WriteFailed::Lost(e.to_string()))?,
        () = revoked(node, peer) => return Err(WriteFailed::Revoked),
    }
    Ok(wire.len() as u64)
}

/// Why a write did not complete.
enum WriteFailed {
    /// The stream broke.
    Lost(String),
    /// The peer was untrusted while the write waited.
    Revoked,
}

/// Whether this node still trusts `peer` (read from the store, which `peer remove` in any
/// process writes).
fn still_trusted(node: &Node, peer: NodeId) -> Result<bool, SessionEnd> {
    tokio::task::block_in_place(|| node.is_trusted(&peer)).map_err(SessionEnd::from)
}

/// Resolves once this node no longer trusts `peer` (or cannot tell), polling every
/// [`LIVE_POLL_MS`]; pending for ever otherwise.
async fn revoked(node: &Node, peer: NodeId) {
    let mut poll = tokio::time::interval(Duration::from_millis(LIVE_POLL_MS));
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        poll.tick().await;
        if !matches!(still_trusted(node, peer), Ok(true)) {
            return;
        }
    }
}

/// Read until the peer finishes its side.
async fn drain(recv: &mut quinn::RecvStream) {
    let mut buf = [0u8; 4096];
    while let Ok(Some(_)) = recv.read(&mut buf).await {}
}
