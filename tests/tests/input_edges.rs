//! Input a careful tool refuses or reads right: duplicate clients, names that are also id
//! prefixes, points in history before a file existed.

use casebook_e2e::Sandbox;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn a_duplicate_client_is_refused_naming_the_match_unless_allowed() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let acme = cb.add_client(
        "Acme Ltd",
        &["--company-number", "01234567", "--postcode", "CF10 1AA"],
    );

    let run = cb.refuses(&[
        "client",
        "add",
        "--name",
        "Acme Trading",
        "--company-number",
        "0123 4567",
    ]);
    assert!(
        run.stderr.contains(&acme[..8]),
        "names the match by id: {run}"
    );
    assert!(run.stderr.contains("Acme Ltd"), "{run}");
    assert!(run.stderr.contains("same company number"), "{run}");
    assert!(run.stderr.contains("--allow-duplicate"), "{run}");

    let run = cb.refuses(&[
        "client",
        "add",
        "--name",
        "acme  LTD",
        "--postcode",
        "cf101aa",
    ]);
    assert!(run.stderr.contains("same name and postcode"), "{run}");

    // Another branch elsewhere is not a duplicate; a true namesake can be added on purpose.
    cb.add_client("Acme Ltd", &["--postcode", "SA1 1AA"]);
    cb.add_client("Acme Ltd", &["--postcode", "CF10 1AA", "--allow-duplicate"]);
    assert_eq!(cb.clients().len(), 3);
}

#[test]
fn an_exact_name_selects_its_client_even_when_it_is_a_prefix_of_another_or_of_an_id() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let acme = cb.add_client("Acme", &[]);
    cb.add_client("Acme Holdings", &[]);
    // "Cafe" and "Bead" read as hex: an id prefix must never win over a client's own name.
    let cafe = cb.add_client("Cafe", &[]);
    cb.add_client("Bead", &[]);
    let shown = cb.json(&["show", "acme"]);
    assert_eq!(shown["account_file"]["file_id"], acme.as_str(), "{shown}");
    let shown = cb.json(&["show", "Cafe"]);
    assert_eq!(shown["account_file"]["file_id"], cafe.as_str(), "{shown}");
    // Part of a name shared by two clients stays ambiguous.
    let run = cb.refuses(&["show", "Acm"]);
    assert!(run.stderr.contains("matches several clients"), "{run}");
}

#[test]
fn show_at_a_time_before_the_file_existed_says_so() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &[]);
    let run = cb.refuses(&["show", &file, "--at", "2020-01-01"]);
    assert!(
        run.stderr.contains("did not exist yet at 2020-01-01"),
        "{run}"
    );
    assert!(run.stderr.contains("first change was made at"), "{run}");
}

#[test]
fn texts_and_minutes_past_their_limits_are_refused_naming_the_limit() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let long_name = "N".repeat(201);
    let run = cb.refuses(&["client", "add", "--name", &long_name]);
    assert!(
        run.stderr
            .contains("the name is 201 characters long, and the most is 200"),
        "{run}"
    );
    let file = cb.add_client(&"N".repeat(200), &[]);
    let run = cb.refuses(&[
        "person",
        "add",
        &file,
        "--name",
        "Jane",
        "--title",
        &"T".repeat(300),
    ]);
    assert!(
        run.stderr.contains("the title is 300 characters long"),
        "{run}"
    );
    let log = |extra: &[&str]| {
        let mut args = vec![
            "log",
            file.as_str(),
            "--kind",
            "call",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
        ];
        args.extend_from_slice(extra);
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let summary = "s".repeat(10_001);
    let args = log(&["--summary", &summary]);
    let run = cb.refuses(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        run.stderr
            .contains("the summary is 10001 characters long, and the most is 10000"),
        "{run}"
    );
    let args = log(&["--minutes", "1441"]);
    let run = cb.refuses(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run.stderr.contains("between 0 and 1440, got 1441"), "{run}");
    let args = log(&["--minutes", "1440", "--summary", &"s".repeat(10_000)]);
    cb.json(&args.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn client_show_prints_every_stored_field() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &["--intake-date", "2026-01-05"]);
    cb.json(&[
        "client",
        "edit",
        &file,
        "--mission",
        "Feed the valley",
        "--strategy",
        "Export to Ireland",
        "--priorities",
        "Cash flow first",
        "--contact-communicated",
        "2026-02-01",
        "--remedial-plan",
        "Weekly check-ins",
    ]);
    cb.json(&[
        "person",
        "add",
        &file,
        "--name",
        "Jane Smith",
        "--department",
        "Finance",
        "--email",
        "jane@example.org",
        "--phone",
        "029 2000 0000",
        "--language",
        "cy",
    ]);
    cb.json(&[
        "log",
        &file,
        "--kind",
        "call",
        "--direction",
        "inbound",
        "--purpose",
        "issues",
        "--with",
        "Jane Smith",
        "--summary",
        "Cash worries",
        "--needs",
        "Invoice finance",
        "--at",
        "2026-03-01 10:00",
    ]);
    let shown = cb.text(&["client", "show", &file]);
    for expected in [
        "Mission: Feed the valley",
        "Strategy: Export to Ireland",
        "Priorities: Cash flow first",
        "Points of contact told to the client: 2026-02-01",
        "Remedial plan: Weekly check-ins",
        "department Finance",
        "jane@example.org",
        "029 2000 0000",
        "language cy",
        "Invoice finance",
    ] {
        assert!(
            shown.contains(expected),
            "missing {expected:?} in:\n{shown}"
        );
    }
}

#[test]
fn show_at_changes_ago_goes_back_and_not_past_the_first_change() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let file = cb.add_client("Acme Ltd", &[]);
    cb.json(&["client", "edit", &file, "--sector", "Retail"]);
    cb.json(&["client", "edit", &file, "--sector", "Food"]);
    let shown = cb.json(&["show", &file, "--at", "1 change ago"]);
    assert_eq!(shown["account_file"]["profile"]["sector"], "Retail");
    let shown = cb.json(&["show", &file, "--at", "2 changes ago"]);
    assert_eq!(shown["account_file"]["profile"]["name"], "Acme Ltd");
    assert_eq!(shown["account_file"]["profile"]["sector"], "");
    let run = cb.refuses(&["show", &file, "--at", "3 changes ago"]);
    assert!(run.stderr.contains("the file has 3 changes"), "{run}");
}
