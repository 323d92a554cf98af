//! Integration tests of `casebook_store::Store` through its public API, on real redb files.
//!
//! Where a test must look underneath the API (to see that a snapshot was written, or to forge
//! a newer format), it opens the closed store with the redb crate directly, using the table
//! names and encodings that docs/design.md specifies.

use std::path::{Path, PathBuf};
use std::process::Command;

use automerge::{ActorId, Automerge, ChangeHash};
use casebook_base::limits::COMPACT_AFTER_CHANGES;
use casebook_base::{FileId, NodeId};
use casebook_doc::edit::{self, EditContext, NewClient};
use casebook_doc::enums::{Direction, InteractionKind, Purpose};
use casebook_doc::model::Interaction;
use casebook_doc::{FileSummary, OrgConfig, schema, view};
use casebook_store::{ChangeOrigin, Commit, Error, FORMAT_VERSION, Origin, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};
use redb::{ReadableDatabase, ReadableTableMetadata, TableDefinition};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const SNAPSHOTS: TableDefinition<[u8; 16], &[u8]> = TableDefinition::new("snapshots");
const CHANGES: TableDefinition<([u8; 16], u64), &[u8]> = TableDefinition::new("changes");

fn node(n: u8) -> NodeId {
    NodeId::from_bytes(std::array::from_fn(|i| {
        n.wrapping_mul(61).wrapping_add(i as u8)
    }))
}

fn actor(node: NodeId) -> ActorId {
    ActorId::from(&node.as_bytes()[..])
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 12, 9, 0, 0)
        .single()
        .expect("a valid fixed time")
}

fn ctx() -> EditContext {
    EditContext {
        adviser: "Alice".into(),
        now: now(),
    }
}

fn store_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("casebook.redb")
}

/// A new client's document, edited by `by`.
fn new_client(name: &str, by: NodeId) -> (FileId, Automerge) {
    let id = FileId::new();
    let mut doc = schema::new_file(id, NodeId::from_bytes([1; 32])).expect("new file");
    doc.set_actor(actor(by));
    edit::create_client(
        &mut doc,
        &ctx(),
        &OrgConfig::default(),
        &NewClient {
            name: name.into(),
            postcode: "CF10 1AA".into(),
            lead: "Alice".into(),
            segments: vec!["rural".into()],
            ..NewClient::default()
        },
    )
    .expect("create client");
    (id, doc)
}

fn summary(doc: &Automerge) -> FileSummary {
    FileSummary::of(&view::read(doc).expect("view"), &OrgConfig::default())
}

/// Log the `i`th call with the client: one change.
fn log_call(doc: &mut Automerge, i: u32) {
    let interaction = Interaction {
        kind: InteractionKind::Call,
        direction: if i.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        at: now() - Duration::hours(i64::from(i)),
        minutes: 5 + i,
        our_attendees: vec!["Alice".into()],
        their_attendees: Vec::new(),
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: format!("call number {i}"),
        needs: String::new(),
        risks: Vec::new(),
        opportunities: Vec::new(),
        by: "Alice".into(),
        language: String::new(),
    };
    edit::log_interaction(doc, &ctx(), &interaction).expect("log interaction");
}

/// Commit every change of `doc` made since `since`, returning their hashes.
fn commit_since(
    store: &Store,
    file_id: FileId,
    doc: &Automerge,
    since: &[ChangeHash],
    origin: Origin,
) -> Vec<ChangeHash> {
    let changes = doc.get_changes(since);
    let hashes = changes.iter().map(|c| c.hash()).collect();
    store
        .commit(Commit {
            file_id,
            doc,
            changes,
            summary: &summary(doc),
            origin,
            signatures: vec![],
        })
        .expect("commit");
    hashes
}

fn sorted_heads(doc: &Automerge) -> Vec<ChangeHash> {
    let mut heads = doc.get_heads();
    heads.sort();
    heads
}

