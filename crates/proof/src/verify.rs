//! Open a disk image the way a restarted node would, and check the durability promise against
//! the journal of the run that wrote it.
//!
//! The promise, for every image a crash can leave:
//! - the store opens (a panic is never acceptable; an error only when the store's creation was
//!   not acknowledged, or for a torn image, where it must be an error and not a silent read);
//! - redb's integrity check passes without repairing anything;
//! - every acknowledged write is present: its changes in the document, and the peers,
//!   configuration, sync states and cursors as the acknowledged calls left them;
//! - the call in flight at the crash is wholly present or wholly absent (all its changes and
//!   its sync state, or none);
//! - nothing else is there;
//! - every document loads, with the heads the index records, the summary the index records,
//!   an origin for every change and a valid signature for every change not made by the schema;
//!   every file appears once in the store-wide log.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use casebook::automerge::ChangeHash;
use casebook::{FileId, FileSummary, Node, NodeId, OrgConfig, SecretKey, Store, schema};

use crate::fault_backend::Disk;
use crate::workload::{ALICE, Call, Effect};

/// What the image must hold: the calls acknowledged before the crash and the call in flight.
#[derive(Clone, Debug, Default)]
pub struct Expectation<'a> {
    /// Calls that returned `Ok` before the crash.
    pub acked: Vec<&'a Call>,
    /// The call running when the crash came, if any.
    pub in_flight: Option<&'a Call>,
}

impl<'a> Expectation<'a> {
    /// For an image a crash at disk log position `crash` left: the calls that had returned by
    /// then are acknowledged, the one that had started but not returned is in flight.
    pub fn at_position(journal: &'a [Call], crash: usize) -> Self {
        Self {
            acked: journal.iter().filter(|c| c.ok && c.end <= crash).collect(),
            in_flight: journal.iter().find(|c| c.start < crash && c.end > crash),
        }
    }

    /// After a call failed: every call that returned `Ok` is acknowledged, the failed one
    /// (the last) is in flight.
    pub fn after_failure(journal: &'a [Call]) -> Self {
        Self {
            acked: journal.iter().filter(|c| c.ok).collect(),
            in_flight: journal.last().filter(|c| !c.ok),
        }
    }

    /// Whether the store's creation was acknowledged (then it must open).
    pub fn store_acked(&self) -> bool {
        self.acked.iter().any(|c| c.effect.creates_store)
    }

    /// Acknowledged calls that wrote something.
    pub fn acked_writes(&self) -> u64 {
        self.acked
            .iter()
            .filter(|c| c.effect != Effect::default())
            .count() as u64
    }
}

/// What opening and checking one image found.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// Acknowledged writes missing (calls whose changes are missing, and peers, configuration,
    /// sync states, cursors or the adviser not as acknowledged).
    pub lost: u64,
    /// Every broken invariant, in words (empty when the image is good).
    pub problems: Vec<String>,
    /// Whether the in-flight call's writes are present (`None`: no in-flight call that writes).
    pub in_flight_applied: Option<bool>,
    /// Files in the store.
    pub files: usize,
    /// Changes in the store.
    pub changes: usize,
}

impl Findings {
    /// No lost write and no broken invariant.
    pub fn good(&self) -> bool {
        self.lost == 0 && self.problems.is_empty()
    }
}

/// Results of pure functions the checks compute again and again on successive images, kept
/// so a suite can check thousands of images: whether a signature verifies (a function of the
/// hash, author and signature bytes), and the summary of a document state (a function of the
/// file, its heads, which fix its content, and the configuration). Loading each document is
/// never cached: that is what each image is checked for.
#[derive(Debug, Default)]
pub struct Cache {
    verified: HashSet<(ChangeHash, NodeId, [u8; 64])>,
    summaries: HashMap<(FileId, Vec<ChangeHash>, String), Result<FileSummary, String>>,
    loads: HashMap<(FileId, u64), Result<Loaded, String>>,
}

/// What loading one file's stored rows gave: a pure function of those rows, memoised by a
/// digest of them (see [`row_digests`]).
#[derive(Clone, Debug)]
struct Loaded {
    /// Sorted heads.
    heads: Vec<ChangeHash>,
    /// Every change.
    changes: Vec<ChangeHash>,
    /// The changes that must carry a signature (all but the schema's).
    signed: Vec<ChangeHash>,
}

