//! The workloads the storage proofs run, and the journal of what each call wrote.
//!
//! A [`Script`] is planned in advance from a [`Spec`] and a seed: Alice's node creates its
//! store, creates clients, trusts two peers (Bob, Carol), shares a file with Bob, makes
//! hundreds of edits through [`Node::apply`], receives batches of Bob's signed changes exactly
//! as a sync session commits them (authority check, then [`Node::store_changes_in`] for every
//! file, the sync states and the cursor in one [`casebook_store::Store::update`]), changes the
//! organisation configuration, stops trusting Carol, and is closed and reopened between
//! sessions. Enough changes reach one file to compact its log into a snapshot.
//!
//! Bob is a real node on a disk of his own; his batches are made while planning, so a step can
//! be replayed on its own (the I/O error suite does).
//!
//! A [`Runner`] runs the steps on Alice's [`Disk`] and keeps a [`Journal`]: for every call,
//! where in the disk's operation log it started and returned, whether it returned `Ok`, and
//! what it wrote (change hashes, peers, configuration, sync state).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use casebook::automerge::{Automerge, Change, ChangeHash};
use casebook::config_types::RagMatrix;
use casebook::edit::{self, NewClient};
use casebook::enums::{Direction, PersonRole};
use casebook::model::{Action, Interaction, Person, Risk};
use casebook::{
    ChangeSignature, FileId, Node, NodeId, OrgConfig, Origin, SecretKey, Store, StoreError, Ticket,
    authority, schema,
};
use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::fault_backend::{Disk, Recording};
use crate::rng::Rng;

/// Alice's adviser name.
pub const ALICE: &str = "Alice Morgan";
/// Bob's peer name on Alice's node.
pub const BOB: &str = "Bob (laptop)";
/// Carol's peer name on Alice's node.
pub const CAROL: &str = "Carol (tablet)";

/// The shape of a workload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// A name for reports.
    pub name: &'static str,
    /// The seed every choice derives from.
    pub seed: u64,
    /// Clients Alice creates.
    pub alice_files: usize,
    /// Files Bob creates and shares with Alice.
    pub bob_files: usize,
    /// Alice's edits.
    pub edits: usize,
    /// Percent of Alice's edits on her first file (the one that compacts).
    pub hot_percent: u64,
    /// Incoming sync batches from Bob.
    pub batches: usize,
    /// Bob's edits before each batch.
    pub bob_edits_per_batch: usize,
    /// Whether the last batch carries enough of Bob's changes to compact in one commit.
    pub big_batch: bool,
    /// Steps per session: the node is closed and reopened after this many.
    pub session_steps: usize,
}

impl Spec {
    /// The standard workload: 4 files of Alice's and 2 of Bob's, 240 edits (enough on one file
    /// to compact its log), 8 incoming batches (the last one compacting a file by itself), a
    /// trust change, a configuration change, sessions of 60 steps.
    pub fn standard() -> Self {
        Self {
            name: "standard",
            seed: 1,
            alice_files: 4,
            bob_files: 2,
            edits: 240,
            hot_percent: 40,
            batches: 8,
            bob_edits_per_batch: 4,
            big_batch: true,
            session_steps: 60,
        }
    }

    /// The three further workloads of the extended tier: many small files and short sessions;
    /// a single hot file with many batches; a long one with a seed of its own.
    pub fn extended() -> Vec<Self> {
        vec![
            Self {
                name: "many-files",
                seed: 2,
                alice_files: 12,
                bob_files: 3,
                edits: 200,
                hot_percent: 10,
                batches: 6,
                bob_edits_per_batch: 3,
                big_batch: false,
                session_steps: 15,
            },
            Self {
                name: "hot-file",
                seed: 3,
                alice_files: 1,
                bob_files: 1,
                edits: 260,
                hot_percent: 100,
                batches: 20,
                bob_edits_per_batch: 2,
                big_batch: true,
                session_steps: 1000,
            },
            Self {
                name: "long",
                seed: 4,
                alice_files: 6,
                bob_files: 2,
                edits: 400,
                hot_percent: 30,
                batches: 12,
                bob_edits_per_batch: 5,
                big_batch: true,
                session_steps: 40,
            },
        ]
    }