/// Whether the closed store at `path` holds a snapshot of `file`, and how many incremental
/// changes it logs for it, read with redb directly.
fn raw_rows(path: &Path, file: FileId) -> (Option<Vec<u8>>, u64) {
    let db = redb::Database::open(path).expect("redb opens the store");
    let tx = db.begin_read().expect("read");
    let key = file.to_bytes();
    let snapshot = tx
        .open_table(SNAPSHOTS)
        .expect("snapshots table")
        .get(key)
        .expect("get")
        .map(|v| v.value().to_vec());
    let changes = tx
        .open_table(CHANGES)
        .expect("changes table")
        .range((key, 0u64)..=(key, u64::MAX))
        .expect("range")
        .count() as u64;
    (snapshot, changes)
}

#[test]
fn create_then_reopen_keeps_node_id_summaries_and_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let (acme, acme_doc) = new_client("Acme Ltd", me);
    let (bolt, bolt_doc) = new_client("Bolt & Sons", me);
    {
        let store = Store::create(&path, me).expect("create");
        assert_eq!(store.node_id(), me);
        assert_eq!(store.path(), path);
        assert!(store.summaries().expect("summaries").is_empty());
        assert_eq!(store.file_count().expect("count"), 0);
        commit_since(&store, acme, &acme_doc, &[], Origin::Local);
        commit_since(&store, bolt, &bolt_doc, &[], Origin::Local);
        store.set_meta("adviser", b"Alice").expect("set meta");
    }

    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.node_id(), me);
    assert_eq!(store.file_count().expect("count"), 2);
    assert!(store.contains(acme).expect("contains"));
    assert!(!store.contains(FileId::new()).expect("contains"));
    let mut ids = store.file_ids().expect("ids");
    ids.sort();
    let mut want = vec![acme, bolt];
    want.sort();
    assert_eq!(ids, want);

    let mut summaries = store.summaries().expect("summaries");
    summaries.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(summaries, vec![summary(&acme_doc), summary(&bolt_doc)]);
    assert_eq!(
        store.summary(acme).expect("summary"),
        Some(summary(&acme_doc))
    );
    assert_eq!(store.summary(FileId::new()).expect("summary"), None);

    let loaded = store.load(acme).expect("load").expect("acme is stored");
    assert_eq!(sorted_heads(&loaded), sorted_heads(&acme_doc));
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&acme_doc).expect("view")
    );
    assert!(store.load(FileId::new()).expect("load").is_none());
    assert_eq!(
        store.meta("adviser").expect("meta").as_deref(),
        Some(&b"Alice"[..])
    );
    assert_eq!(store.config().expect("config"), OrgConfig::default());
}

#[test]
fn create_refuses_a_path_that_exists() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    drop(Store::create(&path, node(1)).expect("create"));
    let err = Store::create(&path, node(2)).expect_err("second create");
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    // The first store is untouched.
    assert_eq!(Store::open(&path).expect("open").node_id(), node(1));
}

fn assert_not_a_store(path: &Path) {
    match Store::open(path) {
        Err(Error::NotAStore { path: named }) => assert_eq!(named, path),
        other => panic!("{}: expected NotAStore, got {other:?}", path.display()),
    }
}

#[test]
fn open_of_a_missing_path_is_not_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_not_a_store(&dir.path().join("nothing-here.redb"));
    // A directory is not a store either.
    assert_not_a_store(dir.path());
}

#[test]
fn open_of_a_text_file_is_not_a_store_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("short.txt", "hello\n".to_string()),
        (
            "notes.txt",
            "Shopping list: eggs, flour, milk.\n".repeat(400),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).expect("write");
        assert_not_a_store(&path);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
}

#[test]
fn open_of_an_empty_file_is_not_a_store_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.redb");
    std::fs::write(&path, b"").expect("write");
    assert_not_a_store(&path);
    assert_eq!(std::fs::metadata(&path).expect("stat").len(), 0);
}

#[test]
fn open_of_a_plain_redb_database_is_not_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    // No tables at all.
    let empty = dir.path().join("empty.redb");
    drop(redb::Database::create(&empty).expect("redb create"));
    assert_not_a_store(&empty);

    // Someone else's tables, but no `meta`.
    let other = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&other).expect("redb create");
        let tx = db.begin_write().expect("write");
        {
            let table: TableDefinition<&str, u64> = TableDefinition::new("inventory");
            let mut t = tx.open_table(table).expect("table");
            t.insert("eggs", 12).expect("insert");
        }
        tx.commit().expect("commit");
    }
    assert_not_a_store(&other);

    // Casebook's `meta` table, but without a format version.
    let half = dir.path().join("half.redb");
    {
        let db = redb::Database::create(&half).expect("redb create");
        let tx = db.begin_write().expect("write");
        tx.open_table(META)
            .expect("meta")
            .insert("node_id", [1u8; 32].as_slice())
            .expect("insert");
        tx.commit().expect("commit");
    }
    assert_not_a_store(&half);
}

