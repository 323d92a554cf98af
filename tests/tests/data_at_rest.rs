//! Personal data at rest: `casebook init` makes the data directory and the store owner-only,
//! opening a store others can read warns with the command that fixes it, and `serve` listens
//! on loopback unless told otherwise. Real binary.

use casebook_e2e::Sandbox;

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

#[cfg(unix)]
#[test]
fn init_makes_the_store_owner_only_and_an_exposed_store_warns_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(alice.dir()), 0o700, "the data directory");
    assert_eq!(mode(&alice.store_path()), 0o600, "the store file");
    let quiet = alice.run(&["client", "list"]);
    assert!(
        quiet.success() && !quiet.stderr.contains("warning"),
        "{quiet}"
    );

    std::fs::set_permissions(alice.store_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = alice.run(&["--json", "client", "list"]);
    assert!(run.success(), "a readable store still opens: {run}");
    let fix = format!("chmod 600 '{}'", alice.store_path().display());
    assert!(
        run.stderr.contains("warning") && run.stderr.contains(&fix),
        "warns on stderr with the command to run: {run}"
    );
    serde_json::from_str::<serde_json::Value>(&run.stdout).expect("stdout is still only JSON");
}

#[test]
fn serve_listens_on_loopback_unless_told_otherwise() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice Morgan");
    // The default port may be taken by something else on this machine: either way the
    // address serve tried is the one it says.
    let run = alice.run(&["serve", "--for", "1"]);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("127.0.0.1:7447"), "{run}");
    assert!(
        !said.contains("0.0.0.0"),
        "never every interface silently: {run}"
    );
    let help = alice.text(&["serve", "--help"]);
    assert!(help.contains("127.0.0.1:7447"), "{help}");
}
