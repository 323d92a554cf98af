//! Concurrent values across nodes: two advisers assess the same risk apart, merge each
//! other's exports, see the conflict in their own words, and one resolution settles it on both.

use casebook::automerge::transaction::{Transactable, Transaction};
use casebook::automerge::{ActorId, Automerge, ObjId, ObjType, ROOT, ReadDoc, ScalarValue};
use casebook_e2e::{Sandbox, entry, s, str_field};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn log_call(node: &casebook_e2e::Casebook, summary: &str) {
    node.json(&[
        "log",
        "Afon",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--at",
        "2026-05-12",
        "--summary",
        summary,
    ]);
}

/// `casebook export FILE --format automerge` on `from`, then `casebook merge` on `to`.
fn send(sb: &Sandbox, from: &casebook_e2e::Casebook, to: &casebook_e2e::Casebook, name: &str) {
    let path = sb.path(name);
    from.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
    to.json(&["merge", s(&path)]);
}

fn rows(v: Value) -> Vec<Value> {
    match v {
        Value::Array(rows) => rows,
        other => panic!("conflicts --json is not an array: {other}"),
    }
}

#[test]
fn concurrent_assessments_show_as_a_conflict_and_one_resolution_settles_both_nodes() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    let file = a.add_client("Afon Valley Foods Ltd", &[]);
    let risk = entry(&a.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "2",
        "--severity",
        "4",
    ]));
    // Bob may change the file: a copy not shared with his node would be read-only there.
    a.share_for_writing(&b, "Afon");
    let first = sb.path("afon-1.automerge");
    a.send_copy(&b, "Afon", &first);
    assert_eq!(rows(b.json(&["conflicts"])), Vec::<Value>::new());

    // Apart: both reassess the same risk differently, and both log a call.
    a.json(&["risk", "assess", "Afon", &risk[..8], "--likelihood", "3"]);
    b.json(&["risk", "assess", "Afon", &risk[..8], "--likelihood", "4"]);
    log_call(&a, "Alice's call");
    log_call(&b, "Bob's call");

    send(&sb, &a, &b, "afon-a.automerge");
    send(&sb, &b, &a, "afon-b.automerge");

    // One conflict, the same on both nodes; the two calls are both kept and do not conflict.
    let on_a = rows(a.json(&["conflicts", "Afon"]));
    assert_eq!(on_a.len(), 1, "{on_a:?}");
    let c = &on_a[0];
    assert_eq!(c["file_id"], file.as_str());
    assert_eq!(c["client"], "Afon Valley Foods Ltd");
    assert_eq!(c["what"], "risk 'Key supplier failure' likelihood");
    let id = str_field(c, "id").to_string();
    let candidates = c["candidates"].as_array().expect("candidates is a list");
    let by: Vec<(&str, &str)> = candidates
        .iter()
        .map(|v| (str_field(v, "text"), str_field(v, "adviser")))
        .collect();
    assert!(
        by == [("3", "Alice"), ("4", "Bob")] || by == [("4", "Bob"), ("3", "Alice")],
        "{c}"
    );
    // Both changes were made today, so the sentence gives the day once.
    let day = chrono::DateTime::parse_from_rfc3339(str_field(&candidates[0], "time"))
        .expect("time is RFC 3339")
        .format("%-d %B %Y")
        .to_string();
    let sentence = format!(
        "risk 'Key supplier failure' likelihood: {} by {}, {} by {}, both on {day}",
        by[0].0, by[0].1, by[1].0, by[1].1
    );
    assert_eq!(c["sentence"], sentence.as_str());
    assert_eq!(
        rows(b.json(&["conflicts"])),
        on_a,
        "every file, on the other node"
    );
    assert_eq!(
        a.account("Afon")["interactions"]
            .as_object()
            .map(|m| m.len()),
        Some(2)
    );

    let text = a.text(&["conflicts"]);
    assert!(text.contains("Afon Valley Foods Ltd"), "{text}");
    assert!(text.contains(&format!("{id}  {sentence}")), "{text}");
    assert!(text.contains("casebook resolve FILE CONFLICT"), "{text}");

    // Refusals change nothing and say what to do.
    let run = a.refuses(&["resolve", "Afon", "deadbeef", "--keep", "1"]);
    assert!(run.stderr.contains("casebook conflicts FILE"), "{run}");
    let run = a.refuses(&["resolve", "Afon", &id, "--set", "five"]);
    assert!(run.stderr.contains("whole number"), "{run}");
    let run = a.refuses(&["resolve", "Afon", &id, "--set", "9"]);
    assert!(run.stderr.contains("between 1 and 5"), "{run}");
    let run = a.refuses(&["resolve", "Afon", &id, "--keep-by", "Carol"]);
    assert!(run.stderr.contains("by 'Carol'"), "{run}");
    let run = a.refuses(&["resolve", "Afon", &id]);
    assert_eq!(run.code, Some(2), "a choice is required: {run}");

    // Alice keeps Bob's value: one change, in the domain's words.
    let resolved = a.json(&["resolve", "Afon", &id, "--keep-by", "bob"]);
    assert_eq!(
        resolved["message"],
        "Resolved risk 'Key supplier failure' likelihood: kept 4 (Bob)"
    );
    assert_eq!(rows(a.json(&["conflicts", "Afon"])), Vec::<Value>::new());
    assert!(a.text(&["conflicts"]).contains("No conflicts"));
    assert_eq!(a.account("Afon")["risks"][&risk]["likelihood"], 4);
    let run = a.refuses(&["resolve", "Afon", &id, "--keep", "1"]);
    assert!(run.stderr.contains("resolved already"), "{run}");

    // The resolution merges back: Bob's node agrees, with no conflict left.
    send(&sb, &a, &b, "afon-resolved.automerge");
    assert_eq!(rows(b.json(&["conflicts"])), Vec::<Value>::new());
    assert_eq!(b.account("Afon")["risks"][&risk]["likelihood"], 4);
    let history = b.json(&["history", "Afon"]);
    // Bob's node may write the file, so its merge ends with its word for what it brought in.
    let last = history
        .as_array()
        .and_then(|h| h.iter().rev().find(|c| c["message"] == resolved["message"]))
        .expect("the resolution is in Bob's history");
    assert_eq!(last["adviser"], "Alice");
    assert_eq!(a.account("Afon"), b.account("Afon"));
}