#[test]
fn open_of_a_redb_database_with_a_foreign_meta_table_is_not_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("foreign-meta.redb");
    {
        let db = redb::Database::create(&path).expect("redb create");
        let tx = db.begin_write().expect("write");
        {
            let table: TableDefinition<u64, u64> = TableDefinition::new("meta");
            tx.open_table(table)
                .expect("table")
                .insert(1, 2)
                .expect("insert");
        }
        tx.commit().expect("commit");
    }
    assert_not_a_store(&path);
}

#[test]
fn a_pre_release_format_is_refused_with_a_way_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    drop(Store::create(&path, node(1)).expect("create"));
    {
        let db = redb::Database::open(&path).expect("redb open");
        let tx = db.begin_write().expect("write");
        tx.open_table(META)
            .expect("meta")
            .insert("format_version", 1u32.to_le_bytes().as_slice())
            .expect("insert");
        tx.commit().expect("commit");
    }
    let err = Store::open(&path).expect_err("an older store");
    assert!(matches!(err, Error::TooOld { found: 1, .. }), "{err:?}");
    assert!(err.to_string().contains("export"), "{err}");
}

#[test]
fn a_newer_format_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    drop(Store::create(&path, node(1)).expect("create"));
    {
        let db = redb::Database::open(&path).expect("redb open");
        let tx = db.begin_write().expect("write");
        tx.open_table(META)
            .expect("meta")
            .insert("format_version", 99u32.to_le_bytes().as_slice())
            .expect("insert");
        tx.commit().expect("commit");
    }
    let err = Store::open(&path).expect_err("a newer store");
    match &err {
        Error::TooNew {
            path: named,
            found,
            supported,
        } => {
            assert_eq!(named, &path);
            assert_eq!(*found, 99);
            assert_eq!(*supported, FORMAT_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("99"), "{message}");
    assert!(
        message.contains(&format!("up to {FORMAT_VERSION}")),
        "{message}"
    );
    assert!(message.contains("upgrade casebook"), "{message}");
}

/// Store a new client named `name` through `store` in one update, the way the engine does.
fn add_client_through(store: &Store, name: &str) -> FileId {
    let (id, doc) = new_client(name, node(2));
    store
        .update(|txn| {
            assert!(txn.load(id)?.is_none(), "a new file is not stored yet");
            txn.commit(&Commit {
                file_id: id,
                doc: &doc,
                changes: doc.get_changes(&[]),
                summary: &summary(&doc),
                origin: Origin::Local,
                signatures: vec![],
            })
        })
        .expect("commit");
    id
}

#[test]
fn two_handles_in_one_process_both_write_and_see_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let first = Store::create(&path, node(1)).expect("create");
    let second = Store::open(&path).expect("a second handle may write too");
    let a = add_client_through(&first, "Acme Ltd");
    let b = add_client_through(&second, "Bolt Ltd");
    for store in [&first, &second] {
        assert!(store.contains(a).expect("read") && store.contains(b).expect("read"));
        assert_eq!(store.changed_since(0).expect("log").len(), 2);
    }
    drop((first, second));
    let reopened = Store::open(&path).expect("reopen");
    assert_eq!(reopened.file_count().expect("count"), 2);
}

const CHILD_ENV: &str = "CASEBOOK_STORE_TEST_SHARED_WRITER";

/// Run by `another_process_writes_while_this_one_holds_the_store` as a child; does nothing
/// otherwise.
#[test]
fn child_writes_to_a_store_held_by_another_process() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    match Store::open(Path::new(&path)) {
        Ok(store) => {
            let id = add_client_through(&store, "Child Ltd");
            println!("CHILD-WROTE {id}");
        }
        Err(e) => println!("CHILD-FAILED {e:?}"),
    }
}