    /// The workload of the I/O error suite: every kind of step, few enough that failing every
    /// operation of it in turn stays quick (a batch of 70 of Bob's changes compacts a file).
    pub fn small(seed: u64) -> Self {
        Self {
            name: "small",
            seed,
            alice_files: 2,
            bob_files: 1,
            edits: 12,
            hot_percent: 50,
            batches: 2,
            bob_edits_per_batch: 2,
            big_batch: true,
            session_steps: 5,
        }
    }
}

/// One of Alice's edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// Log the n-th call.
    Call(u32),
    /// Raise a risk with this likelihood and severity.
    Risk(u8, u8),
    /// Add the n-th person.
    Person(u32),
    /// Agree the n-th action.
    Action(u32),
}

/// One file's share of an incoming batch.
#[derive(Clone, Debug)]
pub struct BatchFile {
    /// The file.
    pub file: FileId,
    /// Bob's changes Alice does not hold yet, raw.
    pub changes: Vec<Vec<u8>>,
    /// Their hashes.
    pub hashes: Vec<ChangeHash>,
    /// Bob's signatures of them.
    pub signatures: Vec<ChangeSignature>,
    /// The sync state recorded with the batch (opaque bytes to the store).
    pub sync_state: Vec<u8>,
}

/// An incoming sync batch from Bob.
#[derive(Clone, Debug)]
pub struct Batch {
    /// Its number.
    pub number: usize,
    /// The files it carries.
    pub files: Vec<BatchFile>,
    /// The cursor recorded with it.
    pub cursor: Vec<u8>,
}

/// One call on Alice's node.
#[derive(Clone, Debug)]
pub enum Step {
    /// Create the store and the node in one transaction ([`Node::init_on`]).
    Create,
    /// Open the store ([`Store::open_on`]) and the node ([`Node::open_on`]).
    Open,
    /// Drop the node: redb's clean shutdown.
    Close,
    /// Create a client.
    NewClient(String),
    /// Edit the file with this index in the runner's file list.
    Edit(usize, EditKind),
    /// Trust a peer (index into [`Script::peers`]).
    AddPeer(usize),
    /// Stop trusting a peer.
    RemovePeer(usize),
    /// Share a file with a peer, with write access (a signed edit).
    Share(usize, usize),
    /// Commit an incoming batch as a sync session does.
    Batch(Arc<Batch>),
    /// Replace the organisation configuration (recomputes every summary in one transaction).
    Config,
}

impl Step {
    /// A short description for reports and failure messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Create => "create store".into(),
            Self::Open => "open store".into(),
            Self::Close => "close store".into(),
            Self::NewClient(name) => format!("new client {name}"),
            Self::Edit(f, kind) => format!("edit file #{f}: {kind:?}"),
            Self::AddPeer(p) => format!("add peer #{p}"),
            Self::RemovePeer(p) => format!("remove peer #{p}"),
            Self::Share(f, p) => format!("share file #{f} with peer #{p}"),
            Self::Batch(b) => format!(
                "incoming batch {} ({} files, {} changes)",
                b.number,
                b.files.len(),
                b.files.iter().map(|f| f.changes.len()).sum::<usize>()
            ),
            Self::Config => "set configuration".into(),
        }
    }
}

/// A trusted peer of Alice's.
#[derive(Clone, Debug)]
pub struct PeerInfo {
    /// Its node id.
    pub node: NodeId,
    /// Its name on Alice's node.
    pub name: String,
    /// Its adviser.
    pub adviser: String,
}

/// A planned workload: Alice's key, her peers, and her sessions of steps (each starts with
/// [`Step::Create`] or [`Step::Open`] and ends with [`Step::Close`]).
#[derive(Clone, Debug)]
pub struct Script {
    /// What it was planned from.
    pub spec: Spec,
    /// Alice's key seed.
    pub alice_seed: [u8; 32],
    /// Bob and Carol.
    pub peers: Vec<PeerInfo>,
    /// The sessions.
    pub sessions: Vec<Vec<Step>>,
}

/// The fixed start of the workload's clock.
fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 12, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn seed_bytes(seed: u64, who: u8) -> [u8; 32] {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(u64::from(who)));
    let mut out = [0u8; 32];
    rng.fill(&mut out);
    out
}

/// The configuration the workload's [`Step::Config`] sets.
pub fn workload_config() -> OrgConfig {
    OrgConfig {
        rag_matrix: RagMatrix::from_thresholds(4, 12),
        contact_due_days: 21,
        ..OrgConfig::default()
    }
}

