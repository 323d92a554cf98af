//! Running a [`Session`] over one QUIC stream: frames in and out, batching, live ticks, and
//! closing the connection when the session ends badly.

use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Node, NodeId};
use casebook_base::limits::{LIVE_POLL_MS, MAX_MESSAGES_PER_BATCH};
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
    let lost = |reason: String| Error::Connection { peer, reason };
    let (mut send, mut recv) = if dialler {
        conn.connection()
            .open_bi()
            .await
            .map_err(|e| lost(e.to_string()))?
    } else {
        conn.connection()
            .accept_bi()
            .await
            .map_err(|e| lost(e.to_string()))?
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

    let end = |conn: &PeerConnection, e: SessionEnd| -> Error {
        conn.close(e.code(), &e.to_string());
        Error::Session {
            peer,
            reason: e.to_string(),
        }
    };

    let first = tokio::task::block_in_place(|| session.start()).map_err(|e| end(&conn, e))?;
    bytes_sent += write(&mut send, &first).await.map_err(&lost)?;

    loop {
        tokio::select! {
            read = recv.read(&mut buf) => {
                let n = match read {
                    Ok(Some(n)) => n,
                    Ok(None) => {
                        // The peer finished its side: a one-shot peer that is done, or a
                        // dialler going away. A frame cut short is a protocol violation.
                        if let Err(e) = decoder.finish() {
                            return Err(end(&conn, SessionEnd::Protocol(e.to_string())));
                        }
                        let _ = send.finish();
                        if session.is_complete() || mode == Mode::Live {
                            break;
                        }
                        return Err(lost("the peer closed the session before it was complete".into()));
                    }
                    Err(e) => {
                        if session.is_complete() {
                            break;
                        }
                        return Err(lost(e.to_string()));
                    }
                };
                bytes_received += n as u64;
                decoder.push(&buf[..n]);
                let mut batch = Vec::new();
                loop {
                    let frame = decoder
                        .next_frame()
                        .map_err(|e| end(&conn, SessionEnd::Protocol(e.to_string())))?;
                    let Some(frame) = frame else { break };
                    let msg = Message::decode(&frame)
                        .map_err(|e| end(&conn, SessionEnd::Protocol(e.to_string())))?;
                    batch.push(msg);
                    if batch.len() >= MAX_MESSAGES_PER_BATCH {
                        let out = tokio::task::block_in_place(|| session.receive(std::mem::take(&mut batch)))
                            .map_err(|e| end(&conn, e))?;
                        bytes_sent += write(&mut send, &out).await.map_err(&lost)?;
                    }
                }
                if trace {
                    eprintln!("{} <- {:?}", node.node_id().short(), batch);
                }
                if !batch.is_empty() {
                    let out = tokio::task::block_in_place(|| session.receive(batch))
                        .map_err(|e| end(&conn, e))?;
                    bytes_sent += write(&mut send, &out).await.map_err(&lost)?;
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
                let trusted = tokio::task::block_in_place(|| node.is_trusted(&peer))
                    .map_err(|e| end(&conn, SessionEnd::from(e)))?;
                if !trusted {
                    return Err(end(&conn, SessionEnd::Revoked("this node no longer trusts the peer".into())));
                }
                let out = tokio::task::block_in_place(|| session.tick()).map_err(|e| end(&conn, e))?;
                bytes_sent += write(&mut send, &out).await.map_err(&lost)?;
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
async fn write(send: &mut quinn::SendStream, msgs: &[Message]) -> Result<u64, String> {
    if msgs.is_empty() {
        return Ok(0);
    }
    let mut wire = Vec::new();
    for m in msgs {
        encode_frame(&m.encode(), &mut wire).map_err(|e| e.to_string())?;
    }
    send.write_all(&wire).await.map_err(|e| e.to_string())?;
    Ok(wire.len() as u64)
}

/// Read until the peer finishes its side.
async fn drain(recv: &mut quinn::RecvStream) {
    let mut buf = [0u8; 4096];
    while let Ok(Some(_)) = recv.read(&mut buf).await {}
}
