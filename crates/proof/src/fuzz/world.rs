//! The fixture the node-backed fuzz targets run against: two real nodes, Alice and Bob, each a
//! real redb store in a temporary directory, built the same way in every process.
//!
//! Everything that goes into a change is fixed (node keys, log epochs, the clock, file ids, the
//! edits), so the changes, their hashes and their signatures are the same bytes in every build.
//! That is what lets the committed seeds (real sessions recorded by [`super::seeds`]) carry
//! changes that are valid against the fixture the fuzzer runs, years later, in another process.
//!
//! The story:
//! 1. Alice and Bob trust each other. Alice imports A1 (shares it with Bob, write) and A2 (read);
//!    Bob imports B1 (shares it with Alice, write) and B2, which he shares with nobody.
//! 2. One real session (in process, no network) brings both up to date.
//! 3. Apart, Alice edits A1 and B1 and imports A3 (shared with Bob); Bob edits B1 and B2.
//!
//! The stores as they are then are kept as the pristine images (data directories). The targets
//! run Bob's node on an in-memory copy of his store file's bytes, through redb's storage seam
//! (a [`Disk`], the same [`StorageBackend`](redb::StorageBackend) suite 1 opens its stores on,
//! with no fault set), and put him back whenever an input changed him by opening a fresh copy
//! of those bytes: restoring costs a memory copy and a commit's fsync costs nothing, where a
//! copy of his directory cost a file copy per restore and an fsync per commit (about a third of
//! the session and import corpus inputs change him). The store, its format, checks and
//! durability settings are the ones [`Node::open`] gives (the same [`Store`] code, only the
//! bytes live elsewhere); [`World::build`] checks that the node opened this way is the one
//! `Node::open` makes of the image (key, adviser, log epoch, configuration, peers, clock, store
//! state).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::automerge::ChangeHash;
use casebook::edit::{self, ClientPatch};
use casebook::{FileId, Node, NodeId, SecretKey, Store, Ticket};
use casebook_proto::Message;
use casebook_sync::Session;
use chrono::{DateTime, Utc};

use super::Violation;
use crate::fault_backend::Disk;

/// Alice's node key seed.
pub const ALICE_SEED: [u8; 32] = [0xA1; 32];
/// Bob's node key seed.
pub const BOB_SEED: [u8; 32] = [0xB0; 32];
/// Alice's log epoch (fixed so that recorded cursors stay valid).
pub const ALICE_EPOCH: u64 = 0x00A1_1CE0;
/// Bob's log epoch.
pub const BOB_EPOCH: u64 = 0x0000_0B0B;
/// The clock every change of the fixture is stamped with.
pub const CLOCK: &str = "2026-01-05T09:30:00Z";

/// Alice's file shared with Bob for writing.
pub const A1: [u8; 16] = [0xA1; 16];
/// Alice's file shared with Bob for reading.
pub const A2: [u8; 16] = [0xA2; 16];
/// Alice's file made after the first session (Bob does not hold it yet).
pub const A3: [u8; 16] = [0xA3; 16];
/// Bob's file shared with Alice for writing.
pub const B1: [u8; 16] = [0xB1; 16];
/// Bob's secret file, shared with nobody: no byte of it may ever reach Alice.
pub const B2: [u8; 16] = [0xB2; 16];

/// The metadata keys the fixture sets directly (the same keys `Node::init` and the store use).
const ADVISER_META: &str = "adviser";
const LOG_EPOCH_META: &str = "log_epoch";

/// The peer names each node gives the other.
const ALICE_PEER: &str = "Alice (laptop)";
const BOB_PEER: &str = "Bob (laptop)";

/// Prefix of every temporary directory of the fuzz fixture; the process id follows.
const TEMP_PREFIX: &str = "casebook-fuzz-";

/// Which node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Alice: the peer whose messages the targets play.
    Alice,
    /// Bob: the node under test.
    Bob,
}

/// What a node's store holds, as the invariants compare it: the log position and every
/// file's heads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreState {
    /// `meta.log_seq`.
    pub log_seq: u64,
    /// Every file's heads, sorted.
    pub heads: BTreeMap<FileId, Vec<ChangeHash>>,
}