/// The map at `key` of map `obj`, in a document or a transaction.
fn map_in(doc: &impl ReadDoc, obj: &ObjId, key: &str) -> ObjId {
    match doc.get(obj, key).expect("readable") {
        Some((casebook::automerge::Value::Object(ObjType::Map), id)) => id,
        other => panic!("{key} is not a map: {other:?}"),
    }
}

/// Write `text` at `key` of `obj` as a Text object, as automerge-js writes its strings.
fn put_text(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, text: &str) {
    let t = tx.put_object(obj, key, ObjType::Text).expect("put text");
    tx.splice_text(&t, 0, 0, text).expect("splice text");
}

#[test]
fn values_another_tool_wrote_as_text_are_named_compared_and_kept_exactly() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    a.add_client("Afon Valley Foods Ltd", &[]);
    let risk = entry(&a.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "2",
        "--severity",
        "4",
    ]));
    let exported = sb.path("afon.automerge");
    a.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&exported),
    ]);

    // Apart: Alice reassesses the risk, and another Automerge tool (its own random actor, no
    // casebook node) edits the exported copy the way automerge-js writes: strings as text
    // objects, whole numbers as ints where casebook writes uints.
    a.json(&[
        "risk",
        "assess",
        "Afon",
        &risk[..8],
        "--likelihood",
        "3",
        "--mitigation",
        "Find a second supplier",
    ]);
    let bytes = std::fs::read(&exported).expect("the export was written");
    let mut tool = Automerge::load(&bytes)
        .expect("the export loads")
        .with_actor(ActorId::random());
    let mut tx = tool.transaction();
    let risks = map_in(&tx, &ROOT, "risks");
    let r = map_in(&tx, &risks, &risk);
    put_text(&mut tx, &r, "title", "Key supplier failure");
    tx.put(&r, "likelihood", ScalarValue::Int(3)).expect("put");
    put_text(&mut tx, &r, "mitigation", "Dual sourcing by June");
    tx.commit();
    let edited = sb.path("afon-tool.automerge");
    std::fs::write(&edited, tool.save()).expect("write the tool's copy");
    a.json(&["merge", s(&edited)]);

    // One conflict: the mitigation. The likelihood is 3 in both, an int and a uint, so there
    // is nothing to decide; and the risk is named by the title the tool wrote as text.
    let found = rows(a.json(&["conflicts", "Afon"]));
    assert_eq!(found.len(), 1, "{found:?}");
    let c = &found[0];
    assert_eq!(c["what"], "risk 'Key supplier failure' mitigation");
    let candidates = c["candidates"].as_array().expect("candidates is a list");
    let mut texts: Vec<&str> = candidates.iter().map(|v| str_field(v, "text")).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["Dual sourcing by June", "Find a second supplier"]);
    let theirs = candidates
        .iter()
        .find(|v| v["text"] == "Dual sourcing by June")
        .expect("the tool's value is listed");
    assert_eq!(theirs["adviser"], Value::Null, "{theirs}");
    assert!(
        str_field(c, "sentence").contains("'Dual sourcing by June' by actor "),
        "{c}"
    );

    // Keeping the tool's text keeps its words, stored as the text it was.
    let id = str_field(c, "id");
    let number = theirs["number"].to_string();
    let resolved = a.json(&["resolve", "Afon", id, "--keep", &number]);
    let message = str_field(&resolved, "message");
    assert!(
        message.starts_with(
            "Resolved risk 'Key supplier failure' mitigation: kept 'Dual sourcing by June' (actor "
        ),
        "{message}"
    );
    assert_eq!(rows(a.json(&["conflicts", "Afon"])), Vec::<Value>::new());
    let shown = &a.account("Afon")["risks"][&risk];
    assert_eq!(shown["mitigation"], "Dual sourcing by June");
    assert_eq!(shown["title"], "Key supplier failure");
    assert_eq!(shown["likelihood"], 3);

    let after = sb.path("afon-after.automerge");
    a.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&after),
    ]);
    let doc = Automerge::load(&std::fs::read(&after).expect("exported")).expect("loads");
    let r = map_in(&doc, &map_in(&doc, &ROOT, "risks"), &risk);
    let all = doc.get_all(&r, "mitigation").expect("readable");
    assert_eq!(all.len(), 1, "one value left: {all:?}");
    match &all[0] {
        (casebook::automerge::Value::Object(ObjType::Text), text) => {
            assert_eq!(doc.text(text).expect("text"), "Dual sourcing by June");
        }
        other => panic!("the kept mitigation is not the tool's text: {other:?}"),
    }
}