#[test]
fn another_process_writes_while_this_one_holds_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let store = Store::create(&path, node(1)).expect("create");
    let ours = add_client_through(&store, "Parent Ltd");
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_writes_to_a_store_held_by_another_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child failed: {stdout}");
    let theirs: FileId = stdout
        .split("CHILD-WROTE ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("child did not write: {stdout}"))
        .parse()
        .expect("a file id");
    // This handle follows the other process's commit without reopening, and its own next
    // write does not lose it.
    assert!(store.contains(theirs).expect("read"));
    let third = add_client_through(&store, "Third Ltd");
    let log: Vec<FileId> = store
        .changed_since(0)
        .expect("log")
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    assert_eq!(log, vec![ours, theirs, third], "one log, in commit order");
}

#[test]
fn many_commits_compact_into_a_snapshot_that_loads_the_same_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let (id, mut doc) = new_client("Acme Ltd", me);
    let mut hashes = Vec::new();
    {
        let store = Store::create(&path, me).expect("create");
        hashes.extend(commit_since(&store, id, &doc, &[], Origin::Local));
    }
    // A new file starts from a snapshot with an empty log.
    let (first_snapshot, logged) = raw_rows(&path, id);
    assert!(first_snapshot.is_some());
    assert_eq!(logged, 0);

    let store = Store::open(&path).expect("open");
    for i in 0..COMPACT_AFTER_CHANGES {
        let before = doc.get_heads();
        log_call(&mut doc, u32::try_from(i).expect("small"));
        hashes.extend(commit_since(&store, id, &doc, &before, Origin::Local));
    }
    let heads_before = sorted_heads(&doc);
    let view_before = view::read(&doc).expect("view");
    let loaded = store.load(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&loaded), heads_before);
    assert_eq!(view::read(&loaded).expect("view"), view_before);
    drop(store);
    let (snapshot, logged) = raw_rows(&path, id);
    assert_eq!(
        snapshot, first_snapshot,
        "no compaction up to the threshold"
    );
    assert_eq!(logged, COMPACT_AFTER_CHANGES);

    // One more change takes the log past the threshold: the same commit compacts it.
    let store = Store::open(&path).expect("open");
    let before = doc.get_heads();
    log_call(&mut doc, 1000);
    hashes.extend(commit_since(&store, id, &doc, &before, Origin::Local));
    let loaded = store.load(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&loaded), sorted_heads(&doc));
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&doc).expect("view")
    );
    assert_eq!(
        loaded.get_changes(&[]).len(),
        doc.get_changes(&[]).len(),
        "the snapshot keeps the whole history"
    );
    // The history survived compaction: the file reads as it did before the last change (a
    // past view does not count conflicts: `None`, where the view of now counted none).
    let mut past = view_before;
    past.disputes.conflicts = None;
    assert_eq!(
        view::read_at(&loaded, &heads_before).expect("read at"),
        past
    );
    // Every change's origin is still recorded.
    assert!(
        store
            .origins(&hashes)
            .expect("origins")
            .iter()
            .all(Option::is_some)
    );
    assert_eq!(store.summary(id).expect("summary"), Some(summary(&doc)));
    drop(store);

    let (snapshot, logged) = raw_rows(&path, id);
    assert_eq!(logged, 0, "compaction empties the log");
    let snapshot = snapshot.expect("a snapshot");
    assert_ne!(Some(&snapshot), first_snapshot.as_ref());
    let from_snapshot = Automerge::load(&snapshot).expect("the snapshot loads");
    assert_eq!(sorted_heads(&from_snapshot), sorted_heads(&doc));

    // After compaction, new changes are logged incrementally again.
    let mut store = Store::open(&path).expect("open");
    let before = doc.get_heads();
    log_call(&mut doc, 1001);
    commit_since(&store, id, &doc, &before, Origin::Local);
    let loaded = store.load(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&loaded), sorted_heads(&doc));
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&doc).expect("view")
    );
    assert!(store.check_integrity().expect("integrity check"));
    drop(store);
    assert_eq!(raw_rows(&path, id).1, 1);
}

