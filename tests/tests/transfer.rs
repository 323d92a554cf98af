//! Moving account files between nodes by file: Automerge export, import and merge both ways
//! after offline edits, and JSON export into a third node.

use casebook_e2e::{Sandbox, s, str_field};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn two_nodes_edit_offline_and_converge_by_automerge_files() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    let a_id = a.json(&["id"])["node_id"].clone();
    let b_id = b.json(&["id"])["node_id"].clone();
    let id = a.add_client("Zed Co", &["--postcode", "ZZ1 1ZZ"]);

    // Bob may change the file: a copy not shared with his node would be read-only there.
    a.share_for_writing(&b, "Zed");
    let first = sb.path("zed-1.am");
    let exported = a.json(&["export", "Zed", "--format", "automerge", "--out", s(&first)]);
    assert_eq!(exported["file_id"], id.as_str());
    assert!(
        exported["bytes"].as_u64().is_some_and(|n| n > 0),
        "{exported}"
    );
    let imported = b.json(&["import", s(&first)]);
    assert_eq!(imported["created"], true, "{imported}");
    assert_eq!(imported["file_id"], id.as_str());
    assert_eq!(imported["name"], "Zed Co");
    assert_eq!(b.account(&id)["profile"]["postcode"], "ZZ1 1ZZ");

    // Offline: each node edits its own copy.
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
    b.json(&[
        "risk",
        "add",
        "Zed",
        "Key person leaves",
        "--likelihood",
        "3",
        "--severity",
        "3",
    ]);
    assert_eq!(a.summary(&id)["open_risks"], 0);
    assert_eq!(b.summary(&id)["interactions"], 0);

    let from_a = sb.path("zed-a.am");
    a.json(&[
        "export",
        "Zed",
        "--format",
        "automerge",
        "--out",
        s(&from_a),
    ]);
    let merged = b.json(&["merge", s(&from_a), "--into", &id[..8]]);
    assert_eq!(merged["created"], false);
    let new: Vec<&str> = merged["new_changes"]
        .as_array()
        .expect("new_changes is a list")
        .iter()
        .map(|c| str_field(c, "message"))
        // A node that may write the file vouches for what it brought in by a change of its own.
        .filter(|m| !m.starts_with("Brought in"))
        .collect();
    assert_eq!(
        new,
        ["Logged outbound meeting with Zara (Zed Co): introduction"],
        "{merged}"
    );
    assert!(
        merged["diff"].as_array().is_some_and(|d| !d.is_empty()),
        "{merged}"
    );

    let from_b = sb.path("zed-b.am");
    b.json(&[
        "export",
        "Zed",
        "--format",
        "automerge",
        "--out",
        s(&from_b),
    ]);
    let merged = a.json(&["merge", s(&from_b)]);
    let new: Vec<&str> = merged["new_changes"]
        .as_array()
        .expect("new_changes is a list")
        .iter()
        .map(|c| str_field(c, "message"))
        // A node that may write the file vouches for what it brought in by a change of its own.
        .filter(|m| !m.starts_with("Brought in"))
        .collect();
    assert_eq!(
        new,
        ["Risk 'Key person leaves' raised: likelihood 3, severity 3 (amber)"],
        "{merged}"
    );

    // Both nodes now hold the same account file, and the same summary.
    let on_a = a.json(&["show", "Zed"]);
    let on_b = b.json(&["show", "Zed"]);
    assert_eq!(on_a["account_file"], on_b["account_file"]);
    assert_eq!(on_a["rollup"], on_b["rollup"]);
    assert_eq!(
        on_a["account_file"]["interactions"]
            .as_object()
            .map(|m| m.len()),
        Some(1)
    );
    assert_eq!(
        on_a["account_file"]["risks"].as_object().map(|m| m.len()),
        Some(1)
    );
    assert_eq!(a.summary(&id), b.summary(&id));
    assert_eq!(a.summary(&id)["rag"], "amber");

    // Merging the same file again brings nothing new.
    let again = b.json(&["merge", s(&from_a)]);
    assert_eq!(again["new_changes"], Value::Array(vec![]), "{again}");

    // B's history: A's changes, named by A's node and adviser, arrived by file.
    let history = b.json(&["history", "Zed"]);
    let entries = history.as_array().expect("history is an array");
    let find = |prefix: &str| {
        entries
            .iter()
            .find(|e| str_field(e, "message").starts_with(prefix))
            .unwrap_or_else(|| panic!("no change '{prefix}…' in {history}"))
    };
    let created = find("Added client Zed Co");
    assert_eq!(created["author"]["id"], a_id);
    assert_eq!(created["adviser"], "Alice");
    assert_eq!(created["origin"]["origin"]["via"], "file");
    assert_eq!(created["origin"]["origin"]["name"], s(&first));
    let meeting = find("Logged outbound meeting");
    assert_eq!(meeting["author"]["id"], a_id);
    assert_eq!(meeting["adviser"], "Alice");
    assert_eq!(meeting["origin"]["origin"]["via"], "file");
    assert_eq!(meeting["origin"]["origin"]["name"], s(&from_a));
    let risk = find("Risk 'Key person leaves'");
    assert_eq!(risk["author"]["id"], b_id);
    assert_eq!(risk["adviser"], "Bob");
    assert_eq!(risk["origin"]["origin"]["via"], "local");

    // And A's history shows B's change as received by file.
    let history = a.json(&["history", "Zed"]);
    let risk = history
        .as_array()
        .expect("history is an array")
        .iter()
        .find(|e| str_field(e, "message").starts_with("Risk 'Key person leaves'"))
        .expect("A has B's risk");
    assert_eq!(risk["adviser"], "Bob");
    assert_eq!(risk["origin"]["origin"]["name"], s(&from_b));
}

