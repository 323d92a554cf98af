//! The account files both engines sync: a copy of the data generator of casebook's sync
//! benchmark (`crates/sync/benches/sync.rs`), which is a bench target and so cannot be imported.
//! Keep the two in step: same people, interactions, sharing, change times and messages. The
//! interactions are written by a direct path that makes the same change `edit::log_interaction`
//! makes; [`check_direct`] compares it with the real edit at start-up, as the sync bench does.

use std::error::Error;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, Automerge, AutomergeError, ObjId, ObjType, ROOT, ReadDoc};
use automerge::{ScalarValue, Value};
use casebook::edit::{self, EditContext, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::{Interaction, Person};
use casebook::{
    ChangeSignature, FileId, FileSummary, Node, NodeId, OrgConfig, Origin, SecretKey, view,
};
use casebook_store::Commit;
use chrono::{DateTime, Duration as Span, SecondsFormat, Utc};
use uuid::Uuid;

pub(crate) type BoxResult<T> = Result<T, Box<dyn Error>>;

const BATCH: usize = 250;
const POPULATE_ENV: &str = "CASEBOOK_BENCH_POPULATE";
pub(crate) const PEOPLE: usize = 5;
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

/// What the documents are made of.
#[derive(Clone, Debug)]
pub(crate) struct Spec {
    pub(crate) owner: NodeId,
    pub(crate) adviser: String,
    pub(crate) config: OrgConfig,
    pub(crate) sharee: NodeId,
    pub(crate) label: String,
    pub(crate) per_file: usize,
    pub(crate) now: DateTime<Utc>,
}

pub(crate) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn fmt_secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// `count` files spread evenly over `ids`, shifted by `offset`.
pub(crate) fn spread(ids: &[FileId], count: usize, offset: usize) -> Vec<FileId> {
    split_spread(ids, count, offset).0
}

/// `count` files spread evenly over `ids` (shifted by `offset`), and the others.
pub(crate) fn split_spread(
    ids: &[FileId],
    count: usize,
    offset: usize,
) -> (Vec<FileId>, Vec<FileId>) {
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
pub(crate) fn interaction(seed: u64, at: DateTime<Utc>, by: &str) -> Interaction {
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
pub(crate) fn person(n: usize, k: usize) -> Person {
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
pub(crate) enum Method {
    /// `edit::log_interaction` for each one (it reads the whole document first: O(N²)).
    Edits,
    /// The same Automerge change, written without reading the document; checked at start-up.
    Direct,
}

impl Method {
    pub(crate) fn from_env() -> Self {
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

    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) fn log_direct(
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
pub(crate) struct Built {
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
pub(crate) fn build_file(
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
pub(crate) fn sign_own(key: &SecretKey, changes: &[automerge::Change]) -> Vec<ChangeSignature> {
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

pub(crate) fn build_signed(
    n: usize,
    spec: &Spec,
    key: &SecretKey,
    method: Method,
) -> BoxResult<Built> {
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
pub(crate) fn populate(
    node: &Node,
    spec: &Spec,
    files: usize,
    method: Method,
) -> BoxResult<Vec<FileId>> {
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
                        fmt_secs(started.elapsed())
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
pub(crate) fn commit_batch(
    node: &Node,
    batch: &mut Vec<Built>,
    ids: &mut Vec<FileId>,
) -> BoxResult<()> {
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
pub(crate) fn content_lines(doc: &Automerge) -> Vec<String> {
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
pub(crate) fn check_direct(spec: &Spec) -> BoxResult<Option<String>> {
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
