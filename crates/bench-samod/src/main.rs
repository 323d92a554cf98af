//! Casebook's sync against samod (the Rust implementation of automerge-repo), on the same
//! account files, in one run; prints a markdown table with both engines and samod ÷ casebook.
//!
//! ```text
//! cargo run --release --manifest-path crates/bench-samod/Cargo.toml
//! CASEBOOK_BENCH_FILES=200 cargo run --release --manifest-path crates/bench-samod/Cargo.toml
//! ```
//!
//! `CASEBOOK_BENCH_FILES` (default 10,000) account files are built as casebook's sync benchmark
//! builds them (the shared generator `casebook_bench_data`, with `Spec::shared`): five people
//! and `CASEBOOK_BENCH_INTERACTIONS` (default 50) logged interactions each, every file shared
//! with Bob for reading, committed to Alice's casebook node. Samod's Alice gets the *same*
//! Automerge documents: each one, loaded from Alice's store, is given to `Repo::create`; her
//! repo is then stopped and opened again, so both Alices serve from disk. Every later change
//! is made once through casebook's `Node` and copied into samod as the same Automerge changes,
//! so both engines always hold documents with identical heads.
//!
//! Each engine has two nodes in temporary directories. Casebook: Alice serves
//! (`Server::bind(..).listen_only()`) in this process; Bob dials once with `sync_once` over
//! QUIC on 127.0.0.1. Samod: Alice's repo (samod's `TokioFilesystemStorage`, default share
//! policy) accepts TCP on 127.0.0.1 with samod's length-delimited framing
//! (`Transport::from_tokio_io`, what samod's `TcpDialer` speaks), `TCP_NODELAY` on both ends;
//! Bob's repo dials, `find`s every document and waits until each has the expected heads and
//! Alice has confirmed she holds them (`they_have_our_changes`), then `Repo::stop` (which
//! waits for every storage write). Samod's filesystem storage never fsyncs, so Bob's process
//! then fsyncs every file and directory it wrote: samod's "durable" time includes that,
//! "stored" does not. Each receiving side runs in a child process (this binary re-executed
//! with `CASEBOOK_BENCH_CHILD`), which reports its wall time, the bytes on the wire both ways
//! (casebook: its frames, from `Report`; samod: every byte through the TCP socket) and its
//! peak RSS (`VmHWM`). After every sync a fresh process or node reads Bob's copy back from
//! disk and compares every document's heads with what Alice holds.
//!
//! Figures: (a) initial clone into an empty node: time to durable, bytes, peak RSS;
//! (b) reconnect with nothing changed and after Alice changed 100 files: time and bytes;
//! (c) Alice changed 100 files, Bob 100 others and both the same 10: time to convergence
//! (after a preparatory sync in which Alice grants Bob write access to his files, which
//! casebook requires; samod gets the same change). It never fails on a number; a sync with
//! no progress for `CASEBOOK_BENCH_STALL` seconds (default 300; casebook's sync bench uses 60) is
//! reported as failed. `CASEBOOK_BENCH_SAMOD_WINDOW` bounds how many documents samod's Bob
//! `find`s at a time (default 64; 0: all at once).

mod cb;
mod child;
mod compare;
mod sm;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use automerge::ChangeHash;
use casebook::edit;
use casebook::{FileId, Node};
use casebook_bench_data::{
    ALICE, BOB, BOB_PEER, BoxResult, CHILD_ENV, Method, Pair, SHARED_PEOPLE as PEOPLE, Share, Spec,
    Table, check_direct, env_usize, fmt_bytes, fmt_dur, fmt_kb, interaction, populate, reset_hwm,
    split_spread, spread, threads, vm_hwm_kb, vm_rss_kb,
};
use chrono::Utc;
use samod::{DocumentId, Repo};

use crate::child::{CHILD_ADDR_ENV, CHILD_DIR_ENV, CHILD_EXPECT_ENV, ChildReport, run_child};
use crate::compare::{Comparison, Measure};

const FILES_ENV: &str = "CASEBOOK_BENCH_FILES";
const INTERACTIONS_ENV: &str = "CASEBOOK_BENCH_INTERACTIONS";
/// Documents loaded from Alice's store and handed to samod at a time.
const SAMOD_BATCH: usize = 250;

