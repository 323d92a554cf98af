//! `casebook import` of a JSON export: every field checked as the CLI checks what an adviser
//! types, and a client already here imported again only as a new file (`--as-new`).

use casebook_e2e::{Sandbox, names, s, str_field};
use serde_json::{Value, json};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// A client with a risk and an interaction, exported as JSON by node `a`; returns the export.
fn exported(sb: &Sandbox) -> Value {
    let a = sb.init("a", "Alice");
    let id = a.add_client("Harbour Hats", &["--postcode", "HH1 2AT"]);
    a.json(&[
        "risk",
        "add",
        &id,
        "Key supplier",
        "--likelihood",
        "3",
        "--severity",
        "4",
    ]);
    a.json(&[
        "log",
        &id,
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "introduction",
        "--at",
        "2026-05-01",
    ]);
    let out = sb.path("harbour.json");
    a.text(&["export", &id, "--format", "json", "--out", s(&out)]);
    serde_json::from_str(&std::fs::read_to_string(&out).expect("the export reads"))
        .expect("the export is JSON")
}

/// The one entry of a section (`risks`, `interactions`) of an exported file.
fn only_entry<'a>(file: &'a mut Value, section: &str) -> &'a mut Value {
    let map = file[section].as_object_mut().expect("a map of entries");
    assert_eq!(map.len(), 1, "{section}");
    map.values_mut().next().expect("one entry")
}

/// A change that spoils an exported file, and what the refusal must say.
type Case = (&'static str, Box<dyn Fn(&mut Value)>, Vec<&'static str>);

fn write(sb: &Sandbox, name: &str, file: &Value) -> String {
    let path = sb.path(name);
    std::fs::write(&path, serde_json::to_vec_pretty(file).expect("JSON")).expect("written");
    s(&path).to_string()
}

#[test]
fn a_json_export_with_a_wrong_field_is_refused_naming_the_field_and_accepted_values() {
    let sb = sandbox();
    let file = exported(&sb);
    let b = sb.init("b", "Bob");

    let cases: Vec<Case> = vec![
        (
            "stage",
            Box::new(|f| f["journey"]["stage"] = json!("space-flight")),
            vec!["journey.stage", "space-flight", "enquiry"],
        ),
        (
            "likelihood",
            Box::new(|f| only_entry(f, "risks")["likelihood"] = json!(9)),
            vec![".likelihood", "between 1 and 5", "9"],
        ),
        (
            "kind",
            Box::new(|f| only_entry(f, "interactions")["kind"] = json!("telepathy")),
            vec![".kind", "telepathy", "call, meeting, visit"],
        ),
        (
            "status",
            Box::new(|f| only_entry(f, "risks")["status"] = json!("forgotten")),
            vec![".status", "forgotten", "accepted:"],
        ),
        (
            "id",
            Box::new(|f| {
                let risks = f["risks"].as_object_mut().expect("risks");
                let risk = risks.values().next().cloned().expect("a risk");
                risks.clear();
                risks.insert("not-an-id".into(), risk);
            }),
            vec!["risks.not-an-id", "not an id"],
        ),
        (
            "date",
            Box::new(|f| only_entry(f, "interactions")["at"] = json!("2099-01-01T10:00:00Z")),
            vec![".at", "has not happened yet"],
        ),
        (
            "intake",
            Box::new(|f| f["profile"]["intake_date"] = json!("2099-01-01")),
            vec!["profile.intake_date", "in the future"],
        ),
    ];
    for (what, change, expected) in cases {
        let mut bad = file.clone();
        change(&mut bad);
        let path = write(&sb, &format!("bad-{what}.json"), &bad);
        let run = b.refuses(&["import", &path]);
        for e in expected {
            assert!(run.stderr.contains(e), "{what}: expected {e:?} in {run}");
        }
    }
    assert!(b.clients().is_empty());

    // The export as written imports.
    let good = write(&sb, "good.json", &file);
    b.json(&["import", &good]);
    assert_eq!(names(&b.json(&["client", "list"])), ["Harbour Hats"]);
}

#[test]
fn a_json_export_of_a_client_already_here_is_refused_unless_as_new() {
    let sb = sandbox();
    let file = exported(&sb);
    let b = sb.init("b", "Bob");
    let path = write(&sb, "harbour.json", &file);
    let first = b.json(&["import", &path]);
    let id = str_field(&first, "file_id").to_string();

    let run = b.refuses(&["import", &path]);
    assert!(run.stderr.contains("already in this store"), "{run}");
    assert!(run.stderr.contains("--as-new"), "{run}");
    assert!(run.stderr.contains("casebook merge"), "{run}");

    let copy = b.json(&["import", &path, "--as-new"]);
    assert_eq!(copy["created"], true, "{copy}");
    assert_ne!(copy["file_id"], id.as_str(), "a new file id");
    let clients = b.clients();
    assert_eq!(clients.len(), 2);
    let new_id = str_field(&copy, "file_id");
    assert_eq!(
        b.account(new_id)["risks"].as_object().map(|r| r.len()),
        Some(1)
    );
}