impl Loaded {
    fn of(doc: &casebook::automerge::Automerge) -> Self {
        let mut heads = doc.get_heads();
        heads.sort();
        let metas = doc.get_changes_meta(&[]);
        Self {
            heads,
            changes: metas.iter().map(|m| m.hash).collect(),
            signed: metas
                .iter()
                .filter(|m| m.actor.to_bytes() != schema::SCHEMA_ACTOR)
                .map(|m| m.hash)
                .collect(),
        }
    }
}

/// The store's tables of document rows, as `casebook-store` defines them (docs/design.md):
/// read directly only to digest each file's rows.
const SNAPSHOTS: redb::TableDefinition<[u8; 16], &[u8]> = redb::TableDefinition::new("snapshots");
const CHANGES: redb::TableDefinition<([u8; 16], u64), &[u8]> =
    redb::TableDefinition::new("changes");

/// What one file's stored rows are: whether it has a snapshot, how many incremental change
/// rows follow it, and a digest of all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredRows {
    /// Whether a compacted snapshot is stored.
    pub snapshot: bool,
    /// Incremental change rows stored after it.
    pub change_rows: u64,
    /// A digest of the snapshot and every change row.
    pub digest: u64,
}

/// Every file's stored rows (its snapshot, then its incremental changes), read with redb from
/// a copy of `image` (which is left as it is). Loading a document is a pure function of those
/// rows, so its result can be reused for an image whose rows are the same; the rows themselves
/// are read from each image. `None` if they cannot be read this way.
pub fn stored_rows(image: Vec<u8>) -> Option<HashMap<FileId, StoredRows>> {
    use redb::ReadableDatabase;
    use std::hash::Hasher;
    let disk = Disk::from_image(image);
    let mut builder = redb::Database::builder();
    builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    let db = builder.create_with_backend(disk.backend()).ok()?;
    let tx = db.begin_read().ok()?;
    let mut files: HashMap<FileId, (std::collections::hash_map::DefaultHasher, bool, u64)> =
        HashMap::new();
    {
        let snapshots = tx.open_table(SNAPSHOTS).ok()?;
        for row in redb::ReadableTable::iter(&snapshots).ok()? {
            let (k, v) = row.ok()?;
            let e = files.entry(FileId::from_bytes(k.value())).or_default();
            e.0.write_u8(0);
            e.0.write(v.value());
            e.1 = true;
        }
    }
    {
        let changes = tx.open_table(CHANGES).ok()?;
        for row in redb::ReadableTable::iter(&changes).ok()? {
            let (k, v) = row.ok()?;
            let (file, seq) = k.value();
            let e = files.entry(FileId::from_bytes(file)).or_default();
            e.0.write_u8(1);
            e.0.write_u64(seq);
            e.0.write_usize(v.value().len());
            e.0.write(v.value());
            e.2 += 1;
        }
    }
    Some(
        files
            .into_iter()
            .map(|(k, (h, snapshot, change_rows))| {
                (
                    k,
                    StoredRows {
                        snapshot,
                        change_rows,
                        digest: h.finish(),
                    },
                )
            })
            .collect(),
    )
}

/// [`stored_rows`], digests only.
fn row_digests(image: Vec<u8>) -> Option<HashMap<FileId, u64>> {
    Some(
        stored_rows(image)?
            .into_iter()
            .map(|(k, r)| (k, r.digest))
            .collect(),
    )
}

/// How one image fared.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The store opened; what the checks found.
    Opened(Findings),
    /// Opening returned an error (reported corruption, or a store never created).
    Refused(String),
    /// Opening or checking panicked: always a failure.
    Panicked(String),
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

/// An error with its chain of sources, on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Open the store on `disk` and check it against `expect`. Returns the outcome and the disk
/// log position when the open returned (meaningful when the disk is recording). The store is
/// closed (dropped) before this returns.
pub fn open_and_check(
    disk: &Disk,
    key: &SecretKey,
    expect: &Expectation<'_>,
    cache: &mut Cache,
) -> (Outcome, usize) {
    let opened = catch_unwind(AssertUnwindSafe(|| Store::open_on(disk.backend())));
    let open_end = disk.position();
    let store = match opened {
        Err(p) => return (Outcome::Panicked(panic_message(p.as_ref())), open_end),
        Ok(Err(e)) => return (Outcome::Refused(error_chain(&e)), open_end),
        Ok(Ok(store)) => store,
    };
    let checked = catch_unwind(AssertUnwindSafe(move || {
        // The rows of the state the open recovered, read from a copy of the image.
        let digests = row_digests(disk.image());
        check(store, key, expect, cache, digests)
    }));
    let outcome = match checked {
        Ok(f) => Outcome::Opened(f),
        Err(p) => Outcome::Panicked(panic_message(p.as_ref())),
    };
    (outcome, open_end)
}

