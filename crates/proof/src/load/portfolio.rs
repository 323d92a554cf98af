//! The serving node's portfolio for the load suite: account files shaped like the ones the sync
//! benchmarks measure (a client, five people, a contact log), each shared for reading with
//! every peer.
//!
//! Each file is built in memory by the same edit functions `Node::apply` runs (creating the
//! client, adding people, sharing, logging contacts), as the node's own actor, and its changes
//! are signed with the node's key as the node signs its own; then the files are committed
//! [`BATCH`] to a durable transaction, as an import would. The store ends up holding what the
//! node's own edits would have left (each file as one snapshot, where edits one by one would
//! leave a snapshot and a change log), at a fraction of the fsyncs: writing thousands of files
//! one edit at a time would take longer than the suite itself.

use casebook::automerge::{ActorId, Automerge, Change};
use casebook::edit::{self, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::Interaction;
use casebook::{ChangeSignature, FileId, FileSummary, Node, NodeId, Origin, schema, view};
use casebook_bench_data::person;
use casebook_store::Commit;
use chrono::{DateTime, Duration, Utc};

/// Files committed per durable transaction.
pub const BATCH: usize = 100;

/// How big each account file is.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// People in the client's organisation.
    pub people: usize,
    /// Logged contacts (calls, meetings, emails) in the contact log.
    pub interactions: usize,
}

impl Shape {
    /// The account file of the sync benchmarks (docs/benchmarks.md): 5 people, 50 contacts.
    pub const BENCHMARK: Self = Self {
        people: 5,
        interactions: 50,
    };
}

/// A peer a file is shared with: its node id and the name the serving node knows it by.
#[derive(Clone, Debug)]
pub struct Reader {
    /// The peer's node id.
    pub node: NodeId,
    /// Its name in the serving node's peer list (used in the share's commit message).
    pub label: String,
}

/// Create `files` account files of `shape` on `node`, each shared for reading with every one of
/// `readers`; returns their ids in creation order.
///
/// # Errors
/// Whatever an edit or the store returns.
pub fn populate(
    node: &Node,
    readers: &[Reader],
    files: usize,
    shape: Shape,
) -> Result<Vec<FileId>, casebook::Error> {
    let numbers: Vec<usize> = (0..files).collect();
    let mut ids = Vec::with_capacity(files);
    for chunk in numbers.chunks(BATCH) {
        let built = crate::parallel::map(chunk, |&n| build(node, readers, n, shape))
            .into_iter()
            .collect::<Result<Vec<Built>, _>>()?;
        let commits: Vec<Commit<'_>> = built
            .iter()
            .map(|b| Commit {
                file_id: b.id,
                doc: &b.doc,
                changes: b.doc.get_changes(&[]),
                summary: &b.summary,
                origin: Origin::Local,
                signatures: b.signatures.clone(),
            })
            .collect();
        node.store().commit_many(&commits)?;
        ids.extend(built.iter().map(|b| b.id));
    }
    Ok(ids)
}

/// One account file built in memory, ready to commit.
struct Built {
    id: FileId,
    doc: Automerge,
    summary: FileSummary,
    signatures: Vec<ChangeSignature>,
}

/// Build file number `n`: the client, its people, the shares, the contact log.
fn build(
    node: &Node,
    readers: &[Reader],
    n: usize,
    shape: Shape,
) -> Result<Built, casebook::Error> {
    let id = FileId::new();
    let me = node.node_id();
    let mut doc = schema::new_file(id, me)?;
    doc.set_actor(ActorId::from(&me.as_bytes()[..]));
    let ctx = node.edit_context();
    let config = node.config()?;
    edit::create_client(&mut doc, &ctx, &config, &client(n))?;
    for k in 0..shape.people {
        edit::add_person(&mut doc, &ctx, &person(n, k))?;
    }
    for r in readers {
        edit::share(&mut doc, &ctx, r.node, schema::READ, &r.label)?;
    }
    for i in 0..shape.interactions {
        // Spread over the last year, oldest first, as a contact log grows.
        let days = (shape.interactions - i) as i64 * 365 / shape.interactions.max(1) as i64;
        let at = ctx.now - Duration::days(days);
        edit::log_interaction(&mut doc, &ctx, &contact(n * 1_000 + i, at, &ctx.adviser))?;
    }
    let summary = FileSummary::of(&view::read(&doc)?, &config);
    let signatures = sign_own(node, &doc.get_changes(&[]));
    Ok(Built {
        id,
        doc,
        summary,
        signatures,
    })
}

