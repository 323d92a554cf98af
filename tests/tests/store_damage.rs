//! A damaged store gets advice that works, a read-only store can still be read, listed and
//! exported (and writes say why they fail), and a file brought in by `merge` that this node
//! may not write cannot be edited here, by the same rule sync applies. Real binary.

use casebook_e2e::{Sandbox, s};

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

#[test]
fn a_damaged_store_names_the_file_and_the_way_back_and_that_way_works() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let id = alice.json(&["id"])["node_id"].clone();
    let store = alice.store_path();
    let mut bytes = std::fs::read(&store).unwrap();
    bytes[..64].fill(0xA5);
    std::fs::write(&store, bytes).unwrap();

    let run = alice.fails(&["client", "list"]);
    assert!(
        run.stderr.contains("damaged")
            && run.stderr.contains(s(&store))
            && run.stderr.contains("backup")
            && run.stderr.contains(".damaged"),
        "says the store is damaged, where, and how to recover: {run}"
    );

    // Following the advice: move it aside, init again, and the node keeps its identity.
    std::fs::rename(&store, store.with_extension("redb.damaged")).unwrap();
    let again = alice.json(&["init", "--name", "Alice Morgan"]);
    assert_eq!(
        again["node_id"], id,
        "the same node, so its peers still trust it"
    );
    assert_eq!(alice.clients(), Vec::<serde_json::Value>::new());
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_read_listed_and_exported_and_a_write_says_why_it_fails() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    alice.add_client("Afon Valley Foods", &[]);
    let before = alice.snapshot();
    let store = alice.store_path();
    for (path, mode, how) in [
        (store.clone(), 0o400, "store file"),
        (alice.dir().to_path_buf(), 0o500, "directory"),
    ] {
        let was = std::fs::metadata(&path).unwrap().permissions().mode();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        assert_eq!(alice.snapshot(), before, "read and listed ({how})");
        let show = alice.text(&["show", "Afon"]);
        assert!(show.contains("Afon Valley Foods"), "{show}");
        let out = sb.path(&format!("afon-{mode:o}.json"));
        let exported = alice.run(&["export", "Afon", "--format", "json", "--out", s(&out)]);
        assert!(
            exported.success() && out.is_file(),
            "exported ({how}): {exported}"
        );
        let run = alice.fails(&["client", "add", "--name", "Bryn Dairy"]);
        assert!(
            run.stderr.contains("read-only") && run.stderr.contains("chmod u+w"),
            "a write says why it fails and what to do ({how}): {run}"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(was)).unwrap();
        assert_eq!(alice.snapshot(), before, "nothing changed ({how})");
    }
    alice.add_client("Bryn Dairy", &[]);
}

#[test]
fn a_merged_file_this_node_may_not_write_cannot_be_edited_here() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    alice.add_client("Afon Valley Foods", &[]);
    let path = sb.path("afon.automerge");
    alice.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
    bob.json(&["merge", s(&path)]);
    let run = bob.refuses(&["action", "add", "Afon", "Send the proposal"]);
    assert!(
        run.stderr.contains("not shared with this node") && run.stderr.contains("--write"),
        "says why and who can change that: {run}"
    );
    // Once Alice shares it with Bob's node for writing, a fresh copy may be edited.
    alice.share_for_writing(&bob, "Afon");
    alice.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
    bob.json(&["merge", s(&path)]);
    bob.json(&["action", "add", "Afon", "Send the proposal"]);
}