fn main() -> BoxResult<()> {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("casebook-sync") => {
            return cb::child_sync().inspect_err(|e| println!("child failed: {e}"));
        }
        Ok("samod-sync") => return sm::child_sync().inspect_err(|e| println!("child failed: {e}")),
        Ok("samod-verify") => {
            return sm::child_verify().inspect_err(|e| println!("child failed: {e}"));
        }
        Ok("noop") => return cb::child_noop(),
        Ok(other) => return Err(format!("unknown {CHILD_ENV} mode '{other}'").into()),
        Err(_) => {}
    }
    Bench::run()
}

/// One engine's figures for one sync.
#[derive(Debug, Clone, Copy)]
struct Figures {
    time: Duration,
    stored: Duration,
    bytes: u64,
    hwm_kb: u64,
}

/// Everything the run holds between scenarios.
struct Bench {
    rt: tokio::runtime::Runtime,
    tmp: tempfile::TempDir,
    alice: Arc<Node>,
    cb_bob_dir: std::path::PathBuf,
    cb_addr: SocketAddr,
    sm_alice: Repo,
    sm_bob_dir: std::path::PathBuf,
    sm_addr: SocketAddr,
    ids: Vec<FileId>,
    doc_ids: Vec<DocumentId>,
    out: Table,
    cmp: Comparison,
}

impl Bench {
    fn run() -> BoxResult<()> {
        let run_started = Instant::now();
        let files = env_usize(FILES_ENV, 10_000).max(1);
        let per_file = env_usize(INTERACTIONS_ENV, 50);
        let method = Method::from_env();
        let now = Utc::now();
        let mut out = Table::default();

        println!("casebook vs samod sync benchmark");
        println!(
            "files {files}, {PEOPLE} people and {per_file} interactions each, {} threads",
            threads()
        );
        println!();

        let tmp = tempfile::TempDir::new()?;
        let alice_dir = tmp.path().join("casebook-alice");
        let cb_bob_dir = tmp.path().join("casebook-bob");
        let sm_alice_dir = tmp.path().join("samod-alice");
        let sm_bob_dir = tmp.path().join("samod-bob");
        std::fs::create_dir_all(&sm_bob_dir)?;

        // Casebook: Alice serves on loopback and only accepts; each node trusts the other.
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        let Pair {
            alice,
            bob_id,
            serving,
        } = Pair::start(&rt, &alice_dir, &cb_bob_dir, |r| {
            format!(
                "{} B out, {} B in, {} ms",
                r.bytes_sent, r.bytes_received, r.millis
            )
        })?;
        let cb_addr = serving.addr;

        // Population of casebook's Alice, the direct path checked against the real edits.
        let share = Share {
            sharee: bob_id,
            label: alice.find_peer(BOB_PEER)?.name,
        };
        let spec = Spec::shared(&alice, share, per_file, now);
        if method == Method::Direct {
            let checked = match check_direct(&spec)? {
                None => "checked".to_string(),
                Some(problem) => {
                    println!(
                        "warning: the direct population path differs from the edits: {problem}"
                    );
                    format!("NO: {problem}")
                }
            };
            out.row("population", "direct path = edit path (one file)", checked);
        }
        eprintln!("populating casebook with {files} files");
        let started = Instant::now();
        let ids = populate(&alice, &spec, files, method)?;
        out.row(
            "population",
            &format!(
                "casebook: build + commit {files} files ({})",
                method.as_str()
            ),
            fmt_dur(started.elapsed()),
        );
        let first = alice.read(ids[0])?;
        out.row(
            "population",
            "first file read back (people, interactions, shared with Bob)",
            format!(
                "{}, {}, {:?}",
                first.people.len(),
                first.interactions.len(),
                first.sharing.get(&bob_id.to_string())
            ),
        );
        out.row(
            "population",
            "changes per file",
            alice.load(ids[0])?.get_changes(&[]).len().to_string(),
        );
        out.row(
            "population",
            "casebook Alice's store",
            fmt_bytes(std::fs::metadata(alice_dir.join(casebook::STORE_FILE))?.len()),
        );

        // Samod's Alice: the same documents, each handed to `Repo::create`; then reopened.
        eprintln!("populating samod with the same {files} documents");
        let started = Instant::now();
        let (doc_ids, samod_heads) = rt.block_on(async {
            let repo = sm::open_repo(&sm_alice_dir, sm::ALICE).await;
            let mut doc_ids = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(SAMOD_BATCH) {
                let docs = chunk
                    .iter()
                    .map(|id| alice.load(*id))
                    .collect::<Result<Vec<_>, _>>()?;
                doc_ids.extend(sm::populate(&repo, docs).await?);
            }
            let heads = sm::heads(&repo, &doc_ids).await?;
            repo.stop().await;
            Ok::<_, Box<dyn std::error::Error>>((doc_ids, heads))
        })?;
        out.row(
            "population",
            &format!("samod: Repo::create of the same {files} documents"),
            fmt_dur(started.elapsed()),
        );
        out.row(
            "population",
            "samod Alice's storage",
            fmt_bytes(dir_size(&sm_alice_dir)?),
        );
        let (sm_alice, sm_serving) = rt.block_on(async {
            let repo = sm::open_repo(&sm_alice_dir, sm::ALICE).await;
            let serving = sm::Serving::start(&repo).await?;
            Ok::<_, Box<dyn std::error::Error>>((repo, serving))
        })?;
        let sm_addr = sm_serving.addr;

        let mut bench = Bench {
            rt,
            tmp,
            alice,
            cb_bob_dir,
            cb_addr,
            sm_alice,
            sm_bob_dir,
            sm_addr,
            ids,
            doc_ids,
            out,
            cmp: Comparison::default(),
        };
        // The same documents on both sides: samod's copies have casebook's heads.
        let alice_heads = cb::heads(&bench.alice, &bench.ids)?;
        let same = alice_heads
            .iter()
            .zip(&samod_heads)
            .filter(|(a, b)| a == b)
            .count();
        bench.out.row(
            "population",
            "samod's documents have casebook's heads",
            format!("{same} of {files}"),
        );

        bench.scenarios(files)?;

        let sessions = serving.stop(&bench.rt);
        sm_serving.stop();
        bench.rt.block_on(bench.sm_alice.stop());
        for (i, o) in sessions.lines().into_iter().enumerate() {
            bench
                .out
                .row("casebook Alice's server", &format!("session {}", i + 1), o);
        }

        println!();
        println!(
            "machine: {} cores (std::thread::available_parallelism), {} {}; Alice (both \
             engines) serves in the bench process and Bob syncs from a child process, all on \
             these cores; loopback; page cache warm. Whole run: {}",
            threads(),
            std::env::consts::OS,
            std::env::consts::ARCH,
            fmt_dur(run_started.elapsed())
        );
        println!();
        println!("## samod ÷ casebook ({files} files)");
        println!();
        bench.cmp.print();
        println!();
        println!("## details");
        println!();
        bench.out.print();
        drop(bench.tmp);
        Ok(())
    }

