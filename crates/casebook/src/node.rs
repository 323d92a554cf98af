//! The node: one adviser's data directory, key and store, and the durable write path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use automerge::{ActorId, Automerge, Change, ChangeHash, ReadDoc};
use casebook_base::{FileId, NodeId, SecretKey};
use casebook_doc::edit::{EditContext, Edited, NewClient};
use casebook_doc::history::{self, Author, ChangeInfo};
use casebook_doc::{AccountFile, FileSummary, OrgConfig, diff, schema, view};
use casebook_store::{ChangeOrigin, ChangeSignature, Commit, Origin, Store, Txn};
use chrono::{DateTime, Utc};
use serde::Serialize;

use casebook_i18n::{Arg, Localised, Message};

use crate::{Error, authority};

/// The store's file name inside the data directory.
pub const STORE_FILE: &str = "casebook.redb";
/// The node key's file name inside the data directory.
pub const KEY_FILE: &str = "node.key";
const ADVISER_META: &str = "adviser";
/// The store's name while `init` builds it; renamed to [`STORE_FILE`] once whole, so a crash
/// during `init` leaves no store rather than half of one.
const STORE_FILE_NEW: &str = "casebook.redb.new";

/// The platform's usual data directory for casebook (e.g. `~/.local/share/casebook` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "casebook", "casebook")
        .map(|d| d.data_dir().to_path_buf())
}

/// One adviser's node.
///
/// # Guarantees
/// Every method that changes an account file returns only after the change, the file's new
/// summary and the change's origin are committed durably (fsync) in one transaction. A method
/// that fails changes nothing.
#[derive(Debug)]
pub struct Node {
    dir: PathBuf,
    key: SecretKey,
    store: Store,
    adviser: String,
    clock: Option<DateTime<Utc>>,
}

/// One change in a file's history, with who made it and where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct HistoryEntry {
    /// The change itself.
    #[serde(flatten)]
    pub change: ChangeInfo,
    /// The adviser behind the author node, where the file names one.
    pub adviser: Option<String>,
    /// How the change reached this node, where recorded.
    pub origin: Option<ChangeOrigin>,
    /// Whether this node holds the author's valid signature of the change (schema changes are
    /// checked by rebuilding them instead, and count as signed).
    pub signed: bool,
    /// For a change without its author's signature: the node that brought it in from a file
    /// and vouched for it, if one did (see [`casebook_doc::endorse`]). A change neither signed
    /// nor brought in stays on this node: every other node refuses it.
    pub brought_in: Option<BroughtIn>,
}

/// Who brought a change in from a file, and from which file.
#[derive(Clone, Debug, Serialize)]
pub struct BroughtIn {
    /// The node that vouched for it.
    pub by: NodeId,
    /// That node's adviser, where the file names one.
    pub adviser: Option<String>,
    /// When it brought the change in.
    pub at: DateTime<Utc>,
    /// The file's name as given to `merge` or `import`.
    pub source: String,
}

/// What a merge brought in.
#[derive(Clone, Debug, Serialize)]
pub struct MergeReport {
    /// The file merged into.
    pub file_id: FileId,
    /// The client's name after the merge.
    pub name: String,
    /// Whether the file was new to this node.
    pub created: bool,
    /// The changes that were new here, in the domain's words.
    pub new_changes: Vec<ChangeInfo>,
    /// How many of them other advisers (or other tools) made: they came without signatures.
    pub brought_in: usize,
    /// How many of those this node vouched for with its endorsement, so they reach the other
    /// nodes of the file labelled "brought in from a file by" this node. None when this node
    /// may only read the file; never a change of who may read or write the file, what it is,
    /// whose rules judge it, or another node's word. The rest stay on this node.
    pub vouched: usize,
    /// How many fields of the file hold concurrent values after the merge
    /// (`casebook conflicts` lists them).
    pub conflicts: usize,
    /// How many more than before the merge: the conflicts this file brought.
    pub new_conflicts: usize,
    /// What changed in the account file.
    pub diff: Vec<diff::DiffLine>,
}

