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

fn write_bytes(sb: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let path = sb.path(name);
    std::fs::write(&path, bytes).expect("cannot write the CSV");
    s(&path).to_string()
}

/// Text as UTF-16 little-endian with its byte-order mark, as Excel's "Unicode text" writes it.
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn excel_csv_utf8_with_bom_semicolons_and_crlf_imports_with_uk_dates() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    // Excel's "CSV UTF-8" in a locale whose decimal separator is ',': a byte-order mark, ';'
    // between cells, CRLF, headers as people type them.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "Name;Company Number;Segments;Intake Date\r\n\
         Caf\u{e9} Cymru Ltd;01234567;growth, export;12/05/2026\r\n\
         \"Jones; Sons\";;retail;01/02/2026 00:00\r\n"
            .as_bytes(),
    );
    let csv = write_bytes(&sb, "excel.csv", &bytes);
    let report = cb.json(&["import-csv", "clients", &csv]);
    assert_eq!(report["imported"], 2, "{report}");
    assert_eq!(report["unknown_columns"], json!([]), "{report}");
    let list = cb.json(&["client", "list"]);
    assert_eq!(names(&list), ["Café Cymru Ltd", "Jones; Sons"]);
    assert_eq!(list[0]["company_number"], "01234567");
    assert_eq!(list[0]["segments"], json!(["export", "growth"]));
    assert_eq!(list[0]["facts"]["intake"], "2026-05-12", "DD/MM/YYYY");
    assert_eq!(
        list[1]["facts"]["intake"], "2026-02-01",
        "a date formatted as a date-time keeps its date"
    );
}

#[test]
fn windows_1252_csv_is_decoded() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    // Excel's plain "CSV" on Windows: é is 0xE9 and the apostrophe ’ is 0x92.
    let csv = write_bytes(
        &sb,
        "cp1252.csv",
        b"name,postcode\r\nCaf\xE9 O\x92Brien Ltd,CF10 1AA\r\n",
    );
    let report = cb.json(&["import-csv", "clients", &csv]);
    assert_eq!(report["imported"], 1, "{report}");
    assert_eq!(
        names(&cb.json(&["client", "list"])),
        ["Café O\u{2019}Brien Ltd"]
    );
}

#[test]
fn utf16_csv_with_bom_is_decoded_and_without_bom_refused_saying_save_as_csv_utf8() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let text = "name\tignored\r\nSeren Ltd\tx\r\n".replace('\t', ",");
    let le = write_bytes(&sb, "utf16le.csv", &utf16le_with_bom(&text));
    let mut be_bytes = vec![0xFE, 0xFF];
    for u in "name\r\nCwmni Ltd\r\n".encode_utf16() {
        be_bytes.extend_from_slice(&[(u >> 8) as u8, (u & 0xFF) as u8]);
    }
    let be = write_bytes(&sb, "utf16be.csv", &be_bytes);
    assert_eq!(cb.json(&["import-csv", "clients", &le])["imported"], 1);
    assert_eq!(cb.json(&["import-csv", "clients", &be])["imported"], 1);
    assert_eq!(
        names(&cb.json(&["client", "list"])),
        ["Cwmni Ltd", "Seren Ltd"]
    );

    let no_bom: Vec<u8> = "name\r\nLost Ltd\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let bad = write_bytes(&sb, "utf16-no-bom.csv", &no_bom);
    let run = cb.refuses(&["import-csv", "clients", &bad]);
    assert!(run.stderr.contains("CSV UTF-8"), "{run}");
}