    fn scenarios(&mut self, files: usize) -> BoxResult<()> {
        let ids = self.ids.clone();

        if let Ok(c) = run_child("noop", &[]) {
            self.out.row(
                "children",
                "baseline peak RSS of a child doing nothing",
                fmt_kb(c.u64("hwm_kb")),
            );
        }

        self.out.row(
            "children",
            "samod: documents Bob's repo finds at a time (CASEBOOK_BENCH_SAMOD_WINDOW)",
            match env_usize(sm::WINDOW_ENV, 64) {
                0 => "all at once".to_string(),
                n => n.to_string(),
            },
        );

        // (a) Initial clone into empty nodes.
        eprintln!("(a) initial clone of {files} files");
        let g = "(a) initial clone";
        let c = self.cb_sync(g);
        let s = self.sm_sync(g, None);
        self.compare(&format!("{g}: time to durable and verified"), c, s, |f| {
            Measure::Time(f.time)
        });
        self.compare(
            &format!("{g}: time to stored (samod: before its fsync)"),
            c,
            s,
            |f| Measure::Time(f.stored),
        );
        self.compare(&format!("{g}: bytes on the wire"), c, s, |f| {
            Measure::Bytes(f.bytes)
        });
        self.compare(
            &format!("{g}: peak RSS of the receiving process"),
            c,
            s,
            |f| Measure::Kib(f.hwm_kb),
        );

        // (b) Reconnect with nothing changed, then after Alice changed d files.
        eprintln!("(b) reconnect");
        let g = "(b) reconnect, d=0";
        let c = self.cb_sync(g);
        let s = self.sm_sync(g, None);
        self.compare_time_bytes(g, c, s);
        let d = 100.min(files);
        let g = format!("(b) reconnect, d={d}");
        let changed = spread(&ids, d, 0);
        let started = Instant::now();
        for (i, file) in changed.iter().enumerate() {
            let it = interaction(900_000 + i as u64, Utc::now(), ALICE);
            self.alice
                .apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
        }
        self.out.row(
            &g,
            &format!("casebook Alice logs {d} interactions (Node::apply each)"),
            fmt_dur(started.elapsed()),
        );
        self.copy_to_samod(&g, &changed)?;
        let c = self.cb_sync(&g);
        let s = self.sm_sync(&g, None);
        self.compare_time_bytes(&g, c, s);

        // (c) Both sides change files, some the same ones.
        let common = 10.min(files / 21);
        let each = 100.min((files - common) / 2);
        let (only_alice, rest) = split_spread(&ids, each, 1);
        let (only_bob, rest) = split_spread(&rest, each, 2);
        let (both, _) = split_spread(&rest, common, 3);
        let bob_files: Vec<FileId> = only_bob.iter().chain(&both).copied().collect();
        let alice_files: Vec<FileId> = only_alice.iter().chain(&both).copied().collect();
        eprintln!("(c) both sides changed");
        let prep = format!("(c) prep: grant Bob write on {}", bob_files.len());
        let started = Instant::now();
        for file in &bob_files {
            self.alice.share(*file, BOB_PEER, casebook::schema::WRITE)?;
        }
        self.out.row(
            &prep,
            "casebook Alice shares (Node::share each)",
            fmt_dur(started.elapsed()),
        );
        self.copy_to_samod(&prep, &bob_files)?;
        let c = self.cb_sync(&prep);
        let s = self.sm_sync(&prep, None);
        self.compare_time_bytes(&prep, c, s);

        let g = format!("(c) both changed {each}+{each}, {common} common");
        for (i, file) in alice_files.iter().enumerate() {
            let it = interaction(800_000 + i as u64, Utc::now(), ALICE);
            self.alice
                .apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
        }
        self.copy_to_samod(&g, &alice_files)?;
        let bob = Node::open(&self.cb_bob_dir)?;
        for (i, file) in bob_files.iter().enumerate() {
            let it = interaction(700_000 + i as u64, Utc::now(), BOB);
            bob.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
        }
        // Bob's same changes into samod's Bob (his repo opened here, with no connection).
        let pairs = self.pairs(&bob_files);
        let copied = self.rt.block_on(async {
            let repo = sm::open_repo(&self.sm_bob_dir, sm::BOB).await;
            let copied = sm::transplant(&repo, &bob, &pairs).await;
            repo.stop().await;
            copied
        })?;
        self.out.row(
            &g,
            "Bob's changes copied into samod's Bob",
            format!("{copied} changes"),
        );
        // What both should converge to: Alice's documents merged with Bob's.
        let mut expected = cb::heads(&self.alice, &ids)?;
        for file in &bob_files {
            let i = ids.iter().position(|f| f == file).ok_or("unknown file")?;
            let mut merged = self.alice.load(*file)?;
            merged.merge(&mut bob.load(*file)?)?;
            expected[i] = cb::sorted(merged.get_heads());
        }
        drop(bob);
        let c = self.cb_sync(&g);
        let cb_alice_ok = cb::heads(&self.alice, &ids)? == expected;
        self.out.row(
            &g,
            "casebook: Alice holds the merged heads of every file",
            if cb_alice_ok { "yes" } else { "NO" },
        );
        let s = self.sm_sync(&g, Some(&expected));
        self.compare(&format!("{g}: time to convergence"), c, s, |f| {
            Measure::Time(f.time)
        });
        self.compare(&format!("{g}: bytes on the wire"), c, s, |f| {
            Measure::Bytes(f.bytes)
        });
        let two_heads = both
            .iter()
            .filter_map(|f| ids.iter().position(|x| x == f))
            .filter(|i| expected[*i].len() == 2)
            .count();
        self.out.row(
            &g,
            "common files whose merged heads are both sides' changes",
            format!("{two_heads} of {common}"),
        );
        Ok(())
    }

