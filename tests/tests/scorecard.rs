//! The balanced scorecard through the binary (BS-1..BS-5): a quarter of monthly scorecards
//! with a Level 1 failure, its action, a correction, the trend and the portfolio; two advisers
//! answering apart; the organisation's KPI set.

use casebook_e2e::{Casebook, Sandbox, s, speaks_welsh};
use chrono::{Datelike, Utc};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The month `n` months before this one (the binary runs in UTC), `YYYY-MM`.
fn months_back(n: u32) -> String {
    let mut day = Utc::now().date_naive().with_day(1).expect("a first day");
    for _ in 0..n {
        day = (day - chrono::Duration::days(1))
            .with_day(1)
            .expect("a first day");
    }
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The codes of the KPIs of `month`'s scorecard not answered yet.
fn unanswered(node: &Casebook, month: &str) -> Vec<String> {
    let card = node.json(&["scorecard", "show", "Afon", "--month", month]);
    card["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .filter(|k| k["score"].is_null())
        .map(|k| k["code"].as_str().expect("a code").to_string())
        .collect()
}

/// Accept what the file suggests for `month`'s scorecard and answer the rest yes except `no`
/// (answered no with only evidence).
fn score_month(node: &Casebook, month: &str, no: &[&str]) {
    node.json(&[
        "scorecard",
        "answer",
        "Afon",
        "--month",
        month,
        "--suggested",
    ]);
    for code in unanswered(node, month) {
        let answer = if no.contains(&code.as_str()) {
            "--no"
        } else {
            "--yes"
        };
        node.json(&[
            "scorecard",
            "answer",
            "Afon",
            &code,
            "--month",
            month,
            answer,
            "--evidence",
            "checked at the monthly meeting",
        ]);
    }
}

fn kpi<'a>(card: &'a Value, code: &str) -> &'a Value {
    card["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .find(|k| k["code"] == code)
        .unwrap_or_else(|| panic!("no KPI {code} in {card}"))
}

#[test]
fn a_quarter_of_scorecards_with_a_level_one_failure_its_action_a_correction_and_the_trend() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    a.add_client("Afon Valley Foods", &["--lead", "Alice"]);
    // A lost order nobody has reviewed: the file answers "Lost orders reviewed?" with no.
    a.json(&["opp", "add", "Afon", "Cold store", "--value", "8000"]);
    a.json(&[
        "opp",
        "close",
        "Afon",
        "Cold store",
        "--lost",
        "--reason",
        "price",
    ]);
    // An open opportunity qualified once: the pipeline KPI is suggested yes.
    a.json(&["opp", "add", "Afon", "Export range", "--value", "20000"]);
    a.json(&[
        "opp",
        "qualify",
        "Afon",
        "Export range",
        "--score",
        "need=4",
        "--score",
        "money=3",
        "--decision",
        "continue",
    ]);
    let (m3, m2, m1) = (months_back(3), months_back(2), months_back(1));

    // Month 1 of the quarter: E2 suggested no from the data, and accepted as it is.
    a.json(&["scorecard", "new", "Afon", "--month", &m3]);
    let open = a.json(&["scorecard", "show", "Afon", "--month", &m3]);
    assert_eq!(kpi(&open, "E2")["suggested"]["score"], 0, "{open}");
    assert!(
        kpi(&open, "E2")["suggested"]["evidence"]
            .as_str()
            .is_some_and(|e| e.contains("Cold store")),
        "{open}"
    );
    assert_eq!(kpi(&open, "E1")["suggested"]["score"], 1, "{open}");
    assert_eq!(kpi(&open, "A1")["suggested"], Value::Null);
    // The Level 1 rule: a no without its explanation, next action, owner and date blocks
    // finalising, and nothing is written.
    score_month(&a, &m3, &[]);
    let refused = a.refuses(&["scorecard", "finalise", "Afon", "--month", &m3]);
    assert!(
        refused.stderr.contains("E2") && refused.stderr.contains("explanation"),
        "{refused}"
    );
    a.json(&[
        "scorecard",
        "answer",
        "Afon",
        "E2",
        "--month",
        &m3,
        "--explanation",
        "Lost on price; no review held",
        "--next-action",
        "Hold the lost-order review",
        "--owner",
        "Alice",
        "--due",
        "2027-01-15",
    ]);
    a.json(&["scorecard", "finalise", "Afon", "--month", &m3]);
    // The no became an owned action.
    let actions = a.account("Afon")["actions"].clone();
    let opened: Vec<&Value> = actions
        .as_object()
        .expect("actions")
        .values()
        .filter(|x| x["title"] == "E2: Hold the lost-order review")
        .collect();
    assert_eq!(opened.len(), 1, "{actions}");
    assert_eq!(opened[0]["owner"], "Alice");
    assert_eq!(opened[0]["due"], "2027-01-15");
    // Finalised means fixed.
    a.refuses(&["scorecard", "answer", "Afon", "A1", "--month", &m3, "--no"]);
    a.refuses(&["scorecard", "new", "Afon", "--month", &m3]);

    // Month 2: the account manager's review was missed (A2), with everything the rule asks.
    a.json(&[
        "opp",
        "review",
        "Afon",
        "Cold store",
        "--notes",
        "Priced too high",
    ]);
    a.json(&["scorecard", "new", "Afon", "--month", &m2]);
    score_month(&a, &m2, &["A2"]);
    a.json(&[
        "scorecard",
        "answer",
        "Afon",
        "A2",
        "--month",
        &m2,
        "--explanation",
        "Line manager on leave",
        "--next-action",
        "Book the appraisal",
        "--owner",
        "Bethan",
        "--due",
        "2027-01-20",
    ]);
    let card = a.json(&["scorecard", "show", "Afon", "--month", &m2]);
    assert_eq!(
        kpi(&card, "E2")["score"],
        1,
        "the review answered E2 yes: {card}"
    );
    a.json(&["scorecard", "finalise", "Afon", "--month", &m2]);
    let card = a.json(&["scorecard", "show", "Afon", "--month", &m2]);
    assert_eq!(card["requires_attention"], true);
    assert_eq!(card["attention"], serde_json::json!(["management"]));
    assert_eq!(card["level1"], serde_json::json!({"yes": 9, "of": 10}));
    // Nothing won this year, no survey, no value added: the file answers EE1, DD1 and AA1 no,
    // so 11 of 15.
    assert!(
        casebook_e2e::close(&card["overall_percent"], 11.0 / 15.0 * 100.0),
        "{card}"
    );

    // The first month was wrong about E2: a correction replaces it as the month's record.
    a.json(&["scorecard", "new", "Afon", "--month", &m3, "--correct"]);
    a.json(&[
        "scorecard",
        "answer",
        "Afon",
        "E2",
        "--month",
        &m3,
        "--yes",
        "--evidence",
        "Reviewed after all",
    ]);
    a.json(&["scorecard", "finalise", "Afon", "--month", &m3]);
    let listed = a.json(&["scorecard", "list", "Afon"]);
    let states: Vec<(&str, &str)> = listed["scorecards"]
        .as_array()
        .expect("scorecards")
        .iter()
        .map(|r| {
            (
                r["month"].as_str().unwrap_or(""),
                r["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            (m3.as_str(), "corrected"),
            (m3.as_str(), "finalised"),
            (m2.as_str(), "finalised")
        ]
    );

    // Month 3 is started but never finalised: overdue once it has ended.
    a.json(&["scorecard", "new", "Afon", "--month", &m1]);
    let trend = a.same_json_in_both(&["scorecard", "trend", "Afon"]);
    let points = trend.as_array().expect("points");
    assert_eq!(points.len(), 2);
    assert_eq!(points[0]["month"], m3.as_str());
    assert!(
        casebook_e2e::close(&points[0]["overall"], 12.0 / 15.0 * 100.0),
        "{trend}"
    );
    assert_eq!(points[0]["level1"], 100.0);
    assert_eq!(points[1]["attention"], true);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(portfolio["level1_failures"][0]["why"]["month"], m2.as_str());
    assert_eq!(
        portfolio["scorecards_overdue"][0]["why"]["months"],
        serde_json::json!([m1])
    );
    assert_eq!(portfolio["lost_orders_not_reviewed"], serde_json::json!([]));
    let routine = a.json(&["scorecard", "list"]);
    assert_eq!(routine[0]["overdue"], serde_json::json!([m1]));
    assert_eq!(routine[0]["due"], true);

    // The trend as a picture, and the month in Welsh.
    let svg = sb.path("trend.svg");
    a.json(&["scorecard", "trend", "Afon", "--svg", "--out", s(&svg)]);
    let drawn = std::fs::read_to_string(&svg).expect("the picture");
    assert!(
        drawn.contains("<polyline") && drawn.contains(&m2),
        "{drawn}"
    );
    let welsh = a.welsh(&["scorecard", "show", "Afon", "--month", &m2]);
    speaks_welsh(
        &welsh,
        &["Angen sylw ar unwaith", "rheolaeth", "Perthynas dda?"],
        &["Requires immediate attention", "Relationship good?"],
    );
    let history = a.welsh(&["history", "Afon"]);
    speaks_welsh(&history, &["Terfynolwyd cerdyn sgorio"], &["finalised:"]);
}

#[test]
fn two_advisers_answering_one_kpi_apart_see_the_disagreement_and_settle_it_before_finalising() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let b = sb.init("b", "Bob");
    a.add_client("Afon Valley Foods", &[]);
    a.share_for_writing(&b, "Afon");
    let month = months_back(1);
    a.json(&["scorecard", "new", "Afon", "--month", &month]);
    for code in unanswered(&a, &month) {
        if code != "D2" {
            a.json(&[
                "scorecard",
                "answer",
                "Afon",
                &code,
                "--month",
                &month,
                "--yes",
            ]);
        }
    }
    a.send_copy(&b, "Afon", &sb.path("afon-1.automerge"));
    // Apart: Alice says the relationship is good, Bob says it is not.
    a.json(&[
        "scorecard",
        "answer",
        "Afon",
        "D2",
        "--month",
        &month,
        "--yes",
    ]);
    b.json(&[
        "scorecard",
        "answer",
        "Afon",
        "D2",
        "--month",
        &month,
        "--no",
        "--explanation",
        "Complaint about deliveries open",
        "--next-action",
        "Meet the MD",
        "--owner",
        "Bob",
        "--due",
        "2027-02-01",
    ]);
    for (from, to, name) in [(&a, &b, "a.automerge"), (&b, &a, "b.automerge")] {
        let path = sb.path(name);
        from.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
        to.json(&["merge", s(&path)]);
    }
    for node in [&a, &b] {
        let conflicts = node.json(&["conflicts", "Afon"]);
        let what: Vec<&str> = conflicts
            .as_array()
            .expect("conflicts")
            .iter()
            .filter_map(|c| c["what"].as_str())
            .collect();
        assert!(
            what.contains(&format!("scorecard '{month}' KPI D2 score").as_str()),
            "{conflicts}"
        );
        // The worse answer counts until someone decides, and blocks finalising.
        let card = node.json(&["scorecard", "show", "Afon", "--month", &month]);
        assert_eq!(kpi(&card, "D2")["score"], 0, "{card}");
        assert_eq!(
            kpi(&card, "D2")["disputed"].as_array().map(Vec::len),
            Some(2)
        );
        let refused = node.refuses(&["scorecard", "finalise", "Afon", "--month", &month]);
        assert!(refused.stderr.contains("D2"), "{refused}");
    }
    let welsh = a.welsh(&["conflicts", "Afon"]);
    assert!(
        welsh.contains(&format!("cerdyn sgorio '{month}'")),
        "{welsh}"
    );
    let conflicts = a.json(&["conflicts", "Afon"]);
    let id = conflicts
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|x| x["what"].as_str().is_some_and(|w| w.ends_with("D2 score")))
        })
        .and_then(|c| c["id"].as_str())
        .expect("the D2 conflict")
        .to_string();
    a.json(&["resolve", "Afon", &id, "--keep-by", "Bob"]);
    a.json(&["scorecard", "finalise", "Afon", "--month", &month]);
    let card = a.json(&["scorecard", "show", "Afon", "--month", &month]);
    assert_eq!(card["attention"], serde_json::json!(["client"]));
}