/// The state the acknowledged calls (and, if applied, the in-flight one) leave.
#[derive(Debug, Default)]
struct Model {
    changes: BTreeMap<FileId, BTreeSet<ChangeHash>>,
    peers: BTreeSet<NodeId>,
    config: Option<String>,
    sync_states: BTreeMap<(NodeId, FileId), Vec<u8>>,
    cursors: BTreeMap<NodeId, Vec<u8>>,
    unknown: Option<(FileId, usize)>,
    unknown_new_file: Option<usize>,
}

impl Model {
    fn apply(&mut self, e: &Effect) {
        for (file, hashes) in &e.changes {
            self.changes
                .entry(*file)
                .or_default()
                .extend(hashes.iter().copied());
        }
        if let Some(p) = &e.peers {
            self.peers = p.clone();
        }
        if let Some(c) = &e.config {
            self.config = Some(c.clone());
        }
        self.sync_states
            .extend(e.sync_states.iter().map(|(k, v)| (*k, v.clone())));
        self.cursors
            .extend(e.cursors.iter().map(|(k, v)| (*k, v.clone())));
    }
}

/// What the store holds, read through its public API.
#[derive(Debug, Default)]
struct Seen {
    changes: BTreeMap<FileId, BTreeSet<ChangeHash>>,
    peers: BTreeSet<NodeId>,
    config: Option<String>,
}

fn check(
    mut store: Store,
    key: &SecretKey,
    expect: &Expectation<'_>,
    cache: &mut Cache,
    digests: Option<HashMap<FileId, u64>>,
) -> Findings {
    let mut f = Findings::default();
    match store.check_integrity() {
        Ok(true) => {}
        Ok(false) => f
            .problems
            .push("redb's integrity check had to repair the database".into()),
        Err(e) => f.problems.push(format!(
            "redb's integrity check failed: {}",
            error_chain(&e)
        )),
    }
    let node = match Node::open_on(SecretKey::from_seed(key.to_seed()), store) {
        Ok(n) => n,
        Err(e) => {
            f.problems
                .push(format!("the node does not open: {}", error_chain(&e)));
            f.lost = expect.acked_writes();
            return f;
        }
    };
    let seen = read_store(&node, &mut f, cache, digests);

    // The model of the acknowledged calls.
    let mut model = Model::default();
    for c in &expect.acked {
        model.apply(&c.effect);
    }
    let default_config = serde_json::to_string(&OrgConfig::default()).ok();
    let acked_config = model.config.clone().or_else(|| default_config.clone());

    // Is the in-flight call's write there, wholly or not at all?
    if let Some(call) = expect.in_flight {
        let applied = in_flight_applied(call, &seen, &model, &acked_config, &mut f);
        f.in_flight_applied = applied;
        if applied == Some(true) {
            model.apply(&call.effect);
            // A failed edit's or creation's changes are not known by hash: allow as many.
            model.unknown = call.effect.unknown_changes;
            model.unknown_new_file = call.effect.unknown_new_file;
        }
    }

    // Acknowledged changes: all present.
    for c in &expect.acked {
        let missing: usize = c
            .effect
            .changes
            .iter()
            .map(|(file, hashes)| {
                let held = seen.changes.get(file);
                hashes
                    .iter()
                    .filter(|h| !held.is_some_and(|s| s.contains(h)))
                    .count()
            })
            .sum();
        if missing > 0 {
            f.lost += 1;
            f.problems.push(format!(
                "acknowledged call #{} ({}) lost {missing} change(s)",
                c.index, c.what
            ));
        }
    }
    // Nothing else: every stored change is expected (or the in-flight edit's own).
    for (file, held) in &seen.changes {
        // The organisation document is written when the store is first opened and by
        // configuration calls; it is judged by the configuration it holds (below), which must
        // be the acknowledged one, and by its summary, like every file's.
        if file.is_organisation() {
            continue;
        }
        let expected = model.changes.get(file);
        let extra: Vec<&ChangeHash> = held
            .iter()
            .filter(|h| !expected.is_some_and(|e| e.contains(h)))
            .collect();
        let allowed = match (model.unknown, model.unknown_new_file) {
            (Some((ufile, max)), _) if ufile == *file => max,
            (_, Some(max)) if expected.is_none() => max,
            _ => 0,
        };
        if extra.len() > allowed {
            f.problems.push(format!(
                "file {file} holds {} change(s) no call wrote",
                extra.len() - allowed
            ));
        }
    }
    for file in model.changes.keys() {
        if !seen.changes.contains_key(file)
            && expect
                .acked
                .iter()
                .any(|c| c.effect.changes.contains_key(file))
        {
            f.problems
                .push(format!("acknowledged file {file} is missing"));
        }
    }

    // Peers, configuration, sync state, cursors, adviser.
    if seen.peers != model.peers {
        f.lost += 1;
        f.problems.push(format!(
            "trusted peers are {:?}, expected {:?}",
            seen.peers.iter().map(NodeId::short).collect::<Vec<_>>(),
            model.peers.iter().map(NodeId::short).collect::<Vec<_>>()
        ));
    }
    let expected_config = model.config.clone().or(default_config);
    if seen.config != expected_config {
        f.lost += 1;
        f.problems
            .push("the configuration is not the acknowledged one".into());
    }
    for ((peer, file), bytes) in &model.sync_states {
        match node.store().sync_state(peer, *file) {
            Ok(Some(b)) if b == *bytes => {}
            other => {
                f.lost += 1;
                f.problems.push(format!(
                    "sync state of {file} with {} is {:?}, expected {:?}",
                    peer.short(),
                    other.map(|o| o.map(|b| String::from_utf8_lossy(&b).into_owned())),
                    String::from_utf8_lossy(bytes)
                ));
            }
        }
    }
    for (peer, bytes) in &model.cursors {
        match node.store().cursor(peer) {
            Ok(Some(b)) if b == *bytes => {}
            _ => {
                f.lost += 1;
                f.problems.push(format!(
                    "the cursor of {} is not the acknowledged one",
                    peer.short()
                ));
            }
        }
    }
    // The store and the adviser's name are one transaction: a store without the name is half
    // of one, whether or not its creation was acknowledged.
    if node.adviser().is_empty() {
        f.problems
            .push("the store holds no adviser's name (a half-made store)".into());
    }
    if expect.store_acked() && node.adviser() != ALICE {
        f.lost += 1;
        f.problems.push(format!(
            "the adviser is {:?}, expected {ALICE:?}",
            node.adviser()
        ));
    }
    f
}

