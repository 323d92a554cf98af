//! Pairing explains itself: a ticket for a node that only dials, and a handshake refused
//! because the other side does not trust this node says so on both sides, naming which node
//! must run `casebook peer add` with whose ticket. Real binary, nodes on 127.0.0.1.

use std::time::Duration;

use casebook_e2e::{Sandbox, str_field};

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

/// How long serve may take to log what a test waits for.
const LOG_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn invite_without_an_address_gives_a_ticket_for_a_node_that_only_dials() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let run = alice.run(&["invite"]);
    assert!(run.success(), "invite works without --addr: {run}");
    let ticket = run.stdout.trim().to_string();
    let id = str_field(&alice.json(&["id"]), "node_id").to_string();
    assert_eq!(ticket, format!("casebook:{id}@"), "{run}");
    assert!(
        run.stderr.contains("no address") && run.stderr.contains("--addr"),
        "says what a ticket without an address means: {run}"
    );
    let added = bob.json(&["peer", "add", &ticket, "--name", "Alice (laptop)"]);
    assert_eq!(added["addrs"], serde_json::json!([]), "{added}");
    let refused = bob.fails(&["sync", "Alice (laptop)", "--timeout", "10"]);
    assert!(
        refused.stderr.contains("no address"),
        "a peer that only dials cannot be dialled, and sync says so: {refused}"
    );
}

#[test]
fn a_node_that_is_not_trusted_back_is_told_who_must_add_whose_ticket() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let alice_id = str_field(&alice.json(&["id"]), "node_id").to_string();
    let mut serve = bob.serve_logged(&["--listen", "127.0.0.1:0", "--for", "120"], &[]);
    let addr = serve.addr();
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    assert!(bob_ticket.ends_with(&addr), "{bob_ticket} names {addr}");
    // Alice adds Bob's ticket; Bob never adds Alice's.
    alice.json(&["peer", "add", &bob_ticket, "--name", "Bob (desktop)"]);

    let run = alice.fails(&["sync", "Bob (desktop)", "--timeout", "20"]);
    let alice_ticket = format!("casebook:{alice_id}@");
    assert!(
        run.stderr.contains("Bob (desktop)")
            && run.stderr.contains("does not know this node")
            && run
                .stderr
                .contains(&format!("casebook peer add {alice_ticket}")),
        "the dialler is told Bob's node must add this node's ticket: {run}"
    );
    assert!(
        !run.stderr.contains("connection to") && !run.stderr.contains("was lost"),
        "not reported as a network failure: {run}"
    );

    let line = serve.wait_for(&format!("refused node {alice_id}"), LOG_LIMIT);
    assert!(
        line.contains("not in this node's peer list")
            && line.contains(&format!("casebook peer add {alice_ticket}")),
        "the listener names the node and the command that lets it in: {line}"
    );

    // Following the advice pairs them.
    bob.json(&["peer", "add", &alice_ticket, "--name", "Alice (laptop)"]);
    let synced = alice.sync_with("Bob (desktop)");
    assert!(synced.success(), "{synced}");
}