fn interaction(i: u32, by: &str, at: DateTime<Utc>) -> Interaction {
    Interaction {
        direction: if i.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        minutes: 5 + i % 40,
        by: by.into(),
        ..crate::sample::call(
            by,
            at,
            format!("call number {i}: export plans, cash flow and the new premises"),
        )
    }
}

/// Run one edit on `doc` (what [`Node::apply`] hands the closure).
fn run_edit(
    kind: &EditKind,
    doc: &mut Automerge,
    ctx: &edit::EditContext,
    config: &OrgConfig,
) -> Result<edit::Edited, casebook::DocError> {
    match kind {
        EditKind::Call(i) => {
            edit::log_interaction(doc, ctx, &interaction(*i, &ctx.adviser, ctx.now))
        }
        EditKind::Risk(l, s) => edit::add_risk(
            doc,
            ctx,
            config,
            &Risk {
                contract: None,
                title: format!("Key supplier failure ({l}×{s})"),
                opportunity: None,
                parent: None,
                category: "supplier".into(),
                polarity: Default::default(),
                likelihood: *l,
                severity: *s,
                response: None,
                residual_likelihood: None,
                residual_severity: None,
                mitigation: String::new(),
                owner: ctx.adviser.clone(),
                status: Default::default(),
                raised: None,
            },
        ),
        EditKind::Person(i) => edit::add_person(
            doc,
            ctx,
            &Person {
                name: format!("Person {i}"),
                title: "Finance Manager".into(),
                roles: [(PersonRole::Influencer, true)].into_iter().collect(),
                ..Person::default()
            },
        ),
        EditKind::Action(i) => edit::add_action(
            doc,
            ctx,
            &Action {
                title: format!("Send the export finance options ({i})"),
                owner: ctx.adviser.clone(),
                due: None,
                status: Default::default(),
                done_at: None,
                origin: None,
            },
        ),
    }
}

fn random_edit(rng: &mut Rng, i: u32) -> EditKind {
    match rng.below(100) {
        0..60 => EditKind::Call(i),
        60..75 => EditKind::Risk(1 + rng.below(5) as u8, 1 + rng.below(5) as u8),
        75..90 => EditKind::Person(i),
        _ => EditKind::Action(i),
    }
}

/// Bob: a real node on a disk of his own, whose changes become Alice's incoming batches.
struct Bob {
    node: Node,
    files: Vec<FileId>,
    /// The changes of each file already put in a batch.
    sent: HashMap<FileId, BTreeSet<ChangeHash>>,
}

impl Bob {
    fn new(seed: u64, alice: NodeId, files: usize) -> Result<Self, casebook::Error> {
        let key = SecretKey::from_seed(seed_bytes(seed, 2));
        let mut node = Node::init_on(key, Disk::new().backend(), "Bob Price")?;
        node.set_clock(Some(epoch()));
        let ticket = Ticket {
            node: alice,
            addrs: Vec::new(),
        };
        node.add_peer(&ticket, "Alice (laptop)", ALICE)?;
        let mut ids = Vec::new();
        for i in 0..files {
            let id = node.create_client(&NewClient {
                name: format!("Bob's client {i} Ltd"),
                postcode: "SA1 1AA".into(),
                lead: "Bob Price".into(),
                ..NewClient::default()
            })?;
            node.share(id, "Alice (laptop)", "write")?;
            ids.push(id);
        }
        Ok(Self {
            node,
            files: ids,
            sent: HashMap::new(),
        })
    }

    /// Every change of Bob's files not yet sent, with signatures, as batch `number`.
    fn batch(&mut self, number: usize) -> Result<Batch, casebook::Error> {
        let mut files = Vec::new();
        for &file in &self.files {
            let doc = self.node.load(file)?;
            let sent = self.sent.entry(file).or_default();
            let changes: Vec<Change> = doc
                .get_changes(&[])
                .into_iter()
                .filter(|c| !sent.contains(&c.hash()))
                .collect();
            if changes.is_empty() {
                continue;
            }
            let hashes: Vec<ChangeHash> = changes.iter().map(Change::hash).collect();
            let signatures = self
                .node
                .store()
                .signatures(&hashes)?
                .into_iter()
                .flatten()
                .collect();
            sent.extend(hashes.iter().copied());
            files.push(BatchFile {
                file,
                changes: changes.iter().map(|c| c.raw_bytes().to_vec()).collect(),
                hashes,
                signatures,
                sync_state: format!("sync state of batch {number} for {file}").into_bytes(),
            });
        }
        Ok(Batch {
            number,
            files,
            cursor: format!("cursor after batch {number}").into_bytes(),
        })
    }
}

