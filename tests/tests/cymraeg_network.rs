//! Sync, peers and transfer in Welsh: two real nodes on 127.0.0.1 pair, share and sync with
//! `--lang cy`, a node the other does not trust is told so in Welsh, export, import and merge
//! confirm in Welsh, and the JSON of `peer list` and `status` is the same in both languages.

use std::time::Duration;

use casebook_e2e::{Sandbox, bring_in_unsigned_call, s, speaks_welsh, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// How long serve may take to log what a test waits for.
const LOG_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn pairing_sharing_syncing_and_status_speak_welsh() {
    let sb = sandbox();
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let alice_id = str_field(&alice.json(&["id"]), "node_id").to_string();

    // A ticket without an address: the note on stderr is Welsh, the ticket the same.
    let invite = alice.run_welsh(&["invite"]);
    assert!(invite.success(), "{invite}");
    assert_eq!(invite.stdout.trim(), format!("casebook:{alice_id}@"));
    speaks_welsh(
        &invite.stderr,
        &["nodyn: nid oes cyfeiriad yn y tocyn hwn", "--addr IP:PORT"],
        &["this ticket has no address"],
    );
    let alice_ticket = invite.stdout.trim().to_string();

    // Bob serves, logging in Welsh.
    let mut serve = bob.serve_logged(
        &["--listen", "127.0.0.1:0", "--for", "120"],
        &[("CASEBOOK_LANG", "cy")],
    );
    let listening = serve.wait_for("yn gwrando ar ", LOG_LIMIT);
    let addr = listening
        .split("yn gwrando ar ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("an address")
        .to_string();
    assert!(listening.contains(" fel nod "), "{listening}");
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    assert!(bob_ticket.ends_with(&addr), "{bob_ticket} names {addr}");

    // Alice trusts Bob, in Welsh.
    let added = alice.welsh(&["peer", "add", &bob_ticket, "--name", "Bob (desktop)"]);
    speaks_welsh(
        &added,
        &[
            "Yn ymddiried yn Bob (desktop) (nod ",
            &format!(" ar {addr}"),
        ],
        &["Trusted", " at "],
    );

    // Bob does not trust Alice yet: her sync is refused, and she is told in Welsh who must add
    // whose ticket; Bob's log warns in Welsh.
    let refused = alice.run_welsh(&["sync", "Bob (desktop)", "--timeout", "20"]);
    assert!(refused.code.is_some_and(|c| c != 0), "{refused}");
    assert!(refused.stdout.trim().is_empty(), "{refused}");
    speaks_welsh(
        &refused.stderr,
        &[
            "gwall: ",
            "nid yw Bob (desktop) (nod ",
            "yn adnabod y nod hwn, felly gwrthododd y cysylltiad",
            "ar beiriant Bob (desktop) rhedwch",
            &format!("`casebook peer add {alice_ticket} --name \"<enw ar gyfer y nod hwn>\"`"),
            "methodd y cysoni gyda Bob (desktop)",
        ],
        &["error:", "does not know this node", "sync with", "failed"],
    );
    let warned = serve.wait_for(&format!("gwrthodwyd nod {alice_id}"), LOG_LIMIT);
    speaks_welsh(
        &warned,
        &[
            "rhybudd: ",
            "nid yw yn rhestr nodau cymar y nod hwn",
            &format!("`casebook peer add {alice_ticket} --name ENW`"),
        ],
        &["warning", "refused node", "peer list"],
    );

    // Bob trusts Alice; Alice shares a client with Bob.
    let added = bob.welsh(&["peer", "add", &alice_ticket, "--name", "Alice (laptop)"]);
    speaks_welsh(
        &added,
        &[
            "Yn ymddiried yn Alice (laptop) (nod ",
            "heb gyfeiriad (mae'n deialu'r nod hwn)",
        ],
        &["Trusted", "no address"],
    );
    alice.add_client("Cwmni Clyd", &[]);
    let shared = alice.welsh(&["share", "Cwmni Clyd", "Bob (desktop)", "--read"]);
    speaks_welsh(
        &shared,
        &["Rhannwyd Cwmni Clyd gyda Bob (desktop) (darllen)"],
        &["Shared", "(read)"],
    );

    // The peer list: Welsh headings and count; its JSON is the same in both languages.
    let list = alice.welsh(&["peer", "list"]);
    speaks_welsh(
        &list,
        &[
            "enw",
            "cynghorydd",
            "cyfeiriadau",
            "ychwanegwyd",
            "Bob (desktop)",
            "1 cymar",
        ],
        &["adviser", "addresses", "added", "peer(s)"],
    );
    alice.same_json_in_both(&["peer", "list"]);

    // Before the sync: status says never synced, in Welsh.
    let before = alice.welsh(&["status"]);
    speaks_welsh(
        &before,
        &[
            "Bob (desktop) (-), nod ",
            "cyswllt diwethaf -",
            "cleient",
            "cyflwr",
            "cysonwyd ddiwethaf",
            "Cwmni Clyd",
            "heb ei chysoni erioed",
        ],
        &["last contact", "state", "never synced"],
    );

    // The sync, in Welsh: what went where, with counts.
    let synced = alice.run_welsh(&["sync", "Bob (desktop)", "--timeout", "20"]);
    assert!(synced.success(), "{synced}");
    speaks_welsh(
        &synced.stdout,
        &[
            "Cysonwyd gyda Bob (desktop) mewn ",
            " eiliad: anfonwyd 1 ffeil, derbyniwyd 0 ffeil (0 newid); ",
            " allan, ",
            " i mewn",
        ],
        &["Synced", "file(s)", "change(s)"],
    );
    assert!(synced.stderr.trim().is_empty(), "{synced}");
    assert_eq!(bob.clients().len(), 1, "Bob received the shared file");
    let ended = serve.wait_for("daeth y sesiwn gyda Alice (laptop) i ben", LOG_LIMIT);
    assert!(
        ended.contains("anfonwyd 0 ffeil, derbyniwyd 1 ffeil"),
        "{ended}"
    );

    // Status after the sync, on both sides; its JSON is the same in both languages.
    let after = alice.welsh(&["status"]);
    speaks_welsh(
        &after,
        &["Bob (desktop) (-), nod ", "Cwmni Clyd", "wedi'i chysoni"],
        &["in sync", "last contact"],
    );
    assert!(!after.contains("cyswllt diwethaf -"), "{after}");
    alice.same_json_in_both(&["status"]);
    let on_bob = bob.welsh(&["status"]);
    speaks_welsh(
        &on_bob,
        &["Alice (laptop) (-), nod ", "Cwmni Clyd", "wedi'i chysoni"],
        &["in sync"],
    );
    bob.same_json_in_both(&["status"]);

    // Unsharing speaks Welsh too.
    let unshared = alice.welsh(&["unshare", "Cwmni Clyd", "Bob (desktop)"]);
    speaks_welsh(
        &unshared,
        &["Rhoddwyd y gorau i rannu Cwmni Clyd gyda Bob (desktop)"],
        &["Stopped sharing"],
    );
}

#[test]
fn sync_errors_and_peer_removal_speak_welsh() {
    let sb = sandbox();
    let alice = sb.init("alice", "Alice Morgan");
    let bob = sb.init("bob", "Bob Price");
    let bob_ticket = str_field(&bob.json(&["invite"]), "ticket").to_string();
    alice.json(&[
        "peer",
        "add",
        &bob_ticket,
        "--name",
        "Bob",
        "--adviser",
        "Bob Price",
    ]);

    // A peer with no address cannot be dialled.
    let run = alice.run_welsh(&["sync", "Bob", "--timeout", "10"]);
    assert!(run.code.is_some_and(|c| c != 0), "{run}");
    speaks_welsh(
        &run.stderr,
        &[
            "gwall: ",
            "nid oes cyfeiriad yn hysbys ar gyfer y cymar ",
            "ychwanegwch ef eto o docyn newydd",
        ],
        &["no address is known", "error:"],
    );

    // Status with the adviser, and a peer with nothing shared.
    let status = alice.welsh(&["status"]);
    speaks_welsh(
        &status,
        &[
            "Bob (Bob Price), nod ",
            "nid oes ffeil cyfrif yn cael ei rhannu â'r cymar hwn",
        ],
        &["no account file is shared"],
    );

    // Removing a peer that still holds a share: refused (engine), then --unshare in Welsh.
    alice.add_client("Fferm Fach", &[]);
    alice.json(&["share", "Fferm Fach", "Bob", "--write"]);
    let removed = alice.welsh(&["peer", "remove", "Bob", "--unshare"]);
    speaks_welsh(
        &removed,
        &[
            "Dim ymddiried yn Bob (nod ",
            "Rhoddwyd y gorau i rannu Fferm Fach (ysgrifennu) ag ef",
        ],
        &["No longer trusting", "Stopped sharing", "(write)"],
    );
    let none = alice.welsh(&["status"]);
    speaks_welsh(
        &none,
        &["Dim cymheiriaid eto: ymddiriedwch mewn un gyda `casebook peer add TICKET --name NAME`."],
        &["No peers yet"],
    );
    let list = alice.welsh(&["peer", "list"]);
    assert!(list.contains("dim cymheiriaid"), "{list}");
}

#[test]
fn export_import_and_merge_confirm_in_welsh() {
    let sb = sandbox();
    let a = sb.init("a", "Alys");
    let b = sb.init("b", "Bryn");
    let id = a.add_client("Zed Co", &[]);
    let short = &id[..8];
    a.share_for_writing(&b, "Zed");

    // An Automerge export needs a file to go to.
    let binary = a.run_welsh(&["export", "Zed", "--format", "automerge"]);
    assert!(binary.code.is_some_and(|c| c != 0), "{binary}");
    speaks_welsh(
        &binary.stderr,
        &["gwall: Mae allforiad Automerge yn ddeuaidd: rhowch --out FILE"],
        &["is binary"],
    );

    let first = sb.path("zed-1.am");
    let exported = a.welsh(&["export", "Zed", "--format", "automerge", "--out", s(&first)]);
    speaks_welsh(
        &exported,
        &[
            &format!("Allforiwyd {short} ("),
            &format!(" beit) i {}", s(&first)),
        ],
        &["Exported", "bytes"],
    );

    let imported = b.welsh(&["import", s(&first)]);
    speaks_welsh(
        &imported,
        &[&format!("Mewnforiwyd Zed Co ({short}): "), " newid newydd"],
        &["Imported", "new change(s)"],
    );

    // A's new change comes to B by merge: a table of changes with Welsh headings.
    a.json(&[
        "log",
        "Zed",
        "--kind",
        "meeting",
        "--direction",
        "outbound",
        "--purpose",
        "introduction",
        "--at",
        "2026-05-01",
        "--with-other",
        "Zara",
    ]);
    let second = sb.path("zed-2.am");
    a.json(&[
        "export",
        "Zed",
        "--format",
        "automerge",
        "--out",
        s(&second),
    ]);
    let merged = b.welsh(&["merge", s(&second)]);
    speaks_welsh(
        &merged,
        &[
            &format!("Cyfunwyd i mewn i Zed Co ({short}): 1 newid newydd"),
            "newid",
            "pryd",
            "nod",
            "beth",
        ],
        &["Merged into", "new change(s)"],
    );

    // A JSON export imported into a third node as a new file.
    let c = sb.init("c", "Carys");
    let json_out = sb.path("zed.json");
    a.welsh(&["export", "Zed", "--format", "json", "--out", s(&json_out)]);
    let copy = c.welsh(&["import", s(&json_out), "--as-new"]);
    speaks_welsh(
        &copy,
        &["Mewnforiwyd Zed Co fel ffeil "],
        &["Imported", "as file"],
    );

    // The JSON of an export is the same in both languages.
    let en = a.json(&["export", "Zed", "--format", "automerge", "--out", s(&first)]);
    let welsh = a.json(&[
        "--lang",
        "cy",
        "export",
        "Zed",
        "--format",
        "automerge",
        "--out",
        s(&first),
    ]);
    assert_eq!(en, welsh);
}

#[test]
fn a_refused_file_is_told_in_welsh_by_sync_status_and_the_serve_log() {
    let sb = sandbox();
    let alice = sb.init("alice", "Alice");
    let bob = sb.init("bob", "Bob");
    let bobs_ticket = bob.text(&["invite", "--addr", "127.0.0.1:9"]);
    alice.json(&["peer", "add", bobs_ticket.trim(), "--name", "Bob (laptop)"]);
    let poisoned = alice.add_client("Poisoned Ltd", &[]);
    let healthy = alice.add_client("Healthy Ltd", &[]);
    for id in [&poisoned, &healthy] {
        alice.json(&["share", id, "Bob (laptop)", "--write"]);
    }
    let mut serve = alice.serve_logged(
        &["--listen", "127.0.0.1:0", "--for", "120"],
        &[("CASEBOOK_LANG", "cy")],
    );
    let listening = serve.wait_for("yn gwrando ar ", LOG_LIMIT);
    let addr = listening
        .split("yn gwrando ar ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("an address")
        .to_string();
    let alices_ticket = alice.text(&["invite", "--addr", &addr]);
    bob.json(&[
        "peer",
        "add",
        alices_ticket.trim(),
        "--name",
        "Alice (laptop)",
    ]);
    let first = bob.sync_with("Alice (laptop)");
    assert!(first.success(), "{first}");

    alice.json(&[
        "log",
        &healthy,
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
        "--summary",
        "a signed call",
    ]);
    bring_in_unsigned_call(&alice, &poisoned);

    let run = bob.run_welsh(&["sync", "Alice (laptop)", "--timeout", "60"]);
    assert_eq!(run.code, Some(1), "{run}");
    speaks_welsh(
        &run.stdout,
        &[
            "Cysonwyd gyda Alice (laptop) mewn ",
            "Gwrthodwyd: gwrthododd y nod hwn newidiadau Alice (laptop) i Poisoned Ltd (ffeil ",
            "is not signed by its claimed author",
        ],
        &["Synced", "Refused:", "this node refused"],
    );
    speaks_welsh(
        &run.stderr,
        &[
            "gwall: gorffennodd y cysoni gyda Alice (laptop), ond gwrthodwyd y newidiadau i 1 ffeil cyfrif:",
            "Mae `casebook history \"Poisoned Ltd\"` ar nod Alice (laptop) yn dangos y newidiadau na fyddai'r nod hwn yn eu derbyn; cysonwyd popeth arall",
        ],
        &["error:", "finished, but", "everything else synced"],
    );

    // Status on both sides: who refused, in Welsh; the JSON is the same in both languages.
    let at_bob = bob.welsh(&["status"]);
    speaks_welsh(
        &at_bob,
        &["gwrthodwyd: ", "(gan y nod hwn)", "wedi'i chysoni"],
        &["refused: ", "(by this node)", "in sync"],
    );
    bob.same_json_in_both(&["status"]);
    let at_alice = alice.welsh(&["status"]);
    speaks_welsh(&at_alice, &["(gan y cymar)"], &["(by the peer)"]);
    alice.same_json_in_both(&["status"]);

    // Alice's serve log warns in Welsh, naming the peer and the file.
    let warning = serve.wait_for("rhybudd: gwrthododd Bob (laptop)", LOG_LIMIT);
    assert!(
        warning.contains("newidiadau'r nod hwn i Poisoned Ltd (ffeil "),
        "{warning}"
    );

    // The refusal stands until the file changes: the next sync says so, in Welsh.
    let again = bob.run_welsh(&["sync", "Alice (laptop)", "--timeout", "60"]);
    assert_eq!(again.code, Some(1), "{again}");
    speaks_welsh(
        &again.stdout,
        &["Yn dal wedi'i gwrthod (ers cysoni cynharach): "],
        &["Still refused"],
    );
    speaks_welsh(
        &again.stderr,
        &["mae 1 ffeil cyfrif yn dal wedi'i gwrthod ers cysoni cynharach"],
        &["still refused since an earlier sync"],
    );
}
