//! One organisation, one set of rules: the settings live in an organisation document that
//! syncs to every node of the organisation, only its administrators change them, and every
//! node that holds a file judges it alike, through the real binary and real QUIC on loopback.

use casebook_e2e::{Casebook, Sandbox, free_port};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// `a` trusts `b` under `name` (adviser `adviser`), reachable at `addr`.
fn trust(a: &Casebook, b: &Casebook, name: &str, adviser: &str, addr: &str) {
    let ticket = b.text(&["invite", "--addr", addr]);
    a.json(&[
        "peer",
        "add",
        ticket.trim(),
        "--name",
        name,
        "--adviser",
        adviser,
    ]);
}

/// What two nodes that hold the same file must show alike: the exact bytes `client list`
/// and `risk list` print, and the portfolio but for `as_of`, the moment it was asked for.
fn views(node: &Casebook) -> Vec<String> {
    let mut out: Vec<String> = [
        &["--json", "client", "list"][..],
        &["--json", "risk", "list", "Afon"],
    ]
    .iter()
    .map(|args| {
        let run = node.run(args);
        assert!(run.success(), "{run}");
        run.stdout
    })
    .collect();
    let mut portfolio = node.json(&["portfolio"]);
    portfolio
        .as_object_mut()
        .expect("an object")
        .remove("as_of")
        .expect("as_of");
    out.push(portfolio.to_string());
    out
}

/// A risk of 3 × 3 = 9 on client Afon: amber under the default matrix, green from amber-at 10.
fn add_middling_risk(node: &Casebook) {
    node.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "3",
        "--severity",
        "3",
    ]);
}

fn risk_colour(node: &Casebook) -> Value {
    node.json(&["client", "list"])[0]["rag"].clone()
}

#[test]
fn every_node_of_an_organisation_judges_alike_before_and_after_an_administrator_changes_the_rules()
{
    let sb = sandbox();
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let carol = sb.init("carol", "Carol Hughes");
    let port = free_port();
    let at_alice = format!("127.0.0.1:{port}");
    // Bob and Carol dial Alice; nobody dials them (their addresses are never used).
    trust(&bob, &alice, "Alice", "Alice Morgan", &at_alice);
    trust(&carol, &alice, "Alice", "Alice Morgan", &at_alice);
    trust(&alice, &bob, "Bob", "Bob Price", "127.0.0.1:9");
    trust(&alice, &carol, "Carol", "Carol Hughes", "127.0.0.1:9");
    trust(&carol, &bob, "Bob", "Bob Price", "127.0.0.1:9");

    // Carol administers the organisation; Alice and Bob are members.
    let created = carol.json(&["org", "create", "--name", "Business Wales North"]);
    let org = created["organisation"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    carol.json(&["org", "add", "Alice"]);
    carol.json(&["org", "add", "Bob"]);

    // Alice's client exists before she joins: 3 × 3 = 9 is amber under the default matrix.
    alice.add_client("Afon Valley Foods", &[]);
    add_middling_risk(&alice);

    let _served = alice.serve(&at_alice, 120);
    let synced = carol.sync_with("Alice");
    assert!(synced.success(), "{synced}");
    let synced = bob.sync_with("Alice");
    assert!(synced.success(), "{synced}");
    for (member, owned) in [(&alice, 1), (&bob, 0)] {
        let joined = member.json(&["org", "join", &org]);
        assert_eq!(joined["organisation"]["name"], "Business Wales North");
        assert_eq!(joined["moved"], owned, "{joined}");
        let shown = member.json(&["org", "show"]);
        assert_eq!(shown["id"], org.as_str());
    }

    // A member may not change the rules, and is told who may.
    let refused = alice.refuses(&["config", "rag", "--amber-at", "10", "--red-at", "20"]);
    assert!(
        refused.stderr.contains("only an administrator") && refused.stderr.contains("Carol"),
        "{refused}"
    );

    // Alice's client moved with her into the organisation; shared with Bob.
    alice.json(&["share", "Afon", "Bob", "--write"]);
    assert!(bob.sync_with("Alice").success());
    assert_eq!(risk_colour(&alice), "amber");
    assert_eq!(views(&alice), views(&bob), "the same file, the same rules");

    // Carol changes the matrix; everyone syncs: 9 is green now, on both nodes.
    let changed = carol.json(&["config", "rag", "--amber-at", "10", "--red-at", "20"]);
    assert_eq!(changed["organisation"], org.as_str());
    assert!(carol.sync_with("Alice").success());
    assert!(bob.sync_with("Alice").success());
    assert_eq!(
        risk_colour(&alice),
        "green",
        "Alice judged by the new rules"
    );
    assert_eq!(risk_colour(&bob), "green", "Bob judged by the new rules");
    assert_eq!(views(&alice), views(&bob), "still alike after the change");
    let version = carol.json(&["org", "show"])["version"].clone();
    assert_eq!(alice.json(&["org", "show"])["version"], version);
    assert_eq!(bob.json(&["org", "show"])["version"], version);

    // The organisation's history says who changed what.
    let history = alice.json(&["history", &org]);
    assert!(
        history
            .as_array()
            .expect("entries")
            .iter()
            .any(|h| h["message"]
                .as_str()
                .is_some_and(|m| m.contains("RAG amber from 10, red from 20"))
                && h["signed"] == true),
        "{history}"
    );
}

#[test]
fn a_store_keeps_its_own_settings_as_its_organisations_and_a_running_serve_sees_changes() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    let org = a.json(&["org", "show"]);
    assert_eq!(org["name"], "Alice Morgan's organisation");
    assert_eq!(org["administrators"].as_array().map(Vec::len), Some(1));
    a.add_client("Afon Valley Foods", &[]);
    add_middling_risk(&a);
    assert_eq!(risk_colour(&a), "amber");
    let port = free_port();
    let _served = a.serve(&format!("127.0.0.1:{port}"), 60);
    // Changed while serve holds the store open: judged again at once, in the same commit.
    let changed = a.json(&["config", "rag", "--amber-at", "10", "--red-at", "20"]);
    assert_eq!(changed["summaries_recomputed"], 1, "{changed}");
    assert_eq!(risk_colour(&a), "green");
    assert_eq!(a.json(&["config", "show"])["rag_matrix"][2][2], "green");
}