impl Script {
    /// Plan the workload of `spec`: Bob's batches are made now, on Bob's own node.
    ///
    /// # Errors
    /// Node errors of Bob's side (none are expected).
    pub fn plan(spec: &Spec) -> Result<Self, casebook::Error> {
        let mut rng = Rng::new(spec.seed);
        let alice_seed = seed_bytes(spec.seed, 1);
        let alice = SecretKey::from_seed(alice_seed).node_id();
        let mut bob = Bob::new(spec.seed, alice, spec.bob_files)?;
        let carol = SecretKey::from_seed(seed_bytes(spec.seed, 3)).node_id();
        let peers = vec![
            PeerInfo {
                node: bob.node.node_id(),
                name: BOB.into(),
                adviser: "Bob Price".into(),
            },
            PeerInfo {
                node: carol,
                name: CAROL.into(),
                adviser: "Carol Evans".into(),
            },
        ];

        let mut steps = vec![Step::Create];
        for i in 0..spec.alice_files {
            steps.push(Step::NewClient(format!("Client {i} Ltd")));
        }
        let mut files = spec.alice_files;
        steps.push(Step::AddPeer(0));
        steps.push(Step::AddPeer(1));
        if files > 0 {
            steps.push(Step::Share(0, 0));
        }
        let batch_every = spec.edits / (spec.batches + 1).max(1);
        let mut batches = 0;
        let mut bob_edit = 0u32;
        for e in 0..spec.edits {
            if batches < spec.batches && batch_every > 0 && e > 0 && e % batch_every == 0 {
                let big = spec.big_batch && batches + 1 == spec.batches;
                let n = if big { 70 } else { spec.bob_edits_per_batch };
                for _ in 0..n {
                    let Some(&file) = bob.files.get(rng.index(bob.files.len())) else {
                        break;
                    };
                    let kind = if big {
                        EditKind::Call(bob_edit)
                    } else {
                        random_edit(&mut rng, bob_edit)
                    };
                    bob_edit += 1;
                    bob.node
                        .apply(file, |d, c, cfg| run_edit(&kind, d, c, cfg))?;
                }
                let batch = bob.batch(batches)?;
                if batch.files.iter().any(|f| !f.changes.is_empty()) {
                    if batches == 0 {
                        files += spec.bob_files;
                    }
                    steps.push(Step::Batch(Arc::new(batch)));
                }
                batches += 1;
            }
            if e == spec.edits / 2 {
                steps.push(Step::Config);
            }
            if e == spec.edits * 3 / 4 {
                steps.push(Step::RemovePeer(1));
            }
            if files == 0 {
                continue;
            }
            let file = if rng.chance(spec.hot_percent) {
                0
            } else {
                rng.index(files)
            };
            steps.push(Step::Edit(file, random_edit(&mut rng, e as u32)));
        }

        // Cut into sessions: Create/Open ... Close.
        let mut sessions = Vec::new();
        let mut current = Vec::new();
        for step in steps {
            if current.len() > spec.session_steps.max(1) {
                current.push(Step::Close);
                sessions.push(std::mem::take(&mut current));
                current.push(Step::Open);
            }
            current.push(step);
        }
        current.push(Step::Close);
        sessions.push(current);
        Ok(Self {
            spec: spec.clone(),
            alice_seed,
            peers,
            sessions,
        })
    }

    /// Alice's key.
    pub fn alice_key(&self) -> SecretKey {
        SecretKey::from_seed(self.alice_seed)
    }

