//! Who made a change, as the real binary records and shows it when changes arrive in files:
//! a node signs only its own edits, refuses a file that claims its identity, and labels what
//! it brought in.

use casebook::automerge::transaction::Transactable;
use casebook::automerge::{ActorId, Automerge, ROOT, ReadDoc};
use casebook_e2e::{Sandbox, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// `bytes` (an Automerge export) with one more change by `actor` that sets the sector.
fn edited_by(bytes: &[u8], actor: &[u8], sector: &str) -> Vec<u8> {
    let mut doc = Automerge::load(bytes).expect("an Automerge file");
    doc.set_actor(ActorId::from(actor));
    doc.transact(|tx| {
        let profile = tx.get(ROOT, "profile")?.map(|(_, id)| id).expect("profile");
        tx.put(&profile, "sector", sector)
    })
    .expect("edit");
    doc.save()
}

#[test]
fn a_file_holding_changes_under_this_nodes_id_is_refused_and_nothing_is_stored() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    let id = a.add_client("Afon Valley Foods", &[]);
    let genuine = sb.path("afon.automerge");
    a.send_copy(&b, "Afon", &genuine);
    let history_before = b.json(&["history", "Afon"]);

    // Bob's node id is public: someone edits the file under it.
    let bob_id = b.json(&["id"])["node_id"]
        .as_str()
        .expect("node id")
        .to_string();
    let forged = edited_by(
        &std::fs::read(&genuine).expect("read"),
        bob_id
            .parse::<casebook::NodeId>()
            .expect("a node id")
            .as_bytes(),
        "forged in Bob's name",
    );
    let path = sb.path("forged.automerge");
    std::fs::write(&path, forged).expect("write");
    let run = b.refuses(&["merge", s(&path)]);
    assert!(
        run.stderr.contains("claim to be this node's own"),
        "{}",
        run.stderr
    );
    assert_eq!(b.json(&["history", "Afon"]), history_before);
    assert_ne!(b.account(&id)["profile"]["sector"], "forged in Bob's name");
}

#[test]
fn merged_changes_are_never_signed_as_the_merging_nodes_and_history_says_where_they_came_from() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    a.add_client("Afon Valley Foods", &[]);
    let genuine = sb.path("afon.automerge");
    a.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&genuine),
    ]);
    let alice_id = a.json(&["id"])["node_id"]
        .as_str()
        .expect("node id")
        .to_string();

    // Bob's node holds Alice's file by import, outside sharing: it may not vouch for her
    // changes, and says they stay on his node.
    let out = b.text(&["import", s(&genuine)]);
    assert!(out.contains("stay on this node"), "{out}");
    let history = b.json(&["history", "Afon"]);
    let alices: Vec<_> = history
        .as_array()
        .expect("entries")
        .iter()
        .filter(|h| h["author"]["id"] == alice_id.as_str())
        .collect();
    assert!(!alices.is_empty(), "{history}");
    for h in &alices {
        assert_eq!(h["signed"], false, "{h}");
        assert!(h["brought_in"].is_null(), "{h}");
    }
    let table = b.text(&["history", "Afon"]);
    assert!(table.contains("unsigned (local only)"), "{table}");

    // Another tool's edit, merged on Alice's node (she owns the file and may write): she
    // vouches for it, history says so, and it is not signed as hers.
    let tool = sb.path("tool.automerge");
    std::fs::write(
        &tool,
        edited_by(
            &std::fs::read(&genuine).expect("read"),
            &[0x42; 16],
            "edited in another tool",
        ),
    )
    .expect("write");
    let merged = a.json(&["merge", s(&tool)]);
    assert_eq!(merged["brought_in"], 1, "{merged}");
    assert_eq!(merged["vouched"], 1, "{merged}");
    let history = a.json(&["history", "Afon"]);
    let entries = history.as_array().expect("entries");
    let tools: Vec<_> = entries
        .iter()
        .filter(|h| h["author"]["kind"] == "other")
        .collect();
    assert_eq!(tools.len(), 1, "{history}");
    assert_eq!(tools[0]["signed"], false);
    assert_eq!(tools[0]["brought_in"]["by"], alice_id.as_str());
    assert_eq!(tools[0]["brought_in"]["source"], s(&tool));
    let vouching = entries
        .iter()
        .find(|h| {
            h["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Brought in 1 change from file"))
        })
        .expect("the endorsement is a change of Alice's own");
    assert_eq!(vouching["signed"], true);
    let table = a.text(&["history", "Afon"]);
    assert!(table.contains("brought in from a file by Alice"), "{table}");
    assert_eq!(
        a.account("Afon")["profile"]["sector"],
        "edited in another tool"
    );
}