impl Node {
    /// Create a data directory with a new node key and an empty store: the directory (if new)
    /// readable by its owner only (0700 on Unix), the store file too (0600).
    ///
    /// A directory left by an interrupted `init` (a key file but no store) is finished: its
    /// key is kept if it is whole, and replaced if the crash tore it (no store was ever made
    /// with a torn key, so no peer can know it).
    ///
    /// # Errors
    /// [`Error::AlreadyInitialised`] if `dir` already holds a store; key errors if a key file
    /// left there is readable by others.
    ///
    /// # Guarantees
    /// The store appears whole (tables, node id and adviser, one transaction) or not at all.
    pub fn init(dir: &Path, adviser: &str) -> Result<Self, Error> {
        let store_path = dir.join(STORE_FILE);
        if store_path.exists() {
            return Err(Error::AlreadyInitialised {
                dir: dir.to_path_buf(),
            });
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        crate::private::create_dir(dir).map_err(io(dir))?;
        let key = init_key(&dir.join(KEY_FILE))?;
        let new_path = dir.join(STORE_FILE_NEW);
        if new_path.exists() {
            std::fs::remove_file(&new_path).map_err(io(&new_path))?;
        }
        drop(Store::create_with(
            &new_path,
            key.node_id(),
            &[(ADVISER_META, adviser.trim().as_bytes())],
        )?);
        crate::private::restrict_file(&new_path)?;
        std::fs::rename(&new_path, &store_path).map_err(io(&store_path))?;
        // The rename (and the key file's entry) are durable once the directory is.
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(dir))?;
        let store = Store::open(&store_path)?;
        Self::with(dir, key, store)
    }

    /// Create a node's store on a redb storage backend instead of a file ([`Store::create_on_with`],
    /// the tables and the adviser in one transaction, as [`Node::init`] does). The node has no
    /// data directory ([`Node::dir`] is empty). Used by the storage proofs and simulations.
    ///
    /// # Errors
    /// Store errors (e.g. the backend is not empty).
    pub fn init_on(
        key: SecretKey,
        backend: impl casebook_store::StorageBackend,
        adviser: &str,
    ) -> Result<Self, Error> {
        let store = Store::create_on_with(
            backend,
            key.node_id(),
            &[(ADVISER_META, adviser.trim().as_bytes())],
        )?;
        Self::with(Path::new(""), key, store)
    }

    /// Open an existing data directory. Loads no account file.
    ///
    /// # Errors
    /// [`Error::NotInitialised`] if there is no store; store errors if it is foreign, newer or
    /// in use; key errors if the key file is unsafe or does not match the store.
    pub fn open(dir: &Path) -> Result<Self, Error> {
        let store_path = dir.join(STORE_FILE);
        if !store_path.exists() {
            return Err(Error::NotInitialised {
                dir: dir.to_path_buf(),
            });
        }
        let store = Store::open(&store_path)?;
        let key = SecretKey::read(&dir.join(KEY_FILE))?;
        check_key(&dir.join(KEY_FILE), &key, &store)?;
        Self::with(dir, key, store)
    }

    /// Make a node of a store opened elsewhere (e.g. with [`Store::open_on`] over a redb storage
    /// backend) and its key, as [`Node::open`] does. The node has no data directory
    /// ([`Node::dir`] is empty). Used by the storage proofs.
    ///
    /// # Errors
    /// [`Error::BadInput`] if the key is not the store's node key; store errors.
    pub fn open_on(key: SecretKey, store: Store) -> Result<Self, Error> {
        check_key(Path::new(KEY_FILE), &key, &store)?;
        Self::with(Path::new(""), key, store)
    }

    fn with(dir: &Path, key: SecretKey, store: Store) -> Result<Self, Error> {
        let adviser = store
            .meta(ADVISER_META)?
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let node = Self {
            dir: dir.to_path_buf(),
            key,
            store,
            adviser,
            clock: None,
        };
        // A read-only store is opened to be read, listed and exported: it gains no organisation
        // document and refreshes no summary (writes) until it may be written again.
        if node.store.read_only_reason().is_none() {
            node.ensure_organisation()?;
            node.refresh_stale_summaries()?;
        }
        Ok(node)
    }

    /// Fix the clock used to stamp changes (for demos, imports of past data and tests).
    pub fn set_clock(&mut self, now: Option<DateTime<Utc>>) {
        self.clock = now;
    }

    /// The time this node stamps on changes now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    /// This node's id.
    pub fn node_id(&self) -> NodeId {
        self.key.node_id()
    }

    /// This node's secret key, for the transport's handshake. Never log or print it (its
    /// `Debug` shows only the node id).
    pub fn secret_key(&self) -> &SecretKey {
        &self.key
    }

    /// The adviser who uses this node.
    pub fn adviser(&self) -> &str {
        &self.adviser
    }

    /// The data directory (empty for a node made with [`Node::init_on`] or [`Node::open_on`]).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store underneath (for tools and benchmarks).
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn ctx(&self) -> EditContext {
        EditContext {
            adviser: self.adviser.clone(),
            now: self.now(),
        }
    }

