//! Sync performance figures for casebook, measured over real QUIC on loopback, on data the
//! benchmark builds itself.
//!
//! Alice's node holds `CASEBOOK_BENCH_FILES` account files (default 10,000), each with five
//! people and 50 logged interactions (`CASEBOOK_BENCH_INTERACTIONS`), every one shared with Bob
//! for reading. Alice serves (`Server::bind(..).listen_only()`) in this process; Bob's node
//! runs every sync in a child process (this binary re-executed with `CASEBOOK_BENCH_CHILD`),
//! which dials Alice with `sync_once` and reports the wall time of that call, the session's
//! `Report` and its own peak RSS (`VmHWM`); Alice's RSS is read before each sync and her peak
//! over it after (the peak reset with `/proc/self/clear_refs`). Between syncs this process
//! opens Bob's store and checks that every file has the same heads on both nodes. It measures:
//!
//! - **(a) initial clone**: Bob's node starts empty and clones every file;
//! - **(b) reconnect**: Bob syncs again with nothing changed, then after Alice logged one
//!   interaction on each of 100 files;
//! - **(c) both sides changed**: Alice grants Bob write access on the files Bob will change
//!   (one sync, reported as preparation), then Alice changes 100 files, Bob 100 others, and
//!   both the same 10; one sync must converge;
//! - **raw limit**: for the same documents, Automerge `save()` and `load()` of each plus one
//!   durable redb write transaction inserting every saved document into a fresh database, and
//!   the ratio of (a) to it.
//!
//! Population builds each document in memory on worker threads with the real edits
//! (`schema::new_file`, `edit::create_client`, `edit::add_person`, `edit::share`), signs
//! Alice's changes as the node does, and commits each file as the node's own edits would
//! leave it (a snapshot at creation, then the later changes in the change log) in batches of
//! 250 files per transaction. The interactions are written by a direct path that makes the
//! same change `edit::log_interaction` makes without re-reading the document first; it is
//! checked against the real edit at start-up (`CASEBOOK_BENCH_POPULATE=edits` uses the edit).
//!
//! It prints a markdown table and never fails on a number. A sync in which Bob has received
//! nothing for `CASEBOOK_BENCH_STALL` seconds (default 60) is reported as stuck, with the last
//! progress Bob saw; the heads are still compared.
//!
//! ```text
//! cargo bench -p casebook-sync --bench sync
//! CASEBOOK_BENCH_FILES=200 cargo bench -p casebook-sync --bench sync   # quick run
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, Automerge, AutomergeError, ChangeHash, ObjId, ObjType, ROOT, ReadDoc};
use automerge::{ScalarValue, Value};
use casebook::edit::{self, EditContext, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::{Interaction, Person};
use casebook::{
    ChangeSignature, FileId, FileSummary, Node, NodeId, OrgConfig, Origin, SecretKey, Ticket, view,
};
use casebook_store::Commit;
use casebook_sync::driver::ProgressFn;
use casebook_sync::{Event, Server, sync_once};
use chrono::{DateTime, Duration as Span, SecondsFormat, Utc};
use redb::{Database, Durability, TableDefinition};
use uuid::Uuid;

type BoxResult<T> = Result<T, Box<dyn Error>>;

const CHILD_ENV: &str = "CASEBOOK_BENCH_CHILD";
const CHILD_DIR_ENV: &str = "CASEBOOK_BENCH_DIR";
const CHILD_ADDR_ENV: &str = "CASEBOOK_BENCH_ADDR";
const FILES_ENV: &str = "CASEBOOK_BENCH_FILES";
const INTERACTIONS_ENV: &str = "CASEBOOK_BENCH_INTERACTIONS";
const POPULATE_ENV: &str = "CASEBOOK_BENCH_POPULATE";
const STALL_ENV: &str = "CASEBOOK_BENCH_STALL";
const BATCH: usize = 250;
const PEOPLE: usize = 5;
const ALICE: &str = "Alice Adviser";
const BOB: &str = "Bob Adviser";
const BOB_PEER: &str = "Bob (laptop)";
const ALICE_PEER: &str = "Alice (laptop)";
const LEADS: &[&str] = &["Alice Ahmed", "Bob Brown", "Chen Li", "Dana Evans"];
const SEGMENTS: &[&str] = &["growth", "pre-start", "social", "export", "rural"];
const FIRST_NAMES: &[&str] = &["Jane", "Omar", "Priya", "Tom", "Wei", "Sian", "Kofi"];
const SURNAMES: &[&str] = &["Smith", "Jones", "Patel", "Hughes", "Nowak", "Reid"];
const TITLES: &[&str] = &[
    "Managing Director",
    "Finance Director",
    "Operations Manager",
    "Head of Sales",
    "HR Lead",
];
const RAW_TABLE: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("raw");

fn main() -> BoxResult<()> {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("sync") => {
            return child_sync().inspect_err(|e| println!("child failed: {e}"));
        }
        Ok("noop") => return child_noop(),
        Ok(other) => return Err(format!("unknown {CHILD_ENV} mode '{other}'").into()),
        Err(_) => {}
    }
    let files = env_usize(FILES_ENV, 10_000).max(1);
    let per_file = env_usize(INTERACTIONS_ENV, 50);
    let method = Method::from_env();
    let now = Utc::now();
    let mut out = Table::default();

    println!("casebook sync benchmark");
    println!(
        "files {files}, {PEOPLE} people and {per_file} interactions each, {} threads",
        threads()
    );
    println!();

    let tmp = tempfile::TempDir::new()?;
    let alice_dir = tmp.path().join("alice");
    let bob_dir = tmp.path().join("bob");
    let alice = Arc::new(Node::init(&alice_dir, ALICE)?);
    let bob = Node::init(&bob_dir, BOB)?;
    let bob_id = bob.node_id();

    // Alice serves on loopback and only accepts; each node trusts the other.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let outcomes: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let server = {
        let _enter = rt.enter();
        let log = outcomes.clone();
        Server::bind(
            alice.clone(),
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            Arc::new(move |e: Event| {
                if let Event::Ended { outcome, .. } = e
                    && let Ok(mut l) = log.lock()
                {
                    l.push(match outcome {
                        Ok(r) => format!(
                            "ok: {} B out, {} B in, {} ms, {:?}",
                            r.bytes_sent, r.bytes_received, r.millis, r.stats
                        ),
                        Err(e) => format!("error: {e}"),
                    });
                }
            }),
        )?
        .listen_only()
    };
    let addr = server.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = rt.spawn(async move {
        server
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    alice.add_peer(
        &Ticket {
            node: bob_id,
            addrs: vec![],
        },
        BOB_PEER,
        BOB,
    )?;
    bob.add_peer(
        &Ticket {
            node: alice.node_id(),
            addrs: vec![addr],
        },
        ALICE_PEER,
        ALICE,
    )?;
    drop(bob);

    // Population, checked against the real edits first.
    let spec = Spec {
        owner: alice.node_id(),
        adviser: alice.adviser().to_string(),
        config: alice.config().clone(),
        sharee: bob_id,
        label: alice.find_peer(BOB_PEER)?.name,
        per_file,
        now,
    };
    if method == Method::Direct {
        match check_direct(&spec)? {
            None => out.row(
                "population",
                "direct path = edit path (one file)",
                "checked",
            ),
            Some(problem) => {
                println!("warning: the direct population path differs from the edits: {problem}");
                out.row(
                    "population",
                    "direct path = edit path (one file)",
                    format!("NO: {problem}"),
                );
            }
        }
    }
    let started = Instant::now();
    let ids = populate(&alice, &spec, files, method)?;
    let populate_time = started.elapsed();
    out.row(
        "population",
        &format!("build + commit {files} files ({})", method.as_str()),
        fmt_dur(populate_time),
    );
    let first = alice.read(ids[0])?;
    let stored_ok = first.people.len() == PEOPLE
        && first.interactions.len() == per_file
        && first.sharing.get(&bob_id.to_string()).map(String::as_str)
            == Some(casebook::schema::READ);
    out.row(
        "population",
        "first file read back (people, interactions, shared read)",
        if stored_ok {
            format!("{PEOPLE}, {per_file}, yes")
        } else {
            format!(
                "UNEXPECTED: {}, {}, {:?}",
                first.people.len(),
                first.interactions.len(),
                first.sharing.get(&bob_id.to_string())
            )
        },
    );
    out.row(
        "population",
        "this process's peak RSS so far (population)",
        fmt_kb(vm_hwm_kb()),
    );
    let changes_per_file = alice.load(ids[0])?.get_changes(&[]).len();
    out.row(
        "population",
        "changes per file",
        changes_per_file.to_string(),
    );
    out.row(
        "population",
        "Alice's store size",
        fmt_bytes(std::fs::metadata(alice_dir.join(casebook::STORE_FILE))?.len()),
    );

    // Baseline peak RSS of the child doing nothing.
    match run_child("noop", &bob_dir, addr) {
        Ok(c) => out.row(
            "(a) initial clone",
            "child baseline peak RSS (no node)",
            fmt_kb(c.hwm_kb),
        ),
        Err(e) => println!("warning: baseline child failed: {e}"),
    }

    // (a) Initial clone into Bob's empty node.
    eprintln!("(a) initial clone of {files} files");
    let clone = run_sync(&mut out, "(a) initial clone", &bob_dir, addr);
    let verified = verify(&mut out, "(a) initial clone", &alice, &bob_dir, &ids)?;

    // The raw limit on the same documents.
    eprintln!("raw limit");
    let limit = raw_limit(&alice, &ids, &tmp.path().join("raw.redb"))?;
    out.row("raw limit", "save() of every document", fmt_dur(limit.save));
    out.row("raw limit", "load() of every document", fmt_dur(limit.load));
    out.row(
        "raw limit",
        "redb inserts + one fsynced commit",
        format!("{} + {}", fmt_dur(limit.insert), fmt_dur(limit.commit)),
    );
    out.row(
        "raw limit",
        "total (one thread)",
        format!(
            "{} ({} saved)",
            fmt_dur(limit.total()),
            fmt_bytes(limit.bytes)
        ),
    );
    if let Some(c) = &clone {
        out.row(
            "raw limit",
            "casebook (a) sync_once ÷ limit",
            ratio(c.wall, limit.total()),
        );
        out.row(
            "raw limit",
            "bytes on the wire ÷ saved bytes",
            format!(
                "{:.2}",
                (c.sent + c.received) as f64 / limit.bytes.max(1) as f64
            ),
        );
    }
    if !verified {
        println!("warning: the clone did not verify; later figures start from a partial copy");
    }

    // (b) Reconnect with nothing changed, then after Alice changed 100 files.
    eprintln!("(b) reconnect");
    run_sync(&mut out, "(b) reconnect, d=0", &bob_dir, addr);
    verify(&mut out, "(b) reconnect, d=0", &alice, &bob_dir, &ids)?;
    let d = 100.min(files);
    let changed: Vec<FileId> = spread(&ids, d, 0);
    let started = Instant::now();
    for (i, file) in changed.iter().enumerate() {
        let it = interaction(900_000 + i as u64, Utc::now(), ALICE);
        alice.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
    }
    let group = format!("(b) reconnect, d={d}");
    out.row(
        &group,
        &format!("Alice logs {d} interactions (Node::apply each)"),
        fmt_dur(started.elapsed()),
    );
    run_sync(&mut out, &group, &bob_dir, addr);
    verify(&mut out, &group, &alice, &bob_dir, &ids)?;

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
        alice.share(*file, BOB_PEER, casebook::schema::WRITE)?;
    }
    out.row(
        &prep,
        "Alice shares (Node::share each)",
        fmt_dur(started.elapsed()),
    );
    run_sync(&mut out, &prep, &bob_dir, addr);
    verify(&mut out, &prep, &alice, &bob_dir, &ids)?;
    let group = format!("(c) both changed {each}+{each}, {common} common");
    for (i, file) in alice_files.iter().enumerate() {
        let it = interaction(800_000 + i as u64, Utc::now(), ALICE);
        alice.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
    }
    {
        let bob = Node::open(&bob_dir)?;
        for (i, file) in bob_files.iter().enumerate() {
            let it = interaction(700_000 + i as u64, Utc::now(), BOB);
            bob.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
        }
    }
    run_sync(&mut out, &group, &bob_dir, addr);
    verify(&mut out, &group, &alice, &bob_dir, &ids)?;
    let two_heads = both
        .iter()
        .filter(|f| {
            alice
                .store()
                .heads(**f)
                .ok()
                .flatten()
                .is_some_and(|h| h.len() == 2)
        })
        .count();
    out.row(
        &group,
        "common files with both sides' change as heads",
        format!("{two_heads} of {common}"),
    );

    // Alice's side of every session, as her server saw it.
    let _ = stop.send(());
    let _ = rt.block_on(serving);
    drop(rt);
    if let Ok(l) = outcomes.lock() {
        for (i, o) in l.iter().enumerate() {
            out.row("Alice's server", &format!("session {}", i + 1), o.clone());
        }
    }

    println!();
    println!(
        "machine: {} cores (std::thread::available_parallelism), {} {}; Alice serves in the \
         bench process and Bob syncs from a child process, both on these cores; \
         loopback QUIC; page cache warm",
        threads(),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    println!();
    out.print();
    Ok(())
}

/// What the documents are made of.
#[derive(Clone, Debug)]
struct Spec {
    owner: NodeId,
    adviser: String,
    config: OrgConfig,
    sharee: NodeId,
    label: String,
    per_file: usize,
    now: DateTime<Utc>,
}

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => match v.trim().replace('_', "").parse() {
            Ok(n) => n,
            Err(_) => {
                println!("warning: {name}={v} is not a number; using {default}");
                default
            }
        },
        Err(_) => default,
    }
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `count` files spread evenly over `ids`, shifted by `offset`.
fn spread(ids: &[FileId], count: usize, offset: usize) -> Vec<FileId> {
    split_spread(ids, count, offset).0
}