impl StoreState {
    /// Read it from `node`.
    ///
    /// # Errors
    /// Store errors.
    pub fn of(node: &Node) -> Result<Self, Violation> {
        let store = node.store();
        let log_seq = store.log_seq().map_err(Violation::local("log_seq"))?;
        let mut heads = BTreeMap::new();
        for file in store.file_ids().map_err(Violation::local("file_ids"))? {
            let mut h = store
                .heads(file)
                .map_err(Violation::local("heads"))?
                .unwrap_or_default();
            h.sort();
            heads.insert(file, h);
        }
        Ok(Self { log_seq, heads })
    }
}

/// [`StoreState`] plus what a session records about the peer (sync states and cursor): two
/// equal marks mean the next input meets the same node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    state: StoreState,
    sync_states: Vec<(FileId, Vec<u8>)>,
    cursor: Option<Vec<u8>>,
}

impl Mark {
    /// Read it from `node`, about `peer`.
    ///
    /// # Errors
    /// Store errors.
    pub fn of(node: &Node, peer: &NodeId) -> Result<Self, Violation> {
        let store = node.store();
        Ok(Self {
            state: StoreState::of(node)?,
            sync_states: store
                .sync_states(peer)
                .map_err(Violation::local("sync_states"))?,
            cursor: store.cursor(peer).map_err(Violation::local("cursor"))?,
        })
    }
}

/// The two nodes, built once per process.
#[derive(Debug)]
pub struct World {
    /// Alice's node id.
    pub alice: NodeId,
    /// Bob's node id.
    pub bob: NodeId,
    /// Every change Alice holds (of every file): the only changes by others Bob may ever store.
    pub alice_changes: HashSet<ChangeHash>,
    /// Every change of Bob's secret file B2.
    pub secret_changes: HashSet<ChangeHash>,
    /// Bob's pristine mark (about Alice).
    pub bob_mark: Mark,
    /// Bob's pristine store state.
    pub bob_state: StoreState,
    /// The pristine images: `alice/` and `bob/`, each a data directory (key and store).
    images: tempfile::TempDir,
    /// The bytes of Bob's pristine store file, which [`Bench`] opens in memory.
    bob_store: Vec<u8>,
}

/// The fixed clock.
///
/// # Errors
/// Never in practice (the constant parses).
pub fn clock() -> Result<DateTime<Utc>, Violation> {
    DateTime::parse_from_rfc3339(CLOCK)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Violation::new(format!("fixture clock: {e}")))
}

/// The JSON export of a small account file with the given id and name, with one interaction
/// and one risk under fixed entry ids.
fn account_json(id: [u8; 16], name: &str, tag: u8) -> String {
    let file_id = FileId::from_bytes(id).to_string();
    let interaction = format!("00000000-0000-4000-8000-0000000001{tag:02x}");
    let risk = format!("00000000-0000-4000-8000-0000000002{tag:02x}");
    serde_json::json!({
        "file_id": file_id,
        "profile": {
            "name": name,
            "sector": "manufacturing",
            "postcode": format!("CF{tag} 1AA"),
            "company_number": format!("0{tag:07}"),
            "segments": {"growth": true},
        },
        "team": {"lead": "Alice Morgan"},
        "interactions": {
            interaction: {
                "kind": "call",
                "direction": "outbound",
                "at": "2026-01-02T10:00:00Z",
                "minutes": 20,
                "our_attendees": ["Alice Morgan"],
                "their_attendees": ["Rhys Jones"],
                "purpose": "fact-finding",
                "summary": "First call",
                "needs": "export finance",
            }
        },
        "risks": {
            risk: {
                "title": "Key supplier failure",
                "likelihood": 3,
                "severity": 4,
            }
        },
    })
    .to_string()
}

/// Make a node with a fixed key, adviser and log epoch in `dir`.
fn make_node(dir: &Path, seed: [u8; 32], adviser: &str, epoch: u64) -> Result<Node, Violation> {
    std::fs::create_dir_all(dir).map_err(Violation::local("create the data directory"))?;
    let key = SecretKey::from_seed(seed);
    key.write_new(&dir.join(casebook::KEY_FILE))
        .map_err(Violation::local("write the key"))?;
    let store = Store::create(&dir.join(casebook::STORE_FILE), key.node_id())
        .map_err(Violation::local("create the store"))?;
    store
        .set_meta(ADVISER_META, adviser.as_bytes())
        .map_err(Violation::local("set the adviser"))?;
    store
        .set_meta(LOG_EPOCH_META, &epoch.to_le_bytes())
        .map_err(Violation::local("set the log epoch"))?;
    drop(store);
    open_node(dir)
}

/// Open a data directory with the fixture's clock.
fn open_node(dir: &Path) -> Result<Node, Violation> {
    let mut node = Node::open(dir).map_err(Violation::local("open the node"))?;
    node.set_clock(Some(clock()?));
    Ok(node)
}