    /// Every step, in order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.sessions.iter().flatten()
    }

    /// How many steps the script has.
    pub fn len(&self) -> usize {
        self.sessions.iter().map(Vec::len).sum()
    }

    /// Whether the script has no step.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a call wrote, or would have written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    /// The change hashes it stored, per file (known in advance for a batch; learnt from the
    /// result for an edit).
    pub changes: BTreeMap<FileId, BTreeSet<ChangeHash>>,
    /// For an edit that failed: the file it was editing and at most how many changes it makes.
    pub unknown_changes: Option<(FileId, usize)>,
    /// For a client creation that failed: at most how many changes the new file (whose id was
    /// never returned) holds.
    pub unknown_new_file: Option<usize>,
    /// The set of trusted peers after it, for a trust change.
    pub peers: Option<BTreeSet<NodeId>>,
    /// The configuration after it (JSON), for a configuration change.
    pub config: Option<String>,
    /// Sync states it recorded: (peer, file) → bytes.
    pub sync_states: BTreeMap<(NodeId, FileId), Vec<u8>>,
    /// The cursor it recorded: peer → bytes.
    pub cursors: BTreeMap<NodeId, Vec<u8>>,
    /// Whether it created the store.
    pub creates_store: bool,
}

/// One call in the journal.
#[derive(Clone, Debug)]
pub struct Call {
    /// Its index in the journal.
    pub index: usize,
    /// What it was.
    pub what: String,
    /// The disk log position when it started (see [`Disk::position`]).
    pub start: usize,
    /// The disk log position when it returned.
    pub end: usize,
    /// Whether it returned `Ok`.
    pub ok: bool,
    /// What it wrote (or, when it failed, would have written).
    pub effect: Effect,
}

/// Every call of a run, in order.
pub type Journal = Vec<Call>;

/// Why a step failed.
#[derive(Debug)]
pub enum StepError {
    /// The node or store returned an error.
    Node(casebook::Error),
    /// The authority check refused a batch (never expected here).
    Refused(authority::Refusal),
    /// A step needs an open node and there is none.
    NotOpen,
    /// A planned change did not decode (never expected here).
    Decode(String),
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Node(e) => f.write_str(&crate::verify::error_chain(e)),
            Self::Refused(r) => write!(f, "refused: {r}"),
            Self::NotOpen => f.write_str("the node is not open"),
            Self::Decode(e) => write!(f, "a planned change does not decode: {e}"),
        }
    }
}

impl From<casebook::Error> for StepError {
    fn from(e: casebook::Error) -> Self {
        Self::Node(e)
    }
}

impl From<StoreError> for StepError {
    fn from(e: StoreError) -> Self {
        Self::Node(e.into())
    }
}

impl StepError {
    /// Whether this is the store refusing a write because an earlier I/O error poisoned it.
    pub fn is_poisoned(&self) -> bool {
        matches!(
            self,
            Self::Node(casebook::Error::Store(StoreError::Poisoned))
        )
    }
}

/// What a runner knows between steps: enough to resume a script at a session boundary.
#[derive(Clone, Debug, Default)]
pub struct RunnerState {
    /// Alice's files in the order they appeared (edits name files by index here).
    pub files: Vec<FileId>,
    /// The peers Alice trusts.
    pub peers: BTreeSet<NodeId>,
    /// Steps run so far (the clock advances one minute per step).
    pub steps: u64,
    /// The journal so far.
    pub journal: Journal,
}

/// Runs a [`Script`]'s steps on Alice's node over a [`Disk`], journalling every call.
#[derive(Debug)]
pub struct Runner<'a> {
    script: &'a Script,
    disk: Disk,
    node: Option<Node>,
    /// What the runner knows (files, peers, journal).
    pub state: RunnerState,
}

impl<'a> Runner<'a> {
    /// A runner of `script` on `disk`, starting from `state`.
    pub fn new(script: &'a Script, disk: Disk, state: RunnerState) -> Self {
        Self {
            script,
            disk,
            node: None,
            state,
        }
    }

    /// The disk.
    pub fn disk(&self) -> &Disk {
        &self.disk
    }

    /// The open node, if any.
    pub fn node(&self) -> Option<&Node> {
        self.node.as_ref()
    }

    /// Drop the node without journalling (after a failure).
    pub fn drop_node(&mut self) {
        self.node = None;
    }

    /// Run every step of the script, stopping at the first error.
    ///
    /// # Errors
    /// The first step that failed.
    pub fn run_all(&mut self) -> Result<(), StepError> {
        for step in self.script.steps() {
            self.run(step)?;
        }
        Ok(())
    }