/// Decide whether the in-flight call's effect is present: `Some(true)` wholly, `Some(false)`
/// not at all, `None` when it writes nothing checkable. A partial write is a problem.
fn in_flight_applied(
    call: &Call,
    seen: &Seen,
    model: &Model,
    acked_config: &Option<String>,
    f: &mut Findings,
) -> Option<bool> {
    let e = &call.effect;
    let mut votes: Vec<(String, bool)> = Vec::new();
    let total: usize = e.changes.values().map(BTreeSet::len).sum();
    if total > 0 {
        let present: usize = e
            .changes
            .iter()
            .map(|(file, hashes)| {
                let held = seen.changes.get(file);
                hashes
                    .iter()
                    .filter(|h| held.is_some_and(|s| s.contains(h)))
                    .count()
            })
            .sum();
        if present != 0 && present != total {
            f.problems.push(format!(
                "in-flight call #{} ({}) is partly present: {present} of {total} changes",
                call.index, call.what
            ));
            return None;
        }
        votes.push(("changes".into(), present == total));
    }
    if let Some((file, max)) = e.unknown_changes {
        let expected = model.changes.get(&file);
        let extra = seen.changes.get(&file).map_or(0, |held| {
            held.iter()
                .filter(|h| !expected.is_some_and(|x| x.contains(h)))
                .count()
        });
        if extra > max {
            f.problems.push(format!(
                "in-flight edit #{} ({}) left {extra} changes, at most {max} expected",
                call.index, call.what
            ));
            return None;
        }
        votes.push(("edit".into(), extra > 0));
    }
    if let Some(max) = e.unknown_new_file {
        let new_files: Vec<usize> = seen
            .changes
            .iter()
            // The organisation document is no client (see "Nothing else" below).
            .filter(|(file, _)| !file.is_organisation() && !model.changes.contains_key(file))
            .map(|(_, held)| held.len())
            .collect();
        if new_files.len() > 1 || new_files.iter().any(|n| *n > max) {
            f.problems.push(format!(
                "in-flight client creation #{} left {} new files ({new_files:?} changes), at most one of {max} expected",
                call.index,
                new_files.len()
            ));
            return None;
        }
        votes.push(("new file".into(), !new_files.is_empty()));
    }
    if let Some(after) = &e.peers {
        if seen.peers == *after && *after != model.peers {
            votes.push(("peers".into(), true));
        } else if seen.peers == model.peers {
            votes.push(("peers".into(), false));
        }
    }
    if let Some(after) = &e.config
        && Some(after) != acked_config.as_ref()
    {
        votes.push(("configuration".into(), seen.config.as_ref() == Some(after)));
    }
    let decided = votes.first().map(|(_, v)| *v);
    if let Some(d) = decided
        && votes.iter().any(|(_, v)| *v != d)
    {
        f.problems.push(format!(
            "in-flight call #{} ({}) is partly present: {votes:?}",
            call.index, call.what
        ));
        return None;
    }
    decided
}

