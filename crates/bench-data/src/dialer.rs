//! Bob's side of a casebook sync benchmark, in its child process: his node opened and pointed
//! at Alice's server, and the `child ...` line that reports the sync to the parent.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Node, Peer};
use casebook_sync::Report;

use crate::{BoxResult, ms, vm_hwm_kb};

/// Bob's node opened for one sync, and the peer it is to dial.
#[derive(Debug)]
pub struct Dialer {
    /// Bob's node.
    pub node: Arc<Node>,
    /// The first peer Bob trusts (Alice), with the serving address as its only address.
    pub peer: Peer,
    /// How long `Node::open` took (reported as `open_ms`).
    pub open: Duration,
}

/// Open the node in `dir` (timed) and take its first trusted peer, to be dialled at `addr`:
/// the parent gives the child the server's address, which the peer entry need not hold.
///
/// # Errors
/// If the node cannot be opened or trusts no peer.
pub fn open_dialer(dir: &Path, addr: SocketAddr) -> BoxResult<Dialer> {
    let started = Instant::now();
    let node = Arc::new(Node::open(dir)?);
    let open = started.elapsed();
    let mut peer = node
        .peers()?
        .into_iter()
        .next()
        .ok_or("Bob trusts no peer")?;
    peer.addrs = vec![addr];
    Ok(Dialer { node, peer, open })
}

/// The `child key=value ...` line that reports one `sync_once` to the parent: its `wall` time,
/// the session's `report`, `open` (the node's opening time), then each of `extra` (a name and
/// milliseconds, for what only one benchmark measures), this process's peak RSS (read now) and,
/// last since it holds spaces, the session's stats.
pub fn sync_report_line(
    wall: Duration,
    report: &Report,
    open: Duration,
    extra: &[(&str, f64)],
) -> String {
    let extra: String = extra
        .iter()
        .map(|(name, millis)| format!(" {name}={millis:.3}"))
        .collect();
    let s = &report.stats;
    format!(
        "child wall_ms={:.3} millis={} sent={} received={} open_ms={:.3}{extra} hwm_kb={} stats=files_received {}, changes_received {}, files_sent {}, announced {}, announced_by_peer {}",
        ms(wall),
        report.millis,
        report.bytes_sent,
        report.bytes_received,
        ms(open),
        vm_hwm_kb(),
        s.files_received,
        s.changes_received,
        s.files_sent,
        s.announced,
        s.announced_by_peer
    )
}
