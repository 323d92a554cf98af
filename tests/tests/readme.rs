//! The README's walkthrough ("An adviser's day"), run letter by letter in a fresh home
//! directory with `casebook` on the PATH, as a newcomer would paste it into a shell.

use std::path::{Path, PathBuf};

use casebook_e2e::{Sandbox, TIMEOUT, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The first `sh` block after the heading `heading` in README.md.
fn readme_block(heading: &str) -> String {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let text = std::fs::read_to_string(&readme).expect("README.md is readable");
    let after = text
        .split_once(heading)
        .unwrap_or_else(|| panic!("README.md has no heading {heading:?}"))
        .1;
    let block = after
        .split_once("```sh\n")
        .expect("a sh block follows the heading")
        .1;
    block
        .split_once("```")
        .expect("the sh block ends")
        .0
        .to_string()
}

#[test]
fn the_readme_walkthrough_runs_letter_by_letter() {
    let sb = sandbox();
    let home = sb.path("home");
    let bin_dir = sb.path("bin");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&bin_dir).expect("bin dir");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_casebook-under-test"));
    std::os::unix::fs::symlink(&bin, bin_dir.join("casebook")).expect("casebook on the PATH");
    let script = sb.path("walkthrough.sh");
    std::fs::write(&script, readme_block("## An adviser's day")).expect("script");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = assert_cmd::Command::new("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg(&script)
        .current_dir(&home)
        .env("HOME", &home)
        .env("PATH", path)
        .env("TZ", "Europe/London")
        .env("NO_COLOR", "1")
        .env_remove("CASEBOOK_DIR")
        .timeout(TIMEOUT)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the walkthrough failed ({:?})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );

    // What the walkthrough did is in the store it made.
    let node = sb.node("home/casebook");
    let clients = node.clients();
    assert_eq!(clients.len(), 1, "{clients:?}");
    let afon = &clients[0];
    assert_eq!(str_field(afon, "name"), "Afon Valley Foods Ltd");
    assert_eq!(afon["facts"]["stage"], "diagnostic");
    assert_eq!(afon["has_exit_plan"], true);
    assert_eq!(afon["rag"], "amber", "4x4 reassessed to 2x4: {afon}");
    let account = node.account(str_field(afon, "file_id"));
    let rhys = account["people"]
        .as_object()
        .expect("people")
        .values()
        .find(|p| p["name"] == "Rhys Jones")
        .expect("Rhys Jones");
    assert_eq!(
        rhys["coverage"], "contacted",
        "the call --with him covers him"
    );
    // Its output reads as the comments say.
    assert!(stdout.contains("Afon Valley Foods Ltd"), "{stdout}");
    assert!(stdout.contains("Coverage:"), "{stdout}");
}
