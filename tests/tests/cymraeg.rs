//! Casebook in Welsh: help from the Welsh catalogue, the language chosen by flag, variable or
//! locale, Welsh alphabetical order, JSON the same in both languages, and the glossary's terms
//! used wherever the English uses the English term.

use std::collections::BTreeMap;
use std::path::Path;

use casebook_e2e::{Casebook, Sandbox};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Run with extra environment variables (and no CASEBOOK_LANG unless given).
fn run_env(cb: &Casebook, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = cb.command();
    cmd.env_remove("CASEBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("run casebook");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The names under the "Gorchmynion" (or "Commands") heading of a help text.
fn commands(help: &str, heading: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn help_is_welsh_throughout_for_every_command() {
    let sb = sandbox();
    let cb = sb.node("none");
    let cy = cb.text(&["--lang", "cy", "--help"]);
    assert!(cy.contains("Defnydd:"), "{cy}");
    assert!(cy.contains("Gorchmynion"), "{cy}");
    assert!(!cy.contains("Usage:") && !cy.contains("Options"), "{cy}");
    let en = cb.text(&["--help"]);
    let mut paths: Vec<Vec<String>> = commands(&en, "Commands")
        .into_iter()
        .map(|c| vec![c])
        .collect();
    assert_eq!(
        commands(&cy, "Gorchmynion"),
        commands(&en, "Commands"),
        "the same commands"
    );
    let mut checked = 0;
    while let Some(path) = paths.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let en_help = cb.text(&args);
        let mut cy_args = vec!["--lang", "cy"];
        cy_args.extend_from_slice(&args);
        let cy_help = cb.text(&cy_args);
        let first = |text: &str| text.lines().next().unwrap_or_default().to_string();
        assert_ne!(
            first(&cy_help),
            first(&en_help),
            "`{}` is not Welsh",
            path.join(" ")
        );
        assert!(cy_help.contains("Defnydd:"), "{cy_help}");
        // Every option's help is Welsh too: no line of the English help reappears.
        for line in en_help.lines().filter(|l| l.len() > 40) {
            assert!(
                !cy_help.contains(line.trim()),
                "`{}` keeps English: {line}",
                path.join(" ")
            );
        }
        for sub in commands(&en_help, "Commands") {
            let mut next = path.clone();
            next.push(sub);
            paths.push(next);
        }
        checked += 1;
    }
    assert!(checked > 40, "checked {checked} commands");
}

#[test]
fn the_language_comes_from_the_flag_then_casebook_lang_then_the_locale() {
    let sb = sandbox();
    let cb = sb.node("none");
    let welsh = run_env(&cb, &["--help"], &[("LANG", "cy_GB.UTF-8")]);
    assert!(welsh.contains("Defnydd:"), "{welsh}");
    let english = run_env(
        &cb,
        &["--help"],
        &[("LANG", "cy_GB.UTF-8"), ("CASEBOOK_LANG", "en")],
    );
    assert!(english.contains("Usage:"), "{english}");
    let flag = run_env(&cb, &["--lang", "en", "--help"], &[("CASEBOOK_LANG", "cy")]);
    assert!(flag.contains("Usage:"), "{flag}");
}

#[test]
fn names_sort_in_welsh_order_in_welsh_and_json_is_the_same_in_both() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    for name in ["Chwilog Cyf", "Clwyd Cyf", "Llan Cyf", "Licio Cyf"] {
        cb.add_client(name, &[]);
    }
    let order = |text: &str| -> Vec<&str> {
        ["Chwilog", "Clwyd", "Licio", "Llan"]
            .into_iter()
            .filter(|n| text.contains(n))
            .map(|n| (text.find(n).unwrap_or(0), n))
            .collect::<BTreeMap<_, _>>()
            .into_values()
            .collect()
    };
    let cy = cb.text(&["--lang", "cy", "client", "list"]);
    assert_eq!(order(&cy), ["Clwyd", "Chwilog", "Licio", "Llan"], "{cy}");
    let en = cb.text(&["client", "list"]);
    assert_eq!(order(&en), ["Chwilog", "Clwyd", "Licio", "Llan"], "{en}");
    assert_eq!(
        cb.json(&["--lang", "cy", "client", "list"]),
        cb.json(&["client", "list"]),
        "JSON does not change with the language"
    );
}

#[test]
fn the_org_chart_counts_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let file = cb.add_client("Afon Cyf", &[]);
    cb.json(&["person", "add", &file, "--name", "Rhys Jones"]);
    cb.json(&["person", "add", &file, "--name", "Wedi Mynd"]);
    cb.json(&["person", "edit", &file, "Wedi Mynd", "--left"]);
    let chart = cb.text(&["--lang", "cy", "orgchart", &file]);
    assert!(
        chart.contains("Cwmpas: 0 o 1 wedi cael cyswllt (0%); 1 sydd wedi gadael heb ei gyfrif"),
        "{chart}"
    );
}

