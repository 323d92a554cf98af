//! `sync_once` under a stall watchdog, for a benchmark's child process: a session that has
//! received nothing for a while is stuck (the connection's keep-alives would hold it open
//! forever), so it is given up and reported with the last progress it made.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::{Node, Peer};
use casebook_sync::driver::ProgressFn;
use casebook_sync::{Progress, Report, sync_once};

use crate::{BoxResult, fmt_dur};

/// What a watched `sync_once` returned.
#[derive(Debug)]
pub struct Watched {
    /// The session's report.
    pub report: Report,
    /// The wall time of the `sync_once` call.
    pub wall: Duration,
}

/// The session's last progress, as the watchdog sees it.
#[derive(Debug)]
struct Seen {
    at: Instant,
    text: String,
}

/// Dial `peer` once from `node` with `sync_once` on a runtime of its own (dropped before
/// returning) and wait for it, giving up when nothing has been received for `stall`. The
/// caller keeps its `node`, so the node is not closed inside the timed call.
///
/// Progress is reported after every batch received; each one is noted for the watchdog and
/// then given to `on_progress` with the time since the watch began, for what the caller
/// measures or logs itself.
///
/// # Errors
/// If the runtime cannot be built, the session fails or its task panics, or it stalls: that
/// error says how long it ran, the `stall`, `stall_env` (the environment variable that set it)
/// and the last progress seen.
pub fn sync_once_watched(
    node: &Arc<Node>,
    peer: Peer,
    stall: Duration,
    stall_env: &str,
    mut on_progress: impl FnMut(&Progress, Duration) + Send + 'static,
) -> BoxResult<Watched> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let begun = Instant::now();
    let seen = Arc::new(Mutex::new(Seen {
        at: begun,
        text: "no batch received".into(),
    }));
    let noted = seen.clone();
    let progress: ProgressFn = Box::new(move |p| {
        let since = begun.elapsed();
        if let Ok(mut n) = noted.lock() {
            n.at = Instant::now();
            n.text = format!(
                "last batch at {}: {:?}, {} files in play, {} B out, {} B in",
                fmt_dur(since),
                p.stats,
                p.in_play,
                p.bytes_sent,
                p.bytes_received
            );
        }
        on_progress(p, since);
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
                "sync_once had not returned after {}, nothing received for {} ({stall_env}); {last}",
                fmt_dur(started.elapsed()),
                fmt_dur(stall)
            )
            .into());
        }
    };
    let wall = started.elapsed();
    drop(rt);
    Ok(Watched { report, wall })
}