    /// Run one step, journalling it.
    ///
    /// # Errors
    /// Whatever the call returned.
    pub fn run(&mut self, step: &Step) -> Result<(), StepError> {
        let start = self.disk.position();
        let (result, effect) = self.call(step);
        let end = self.disk.position();
        let index = self.state.journal.len();
        self.state.journal.push(Call {
            index,
            what: step.describe(),
            start,
            end,
            ok: result.is_ok(),
            effect,
        });
        self.state.steps += 1;
        result
    }

    fn open_node(&self) -> Result<&Node, StepError> {
        self.node.as_ref().ok_or(StepError::NotOpen)
    }

    fn file(&self, index: usize) -> FileId {
        self.state
            .files
            .get(index)
            .or_else(|| self.state.files.first())
            .copied()
            .unwrap_or_else(|| FileId::from_bytes([0; 16]))
    }

    fn now(&self) -> DateTime<Utc> {
        epoch() + Duration::minutes(i64::try_from(self.state.steps).unwrap_or(0))
    }

    /// Perform a step; returns its result and its effect (intended, then actual).
    fn call(&mut self, step: &Step) -> (Result<(), StepError>, Effect) {
        let mut effect = Effect::default();
        let result = self.call_inner(step, &mut effect);
        (result, effect)
    }

    fn call_inner(&mut self, step: &Step, effect: &mut Effect) -> Result<(), StepError> {
        let now = self.now();
        if let Some(node) = self.node.as_mut() {
            node.set_clock(Some(now));
        }
        match step {
            Step::Create => {
                effect.creates_store = true;
                let key = self.script.alice_key();
                let mut node = Node::init_on(key, self.disk.backend(), ALICE)?;
                node.set_clock(Some(now));
                self.node = Some(node);
                Ok(())
            }
            Step::Open => {
                self.node = None;
                let store = Store::open_on(self.disk.backend())?;
                let mut node = Node::open_on(self.script.alice_key(), store)?;
                node.set_clock(Some(now));
                self.node = Some(node);
                Ok(())
            }
            Step::Close => {
                self.node = None;
                Ok(())
            }
            Step::NewClient(name) => {
                // The skeleton (one change per schema version) and the creation itself.
                effect.unknown_new_file = usize::try_from(schema::SCHEMA_VERSION + 1).ok();
                let node = self.node.as_ref().ok_or(StepError::NotOpen)?;
                let id = node.create_client(&NewClient {
                    name: name.clone(),
                    postcode: "CF10 1AA".into(),
                    lead: ALICE.into(),
                    segments: vec!["growth".into()],
                    ..NewClient::default()
                })?;
                self.state.files.push(id);
                let hashes = node.change_hashes(id)?;
                effect.unknown_new_file = None;
                effect.changes.insert(id, hashes.into_iter().collect());
                Ok(())
            }
            Step::Edit(index, kind) => {
                let file = self.file(*index);
                effect.unknown_changes = Some((file, 1));
                let node = self.open_node()?;
                let edited = node.apply(file, |d, c, cfg| run_edit(kind, d, c, cfg))?;
                effect.unknown_changes = None;
                if let Some(h) = edited.change {
                    effect.changes.insert(file, [h].into_iter().collect());
                }
                Ok(())
            }
            Step::Share(index, peer) => {
                let file = self.file(*index);
                effect.unknown_changes = Some((file, 1));
                let p = self.peer(*peer);
                let node = self.open_node()?;
                let edited = node.apply(file, |d, c, _| {
                    edit::share(d, c, p.node, schema::WRITE, &p.name)
                })?;
                effect.unknown_changes = None;
                if let Some(h) = edited.change {
                    effect.changes.insert(file, [h].into_iter().collect());
                }
                Ok(())
            }
            Step::AddPeer(peer) => {
                let p = self.peer(*peer);
                let mut after = self.state.peers.clone();
                after.insert(p.node);
                effect.peers = Some(after.clone());
                let node = self.open_node()?;
                node.add_peer(
                    &Ticket {
                        node: p.node,
                        addrs: Vec::new(),
                    },
                    &p.name,
                    &p.adviser,
                )?;
                self.state.peers = after;
                Ok(())
            }
            Step::RemovePeer(peer) => {
                let p = self.peer(*peer);
                let mut after = self.state.peers.clone();
                after.remove(&p.node);
                effect.peers = Some(after.clone());
                let node = self.open_node()?;
                node.remove_peer(&p.name)?;
                self.state.peers = after;
                Ok(())
            }
            Step::Config => {
                let config = workload_config();
                effect.config = serde_json::to_string(&config).ok();
                let node = self.node.as_mut().ok_or(StepError::NotOpen)?;
                node.set_config(&config, "Settings: the workload's")?;
                Ok(())
            }
            Step::Batch(batch) => {
                let from = self.peer(0).node;
                for f in &batch.files {
                    effect
                        .changes
                        .insert(f.file, f.hashes.iter().copied().collect());
                    effect
                        .sync_states
                        .insert((from, f.file), f.sync_state.clone());
                }
                effect.cursors.insert(from, batch.cursor.clone());
                let node = self.open_node()?;
                receive(node, from, batch)?;
                for f in &batch.files {
                    if !self.state.files.contains(&f.file) {
                        self.state.files.push(f.file);
                    }
                }
                Ok(())
            }
        }
    }