/// A change Automerge 0.12 applies but cannot read back from its own save: the first change of
/// a new actor, starting at op 15, with no ops.
fn change_with_missing_ops() -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut body = vec![0, 16]; // no dependencies; a 16-byte actor id
    body.extend([0x5a; 16]);
    body.extend([1, 15, 0, 0, 0, 0]); // seq 1, start op 15, time 0, no message or other actors, no columns
    let len = u8::try_from(body.len()).expect("short");
    let hash = Sha256::new()
        .chain_update([1, len])
        .chain_update(&body)
        .finalize();
    let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83];
    chunk.extend_from_slice(&hash[..4]);
    chunk.extend([1, len]);
    chunk.extend(body);
    chunk
}

#[test]
fn a_document_automerge_cannot_read_back_is_kept_as_a_log_not_compacted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let (id, mut doc) = new_client("Acme Ltd", me);
    doc.load_incremental(&change_with_missing_ops())
        .expect("Automerge applies the change");
    let saved = doc.save();
    assert!(
        Automerge::load(&saved).is_err(),
        "Automerge reads its own save of this document back"
    );
    let store = Store::create(&path, me).expect("create");
    commit_since(&store, id, &doc, &[], Origin::Local);
    for i in 0..COMPACT_AFTER_CHANGES + 5 {
        let before = doc.get_heads();
        log_call(&mut doc, u32::try_from(i).expect("small"));
        commit_since(&store, id, &doc, &before, Origin::Local);
        let loaded = store
            .load(id)
            .expect("the file still loads")
            .expect("stored");
        assert_eq!(sorted_heads(&loaded), sorted_heads(&doc));
    }
    drop(store);
    let (snapshot, logged) = raw_rows(&path, id);
    assert!(snapshot.is_none(), "no unreadable snapshot was written");
    assert_eq!(logged, doc.get_changes(&[]).len() as u64);
    let store = Store::open(&path).expect("open");
    let loaded = store
        .load(id)
        .expect("loads after reopening")
        .expect("stored");
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&doc).expect("view")
    );
}

#[test]
fn one_large_commit_compacts_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let (id, mut doc) = new_client("Acme Ltd", me);
    let store = Store::create(&path, me).expect("create");
    commit_since(&store, id, &doc, &[], Origin::Local);
    let before = doc.get_heads();
    for i in 0..=u32::try_from(COMPACT_AFTER_CHANGES).expect("small") {
        log_call(&mut doc, i);
    }
    let hashes = commit_since(&store, id, &doc, &before, Origin::Local);
    assert!(hashes.len() as u64 > COMPACT_AFTER_CHANGES);
    let loaded = store.load(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&loaded), sorted_heads(&doc));
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&doc).expect("view")
    );
    drop(store);
    let (snapshot, logged) = raw_rows(&path, id);
    assert_eq!(logged, 0);
    let snapshot = Automerge::load(&snapshot.expect("a snapshot")).expect("loads");
    assert_eq!(sorted_heads(&snapshot), sorted_heads(&doc));
}

#[test]
fn commit_many_stores_every_file_in_one_call() {
    // All-or-nothing on failure is not tested: no input to the public API makes a commit fail
    // part way (summaries and origins always serialise), short of a real I/O error.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let docs: Vec<(FileId, Automerge)> = (0..5)
        .map(|i| new_client(&format!("Client {i}"), me))
        .collect();
    let summaries: Vec<FileSummary> = docs.iter().map(|(_, d)| summary(d)).collect();
    let commits: Vec<Commit<'_>> = docs
        .iter()
        .zip(&summaries)
        .map(|((id, doc), summary)| Commit {
            file_id: *id,
            doc,
            changes: doc.get_changes(&[]),
            summary,
            origin: Origin::File {
                name: "import.csv".into(),
            },
            signatures: vec![],
        })
        .collect();
    let mut store = Store::create(&path, me).expect("create");
    store.commit_many(&commits).expect("commit many");
    drop(commits);
    assert_eq!(store.file_count().expect("count"), 5);
    for (id, doc) in &docs {
        let loaded = store.load(*id).expect("load").expect("stored");
        assert_eq!(sorted_heads(&loaded), sorted_heads(doc));
        assert_eq!(store.summary(*id).expect("summary"), Some(summary(doc)));
    }
    // An empty batch is a no-op.
    store.commit_many(&[]).expect("empty batch");
    assert_eq!(store.file_count().expect("count"), 5);
    assert!(store.check_integrity().expect("integrity check"));
}

