//! Casebook's side, as casebook's sync benchmark measures it: Bob's node syncs once with
//! `sync_once` (QUIC on loopback) from a child process, and the parent compares heads.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use automerge::ChangeHash;
use casebook::{FileId, Node};
use casebook_bench_data::{BoxResult, fmt_dur, ms, vm_hwm_kb};
use casebook_sync::driver::ProgressFn;
use casebook_sync::sync_once;

use crate::child::{CHILD_ADDR_ENV, CHILD_DIR_ENV, STALL_ENV, stall};

/// The child's last progress.
#[derive(Debug)]
struct Seen {
    at: Instant,
    text: String,
}

/// Child mode `casebook-sync`: open Bob's node, dial Alice once with `sync_once`, report the
/// wall time of that call, its `Report` and this process's peak RSS.
pub(crate) fn child_sync() -> BoxResult<()> {
    let dir = std::env::var_os(CHILD_DIR_ENV).ok_or("no directory given")?;
    let addr: SocketAddr = std::env::var(CHILD_ADDR_ENV)?.parse()?;
    let started = Instant::now();
    let node = Arc::new(Node::open(Path::new(&dir))?);
    let open_time = started.elapsed();
    let mut peer = node
        .peers()?
        .into_iter()
        .next()
        .ok_or("Bob trusts no peer")?;
    peer.addrs = vec![addr];
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // A session that receives nothing for `STALL_ENV` seconds is stuck (the connection's
    // keep-alives would hold it open forever).
    let stall = stall();
    let begun = Instant::now();
    let seen = Arc::new(Mutex::new(Seen {
        at: begun,
        text: "no batch received".into(),
    }));
    let noted = seen.clone();
    // When the first account file arrived (all before it is set-up and the peer's silence).
    let first_file = Arc::new(Mutex::new(None::<Duration>));
    let first = first_file.clone();
    let progress: ProgressFn = Box::new(move |p| {
        if p.stats.files_received > 0
            && let Ok(mut f) = first.lock()
            && f.is_none()
        {
            *f = Some(begun.elapsed());
        }
        if let Ok(mut n) = noted.lock() {
            n.at = Instant::now();
            n.text = format!(
                "last batch at {}: {:?}, {} files in play, {} B out, {} B in",
                fmt_dur(begun.elapsed()),
                p.stats,
                p.in_play,
                p.bytes_sent,
                p.bytes_received
            );
        }
    });
    let started = Instant::now();
    let session = {
        let node = node.clone();
        rt.spawn(async move { sync_once(node, &peer, Some(progress)).await })
    };
    let watched = seen.clone();
    let outcome = rt.block_on(async move {
        tokio::select! {
            joined = session => Some(joined),
            () = async {
                loop {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    if watched.lock().map(|s| s.at.elapsed() > stall).unwrap_or(true) {
                        break;
                    }
                }
            } => None,
        }
    });
    let report = match outcome {
        Some(joined) => joined??,
        None => {
            let last = seen.lock().map(|s| s.text.clone()).unwrap_or_default();
            return Err(format!(
                "sync_once had not returned after {}, nothing received for {} ({STALL_ENV}); {last}",
                fmt_dur(started.elapsed()),
                fmt_dur(stall)
            )
            .into());
        }
    };
    let wall = started.elapsed();
    drop(rt);
    let s = &report.stats;
    println!(
        "child wall_ms={:.3} millis={} sent={} received={} open_ms={:.3} first_file_ms={:.3} hwm_kb={} stats=files_received {}, changes_received {}, files_sent {}, announced {}, announced_by_peer {}",
        ms(wall),
        report.millis,
        report.bytes_sent,
        report.bytes_received,
        ms(open_time),
        first_file.lock().ok().and_then(|f| *f).map_or(-1.0, ms),
        vm_hwm_kb(),
        s.files_received,
        s.changes_received,
        s.files_sent,
        s.announced,
        s.announced_by_peer
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