/// `count` files spread evenly over `ids` (shifted by `offset`), and the others.
fn split_spread(ids: &[FileId], count: usize, offset: usize) -> (Vec<FileId>, Vec<FileId>) {
    let count = count.min(ids.len());
    if count == 0 {
        return (Vec::new(), ids.to_vec());
    }
    let step = ids.len() / count;
    let picked: std::collections::BTreeSet<usize> = (0..count)
        .map(|i| (i * step + offset % step.max(1)) % ids.len())
        .collect();
    let mut chosen = Vec::with_capacity(count);
    let mut others = Vec::with_capacity(ids.len() - count);
    for (i, id) in ids.iter().enumerate() {
        if picked.contains(&i) {
            chosen.push(*id);
        } else {
            others.push(*id);
        }
    }
    (chosen, others)
}

/// One interaction, varied by `seed`.
fn interaction(seed: u64, at: DateTime<Utc>, by: &str) -> Interaction {
    let kinds = InteractionKind::ALL;
    let purposes = Purpose::ALL;
    Interaction {
        kind: kinds[(seed % kinds.len() as u64) as usize],
        direction: if seed.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        at,
        minutes: 15 + (seed % 8) as u32 * 15,
        our_attendees: vec![by.to_string()],
        their_attendees: vec!["Jane Smith".to_string()],
        purpose: purposes[(seed / 7 % purposes.len() as u64) as usize],
        summary: format!(
            "Reviewed cash flow forecast and hiring plan; agreed to revisit supplier terms (note {seed})."
        ),
        needs: "Working capital advice".to_string(),
        risks: vec![],
        opportunities: vec![],
        by: by.to_string(),
    }
}

