//! `casebook withdraw`: an entry made by mistake leaves every list and rule, and history keeps
//! it with who withdrew it and why.

use casebook_e2e::{Sandbox, entry, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn a_withdrawn_entry_leaves_lists_and_rules_and_history_keeps_it() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &[]);
    let risk = entry(&cb.json(&[
        "risk",
        "add",
        &file,
        "Typed on the wrong client",
        "--likelihood",
        "5",
        "--severity",
        "5",
    ]));
    let call = entry(&cb.json(&[
        "log",
        &file,
        "--kind",
        "call",
        "--direction",
        "inbound",
        "--purpose",
        "issues",
    ]));
    let person = entry(&cb.json(&["person", "add", &file, "--name", "Not Here"]));
    let row = cb.summary(&file);
    assert_eq!(row["rag"], "red", "{row}");
    assert_eq!(row["interactions"], 1);
    assert_eq!(row["people"], 1);
    let before = cb.json(&["history", &file]).as_array().map(Vec::len);

    // A reason is required, and nothing changes without one.
    let run = cb.refuses(&["withdraw", &file, &risk[..8], "--reason", "  "]);
    assert!(run.stderr.contains("say why"), "{run}");

    let out = cb.json(&["withdraw", &file, &risk[..8], "--reason", "wrong client"]);
    assert!(
        str_field(&out, "message").contains("Withdrew risk Typed on the wrong client"),
        "{out}"
    );
    cb.json(&["withdraw", &file, &call, "--reason", "duplicate entry"]);
    cb.json(&[
        "withdraw",
        &file,
        &person[..8],
        "--reason",
        "never worked there",
    ]);

    let row = cb.summary(&file);
    assert_eq!(
        row["rag"],
        serde_json::Value::Null,
        "the roll-up no longer counts it: {row}"
    );
    assert_eq!(row["open_risks"], 0);
    assert_eq!(row["interactions"], 0);
    assert_eq!(row["people"], 0);
    let account = cb.account(&file);
    assert!(account["risks"].get(&risk).is_none(), "{account}");
    assert_eq!(account["withdrawn"][&risk]["reason"], "wrong client");
    assert_eq!(account["withdrawn"][&risk]["by"], "Alice");
    let risks = cb.json(&["risk", "list", &file]);
    assert!(
        !risks.to_string().contains("Typed on the wrong client"),
        "{risks}"
    );
    let shown = cb.text(&["show", &file]);
    assert!(shown.contains("Withdrawn as entered by mistake"), "{shown}");
    assert!(shown.contains("wrong client"), "{shown}");

    // History keeps each withdrawal, and the file as it was still shows the entry.
    let history = cb.json(&["history", &file]);
    let entries = history.as_array().expect("history is a list");
    assert_eq!(entries.len(), before.unwrap_or(0) + 3);
    let first = entries
        .iter()
        .find(|e| str_field(e, "message").starts_with("Withdrew risk"))
        .expect("the withdrawal is in history");
    let old = cb.json(&[
        "show",
        &file,
        "--at",
        str_field(&entries[entries.len() - 4], "hash"),
    ]);
    assert!(
        old["account_file"]["risks"].get(&risk).is_some(),
        "before {first}: {old}"
    );

    // Once withdrawn, always named as such.
    let run = cb.refuses(&["withdraw", &file, &risk, "--reason", "again"]);
    assert!(run.stderr.contains("no entry"), "{run}");
    let run = cb.refuses(&["risk", "assess", &file, &risk[..8], "--likelihood", "1"]);
    assert!(run.stderr.contains("risk"), "{run}");
}