/// Open Bob's node on an in-memory copy of his store file's bytes (see the module
/// documentation), with his key and the fixture's clock, as [`open_node`] opens his directory.
fn open_bob_in_memory(store_bytes: &[u8]) -> Result<Node, Violation> {
    let disk = Disk::from_image(store_bytes.to_vec());
    let store =
        Store::open_on(disk.backend()).map_err(Violation::local("open Bob's store in memory"))?;
    let mut node = Node::open_on(SecretKey::from_seed(BOB_SEED), store)
        .map_err(Violation::local("open Bob's node in memory"))?;
    node.set_clock(Some(clock()?));
    Ok(node)
}

/// What opening a node sets up that the targets rely on, and the state of its store.
#[derive(Debug, PartialEq)]
struct Setup {
    node_id: NodeId,
    adviser: String,
    log_epoch: u64,
    now: DateTime<Utc>,
    config: casebook::OrgConfig,
    peers: Vec<casebook::Peer>,
    state: StoreState,
}

impl Setup {
    fn of(node: &Node) -> Result<Self, Violation> {
        let store = node.store();
        Ok(Self {
            node_id: node.node_id(),
            adviser: node.adviser().to_owned(),
            log_epoch: store.log_epoch().map_err(Violation::local("log_epoch"))?,
            now: node.now(),
            // A fresh node's rules (its organisation's defaults) if its store cannot say.
            config: node.config().unwrap_or_default(),
            peers: store.peers().map_err(Violation::local("peers"))?,
            state: StoreState::of(node)?,
        })
    }
}

fn import(node: &Node, id: [u8; 16], name: &str, tag: u8) -> Result<(), Violation> {
    casebook::import::import_json(node, &account_json(id, name, tag), "fixture.json", false)
        .map_err(Violation::local("import the fixture file"))?;
    Ok(())
}

fn patch(node: &Node, id: [u8; 16], patch: &ClientPatch) -> Result<(), Violation> {
    node.apply(FileId::from_bytes(id), |d, c, _| {
        edit::edit_client(d, c, patch)
    })
    .map_err(Violation::local("edit a fixture file"))?;
    Ok(())
}

/// Every change of every file `node` holds.
fn all_changes(node: &Node) -> Result<HashSet<ChangeHash>, Violation> {
    let mut out = HashSet::new();
    for file in node
        .store()
        .file_ids()
        .map_err(Violation::local("file_ids"))?
    {
        out.extend(
            node.change_hashes(file)
                .map_err(Violation::local("change hashes"))?,
        );
    }
    Ok(out)
}

/// Run two sessions against each other until neither has anything to say; returns what the
/// first side sent, batch by batch (its `Hello` first).
///
/// # Errors
/// If either session ends with an error, or they keep talking.
pub fn pump(a: &mut Session, b: &mut Session) -> Result<Vec<Vec<Message>>, Violation> {
    let mut sent_by_a = Vec::new();
    let mut to_b = a.start().map_err(Violation::local("start"))?;
    let mut to_a = b.start().map_err(Violation::local("start"))?;
    for _ in 0..64 {
        if to_a.is_empty() && to_b.is_empty() {
            return Ok(sent_by_a);
        }
        let from_b = if to_b.is_empty() {
            Vec::new()
        } else {
            sent_by_a.push(to_b.clone());
            b.receive(std::mem::take(&mut to_b))
                .map_err(Violation::local("receive"))?
        };
        let from_a = if to_a.is_empty() {
            Vec::new()
        } else {
            a.receive(std::mem::take(&mut to_a))
                .map_err(Violation::local("receive"))?
        };
        to_a = from_b;
        to_b = from_a;
    }
    Err(Violation::new("the fixture's sessions kept talking"))
}

/// Copy a data directory (the key keeps its mode).
fn copy_dir(from: &Path, to: &Path) -> Result<(), Violation> {
    std::fs::create_dir_all(to).map_err(Violation::local("create a copy"))?;
    for name in [casebook::KEY_FILE, casebook::STORE_FILE] {
        // libFuzzer's timeout timer interrupts system calls, and the kernel copy std uses can
        // return EINTR: try again.
        let mut tries = 0;
        loop {
            match std::fs::copy(from.join(name), to.join(name)) {
                Ok(_) => break,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted && tries < 100 => {
                    tries += 1;
                }
                Err(e) => return Err(Violation::local("copy an image")(e)),
            }
        }
    }
    Ok(())
}

