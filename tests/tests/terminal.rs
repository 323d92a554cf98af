//! Terminals: tables fit the width (80 columns when the output is no terminal, or `COLUMNS`),
//! wrapping long text, and `NO_COLOR` means no ANSI escape anywhere. Real binary.

use casebook_e2e::{Casebook, Run, Sandbox};

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

fn run_with(node: &Casebook, args: &[&str], env: &[(&str, &str)], unset: &[&str]) -> Run {
    let mut cmd = node.command();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    for k in unset {
        cmd.env_remove(k);
    }
    let out = cmd.output().expect("the binary runs");
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The widest line of the tables in `text` (lines drawn with `+` and `|`).
fn widest(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with('+') || l.starts_with('|'))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

fn node_with_long_text(sb: &Sandbox) -> Casebook {
    let alice = sb.init("alice", "Alice Morgan");
    alice.add_client(
        "Afon Valley Foods and Beverages Manufacturing and Distribution Cooperative Ltd",
        &[
            "--sector",
            "food manufacturing, wholesale distribution and export",
        ],
    );
    alice.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure across the whole of the regional dairy supply chain in winter",
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    alice.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Rhys Jones",
        "--title",
        "Managing Director",
        "--role",
        "decision-maker",
    ]);
    alice
}

#[test]
fn tables_fit_80_columns_when_the_output_is_no_terminal_or_the_columns_given() {
    let sb = Sandbox::new(BIN);
    let alice = node_with_long_text(&sb);
    for args in [&["client", "list"][..], &["risk", "list", "Afon"][..]] {
        let run = run_with(&alice, args, &[], &["COLUMNS"]);
        assert!(run.success(), "{run}");
        assert!(widest(&run.stdout) <= 80, "fits 80 columns: {run}");
        assert!(
            run.stdout.contains("Afon") && run.stdout.contains("Valley"),
            "long text wraps, it is not lost: {run}"
        );
        let narrow = run_with(&alice, args, &[("COLUMNS", "60")], &[]);
        assert!(widest(&narrow.stdout) <= 60, "fits COLUMNS=60: {narrow}");
    }
}

#[test]
fn no_color_means_no_ansi_escapes_anywhere() {
    let sb = Sandbox::new(BIN);
    let alice = node_with_long_text(&sb);
    // Colour is forced (as on a terminal), so the test shows NO_COLOR is what turns it off.
    let coloured = run_with(
        &alice,
        &["orgchart", "Afon"],
        &[("CLICOLOR_FORCE", "1")],
        &["NO_COLOR"],
    );
    assert!(
        coloured.stdout.contains('\u{1b}'),
        "colour when allowed: {coloured}"
    );
    for args in [
        &["orgchart", "Afon"][..],
        &["client", "list"][..],
        &["risk", "list", "Afon"][..],
        &["portfolio"][..],
        &["show", "Afon"][..],
    ] {
        let run = run_with(
            &alice,
            args,
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
            &[],
        );
        assert!(run.success(), "{run}");
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
            "no escape with NO_COLOR: {run}"
        );
    }
}