    fn peer(&self, index: usize) -> PeerInfo {
        self.script
            .peers
            .get(index)
            .cloned()
            .unwrap_or_else(|| PeerInfo {
                node: NodeId::from_bytes([0; 32]),
                name: String::new(),
                adviser: String::new(),
            })
    }
}

/// Commit an incoming batch as a sync session does: each file's new changes pass the authority
/// check against the file as stored, then every file, its sync state and the peer's cursor are
/// committed in one durable transaction through [`Node::store_changes_in`].
///
/// # Errors
/// Node errors, or the authority's refusal.
pub fn receive(node: &Node, from: NodeId, batch: &Batch) -> Result<(), StepError> {
    let mut decoded = Vec::new();
    for f in &batch.files {
        let mut changes = Vec::new();
        for raw in &f.changes {
            changes.push(
                Change::from_bytes(raw.clone()).map_err(|e| StepError::Decode(e.to_string()))?,
            );
        }
        let held = node.store().load(f.file)?;
        let owner = match &held {
            Some(doc) => Some(schema::owner_of(doc).map_err(casebook::Error::from)?),
            None => None,
        };
        let mut after = held.unwrap_or_default();
        let before = after.get_heads();
        after
            .apply_changes(changes.clone())
            .map_err(|e| StepError::Node(casebook::DocError::from(e).into()))?;
        let new = after.get_changes(&before);
        let signatures: HashMap<ChangeHash, [u8; 64]> =
            f.signatures.iter().map(|s| (s.hash, s.signature)).collect();
        authority::check_changes(
            f.file,
            owner,
            &after,
            &new,
            &signatures,
            node.node_id(),
            &|| node.signed_up_to(f.file).unwrap_or_default(),
        )
        .map_err(StepError::Refused)?;
        decoded.push((f, changes));
    }
    node.store().update(|txn| {
        for (f, changes) in decoded {
            node.store_changes_in(
                txn,
                f.file,
                changes,
                Origin::Peer { node: from },
                f.signatures.clone(),
            )?;
            txn.put_sync_state(&from, f.file, &f.sync_state)?;
        }
        txn.put_cursor(&from, &batch.cursor)?;
        Ok::<_, casebook::Error>(())
    })?;
    Ok(())
}

/// A workload run once on a recording disk.
#[derive(Debug)]
pub struct Recorded {
    /// The plan.
    pub script: Script,
    /// Every write, length change and sync of Alice's disk, from the empty disk on.
    pub recording: Recording,
    /// Every call, with its disk log positions and effect.
    pub journal: Journal,
    /// How long planning and running took.
    pub elapsed: std::time::Duration,
}

/// Plan the workload of `spec` and run it on a fresh recording disk.
///
/// # Errors
/// The first step that failed (none should on a healthy disk).
pub fn record(spec: &Spec) -> Result<Recorded, StepError> {
    let started = std::time::Instant::now();
    let script = Script::plan(spec)?;
    let disk = Disk::new();
    disk.record();
    let journal = {
        let mut runner = Runner::new(&script, disk.clone(), RunnerState::default());
        runner.run_all()?;
        std::mem::take(&mut runner.state.journal)
    };
    let recording = disk.take_recording().unwrap_or_default();
    Ok(Recorded {
        script,
        recording,
        journal,
        elapsed: started.elapsed(),
    })
}