/// Read everything the checks need, and check every file's own invariants on the way.
fn read_store(
    node: &Node,
    f: &mut Findings,
    cache: &mut Cache,
    digests: Option<HashMap<FileId, u64>>,
) -> Seen {
    let store = node.store();
    // The rules are the organisation document's (read as every command reads them).
    let mut seen = Seen {
        config: node
            .config()
            .ok()
            .and_then(|c| serde_json::to_string(&c).ok()),
        ..Seen::default()
    };
    match store.peers() {
        Ok(peers) => seen.peers = peers.iter().map(|p| p.node).collect(),
        Err(e) => f
            .problems
            .push(format!("the peer list does not read: {}", error_chain(&e))),
    }
    let config = match node.config() {
        Ok(c) => c,
        Err(e) => {
            f.problems.push(format!(
                "the configuration does not read: {}",
                error_chain(&e)
            ));
            OrgConfig::default()
        }
    };
    let ids = match store.file_ids() {
        Ok(ids) => ids,
        Err(e) => {
            f.problems
                .push(format!("the file list does not read: {}", error_chain(&e)));
            return seen;
        }
    };
    f.files = ids.len();
    let logged: Vec<FileId> = match store.changed_since(0) {
        Ok(rows) => rows.into_iter().map(|(_, id)| id).collect(),
        Err(e) => {
            f.problems
                .push(format!("the change log does not read: {}", error_chain(&e)));
            Vec::new()
        }
    };
    let ids_set: BTreeSet<FileId> = ids.iter().copied().collect();
    for id in &logged {
        if !ids_set.contains(id) {
            f.problems.push(format!(
                "the change log names {id}, which the store does not hold"
            ));
        }
    }
    for id in ids {
        if logged.iter().filter(|l| **l == id).count() != 1 {
            f.problems
                .push(format!("file {id} is not in the change log exactly once"));
        }
        let digest = digests.as_ref().and_then(|d| d.get(&id)).copied();
        let mut doc = None;
        let loaded = match digest.and_then(|d| cache.loads.get(&(id, d))) {
            Some(l) => l.clone(),
            None => {
                let l = match store.load(id) {
                    Ok(Some(d)) => {
                        let l = Ok(Loaded::of(&d));
                        doc = Some(d);
                        l
                    }
                    Ok(None) => Err(format!("file {id} has a summary but no document")),
                    Err(e) => Err(format!("file {id} does not load: {}", error_chain(&e))),
                };
                if let Some(d) = digest {
                    cache.loads.insert((id, d), l.clone());
                }
                l
            }
        };
        let loaded = match loaded {
            Ok(l) => l,
            Err(problem) => {
                f.problems.push(problem);
                continue;
            }
        };
        let heads = loaded.heads.clone();
        match store.heads(id) {
            Ok(Some(mut indexed)) => {
                indexed.sort();
                if indexed != heads {
                    f.problems
                        .push(format!("the heads index of {id} differs from its document"));
                }
            }
            Ok(None) => f
                .problems
                .push(format!("file {id} has no heads in the index")),
            Err(e) => f.problems.push(format!(
                "the heads of {id} do not read: {}",
                error_chain(&e)
            )),
        }
        let key = (
            id,
            heads.clone(),
            serde_json::to_string(&config).unwrap_or_default(),
        );
        if !cache.summaries.contains_key(&key) {
            let d = match doc.take() {
                Some(d) => Ok(d),
                None => store
                    .load(id)
                    .map_err(|e| error_chain(&e))
                    .and_then(|d| d.ok_or_else(|| "no document".to_string())),
            };
            let computed = d.and_then(|d| {
                if id.is_organisation() {
                    return casebook::organisation::summary_of_org(&d).map_err(|e| e.to_string());
                }
                casebook::organisation::summary_of_account(&d, &config).map_err(|e| e.to_string())
            });
            cache.summaries.insert(key.clone(), computed);
        }
        match (cache.summaries.get(&key), store.summary(id)) {
            (Some(Ok(expected)), Ok(Some(summary))) => {
                if *expected != summary {
                    f.problems
                        .push(format!("the summary of {id} differs from its document"));
                }
            }
            (Some(Err(e)), _) => f
                .problems
                .push(format!("file {id} does not read as an account file: {e}")),
            (_, other) => f
                .problems
                .push(format!("the summary of {id} does not read: {other:?}")),
        }
        let hashes = loaded.changes.clone();
        match store.has_changes(&hashes) {
            Ok(has) => {
                let without = has.iter().filter(|h| !**h).count();
                if without > 0 {
                    f.problems.push(format!(
                        "{without} change(s) of {id} have no recorded origin"
                    ));
                }
            }
            Err(e) => f
                .problems
                .push(format!("origins of {id} do not read: {}", error_chain(&e))),
        }
        let signed = loaded.signed.clone();
        match store.signatures(&signed) {
            Ok(sigs) => {
                let bad = sigs
                    .iter()
                    .filter(|s| {
                        let Some(s) = s else { return true };
                        let k = (s.hash, s.author, s.signature);
                        if cache.verified.contains(&k) {
                            return false;
                        }
                        let ok = s.verify();
                        if ok {
                            cache.verified.insert(k);
                        }
                        !ok
                    })
                    .count();
                if bad > 0 {
                    f.problems
                        .push(format!("{bad} change(s) of {id} lack a valid signature"));
                }
            }
            Err(e) => f.problems.push(format!(
                "signatures of {id} do not read: {}",
                error_chain(&e)
            )),
        }
        f.changes += hashes.len();
        seen.changes.insert(id, hashes.into_iter().collect());
    }
    seen
}

