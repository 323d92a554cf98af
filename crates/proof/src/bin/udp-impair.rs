//! A userspace UDP impairment relay for the real-network suite (`tests/network.rs`), used where
//! the kernel has no `sch_netem`: it listens on one address per incoming peer link and forwards
//! every datagram to one local address (the node's `casebook serve`), and the replies back, each
//! delayed by a random time and dropped at random. QUIC runs over UDP, so a node that dials a
//! peer through the relay's address meets real latency, jitter, reordering and loss.
//!
//! ```text
//! udp-impair --seed N --to 127.0.0.1:7447 LISTEN [LISTEN...]
//! ```
//!
//! It prints `ready ADDR...` (the addresses bound; a LISTEN with port 0 gets any free port)
//! once every address is bound, then reads commands on stdin, one a line,
//! answering each on stdout:
//!
//! - `set LISTEN|all DELAY_MS JITTER_MS LOSS_PERCENT` → `ok`: from now on, datagrams of that
//!   link (both ways) wait DELAY ± JITTER ms (uniform) and are lost with that probability;
//! - `stats` → `stats FORWARDED DROPPED`: datagrams passed on and dropped so far.
//!
//! It exits when stdin closes, so it never outlives the test that started it.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use casebook_proof::rng::Rng;
use tokio::net::UdpSocket;

/// The largest datagram relayed (QUIC never sends more than the path MTU; this is ample).
const MAX_DATAGRAM: usize = 65_535;

/// How one link is impaired.
#[derive(Clone, Copy, Debug, Default)]
struct Impairment {
    delay_ms: u64,
    jitter_ms: u64,
    loss_percent: f64,
}

/// Everything the relay's tasks share.
#[derive(Debug)]
struct Shared {
    impairments: Mutex<HashMap<SocketAddr, Impairment>>,
    rng: Mutex<Rng>,
    forwarded: AtomicU64,
    dropped: AtomicU64,
}

