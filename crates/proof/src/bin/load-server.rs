//! The serving node of the load suite (`tests/load.rs`, suite 9), in a process of its own so
//! that its memory figures are its own.
//!
//! It opens the node in the data directory given as its argument and serves on 127.0.0.1
//! (port 0, accepting only: the peers dial it), as `casebook serve` does with two runtime
//! workers. At the same time its adviser logs a call on a random account file every
//! `--every-ms` milliseconds (default 20; a write that takes longer is followed at once by the
//! next), and the process prints `ack <file> <change> <microseconds>` once each commit has
//! returned, with how much of that time the writing thread spent on a CPU and waiting for one
//! (the rest it was blocked: on the store's write lock, the disk). When it reads `stop` on stdin the adviser stops, and it prints every file's heads;
//! it keeps serving until stdin closes. The lines are [`casebook_proof::load::protocol::Report`]s.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use casebook::{FileId, Node, edit};
use casebook_proof::load::process::ThreadTimes;
use casebook_proof::load::protocol::{Report, STOP};
use casebook_proof::rng::Rng;
use casebook_proof::sample::call;
use casebook_sync::{Event, Server};

const USAGE: &str = "usage: load-server DIR [--every-ms N] [--seed N]";

/// How long the sessions may take to end once stdin closed.
const SESSIONS_END_LIMIT: Duration = Duration::from_secs(30);

fn main() {
    if let Err(e) = run() {
        eprintln!("load-server: {e}");
        std::process::exit(1);
    }
}

/// The command line.
struct Args {
    dir: PathBuf,
    every: Duration,
    seed: u64,
}

fn args() -> Result<Args, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or(USAGE)?);
    let (mut every, mut seed) = (Duration::from_millis(20), 0);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--every-ms" => every = Duration::from_millis(value.parse()?),
            "--seed" => seed = value.parse()?,
            _ => return Err(USAGE.into()),
        }
    }
    Ok(Args { dir, every, seed })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let node = Arc::new(Node::open(&args.dir)?);
    let files: Vec<FileId> = node
        .summaries()?
        .iter()
        .map(|s| s.file_id.parse())
        .collect::<Result<_, _>>()?;
    if files.is_empty() {
        return Err("the node holds no account file".into());
    }
    // One thread prints every report, so lines from the writer and the sessions never mix.
    let (reports, printed) = mpsc::channel::<Report>();
    let printer = std::thread::spawn(move || {
        let mut out = std::io::stdout().lock();
        for r in printed {
            if writeln!(out, "{r}").and_then(|()| out.flush()).is_err() {
                break;
            }
        }
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let failures = reports.clone();
    let sessions = Arc::new(AtomicIsize::new(0));
    let running = Arc::clone(&sessions);
    let events = Arc::new(move |e: Event| match e {
        Event::Connected { .. } => {
            running.fetch_add(1, Ordering::SeqCst);
        }
        Event::Ended { peer, outcome } => {
            running.fetch_sub(1, Ordering::SeqCst);
            if let Err(why) = outcome {
                let _ = failures.send(Report::SessionFailed(format!("{}: {why}", peer.short())));
            }
        }
        _ => {}
    });
    let listen: SocketAddr = "127.0.0.1:0".parse()?;
    let server = runtime.block_on(async {
        Server::bind(Arc::clone(&node), listen, events).map(Server::listen_only)
    })?;
    reports.send(Report::Listening(server.local_addr()?))?;
    runtime.spawn(async move { server.run(std::future::pending()).await });

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (node, files, stop, reports) = (
            Arc::clone(&node),
            files.clone(),
            Arc::clone(&stop),
            reports.clone(),
        );
        std::thread::spawn(move || write_until(&node, &files, &args, &stop, &reports))
    };
    let mut writer = Some(writer);
    for line in std::io::stdin().lock().lines() {
        if line?.trim() != STOP {
            continue;
        }
        stop.store(true, Ordering::Relaxed);
        if let Some(w) = writer.take() {
            let writes = w.join().map_err(|_| "the writer panicked")?;
            reports.send(Report::Stopped { writes })?;
            for &file in &files {
                let heads = node.store().heads(file)?.unwrap_or_default();
                reports.send(Report::Heads { file, heads })?;
            }
            reports.send(Report::End)?;
        }
    }
    // Stdin closed: the parent is done with us.
    stop.store(true, Ordering::Relaxed);
    if let Some(w) = writer.take() {
        let _ = w.join();
    }
    // The parent stopped its peers first; let the sessions see that and end before the runtime
    // goes (a session still busy in the store would find its timers gone).
    let closing = Instant::now();
    while sessions.load(Ordering::SeqCst) > 0 && closing.elapsed() < SESSIONS_END_LIMIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(reports);
    runtime.shutdown_timeout(Duration::from_secs(2));
    let _ = printer.join();
    Ok(())
}

/// The adviser: log a call on a random file at the pace `args.every` until `stop`, reporting
/// each write once it is committed; returns how many were acknowledged.
fn write_until(
    node: &Node,
    files: &[FileId],
    args: &Args,
    stop: &AtomicBool,
    reports: &Sender<Report>,
) -> u64 {
    let mut rng = Rng::new(args.seed);
    let mut writes = 0u64;
    let mut next = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let file = files[rng.index(files.len())];
        let call = call(node.adviser(), node.now(), format!("load write {writes}"));
        let (started, times) = (Instant::now(), ThreadTimes::now().unwrap_or_default());
        match node.apply(file, |d, c, _| edit::log_interaction(d, c, &call)) {
            Ok(edited) => {
                let latency = started.elapsed();
                let spent = ThreadTimes::now().unwrap_or_default().since(times);
                if let Some(change) = edited.change {
                    writes += 1;
                    let _ = reports.send(Report::Ack {
                        file,
                        change,
                        latency,
                        on_cpu: spent.on_cpu,
                        waiting_for_cpu: spent.waiting_for_cpu,
                    });
                }
            }
            Err(e) => {
                let _ = reports.send(Report::WriteFailed(e.to_string()));
                break;
            }
        }
        // A steady pace: the next write is due `every` after this one was; a late write is
        // followed at once, without trying to catch up on the ones it delayed.
        next += args.every;
        let now = Instant::now();
        match next.checked_duration_since(now) {
            Some(wait) => std::thread::sleep(wait),
            None => next = now,
        }
    }
    writes
}