#[test]
fn json_export_imports_into_a_third_node_with_the_same_profile() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let id = a.add_client(
        "Harbour Hats",
        &[
            "--postcode",
            "HH1 2AT",
            "--company-number",
            "SC123456",
            "--segment",
            "social-enterprise",
            "--sector",
            "Retail",
            "--intake-date",
            "2026-02-03",
        ],
    );
    a.json(&[
        "person",
        "add",
        "Harbour",
        "--name",
        "Hal Hatter",
        "--role",
        "sponsor",
    ]);
    a.json(&[
        "risk",
        "add",
        "Harbour",
        "Supplier",
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    a.json(&[
        "client",
        "exit-plan",
        "Harbour",
        "--criteria",
        "Two stores open",
    ]);

    let out = sb.path("harbour.json");
    a.json(&["export", "Harbour", "--out", s(&out)]);
    // Without --out, JSON goes to stdout, byte for byte the same.
    let stdout = a.text(&["export", "Harbour"]);
    assert_eq!(
        stdout,
        std::fs::read_to_string(&out).expect("the export was written")
    );

    let c = sb.init("c", "Carol");
    let imported = c.json(&["import", s(&out)]);
    assert_eq!(imported["file_id"], id.as_str());
    assert_eq!(imported["created"], true);

    let on_a = a.json(&["show", &id]);
    let on_c = c.json(&["show", &id]);
    for section in [
        "file_id",
        "profile",
        "team",
        "journey",
        "people",
        "risks",
        "interactions",
        "opportunities",
        "actions",
    ] {
        assert_eq!(
            on_a["account_file"][section], on_c["account_file"][section],
            "{section} differs after a JSON round trip"
        );
    }
    assert_eq!(on_a["rollup"], on_c["rollup"]);
    let (sa, sc) = (a.summary(&id), c.summary(&id));
    for key in [
        "name",
        "postcode",
        "company_number",
        "segments",
        "lead",
        "rag",
        "has_exit_plan",
    ] {
        assert_eq!(sa[key], sc[key], "summary field {key}");
    }
    assert_eq!(sc["rag"], "red");

    // The import is one change by Carol's node, recorded as arriving by file.
    let history = c.json(&["history", &id]);
    let ours: Vec<&Value> = history
        .as_array()
        .expect("history is an array")
        .iter()
        .filter(|e| e["author"]["kind"] == "node")
        .collect();
    assert_eq!(ours.len(), 1, "{history}");
    assert_eq!(ours[0]["adviser"], "Carol");
    assert_eq!(ours[0]["origin"]["origin"]["via"], "file");

    // A second import of the same file is refused.
    let again = c.refuses(&["import", s(&out)]);
    assert!(again.stderr.contains("already in this store"), "{again}");
    assert!(again.stderr.contains("casebook merge"), "{again}");
}

#[test]
fn importing_an_automerge_copy_of_a_client_already_here_is_refused() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    a.add_client("Zed Co", &[]);
    let v1 = sb.path("v1.am");
    a.json(&["export", "Zed", "--format", "automerge", "--out", s(&v1)]);
    b.json(&["import", s(&v1)]);

    // Nothing new in the file: refused, pointing at merge.
    let run = b.refuses(&["import", s(&v1)]);
    assert!(run.stderr.contains("already here"), "{run}");
    assert!(run.stderr.contains("casebook merge"), "{run}");
}

#[test]
fn importing_an_automerge_copy_with_new_changes_of_a_client_already_here_changes_nothing() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    a.add_client("Zed Co", &[]);
    let v1 = sb.path("v1.am");
    a.json(&["export", "Zed", "--format", "automerge", "--out", s(&v1)]);
    b.json(&["import", s(&v1)]);
    a.json(&[
        "log",
        "Zed",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "introduction",
    ]);
    let v2 = sb.path("v2.am");
    a.json(&["export", "Zed", "--format", "automerge", "--out", s(&v2)]);

    let run = b.refuses(&["import", s(&v2)]);
    assert!(run.stderr.contains("nothing was imported"), "{run}");
}
