//! The contact plan (CT-6), questions to carry (CT-7), competitor appraisals (OP-5), value
//! added and reference sites (OP-6) through the binary, and what they give the scorecard and
//! the review pack.

use casebook_e2e::{Sandbox, s};
use chrono::{Duration, Utc};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn day(days_from_today: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days_from_today)).to_string()
}

#[test]
fn the_contact_plan_is_kept_by_contacts_logged_and_topics_are_offered_in_person() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    a.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Rhian Jones",
        "--title",
        "MD",
    ]);
    a.json(&[
        "person",
        "add",
        "Afon",
        "--name",
        "Owain Davies",
        "--title",
        "Buyer",
    ]);
    a.json(&[
        "plan",
        "add",
        "Afon",
        "Rhian Jones",
        "--ours",
        "Dewi Rowlands",
        "--every",
        "30",
        "--objective",
        "Senior sponsor contact",
    ]);
    a.json(&[
        "plan",
        "add",
        "Afon",
        "Owain Davies",
        "--ours",
        "Alice Morgan",
        "--every",
        "14",
    ]);
    a.refuses(&[
        "plan",
        "add",
        "Afon",
        "Nobody Here",
        "--ours",
        "Alice",
        "--every",
        "14",
    ]);
    a.refuses(&[
        "plan",
        "add",
        "Afon",
        "Owain Davies",
        "--ours",
        "Alice",
        "--every",
        "0",
    ]);
    let plan = a.json(&["plan", "list", "Afon"]);
    assert_eq!(
        (plan[0]["met"].as_u64(), plan[0]["of"].as_u64()),
        (Some(0), Some(2)),
        "{plan}"
    );
    // Senior-to-senior contact (CT-5): a sponsor named whose plan covers nobody senior is
    // flagged; once Dewi is the sponsor, his planned contact with the MD counts, and is
    // overdue until they meet.
    a.json(&["client", "edit", "Afon", "--sponsor", "Gwen Price"]);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(
        portfolio["senior_contact"][0]["why"]["kind"], "senior-contact-not-planned",
        "{portfolio}"
    );
    a.json(&["client", "edit", "Afon", "--sponsor", "Dewi Rowlands"]);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(
        portfolio["senior_contact"][0]["why"]["kind"], "senior-contact-overdue",
        "{portfolio}"
    );
    a.json(&[
        "log",
        "Afon",
        "--kind",
        "meeting",
        "--direction",
        "outbound",
        "--purpose",
        "social",
        "--with",
        "Rhian Jones",
        "--ours",
        "Dewi Rowlands",
        "--at",
        &day(-1),
        "--summary",
        "Lunch",
    ]);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(
        portfolio["senior_contact"],
        serde_json::json!([]),
        "{portfolio}"
    );

    a.json(&["topic", "add", "Afon", "Who signs off the export budget?"]);
    a.json(&["topic", "add", "Afon", "Is the new warehouse going ahead?"]);
    // A meeting with Owain keeps his line of the plan and offers the open topics.
    let said = a.text(&[
        "log",
        "Afon",
        "--kind",
        "meeting",
        "--direction",
        "outbound",
        "--purpose",
        "progress-review",
        "--with",
        "Owain Davies",
        "--at",
        &day(-2),
        "--summary",
        "Quarterly",
    ]);
    assert!(said.contains("Who signs off the export budget?"), "{said}");
    // Both lines kept now: Rhian's by the lunch, Owain's by the meeting.
    let plan = a.json(&["plan", "list", "Afon"]);
    assert_eq!(plan[0]["met"], 2, "{plan}");
    a.json(&[
        "topic",
        "answer",
        "Afon",
        "Who signs off the export budget?",
        "--note",
        "The FD",
    ]);
    a.refuses(&[
        "topic",
        "answer",
        "Afon",
        "Who signs off the export budget?",
    ]);
    let open = a.json(&["topic", "list", "Afon"]);
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    // A call offers nothing: the questions are for meeting in person.
    let call = a.text(&[
        "log",
        "Afon",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "sales",
        "--summary",
        "Quick call",
    ]);
    assert!(!call.contains("warehouse"), "{call}");
}

