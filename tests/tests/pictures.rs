//! The pictures as a person sees them: `orgchart --svg` and `risk map --svg` written by the
//! real binary, opened in headless Chromium, which must load them without an error and show
//! every box, marker and word; and the risk map's text grid and JSON.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it and sets
//! `CASEBOOK_REQUIRE_CHROMIUM=1`, so CI never skips); elsewhere, without it, the browser part
//! says so and is skipped.

use std::path::Path;

use casebook_e2e::{Casebook, Sandbox, browse, chromium, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The DOM Chromium built from the picture: it must be the SVG itself, not an error page.
fn dom(browser: &Path, sb: &Sandbox, picture: &Path) -> String {
    let out = browse(browser, &sb.path("profile"), picture, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.trim_start().starts_with("<svg"),
        "not loaded as SVG:\n{dom}"
    );
    assert!(
        !dom.contains("parsererror"),
        "the browser found errors:\n{dom}"
    );
    dom
}

/// A screenshot of the picture: a PNG, of some substance.
fn screenshot(browser: &Path, sb: &Sandbox, picture: &Path, size: &str) -> Vec<u8> {
    let png = sb.path("shot.png");
    let _ = std::fs::remove_file(&png);
    let out = browse(
        browser,
        &sb.path("profile"),
        picture,
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={size}"),
        ],
    );
    let bytes = std::fs::read(&png)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 5_000,
        "a blank picture? {} bytes",
        bytes.len()
    );
    bytes
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// A client with a chart of five (one who left, one identified, one with a visit planned,
/// two contacted) and four risks (three open threats, one closed).
fn account(sb: &Sandbox) -> Casebook {
    let cb = sb.init("alice", "Alice Morgan");
    cb.add_client("Afon Valley Foods Ltd", &[]);
    let people: [(&str, &str, Option<&str>, &str); 5] = [
        ("Rhys Jones", "Managing Director", None, "contacted"),
        (
            "Lowri Lewis",
            "Finance Manager",
            Some("Rhys Jones"),
            "visit-planned",
        ),
        (
            "Carys Hughes",
            "Operations",
            Some("Rhys Jones"),
            "identified",
        ),
        (
            "Dai <Sales> & Co",
            "Sales",
            Some("Lowri Lewis"),
            "contacted",
        ),
        (
            "Ifan Morgan",
            "Former buyer",
            Some("Lowri Lewis"),
            "not-identified",
        ),
    ];
    for (name, title, boss, coverage) in people {
        let mut args = vec!["person", "add", "Afon", "--name", name, "--title", title];
        if let Some(b) = boss {
            args.extend(["--reports-to", b]);
        }
        cb.text(&args);
        let mut set = vec!["person", "coverage", "Afon", name, coverage];
        if coverage == "visit-planned" {
            set.extend(["--by", "Alice Morgan", "--for", "2027-01-15"]);
        }
        if coverage != "not-identified" {
            cb.text(&set);
        }
    }
    cb.text(&["person", "edit", "Afon", "Ifan Morgan", "--left"]);
    for (title, l, sev) in [
        ("Key supplier failure", "4", "4"),
        ("Late payments", "4", "3"),
        ("Flooding", "2", "5"),
        ("Old risk", "5", "5"),
    ] {
        cb.text(&[
            "risk",
            "add",
            "Afon",
            title,
            "--likelihood",
            l,
            "--severity",
            sev,
        ]);
    }
    cb.text(&["risk", "assess", "Afon", "Old risk", "--close"]);
    cb
}

