//! Casebook's side, as casebook's sync benchmark measures it: Bob's node syncs once with
//! `sync_once` (QUIC on loopback) from a child process, and the parent compares heads.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use automerge::ChangeHash;
use casebook::{FileId, Node};
use casebook_bench_data::{
    BoxResult, ms, open_dialer, sync_once_watched, sync_report_line, vm_hwm_kb,
};

use crate::child::{CHILD_ADDR_ENV, CHILD_DIR_ENV, STALL_ENV, stall};

/// Child mode `casebook-sync`: open Bob's node, dial Alice once with `sync_once`, report the
/// wall time of that call, its `Report` and this process's peak RSS.
pub(crate) fn child_sync() -> BoxResult<()> {
    let dir = std::env::var_os(CHILD_DIR_ENV).ok_or("no directory given")?;
    let addr: SocketAddr = std::env::var(CHILD_ADDR_ENV)?.parse()?;
    let bob = open_dialer(Path::new(&dir), addr)?;
    // When the first account file arrived (all before it is set-up and the peer's silence).
    let first_file = Arc::new(Mutex::new(None::<Duration>));
    let first = first_file.clone();
    // A session that receives nothing for `STALL_ENV` seconds is stuck (the connection's
    // keep-alives would hold it open forever).
    let synced = sync_once_watched(&bob.node, bob.peer, stall(), STALL_ENV, move |p, since| {
        if p.stats.files_received > 0
            && let Ok(mut f) = first.lock()
            && f.is_none()
        {
            *f = Some(since);
        }
    })?;
    let first_file_ms = first_file.lock().ok().and_then(|f| *f).map_or(-1.0, ms);
    println!(
        "{}",
        sync_report_line(
            synced.wall,
            &synced.report,
            bob.open,
            &[("first_file_ms", first_file_ms)]
        )
    );
    Ok(())
}

/// Child mode `noop`: the peak RSS of this binary doing nothing, for comparison.
pub(crate) fn child_noop() -> BoxResult<()> {
    println!("child wall_ms=0 hwm_kb={}", vm_hwm_kb());
    Ok(())
}

/// Heads sorted, so two lists compare as sets.
pub(crate) fn sorted(mut h: Vec<ChangeHash>) -> Vec<ChangeHash> {
    h.sort();
    h
}

/// Every file's current heads on `node`, sorted (empty for a file it does not hold).
pub(crate) fn heads(node: &Node, ids: &[FileId]) -> BoxResult<Vec<Vec<ChangeHash>>> {
    ids.iter()
        .map(|id| Ok(sorted(node.store().heads(*id)?.unwrap_or_default())))
        .collect()
}

/// Open Bob's store and count the files whose heads equal Alice's; and how many Bob holds.
pub(crate) fn verify(alice: &Node, bob_dir: &Path, ids: &[FileId]) -> BoxResult<(usize, u64)> {
    let bob = Node::open(bob_dir)?;
    let a = heads(alice, ids)?;
    let b = heads(&bob, ids)?;
    let equal = a
        .iter()
        .zip(&b)
        .filter(|(a, b)| !a.is_empty() && a == b)
        .count();
    Ok((equal, bob.store().file_count()?))
}