#[test]
fn origins_are_recorded_per_change_and_the_first_one_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let peer = node(2);
    let (id, mut doc) = new_client("Acme Ltd", me);
    let store = Store::create(&path, me).expect("create");

    let t0 = Utc::now();
    let local = commit_since(&store, id, &doc, &[], Origin::Local);
    let t1 = Utc::now();
    assert!(!local.is_empty());
    let recorded: Vec<ChangeOrigin> = store
        .origins(&local)
        .expect("origins")
        .into_iter()
        .map(|o| o.expect("recorded"))
        .collect();
    for o in &recorded {
        assert_eq!(o.origin, Origin::Local);
        assert!(t0 <= o.stored_at && o.stored_at <= t1, "{o:?}");
    }

    // A change made elsewhere and received from a peer.
    let mut theirs = doc.fork().with_actor(actor(peer));
    let before = theirs.get_heads();
    log_call(&mut theirs, 1);
    let from_peer = theirs.get_changes(&before);
    let peer_hashes: Vec<ChangeHash> = from_peer.iter().map(|c| c.hash()).collect();
    doc.merge(&mut theirs).expect("merge");
    store
        .commit(Commit {
            file_id: id,
            doc: &doc,
            changes: from_peer,
            summary: &summary(&doc),
            origin: Origin::Peer { node: peer },
            signatures: vec![],
        })
        .expect("commit");
    for o in store.origins(&peer_hashes).expect("origins") {
        assert_eq!(o.expect("recorded").origin, Origin::Peer { node: peer });
    }

    // The same changes arriving again, now from a file: the first origin stays.
    let again = commit_since(
        &store,
        id,
        &doc,
        &[],
        Origin::File {
            name: "acme.automerge".into(),
        },
    );
    assert_eq!(again.len(), local.len() + peer_hashes.len());
    let after: Vec<ChangeOrigin> = store
        .origins(&local)
        .expect("origins")
        .into_iter()
        .map(|o| o.expect("recorded"))
        .collect();
    assert_eq!(after, recorded, "the first origin (and its time) wins");
    for o in store.origins(&peer_hashes).expect("origins") {
        assert_eq!(o.expect("recorded").origin, Origin::Peer { node: peer });
    }

    // Unknown hashes have no origin, in place.
    let unknown = ChangeHash([7u8; 32]);
    let mixed = store
        .origins(&[unknown, local[0], unknown])
        .expect("origins");
    assert_eq!(mixed.len(), 3);
    assert!(mixed[0].is_none() && mixed[2].is_none());
    assert_eq!(mixed[1].as_ref().map(|o| &o.origin), Some(&Origin::Local));

    // Storing a change twice does not disturb the file.
    let loaded = store.load(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&loaded), sorted_heads(&doc));
    assert_eq!(
        view::read(&loaded).expect("view"),
        view::read(&doc).expect("view")
    );
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(
        store
            .origins(&local)
            .expect("origins")
            .into_iter()
            .map(|o| o.expect("recorded"))
            .collect::<Vec<_>>(),
        recorded
    );
}

#[test]
fn integrity_holds_after_a_mixed_workload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let me = node(1);
    let mut files: Vec<(FileId, Automerge)> = (0..4)
        .map(|i| new_client(&format!("Client {i}"), me))
        .collect();
    {
        let store = Store::create(&path, me).expect("create");
        for (id, doc) in &files {
            commit_since(&store, *id, doc, &[], Origin::Local);
        }
        for round in 0..40u32 {
            let (id, doc) = &mut files[round as usize % 4];
            let before = doc.get_heads();
            log_call(doc, round);
            commit_since(&store, *id, doc, &before, Origin::Local);
        }
        let config = OrgConfig {
            contact_due_days: 14,
            ..OrgConfig::default()
        };
        let resummarised: Vec<(FileId, FileSummary)> = files
            .iter()
            .map(|(id, doc)| {
                (
                    *id,
                    FileSummary::of(&view::read(doc).expect("view"), &config),
                )
            })
            .collect();
        store.set_config(&config, &resummarised).expect("config");
        store.set_meta("adviser", b"Alice").expect("meta");
    }
    let mut store = Store::open(&path).expect("reopen");
    assert!(store.check_integrity().expect("integrity check"));
    assert_eq!(store.config().expect("config").contact_due_days, 14);
    for (id, doc) in &files {
        let loaded = store.load(*id).expect("load").expect("stored");
        assert_eq!(sorted_heads(&loaded), sorted_heads(doc));
    }
    // The read-only table metadata is consistent with the API's count.
    drop(store);
    let db = redb::Database::open(&path).expect("redb open");
    let tx = db.begin_read().expect("read");
    assert_eq!(
        tx.open_table(SNAPSHOTS)
            .expect("snapshots")
            .len()
            .expect("len"),
        4
    );
}