/// Person `k` of file `n`.
fn person(n: usize, k: usize) -> Person {
    let first = FIRST_NAMES[(n + k) % FIRST_NAMES.len()];
    let last = SURNAMES[(n * 3 + k) % SURNAMES.len()];
    Person {
        name: format!("{first} {last}"),
        title: TITLES[k % TITLES.len()].to_string(),
        department: if k == 0 { "Board" } else { "Operations" }.to_string(),
        email: format!(
            "{}.{}@client{n}.example",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        phone: format!("01632 {:06}", (n * 10 + k) % 1_000_000),
        language: "en".to_string(),
        ..Person::default()
    }
}

/// How the population step writes the interactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    /// `edit::log_interaction` for each one (it reads the whole document first: O(N²)).
    Edits,
    /// The same Automerge change, written without reading the document; checked at start-up.
    Direct,
}

impl Method {
    fn from_env() -> Self {
        match std::env::var(POPULATE_ENV).as_deref().map(str::trim) {
            Ok("edits") => Self::Edits,
            Ok("direct") | Err(_) => Self::Direct,
            Ok(other) => {
                println!(
                    "warning: {POPULATE_ENV}={other} is neither 'edits' nor 'direct'; using direct"
                );
                Self::Direct
            }
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Edits => "edits",
            Self::Direct => "direct",
        }
    }
}

