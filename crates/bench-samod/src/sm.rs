//! Samod's side: repos with samod's filesystem storage (`TokioFilesystemStorage`) in temporary
//! directories, connected over TCP on loopback with samod's own length-delimited framing
//! (`Transport::from_tokio_io`, what samod's `TcpDialer` uses); the receiving repo runs in a
//! child process that counts every byte through its socket.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use automerge::{Automerge, ChangeHash};
use casebook::{FileId, Node};
use casebook_bench_data::{BoxResult, env_usize, fmt_dur, ms, threads, vm_hwm_kb};
use futures::StreamExt;
use futures::future::BoxFuture;
use samod::storage::TokioFilesystemStorage;
use samod::{
    BackoffConfig, ConnectionId, DialError, Dialer, DocumentId, PeerId, Repo, Transport, Url,
};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::cb::sorted;
use crate::child::{CHILD_ADDR_ENV, CHILD_DIR_ENV, CHILD_EXPECT_ENV, STALL_ENV, stall};

/// Alice's peer id in samod.
pub(crate) const ALICE: &str = "alice";
/// Bob's peer id in samod.
pub(crate) const BOB: &str = "bob";
/// How many documents Bob's repo `find`s at a time (default 64; 0: all at once).
pub(crate) const WINDOW_ENV: &str = "CASEBOOK_BENCH_SAMOD_WINDOW";

/// A samod repo on samod's filesystem storage in `dir`, on the current tokio runtime, with
/// the default share policy (every connected peer may read and write; announce).
pub(crate) async fn open_repo(dir: &Path, peer: &str) -> Repo {
    Repo::build_tokio()
        .with_storage(TokioFilesystemStorage::new(dir))
        .with_peer_id(PeerId::from(peer))
        .load()
        .await
}

/// A stream that counts the bytes read from and written to it.
struct Counted<S> {
    inner: S,
    read: Arc<AtomicU64>,
    written: Arc<AtomicU64>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = &polled {
            let n = buf.filled().len() - before;
            self.read.fetch_add(n as u64, Ordering::Relaxed);
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &polled {
            self.written.fetch_add(*n as u64, Ordering::Relaxed);
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = &polled {
            self.written.fetch_add(*n as u64, Ordering::Relaxed);
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Dials Alice's TCP address and counts every byte through the socket (samod's `TcpDialer`
/// with a counting stream and `TCP_NODELAY`, as on Alice's side).
struct CountingDialer {
    addr: SocketAddr,
    read: Arc<AtomicU64>,
    written: Arc<AtomicU64>,
}

impl Dialer for CountingDialer {
    type Error = std::convert::Infallible;

    fn url(&self) -> Url {
        Url::parse(&format!("tcp://{}", self.addr)).expect("a socket address makes a tcp URL")
    }

    fn connect(&self) -> BoxFuture<'static, Result<Transport, DialError<Self::Error>>> {
        let addr = self.addr;
        let read = self.read.clone();
        let written = self.written.clone();
        Box::pin(async move {
            let io = TcpStream::connect(addr)
                .await
                .map_err(DialError::transient)?;
            io.set_nodelay(true).map_err(DialError::transient)?;
            Ok(Transport::from_tokio_io(Counted {
                inner: io,
                read,
                written,
            }))
        })
    }
}

/// Alice's repo accepting TCP connections on 127.0.0.1 (port 0).
pub(crate) struct Serving {
    pub(crate) addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Serving {
    pub(crate) async fn start(repo: &Repo) -> BoxResult<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let acceptor = repo.make_acceptor(Url::parse(&format!("tcp://{addr}"))?)?;
        let task = tokio::spawn(async move {
            while let Ok((io, _)) = listener.accept().await {
                let _ = io.set_nodelay(true);
                if acceptor.accept_tokio_io(io).is_err() {
                    break;
                }
            }
        });
        Ok(Self { addr, task })
    }

    pub(crate) fn stop(self) {
        self.task.abort();
    }
}

/// Put every document into `repo` with `Repo::create` (which returns once it is stored),
/// `threads() * 4` at a time; their document ids, in order.
pub(crate) async fn populate(repo: &Repo, docs: Vec<Automerge>) -> BoxResult<Vec<DocumentId>> {
    let results: Vec<Result<DocumentId, samod::Stopped>> = futures::stream::iter(docs)
        .map(|doc| {
            let repo = repo.clone();
            async move { Ok(repo.create(doc).await?.document_id().clone()) }
        })
        .buffered(threads() * 4)
        .collect()
        .await;
    Ok(results.into_iter().collect::<Result<Vec<_>, _>>()?)
}

/// Bring each samod document up to the casebook document of the same file by applying the
/// changes casebook's node holds that samod's copy lacks (the same changes, so the same
/// heads); then check the heads agree. Returns the number of changes applied.
pub(crate) async fn transplant(
    repo: &Repo,
    node: &Node,
    pairs: &[(FileId, DocumentId)],
) -> BoxResult<usize> {
    let mut applied = 0;
    for (file, id) in pairs {
        let handle = repo
            .find(id.clone())
            .await?
            .ok_or_else(|| format!("samod does not hold {id}"))?;
        let source = node.load(*file)?;
        let (n, heads) = handle.with_document(|d| {
            let changes = source.get_changes(&d.get_heads());
            let n = changes.len();
            d.apply_changes(changes).map(|()| (n, d.get_heads()))
        })?;
        if sorted(heads) != sorted(source.get_heads()) {
            return Err(format!("samod's copy of {file} does not match casebook's").into());
        }
        applied += n;
    }
    Ok(applied)
}

/// Every document's current heads in `repo`, sorted (empty if it does not hold it).
pub(crate) async fn heads(repo: &Repo, ids: &[DocumentId]) -> BoxResult<Vec<Vec<ChangeHash>>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(match repo.find(id.clone()).await? {
            Some(h) => sorted(h.with_document(|d| d.get_heads())),
            None => Vec::new(),
        });
    }
    Ok(out)
}

/// Write the expected heads of each document, one line each: `id hash,hash`.
pub(crate) fn write_expect(
    path: &Path,
    ids: &[DocumentId],
    heads: &[Vec<ChangeHash>],
) -> BoxResult<()> {
    let mut text = String::new();
    for (id, h) in ids.iter().zip(heads) {
        let h: Vec<String> = h.iter().map(ToString::to_string).collect();
        text.push_str(&format!("{id} {}\n", h.join(",")));
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// Each document with the heads it should end with.
type Expect = Vec<(DocumentId, Vec<ChangeHash>)>;

fn read_expect(path: &Path) -> BoxResult<Expect> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (id, h) = line.split_once(' ').ok_or("bad expect line")?;
        let heads = h
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<ChangeHash>())
            .collect::<Result<Vec<_>, _>>()?;
        out.push((id.parse::<DocumentId>()?, sorted(heads)));
    }
    Ok(out)
}