    fn pairs(&self, files: &[FileId]) -> Vec<(FileId, DocumentId)> {
        files
            .iter()
            .filter_map(|f| {
                let i = self.ids.iter().position(|x| x == f)?;
                Some((*f, self.doc_ids[i].clone()))
            })
            .collect()
    }

    /// Copy casebook Alice's new changes of `files` into samod's Alice.
    fn copy_to_samod(&mut self, group: &str, files: &[FileId]) -> BoxResult<()> {
        let pairs = self.pairs(files);
        let started = Instant::now();
        let n = self
            .rt
            .block_on(sm::transplant(&self.sm_alice, &self.alice, &pairs))?;
        self.out.row(
            group,
            "the same changes copied into samod's Alice",
            format!("{n} changes in {}", fmt_dur(started.elapsed())),
        );
        Ok(())
    }

    fn compare(
        &mut self,
        figure: &str,
        c: Option<Figures>,
        s: Option<Figures>,
        pick: impl Fn(&Figures) -> Measure,
    ) {
        self.cmp
            .row(figure, c.as_ref().map(&pick), s.as_ref().map(&pick));
    }

    fn compare_time_bytes(&mut self, g: &str, c: Option<Figures>, s: Option<Figures>) {
        self.compare(&format!("{g}: time to durable and verified"), c, s, |f| {
            Measure::Time(f.time)
        });
        self.compare(&format!("{g}: bytes on the wire"), c, s, |f| {
            Measure::Bytes(f.bytes)
        });
    }