#[test]
fn the_kpi_set_is_the_organisations_and_changes_reach_new_scorecards_only() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    a.add_client("Afon Valley Foods", &[]);
    let set = a.json(&["scorecard", "kpi", "list"]);
    let in_use = |set: &Value, level: u64| {
        set.as_array()
            .expect("kpis")
            .iter()
            .filter(|k| k["level"] == level && k["retired"] == false)
            .count()
    };
    assert_eq!((in_use(&set, 1), in_use(&set, 2)), (10, 5));
    let earlier = months_back(2);
    a.json(&["scorecard", "new", "Afon", "--month", &earlier]);
    let added = a.json(&[
        "scorecard",
        "kpi",
        "add",
        "--category",
        "financial",
        "--level",
        "1",
        "--text",
        "Invoices paid on time?",
        "--text-cy",
        "Anfonebau wedi'u talu mewn pryd?",
    ]);
    assert_eq!(added["code"], "B3");
    a.refuses(&[
        "scorecard",
        "kpi",
        "add",
        "--category",
        "sales",
        "--level",
        "1",
        "--text",
        "x?",
        "--code",
        "E1",
    ]);
    a.json(&["scorecard", "kpi", "retire", "C2"]);
    // The adviser variant comes into use on request.
    a.json(&["scorecard", "kpi", "restore", "DD2"]);
    let month = months_back(1);
    a.json(&["scorecard", "new", "Afon", "--month", &month]);
    let new_card = a.json(&["scorecard", "show", "Afon", "--month", &month]);
    let codes: Vec<&str> = new_card["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .filter_map(|k| k["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"B3") && codes.contains(&"DD2") && !codes.contains(&"C2"),
        "{codes:?}"
    );
    assert_eq!(
        kpi(&new_card, "DD2")["suggested"]["score"],
        0,
        "no exit plan yet"
    );
    // The earlier scorecard keeps the questions it was started with.
    let old_card = a.json(&["scorecard", "show", "Afon", "--month", &earlier]);
    assert_eq!(old_card["kpis"].as_array().map(Vec::len), Some(15));
    let welsh = a.welsh(&["scorecard", "kpi", "list"]);
    assert!(
        welsh.contains("Anfonebau wedi'u talu mewn pryd?"),
        "{welsh}"
    );
    // A month to come, or no month at all, is refused with what to type.
    let next = Utc::now().date_naive().with_day(1).expect("day") + chrono::Duration::days(40);
    let future = format!("{:04}-{:02}", next.year(), next.month());
    let run = a.refuses(&["scorecard", "new", "Afon", "--month", &future]);
    assert!(run.stderr.contains("has not come yet"), "{run}");
    let run = a.refuses(&["scorecard", "new", "Afon", "--month", "November"]);
    assert!(run.stderr.contains("YYYY-MM"), "{run}");
}