/// How an image and the crashes during its own recovery fared.
#[derive(Clone, Debug)]
pub struct RecoveryCheck {
    /// Opening and checking the image itself.
    pub outcome: Outcome,
    /// Each crash during that open, check and close: the disk log position of its durable
    /// image and how reopening that image fared.
    pub crashes: Vec<(usize, Outcome)>,
}

impl RecoveryCheck {
    /// Problems of the crashes during recovery: a panic, a refusal, a broken invariant, or a
    /// different decision on the in-flight call than the first open made.
    pub fn crash_problems(&self) -> Vec<String> {
        let decided = match &self.outcome {
            Outcome::Opened(f) => f.in_flight_applied,
            // The image itself did not open (judged by the caller): its own recovery wrote
            // nothing to crash in.
            Outcome::Refused(_) | Outcome::Panicked(_) => return Vec::new(),
        };
        let mut out = Vec::new();
        for (pos, o) in &self.crashes {
            match o {
                Outcome::Opened(f) => {
                    for p in &f.problems {
                        out.push(format!("crash during recovery at position {pos}: {p}"));
                    }
                    if f.in_flight_applied != decided {
                        out.push(format!(
                            "crash during recovery at position {pos}: the in-flight call is {:?} after reopening, {decided:?} after the first open",
                            f.in_flight_applied
                        ));
                    }
                }
                Outcome::Refused(e) => out.push(format!(
                    "crash during recovery at position {pos}: the store no longer opens: {e}"
                )),
                Outcome::Panicked(p) => out.push(format!(
                    "crash during recovery at position {pos}: opening panicked: {p}"
                )),
            }
        }
        out
    }
}

/// Open and check `image`, recording every write of that open, check and close; then crash at
/// each of their sync points (and after the last operation) and open and check each of those
/// images too. The in-flight call must come out the same way every time.
pub fn check_with_recovery_crashes(
    image: Vec<u8>,
    key: &SecretKey,
    expect: &Expectation<'_>,
    cache: &mut Cache,
) -> RecoveryCheck {
    let disk = Disk::from_image(image);
    disk.record();
    let (outcome, _) = open_and_check(&disk, key, expect, cache);
    let recording = disk.take_recording().unwrap_or_default();
    let mut points = recording.sync_points();
    points.push(recording.ops.len());
    let mut crashes = Vec::new();
    let mut replay = crate::fault_backend::Replay::new(&recording);
    for pos in points {
        replay.advance_to(pos);
        let disk = Disk::from_image(replay.image().to_vec());
        let (o, _) = open_and_check(&disk, key, expect, cache);
        crashes.push((pos, o));
    }
    RecoveryCheck { outcome, crashes }
}
