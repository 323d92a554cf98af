//! Bad input of every kind: each fails with a non-zero exit, a message on stderr that says what
//! to do, nothing on stdout, and the store as it was.

use casebook_e2e::{Casebook, Sandbox, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// A node with one client, "Acme Ltd", that has a person, a risk and an interaction.
fn acme() -> (Sandbox, Casebook, String) {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let id = cb.add_client("Acme Ltd", &["--company-number", "01234567"]);
    cb.json(&["person", "add", "Acme", "--name", "Jane Smith"]);
    cb.json(&[
        "risk",
        "add",
        "Acme",
        "Supplier",
        "--likelihood",
        "2",
        "--severity",
        "2",
    ]);
    cb.json(&[
        "log",
        "Acme",
        "--kind",
        "call",
        "--direction",
        "inbound",
        "--purpose",
        "issues",
    ]);
    (sb, cb, id)
}

#[test]
fn unknown_client() {
    let (_sb, cb, _) = acme();
    for args in [
        &["show", "Nobody Inc"][..],
        &[
            "log",
            "Nobody Inc",
            "--kind",
            "call",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
        ],
        &["client", "edit", "Nobody Inc", "--sector", "x"],
        &["risk", "list", "Nobody Inc"],
        &["history", "Nobody Inc"],
    ] {
        let run = cb.refuses(args);
        assert_eq!(run.code, Some(1), "{run}");
        assert!(run.stderr.contains("Nobody Inc"), "{run}");
        assert!(run.stderr.contains("casebook client list"), "{run}");
    }
}

#[test]
fn ambiguous_client() {
    let (_sb, cb, _) = acme();
    cb.add_client("Acme Holdings", &[]);
    let run = cb.refuses(&["show", "Acme"]);
    assert!(run.stderr.contains("matches several clients"), "{run}");
    assert!(run.stderr.contains("Acme Ltd"), "{run}");
    assert!(run.stderr.contains("Acme Holdings"), "{run}");
}

#[test]
fn bad_dates() {
    let (_sb, cb, _) = acme();
    let run = cb.refuses(&[
        "client",
        "add",
        "--name",
        "Feb Co",
        "--intake-date",
        "2026-02-30",
    ]);
    assert!(
        run.stderr
            .contains("--intake-date '2026-02-30' is not a date"),
        "{run}"
    );
    assert!(run.stderr.contains("YYYY-MM-DD"), "{run}");

    let run = cb.refuses(&[
        "client",
        "exit-plan",
        "Acme",
        "--criteria",
        "x",
        "--date",
        "soon",
    ]);
    assert!(run.stderr.contains("--date 'soon' is not a date"), "{run}");

    let run = cb.refuses(&[
        "log",
        "Acme",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
        "--at",
        "yesterday",
    ]);
    assert!(
        run.stderr.contains("--at 'yesterday' is not a date-time"),
        "{run}"
    );

    let run = cb.refuses(&["action", "add", "Acme", "Chase", "--due", "31/31/2026"]);
    assert!(run.stderr.contains("not a date"), "{run}");

    let run = cb.refuses(&["portfolio", "--from", "2026-05-01", "--to", "2026-01-01"]);
    assert!(run.stderr.contains("after --to"), "{run}");

    for at in ["zzzz", "2026-99-99"] {
        let run = cb.refuses(&["show", "Acme", "--at", at]);
        assert!(run.stderr.contains("casebook history"), "{run}");
    }
}

#[test]
fn bad_words_list_the_accepted_forms() {
    let (_sb, cb, _) = acme();
    let log = |kind: &str, direction: &str, purpose: &str| {
        cb.refuses(&[
            "log",
            "Acme",
            "--kind",
            kind,
            "--direction",
            direction,
            "--purpose",
            purpose,
        ])
    };
    let run = log("call", "sideways", "sales");
    assert!(
        run.stderr.contains("'sideways' is not a valid direction"),
        "{run}"
    );
    assert!(run.stderr.contains("accepted: inbound, outbound"), "{run}");
    let run = log("telepathy", "inbound", "sales");
    assert!(
        run.stderr
            .contains("accepted: call, meeting, visit, email, im, event, hospitality, other"),
        "{run}"
    );
    let run = log("call", "inbound", "gossip");
    assert!(run.stderr.contains("fact-finding"), "{run}");

    let cases: [(&[&str], &str); 6] = [
        (
            &["client", "exit", "Acme", "--reason", "bored"],
            "completed-journey, failing-to-progress, not-responding, requested-removal",
        ),
        (
            &["client", "stage", "Acme", "nowhere"],
            "enquiry, diagnostic, action-plan, delivery, review",
        ),
        (
            &["person", "add", "Acme", "--name", "P", "--role", "boss"],
            "decision-maker, influencer, gatekeeper, sponsor, user",
        ),
        (
            &["person", "coverage", "Acme", "Jane Smith", "maybe"],
            "not-identified, identified, visit-planned, contacted",
        ),
        (&["client", "list", "--rag", "purple"], "green, amber, red"),
        (
            &["config", "weight", "luck", "3"],
            "competition, opportunity, solution, money",
        ),
    ];
    for (args, accepted) in cases {
        let run = cb.refuses(args);
        assert!(run.stderr.contains("accepted:"), "{run}");
        assert!(run.stderr.contains(accepted), "{run}");
    }
}

#[test]
fn out_of_range_numbers() {
    let (_sb, cb, _) = acme();
    let risk = cb.account("Acme")["risks"]
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .expect("Acme has a risk");
    for args in [
        &[
            "risk",
            "add",
            "Acme",
            "R",
            "--likelihood",
            "9",
            "--severity",
            "1",
        ][..],
        &[
            "risk",
            "add",
            "Acme",
            "R",
            "--likelihood",
            "0",
            "--severity",
            "1",
        ],
        &["risk", "assess", "Acme", &risk, "--likelihood", "9"],
    ] {
        let run = cb.refuses(args);
        assert!(
            run.stderr.contains("likelihood must be between 1 and 5"),
            "{run}"
        );
    }
    let run = cb.refuses(&[
        "risk",
        "add",
        "Acme",
        "R",
        "--likelihood",
        "1",
        "--severity",
        "6",
    ]);
    assert!(
        run.stderr
            .contains("severity must be between 1 and 5, got 6"),
        "{run}"
    );

    // Numbers that are not numbers at all are refused by the parser (exit code 2).
    let run = cb.refuses(&[
        "risk",
        "add",
        "Acme",
        "R",
        "--likelihood",
        "high",
        "--severity",
        "1",
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("--likelihood"), "{run}");

    let opp = cb.json(&["opp", "add", "Acme", "Deal"]);
    let opp = casebook_e2e::entry(&opp);
    let run = cb.refuses(&[
        "opp",
        "qualify",
        "Acme",
        &opp,
        "--score",
        "money=6",
        "--decision",
        "continue",
    ]);
    assert!(run.stderr.contains("scores run from 0 to 5"), "{run}");
    let run = cb.refuses(&["config", "rag", "--amber-at", "10", "--red-at", "5"]);
    assert!(run.stderr.contains("amber must start below red"), "{run}");
}

#[test]
fn empty_names_are_refused() {
    let sb = sandbox();
    let node = sb.node("a");
    let run = node.fails(&["init", "--name", "  "]);
    assert!(run.stderr.contains("--name must not be empty"), "{run}");
    assert!(!node.store_path().exists(), "no store was created");

    let cb = sb.init("a", "Alice");
    let run = cb.refuses(&["client", "add", "--name", " "]);
    assert!(run.stderr.contains("a client needs a name"), "{run}");
}

#[test]
fn merging_random_bytes_or_json_is_refused() {
    let (sb, cb, id) = acme();
    let random = sb.path("random.am");
    // Deterministic "random" bytes: no magic number, no structure.
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, bytes).expect("write");
    let run = cb.refuses(&["merge", s(&random)]);
    assert!(run.stderr.contains("not an Automerge document"), "{run}");
    assert!(
        run.stderr.contains("casebook export --format automerge"),
        "{run}"
    );
    let run = cb.refuses(&["import", s(&random)]);
    assert!(run.stderr.contains("not an Automerge document"), "{run}");

    let json = sb.path("acme.json");
    cb.json(&["export", &id, "--out", s(&json)]);
    let run = cb.refuses(&["merge", s(&json)]);
    assert!(run.stderr.contains("not an Automerge document"), "{run}");
    let run = cb.refuses(&["merge", s(&json), "--into", "Acme"]);
    assert!(run.stderr.contains("not an Automerge document"), "{run}");

    let empty = sb.path("empty.am");
    std::fs::write(&empty, b"").expect("write");
    cb.refuses(&["merge", s(&empty)]);

    let not_an_account = sb.path("other.json");
    std::fs::write(&not_an_account, r#"{"hello": "world"}"#).expect("write");
    let run = cb.refuses(&["import", s(&not_an_account)]);
    assert!(run.stderr.contains("no client name"), "{run}");

    let missing = sb.path("missing.am");
    let run = cb.refuses(&["merge", s(&missing)]);
    assert!(run.stderr.contains("cannot read"), "{run}");
}

/// A file that makes Automerge 0.12 panic while it reads it (found by fuzzing: a truncated
/// number in a bundle chunk). The fuzz input's first byte picks the call; the rest is the file.
const AUTOMERGE_PANIC: &[u8] = include_bytes!(
    "../../crates/fuzz/regressions/document/automerge-panics-on-a-truncated-number-in-a-bundle"
);

#[test]
fn a_file_that_makes_automerges_reader_panic_is_refused_with_a_clear_error() {
    let (sb, cb, _) = acme();
    let before = cb.json(&["client", "list"]);
    let file = sb.path("malformed.am");
    std::fs::write(&file, &AUTOMERGE_PANIC[1..]).expect("write");
    for args in [vec!["merge", s(&file)], vec!["import", s(&file)]] {
        let run = cb.refuses(&args);
        assert!(run.stderr.contains("not an Automerge document"), "{run}");
        assert!(!run.stderr.contains("panicked"), "{run}");
    }
    assert_eq!(
        cb.json(&["client", "list"]),
        before,
        "the store is as it was"
    );
}

const INFLATION_BOMB: &[u8] = include_bytes!(
    "../../crates/fuzz/regressions/document/a-compressed-change-of-40-kib-that-inflates-to-40-mib"
);

#[test]
fn a_file_that_inflates_past_the_limit_is_refused_before_automerge_reads_it() {
    // Automerge 0.12 inflates a compressed chunk without any limit: before this check, a 1 MB
    // file of this kind made `import` hold 3 GB for 20 s, and the 64 MiB a file may have
    // could exhaust any machine.
    let (sb, cb, _) = acme();
    let before = cb.json(&["client", "list"]);
    let file = sb.path("bomb.am");
    std::fs::write(&file, &INFLATION_BOMB[1..]).expect("write");
    for args in [vec!["merge", s(&file)], vec!["import", s(&file)]] {
        let run = cb.refuses(&args);
        assert!(
            run.stderr.contains(
                "not an Automerge document (its compressed parts inflate to more than 32 MiB)"
            ),
            "{run}"
        );
    }
    assert_eq!(
        cb.json(&["client", "list"]),
        before,
        "the store is as it was"
    );
}

/// An Automerge change chunk that Automerge 0.12 accepts but cannot read back from its own
/// save: a first change of a new actor that starts at op 15 and holds no ops (the document
/// fuzz target found one like it).
fn change_with_missing_ops() -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut body = vec![0, 16]; // no dependencies; a 16-byte actor id
    body.extend([0x5a; 16]);
    body.extend([1, 15, 0, 0, 0, 0]); // seq 1, start op 15, time 0, no message, no other actors, no columns
    let hash = Sha256::new()
        .chain_update([1, u8::try_from(body.len()).expect("short")])
        .chain_update(&body)
        .finalize();
    let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83];
    chunk.extend_from_slice(&hash[..4]);
    chunk.extend([1, u8::try_from(body.len()).expect("short")]);
    chunk.extend(body);
    chunk
}