#[test]
fn the_risk_map_places_open_threats_in_text_json_and_picture() {
    let sb = sandbox();
    let cb = account(&sb);
    let map = cb.json(&["risk", "map", "Afon"]);
    let placed = map["placed"].as_array().expect("placed");
    let titles: Vec<&str> = placed.iter().filter_map(|p| p["title"].as_str()).collect();
    assert_eq!(
        titles,
        ["Key supplier failure", "Late payments", "Flooding"]
    );
    assert_eq!(placed[0]["rag"], "red");
    assert_eq!(map["cells"][4][4], "red", "likelihood 5, severity 5");
    let text = cb.text(&["risk", "map", "Afon"]);
    assert!(text.contains("red [1]"), "{text}");
    assert!(
        !text.contains("Old risk"),
        "closed risks are not on the map: {text}"
    );

    let en = sb.path("map-en.svg");
    let cy = sb.path("map-cy.svg");
    cb.text(&["risk", "map", "Afon", "--svg", "--out", s(&en)]);
    let said = cb.text(&[
        "--lang",
        "cy",
        "risk",
        "map",
        "Afon",
        "--svg",
        "--out",
        s(&cy),
    ]);
    assert!(said.starts_with("Ysgrifennwyd "), "{said}");
    let Some(browser) = chromium() else { return };
    let dom_en = dom(&browser, &sb, &en);
    assert_eq!(count(&dom_en, r#"class="cell""#), 25, "a 5x5 grid");
    assert_eq!(count(&dom_en, r#"class="risk""#), 3, "three open threats");
    assert!(
        dom_en.contains("Risk map — Afon Valley Foods Ltd"),
        "{dom_en}"
    );
    assert!(dom_en.contains("1. Key supplier failure — likelihood 4, severity 4: red"));
    let dom_cy = dom(&browser, &sb, &cy);
    assert!(dom_cy.contains(r#"xml:lang="cy""#));
    assert!(
        dom_cy.contains("Map risg — Afon Valley Foods Ltd"),
        "{dom_cy}"
    );
    assert!(
        dom_cy.contains("tebygolrwydd 4, difrifoldeb 4: coch"),
        "{dom_cy}"
    );
    assert!(
        !dom_cy.contains("likelihood") && !dom_cy.contains(">red<"),
        "{dom_cy}"
    );
    screenshot(&browser, &sb, &en, "840,760");
}

#[test]
fn the_org_chart_picture_draws_everyone_coloured_by_coverage() {
    let sb = sandbox();
    let cb = account(&sb);
    let en = sb.path("org-en.svg");
    let cy = sb.path("org-cy.svg");
    cb.text(&["orgchart", "Afon", "--svg", "--out", s(&en)]);
    cb.text(&["--lang", "cy", "orgchart", "Afon", "--svg", "--out", s(&cy)]);
    let printed = cb.text(&["orgchart", "Afon", "--svg"]);
    assert_eq!(
        printed.trim_end(),
        std::fs::read_to_string(&en).expect("svg").trim_end()
    );
    let Some(browser) = chromium() else { return };
    let dom_en = dom(&browser, &sb, &en);
    assert_eq!(count(&dom_en, r#"class="person""#), 5, "everyone once");
    assert_eq!(
        count(&dom_en, "<line "),
        4 * 3,
        "four reporting lines of three strokes"
    );
    // The name with markup characters arrives as text, not as markup.
    assert!(dom_en.contains("Dai &lt;Sales&gt; &amp; Co"), "{dom_en}");
    assert!(
        dom_en.contains(">Ifan Morgan<") && dom_en.contains(">left<"),
        "{dom_en}"
    );
    assert!(
        dom_en.contains(r#"stroke-dasharray="6 4""#),
        "the leaver is dashed"
    );
    for word in ["contacted", "visit planned", "identified", "not identified"] {
        assert!(
            dom_en.contains(&format!(">{word}<")),
            "{word} in the key: {dom_en}"
        );
    }
    assert!(
        dom_en.contains("Coverage: 2 of 4 contacted (50%)"),
        "{dom_en}"
    );
    let dom_cy = dom(&browser, &sb, &cy);
    assert!(dom_cy.contains("Siart sefydliad — Afon Valley Foods Ltd"));
    assert!(dom_cy.contains(">wedi gadael<"), "{dom_cy}");
    assert!(dom_cy.contains(">ymweliad wedi'i gynllunio<"), "{dom_cy}");
    assert!(!dom_cy.contains(">contacted<"), "{dom_cy}");
    screenshot(&browser, &sb, &cy, "900,600");

    // A client with nobody on its chart yet gets a picture that says so.
    cb.add_client("Bryn Bakery", &[]);
    let empty = sb.path("empty.svg");
    cb.text(&["orgchart", "Bryn Bakery", "--svg", "--out", s(&empty)]);
    let dom_empty = dom(&browser, &sb, &empty);
    assert_eq!(count(&dom_empty, r#"class="person""#), 0);
    assert!(dom_empty.contains("No people recorded yet"), "{dom_empty}");
}

/// Finalise `month`'s scorecard of Afon with every KPI yes but `no` (a Level 2 no, or a Level 1
/// no with all the rule asks).
fn finalise_month(cb: &Casebook, month: &str, no: &str) {
    cb.json(&["scorecard", "new", "Afon", "--month", month]);
    let card = cb.json(&["scorecard", "show", "Afon", "--month", month]);
    for k in card["kpis"].as_array().expect("kpis") {
        let code = k["code"].as_str().expect("code");
        if code == no {
            cb.json(&[
                "scorecard",
                "answer",
                "Afon",
                code,
                "--month",
                month,
                "--no",
                "--explanation",
                "late",
                "--next-action",
                "fix it",
                "--owner",
                "Alice",
                "--due",
                "2027-03-01",
            ]);
        } else {
            cb.json(&[
                "scorecard",
                "answer",
                "Afon",
                code,
                "--month",
                month,
                "--yes",
            ]);
        }
    }
    cb.json(&["scorecard", "finalise", "Afon", "--month", month]);
}

#[test]
fn the_scorecard_trend_picture_draws_every_category_and_the_overall_line() {
    let sb = sandbox();
    let cb = account(&sb);
    finalise_month(&cb, "2026-09", "A2");
    finalise_month(&cb, "2026-10", "EE1");
    let en = sb.path("trend-en.svg");
    let cy = sb.path("trend-cy.svg");
    cb.text(&["scorecard", "trend", "Afon", "--svg", "--out", s(&en)]);
    cb.text(&[
        "--lang",
        "cy",
        "scorecard",
        "trend",
        "Afon",
        "--svg",
        "--out",
        s(&cy),
    ]);
    let Some(browser) = chromium() else { return };
    let dom_en = dom(&browser, &sb, &en);
    assert_eq!(
        count(&dom_en, r#"<polyline class="category""#),
        5,
        "{dom_en}"
    );
    assert_eq!(
        count(&dom_en, r#"<polyline class="overall""#),
        1,
        "{dom_en}"
    );
    assert_eq!(
        count(&dom_en, r#"class="attention""#),
        1,
        "only September needed attention"
    );
    assert!(dom_en.contains("Balanced scorecard trend: Afon Valley Foods Ltd"));
    assert!(dom_en.contains(">management<") && dom_en.contains(">overall<"));
    let dom_cy = dom(&browser, &sb, &cy);
    assert!(
        dom_cy.contains(">rheolaeth<") && dom_cy.contains(">cyfan<"),
        "{dom_cy}"
    );
    assert!(!dom_cy.contains(">management<"), "{dom_cy}");
    screenshot(&browser, &sb, &en, "560,720");
}
