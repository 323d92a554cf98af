//! `casebook merge` says when a file brings conflicts: how many fields now hold concurrent
//! values, and the command that lists them.

use casebook_e2e::{Sandbox, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn a_merge_that_brings_concurrent_values_says_so_and_names_the_command() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    a.add_client("Afon Valley Foods", &[]);
    // Bob may change the file: a copy not shared with his node would be read-only there.
    a.share_for_writing(&b, "Afon");
    let first = sb.path("afon-1.automerge");
    a.send_copy(&b, "Afon", &first);

    // Apart, both change the sector.
    a.json(&["client", "edit", "Afon", "--sector", "food manufacturing"]);
    b.json(&["client", "edit", "Afon", "--sector", "drinks"]);
    let from_bob = sb.path("afon-bob.automerge");
    b.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&from_bob),
    ]);

    let merged = a.json(&["merge", s(&from_bob)]);
    assert_eq!(merged["new_conflicts"], 1, "{merged}");
    assert_eq!(merged["conflicts"], 1, "{merged}");
    // Merging the same file again brings nothing new.
    let again = a.json(&["merge", s(&from_bob)]);
    assert_eq!(again["new_conflicts"], 0, "{again}");

    let first_text = sb.path("afon-2.automerge");
    a.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&first_text),
    ]);
    b.json(&["client", "edit", "Afon", "--region", "North Wales"]);
    // Bob takes Alice's copy (with her sector) in, as text: the sentence and the command.
    let out = b.text(&["merge", s(&first_text)]);
    assert!(out.contains("new conflict(s) arrived"), "{out}");
    assert!(
        out.contains("casebook conflicts \"Afon Valley Foods\""),
        "{out}"
    );
}