#[test]
fn a_file_whose_change_automerge_cannot_read_back_is_refused() {
    // Stored, such a change would make the account file unreadable at the store's next
    // compaction, which saves the document as one snapshot.
    let (sb, cb, acme) = acme();
    let path = sb.path("acme.am");
    cb.json(&["export", &acme, "--format", "automerge", "--out", s(&path)]);
    let mut bytes = std::fs::read(&path).expect("read the export");
    bytes.extend(change_with_missing_ops());
    std::fs::write(&path, &bytes).expect("write");
    let before = cb.json(&["history", "Acme"]);
    for args in [vec!["merge", s(&path)], vec!["import", s(&path)]] {
        let run = cb.refuses(&args);
        assert!(
            run.stderr
                .contains("Automerge cannot read back its own save of it"),
            "{run}"
        );
    }
    assert_eq!(
        cb.json(&["history", "Acme"]),
        before,
        "the store is as it was"
    );
}

#[test]
fn merging_another_clients_export_into_a_client_is_refused() {
    let (sb, cb, acme) = acme();
    let other = cb.add_client("Other Org", &[]);
    let path = sb.path("other.am");
    cb.json(&["export", &other, "--format", "automerge", "--out", s(&path)]);
    let run = cb.refuses(&["merge", s(&path), "--into", "Acme"]);
    assert!(
        run.stderr
            .contains(&format!("holds account file {other}, not {acme}")),
        "{run}"
    );

    // The same from another node, where the other client is not yet known.
    let b = sb.init("b", "Bob");
    let acme_am = sb.path("acme.am");
    cb.json(&[
        "export",
        &acme,
        "--format",
        "automerge",
        "--out",
        s(&acme_am),
    ]);
    b.json(&["import", s(&acme_am)]);
    let run = b.refuses(&["merge", s(&path), "--into", &acme[..8]]);
    assert!(
        run.stderr
            .contains(&format!("holds account file {other}, not {acme}")),
        "{run}"
    );
    assert_eq!(b.clients().len(), 1, "the other client was not created");
}

