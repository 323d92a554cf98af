//! `casebook import-csv`: all rows or none, bad rows named, duplicates refused or skipped.

use casebook_e2e::{Sandbox, names, s, str_field};
use serde_json::json;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn write(sb: &Sandbox, name: &str, text: &str) -> String {
    let path = sb.path(name);
    std::fs::write(&path, text).expect("cannot write the CSV");
    s(&path).to_string()
}

#[test]
fn clients_csv_imports_every_good_row() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let csv = write(
        &sb,
        "clients.csv",
        "name,postcode,company_number,segments,lead,intake_date,source\n\
         One Ltd,AA1 1AA,11111111,growth;export,Liz Lead,2026-01-02,Web\n\
         \"Two, Partners\",BB1 1BB,,,,02/03/2026,\n\
         Three Ltd,,,,,,\n",
    );
    let report = cb.json(&["import-csv", "clients", &csv]);
    assert_eq!(report["imported"], 3, "{report}");
    assert_eq!(report["skipped"], json!([]));
    assert_eq!(report["files"].as_array().map(Vec::len), Some(3));

    let list = cb.json(&["client", "list"]);
    assert_eq!(names(&list), ["One Ltd", "Three Ltd", "Two, Partners"]);
    let one = &list[0];
    assert_eq!(one["postcode"], "AA1 1AA");
    assert_eq!(one["company_number"], "11111111");
    assert_eq!(one["segments"], json!(["export", "growth"]));
    assert_eq!(one["lead"], "Liz Lead");
    assert_eq!(one["facts"]["intake"], "2026-01-02");
    assert_eq!(list[2]["facts"]["intake"], "2026-03-02", "DD/MM/YYYY");
    let file = str_field(one, "file_id");
    assert_eq!(cb.account(file)["profile"]["source"], "Web");
}

#[test]
fn clients_csv_with_a_bad_row_imports_nothing_and_names_the_row() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    cb.add_client("Already Here", &[]);
    let csv = write(
        &sb,
        "bad.csv",
        "name,intake_date\n\
         Good One,2026-01-01\n\
         Bad Date,2026-13-45\n\
         Good Two,\n",
    );
    let run = cb.refuses(&["import-csv", "clients", &csv]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("row 3"), "{run}");
    assert!(run.stderr.contains("2026-13-45"), "{run}");
    assert!(run.stderr.contains("nothing imported"), "{run}");
    assert!(
        !run.stderr.contains("row 2"),
        "only the bad row is named: {run}"
    );
    assert_eq!(
        names(&cb.json(&["client", "list", "--all"])),
        ["Already Here"]
    );
}

#[test]
fn clients_csv_duplicates_are_refused_or_skipped() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    cb.add_client(
        "Existing Engines",
        &["--company-number", "12345678", "--postcode", "EE1 1EE"],
    );
    let csv = write(
        &sb,
        "dups.csv",
        "name,company_number,postcode\n\
         Renamed Engines,12345678,ZZ9 9ZZ\n\
         Fresh Fish,,FF1 1FF\n\
         Existing Engines,,ee11ee\n",
    );

    let run = cb.refuses(&["import-csv", "clients", &csv]);
    assert!(run.stderr.contains("row 2"), "same company number: {run}");
    assert!(
        run.stderr.contains("row 4"),
        "same name and postcode: {run}"
    );
    assert!(run.stderr.contains("Existing Engines"), "{run}");
    assert_eq!(cb.clients().len(), 1);

    let report = cb.json(&["import-csv", "clients", &csv, "--skip-duplicates"]);
    assert_eq!(report["imported"], 1, "{report}");
    let skipped = report["skipped"].as_array().expect("skipped is a list");
    assert_eq!(skipped.len(), 2, "{report}");
    assert!(skipped[0].as_str().is_some_and(|s| s.starts_with("row 2")));
    assert!(skipped[1].as_str().is_some_and(|s| s.starts_with("row 4")));
    assert_eq!(
        names(&cb.json(&["client", "list"])),
        ["Existing Engines", "Fresh Fish"]
    );

    // Importing the same file again: every row is now a duplicate.
    let report = cb.json(&["import-csv", "clients", &csv, "--skip-duplicates"]);
    assert_eq!(report["imported"], 0, "{report}");
    assert_eq!(cb.clients().len(), 2);
}

#[test]
fn interactions_csv_imports_all_or_nothing() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let one = cb.add_client("One Ltd", &[]);
    cb.add_client("Two Ltd", &[]);

    let bad = write(
        &sb,
        "bad-interactions.csv",
        "client,at,kind,direction,purpose,minutes\n\
         One Ltd,2026-05-01,call,outbound,introduction,15\n\
         Two Ltd,2026-05-02,telepathy,inbound,issues,5\n",
    );
    let run = cb.refuses(&["import-csv", "interactions", &bad]);
    assert!(run.stderr.contains("row 3"), "{run}");
    assert!(run.stderr.contains("telepathy"), "{run}");
    assert!(
        run.stderr
            .contains("call, meeting, visit, email, im, event, hospitality, other"),
        "the accepted forms are listed: {run}"
    );
    assert!(cb.clients().iter().all(|c| c["interactions"] == 0));

    let good = write(
        &sb,
        "interactions.csv",
        "client,at,kind,direction,purpose,minutes,their_attendees\n\
         One Ltd,2026-05-01 10:30,call,outbound,introduction,15,Olga;Oscar\n\
         Two Ltd,2026-05-02,meeting,inbound,issues,45,\n\
         One Ltd,2026-05-03T08:00:00Z,email,inbound,progress-review,,\n",
    );
    let report = cb.json(&["import-csv", "interactions", &good]);
    assert_eq!(report["imported"], 3, "{report}");
    let row = cb.summary(&one);
    assert_eq!(row["interactions"], 2);
    assert_eq!(row["contact_minutes"], 15);
    let account = cb.account(&one);
    let call = account["interactions"]
        .as_object()
        .expect("interactions is a map")
        .values()
        .find(|i| i["kind"] == "call")
        .expect("the call was imported");
    assert_eq!(call["at"], "2026-05-01T10:30:00Z");
    assert_eq!(call["their_attendees"], json!(["Olga", "Oscar"]));

    // The same rows again are duplicates: refused, or skipped on request.
    let run = cb.refuses(&["import-csv", "interactions", &good]);
    assert!(run.stderr.contains("already has"), "{run}");
    let report = cb.json(&["import-csv", "interactions", &good, "--skip-duplicates"]);
    assert_eq!(report["imported"], 0, "{report}");
    assert_eq!(report["skipped"].as_array().map(Vec::len), Some(3));
}

#[test]
fn csv_without_the_required_columns_is_refused() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let csv = write(&sb, "no-name.csv", "company,postcode\nAcme,AA1 1AA\n");
    let run = cb.refuses(&["import-csv", "clients", &csv]);
    assert!(run.stderr.contains("missing column"), "{run}");
    assert!(run.stderr.contains("name"), "{run}");
}