#[test]
fn interactions_sheet_with_uk_date_times_and_lists_on_semicolons_or_commas() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice").in_zone("Europe/London");
    let one = cb.add_client("One Ltd", &[]);
    let csv = write_bytes(
        &sb,
        "calls.csv",
        b"\xEF\xBB\xBFclient;at;kind;direction;purpose;minutes;their_attendees;our_attendees\r\n\
          ONE  ltd;12/05/2026 14:30;call;outbound;introduction;15;Smith, Ann; Jones, Bob;\r\n\
          One Ltd;13/05/2026;meeting;inbound;issues;45;Olga, Oscar;Alice, Bethan\r\n",
    );
    // The attendee cells hold ';' in a ';' sheet, so they must be quoted: rewrite them so.
    let text = std::fs::read_to_string(&csv).expect("the CSV reads back");
    let text = text.replace(
        ";Smith, Ann; Jones, Bob;\r\n",
        ";\"Smith, Ann; Jones, Bob\";\r\n",
    );
    std::fs::write(&csv, text).expect("cannot write the CSV");
    let report = cb.json(&["import-csv", "interactions", &csv]);
    assert_eq!(report["imported"], 2, "{report}");
    let account = cb.account(&one);
    let all: Vec<&serde_json::Value> = account["interactions"]
        .as_object()
        .expect("interactions is a map")
        .values()
        .collect();
    let call = all.iter().find(|i| i["kind"] == "call").expect("the call");
    assert_eq!(
        call["at"], "2026-05-12T13:30:00Z",
        "12/05/2026 14:30 is London time (BST)"
    );
    assert_eq!(call["their_attendees"], json!(["Smith, Ann", "Jones, Bob"]));
    let meeting = all
        .iter()
        .find(|i| i["kind"] == "meeting")
        .expect("the meeting");
    assert_eq!(
        meeting["at"], "2026-05-13T08:00:00Z",
        "a date alone is 09:00 local"
    );
    assert_eq!(meeting["their_attendees"], json!(["Olga", "Oscar"]));
    assert_eq!(meeting["our_attendees"], json!(["Alice", "Bethan"]));
}

#[test]
fn unknown_columns_are_listed_on_stderr_or_refused_with_strict() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    let csv = write(
        &sb,
        "extra.csv",
        "name,postcode,Favourite Colour,notes\nOne Ltd,AA1 1AA,red,call back\n",
    );
    let run = cb.refuses(&["import-csv", "clients", &csv, "--strict"]);
    assert!(run.stderr.contains("favourite colour, notes"), "{run}");
    assert!(run.stderr.contains("row 1"), "{run}");

    let run = cb.run(&["--json", "import-csv", "clients", &csv]);
    assert!(run.success(), "{run}");
    assert!(run.stderr.contains("warning"), "{run}");
    assert!(run.stderr.contains("favourite colour, notes"), "{run}");
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("stdout is only the JSON report");
    assert_eq!(report["imported"], 1);
    assert_eq!(
        report["unknown_columns"],
        json!(["favourite colour", "notes"])
    );
}

#[test]
fn every_refusal_names_its_row_column_and_reason() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    cb.add_client("One Ltd", &[]);
    let csv = write(
        &sb,
        "bad.csv",
        "client,at,kind,direction,purpose,minutes\r\n\
         Nobody Ltd,2026-05-01,call,outbound,introduction,15\r\n\
         One Ltd,31/02/2026 10:00,call,outbound,introduction,15\r\n\
         One Ltd,2026-05-02,call,sideways,introduction,15\r\n\
         One Ltd,2026-05-03,call,outbound,introduction,a while\r\n\
         One Ltd,2026-05-04,call,outbound\r\n",
    );
    let run = cb.refuses(&["import-csv", "interactions", &csv]);
    for expected in [
        "row 2, column client: no client named 'Nobody Ltd'",
        "row 3, column at: '31/02/2026 10:00' is not a date-time",
        "row 4, column direction:",
        "sideways",
        "row 5, column minutes: 'a while'",
        "row 6: has 4 cell(s) where the header row names 6",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {run}");
    }
}

#[test]
fn import_csv_help_documents_encodings_delimiters_dates_and_lists() {
    let sb = sandbox();
    let cb = sb.node("a");
    let help = cb.text(&["import-csv", "--help"]);
    for expected in [
        "Windows-1252",
        "UTF-16",
        "CSV UTF-8",
        "`,` or `;`",
        "DD/MM/YYYY HH:MM",
        "Smith, Ann; Jones, Bob",
        "--strict",
    ] {
        assert!(help.contains(expected), "{expected}: {help}");
    }
}
