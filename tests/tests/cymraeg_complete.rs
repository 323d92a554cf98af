//! A whole day in Welsh falls back to English nowhere: the README's walkthrough and the
//! mistakes a newcomer makes, run with `CASEBOOK_LANG=cy`, print no word that only the English
//! catalogue uses (names and data typed in the walkthrough aside).

use std::collections::BTreeSet;
use std::path::Path;

use casebook_e2e::{Sandbox, readme_block, run_shell};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The lower-case words of four letters or more in `text`.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// The words of every message of a language's catalogue (not its comments or keys).
fn catalogue_words(lang: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/i18n/locales")
        .join(lang);
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("catalogue directory") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("catalogue");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = match line.split_once(" = ") {
                Some((key, value)) if !key.starts_with(' ') => value,
                _ => line,
            };
            // Placeables name variables, not words people read.
            let plain: String = value
                .split('{')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part
                    } else {
                        part.split_once('}').map_or("", |p| p.1)
                    }
                })
                .collect();
            out.extend(words(&plain));
        }
    }
    out
}

/// The words typed as data in `script`: everything inside double quotes, file names, and the values
/// the organisation defines (stage names) or the adviser chooses (the client's short name).
fn data_words(script: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = script
        .split('"')
        .skip(1)
        .step_by(2)
        .flat_map(words)
        .collect();
    // File names given to --out are the adviser's too.
    for line in script.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        for pair in tokens.windows(2) {
            if pair[0] == "--out" {
                out.extend(words(pair[1]));
            }
        }
    }
    for w in [
        "afon",
        "diagnostic",
        "enquiry",
        "growth",
        "casebook",
        "export",
        "finance",
    ] {
        out.insert(w.into());
    }
    out
}

/// Mistakes a newcomer makes, each expected to fail with a message.
const MISTAKES: &[&[&str]] = &[
    &["client", "show", "Nobody Ltd"],
    &[
        "log",
        "Afon",
        "--kind",
        "telegram",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
    ],
    &["client", "add", "--name", "Afon Valley Foods Ltd"],
    &[
        "client",
        "add",
        "--name",
        "Late Ltd",
        "--intake",
        "2099-01-01",
    ],
    &[
        "risk",
        "add",
        "Afon",
        "Flood",
        "--likelihood",
        "9",
        "--severity",
        "2",
    ],
    &[
        "risk",
        "assess",
        "Afon",
        "No such risk",
        "--likelihood",
        "2",
    ],
    &["peer", "add", "not-a-ticket", "--name", "Bethan"],
    &["show", "Afon", "--at", "40 changes ago"],
    &["client", "list", "--colour"],
];

/// The words only the English catalogue uses, less the words of `data`.
fn english_only(data: &BTreeSet<String>) -> BTreeSet<String> {
    let welsh = catalogue_words("cy");
    let out: BTreeSet<String> = catalogue_words("en")
        .difference(&welsh)
        .filter(|w| !data.contains(*w))
        .cloned()
        .collect();
    assert!(
        out.len() > 300,
        "the English catalogue has words of its own: {}",
        out.len()
    );
    out
}

/// The lines of `text` with a word of `english_only`, each followed by the words.
fn fallbacks(text: &str, english_only: &BTreeSet<String>) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let found: Vec<String> = words(line).intersection(english_only).cloned().collect();
            (!found.is_empty()).then(|| format!("{line}    <- {}", found.join(", ")))
        })
        .collect()
}

#[test]
fn a_day_in_welsh_prints_no_english_only_word() {
    let sb = sandbox();
    let walkthrough = readme_block("## An adviser's day");
    let mut script = walkthrough.clone();
    for mistake in MISTAKES {
        let quoted: Vec<String> = mistake.iter().map(|w| format!("'{w}'")).collect();
        script.push_str(&format!(
            "if casebook {}; then echo UNEXPECTED SUCCESS; fi\n",
            quoted.join(" ")
        ));
    }
    let out = run_shell(
        &sb,
        &script,
        &[("TZ", "Europe/London"), ("CASEBOOK_LANG", "cy")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stdout.contains("UNEXPECTED SUCCESS"),
        "the Welsh day failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(
        stderr.lines().filter(|l| l.starts_with("gwall: ")).count() >= MISTAKES.len(),
        "every mistake is explained on stderr in Welsh:\n{stderr}"
    );

    let mut data = data_words(&walkthrough);
    for mistake in MISTAKES {
        data.extend(mistake.iter().flat_map(|w| words(w)));
    }
    let english_only = english_only(&data);
    let mut fell_back = fallbacks(&stdout, &english_only);
    fell_back.extend(fallbacks(&stderr, &english_only));
    assert!(
        fell_back.is_empty(),
        "{} lines of the Welsh day fell back to English:\n{}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        fell_back.len(),
        fell_back.join("\n")
    );
}

#[test]
fn the_demo_in_welsh_prints_no_english_only_word() {
    let sb = sandbox();
    let out = run_shell(
        &sb,
        "casebook --data-dir demo demo\n",
        &[("LANG", "cy_GB.UTF-8"), ("COLUMNS", "120")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the demo failed\n{stdout}\n{stderr}");
    assert!(stdout.contains("Y ffeil cyfrif wedi'i chyfuno"), "{stdout}");
    // The demo's sample data (names, notes, titles) is written in its scenario's sources; a
    // risk raised from the preventative risk register takes the register's words, data too.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut data = BTreeSet::new();
    for source in [
        "crates/casebook/src/demo.rs",
        "crates/casebook/src/demo/key_accounts.rs",
        "crates/sync/src/mission.rs",
        "crates/doc/src/prr.rs",
    ] {
        let text = std::fs::read_to_string(root.join(source)).expect("demo source");
        data.extend(text.split('"').skip(1).step_by(2).flat_map(words));
    }
    let english_only = english_only(&data);
    let mut fell_back = fallbacks(&stdout, &english_only);
    fell_back.extend(fallbacks(&stderr, &english_only));
    assert!(
        fell_back.is_empty(),
        "{} lines of the Welsh demo fell back to English:\n{}\n--- stdout\n{stdout}",
        fell_back.len(),
        fell_back.join("\n")
    );
}