    fn actor(&self) -> ActorId {
        ActorId::from(&self.node_id().as_bytes()[..])
    }

    /// Load a file's document, migrated in memory to the current schema.
    ///
    /// # Errors
    /// [`Error::NoSuchClient`] if the store has no such file.
    pub fn load(&self, file: FileId) -> Result<Automerge, Error> {
        let mut doc = self.store.load(file)?.ok_or_else(|| Error::NoSuchClient {
            query: file.to_string(),
        })?;
        schema::check(&doc)?;
        doc.set_actor(self.actor());
        Ok(doc)
    }

    /// Read a file's account file now.
    ///
    /// # Errors
    /// As [`Node::load`].
    pub fn read(&self, file: FileId) -> Result<AccountFile, Error> {
        Ok(view::read(&self.load(file)?)?)
    }

    /// Create a new client's account file, without looking for duplicates (see
    /// [`Node::add_client`]).
    ///
    /// # Errors
    /// [`casebook_doc::Error::Rule`] for a client without a name; store errors.
    pub fn create_client(&self, new: &NewClient) -> Result<FileId, Error> {
        let id = FileId::new();
        let mut doc = schema::new_file(id, self.node_id())?;
        doc.set_actor(self.actor());
        // The file names the organisation whose rules judge it, on every node that holds it.
        let new = NewClient {
            org: Some(self.own_judge()?),
            ..new.clone()
        };
        self.store.update(|txn| {
            let config = self.config_in(txn, &doc)?;
            casebook_doc::edit::create_client(&mut doc, &self.ctx(), &config, &new)?;
            let changes = doc.get_changes(&[]);
            let signatures = self.sign_own(&changes);
            self.commit_in(txn, id, &doc, changes, Origin::Local, signatures)
        })?;
        Ok(id)
    }

    /// Create a new client's account file, refusing one that looks like a client already
    /// here (the same company number, or the same name and postcode; see
    /// [`casebook_doc::rules::duplicates`]) unless `allow_duplicate`.
    ///
    /// # Errors
    /// [`Error::DuplicateClient`] naming the match; as [`Node::create_client`].
    pub fn add_client(&self, new: &NewClient, allow_duplicate: bool) -> Result<FileId, Error> {
        if !allow_duplicate {
            let mut index = casebook_doc::rules::duplicates::DuplicateIndex::default();
            for s in self.summaries()? {
                let label = format!("{} {}", &s.file_id[..8.min(s.file_id.len())], s.name);
                index.insert(&s.name, &s.postcode, &s.company_number, label);
            }
            if let Some((existing, reason)) =
                index.find(&new.name, &new.postcode, &new.company_number)
            {
                return Err(Error::DuplicateClient {
                    name: new.name.trim().to_string(),
                    existing: existing.clone(),
                    reason: reason.message(),
                });
            }
        }
        self.create_client(new)
    }