#[test]
fn competitors_go_stale_value_added_answers_the_scorecard_and_the_pack_shows_both() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    a.json(&[
        "competitor",
        "appraise",
        "Afon",
        "Rival Foods",
        "--strengths",
        "Price",
        "--weaknesses",
        "Slow to deliver",
        "--date",
        &day(-200),
    ]);
    a.json(&[
        "competitor",
        "appraise",
        "Afon",
        "Cardiff Kitchens",
        "--strengths",
        "Local",
        "--date",
        &day(-10),
    ]);
    a.refuses(&["competitor", "appraise", "Afon", "Nobody Ltd"]);
    let list = a.json(&["competitor", "list", "Afon"]);
    let stale: Vec<&str> = list
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["stale"] == true)
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(stale, ["Rival Foods"]);
    // Appraised again: one competitor, fresh.
    a.json(&[
        "competitor",
        "appraise",
        "Afon",
        "rival foods",
        "--strengths",
        "Price, now local",
    ]);
    let list = a.json(&["competitor", "list", "Afon"]);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert!(
        list.as_array()
            .expect("rows")
            .iter()
            .all(|r| r["stale"] == false),
        "{list}"
    );

    a.json(&[
        "value",
        "add",
        "Afon",
        "Export finance seminar",
        "--kind",
        "talk",
        "--value",
        "400",
    ]);
    a.refuses(&[
        "value", "add", "Afon", "Nothing", "--kind", "talk", "--value", "-5",
    ]);
    a.json(&["scorecard", "new", "Afon"]);
    let card = a.json(&["scorecard", "show", "Afon"]);
    let aa1 = card["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .find(|k| k["code"] == "AA1")
        .expect("AA1");
    assert_eq!(aa1["suggested"]["score"], 1, "{aa1}");
    a.json(&["value", "reference", "Afon", "agreed"]);
    let value = a.json(&["value", "list", "Afon"]);
    assert_eq!(value[0]["count"], 1);
    assert_eq!(value[0]["reference"], "agreed");

    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--line-manager",
        "Dewi Rowlands",
    ]);
    let pack = sb.path("pack.html");
    a.json(&["review", "pack", "Afon", "--out", s(&pack)]);
    let html = std::fs::read_to_string(&pack).expect("pack");
    assert!(
        html.contains("Cardiff Kitchens") && html.contains("Price, now local"),
        "competitors in the pack"
    );
}

#[test]
fn action_plans_hold_owned_items_and_go_out_of_date_unless_reviewed() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    a.json(&[
        "actionplan",
        "add",
        "Afon",
        "--kind",
        "marketing",
        "--title",
        "Spring campaign",
        "--objective",
        "Three new buyers",
    ]);
    a.refuses(&[
        "actionplan",
        "add",
        "Afon",
        "--kind",
        "weather",
        "--title",
        "x",
    ]);
    a.json(&[
        "actionplan",
        "item",
        "Afon",
        "Spring campaign",
        "Book the trade stand",
        "--owner",
        "Alice Morgan",
        "--due",
        &day(-3),
    ]);
    a.json(&[
        "actionplan",
        "item",
        "Afon",
        "Spring campaign",
        "Print the brochure",
        "--owner",
        "Bethan Evans",
        "--due",
        &day(20),
    ]);
    a.refuses(&[
        "actionplan",
        "item",
        "Afon",
        "Spring campaign",
        "No owner",
        "--owner",
        " ",
    ]);
    let plans = a.json(&["actionplan", "list", "Afon"]);
    let plan = &plans[0]["plan"];
    assert_eq!(
        (plan["open"].as_u64(), plan["done"].as_u64()),
        (Some(2), Some(0)),
        "{plans}"
    );
    assert_eq!(plan["overdue"].as_array().map(Vec::len), Some(1));
    assert_eq!(plan["out_of_date"], false);
    // Reviewed once a day at most; each review is a version in the history.
    a.refuses(&["actionplan", "reviewed", "Afon", "Spring campaign"]);
    let history = a.text(&["history", "Afon"]);
    assert!(
        history.contains("Action plan (marketing) for Afon Valley Foods Ltd: Spring campaign"),
        "{history}"
    );
    let welsh = a.welsh(&["actionplan", "list", "Afon"]);
    assert!(
        welsh.contains("marchnata") && welsh.contains("yn hwyr: 1"),
        "{welsh}"
    );
    a.json(&[
        "review",
        "schedule",
        "Afon",
        "--line-manager",
        "Dewi Rowlands",
    ]);
    let pack = sb.path("pack.html");
    a.json(&["review", "pack", "Afon", "--out", s(&pack)]);
    let html = std::fs::read_to_string(&pack).expect("pack");
    assert!(html.contains("Spring campaign"), "the plan in the pack");
}