#[test]
fn a_file_shared_across_organisations_is_judged_everywhere_by_the_organisation_it_names() {
    let sb = sandbox();
    let alice = sb.init("alice", "Alice Morgan");
    let carol = sb.init("carol", "Carol Hughes");
    let zoe = sb.init("zoe", "Zoe Price");
    let port = free_port();
    let at_alice = format!("127.0.0.1:{port}");
    trust(&carol, &alice, "Alice", "Alice Morgan", &at_alice);
    trust(&zoe, &alice, "Alice", "Alice Morgan", &at_alice);
    trust(&alice, &carol, "Carol", "Carol Hughes", "127.0.0.1:9");
    trust(&alice, &zoe, "Zoe", "Zoe Price", "127.0.0.1:9");

    // Alice works in Carol's organisation; Zoe, a partner's adviser, in her own, whose rules
    // call 3 × 3 green.
    let org =
        carol.json(&["org", "create", "--name", "Business Wales North"])["organisation"]["id"]
            .as_str()
            .expect("id")
            .to_string();
    carol.json(&["org", "add", "Alice"]);
    zoe.json(&["config", "rag", "--amber-at", "20", "--red-at", "25"]);
    let zoes_own = zoe.json(&["org", "show"])["id"].clone();
    let _served = alice.serve(&at_alice, 120);
    assert!(carol.sync_with("Alice").success());
    alice.json(&["org", "join", &org]);

    alice.add_client("Afon Valley Foods", &[]);
    add_middling_risk(&alice);
    alice.json(&["share", "Afon", "Zoe", "--read"]);
    let synced = zoe.sync_with("Alice");
    assert!(synced.success(), "{synced}");

    // Zoe holds the file and, read-only, the rules of the organisation it names.
    assert_eq!(
        risk_colour(&zoe),
        "amber",
        "judged by North's rules, not Zoe's own"
    );
    assert_eq!(views(&zoe)[..2], views(&alice)[..2]);
    assert_eq!(
        zoe.json(&["org", "show"])["id"],
        zoes_own,
        "Zoe stays in her own"
    );

    // North's administrator changes its rules; they reach Zoe through Alice.
    carol.json(&["config", "rag", "--amber-at", "10", "--red-at", "20"]);
    assert!(carol.sync_with("Alice").success());
    assert!(zoe.sync_with("Alice").success());
    assert_eq!(risk_colour(&alice), "green");
    assert_eq!(risk_colour(&zoe), "green");
    assert_eq!(views(&zoe)[..2], views(&alice)[..2]);
    // Holding North's rules to judge Alice's file does not make Zoe a member.
    let refused = zoe.run(&["--json", "org", "join", &org]);
    assert!(!refused.success(), "{refused}");
    assert!(refused.stderr.contains("not a member"), "{refused}");
}