    /// Apply one edit to a file and commit it durably with its new summary.
    ///
    /// `edit` is any function of [`casebook_doc::edit`] (or a closure calling several); it
    /// sees the document, the edit context and the configuration.
    ///
    /// # Errors
    /// Whatever the edit refuses (nothing is stored), or store errors.
    pub fn apply<F>(&self, file: FileId, edit: F) -> Result<Edited, Error>
    where
        F: FnOnce(&mut Automerge, &EditContext, &OrgConfig) -> Result<Edited, casebook_doc::Error>,
    {
        // Read, edit and write in one write transaction, so no other writer (a sync session,
        // another `casebook` process) can commit to the file in between.
        self.store.update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let config = self.config_in(txn, &doc)?;
            self.edit_in(txn, file, doc, |d| edit(d, &self.ctx(), &config))
        })
    }

    /// Refuse an edit of a file this node may not write, whether shared with it for reading
    /// only or brought in by `merge`/`import` without naming it: its changes would be refused
    /// by every peer (see `authority`), so the edit is refused here, where the adviser can be
    /// told why, by the same rule sync applies.
    pub(crate) fn refuse_unless_writable(&self, doc: &Automerge) -> Result<(), Error> {
        let me = self.node_id();
        if authority::may_write_at(doc, &me, &doc.get_heads()) {
            return Ok(());
        }
        let name = view::read(doc)?.profile.name;
        Err(if authority::may_read(doc, &me) {
            Error::ReadOnly { name }
        } else {
            Error::NotShared { name }
        })
    }

    /// Make one edit of this node's to `doc` (file `file` as `txn` holds it) and commit it,
    /// signed: the one path of every local edit. Migrations are part of the first edit after an
    /// upgrade, so a read never writes.
    pub(crate) fn edit_in<T>(
        &self,
        txn: &mut Txn,
        file: FileId,
        mut doc: Automerge,
        edit: impl FnOnce(&mut Automerge) -> Result<T, casebook_doc::Error>,
    ) -> Result<T, Error> {
        doc.set_actor(self.actor());
        let before = doc.get_heads();
        if schema::schema_version_of(&doc) < schema::supported_version(file) {
            schema::migrate(&mut doc)?;
        }
        let edited = edit(&mut doc)?;
        let changes = doc.get_changes(&before);
        if !changes.is_empty() {
            let signatures = self.sign_own(&changes);
            self.commit_in(txn, file, &doc, changes, Origin::Local, signatures)?;
        }
        Ok(edited)
    }

    /// Load a file inside a write transaction, migrated in memory, with this node as actor.
    pub(crate) fn load_in(&self, txn: &mut Txn, file: FileId) -> Result<Automerge, Error> {
        let mut doc = txn.load(file)?.ok_or_else(|| Error::NoSuchClient {
            query: file.to_string(),
        })?;
        schema::check(&doc)?;
        doc.set_actor(self.actor());
        Ok(doc)
    }

    /// Commit `changes` (exactly those of `doc` not yet stored) with the new summary and the
    /// `signatures` that go with them: this node's of the edits it made itself
    /// ([`Node::sign_own`]), or the authors' that came with received changes. Nothing is signed
    /// here: a change that merely arrives is never signed as this node's.
    pub(crate) fn commit_in(
        &self,
        txn: &mut Txn,
        file: FileId,
        doc: &Automerge,
        changes: Vec<Change>,
        origin: Origin,
        signatures: Vec<ChangeSignature>,
    ) -> Result<u64, Error> {
        if file.is_organisation() {
            return Ok(self
                .commit_org_in(txn, file, doc, changes, origin, signatures)?
                .0);
        }
        let summary = self.summary_in(txn, doc)?;
        Ok(txn.commit(&Commit {
            file_id: file,
            doc,
            changes,
            summary: &summary,
            origin,
            signatures,
        })?)
    }

    /// Store changes of `file` that were made elsewhere (another document, a peer), applied
    /// to the file as it is stored *now* inside `txn`: another writer may have changed it since
    /// the caller read it. Only the changes new here are written; returns the stored document
    /// and how many changes were new.
    ///
    /// # Errors
    /// [`casebook_doc::Error`] if the result is not a readable account file; store errors.
    pub fn store_changes_in(
        &self,
        txn: &mut Txn,
        file: FileId,
        changes: Vec<Change>,
        origin: Origin,
        signatures: Vec<ChangeSignature>,
    ) -> Result<(Automerge, usize), Error> {
        let mut doc = txn.load(file)?.unwrap_or_default();
        doc.set_actor(self.actor());
        let before = doc.get_heads();
        doc.apply_changes(changes)
            .map_err(casebook_doc::Error::from)?;
        schema::check(&doc)?;
        let new = doc.get_changes(&before);
        let count = new.len();
        if count > 0 {
            let hashes: std::collections::BTreeSet<ChangeHash> =
                new.iter().map(Change::hash).collect();
            let signatures = signatures
                .into_iter()
                .filter(|s| hashes.contains(&s.hash))
                .collect();
            self.commit_in(txn, file, &doc, new, origin, signatures)?;
        }
        Ok((doc, count))
    }

    /// Sign the changes of `changes` whose actor is this node: call it only with changes this
    /// node's own edits just made (never with changes that arrived from a file or a peer, which
    /// may claim this node's id without being its own).
    pub(crate) fn sign_own(&self, changes: &[Change]) -> Vec<ChangeSignature> {
        let me = self.node_id();
        changes
            .iter()
            .filter(|c| c.actor_id().to_bytes() == me.as_bytes())
            .map(|c| {
                let hash = c.hash();
                ChangeSignature {
                    hash,
                    author: me,
                    signature: self.key.sign(&ChangeSignature::message(&hash)),
                }
            })
            .collect()
    }

    /// Every file's summary (the portfolio index); loads no document.
    ///
    /// # Errors
    /// Store errors.
    pub fn summaries(&self) -> Result<Vec<FileSummary>, Error> {
        Ok(account_files(self.store.summaries()?))
    }

    /// The id of every account file held (organisation documents left out).
    ///
    /// # Errors
    /// Store errors.
    pub fn account_file_ids(&self) -> Result<Vec<FileId>, Error> {
        let mut ids = self.store.file_ids()?;
        ids.retain(|id| !id.is_organisation());
        Ok(ids)
    }

    /// Find a client by file id, id prefix, or name (exact, then unique substring).
    ///
    /// # Errors
    /// [`Error::NoSuchClient`] or [`Error::AmbiguousClient`].
    pub fn find(&self, query: &str) -> Result<FileId, Error> {
        if let Ok(id) = query.parse::<FileId>()
            && self.store.contains(id)?
        {
            return Ok(id);
        }
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Err(Error::NoSuchClient {
                query: query.to_string(),
            });
        }
        let all = account_files(self.store.summaries()?);
        let pick = |matches: Vec<&FileSummary>| -> Result<Option<FileId>, Error> {
            match matches.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(one.file_id.parse()?)),
                many => Err(Error::AmbiguousClient {
                    query: query.to_string(),
                    names: many
                        .iter()
                        .map(|s| format!("{} {}", &s.file_id[..8], s.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            }
        };
        // An exact name first: "Cafe" is a client's name before it is an id prefix, and
        // "Acme" selects Acme even when "Acme Holdings" is also a client.
        let exact = casebook_doc::rules::duplicates::normalise_name(query);
        if let Some(id) = pick(
            all.iter()
                .filter(|s| casebook_doc::rules::duplicates::normalise_name(&s.name) == exact)
                .collect(),
        )? {
            return Ok(id);
        }
        let compact = q.replace('-', "");
        if let Some(id) = pick(
            all.iter()
                .filter(|s| s.file_id.replace('-', "").starts_with(&compact) && compact.len() >= 4)
                .collect(),
        )? {
            return Ok(id);
        }
        if let Some(id) = pick(
            all.iter()
                .filter(|s| s.name.to_lowercase().contains(&q))
                .collect(),
        )? {
            return Ok(id);
        }
        Err(Error::NoSuchClient {
            query: query.to_string(),
        })
    }

    /// The history of a file: every change with its author, adviser and origin.
    ///
    /// # Errors
    /// As [`Node::load`].
    pub fn history(&self, file: FileId) -> Result<Vec<HistoryEntry>, Error> {
        let doc = self.load(file)?;
        let account = view::read(&doc)?;
        let changes = history::changes(&doc);
        let hashes: Vec<ChangeHash> = doc.get_changes_meta(&[]).iter().map(|m| m.hash).collect();
        let origins = self.store.origins(&hashes)?;
        let signatures = self.store.signatures(&hashes)?;
        let skeleton: std::collections::BTreeSet<ChangeHash> =
            schema::skeleton_hashes(schema::file_id_of(&doc)?, schema::owner_of(&doc)?)?
                .into_iter()
                .collect();
        let signed_up_to = authority::signed_up_to(&doc, &signatures);
        let endorsed = authority::endorsed_changes(&doc, &signed_up_to);
        Ok(changes
            .into_iter()
            .zip(origins)
            .zip(hashes)
            .map(|((change, origin), hash)| {
                let (adviser, signed) = match &change.author {
                    Author::Node(n) => (
                        account.nodes.get(&n.to_string()).cloned(),
                        doc.get_change_meta_by_hash(&hash).is_some_and(|m| {
                            signed_up_to.get(n).is_some_and(|&upto| m.seq <= upto)
                        }),
                    ),
                    Author::Schema => (None, skeleton.contains(&hash)),
                    Author::Other(_) => (None, false),
                };
                let brought_in = if signed {
                    None
                } else {
                    endorsed.get(&hash).map(|e| BroughtIn {
                        by: e.by,
                        adviser: account.nodes.get(&e.by.to_string()).cloned(),
                        at: e.at,
                        source: e.source.clone(),
                    })
                };
                HistoryEntry {
                    change,
                    adviser,
                    origin,
                    signed,
                    brought_in,
                }
            })
            .collect())
    }

    /// For each author of a file as stored here, the highest sequence number of its changes
    /// that the valid signatures this node holds cover (empty for a file not held).
    ///
    /// # Errors
    /// Store errors.
    pub fn signed_up_to(&self, file: FileId) -> Result<BTreeMap<NodeId, u64>, Error> {
        let Some(doc) = self.store.load_shared(file)? else {
            return Ok(BTreeMap::new());
        };
        let hashes: Vec<ChangeHash> = doc.get_changes_meta(&[]).iter().map(|m| m.hash).collect();
        Ok(authority::signed_up_to(
            &doc,
            &self.store.signatures(&hashes)?,
        ))
    }

    /// The hashes of every change of a file, in causal order.
    ///
    /// # Errors
    /// As [`Node::load`].
    pub fn change_hashes(&self, file: FileId) -> Result<Vec<ChangeHash>, Error> {
        Ok(self
            .load(file)?
            .get_changes_meta(&[])
            .iter()
            .map(|m| m.hash)
            .collect())
    }

    /// Resolve a point in a file's history: a change hash (or unique prefix) or a time.
    ///
    /// # Errors
    /// [`Error::NoSuchPoint`].
    pub fn heads_at(&self, doc: &Automerge, at: &str) -> Result<Vec<ChangeHash>, Error> {
        if let Some(h) = history::find_change(doc, at) {
            return Ok(vec![h]);
        }
        // "3 changes ago".
        if let Some(n) = changes_ago(at) {
            return history::heads_changes_ago(doc, n)
                .map_err(|changes| Error::TooFewChanges { n, changes });
        }
        let time = crate::time::parse_point_in_time(at)
            .ok_or_else(|| Error::NoSuchPoint { at: at.to_string() })?;
        // The genesis change is stamped 0 (every node makes it alike); the file exists from
        // its first dated change, the one that gave it a client.
        let created = doc
            .get_changes_meta(&[])
            .iter()
            .map(|m| m.timestamp)
            .filter(|t| *t > 0)
            .min();
        if let Some(created) = created
            && time.timestamp() < created
        {
            return Err(Error::BeforeFileExisted {
                at: at.to_string(),
                created: DateTime::<Utc>::from_timestamp(created, 0)
                    .map_or_else(|| created.to_string(), |t| t.to_rfc3339()),
            });
        }
        Ok(history::heads_at_time(doc, time))
    }

    /// The account file as it was at a change or a time.
    ///
    /// # Errors
    /// [`Error::NoSuchPoint`] or load errors.
    pub fn read_at(&self, file: FileId, at: &str) -> Result<AccountFile, Error> {
        let doc = self.load(file)?;
        let heads = self.heads_at(&doc, at)?;
        Ok(view::read_at(&doc, &heads)?)
    }

    /// What changed in a file between two points (`to` = `None` means now).
    ///
    /// # Errors
    /// [`Error::NoSuchPoint`] or load errors.
    pub fn diff(
        &self,
        file: FileId,
        from: &str,
        to: Option<&str>,
    ) -> Result<Vec<diff::DiffLine>, Error> {
        let doc = self.load(file)?;
        let a = view::read_at(&doc, &self.heads_at(&doc, from)?)?;
        let b = match to {
            Some(t) => view::read_at(&doc, &self.heads_at(&doc, t)?)?,
            None => view::read(&doc)?,
        };
        Ok(diff::diff(&a, &b)?)
    }

    /// The file as Automerge binary, openable by any Automerge tool.
    ///
    /// # Errors
    /// As [`Node::load`].
    pub fn export_automerge(&self, file: FileId) -> Result<Vec<u8>, Error> {
        Ok(self.load(file)?.save())
    }

    /// Merge an Automerge file (an export from another node) into this node.
    ///
    /// With `into = Some(file)`, the input must be a copy of that file. A file new to this
    /// node is created. Only changes new here are stored, with origin "file NAME".
    ///
    /// # Errors
    /// [`Error::BadInput`] for bytes that are not an Automerge account file,
    /// [`Error::DifferentFile`] for a copy of another client.
    pub fn merge_automerge(
        &self,
        bytes: &[u8],
        name: &str,
        into: Option<FileId>,
    ) -> Result<MergeReport, Error> {
        self.merge_checked(bytes, name, into, false)
    }

    /// Import an Automerge export of a client that is new to this node.
    ///
    /// # Errors
    /// As [`Node::merge_automerge`], and [`Error::BadInput`] if the client is already here
    /// (nothing is stored; use [`Node::merge_automerge`] to bring in its changes).
    pub fn import_automerge(&self, bytes: &[u8], name: &str) -> Result<MergeReport, Error> {
        self.merge_checked(bytes, name, None, true)
    }

    fn merge_checked(
        &self,
        bytes: &[u8],
        name: &str,
        into: Option<FileId>,
        new_only: bool,
    ) -> Result<MergeReport, Error> {
        if bytes.len() as u64 > casebook_base::limits::MAX_DOCUMENT_BYTES {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-too-large")
                    .with("mib", casebook_base::limits::MAX_DOCUMENT_BYTES >> 20),
            });
        }
        let not_a_document = |why: Arg| Error::BadInput {
            name: name.into(),
            reason: Message::new("err-input-not-automerge").with("why", why),
        };
        casebook_base::guard::check_chunks(bytes, casebook_base::limits::MAX_INFLATED_BYTES)
            .map_err(|r| not_a_document(r.message().into()))?;
        // Automerge can panic on some malformed documents: the guard makes that an error.
        let mut theirs = casebook_base::guard::decode(|| Automerge::load(bytes))
            .map_err(|e| not_a_document(e.to_string().into()))?;
        // Automerge 0.12 accepts some changes (one whose ops are missing) that it cannot read
        // back from its own save; stored, such a change would make the account file unreadable.
        if !casebook_store::reads_back(&theirs.save(), &theirs) {
            return Err(not_a_document(
                Message::new("err-input-no-read-back").into(),
            ));
        }
        let theirs_id = schema::check(&theirs).map_err(|e| Error::BadInput {
            name: name.into(),
            reason: e.message(),
        })?;
        if theirs_id.is_organisation() {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-organisation"),
            });
        }
        // Check the skeleton too: a document that claims a file id but was not built from that
        // id's skeleton would merge into a second, conflicting set of sections.
        let theirs_owner = schema::owner_of(&theirs).map_err(|e| Error::BadInput {
            name: name.into(),
            reason: e.message(),
        })?;
        let skel = schema::skeleton(theirs_id, theirs_owner, 1)?;
        if skel
            .get_heads()
            .iter()
            .any(|h| theirs.get_change_by_hash(h).is_none())
        {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-foreign-skeleton"),
            });
        }
        view::read(&theirs).map_err(|e| Error::BadInput {
            name: name.into(),
            reason: e.message(),
        })?;
        if let Some(ours) = into
            && ours != theirs_id
        {
            return Err(Error::DifferentFile {
                name: name.into(),
                theirs: theirs_id,
                ours,
            });
        }
        let existing = self.store.load(theirs_id)?;
        if let Some(ours) = &existing
            && schema::owner_of(ours)? != theirs_owner
        {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-other-copy").with("id", theirs_id.to_string()),
            });
        }
        let created = existing.is_none();
        if new_only && !created {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-already-here")
                    .with("id", theirs_id.to_string())
                    .with("name", name),
            });
        }
        let mut doc = existing.unwrap_or_default();
        doc.set_actor(self.actor());
        let before_heads = doc.get_heads();
        let before = if created {
            AccountFile::default()
        } else {
            view::read(&doc)?
        };
        doc.merge(&mut theirs).map_err(casebook_doc::Error::from)?;
        // A merged result must still be a readable account file before anything is stored.
        schema::check(&doc)?;
        let after = view::read(&doc)?;
        let changes = doc.get_changes(&before_heads);
        // Every change this node made is already here; one it lacks that claims its id was
        // made by someone else under its identity, and must not pass for its own.
        let me = self.node_id();
        let claimed = changes
            .iter()
            .filter(|c| c.actor_id().to_bytes() == me.as_bytes())
            .count();
        if claimed > 0 {
            return Err(Error::BadInput {
                name: name.into(),
                reason: Message::new("err-input-claims-this-node")
                    .with("claimed", claimed)
                    .with("node", me.short()),
            });
        }
        let new_changes: Vec<ChangeInfo> = {
            let hashes: std::collections::BTreeSet<String> =
                changes.iter().map(|c| c.hash().to_string()).collect();
            history::changes(&doc)
                .into_iter()
                .filter(|c| hashes.contains(&c.hash))
                .collect()
        };
        // Changes from a file carry no signature; the schema's own are checked by rebuilding.
        // A node may vouch for content only: a change of who may read or write the file, what it
        // is, whose rules judge it, or of another node's word stays unvouched (it travels only by
        // sync, signed by its author; see `casebook_doc::endorse`).
        let foreign: Vec<&Change> = changes
            .iter()
            .filter(|c| c.actor_id().to_bytes() != schema::SCHEMA_ACTOR)
            .collect();
        let brought_in = foreign.len();
        let vouchable: Vec<ChangeHash> = foreign
            .iter()
            .filter(|c| casebook_doc::endorse::touches_protected(&doc, c).is_none())
            .map(|c| c.hash())
            .collect();
        let mut vouched = 0;
        if !changes.is_empty() {
            let origin = Origin::File {
                name: name.to_string(),
            };
            vouched = self.store.update(|txn| {
                let (merged, _) =
                    self.store_changes_in(txn, theirs_id, changes, origin, Vec::new())?;
                if vouchable.is_empty() {
                    return Ok(0);
                }
                self.endorse_in(txn, theirs_id, merged, name, &vouchable, &before_heads)
            })?;
        }
        Ok(MergeReport {
            file_id: theirs_id,
            name: after.profile.name.clone(),
            created,
            new_changes,
            brought_in,
            vouched,
            conflicts: after.disputes.conflicts.unwrap_or(0),
            new_conflicts: after
                .disputes
                .conflicts
                .unwrap_or(0)
                .saturating_sub(before.disputes.conflicts.unwrap_or(0)),
            diff: diff::diff(&before, &after)?,
        })
    }

    /// Vouch for `vouched`, changes a file brought into `doc` (as stored now), with this node's
    /// signed endorsement, so other nodes accept them labelled "brought in from a file by" this
    /// node (see [`casebook_doc::endorse`]). Only a node that may write the file can vouch, judged
    /// as of its heads before the file's changes; returns how many it vouched for.
    fn endorse_in(
        &self,
        txn: &mut Txn,
        file: FileId,
        doc: Automerge,
        name: &str,
        vouched: &[ChangeHash],
        before_file: &[ChangeHash],
    ) -> Result<usize, Error> {
        let me = self.node_id();
        // Judged as of this node's heads before the merge: nothing the file brought counts
        // toward this node's rights (a node importing a file new to it has none to vouch with).
        if before_file.is_empty() || !authority::may_write_at(&doc, &me, before_file) {
            return Ok(0);
        }
        self.edit_in(txn, file, doc, |d| {
            casebook_doc::endorse::endorse(d, &self.ctx(), me, name, vouched)
        })?;
        Ok(vouched.len())
    }

    /// Commit several new files in one transaction (all-or-nothing imports).
    pub(crate) fn commit_new_files(&self, docs: &[(FileId, Automerge)]) -> Result<(), Error> {
        let items: Vec<_> = docs.iter().map(|(id, doc)| (*id, doc, &[][..])).collect();
        self.commit_batch(&items, "import")
    }

    /// Commit each file's changes since its `before` heads, with new summaries and this node's
    /// signatures, in one transaction.
    fn commit_batch(
        &self,
        items: &[(FileId, &Automerge, &[ChangeHash])],
        name: &str,
    ) -> Result<(), Error> {
        self.store.update(|txn| {
            for (id, doc, before) in items {
                let origin = Origin::File {
                    name: name.to_string(),
                };
                // The rows became changes by this node's own edits: they are its to sign.
                let changes = doc.get_changes(before);
                let signatures = self.sign_own(&changes);
                self.store_changes_in(txn, *id, changes, origin, signatures)?;
            }
            Ok(())
        })
    }

    /// A fresh document for a new file, with this node as actor (for imports).
    pub(crate) fn new_doc(&self, id: FileId) -> Result<Automerge, Error> {
        let mut doc = schema::new_file(id, self.node_id())?;
        doc.set_actor(self.actor());
        Ok(doc)
    }

    /// The edit context stamped on this node's changes now.
    pub fn edit_context(&self) -> EditContext {
        self.ctx()
    }
}

