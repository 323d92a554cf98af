//! Account performance reviews through the binary (RV-1..RV-8): required attendees, minutes,
//! actions carried forward, decisions that change the team, the updates after, the cadence in
//! the portfolio, a progress review with the client, and the review pack as a person sees it:
//! rendered by headless Chromium to a page, a PNG and a PDF, in the client's language.

use casebook_e2e::{Casebook, Sandbox, browse, chromium, s, speaks_welsh};
use chrono::{Duration, Utc};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn day(days_from_today: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days_from_today)).to_string()
}

/// A key account with people, a risk, an opportunity, a month's scorecard and a survey.
fn account(sb: &Sandbox, language: &str) -> Casebook {
    let a = sb.init("a", "Alice Morgan");
    a.add_client(
        "Afon Valley Foods Ltd",
        &["--lead", "Alice Morgan", "--language", language],
    );
    a.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Rhian Jones",
        "--title",
        "MD",
        "--role",
        "decision-maker",
    ]);
    a.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Owain Davies",
        "--title",
        "Buyer",
        "--reports-to",
        "Rhian Jones",
    ]);
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    a.json(&["opp", "add", "Afon", "Export range", "--value", "20000"]);
    a.json(&["scorecard", "new", "Afon"]);
    a.json(&["scorecard", "answer", "Afon", "--suggested"]);
    let card = a.json(&["scorecard", "show", "Afon"]);
    for k in card["kpis"].as_array().expect("kpis") {
        if k["score"].is_null() || k["score"] == 0 {
            a.json(&[
                "scorecard",
                "answer",
                "Afon",
                k["code"].as_str().expect("code"),
                "--yes",
            ]);
        }
    }
    a.json(&["scorecard", "finalise", "Afon"]);
    a
}

#[test]
fn a_review_needs_its_people_and_minutes_carries_its_actions_and_decides_the_team() {
    let sb = sandbox();
    let a = account(&sb, "en");
    // An internal review always includes the account manager's line manager.
    a.refuses(&["review", "schedule", "Afon", "--date", &day(-30)]);
    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--date",
        &day(-30),
        "--line-manager",
        "Dewi Rowlands",
    ]);
    a.json(&["review", "attend", "Afon", "Alice Morgan"]);
    let refused = a.refuses(&["review", "close", "Afon"]);
    assert!(
        refused.stderr.contains("Dewi Rowlands") && refused.stderr.contains("minutes"),
        "{refused}"
    );
    a.json(&["review", "attend", "Afon", "Dewi Rowlands"]);
    a.json(&[
        "review",
        "minutes",
        "Afon",
        "R7",
        "Scorecard at full marks on Level 1",
    ]);
    a.refuses(&["review", "minutes", "Afon", "R99", "nothing"]);
    a.json(&[
        "review",
        "answer",
        "Afon",
        "SAL1",
        "One open opportunity, not yet qualified",
    ]);
    a.json(&[
        "review",
        "action",
        "Afon",
        "Qualify the export range",
        "--owner",
        "Alice Morgan",
        "--due",
        &day(-5),
    ]);
    a.json(&[
        "review",
        "decide",
        "Afon",
        "deputy",
        "Bethan Evans",
        "--note",
        "Cover for leave",
    ]);
    a.json(&["review", "updated", "Afon", "swot"]);
    a.refuses(&["review", "updated", "Afon", "weather"]);
    a.json(&["review", "close", "Afon"]);
    assert_eq!(a.account("Afon")["team"]["deputy"], "Bethan Evans");
    a.refuses(&["review", "attend", "Afon", "Someone late"]);

    // The next review starts from the open action and the previous minutes.
    a.json(&["review", "cadence", "Afon", "20"]);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(
        portfolio["reviews_overdue"][0]["why"]["kind"], "review-overdue",
        "{portfolio}"
    );
    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--line-manager",
        "Dewi Rowlands",
    ]);
    let shown = a.json(&["review", "show", "Afon"]);
    assert_eq!(
        shown["carried_forward"].as_array().map(Vec::len),
        Some(1),
        "{shown}"
    );
    assert_eq!(shown["updates_left"].as_array().map(Vec::len), Some(6));
    let pack = sb.path("pack.html");
    a.json(&["review", "pack", "Afon", "--out", s(&pack)]);
    let html = std::fs::read_to_string(&pack).expect("the pack");
    for wanted in [
        "Qualify the export range",
        "Scorecard at full marks on Level 1",
        "Key supplier failure",
        "Rhian Jones",
        "Balanced scorecard trend",
        "Questions to ask",
    ] {
        assert!(html.contains(wanted), "{wanted} missing from the pack");
    }
    // A progress review with the client needs no line manager (RV-7).
    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--with-client",
        "--date",
        &day(1),
    ]);
    a.json(&[
        "review",
        "attend",
        "Afon",
        "Alice Morgan",
        "--review",
        &day(1),
    ]);
    a.json(&[
        "review",
        "minutes",
        "Afon",
        "R19",
        "Agreed the plan",
        "--review",
        &day(1),
    ]);
    a.json(&["review", "close", "Afon", "--review", &day(1)]);
    let listed = a.json(&["review", "list", "Afon"]);
    assert_eq!(listed["reviews"].as_array().map(Vec::len), Some(3));
}

#[test]
fn the_review_pack_renders_in_a_browser_with_every_section_and_picture_in_the_clients_language() {
    let sb = sandbox();
    let a = account(&sb, "cy");
    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--line-manager",
        "Dewi Rowlands",
    ]);
    let pack = sb.path("pecyn.html");
    a.json(&["review", "pack", "Afon", "--out", s(&pack)]);
    let html = std::fs::read_to_string(&pack).expect("the pack");
    assert!(html.contains("<html lang=\"cy\">"));
    speaks_welsh(
        &html,
        &["Pecyn adolygu", "Cerdyn sgorio cytbwys"],
        &["Review pack", "Questions to ask"],
    );
    // Nothing to run and nothing fetched: no script, no link, no source, no URL in the CSS
    // (the only address is the SVG namespace, which names a vocabulary and fetches nothing).
    for fetched in ["<script", " src=", "href=", "url(", "@import"] {
        assert!(!html.contains(fetched), "{fetched} in the pack");
    }
    // The same pack in English when asked.
    let english = sb.path("pack-en.html");
    a.json(&[
        "review",
        "pack",
        "Afon",
        "--language",
        "en",
        "--out",
        s(&english),
    ]);
    assert!(
        std::fs::read_to_string(&english)
            .expect("pack")
            .contains("Review pack")
    );

    let Some(browser) = chromium() else { return };
    let profile = sb.path("profile");
    let out = browse(&browser, &profile, &pack, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<html lang=\"cy\">"), "{dom}");
    assert_eq!(
        dom.matches("class=\"item\"").count(),
        20,
        "the twenty agenda items"
    );
    for section in ["id=\"snapshot\"", "id=\"agenda\"", "id=\"questions\""] {
        assert!(dom.contains(section), "{section}");
    }
    for picture in [
        "class=\"org-chart\"",
        "class=\"risk-map\"",
        "class=\"scorecard-trend\"",
    ] {
        let at = dom.find(picture).unwrap_or_else(|| panic!("no {picture}"));
        assert!(dom[at..].contains("<svg"), "{picture} has no drawing");
    }
    let png = sb.path("pack.png");
    browse(
        &browser,
        &profile,
        &pack,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1000,1400",
        ],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
        "{} bytes",
        bytes.len()
    );
    let pdf = sb.path("pack.pdf");
    browse(
        &browser,
        &profile,
        &pack,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 20_000,
        "{} bytes",
        bytes.len()
    );
}