/// The rows of docs/glossary.md: English term → Welsh term.
fn glossary() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/glossary.md")).expect("glossary");
    text.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells.len() >= 4 && !cells[1].is_empty() && !cells[1].starts_with('-'))
        .filter(|cells| cells[1] != "English")
        .map(|cells| (cells[1].to_lowercase(), cells[2].to_lowercase()))
        .collect()
}

/// The messages of a catalogue directory, by key (continuation lines joined).
fn catalogue(lang: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let dir = root().join("crates/i18n/locales").join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("catalogue dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("catalogue");
        let mut key = String::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && let Some((k, v)) = line.split_once(" =")
            {
                key = k.trim().to_string();
                out.insert(key.clone(), v.to_lowercase());
            } else if !key.is_empty() {
                out.entry(key.clone())
                    .or_default()
                    .push_str(&format!(" {}", line.trim().to_lowercase()));
            }
        }
    }
    out
}

/// A message's own words: without placeables (`{ $adviser }`), text in backticks (commands
/// and values people type) or paths.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let (mut in_brace, mut in_tick) = (0usize, false);
    for c in text.chars() {
        match c {
            '{' => in_brace += 1,
            '}' => in_brace = in_brace.saturating_sub(1),
            '`' => in_tick = !in_tick,
            _ if in_brace == 0 && !in_tick => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|w| !w.contains('/'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms a Welsh word takes after the initial mutations (soft, nasal, aspirate).
fn mutations(word: &str) -> Vec<String> {
    let rules: &[(&str, &[&str])] = &[
        ("c", &["g", "ngh", "ch"]),
        ("p", &["b", "mh", "ph"]),
        ("t", &["d", "nh", "th"]),
        ("g", &["", "ng"]),
        ("b", &["f", "m"]),
        ("d", &["dd", "n"]),
        ("ll", &["l"]),
        ("m", &["f"]),
        ("rh", &["r"]),
    ];
    let mut forms = vec![word.to_string()];
    for (radical, mutated) in rules {
        if let Some(rest) = word.strip_prefix(radical) {
            forms.extend(mutated.iter().map(|m| format!("{m}{rest}")));
            break;
        }
    }
    forms
}

#[test]
fn the_welsh_catalogue_uses_the_glossary_wherever_the_english_uses_its_term() {
    let terms = glossary();
    assert!(terms.len() >= 30, "the glossary has {} terms", terms.len());
    let en = catalogue("en");
    let cy = catalogue("cy");
    let mut misses = Vec::new();
    for (english, welsh) in &terms {
        // The term's first word carries the meaning the test can check; the Welsh term's first
        // word, in any mutation, must appear.
        let welsh_word = welsh.split_whitespace().next().unwrap_or_default();
        let forms = mutations(welsh_word);
        for (key, text) in &en {
            let text = prose(text);
            let has_term = text
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .collect::<Vec<_>>()
                .windows(english.split_whitespace().count())
                .any(|w| w.join(" ") == *english);
            if has_term {
                let welsh_text = cy.get(key).cloned().unwrap_or_default();
                if !forms.iter().any(|f| welsh_text.contains(f.as_str())) {
                    misses.push(format!(
                        "{key}: '{english}' → '{welsh}' not in: {welsh_text}"
                    ));
                }
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn the_portfolio_dashboard_speaks_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Clwyd Cyf", &[]);
    let cy = cb.text(&["--lang", "cy", "portfolio"]);
    for welsh in [
        "Iechyd y portffolio — pob cynghorydd",
        "Llwyth achosion: 1 yn weithredol, 0 wedi ymadael",
        "✘ Cysylltiadau sy'n hwyr: 1",
        "✔ Teithiau sydd wedi aros yn eu hunfan: dim",
        "Llwyth achosion fesul cam",
        "Trosiant",
        "dim cyswllt erioed",
        "dim cynllun ymadael wedi'i gytuno",
    ] {
        assert!(cy.contains(welsh), "missing {welsh:?} in:\n{cy}");
    }
    for english in [
        "Portfolio health",
        "Caseload",
        "Overdue contacts",
        "Churn",
        "never contacted",
        "no exit plan",
    ] {
        assert!(!cy.contains(english), "English {english:?} in:\n{cy}");
    }
    assert_eq!(
        cb.json(&["--lang", "cy", "portfolio"])["overdue_contacts"],
        cb.json(&["portfolio"])["overdue_contacts"]
    );
}

#[test]
fn welsh_speakers_served_in_english_are_reported_and_interactions_default_to_their_language() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let afon = cb.add_client("Afon Cyf", &["--language", "Cymraeg"]);
    let taf = cb.add_client("Taf Ltd", &[]);
    cb.json(&[
        "person",
        "add",
        &afon,
        "--name",
        "Siân Owen",
        "--language",
        "cy",
    ]);
    cb.json(&[
        "person",
        "add",
        &taf,
        "--name",
        "Bob Smith",
        "--language",
        "en",
    ]);
    let log = |file: &str, extra: &[&str]| {
        let mut args = vec![
            "log",
            file,
            "--kind",
            "meeting",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
        ];
        args.extend_from_slice(extra);
        casebook_e2e::entry(&cb.json(&args))
    };
    // Held in the language of the person met, else the client's.
    let with_sian = log(&afon, &["--with", "Siân Owen"]);
    let nobody = log(&afon, &[]);
    let with_bob = log(&taf, &["--with", "Bob Smith"]);
    let account = cb.account(&afon);
    assert_eq!(account["profile"]["language"], "cy");
    assert_eq!(account["interactions"][&with_sian]["language"], "cy");
    assert_eq!(account["interactions"][&nobody]["language"], "cy");
    assert_eq!(
        cb.account(&taf)["interactions"][&with_bob]["language"],
        "en"
    );
    let portfolio = cb.json(&["portfolio"]);
    assert_eq!(portfolio["welsh_served_in_english"], serde_json::json!([]));

    // Siân served in English: reported, in both languages' words.
    log(&afon, &["--with", "Siân Owen", "--language", "en"]);
    let portfolio = cb.json(&["portfolio"]);
    let flagged = &portfolio["welsh_served_in_english"];
    assert_eq!(flagged.as_array().map(Vec::len), Some(1), "{portfolio}");
    assert_eq!(flagged[0]["name"], "Afon Cyf");
    assert_eq!(flagged[0]["why"]["kind"], "welsh-served-in-english");
    assert_eq!(flagged[0]["why"]["count"], 1);
    let cy = cb.text(&["--lang", "cy", "portfolio"]);
    assert!(
        cy.contains("Siaradwyr Cymraeg a gafodd wasanaeth yn Saesneg: 1"),
        "{cy}"
    );
    assert!(
        cy.contains("1 rhyngweithiad yn Saesneg â rhywun sy'n dewis y Gymraeg"),
        "{cy}"
    );
    let en = cb.text(&["portfolio"]);
    assert!(en.contains("Welsh speakers served in English: 1"), "{en}");

    // A language casebook does not record is refused, naming the accepted ones.
    let run = cb.refuses(&[
        "log",
        &afon,
        "--kind",
        "call",
        "--direction",
        "inbound",
        "--purpose",
        "issues",
        "--language",
        "fr",
    ]);
    assert!(
        run.stderr.contains("cy (Cymraeg, Welsh), en (English)"),
        "{run}"
    );
    let shown = cb.text(&["show", &afon]);
    assert!(
        shown.contains("Language of service: Cymraeg (cy)"),
        "{shown}"
    );
}

#[test]
fn the_client_list_speaks_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let file = cb.add_client("Afon Cyf", &[]);
    cb.json(&[
        "risk",
        "add",
        &file,
        "Cyflenwr",
        "--likelihood",
        "5",
        "--severity",
        "5",
    ]);
    let cy = cb.text(&["--lang", "cy", "client", "list"]);
    for welsh in [
        "cleient",
        "cyswllt diwethaf",
        "cynllun ymadael",
        "baneri",
        "● coch",
        "DIM",
    ] {
        assert!(cy.contains(welsh), "missing {welsh:?} in:\n{cy}");
    }
    for english in ["last contact", "exit plan", "flags", "red", "NO"] {
        assert!(!cy.contains(english), "English {english:?} in:\n{cy}");
    }
    let en = cb.text(&["client", "list"]);
    assert!(en.contains("● red") && en.contains("last contact"), "{en}");
}

#[test]
fn the_points_of_contact_letter_is_written_in_the_client_s_language_unless_told() {
    let sb = sandbox();
    let cb = sb.init("alice", "Alice Morgan");
    cb.text(&["client", "add", "--name", "Caffi Clwyd", "--language", "cy"]);
    cb.text(&["client", "edit", "Caffi Clwyd", "--deputy", "Bethan Evans"]);
    cb.text(&[
        "person",
        "add",
        "Caffi Clwyd",
        "--name",
        "Rhys Jones",
        "--language",
        "en",
    ]);

    // The adviser works in English; the client prefers Welsh: the letter is Welsh.
    let letter = cb.text(&["client", "letter", "Caffi Clwyd"]);
    assert!(letter.starts_with("Eich pwyntiau cyswllt — "), "{letter}");
    assert!(letter.contains("Annwyl Caffi Clwyd,"), "{letter}");
    assert!(
        letter.contains("Cynghorydd arweiniol: Alice Morgan"),
        "{letter}"
    );
    assert!(
        letter.contains("Dirprwy gynghorydd, pan fydd Alice Morgan i ffwrdd: Bethan Evans"),
        "{letter}"
    );
    assert!(
        !letter.contains("Dear") && !letter.contains("Lead adviser"),
        "{letter}"
    );

    // Addressed to someone who prefers English: English, with the month in English.
    let to_rhys = cb.text(&["client", "letter", "Caffi Clwyd", "--to", "Rhys Jones"]);
    assert!(to_rhys.contains("Dear Rhys Jones,"), "{to_rhys}");
    assert!(to_rhys.contains("Lead adviser: Alice Morgan"), "{to_rhys}");
    assert!(
        to_rhys.contains("We welcome correspondence in Welsh and in English"),
        "{to_rhys}"
    );

    // Told otherwise, in a Welsh run, written to a file.
    let out = sb.path("letter.txt");
    let said = cb.text(&[
        "--lang",
        "cy",
        "client",
        "letter",
        "Caffi Clwyd",
        "--to",
        "Rhys Jones",
        "--language",
        "Cymraeg",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(
        said.starts_with("Ysgrifennwyd y llythyr yn Gymraeg i "),
        "{said}"
    );
    let written = std::fs::read_to_string(&out).expect("the letter file");
    assert!(written.contains("Annwyl Rhys Jones,"), "{written}");

    let json = cb.json(&["client", "letter", "Caffi Clwyd"]);
    assert_eq!(json["kind"], "points-of-contact");
    assert_eq!(json["language"], "cy");

    // A letter that names nobody is refused, in the run's language.
    cb.text(&["client", "add", "--name", "Bryn Bakery", "--lead", " "]);
    let refused = cb.fails(&["--lang", "cy", "client", "letter", "Bryn Bakery"]);
    assert!(refused.stderr.starts_with("gwall: "), "{}", refused.stderr);
    assert!(
        !refused.stderr.contains("lead adviser"),
        "{}",
        refused.stderr
    );
}