    /// This process's RSS before and peak during `f` (only the serving sides run here).
    fn with_alice_rss<T>(&mut self, group: &str, who: &str, f: impl FnOnce() -> T) -> T {
        let before = vm_rss_kb();
        let reset = reset_hwm();
        let r = f();
        self.out.row(
            group,
            &format!("{who}: Alice's process RSS before → peak during sync"),
            if reset {
                format!("{} → {}", fmt_kb(before), fmt_kb(vm_hwm_kb()))
            } else {
                format!("{} → n/a (cannot reset VmHWM)", fmt_kb(before))
            },
        );
        r
    }

    /// Casebook: Bob syncs once from a child process; then his store is compared with Alice's.
    fn cb_sync(&mut self, group: &str) -> Option<Figures> {
        eprintln!("  casebook: {group}");
        let envs = [
            (CHILD_DIR_ENV, OsString::from(&self.cb_bob_dir)),
            (CHILD_ADDR_ENV, OsString::from(self.cb_addr.to_string())),
        ];
        let result = self.with_alice_rss(group, "casebook", || run_child("casebook-sync", &envs));
        let figures = match result {
            Ok(r) => {
                let wall = r.millis("wall_ms").unwrap_or_default();
                let bytes = r.u64("sent") + r.u64("received");
                self.out.row(
                    group,
                    "casebook: sync_once wall time (Bob dials) / session (Report.millis)",
                    format!("{} / {} ms", fmt_dur(wall), r.u64("millis")),
                );
                self.out.row(
                    group,
                    "casebook: bytes on the wire (Bob sent + received)",
                    format!(
                        "{} ({} + {})",
                        fmt_bytes(bytes),
                        r.u64("sent"),
                        r.u64("received")
                    ),
                );
                let first = r.millis("first_file_ms");
                self.out.row(
                    group,
                    "casebook: first account file received after",
                    first.map_or("none".to_string(), fmt_dur),
                );
                self.out.row(
                    group,
                    "casebook: Bob's stats",
                    r.get("stats").unwrap_or_default().to_string(),
                );
                self.out.row(
                    group,
                    "casebook: Bob's peak RSS (child VmHWM)",
                    format!(
                        "{} (Node::open {} ms, child process {})",
                        fmt_kb(r.u64("hwm_kb")),
                        r.get("open_ms").unwrap_or("?"),
                        fmt_dur(r.process)
                    ),
                );
                eprintln!(
                    "    casebook: {}, {} on the wire, peak RSS {}",
                    fmt_dur(wall),
                    fmt_bytes(bytes),
                    fmt_kb(r.u64("hwm_kb"))
                );
                Some(Figures {
                    time: wall,
                    stored: wall,
                    bytes,
                    hwm_kb: r.u64("hwm_kb"),
                })
            }
            Err(e) => {
                println!("warning: casebook sync '{group}' failed: {e}");
                self.out
                    .row(group, "casebook: sync_once", format!("FAILED: {e}"));
                None
            }
        };
        let verified = cb::verify(&self.alice, &self.cb_bob_dir, &self.ids);
        let ok = self.verified_row(group, "casebook", verified);
        figures.filter(|_| ok)
    }

