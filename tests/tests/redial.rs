//! `casebook serve` redials a peer that refuses it (or cannot be reached) with capped
//! exponential backoff, and logs why each attempt failed and when it will try again. Real
//! binary, nodes on 127.0.0.1.

use std::time::Duration;

use casebook_e2e::{Sandbox, str_field};

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

/// How long serve may take to log what the test waits for (the second retry is due after
/// about two seconds; this only bounds a hang).
const LOG_LIMIT: Duration = Duration::from_secs(60);

/// The wait in "...; retrying in N s".
fn retry_secs(line: &str) -> u64 {
    line.rsplit("retrying in ")
        .next()
        .and_then(|w| w.strip_suffix(" s"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no wait in seconds in {line:?}"))
}

#[test]
fn a_peer_that_refuses_this_node_is_redialled_ever_less_often_and_the_log_says_why() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let mut bob_serve = bob.serve_logged(&["--listen", "127.0.0.1:0", "--for", "120"], &[]);
    bob_serve.addr();
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    // Alice trusts Bob; Bob never added Alice, so every dial of Alice's is refused.
    alice.json(&["peer", "add", &bob_ticket, "--name", "Bob (desktop)"]);
    let mut serve = alice.serve_logged(&["--listen", "127.0.0.1:0", "--for", "120"], &[]);

    let first = serve.wait_for_nth("retrying in", 1, LOG_LIMIT);
    let second = serve.wait_for_nth("retrying in", 2, LOG_LIMIT);
    for line in [&first, &second] {
        assert!(
            line.contains("could not sync with Bob (desktop)")
                && line.contains("does not know this node"),
            "names the peer and why: {line}"
        );
    }
    assert!(
        retry_secs(&second) > retry_secs(&first),
        "each failure waits longer: {first} / {second}"
    );
}