/// The file's name as its document says.
fn client_name(doc: &Automerge) -> String {
    view::read(doc).expect("view").profile.name
}

#[test]
fn a_load_after_another_handle_wrote_sees_the_write() {
    // Each handle keeps the documents its readers share (as each process does); a write
    // through the other one must not leave this one answering from its copy.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let first = Store::create(&path, node(1)).expect("create");
    let second = Store::open(&path).expect("a second handle");
    let (id, mut doc) = new_client("Acme Ltd", node(2));
    commit_since(&first, id, &doc, &[], Origin::Local);
    for round in 0..3u32 {
        let shared = first.load_shared(id).expect("load").expect("stored");
        assert_eq!(sorted_heads(&shared), sorted_heads(&doc), "round {round}");
        let again = first.load_shared(id).expect("load again").expect("stored");
        assert!(std::sync::Arc::ptr_eq(&shared, &again), "one copy, shared");
        let own = first.load(id).expect("load own").expect("stored");
        assert_eq!(sorted_heads(&own), sorted_heads(&doc));
        assert_ne!(
            own.get_actor(),
            shared.get_actor(),
            "an own copy gets its own actor"
        );
        let before = doc.get_heads();
        log_call(&mut doc, round);
        commit_since(&second, id, &doc, &before, Origin::Local);
    }
    for last in [
        first.load(id).expect("load").expect("stored"),
        (*first.load_shared(id).expect("load").expect("stored")).clone(),
    ] {
        assert_eq!(sorted_heads(&last), sorted_heads(&doc));
        assert_eq!(view::read(&last).expect("view").interactions.len(), 3);
    }
    // The same holds inside a write transaction of the first handle.
    first
        .update(|txn| {
            let in_txn = txn.load(id)?.expect("stored");
            assert_eq!(sorted_heads(&in_txn), sorted_heads(&doc));
            Ok::<_, Error>(())
        })
        .expect("update");
}

#[test]
fn a_document_loaded_in_a_transaction_that_aborted_is_not_served_afterwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = store_path(&dir);
    let store = Store::create(&path, node(1)).expect("create");
    let (id, mut doc) = new_client("Acme Ltd", node(2));
    commit_since(&store, id, &doc, &[], Origin::Local);
    let committed = sorted_heads(&doc);
    let shared = store.load_shared(id).expect("load").expect("stored");
    assert_eq!(sorted_heads(&shared), committed);
    let before = doc.get_heads();
    log_call(&mut doc, 1);
    let result: Result<(), Error> = store.update(|txn| {
        let changes = doc.get_changes(&before);
        txn.commit(&Commit {
            file_id: id,
            doc: &doc,
            changes,
            summary: &summary(&doc),
            origin: Origin::Local,
            signatures: vec![],
        })?;
        // The transaction sees its own write, not the shared copy.
        let mine = txn.load(id)?.expect("stored");
        assert_eq!(sorted_heads(&mine), sorted_heads(&doc));
        Err(Error::Poisoned)
    });
    assert!(result.is_err());
    for after in [
        store.load(id).expect("load").expect("stored"),
        (*store.load_shared(id).expect("load").expect("stored")).clone(),
    ] {
        assert_eq!(
            sorted_heads(&after),
            committed,
            "the aborted change is not there"
        );
        assert!(view::read(&after).expect("view").interactions.is_empty());
        assert_eq!(client_name(&after), "Acme Ltd");
    }
}
