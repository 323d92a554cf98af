//! What a command reports as done is in the store file when the process has exited.

use casebook_e2e::{Sandbox, str_field};
use redb::{ReadableDatabase, ReadableTableMetadata, TableDefinition};

const SUMMARIES: TableDefinition<[u8; 16], &[u8]> = TableDefinition::new("summaries");

fn uuid_bytes(id: &str) -> [u8; 16] {
    let hex: String = id.chars().filter(|c| *c != '-').collect();
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("a UUID is hex");
    }
    out
}

#[test]
fn a_logged_interaction_is_in_the_summaries_table_after_exit() {
    let sb = Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"));
    let cb = sb.init("a", "Alice");
    let id = cb.add_client("Acme Ltd", &[]);
    let logged = cb.json(&[
        "log",
        "Acme",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--minutes",
        "30",
    ]);
    assert_eq!(str_field(&logged, "file_id"), id);

    let db = redb::ReadOnlyDatabase::open(cb.store_path()).expect("open the store read-only");
    let tx = db.begin_read().expect("read transaction");
    let table = tx.open_table(SUMMARIES).expect("the summaries table");
    // One account file, and the node's organisation document (its id is a version 8 UUID).
    assert_eq!(table.len().expect("len"), 2);
    let value = table
        .get(uuid_bytes(&id))
        .expect("read")
        .expect("the file's summary is stored under its id");
    let summary: serde_json::Value =
        serde_json::from_slice(value.value()).expect("the summary is JSON");
    assert_eq!(summary["file_id"], id.as_str());
    assert_eq!(summary["name"], "Acme Ltd");
    assert_eq!(summary["interactions"], 1);
    assert_eq!(summary["contact_minutes"], 30);
}