/// What `edit::log_interaction` writes for `it` on a file of client `name`, without reading
/// the document: one change at `it.at` with the domain message, adding the interaction under a
/// fresh UUID key, its fields written as `edit::put_json` writes the serde JSON of
/// `Interaction` (keys in order, enums by their words, the time in RFC 3339, `minutes` as
/// `Uint`, lists as lists). The node's adviser is already named in `nodes`.
fn log_direct(
    doc: &mut Automerge,
    interactions: &ObjId,
    name: &str,
    it: &Interaction,
) -> BoxResult<()> {
    let with = if it.their_attendees.is_empty() {
        name.to_string()
    } else {
        format!("{} ({name})", it.their_attendees.join(", "))
    };
    let message = format!(
        "Logged {} {} with {with}: {}",
        it.direction, it.kind, it.purpose
    );
    let key = Uuid::new_v4().to_string();
    let time = it.at.timestamp();
    let list = |tx: &mut automerge::transaction::Transaction<'_>,
                obj: &ObjId,
                field: &str,
                items: Vec<String>|
     -> Result<(), AutomergeError> {
        let l = tx.put_object(obj, field, ObjType::List)?;
        for (i, s) in items.into_iter().enumerate() {
            tx.insert(&l, i, s)?;
        }
        Ok(())
    };
    doc.transact_with(
        |_| {
            CommitOptions::default()
                .with_time(time)
                .with_message(message)
        },
        |tx| {
            let m = tx.put_object(interactions, key.as_str(), ObjType::Map)?;
            tx.put(&m, "at", it.at.to_rfc3339_opts(SecondsFormat::AutoSi, true))?;
            tx.put(&m, "by", it.by.as_str())?;
            tx.put(&m, "direction", it.direction.as_str())?;
            tx.put(&m, "kind", it.kind.as_str())?;
            tx.put(&m, "minutes", ScalarValue::Uint(u64::from(it.minutes)))?;
            tx.put(&m, "needs", it.needs.as_str())?;
            list(
                tx,
                &m,
                "opportunities",
                it.opportunities.iter().map(Uuid::to_string).collect(),
            )?;
            list(tx, &m, "our_attendees", it.our_attendees.clone())?;
            tx.put(&m, "purpose", it.purpose.as_str())?;
            list(
                tx,
                &m,
                "risks",
                it.risks.iter().map(Uuid::to_string).collect(),
            )?;
            tx.put(&m, "summary", it.summary.as_str())?;
            list(tx, &m, "their_attendees", it.their_attendees.clone())?;
            Ok::<_, AutomergeError>(())
        },
    )
    .map_err(|f| f.error)?;
    Ok(())
}

