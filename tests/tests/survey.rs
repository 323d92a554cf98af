//! Client satisfaction surveys through the binary (SV-1..SV-5): the most senior person must be
//! asked, responses typed and from the independent administrator's spreadsheet (BOM, CRLF, UK
//! dates), the analysis at the deadline, the Improvements Action Plan, the trend, the portfolio
//! and the scorecard's "survey in the last 12 months".

use casebook_e2e::{Casebook, Sandbox, s, speaks_welsh};
use chrono::{Duration, Utc};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// A client whose org chart has its MD at the top and two people under her.
fn client(sb: &Sandbox, dir: &str) -> Casebook {
    let a = sb.init(dir, "Alice");
    a.add_client("Afon Valley Foods", &["--lead", "Alice"]);
    a.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Rhian Jones",
        "--title",
        "MD",
    ]);
    for (name, title) in [
        ("Owain Davies", "Operations Manager"),
        ("Sara Lloyd", "Buyer"),
    ] {
        a.json(&[
            "person",
            "add",
            "Afon",
            "--name",
            name,
            "--title",
            title,
            "--reports-to",
            "Rhian Jones",
        ]);
    }
    a
}

fn uk(days_from_today: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days_from_today))
        .format("%d/%m/%Y")
        .to_string()
}

fn rate<'a>(analysis: &'a Value, level: &str) -> &'a Value {
    analysis["analysis"]["rates"]
        .as_array()
        .expect("rates")
        .iter()
        .find(|r| r["level"] == level)
        .unwrap_or_else(|| panic!("no {level} in {analysis}"))
}