/// A temporary directory of this process, removed when dropped (and, if the process is killed,
/// by the next process that builds the fixture).
///
/// # Errors
/// I/O errors.
pub fn temp_dir() -> Result<tempfile::TempDir, Violation> {
    tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(Violation::local("make a temporary directory"))
}

/// Remove the fixture directories of processes that are gone (a fuzzer stops with `exit`,
/// which runs no destructors, so its directories stay behind).
fn sweep_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        if !alive && cfg!(target_os = "linux") {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl World {
    /// Build both nodes and their story (see the module documentation).
    ///
    /// # Errors
    /// Any failure of the real code on the fixture's own, valid, steps.
    pub fn build() -> Result<Self, Violation> {
        sweep_stale_dirs();
        let images = temp_dir()?;
        let alice_dir = images.path().join("alice");
        let bob_dir = images.path().join("bob");
        let alice = make_node(&alice_dir, ALICE_SEED, "Alice Morgan", ALICE_EPOCH)?;
        let bob = make_node(&bob_dir, BOB_SEED, "Bob Evans", BOB_EPOCH)?;
        let (alice_id, bob_id) = (alice.node_id(), bob.node_id());
        let trust = |node: &Node, other: NodeId, name: &str, adviser: &str| {
            node.add_peer(
                &Ticket {
                    node: other,
                    addrs: Vec::new(),
                },
                name,
                adviser,
            )
            .map(|_| ())
            .map_err(Violation::local("add a peer"))
        };
        trust(&alice, bob_id, BOB_PEER, "Bob Evans")?;
        trust(&bob, alice_id, ALICE_PEER, "Alice Morgan")?;

        // 1. Files and sharing.
        import(&alice, A1, "Afon Valley Foods Ltd", 1)?;
        import(&alice, A2, "Brecon Bakes", 2)?;
        import(&bob, B1, "Cardiff Cycles", 4)?;
        import(&bob, B2, "Dee Dairy (secret)", 5)?;
        let share = |node: &Node, file: [u8; 16], who: &str, role: &str| {
            node.share(FileId::from_bytes(file), who, role)
                .map(|_| ())
                .map_err(Violation::local("share a fixture file"))
        };
        share(&alice, A1, BOB_PEER, "write")?;
        share(&alice, A2, BOB_PEER, "read")?;
        share(&bob, B1, ALICE_PEER, "write")?;

        // 2. One session brings both up to date.
        let alice = Arc::new(alice);
        let bob = Arc::new(bob);
        {
            let mut a = Session::new(Arc::clone(&alice), bob_id);
            let mut b = Session::new(Arc::clone(&bob), alice_id);
            pump(&mut a, &mut b)?;
        }

        // 3. Work apart.
        patch(
            &alice,
            A1,
            &ClientPatch {
                sector: Some("food and drink".into()),
                ..Default::default()
            },
        )?;
        patch(
            &alice,
            B1,
            &ClientPatch {
                region: Some("South Wales".into()),
                ..Default::default()
            },
        )?;
        import(&alice, A3, "Ewenny Eggs", 3)?;
        share(&alice, A3, BOB_PEER, "write")?;
        patch(
            &bob,
            B1,
            &ClientPatch {
                postcode: Some("CF24 4AA".into()),
                ..Default::default()
            },
        )?;
        patch(
            &bob,
            B2,
            &ClientPatch {
                mission: Some("Milk for the valleys".into()),
                ..Default::default()
            },
        )?;

        let alice_changes = all_changes(&alice)?;
        let secret_changes: HashSet<ChangeHash> = bob
            .change_hashes(FileId::from_bytes(B2))
            .map_err(Violation::local("change hashes"))?
            .into_iter()
            .collect();
        let bob_mark = Mark::of(&bob, &alice_id)?;
        let bob_state = StoreState::of(&bob)?;
        if Arc::strong_count(&alice) != 1 || Arc::strong_count(&bob) != 1 {
            return Err(Violation::new("a fixture node is still in use"));
        }
        drop(alice);
        drop(bob);

        // Bob's store file, closed, for the bench; opened in memory it must be the node that
        // `Node::open` makes of his directory.
        let bob_store = std::fs::read(bob_dir.join(casebook::STORE_FILE))
            .map_err(Violation::local("read Bob's store"))?;
        let on_file = Setup::of(&open_node(&bob_dir)?)?;
        let in_memory = open_bob_in_memory(&bob_store)?;
        if Setup::of(&in_memory)? != on_file || Mark::of(&in_memory, &alice_id)? != bob_mark {
            return Err(Violation::new(
                "Bob's node opened in memory differs from the one opened from his directory",
            ));
        }
        Ok(Self {
            alice: alice_id,
            bob: bob_id,
            alice_changes,
            secret_changes,
            bob_mark,
            bob_state,
            images,
            bob_store,
        })
    }

    /// The pristine image of a node.
    pub fn image(&self, who: Who) -> PathBuf {
        self.images.path().join(match who {
            Who::Alice => "alice",
            Who::Bob => "bob",
        })
    }

    /// A fresh copy of a node's pristine image, opened; the node lives as long as the
    /// directory returned with it.
    ///
    /// # Errors
    /// I/O and store errors.
    pub fn open_copy(&self, who: Who) -> Result<(tempfile::TempDir, Arc<Node>), Violation> {
        let dir = temp_dir()?;
        let data = dir.path().join("node");
        copy_dir(&self.image(who), &data)?;
        let node = open_node(&data)?;
        Ok((dir, Arc::new(node)))
    }
}

/// Bob's node for one input after another: an in-memory copy of his pristine store (see the
/// module documentation), replaced by a fresh copy whenever an input left it changed.
#[derive(Debug)]
pub struct Bench {
    node: Option<Arc<Node>>,
    /// How many times the copy was restored.
    pub restores: u64,
}

impl Bench {
    /// An empty bench: the first [`Bench::node`] opens a copy.
    pub fn new() -> Self {
        Self {
            node: None,
            restores: 0,
        }
    }

    /// Bob's node, as pristine as the world made it.
    ///
    /// # Errors
    /// I/O and store errors.
    pub fn node(&mut self, world: &World) -> Result<Arc<Node>, Violation> {
        if let Some(node) = &self.node {
            return Ok(Arc::clone(node));
        }
        let node = Arc::new(open_bob_in_memory(&world.bob_store)?);
        self.node = Some(Arc::clone(&node));
        Ok(node)
    }

    /// Put Bob back as the world made him if the input changed anything (every other handle
    /// on the node must be dropped first).
    ///
    /// # Errors
    /// I/O and store errors.
    pub fn restore_if_changed(&mut self, world: &World) -> Result<(), Violation> {
        let Some(node) = self.node.take() else {
            return Ok(());
        };
        if Mark::of(&node, &world.alice)? == world.bob_mark {
            self.node = Some(node);
            return Ok(());
        }
        if Arc::strong_count(&node) != 1 {
            return Err(Violation::new(
                "the fuzz target still holds Bob's node after the input",
            ));
        }
        drop(node);
        self.restores += 1;
        Ok(())
    }
}

impl Default for Bench {
    fn default() -> Self {
        Self::new()
    }
}

/// The fixture of this process: the world and Bob's bench, built on first use.
#[derive(Debug)]
struct Fixture {
    world: World,
    bench: Bench,
}

static FIXTURE: std::sync::OnceLock<Result<std::sync::Mutex<Fixture>, Violation>> =
    std::sync::OnceLock::new();

/// Build the fixture now if it is not built yet, and open Bob's copy.
///
/// # Errors
/// If the world cannot be built.
pub fn prepare() -> Result<(), Violation> {
    with_bob(|_, _| Ok(()))
}

/// Run `f` with the world and Bob's node (as pristine as the world made it), then put Bob back
/// if `f` changed him. `f` must not keep the node (or a session holding it) beyond its return.
///
/// # Errors
/// What `f` returns; fixture failures.
pub fn with_bob<T>(
    f: impl FnOnce(&World, Arc<Node>) -> Result<T, Violation>,
) -> Result<T, Violation> {
    let fixture = FIXTURE.get_or_init(|| {
        World::build().map(|world| {
            std::sync::Mutex::new(Fixture {
                world,
                bench: Bench::new(),
            })
        })
    });
    let fixture = fixture.as_ref().map_err(Clone::clone)?;
    let mut guard = match fixture.lock() {
        Ok(g) => g,
        Err(poisoned) => {
            // An earlier input panicked (a finding of its own, reported there): start again
            // from a fresh copy.
            let mut g = poisoned.into_inner();
            g.bench = Bench::new();
            g
        }
    };
    let Fixture { world, bench } = &mut *guard;
    let node = bench.node(world)?;
    let result = f(world, node);
    bench.restore_if_changed(world)?;
    result
}