#[test]
fn a_directory_without_a_store_says_run_init() {
    let sb = sandbox();
    let empty = sb.node("empty");
    std::fs::create_dir(empty.dir()).expect("mkdir");
    for node in [&empty, &sb.node("does-not-exist")] {
        for args in [
            &["client", "list"][..],
            &["id"],
            &[
                "log",
                "Acme",
                "--kind",
                "call",
                "--direction",
                "outbound",
                "--purpose",
                "sales",
            ],
        ] {
            let run = node.fails(args);
            assert!(run.stderr.contains("no casebook store in"), "{run}");
            assert!(run.stderr.contains("run `casebook init`"), "{run}");
        }
    }
    assert_eq!(
        std::fs::read_dir(empty.dir()).expect("read dir").count(),
        0,
        "nothing was created in the empty directory"
    );
    assert!(!sb.path("does-not-exist").exists());
}

#[test]
fn a_redb_file_that_is_not_a_casebook_store_is_refused() {
    let sb = sandbox();
    let node = sb.node("a");
    std::fs::create_dir(node.dir()).expect("mkdir");
    drop(redb::Database::create(node.store_path()).expect("create an empty redb database"));
    let run = node.fails(&["client", "list"]);
    assert!(run.stderr.contains("is not a casebook store"), "{run}");
}

