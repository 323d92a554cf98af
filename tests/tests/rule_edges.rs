//! Rules on the edges a newcomer meets: who is unresponsive (JR-3), and thresholds that make no
//! sense refused with the range that does.

use casebook_e2e::{Casebook, Sandbox, str_field};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn log(cb: &Casebook, file: &str, kind: &str, direction: &str, days_ago: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::days(days_ago)).to_rfc3339();
    cb.json(&[
        "log",
        file,
        "--kind",
        kind,
        "--direction",
        direction,
        "--purpose",
        "progress-review",
        "--at",
        &at,
    ]);
}

/// The names in one of the portfolio's flag lists, with their detail.
fn flagged(portfolio: &Value, list: &str) -> Vec<(String, String)> {
    portfolio[list]
        .as_array()
        .unwrap_or_else(|| panic!("no list {list} in {portfolio}"))
        .iter()
        .map(|f| {
            (
                str_field(f, "name").to_string(),
                str_field(f, "detail").to_string(),
            )
        })
        .collect()
}

#[test]
fn only_unanswered_attempts_make_a_client_unresponsive() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let visited = cb.add_client("Visited Ltd", &[]);
    for day in [9, 6, 3] {
        log(&cb, &visited, "visit", "outbound", day);
    }
    let ignored = cb.add_client("Ignored Ltd", &[]);
    for day in [9, 6, 3] {
        log(&cb, &ignored, "call", "outbound", day);
    }
    let answered = cb.add_client("Answered Ltd", &[]);
    for day in [9, 6, 3] {
        log(&cb, &answered, "email", "outbound", day);
    }
    log(&cb, &answered, "email", "inbound", 1);
    let met = cb.add_client("Met Ltd", &[]);
    for day in [9, 6, 3] {
        log(&cb, &met, "call", "outbound", day);
    }
    log(&cb, &met, "meeting", "outbound", 2);
    cb.add_client("Never Tried Ltd", &[]);

    let unresponsive = flagged(&cb.json(&["portfolio"]), "unresponsive");
    assert_eq!(
        unresponsive,
        [(
            "Ignored Ltd".to_string(),
            "3 attempts unanswered".to_string()
        )]
    );
}

#[test]
fn thresholds_that_make_no_sense_are_refused_with_the_accepted_range() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let before = cb.json(&["config", "show"]);
    let run = cb.refuses(&["config", "thresholds", "--unresponsive-attempts", "0"]);
    assert!(run.stderr.contains("between 1 and 100, got 0"), "{run}");
    let run = cb.refuses(&["config", "thresholds", "--contact-due-days", "0"]);
    assert!(run.stderr.contains("between 1 and 3650, got 0"), "{run}");
    let run = cb.refuses(&["config", "stage-days", "diagnostic", "0"]);
    assert!(run.stderr.contains("between 1 and 3650"), "{run}");
    let run = cb.refuses(&["config", "rag", "--amber-at", "10", "--red-at", "10"]);
    assert!(run.stderr.contains("amber must start below red"), "{run}");
    let run = cb.refuses(&["config", "rag", "--amber-at", "6", "--red-at", "30"]);
    assert!(run.stderr.contains("between 2 and 25, got 30"), "{run}");
    assert_eq!(cb.json(&["config", "show"]), before, "nothing changed");
}

/// Log a call with `--with`/`--with-other` arguments; returns the run.
fn log_with(cb: &Casebook, file: &str, with: &[&str]) -> casebook_e2e::Run {
    let mut args = vec![
        "--json",
        "log",
        file,
        "--kind",
        "meeting",
        "--direction",
        "outbound",
        "--purpose",
        "introduction",
    ];
    args.extend_from_slice(with);
    cb.run(&args)
}

#[test]
fn logging_with_a_person_links_them_and_marks_them_contacted_and_leavers_are_not_counted() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &[]);
    let jane = casebook_e2e::entry(&cb.json(&["person", "add", &file, "--name", "Jane Smith"]));
    cb.json(&["person", "add", &file, "--name", "Bob Gone"]);
    cb.json(&["person", "edit", &file, "Bob Gone", "--left"]);

    // Before: nobody contacted; the leaver is not counted either way.
    let chart = cb.json(&["orgchart", &file]);
    assert_eq!(
        (chart["contacted"].clone(), chart["total"].clone()),
        (0.into(), 1.into())
    );

    // A name that matches nobody is refused, pointing at --with-other.
    let before = cb.snapshot();
    let run = log_with(&cb, &file, &["--with", "Nobody Known"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("no person 'Nobody Known'"), "{run}");
    assert!(run.stderr.contains("--with-other"), "{run}");
    assert_eq!(cb.snapshot(), before, "nothing stored");

    // The exact name, in any case, links the attendee and covers her, with history.
    let logged = log_with(
        &cb,
        &file,
        &["--with", "jane smith", "--with-other", "Their Accountant"],
    );
    assert!(logged.success(), "{logged}");
    let logged: Value = serde_json::from_str(&logged.stdout).expect("json");
    assert!(
        str_field(&logged, "message").contains("now contacted: Jane Smith"),
        "{logged}"
    );
    let account = cb.account(&file);
    let call = &account["interactions"][casebook_e2e::entry(&logged)];
    assert_eq!(call["people"], serde_json::json!([jane]));
    assert_eq!(
        call["their_attendees"],
        serde_json::json!(["Jane Smith", "Their Accountant"])
    );
    let person = &account["people"][&jane];
    assert_eq!(person["coverage"], "contacted");
    let history: Vec<&Value> = person["coverage_history"]
        .as_object()
        .expect("history map")
        .values()
        .collect();
    assert!(
        history
            .iter()
            .any(|h| h["state"] == "contacted" && h["by"] == "Alice"),
        "{person}"
    );
    let chart = cb.json(&["orgchart", &file]);
    assert_eq!(
        (chart["contacted"].clone(), chart["total"].clone()),
        (1.into(), 1.into())
    );
    let text = cb.text(&["orgchart", &file]);
    assert!(
        text.contains("Coverage: 1 of 1 contacted (100%); 1 who left not counted"),
        "{text}"
    );

    // By id prefix too; someone already contacted stays so and is not "now contacted" again.
    let again = log_with(&cb, &file, &["--with", &jane[..6]]);
    assert!(again.success(), "{again}");
    assert!(!again.stdout.contains("now contacted"), "{again}");
}