    /// Samod: Bob's repo syncs from a child process until every document has `expected`
    /// heads (Alice's casebook heads if `None`); then another child reads his repo back.
    fn sm_sync(&mut self, group: &str, expected: Option<&[Vec<ChangeHash>]>) -> Option<Figures> {
        eprintln!("  samod: {group}");
        let expected = match expected {
            Some(e) => e.to_vec(),
            None => match cb::heads(&self.alice, &self.ids) {
                Ok(h) => h,
                Err(e) => {
                    self.out.row(group, "samod", format!("FAILED: {e}"));
                    return None;
                }
            },
        };
        let expect_path = self.tmp.path().join("samod-expect.txt");
        if let Err(e) = sm::write_expect(&expect_path, &self.doc_ids, &expected) {
            self.out.row(group, "samod", format!("FAILED: {e}"));
            return None;
        }
        let envs = [
            (CHILD_DIR_ENV, OsString::from(&self.sm_bob_dir)),
            (CHILD_ADDR_ENV, OsString::from(self.sm_addr.to_string())),
            (CHILD_EXPECT_ENV, OsString::from(&expect_path)),
        ];
        let result = self.with_alice_rss(group, "samod", || run_child("samod-sync", &envs));
        let figures = match result {
            Ok(r) => Some(self.sm_rows(group, &r)),
            Err(e) => {
                println!("warning: samod sync '{group}' failed: {e}");
                self.out.row(group, "samod: sync", format!("FAILED: {e}"));
                None
            }
        };
        // Bob's copy, read back from disk by a fresh process.
        let verified = run_child("samod-verify", &envs).map(|r| {
            self.out.row(
                group,
                "samod: read-back of Bob's repo (fresh process)",
                format!(
                    "{} (peak RSS {})",
                    fmt_dur(r.millis("wall_ms").unwrap_or_default()),
                    fmt_kb(r.u64("hwm_kb"))
                ),
            );
            (r.u64("equal") as usize, r.u64("held"))
        });
        let ok = self.verified_row(group, "samod", verified);
        // Alice's side in memory (her storage writes are not awaited here).
        if let Ok(h) = self.rt.block_on(sm::heads(&self.sm_alice, &self.doc_ids)) {
            let equal = h.iter().zip(&expected).filter(|(a, b)| a == b).count();
            self.out.row(
                group,
                "samod: Alice's repo holds the expected heads",
                format!("{equal} of {}", expected.len()),
            );
        }
        figures.filter(|_| ok)
    }

    fn sm_rows(&mut self, group: &str, r: &ChildReport) -> Figures {
        let t = |k: &str| r.millis(k).unwrap_or_default();
        let bytes = r.u64("sent") + r.u64("received");
        self.out.row(
            group,
            "samod: connected / converged / stored (Repo::stop) / durable (fsync) after dial",
            format!(
                "{} / {} / {} / {} ({} paths fsynced)",
                fmt_dur(t("connected_ms")),
                fmt_dur(t("converged_ms")),
                fmt_dur(t("stored_ms")),
                fmt_dur(t("durable_ms")),
                r.u64("fsynced")
            ),
        );
        self.out.row(
            group,
            "samod: bytes through Bob's socket (sent + received; at convergence)",
            format!(
                "{} ({} + {}; {} + {})",
                fmt_bytes(bytes),
                r.u64("sent"),
                r.u64("received"),
                r.u64("sent_at_convergence"),
                r.u64("received_at_convergence")
            ),
        );
        self.out.row(
            group,
            "samod: Bob's peak RSS (child VmHWM)",
            format!(
                "{} (Repo load {} ms, child process {})",
                fmt_kb(r.u64("hwm_kb")),
                r.get("open_ms").unwrap_or("?"),
                fmt_dur(r.process)
            ),
        );
        eprintln!(
            "    samod: {} durable ({} stored), {} on the wire, peak RSS {}",
            fmt_dur(t("durable_ms")),
            fmt_dur(t("stored_ms")),
            fmt_bytes(bytes),
            fmt_kb(r.u64("hwm_kb"))
        );
        Figures {
            time: t("durable_ms"),
            stored: t("stored_ms"),
            bytes,
            hwm_kb: r.u64("hwm_kb"),
        }
    }

    fn verified_row(
        &mut self,
        group: &str,
        engine: &str,
        verified: BoxResult<(usize, u64)>,
    ) -> bool {
        let n = self.ids.len();
        match verified {
            Ok((equal, held)) => {
                let ok = equal == n;
                self.out.row(
                    group,
                    &format!("{engine}: heads equal on Bob's disk and Alice"),
                    format!(
                        "{} ({equal} of {n}; Bob holds {held})",
                        if ok { "verified" } else { "NOT VERIFIED" }
                    ),
                );
                if !ok {
                    println!("warning: {engine} {group}: only {equal} of {n} documents match");
                }
                ok
            }
            Err(e) => {
                self.out.row(
                    group,
                    &format!("{engine}: verification"),
                    format!("FAILED: {e}"),
                );
                false
            }
        }
    }
}

/// Total size of the files under `dir`.
fn dir_size(dir: &Path) -> BoxResult<u64> {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total += meta.len();
            }
        }
    }
    Ok(total)
}
