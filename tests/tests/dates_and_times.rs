//! Dates and times as advisers type them: local time without a zone, UK day-first dates, and
//! dates that cannot be true refused with the range that is accepted.

use casebook_e2e::{Sandbox, s, str_field};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The `at` of every interaction of a file, sorted.
fn interaction_times(account: &Value) -> Vec<String> {
    let mut at: Vec<String> = account["interactions"]
        .as_object()
        .expect("interactions is a map")
        .values()
        .map(|i| str_field(i, "at").to_string())
        .collect();
    at.sort();
    at
}

#[test]
fn times_typed_without_a_zone_are_local_time_stored_in_utc_and_shown_local() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice").in_zone("Europe/London");
    let file = cb.add_client("Summer Ltd", &["--intake-date", "2026-01-05"]);
    let log = |at: &str| {
        cb.json(&[
            "log",
            &file,
            "--kind",
            "call",
            "--direction",
            "inbound",
            "--purpose",
            "issues",
            "--at",
            at,
        ])
    };
    log("2026-07-01 14:30"); // British Summer Time: 13:30 UTC
    log("02/07/2026 09:15"); // UK day-first, also BST
    log("2026-01-15 14:30"); // GMT: 14:30 UTC
    log("2026-07-03T10:00:00Z"); // an explicit zone is taken as written
    assert_eq!(
        interaction_times(&cb.account(&file)),
        [
            "2026-01-15T14:30:00Z",
            "2026-07-01T13:30:00Z",
            "2026-07-02T08:15:00Z",
            "2026-07-03T10:00:00Z",
        ]
    );
    // People see the time they typed.
    let shown = cb.text(&["show", &file]);
    assert!(shown.contains("2026-07-01 14:30"), "{shown}");
    assert!(shown.contains("2026-07-02 09:15"), "{shown}");
    assert!(
        shown.contains("2026-07-03 11:00"),
        "10:00 UTC is 11:00 in London: {shown}"
    );
    // The same file read by a machine on UTC shows UTC.
    let utc = cb.in_zone("UTC").text(&["show", &file]);
    assert!(utc.contains("2026-07-01 13:30"), "{utc}");

    let help = cb.text(&["log", "--help"]);
    assert!(help.contains("local time"), "{help}");
}

#[test]
fn an_interaction_more_than_a_day_ahead_is_refused_with_the_range() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &[]);
    let run = cb.refuses(&[
        "log",
        &file,
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
        "--at",
        "2099-01-01 10:00",
    ]);
    assert!(run.stderr.contains("has not happened yet"), "{run}");
    assert!(run.stderr.contains("dated up to"), "{run}");
    assert!(
        run.stderr.contains("action"),
        "names the way to plan a contact: {run}"
    );
    // A few hours ahead (a clock or a zone apart) is accepted.
    let soon = (chrono::Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
    cb.json(&[
        "log",
        &file,
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
        "--at",
        &soon,
    ]);
}

#[test]
fn exits_before_intake_or_in_the_future_are_refused() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &["--intake-date", "2026-03-01"]);
    let run = cb.refuses(&[
        "client",
        "exit",
        &file,
        "--reason",
        "completed-journey",
        "--date",
        "2026-02-28",
    ]);
    assert!(run.stderr.contains("from the intake (2026-03-01)"), "{run}");
    let run = cb.refuses(&[
        "client",
        "exit",
        &file,
        "--reason",
        "completed-journey",
        "--date",
        "01/01/2099",
    ]);
    assert!(run.stderr.contains("cannot be true"), "{run}");
    assert!(run.stderr.contains("exit-plan"), "{run}");
    let run = cb.refuses(&[
        "client",
        "exit-plan",
        &file,
        "--criteria",
        "Trading",
        "--date",
        "2026-01-01",
    ]);
    assert!(run.stderr.contains("before the intake"), "{run}");
    cb.json(&[
        "client",
        "exit",
        &file,
        "--reason",
        "completed-journey",
        "--date",
        "2026-03-01",
    ]);
}

#[test]
fn a_future_intake_is_refused_and_a_back_dated_one_starts_the_stage_clock() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let run = cb.refuses(&[
        "client",
        "add",
        "--name",
        "Later Ltd",
        "--intake-date",
        "2099-01-01",
    ]);
    assert!(run.stderr.contains("in the future"), "{run}");

    let file = cb.add_client("Early Ltd", &["--intake-date", "2026-01-05"]);
    let journey = &cb.account(&file)["journey"];
    assert!(
        str_field(journey, "stage_entered").starts_with("2026-01-05"),
        "{journey}"
    );
    // The same through a spreadsheet.
    let csv = sb.path("clients.csv");
    std::fs::write(&csv, "name,intake_date\nSheet Ltd,05/01/2026\n").expect("write the CSV");
    let report = cb.json(&["import-csv", "clients", s(&csv)]);
    let sheet = report["files"][0].as_str().expect("a file id").to_string();
    let journey = &cb.account(&sheet)["journey"];
    assert!(
        str_field(journey, "stage_entered").starts_with("2026-01-05"),
        "{journey}"
    );
    // Both have overstayed the first stage by months.
    let portfolio = cb.json(&["portfolio"]);
    let stalled: Vec<&str> = portfolio["stalled"]
        .as_array()
        .expect("stalled list")
        .iter()
        .map(|f| str_field(f, "name"))
        .collect();
    assert!(stalled.contains(&"Early Ltd"), "{portfolio}");
    assert!(stalled.contains(&"Sheet Ltd"), "{portfolio}");
}

#[test]
fn a_stage_entered_before_intake_or_the_current_stage_is_refused() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &["--intake-date", "2026-03-01"]);
    let run = cb.refuses(&[
        "client",
        "stage",
        &file,
        "diagnostic",
        "--date",
        "2026-02-01",
    ]);
    assert!(run.stderr.contains("cannot be true"), "{run}");
    assert!(run.stderr.contains("2026-03-01"), "{run}");
    cb.json(&[
        "client",
        "stage",
        &file,
        "diagnostic",
        "--date",
        "2026-04-01",
    ]);
    let journey = &cb.account(&file)["journey"];
    assert!(
        str_field(journey, "stage_entered").starts_with("2026-04-01"),
        "{journey}"
    );
    let run = cb.refuses(&[
        "client",
        "stage",
        &file,
        "action-plan",
        "--date",
        "2026-03-15",
    ]);
    assert!(run.stderr.contains("current stage"), "{run}");
}