/// Sign every change `node` authored (not the schema's), as the node signs its own edits.
fn sign_own(node: &Node, changes: &[Change]) -> Vec<ChangeSignature> {
    let me = node.node_id();
    changes
        .iter()
        .filter(|c| c.actor_id().to_bytes() == me.as_bytes())
        .map(|c| ChangeSignature {
            hash: c.hash(),
            author: me,
            signature: node.secret_key().sign(&ChangeSignature::message(&c.hash())),
        })
        .collect()
}

const SECTORS: &[&str] = &["food manufacturing", "engineering", "software", "tourism"];
const SEGMENTS: &[&str] = &["growth", "pre-start", "social", "export", "rural"];

/// Client number `n`.
fn client(n: usize) -> NewClient {
    NewClient {
        name: format!("Load Client {n:05} Ltd"),
        legal_form: "limited company".into(),
        sector: SECTORS[n % SECTORS.len()].into(),
        postcode: format!("CF{} {}AB", n % 100, n % 10),
        company_number: format!("{:08}", 20_000_000 + n),
        region: "Wales".into(),
        segments: vec![SEGMENTS[n % SEGMENTS.len()].into()],
        lead: "Alice Morgan".into(),
        intake_date: None,
        source: "referral".into(),
        language: String::new(),
        org: None,
    }
}

/// One logged contact, varied by `seed`.
fn contact(seed: usize, at: DateTime<Utc>, by: &str) -> Interaction {
    let kinds = InteractionKind::ALL;
    let purposes = Purpose::ALL;
    Interaction {
        kind: kinds[seed % kinds.len()],
        direction: if seed.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        at,
        minutes: 15 + (seed % 8) as u32 * 15,
        our_attendees: vec![by.to_string()],
        their_attendees: vec!["Jane Smith".to_string()],
        people: vec![],
        purpose: purposes[seed / 7 % purposes.len()],
        summary: format!(
            "Reviewed cash flow forecast and hiring plan; agreed to revisit supplier terms (note {seed})."
        ),
        needs: "Working capital advice".into(),
        risks: Vec::new(),
        opportunities: Vec::new(),
        by: by.to_string(),
        language: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portfolio_reads_back_shared_and_signed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let node = Node::init(dir.path(), "Alice Morgan").expect("node");
        let reader_dir = tempfile::tempdir().expect("tempdir");
        let reader = Node::init(reader_dir.path(), "Bob Evans").expect("reader");
        let readers = [Reader {
            node: reader.node_id(),
            label: "Bob (laptop)".into(),
        }];
        let shape = Shape {
            people: 2,
            interactions: 3,
        };
        let ids = populate(&node, &readers, 3, shape).expect("populated");
        assert_eq!(ids.len(), 3);
        assert_eq!(node.summaries().expect("summaries").len(), 3);
        for id in ids {
            let file = node.read(id).expect("the file reads");
            assert_eq!(file.people.len(), 2);
            assert_eq!(file.interactions.len(), 3);
            assert_eq!(
                file.sharing
                    .get(&reader.node_id().to_string())
                    .map(String::as_str),
                Some(schema::READ)
            );
            let history = node.history(id).expect("history");
            assert!(history.iter().all(|h| h.signed), "every change signed");
            // The node can go on editing the file as if it had made every change itself.
            node.apply(id, |d, c, _| {
                edit::log_interaction(d, c, &contact(7, c.now, &c.adviser))
            })
            .expect("a later edit");
        }
    }
}