impl Shared {
    /// The fate of one datagram on link `link`: `None` if it is lost, else how long it waits.
    fn fate(&self, link: SocketAddr) -> Option<Duration> {
        let imp = self
            .impairments
            .lock()
            .map(|m| m.get(&link).copied().unwrap_or_default())
            .unwrap_or_default();
        let mut rng = self.rng.lock().ok()?;
        // Loss in millionths, so fractional percentages (0.5%) mean what they say.
        let lost = (rng.below(1_000_000) as f64) < imp.loss_percent * 10_000.0;
        if lost {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        self.forwarded.fetch_add(1, Ordering::Relaxed);
        let low = imp.delay_ms.saturating_sub(imp.jitter_ms);
        let high = imp.delay_ms + imp.jitter_ms;
        // Microseconds, so small jitters still spread datagrams out (and reorder some).
        let micros = low * 1_000 + rng.below((high - low) * 1_000 + 1);
        Some(Duration::from_micros(micros))
    }
}

/// Send `bytes` from `socket` to `to` after `after`, on a task of its own so later datagrams
/// with shorter delays overtake it (as they would on a jittery path).
fn send_later(socket: Arc<UdpSocket>, bytes: Vec<u8>, to: SocketAddr, after: Duration) {
    tokio::spawn(async move {
        if !after.is_zero() {
            tokio::time::sleep(after).await;
        }
        // A link that is down makes the send fail (no route): the datagram is lost, as it
        // would be on the wire.
        let _ = socket.send_to(&bytes, to).await;
    });
}

/// Relay one link: datagrams from each peer address arriving on `listen` go to `to` from a
/// socket of that peer's own, and what comes back on it goes to the peer from `listen`.
async fn relay(listen: Arc<UdpSocket>, to: SocketAddr, shared: Arc<Shared>) {
    let Ok(link) = listen.local_addr() else {
        return;
    };
    let mut upstreams: HashMap<SocketAddr, Arc<UdpSocket>> = HashMap::new();
    let mut buf = vec![0u8; MAX_DATAGRAM];
    loop {
        let Ok((n, from)) = listen.recv_from(&mut buf).await else {
            // An error ends one receive, not the relay; the pause keeps a lasting one from
            // spinning.
            tokio::time::sleep(Duration::from_millis(1)).await;
            continue;
        };
        let upstream = match upstreams.get(&from) {
            Some(u) => Arc::clone(u),
            None => {
                let Ok(socket) = UdpSocket::bind(SocketAddr::new(to.ip(), 0)).await else {
                    continue;
                };
                let socket = Arc::new(socket);
                upstreams.insert(from, Arc::clone(&socket));
                tokio::spawn(answer(
                    Arc::clone(&socket),
                    Arc::clone(&listen),
                    from,
                    link,
                    Arc::clone(&shared),
                ));
                socket
            }
        };
        if let Some(after) = shared.fate(link) {
            send_later(upstream, buf[..n].to_vec(), to, after);
        }
    }
}

/// Carry the local side's answers on `upstream` back to `peer` from `listen`.
async fn answer(
    upstream: Arc<UdpSocket>,
    listen: Arc<UdpSocket>,
    peer: SocketAddr,
    link: SocketAddr,
    shared: Arc<Shared>,
) {
    let mut buf = vec![0u8; MAX_DATAGRAM];
    loop {
        let Ok(n) = upstream.recv(&mut buf).await else {
            tokio::time::sleep(Duration::from_millis(1)).await;
            continue;
        };
        if let Some(after) = shared.fate(link) {
            send_later(Arc::clone(&listen), buf[..n].to_vec(), peer, after);
        }
    }
}

/// Apply one command line from stdin; the answer to print.
fn command(line: &str, links: &[SocketAddr], shared: &Shared) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["set", which, delay, jitter, loss] => {
            let (Ok(delay_ms), Ok(jitter_ms), Ok(loss_percent)) =
                (delay.parse(), jitter.parse(), loss.parse::<f64>())
            else {
                return format!("error: bad numbers in '{line}'");
            };
            let imp = Impairment {
                delay_ms,
                jitter_ms,
                loss_percent,
            };
            let targets: Vec<SocketAddr> = if *which == "all" {
                links.to_vec()
            } else {
                match which.parse() {
                    Ok(a) if links.contains(&a) => vec![a],
                    _ => return format!("error: '{which}' is not a relayed address"),
                }
            };
            let Ok(mut map) = shared.impairments.lock() else {
                return "error: poisoned".into();
            };
            for t in targets {
                map.insert(t, imp);
            }
            "ok".into()
        }
        ["stats"] => format!(
            "stats {} {}",
            shared.forwarded.load(Ordering::Relaxed),
            shared.dropped.load(Ordering::Relaxed)
        ),
        _ => format!("error: unknown command '{line}'"),
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("udp-impair: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: udp-impair --seed N --to IP:PORT LISTEN [LISTEN...]";
    let mut args = std::env::args().skip(1);
    let (mut seed, mut to, mut listens) = (None, None, Vec::new());
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = Some(args.next().ok_or(usage)?.parse::<u64>()?),
            "--to" => to = Some(args.next().ok_or(usage)?.parse::<SocketAddr>()?),
            other => listens.push(other.parse::<SocketAddr>()?),
        }
    }
    let (Some(seed), Some(to)) = (seed, to) else {
        return Err(usage.into());
    };
    if listens.is_empty() {
        return Err(usage.into());
    }
    let shared = Arc::new(Shared {
        impairments: Mutex::new(HashMap::new()),
        rng: Mutex::new(Rng::new(seed)),
        forwarded: AtomicU64::new(0),
        dropped: AtomicU64::new(0),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    // Port 0 binds any free port; from here on a link is named by the address actually bound.
    let mut links = Vec::new();
    for addr in &listens {
        let socket = runtime.block_on(UdpSocket::bind(addr))?;
        links.push(socket.local_addr()?);
        runtime.spawn(relay(Arc::new(socket), to, Arc::clone(&shared)));
    }
    let mut out = std::io::stdout().lock();
    let names: Vec<String> = links.iter().map(ToString::to_string).collect();
    writeln!(out, "ready {}", names.join(" "))?;
    out.flush()?;
    for line in std::io::stdin().lock().lines() {
        let answer = command(line?.trim(), &links, &shared);
        writeln!(out, "{answer}")?;
        out.flush()?;
    }
    Ok(())
}