fn child_env() -> BoxResult<(PathBuf, Expect)> {
    let dir = PathBuf::from(std::env::var_os(CHILD_DIR_ENV).ok_or("no directory given")?);
    let expect = PathBuf::from(std::env::var_os(CHILD_EXPECT_ENV).ok_or("no expect file")?);
    Ok((dir, read_expect(&expect)?))
}

/// Wait until `repo` holds document `id` with exactly `expected` heads and the peer on
/// `conn` has told us it has those heads too (our shared heads with it equal our heads).
async fn settle(
    repo: Repo,
    id: DocumentId,
    expected: Vec<ChangeHash>,
    conn: ConnectionId,
) -> Result<(), String> {
    let handle = repo
        .find(id.clone())
        .await
        .map_err(|_| "the repo stopped".to_string())?
        .ok_or_else(|| format!("{id} is unavailable"))?;
    // Listen before looking, so no change slips between the two.
    let mut changes = handle.changes();
    let mut heads = sorted(handle.with_document(|d| d.get_heads()));
    while heads != expected {
        match changes.next().await {
            Some(c) => heads = sorted(c.new_heads),
            None => return Err(format!("{id}: the document stopped")),
        }
    }
    handle.they_have_our_changes(conn).await;
    Ok(())
}

/// fsync every file and directory under `dir` modified since `since` (what samod's
/// filesystem storage leaves to the page cache), on a few threads; how many.
fn fsync_since(dir: &Path, since: SystemTime) -> BoxResult<usize> {
    let mut stack = vec![dir.to_path_buf()];
    let mut paths = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                stack.push(entry.path());
            } else if meta.modified()? >= since {
                paths.push(entry.path());
            }
        }
        if std::fs::metadata(&d)?.modified()? >= since {
            paths.push(d);
        }
    }
    let workers = (threads() * 4).max(1);
    let chunk = paths.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| -> BoxResult<()> {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> io::Result<()> {
                    for p in part {
                        std::fs::File::open(p)?.sync_all()?;
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join().map_err(|_| "an fsync thread panicked")??;
        }
        Ok(())
    })?;
    Ok(paths.len())
}