/// One file built in memory: the document as creation leaves it (stored as a snapshot, as
/// `Node::create_client` does) and the whole document (its later changes go to the change
/// log, as `Node::apply` leaves them), with summaries and Alice's signatures.
#[derive(Debug)]
struct Built {
    id: FileId,
    created: Automerge,
    created_summary: FileSummary,
    created_signatures: Vec<ChangeSignature>,
    doc: Automerge,
    summary: FileSummary,
    signatures: Vec<ChangeSignature>,
}

/// Build file number `n` with id `id`: the skeleton and the client, then five people, the
/// share with Bob and `per_file` interactions, every change made by the owner's actor at a time
/// in the past year.
fn build_file(
    n: usize,
    id: FileId,
    spec: &Spec,
    method: Method,
) -> BoxResult<(Automerge, Automerge)> {
    let name = format!("Client {n:06} Ltd");
    let mut doc = casebook::schema::new_file(id, spec.owner)?;
    doc.set_actor(ActorId::from(&spec.owner.as_bytes()[..]));
    let intake = spec.now - Span::days(400 - (n % 30) as i64);
    let mut ctx = EditContext {
        adviser: spec.adviser.clone(),
        now: intake,
    };
    edit::create_client(
        &mut doc,
        &ctx,
        &spec.config,
        &NewClient {
            name: name.clone(),
            legal_form: "limited company".into(),
            sector: "food manufacturing".into(),
            postcode: format!("AB{} {}CD", n % 100, n % 10),
            company_number: format!("{:08}", 10_000_000 + n),
            region: "North".into(),
            segments: vec![SEGMENTS[n % SEGMENTS.len()].to_string()],
            lead: LEADS[n % LEADS.len()].to_string(),
            intake_date: Some(intake.date_naive()),
            source: "referral".into(),
        },
    )?;
    let created = doc.fork();
    for k in 0..PEOPLE {
        ctx.now = intake + Span::minutes(10 + k as i64);
        edit::add_person(&mut doc, &ctx, &person(n, k))?;
    }
    ctx.now = intake + Span::hours(1);
    edit::share(
        &mut doc,
        &ctx,
        spec.sharee,
        casebook::schema::READ,
        &spec.label,
    )?;
    let last = spec.now - Span::days((n * 7 % 120) as i64);
    let span = (last - ctx.now).num_minutes().max(1);
    let start = ctx.now;
    let Some((Value::Object(ObjType::Map), interactions)) = doc.get(ROOT, "interactions")? else {
        return Err("the skeleton has no interactions map".into());
    };
    for i in 0..spec.per_file {
        let at = start + Span::minutes(span * (i as i64 + 1) / spec.per_file.max(1) as i64);
        let it = interaction((n * 1000 + i) as u64, at, &spec.adviser);
        match method {
            Method::Edits => {
                ctx.now = at;
                edit::log_interaction(&mut doc, &ctx, &it)?;
            }
            Method::Direct => log_direct(&mut doc, &interactions, &name, &it)?,
        }
    }
    Ok((created, doc))
}

/// Sign every change of `changes` made by `key`'s node, as the node signs its own changes.
fn sign_own(key: &SecretKey, changes: &[automerge::Change]) -> Vec<ChangeSignature> {
    let me = key.node_id();
    changes
        .iter()
        .filter(|c| c.actor_id().to_bytes() == me.as_bytes())
        .map(|c| {
            let hash = c.hash();
            ChangeSignature {
                hash,
                author: me,
                signature: key.sign(&ChangeSignature::message(&hash)),
            }
        })
        .collect()
}

fn build_signed(n: usize, spec: &Spec, key: &SecretKey, method: Method) -> BoxResult<Built> {
    let id = FileId::new();
    let (created, doc) = build_file(n, id, spec, method)?;
    let created_summary = FileSummary::of(&view::read(&created)?, &spec.config);
    let summary = FileSummary::of(&view::read(&doc)?, &spec.config);
    let created_signatures = sign_own(key, &created.get_changes(&[]));
    let signatures = sign_own(key, &doc.get_changes(&created.get_heads()));
    Ok(Built {
        id,
        created,
        created_summary,
        created_signatures,
        doc,
        summary,
        signatures,
    })
}

