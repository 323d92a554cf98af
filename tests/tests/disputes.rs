//! Disagreement never hides a colour: when two advisers assess one risk apart and Automerge
//! happens to show the milder value, every list, dashboard and `show` on both nodes judges by
//! the worst value and marks it as disputed, until an adviser resolves the conflict.

use casebook_e2e::{Casebook, Sandbox, entry, names, s, str_field};
use serde_json::{Value, json};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// `casebook export FILE --format automerge` on `from`, then `casebook merge` on `to`.
fn send(sb: &Sandbox, from: &Casebook, to: &Casebook, name: &str) {
    let path = sb.path(name);
    from.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
    to.json(&["merge", s(&path)]);
}

fn log_call(node: &Casebook, summary: &str) {
    node.json(&[
        "log",
        "Afon",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--summary",
        summary,
    ]);
}

/// The concurrent values of a field as numbers, sorted (their order is Automerge's).
fn sorted_numbers(values: &Value) -> Vec<u64> {
    let mut v: Vec<u64> = values
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {values}"))
        .iter()
        .map(|x| x.as_u64().unwrap_or_else(|| panic!("not a number: {x}")))
        .collect();
    v.sort();
    v
}

#[test]
fn a_red_assessment_hidden_by_the_merge_shows_red_and_disputed_on_both_nodes_until_resolved() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    let file = a.add_client("Afon Valley Foods Ltd", &[]);
    let short = &file[..8];
    let risk = entry(&a.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "3",
        "--severity",
        "4",
    ]));
    // Bob may change the file: a copy not shared with his node would be read-only there.
    a.share_for_writing(&b, "Afon");
    let first = sb.path("afon-1.automerge");
    a.send_copy(&b, "Afon", &first);

    // Apart: Alice reassesses the risk to 4×4 (red); Bob logs two calls and then lowers it to
    // 2×4 (amber). Bob's likelihood write carries the higher operation counter, so it is the
    // value Automerge shows on every node.
    log_call(&b, "Bob's first call");
    log_call(&b, "Bob's second call");
    a.json(&[
        "risk",
        "assess",
        "Afon",
        &risk[..8],
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    b.json(&[
        "risk",
        "assess",
        "Afon",
        &risk[..8],
        "--likelihood",
        "2",
        "--severity",
        "4",
    ]);
    send(&sb, &a, &b, "afon-a.automerge");
    send(&sb, &b, &a, "afon-b.automerge");

    for (who, node) in [("Alice", &a), ("Bob", &b)] {
        // The premise: the value shown is Bob's amber one.
        assert_eq!(
            node.account("Afon")["risks"][&risk]["likelihood"],
            2,
            "on {who}'s node"
        );

        let list = node.json(&["risk", "list", "Afon"]);
        let row = &list["risks"][&risk];
        assert_eq!(row["rag"], "red", "on {who}'s node: {list}");
        assert_eq!(row["disputed"], true, "on {who}'s node: {list}");
        assert_eq!(
            sorted_numbers(&row["disputed_values"]["likelihood"]),
            [2, 4]
        );
        assert_eq!(list["rollup"]["risks"][&risk], "red");
        assert_eq!(list["rollup"]["account"], "red");
        assert_eq!(list["rollup"]["disputed"], true);
        let text = node.text(&["risk", "list", "Afon"]);
        assert!(
            text.contains("● red (disputed)"),
            "on {who}'s node:\n{text}"
        );
        assert!(
            text.contains("likelihood 4 or 2") || text.contains("likelihood 2 or 4"),
            "on {who}'s node:\n{text}"
        );
        assert!(
            text.contains("Account roll-up (highest colour wins): ● red (disputed)"),
            "on {who}'s node:\n{text}"
        );

        let summary = node.summary(&file);
        assert_eq!(summary["rag"], "red", "on {who}'s node: {summary}");
        assert_eq!(summary["rag_disputed"], true, "{summary}");
        assert_eq!(summary["conflicts"], 1, "{summary}");
        assert_eq!(summary["disputed"], true, "{summary}");
        assert_eq!(summary["open_risks"], 1, "{summary}");
        let table = node.text(&["client", "list"]);
        assert!(table.contains("● red (disputed)"), "{table}");
        assert!(table.contains("1 conflict"), "{table}");
        let red = node.json(&["client", "list", "--rag", "red"]);
        assert_eq!(names(&red), ["Afon Valley Foods Ltd"]);

        let p = node.json(&["portfolio"]);
        assert_eq!(names(&p["red_rollups"]), ["Afon Valley Foods Ltd"], "{p}");
        assert_eq!(p["red_rollups"][0]["disputed"], true, "{p}");
        assert_eq!(
            p["conflicts"],
            json!([{
                "file_id": file,
                "name": "Afon Valley Foods Ltd",
                "lead": "Alice",
                "fields": 1,
                "command": format!("casebook conflicts {short}"),
            }]),
            "on {who}'s node"
        );
        let dashboard = node.text(&["portfolio"]);
        assert!(dashboard.contains("✘ Red risk roll-ups: 1"), "{dashboard}");
        assert!(dashboard.contains("✘ Open conflicts: 1"), "{dashboard}");
        assert!(
            dashboard.contains(&format!("casebook conflicts {short}")),
            "{dashboard}"
        );
        // The command the dashboard names lists the one conflict.
        let listed = node.json(&["conflicts", short]);
        assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

        let shown = node.json(&["show", "Afon"]);
        assert_eq!(shown["disputed"], true);
        assert_eq!(shown["disputes"]["conflicts"], 1);
        assert_eq!(
            sorted_numbers(&shown["disputes"]["risks"][&risk]["likelihood"]),
            [2, 4]
        );
        assert_eq!(shown["rollup"]["account"], "red");
        let page = node.text(&["show", "Afon"]);
        assert!(page.contains("Risk roll-up: ● red (disputed)"), "{page}");
        assert!(
            page.contains(&format!("casebook conflicts {short}")),
            "{page}"
        );
    }

    // Alice keeps Bob's lower value: the decision, not the worst, now sets the colour.
    let conflicts = a.json(&["conflicts", "Afon"]);
    let id = str_field(&conflicts[0], "id").to_string();
    a.json(&["resolve", "Afon", &id, "--keep-by", "Bob"]);
    send(&sb, &a, &b, "afon-resolved.automerge");

    for (who, node) in [("Alice", &a), ("Bob", &b)] {
        let list = node.json(&["risk", "list", "Afon"]);
        let row = &list["risks"][&risk];
        assert_eq!(row["rag"], "amber", "on {who}'s node: {list}");
        assert_eq!(row["disputed"], false, "on {who}'s node: {list}");
        assert_eq!(row["disputed_values"], json!({}));
        assert_eq!(list["rollup"]["account"], "amber");
        assert_eq!(list["rollup"]["disputed"], false);
        assert!(!node.text(&["risk", "list", "Afon"]).contains("disputed"));

        let summary = node.summary(&file);
        assert_eq!(summary["rag"], "amber", "on {who}'s node: {summary}");
        assert_eq!(summary["rag_disputed"], false);
        assert_eq!(summary["conflicts"], 0);
        assert_eq!(summary["disputed"], false);
        assert!(!node.text(&["client", "list"]).contains("disputed"));

        let p = node.json(&["portfolio"]);
        assert_eq!(p["red_rollups"], json!([]), "on {who}'s node: {p}");
        assert_eq!(p["conflicts"], json!([]), "on {who}'s node: {p}");
        assert!(node.text(&["portfolio"]).contains("✔ Open conflicts: none"));

        let shown = node.json(&["show", "Afon"]);
        assert_eq!(shown["disputed"], false);
        assert_eq!(shown["disputes"], json!({"conflicts": 0}));
        assert!(!node.text(&["show", "Afon"]).contains("disputed"));
    }
}
