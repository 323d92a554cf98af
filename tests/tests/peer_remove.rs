//! Removing a peer ends its access: `casebook peer remove` refuses while files still grant the
//! peer, lists them, and `--unshare` revokes them in the same step, so adding the peer again
//! never silently restores write access. Real binary.

use casebook_e2e::{Sandbox, str_field};

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

#[test]
fn removing_a_peer_that_files_still_grant_needs_unshare_and_re_adding_restores_nothing() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let bob_id = str_field(&bob.json(&["id"]), "node_id").to_string();
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    alice.json(&["peer", "add", &bob_ticket, "--name", "Bob (laptop)"]);
    let afon = alice.add_client("Afon Valley Foods", &[]);
    alice.add_client("Bryn Dairy", &[]);
    alice.json(&["share", "Afon", "Bob (laptop)", "--write"]);
    assert_eq!(alice.account(&afon)["sharing"][&bob_id], "write");

    let refused = alice.refuses(&["peer", "remove", "Bob (laptop)"]);
    assert!(
        refused.stderr.contains("Afon Valley Foods (write)")
            && refused.stderr.contains("--unshare")
            && refused.stderr.contains("--keep-shares"),
        "names the files that still grant the peer and the ways on: {refused}"
    );
    assert_eq!(
        alice.json(&["peer", "list"]).as_array().map(Vec::len),
        Some(1),
        "the peer is still trusted"
    );

    let removed = alice.json(&["peer", "remove", "Bob (laptop)", "--unshare"]);
    let unshared: Vec<&str> = removed["unshared"]
        .as_array()
        .expect("a list of revoked grants")
        .iter()
        .map(|g| str_field(g, "name"))
        .collect();
    assert_eq!(unshared, ["Afon Valley Foods"], "{removed}");
    assert!(alice.account(&afon)["sharing"].get(&bob_id).is_none());
    assert_eq!(alice.json(&["peer", "list"]), serde_json::json!([]));

    // Trusting Bob's node again gives it no access to the file.
    alice.json(&["peer", "add", &bob_ticket, "--name", "Bob (laptop)"]);
    assert!(alice.account(&afon)["sharing"].get(&bob_id).is_none());
    let text = alice.text(&["peer", "remove", "Bob (laptop)"]);
    assert!(text.contains("No longer trusting Bob (laptop)"), "{text}");
}

#[test]
fn keep_shares_keeps_the_grants_and_says_so() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let bob_id = str_field(&bob.json(&["id"]), "node_id").to_string();
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    alice.json(&["peer", "add", &bob_ticket, "--name", "Bob (laptop)"]);
    let afon = alice.add_client("Afon Valley Foods", &[]);
    alice.json(&["share", "Afon", "Bob (laptop)", "--read"]);
    let text = alice.text(&["peer", "remove", "Bob (laptop)", "--keep-shares"]);
    assert!(
        text.contains("Still shared with it: Afon Valley Foods (read)"),
        "{text}"
    );
    assert_eq!(alice.account(&afon)["sharing"][&bob_id], "read");
    let again = alice.text(&["peer", "add", &bob_ticket, "--name", "Bob (laptop)"]);
    assert!(
        again.contains("Files already shared with it: Afon Valley Foods (read)"),
        "adding it again says what access that opens: {again}"
    );
}