fn area(analysis: &Value, area: &str, level: Option<&str>) -> f64 {
    analysis["analysis"]["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["area"] == area && a["level"].as_str() == level)
        .and_then(|a| a["mean"].as_f64())
        .unwrap_or_else(|| panic!("no {area} {level:?} in {analysis}"))
}

#[test]
fn a_survey_asks_the_most_senior_takes_the_administrators_sheet_and_is_analysed() {
    let sb = sandbox();
    let a = client(&sb, "a");
    let deadline = uk(14);
    a.json(&[
        "survey",
        "plan",
        "Afon",
        "--title",
        "Annual survey",
        "--deadline",
        &deadline,
        "--administrator",
        "Arolygon Cymru",
    ]);
    a.json(&[
        "survey",
        "recipient",
        "Afon",
        "Sara Lloyd",
        "--level",
        "users",
        "--function",
        "purchasing",
    ]);
    a.json(&[
        "survey",
        "recipient",
        "Afon",
        "Owain Davies",
        "--level",
        "managers",
        "--exposure",
        "direct",
    ]);
    a.json(&[
        "survey",
        "recipient",
        "Afon",
        "--other",
        "Gwyn Price",
        "--level",
        "users",
    ]);
    // The most senior person known is not asked yet: the survey cannot go out.
    let refused = a.refuses(&["survey", "issue", "Afon"]);
    assert!(refused.stderr.contains("Rhian Jones"), "{refused}");
    a.refuses(&[
        "survey",
        "recipient",
        "Afon",
        "Sara Lloyd",
        "--level",
        "users",
    ]);
    a.json(&[
        "survey",
        "recipient",
        "Afon",
        "Rhian Jones",
        "--level",
        "board",
    ]);
    a.json(&["survey", "issue", "Afon"]);

    // The board member answers by hand; the administrator's sheet brings the rest, as a
    // spreadsheet saves it: a byte-order mark, CRLF, UK dates.
    a.json(&[
        "survey",
        "record",
        "Afon",
        "--respondent",
        "Rhian Jones",
        "--score",
        "B1=5",
        "--score",
        "B2=4",
        "--score",
        "B3=5",
        "--score",
        "B4=4",
        "--score",
        "B5=4",
    ]);
    let sheet = sb.path("responses.csv");
    let rows = format!(
        "\u{feff}Level,Respondent,Received,U1,U2,U3,U4,U5,M1,M8,Unaware,Comment\r\n\
         users,Sara Lloyd,{d},2,3,2,3,4,,,Export finance;Training,Slow on repairs\r\n\
         managers,Owain Davies,{d},4,4,4,4,5,3,4,export finance,\r\n",
        d = uk(0)
    );
    std::fs::write(&sheet, rows).expect("sheet");
    let bad = sb.path("bad.csv");
    std::fs::write(
        &bad,
        "level,respondent,received,U1,B1\nusers,Gwyn Price,31/02/2026,7,4\n",
    )
    .expect("bad sheet");
    let refused = a.refuses(&["survey", "import", "Afon", s(&bad)]);
    assert!(
        refused.stderr.contains("row 2") && refused.stderr.contains("U1"),
        "{refused}"
    );
    let imported = a.json(&["survey", "import", "Afon", s(&sheet)]);
    assert_eq!(imported["imported"], 2);
    a.refuses(&["survey", "import", "Afon", s(&sheet)]);

    let analysis = a.same_json_in_both(&["survey", "analyse", "Afon"]);
    assert_eq!(analysis["analysis"]["stage"], "issued");
    let users = rate(&analysis, "users");
    assert_eq!(
        (users["recipients"].as_u64(), users["by_deadline"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(rate(&analysis, "board")["percent"], 100.0);
    assert!(
        casebook_e2e::close(&analysis["analysis"]["overall_rate"], 75.0),
        "{analysis}"
    );
    assert!(casebook_e2e::close(
        &Value::from(area(&analysis, "teamwork", Some("users"))),
        3.0
    ));
    assert!(casebook_e2e::close(
        &Value::from(area(&analysis, "teamwork", None)),
        3.5
    ));
    assert_eq!(
        analysis["analysis"]["unaware"],
        serde_json::json!([["Export finance", 2], ["Training", 1]])
    );
    assert_eq!(analysis["analysis"]["ask_for_reference"], false);

    // The Improvements Action Plan: owned actions, linked from the survey.
    a.json(&[
        "survey",
        "improve",
        "Afon",
        "Brief the buyers on export finance",
        "--owner",
        "Alice",
        "--due",
        &uk(30),
    ]);
    // Results are fed back once the survey is closed (SV-5).
    a.refuses(&["survey", "feedback", "Afon", "--to", "Rhian Jones"]);
    a.json(&["survey", "close", "Afon"]);
    a.refuses(&[
        "survey", "record", "Afon", "--level", "users", "--score", "U1=4",
    ]);
    a.refuses(&["survey", "feedback", "Afon", "--to", " "]);
    let before = a.json(&["survey", "analyse", "Afon"]);
    let waiting = before["feedback"]["still_to"].as_array().map(Vec::len);
    assert!(waiting.is_some_and(|n| n >= 2), "{before}");
    a.json(&[
        "survey",
        "feedback",
        "Afon",
        "--to",
        "rhian jones",
        "--channel",
        "meeting",
        "--note",
        "Scores up on teamwork",
    ]);
    a.json(&["survey", "feedback", "Afon", "--to", "Our delivery team"]);
    let after = a.json(&["survey", "analyse", "Afon"]);
    assert_eq!(
        after["feedback"]["still_to"].as_array().map(Vec::len),
        waiting.map(|n| n - 1),
        "the recipient named in any case is no longer waiting: {after}"
    );
    assert_eq!(after["feedback"]["given_to"][1], "Our delivery team");
    let text = a.text(&["survey", "analyse", "Afon"]);
    assert!(
        text.contains("Brief the buyers on export finance"),
        "{text}"
    );
    assert!(
        text.contains("Results fed back to: rhian jones, Our delivery team."),
        "{text}"
    );
    let trend = a.json(&["survey", "trend", "Afon"]);
    assert_eq!(trend.as_array().map(Vec::len), Some(1));
    let listed = a.json(&["survey", "list"]);
    assert_eq!(listed[0]["due"], false);

    // A survey issued today answers the scorecard's "survey in the last 12 months".
    a.json(&["scorecard", "new", "Afon"]);
    let card = a.json(&["scorecard", "show", "Afon"]);
    let dd1 = card["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .find(|k| k["code"] == "DD1")
        .expect("DD1");
    assert_eq!(dd1["suggested"]["score"], 1, "{dd1}");

    let welsh = a.welsh(&["survey", "analyse", "Afon"]);
    speaks_welsh(
        &welsh,
        &["defnyddwyr", "Export finance"],
        &["response rate", "teamwork"],
    );
    let history = a.welsh(&["history", "Afon"]);
    assert!(
        !history.contains("Survey 'Annual survey' issued"),
        "{history}"
    );
}

#[test]
fn an_anonymous_survey_counts_responses_by_level_and_positive_results_ask_for_a_reference() {
    let sb = sandbox();
    let a = client(&sb, "a");
    a.json(&[
        "survey",
        "plan",
        "Afon",
        "--title",
        "Pulse",
        "--deadline",
        &uk(7),
        "--anonymous",
    ]);
    a.json(&[
        "survey",
        "recipient",
        "Afon",
        "Rhian Jones",
        "--level",
        "board",
    ]);
    a.json(&["survey", "issue", "Afon"]);
    a.refuses(&[
        "survey",
        "record",
        "Afon",
        "--respondent",
        "Rhian Jones",
        "--score",
        "B1=5",
    ]);
    a.refuses(&[
        "survey", "record", "Afon", "--level", "board", "--score", "U1=5",
    ]);
    a.refuses(&[
        "survey", "record", "Afon", "--level", "board", "--score", "B1=6",
    ]);
    a.json(&[
        "survey", "record", "Afon", "--level", "board", "--score", "B1=5", "--score", "B2=4",
        "--score", "B3=5", "--score", "B4=4", "--score", "B5=5",
    ]);
    let analysis = a.json(&["survey", "analyse", "Afon"]);
    assert_eq!(
        analysis["analysis"]["ask_for_reference"], true,
        "{analysis}"
    );
    let text = a.text(&["survey", "analyse", "Afon"]);
    assert!(text.contains("reference site"), "{text}");
    // A key account on the scorecard routine without a survey in 12 months is listed.
    let b = client(&sb, "b");
    b.json(&["scorecard", "new", "Afon"]);
    let portfolio = b.json(&["portfolio"]);
    assert_eq!(portfolio["surveys_due"][0]["why"]["kind"], "survey-due");
}

#[test]
fn the_question_bank_is_the_organisations() {
    let sb = sandbox();
    let a = client(&sb, "a");
    let bank = a.json(&["survey", "question", "list"]);
    assert_eq!(bank.as_array().map(Vec::len), Some(18));
    a.json(&[
        "survey",
        "question",
        "add",
        "--area",
        "teamwork",
        "--level",
        "users",
        "--text",
        "Do our people take pride in their work?",
    ]);
    a.json(&["survey", "question", "retire", "U3"]);
    a.json(&[
        "survey",
        "plan",
        "Afon",
        "--title",
        "2027",
        "--deadline",
        &uk(10),
    ]);
    let plan = a.account("Afon")["surveys"].clone();
    let questions = plan
        .as_object()
        .and_then(|m| m.values().next())
        .and_then(|s| s["questions"].as_object())
        .expect("questions");
    let codes: Vec<&str> = questions
        .values()
        .filter_map(|q| q["code"].as_str())
        .collect();
    assert!(codes.contains(&"U6") && !codes.contains(&"U3"), "{codes:?}");
    a.refuses(&[
        "survey",
        "plan",
        "Afon",
        "--title",
        "late",
        "--deadline",
        &uk(-1),
    ]);
}