/// The summaries of account files only: organisation documents are held and synced like
/// files but are no clients.
fn account_files(all: Vec<FileSummary>) -> Vec<FileSummary> {
    all.into_iter()
        .filter(|s| {
            s.file_id
                .parse::<FileId>()
                .is_ok_and(|id| !id.is_organisation())
        })
        .collect()
}

/// The key for `init` at `path`: the one an interrupted `init` left there if it is whole,
/// otherwise a new one, written with owner-only permissions.
fn init_key(path: &Path) -> Result<SecretKey, Error> {
    match SecretKey::read(path) {
        Ok(key) => return Ok(key),
        Err(casebook_base::Error::KeyIo { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound => {}
        Err(casebook_base::Error::KeyMalformed { .. }) => {
            std::fs::remove_file(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
        Err(e) => return Err(e.into()),
    }
    let key = SecretKey::generate()?;
    key.write_new(path)?;
    Ok(key)
}

/// The N of "N changes ago" (or "1 change ago").
fn changes_ago(text: &str) -> Option<usize> {
    let text = text.trim().to_lowercase();
    let n = text
        .strip_suffix(" changes ago")
        .or_else(|| text.strip_suffix(" change ago"))?;
    n.trim().parse().ok()
}

/// Refuse a key that is not the node key of `store` (`key_path` names it in the error).
fn check_key(key_path: &Path, key: &SecretKey, store: &Store) -> Result<(), Error> {
    if key.node_id() == store.node_id() {
        return Ok(());
    }
    Err(Error::BadInput {
        name: key_path.display().to_string(),
        reason: Message::new("err-input-wrong-key")
            .with("key", key.node_id().to_string())
            .with("store", store.node_id().to_string()),
    })
}