/// Child mode `samod-sync`: open Bob's repo, dial Alice over TCP, `find` every document,
/// wait until each has the expected heads and Alice has confirmed them, stop the repo (which
/// waits for every storage write), then fsync what it wrote. Reports each point in time from
/// the dial, the bytes through the socket and this process's peak RSS.
pub(crate) fn child_sync() -> BoxResult<()> {
    let (dir, expect) = child_env()?;
    let addr: SocketAddr = std::env::var(CHILD_ADDR_ENV)?.parse()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let since = SystemTime::now() - Duration::from_secs(1);
    let read = Arc::new(AtomicU64::new(0));
    let written = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let total = expect.len();
    let outcome = rt.block_on({
        let (read, written, done) = (read.clone(), written.clone(), done.clone());
        let dir = dir.clone();
        async move {
            let opened = Instant::now();
            let repo = open_repo(&dir, BOB).await;
            let open_time = opened.elapsed();
            let started = Instant::now();
            let dialer = repo.dial(
                BackoffConfig::default(),
                Arc::new(CountingDialer {
                    addr,
                    read: read.clone(),
                    written: written.clone(),
                }),
            )?;
            let watch = async {
                // Stuck: no document settled and no byte moved for `STALL_ENV` seconds.
                let stall = stall();
                let mut last = (0usize, 0u64);
                let mut last_change = Instant::now();
                loop {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    let now = (
                        done.load(Ordering::Relaxed),
                        read.load(Ordering::Relaxed) + written.load(Ordering::Relaxed),
                    );
                    if now != last {
                        last = now;
                        last_change = Instant::now();
                    } else if last_change.elapsed() > stall {
                        return format!(
                            "stuck after {}: {} of {total} documents settled, {} B moved, nothing for {} ({STALL_ENV})",
                            fmt_dur(started.elapsed()),
                            now.0,
                            now.1,
                            fmt_dur(stall)
                        );
                    }
                }
            };
            let work = async {
                dialer
                    .established()
                    .await
                    .map_err(|e| format!("dial failed: {e:?}"))?;
                let conn = dialer.connection_id().ok_or("no connection")?;
                let connected = started.elapsed();
                // `find` every document, at most `window` at a time (0: all at once).
                let window = match env_usize(WINDOW_ENV, 64) {
                    0 => total.max(1),
                    n => n,
                };
                let outcomes: Vec<_> = futures::stream::iter(expect)
                    .map(|(id, heads)| {
                        let repo = repo.clone();
                        let done = done.clone();
                        tokio::spawn(async move {
                            let r = settle(repo, id, heads, conn).await;
                            done.fetch_add(1, Ordering::Relaxed);
                            r
                        })
                    })
                    .buffer_unordered(window)
                    .collect()
                    .await;
                let mut failures: HashMap<String, usize> = HashMap::new();
                for outcome in outcomes {
                    match outcome {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => *failures.entry(e).or_default() += 1,
                        Err(e) => *failures.entry(e.to_string()).or_default() += 1,
                    }
                }
                if let Some((e, n)) = failures.into_iter().next() {
                    return Err(format!("{n} documents failed, e.g. {e}"));
                }
                Ok::<_, String>(connected)
            };
            let connected = tokio::select! {
                r = work => r?,
                stuck = watch => return Err::<_, Box<dyn std::error::Error>>(stuck.into()),
            };
            let converged = started.elapsed();
            let bytes_at_convergence = (written.load(Ordering::Relaxed), read.load(Ordering::Relaxed));
            repo.stop().await;
            let stored = started.elapsed();
            Ok((open_time, started, connected, converged, stored, bytes_at_convergence))
        }
    });
    let (open_time, started, connected, converged, stored, at_convergence) = outcome?;
    drop(rt);
    let fsynced = fsync_since(&dir, since)?;
    let durable = started.elapsed();
    println!(
        "child wall_ms={:.3} connected_ms={:.3} converged_ms={:.3} stored_ms={:.3} durable_ms={:.3} sent={} received={} sent_at_convergence={} received_at_convergence={} open_ms={:.3} hwm_kb={} fsynced={fsynced} stats=documents {total}",
        ms(durable),
        ms(connected),
        ms(converged),
        ms(stored),
        ms(durable),
        written.load(Ordering::Relaxed),
        read.load(Ordering::Relaxed),
        at_convergence.0,
        at_convergence.1,
        ms(open_time),
        vm_hwm_kb(),
    );
    Ok(())
}

/// Child mode `samod-verify`: open Bob's repo from disk (no network) and count the documents
/// whose heads equal the expected ones.
pub(crate) fn child_verify() -> BoxResult<()> {
    let (dir, expect) = child_env()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let started = Instant::now();
    let (equal, held) = rt.block_on(async {
        let repo = open_repo(&dir, BOB).await;
        let ids: Vec<DocumentId> = expect.iter().map(|(id, _)| id.clone()).collect();
        let found = heads(&repo, &ids).await;
        repo.stop().await;
        found.map(|found| {
            let equal = found
                .iter()
                .zip(&expect)
                .filter(|(f, (_, e))| !f.is_empty() && *f == e)
                .count();
            let held = found.iter().filter(|f| !f.is_empty()).count();
            (equal, held)
        })
    })?;
    println!(
        "child equal={equal} held={held} wall_ms={:.3} hwm_kb={}",
        ms(started.elapsed()),
        vm_hwm_kb()
    );
    Ok(())
}
