//! The start-up check that the direct path writes what `edit::log_interaction` writes.

use automerge::{Automerge, ObjId, ObjType, ROOT, ReadDoc, Value};
use casebook::model::Interaction;
use casebook::{AccountFile, FileId, FileSummary, view};
use uuid::Uuid;

use crate::build::build_docs;
use crate::{BoxResult, Method, Spec};

/// Build one file of `spec` both ways (same number and id) and compare: every value (ignoring
/// the random entry keys), each change's message, time, author and number of operations, what
/// a reader sees (interactions, sharing, profile, nodes), the summary and the saved size.
/// `None` if they agree, else what differs.
///
/// # Errors
/// If either file cannot be built or read.
pub fn check_direct(spec: &Spec) -> BoxResult<Option<String>> {
    let n = 7;
    let id = FileId::new();
    let a = build_docs(n, id, spec, Method::Edits)?.doc;
    let b = build_docs(n, id, spec, Method::Direct)?.doc;
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
    let sorted = |f: &AccountFile| {
        let mut v: Vec<Interaction> = f.interactions.values().cloned().collect();
        v.sort_by_key(|i| i.at);
        v
    };
    if sorted(&fa) != sorted(&fb)
        || fa.sharing != fb.sharing
        || fa.profile != fb.profile
        || fa.nodes != fb.nodes
    {
        problems.push("the account files read differently".to_string());
    }
    if FileSummary::of(&fa, &spec.config) != FileSummary::of(&fb, &spec.config) {
        problems.push("summaries differ".to_string());
    }
    let (sa, sb) = (a.save().len(), b.save().len());
    if sa.abs_diff(sb) > sa / 50 {
        problems.push(format!("saved sizes differ: {sa} B vs {sb} B"));
    }
    Ok((!problems.is_empty()).then(|| problems.join("; ")))
}

/// Every value of `doc` as `path=value` lines, UUID keys (entries, people, coverage history)
/// replaced by `*`, sorted: two documents with the same content under other random keys give
/// the same lines.
pub fn content_lines(doc: &Automerge) -> Vec<String> {
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
