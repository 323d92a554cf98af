//! Building one account file in memory, and signing it as its owner node would.

use automerge::{ActorId, Automerge, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use casebook::edit::{self, EditContext};
use casebook::{ChangeSignature, FileId, FileSummary, SecretKey, view};
use chrono::Duration as Span;

use crate::direct::log_direct;
use crate::records::{client, client_name, interaction, person};
use crate::{BoxResult, Method, Spec, Storing};

/// File number `n` of a spec as documents.
#[derive(Debug)]
pub struct FileDocs {
    /// The document as creating the client leaves it.
    pub created: Automerge,
    /// The whole document: the creation, then the people, the share and the interactions.
    pub doc: Automerge,
}

/// Build file number `n` of `spec` with id `id`: the skeleton and the client (intake 371 to
/// 400 days before `spec.now`), then `spec.people` people ten minutes after intake, one a
/// minute, the share an hour after intake, and `spec.per_file` interactions spread evenly from
/// the last of those to a file-dependent last contact 0 to 119 days before `spec.now` (so some
/// files are overdue for contact and some are not). Every change is made by the owner's actor
/// at those times.
///
/// # Errors
/// If an edit fails.
pub fn build_docs(n: usize, id: FileId, spec: &Spec, method: Method) -> BoxResult<FileDocs> {
    let mut doc = casebook::schema::new_file(id, spec.owner)?;
    doc.set_actor(ActorId::from(&spec.owner.as_bytes()[..]));
    let intake = spec.now - Span::days(400 - (n % 30) as i64);
    let mut ctx = EditContext {
        adviser: spec.adviser.clone(),
        now: intake,
    };
    edit::create_client(&mut doc, &ctx, &spec.config, &client(n, spec.leads, intake))?;
    let created = doc.fork();
    for k in 0..spec.people {
        ctx.now = intake + Span::minutes(10 + k as i64);
        edit::add_person(&mut doc, &ctx, &person(n, k))?;
    }
    if let Some(share) = &spec.share {
        ctx.now = intake + Span::hours(1);
        edit::share(
            &mut doc,
            &ctx,
            share.sharee,
            casebook::schema::READ,
            &share.label,
        )?;
    }
    let start = ctx.now;
    let last = spec.now - Span::days((n * 7 % 120) as i64);
    let span = (last - start).num_minutes().max(1);
    let Some((Value::Object(ObjType::Map), interactions)) = doc.get(ROOT, "interactions")? else {
        return Err("the skeleton has no interactions map".into());
    };
    let name = client_name(n);
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
    Ok(FileDocs { created, doc })
}

/// One file ready to commit: the parts the store receives in order, as `spec.storing` says.
#[derive(Debug)]
pub struct Built {
    /// The file's id.
    pub id: FileId,
    /// What to commit, in order.
    pub parts: Vec<Part>,
}

/// One commit of a built file: `doc`'s changes since `since`, with its summary and signatures.
#[derive(Debug)]
pub struct Part {
    /// The document after the commit.
    pub doc: Automerge,
    /// The heads the commit starts from (empty for the first).
    pub since: Vec<ChangeHash>,
    /// The summary of `doc`.
    pub summary: FileSummary,
    /// Signatures of the committed changes (none for [`Storing::Whole`]).
    pub signatures: Vec<ChangeSignature>,
}

/// Build file number `n` of `spec` under a new id and prepare its commits. `key` signs the
/// changes for [`Storing::AsNode`]; it must be the owner's.
///
/// # Errors
/// If an edit fails or a document cannot be read back.
pub fn build(n: usize, spec: &Spec, key: &SecretKey, method: Method) -> BoxResult<Built> {
    let id = FileId::new();
    let FileDocs { created, doc } = build_docs(n, id, spec, method)?;
    let summary = FileSummary::of(&view::read(&doc)?, &spec.config);
    let parts = match spec.storing {
        Storing::Whole => vec![Part {
            doc,
            since: vec![],
            summary,
            signatures: vec![],
        }],
        Storing::AsNode => {
            let since = created.get_heads();
            let created_part = Part {
                summary: FileSummary::of(&view::read(&created)?, &spec.config),
                signatures: sign_own(key, &created.get_changes(&[])),
                doc: created,
                since: vec![],
            };
            let signatures = sign_own(key, &doc.get_changes(&since));
            vec![
                created_part,
                Part {
                    doc,
                    since,
                    summary,
                    signatures,
                },
            ]
        }
    };
    Ok(Built { id, parts })
}

/// Sign every change of `changes` made by `key`'s node, as the node signs its own changes.
pub fn sign_own(key: &SecretKey, changes: &[automerge::Change]) -> Vec<ChangeSignature> {
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