/// Build `files` files on worker threads and commit them in batches of [`BATCH`] files per
/// durable transaction.
fn populate(node: &Node, spec: &Spec, files: usize, method: Method) -> BoxResult<Vec<FileId>> {
    let workers = threads();
    let key = node.secret_key();
    let (tx, rx) = mpsc::sync_channel::<Result<Built, String>>(BATCH * 2);
    let mut ids = Vec::with_capacity(files);
    let started = Instant::now();
    let mut last_report = Instant::now();
    std::thread::scope(|scope| -> BoxResult<()> {
        for w in 0..workers {
            let tx = tx.clone();
            scope.spawn(move || {
                for n in (w..files).step_by(workers) {
                    let built = build_signed(n, spec, key, method).map_err(|e| e.to_string());
                    if tx.send(built).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut batch: Vec<Built> = Vec::with_capacity(BATCH);
        for built in rx {
            batch.push(built?);
            if batch.len() == BATCH {
                commit_batch(node, &mut batch, &mut ids)?;
                if last_report.elapsed() > Duration::from_secs(30) {
                    last_report = Instant::now();
                    eprintln!(
                        "  populated {} of {files} files in {}",
                        ids.len(),
                        fmt_dur(started.elapsed())
                    );
                }
            }
        }
        if !batch.is_empty() {
            commit_batch(node, &mut batch, &mut ids)?;
        }
        Ok(())
    })?;
    Ok(ids)
}

/// Commit a batch of new files in one durable transaction: each file's creation (stored as a
/// snapshot), then its later changes (stored in the change log), and note their ids.
fn commit_batch(node: &Node, batch: &mut Vec<Built>, ids: &mut Vec<FileId>) -> BoxResult<()> {
    let mut commits: Vec<Commit<'_>> = Vec::with_capacity(batch.len() * 2);
    for b in batch.iter() {
        commits.push(Commit {
            file_id: b.id,
            doc: &b.created,
            changes: b.created.get_changes(&[]),
            summary: &b.created_summary,
            origin: Origin::Local,
            signatures: b.created_signatures.clone(),
        });
        commits.push(Commit {
            file_id: b.id,
            doc: &b.doc,
            changes: b.doc.get_changes(&b.created.get_heads()),
            summary: &b.summary,
            origin: Origin::Local,
            signatures: b.signatures.clone(),
        });
    }
    node.store().commit_many(&commits)?;
    ids.extend(batch.iter().map(|b| b.id));
    batch.clear();
    Ok(())
}

/// Every value of `doc` as `path=value` lines, UUID keys (entries, people, coverage history)
/// replaced by `*`, sorted: two documents with the same content under other random keys give
/// the same lines.
fn content_lines(doc: &Automerge) -> Vec<String> {
    fn walk(doc: &Automerge, obj: &ObjId, prefix: &str, out: &mut Vec<String>) {
        let mut visit = |key: String, value: Option<(Value<'_>, ObjId)>| match value {
            Some((Value::Object(t), id)) => {
                out.push(format!("{prefix}/{key}: {t:?}"));
                walk(doc, &id, &format!("{prefix}/{key}"), out);
            }
            Some((Value::Scalar(s), _)) => out.push(format!("{prefix}/{key}={s:?}")),
            None => out.push(format!("{prefix}/{key} missing")),
        };
        match doc.object_type(obj) {
            Ok(ObjType::List | ObjType::Text) => {
                for i in 0..doc.length(obj) {
                    visit(i.to_string(), doc.get(obj, i).ok().flatten());
                }
            }
            _ => {
                for key in doc.keys(obj) {
                    let shown = if Uuid::parse_str(&key).is_ok() {
                        "*".to_string()
                    } else {
                        key.clone()
                    };
                    visit(shown, doc.get(obj, key.as_str()).ok().flatten());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(doc, &ROOT, "", &mut out);
    out.sort();
    out
}

/// Build one file both ways (same id) and compare: every value (ignoring random keys), each
/// change's message, time, author and number of operations, and what a reader sees.
fn check_direct(spec: &Spec) -> BoxResult<Option<String>> {
    let n = 7;
    let id = FileId::new();
    let (_, a) = build_file(n, id, spec, Method::Edits)?;
    let (_, b) = build_file(n, id, spec, Method::Direct)?;
    let meta = |d: &Automerge| -> Vec<(String, i64, Vec<u8>, usize)> {
        d.get_changes(&[])
            .iter()
            .map(|c| {
                (
                    c.message().unwrap_or_default().to_string(),
                    c.timestamp(),
                    c.actor_id().to_bytes().to_vec(),
                    c.len(),
                )
            })
            .collect()
    };
    let mut problems = Vec::new();
    if content_lines(&a) != content_lines(&b) {
        problems.push("document values differ".to_string());
    }
    if meta(&a) != meta(&b) {
        problems.push("change messages, times, authors or sizes differ".to_string());
    }
    let (fa, fb) = (view::read(&a)?, view::read(&b)?);
    let sorted = |f: &casebook::AccountFile| {
        let mut v: Vec<Interaction> = f.interactions.values().cloned().collect();
        v.sort_by_key(|i| i.at);
        v
    };
    if sorted(&fa) != sorted(&fb) || fa.sharing != fb.sharing || fa.profile != fb.profile {
        problems.push("the account files read differently".to_string());
    }
    let (sa, sb) = (a.save().len(), b.save().len());
    if sa.abs_diff(sb) > sa / 50 {
        problems.push(format!("saved sizes differ: {sa} B vs {sb} B"));
    }
    Ok((!problems.is_empty()).then(|| problems.join("; ")))
}

/// What one sync (one child process) reported.
#[derive(Debug, Default)]
struct Synced {
    wall: Duration,
    session_ms: u64,
    sent: u64,
    received: u64,
    stats: String,
    open_ms: f64,
    hwm_kb: u64,
    process: Duration,
}

/// Run one sync of Bob with Alice in a child process and add its figures under `group`.
fn run_sync(out: &mut Table, group: &str, bob_dir: &Path, addr: SocketAddr) -> Option<Synced> {
    // Only Alice's server runs in this process while the child syncs: its peak RSS over the
    // sync, from its RSS just before (which includes heap kept from earlier steps).
    let rss_before = vm_rss_kb();
    let reset = reset_hwm();
    let result = run_child("sync", bob_dir, addr);
    out.row(
        group,
        "Alice's RSS (this process): before → peak during sync",
        if reset {
            format!("{} → {}", fmt_kb(rss_before), fmt_kb(vm_hwm_kb()))
        } else {
            format!("{} → n/a (cannot reset VmHWM)", fmt_kb(rss_before))
        },
    );
    match result {
        Ok(s) => {
            out.row(group, "sync_once wall time (Bob dials)", fmt_dur(s.wall));
            out.row(
                group,
                "session time (Report.millis)",
                format!("{} ms", s.session_ms),
            );
            out.row(
                group,
                "bytes on the wire (sent + received)",
                format!(
                    "{} ({} + {})",
                    fmt_bytes(s.sent + s.received),
                    s.sent,
                    s.received
                ),
            );
            out.row(group, "Bob's stats", s.stats.clone());
            out.row(
                group,
                "Bob's peak RSS (child VmHWM)",
                format!(
                    "{} (child process {}, Node::open {:.1} ms)",
                    fmt_kb(s.hwm_kb),
                    fmt_dur(s.process),
                    s.open_ms
                ),
            );
            Some(s)
        }
        Err(e) => {
            println!("warning: sync '{group}' failed: {e}");
            out.row(group, "sync_once", format!("FAILED: {e}"));
            None
        }
    }
}

/// Open Bob's store and compare every file's heads with Alice's.
fn verify(
    out: &mut Table,
    group: &str,
    alice: &Node,
    bob_dir: &Path,
    ids: &[FileId],
) -> BoxResult<bool> {
    let started = Instant::now();
    let bob = Node::open(bob_dir)?;
    let sorted = |h: Option<Vec<ChangeHash>>| {
        h.map(|mut h| {
            h.sort();
            h
        })
    };
    let mut equal = 0usize;
    for id in ids {
        let a = sorted(alice.store().heads(*id)?);
        let b = sorted(bob.store().heads(*id)?);
        if a.is_some() && a == b {
            equal += 1;
        }
    }
    let bob_files = bob.store().file_count()?;
    let ok = equal == ids.len();
    out.row(
        group,
        "heads equal on both nodes",
        format!(
            "{} ({equal} of {} files; Bob holds {bob_files}; checked in {})",
            if ok { "verified" } else { "NOT VERIFIED" },
            ids.len(),
            fmt_dur(started.elapsed())
        ),
    );
    if !ok {
        println!(
            "warning: {group}: only {equal} of {} files have equal heads",
            ids.len()
        );
    }
    Ok(ok)
}

/// The raw limit's parts.
#[derive(Debug, Default)]
struct Limit {
    save: Duration,
    load: Duration,
    insert: Duration,
    commit: Duration,
    bytes: u64,
}

impl Limit {
    fn total(&self) -> Duration {
        self.save + self.load + self.insert + self.commit
    }
}

/// For every document (read from Alice's store, untimed): `save()`, `Automerge::load()` of the
/// bytes, and an insert into one write transaction of a fresh redb file, committed durably.
fn raw_limit(node: &Node, ids: &[FileId], path: &Path) -> BoxResult<Limit> {
    let mut l = Limit::default();
    let db = Database::create(path)?;
    let mut tx = db.begin_write()?;
    tx.set_durability(Durability::Immediate)?;
    {
        let mut table = tx.open_table(RAW_TABLE)?;
        for (i, id) in ids.iter().enumerate() {
            let doc = node.store().load(*id)?.ok_or("a file is missing")?;
            let started = Instant::now();
            let bytes = doc.save();
            l.save += started.elapsed();
            drop(doc);
            let started = Instant::now();
            let loaded = Automerge::load(&bytes)?;
            l.load += started.elapsed();
            drop(std::hint::black_box(loaded));
            let started = Instant::now();
            table.insert(i as u64, bytes.as_slice())?;
            l.insert += started.elapsed();
            l.bytes += bytes.len() as u64;
        }
    }
    let started = Instant::now();
    tx.commit()?;
    l.commit = started.elapsed();
    Ok(l)
}

/// Re-execute this binary in `mode` on Bob's `dir` and parse its `key=value` report line.
fn run_child(mode: &str, dir: &Path, addr: SocketAddr) -> BoxResult<Synced> {
    let exe = std::env::current_exe()?;
    let started = Instant::now();
    let output = Command::new(exe)
        .env(CHILD_ENV, mode)
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_ADDR_ENV, addr.to_string())
        .stderr(std::process::Stdio::inherit())
        .output()?;
    let process = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "child '{mode}' exited with {}: {}",
            output.status,
            stdout.trim()
        )
        .into());
    }
    let line = stdout
        .lines()
        .find(|l| l.starts_with("child "))
        .ok_or_else(|| format!("child '{mode}' printed no report: {}", stdout.trim()))?;
    let mut r = Synced {
        process,
        ..Synced::default()
    };
    for field in line.split_whitespace().skip(1) {
        match field.split_once('=') {
            Some(("wall_ms", v)) => r.wall = Duration::from_secs_f64(v.parse::<f64>()? / 1e3),
            Some(("millis", v)) => r.session_ms = v.parse()?,
            Some(("sent", v)) => r.sent = v.parse()?,
            Some(("received", v)) => r.received = v.parse()?,
            Some(("open_ms", v)) => r.open_ms = v.parse()?,
            Some(("hwm_kb", v)) => r.hwm_kb = v.parse()?,
            _ => {}
        }
    }
    if let Some(stats) = line.split_once(" stats=") {
        r.stats = stats.1.trim().to_string();
    }
    Ok(r)
}

fn child_dir() -> BoxResult<PathBuf> {
    std::env::var_os(CHILD_DIR_ENV)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{CHILD_DIR_ENV} is not set").into())
}

/// The child's last progress.
#[derive(Debug)]
struct Seen {
    at: Instant,
    text: String,
}

/// Child mode `sync`: open Bob's node, dial Alice once with `sync_once`, report.
fn child_sync() -> BoxResult<()> {
    let dir = child_dir()?;
    let addr: SocketAddr = std::env::var(CHILD_ADDR_ENV)?.parse()?;
    let started = Instant::now();
    let node = Arc::new(Node::open(&dir)?);
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
    // Progress is reported after every batch Bob receives; a session that receives nothing for
    // `STALL_ENV` seconds is stuck (the connection's keep-alives would hold it open forever).
    let stall = Duration::from_secs(env_usize(STALL_ENV, 60) as u64);
    let begun = Instant::now();
    let seen = Arc::new(Mutex::new(Seen {
        at: begun,
        text: "no batch received".into(),
    }));
    let noted = seen.clone();
    let mut last_log = Instant::now();
    let progress: ProgressFn = Box::new(move |p| {
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
        if last_log.elapsed() > Duration::from_secs(30) {
            last_log = Instant::now();
            eprintln!(
                "  child: {} in: {} files received, {} in play, {} B out, {} B in",
                fmt_dur(begun.elapsed()),
                p.stats.files_received,
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
        "child wall_ms={:.3} millis={} sent={} received={} open_ms={:.3} hwm_kb={} stats=files_received {}, changes_received {}, files_sent {}, announced {}, announced_by_peer {}",
        ms(wall),
        report.millis,
        report.bytes_sent,
        report.bytes_received,
        ms(open_time),
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
fn child_noop() -> BoxResult<()> {
    println!("child wall_ms=0 hwm_kb={}", vm_hwm_kb());
    Ok(())
}

/// Peak resident set size of this process in KiB (0 where `/proc` is unavailable).
fn vm_hwm_kb() -> u64 {
    proc_status_kb("VmHWM:")
}

/// Resident set size of this process now, in KiB.
fn vm_rss_kb() -> u64 {
    proc_status_kb("VmRSS:")
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Reset this process's peak RSS to its current RSS (Linux `clear_refs` 5); false if it
/// cannot.
fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn fmt_dur(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

fn fmt_bytes(b: u64) -> String {
    if b < 1024 * 1024 {
        format!("{:.1} KiB", b as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
    }
}

fn fmt_kb(kb: u64) -> String {
    format!("{:.1} MiB", kb as f64 / 1024.0)
}

fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "n/a".into();
    }
    format!("{:.2}x", a.as_secs_f64() / b.as_secs_f64())
}

/// The printed markdown table, rows grouped by section in the order added.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<(String, String, String)>,
    groups: BTreeMap<String, usize>,
}

impl Table {
    fn row(&mut self, group: &str, what: &str, value: impl Into<String>) {
        let order = self.groups.len();
        self.groups.entry(group.to_string()).or_insert(order);
        self.rows
            .push((group.to_string(), what.to_string(), value.into()));
    }

    fn print(&self) {
        let mut rows: Vec<&(String, String, String)> = self.rows.iter().collect();
        rows.sort_by_key(|r| self.groups.get(&r.0).copied().unwrap_or(usize::MAX));
        println!("| section | figure | value |");
        println!("|---|---|---|");
        let mut last = "";
        for (group, what, value) in rows {
            let shown = if group == last { "" } else { group.as_str() };
            last = group;
            println!("| {shown} | {what} | {} |", value.replace('|', "\\|"));
        }
    }
}