#[test]
fn a_store_file_that_is_text_is_not_a_casebook_store() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    std::fs::write(cb.store_path(), "this is not a database\n").expect("write");
    let run = cb.fails(&["client", "list"]);
    assert!(run.stderr.contains("is not a casebook store"), "{run}");
}

#[test]
fn an_empty_store_file_is_not_a_casebook_store() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    std::fs::write(cb.store_path(), "").expect("write");
    let run = cb.fails(&["client", "list"]);
    assert!(run.stderr.contains("is not a casebook store"), "{run}");
}

#[test]
fn init_twice_is_refused() {
    let (_sb, cb, _) = acme();
    let before = cb.snapshot();
    let id = cb.json(&["id"]);
    let key = std::fs::read(cb.key_path()).expect("read key");
    let run = cb.fails(&["init", "--name", "Mallory"]);
    assert!(run.stderr.contains("already exists"), "{run}");
    assert_eq!(cb.json(&["id"]), id, "same node, same adviser");
    assert_eq!(std::fs::read(cb.key_path()).expect("read key"), key);
    assert_eq!(cb.snapshot(), before);

    // A data directory with only a key (an interrupted init) is finished, and its key is
    // never overwritten: one others may read is refused, a private one is kept.
    let sb = sandbox();
    let half = sb.node("half");
    std::fs::create_dir(half.dir()).expect("mkdir");
    std::fs::write(half.key_path(), [7u8; 32]).expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(half.key_path(), std::fs::Permissions::from_mode(0o644))
        .expect("chmod");
    let run = half.fails(&["init", "--name", "Alice"]);
    assert!(run.stderr.contains("chmod 600"), "{run}");
    assert!(
        !half.store_path().exists(),
        "no store made with a key others may read"
    );
    assert_eq!(std::fs::read(half.key_path()).expect("read"), [7u8; 32]);

    std::fs::set_permissions(half.key_path(), std::fs::Permissions::from_mode(0o600))
        .expect("chmod");
    half.text(&["init", "--name", "Alice"]);
    assert_eq!(std::fs::read(half.key_path()).expect("read"), [7u8; 32]);
    let expected = casebook::SecretKey::from_seed([7u8; 32])
        .node_id()
        .to_string();
    assert_eq!(
        half.json(&["id"])["node_id"],
        expected,
        "the node is the key's"
    );
}

#[test]
fn a_store_held_by_another_process_is_in_use() {
    let (_sb, cb, _) = acme();
    let before = cb.snapshot();
    {
        // redb holds an exclusive lock on the file while a Database is open.
        let _held = redb::Database::create(cb.store_path()).expect("open the store");
        for args in [
            &["client", "list"][..],
            &[
                "log",
                "Acme",
                "--kind",
                "call",
                "--direction",
                "outbound",
                "--purpose",
                "sales",
            ],
        ] {
            let run = cb.fails(args);
            assert!(run.stderr.contains("in use"), "{run}");
        }
    }
    assert_eq!(cb.snapshot(), before, "usable again, and unchanged");
}

#[cfg(unix)]
#[test]
fn a_key_readable_by_others_is_refused() {
    use std::os::unix::fs::PermissionsExt;

    let (_sb, cb, _) = acme();
    let key = cb.key_path();
    let mode = |m: u32| {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(m)).expect("chmod");
    };
    assert_eq!(
        std::fs::metadata(&key).expect("stat").permissions().mode() & 0o777,
        0o600,
        "init writes the key owner-only"
    );
    let before = cb.snapshot();
    for m in [0o644, 0o640, 0o604] {
        mode(m);
        for args in [
            &["client", "list"][..],
            &[
                "log",
                "Acme",
                "--kind",
                "call",
                "--direction",
                "outbound",
                "--purpose",
                "sales",
            ],
        ] {
            let run = cb.fails(args);
            assert!(run.stderr.contains("readable by other users"), "{run}");
            assert!(run.stderr.contains("chmod 600"), "{run}");
        }
    }
    mode(0o600);
    assert_eq!(cb.snapshot(), before);
}

#[test]
fn a_key_of_another_node_is_refused() {
    let (sb, cb, _) = acme();
    let other = sb.init("b", "Bob");
    let before = cb.snapshot();
    let own = std::fs::read(cb.key_path()).expect("read");
    std::fs::write(
        cb.key_path(),
        std::fs::read(other.key_path()).expect("read"),
    )
    .expect("write");
    let run = cb.fails(&["client", "list"]);
    assert!(run.stderr.contains("store belongs to node"), "{run}");
    std::fs::write(cb.key_path(), own).expect("write");
    assert_eq!(cb.snapshot(), before);
}

#[test]
fn automerge_export_needs_an_output_file() {
    let (_sb, cb, _) = acme();
    let run = cb.refuses(&["export", "Acme", "--format", "automerge"]);
    assert!(run.stderr.contains("give --out FILE"), "{run}");
}

#[test]
fn pairing_by_ticket_and_refusing_bad_tickets() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    let ticket = a.text(&["invite", "--addr", "127.0.0.1:7447"]);
    let ticket = ticket.trim();
    assert!(ticket.starts_with("casebook:"), "{ticket}");
    b.json(&[
        "peer",
        "add",
        ticket,
        "--name",
        "Alice (laptop)",
        "--adviser",
        "Alice",
    ]);
    let peers = b.json(&["peer", "list"]);
    assert_eq!(peers[0]["name"], "Alice (laptop)");
    assert_eq!(peers[0]["adviser"], "Alice");
    let run = b.fails(&["peer", "add", "casebook:nonsense@1.2.3.4:5", "--name", "X"]);
    assert!(run.stderr.contains("not a casebook ticket"), "{run}");
    let own = b.text(&["invite", "--addr", "127.0.0.1:7448"]);
    let run = b.fails(&["peer", "add", own.trim(), "--name", "Me"]);
    assert!(run.stderr.contains("own ticket"), "{run}");
    // No address recorded: a ticket for a node that only dials, and a note saying so.
    let run = a.run(&["invite"]);
    assert!(run.success() && run.stdout.trim().ends_with('@'), "{run}");
    assert!(run.stderr.contains("--addr"), "{run}");
    b.add_client("Acme Ltd", &[]);
    b.json(&["share", "Acme", "Alice", "--write"]);
    let account = b.account("Acme");
    let alice = a.json(&["id"])["node_id"].as_str().unwrap().to_string();
    assert_eq!(account["sharing"][&alice], "write", "{account}");
    let run = b.refuses(&["share", "Acme", "Nobody", "--read"]);
    assert!(run.stderr.contains("peer list"), "{run}");
    b.json(&["unshare", "Acme", "Alice (laptop)"]);
    b.json(&["peer", "remove", "Alice (laptop)"]);
    assert_eq!(b.json(&["peer", "list"]).as_array().map(Vec::len), Some(0));
}
