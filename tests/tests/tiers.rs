//! Tiers of clients through the binary (PF-4, PF-5): the organisation's tiers with criteria and
//! service levels, clients moved between them with a reason, and the service each tier promises
//! judged in the portfolio: contacts and reviews due by the tier, a senior sponsor it requires.

use casebook_e2e::{Casebook, Sandbox};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn day(days_from_today: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days_from_today)).to_string()
}

fn log(cb: &Casebook, file: &str, days_ago: i64) {
    cb.log_days_ago(file, "call", days_ago, &[]);
}

/// The clients a portfolio section names.
fn names(portfolio: &Value, section: &str) -> Vec<String> {
    portfolio[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}: {portfolio}"))
        .iter()
        .map(|f| f["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_clients_tier_sets_the_service_it_is_judged_by() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    let tiers = a.json(&["tier", "list"]);
    assert_eq!(tiers.as_array().map(Vec::len), Some(2), "{tiers}");
    a.refuses(&["tier", "add", "--name", "Growth", "--contact-days", "0"]);
    a.json(&[
        "tier",
        "add",
        "--name",
        "Growth",
        "--contact-days",
        "45",
        "--review-days",
        "60",
    ]);
    a.refuses(&["tier", "add", "--name", "growth", "--contact-days", "45"]);
    a.refuses(&["tier", "set", "Growth"]);
    a.json(&["tier", "set", "Target", "--contact-days", "21"]);

    // Two clients last called 40 days ago: within the organisation's 30 days neither is; in
    // Target (21 days) one is overdue, in Standard (90 days) the other is not.
    for name in ["Afon Valley Foods Ltd", "Bryn Joinery Ltd"] {
        a.add_client(name, &["--lead", "Alice Morgan"]);
        log(&a, name.split(' ').next().unwrap_or(name), 40);
    }
    let before = a.json(&["portfolio"]);
    assert_eq!(names(&before, "overdue_contacts").len(), 2, "30 days: both");
    a.refuses(&["tier", "move", "Afon", "Target"]);
    a.refuses(&["tier", "move", "Afon", "Platinum", "--reason", "x"]);
    a.refuses(&[
        "tier",
        "move",
        "Afon",
        "Target",
        "--reason",
        "x",
        "--from",
        &day(2),
    ]);
    a.json(&[
        "tier",
        "move",
        "Afon",
        "Target",
        "--reason",
        "Growth plan agreed",
        "--from",
        &day(-10),
    ]);
    a.json(&[
        "tier",
        "move",
        "Bryn",
        "Standard",
        "--reason",
        "Asked for help",
    ]);
    a.refuses(&["tier", "move", "Bryn", "Standard", "--reason", "again"]);
    let after = a.json(&["portfolio"]);
    assert_eq!(
        names(&after, "overdue_contacts"),
        vec!["Afon Valley Foods Ltd"]
    );
    // Target requires a senior sponsor; Afon has none.
    assert_eq!(
        names(&after, "service_levels"),
        vec!["Afon Valley Foods Ltd"]
    );
    assert_eq!(after["by_tier"]["Target"], 1);
    assert_eq!(after["by_tier"]["Standard"], 1);
    // Its review is due 90 days after it entered Target: not yet.
    assert!(names(&after, "reviews_overdue").is_empty(), "{after}");
    a.json(&["client", "edit", "Afon", "--sponsor", "Dewi Rowlands"]);
    assert!(names(&a.json(&["portfolio"]), "service_levels").is_empty());

    let growth = a.json(&["tier", "move", "Bryn", "Growth", "--reason", "Export plan"]);
    let shown = a.json(&["tier", "show", "Bryn"]);
    assert_eq!(
        shown["history"].as_array().map(Vec::len),
        Some(2),
        "{shown}"
    );
    assert_eq!(shown["contact_days"], 45);
    assert_eq!(shown["history"][0]["to"], shown["history"][1]["from"]);
    let text = a.text(&["tier", "show", "Bryn"]);
    assert!(
        text.contains("Asked for help") && text.contains("Export plan"),
        "{text}"
    );

    // A move made by mistake is withdrawn: the client is back in its tier before.
    let entry = growth["entry"].as_str().expect("the move's id").to_string();
    a.json(&[
        "withdraw",
        "Bryn",
        &entry[..8],
        "--reason",
        "Moved the wrong client",
    ]);
    let back = a.json(&["tier", "show", "Bryn"]);
    assert_eq!(back["tier"]["name"], "Standard", "{back}");
    assert_eq!(back["history"].as_array().map(Vec::len), Some(1));

    a.json(&["tier", "retire", "Standard"]);
    a.refuses(&["tier", "move", "Afon", "Standard", "--reason", "Plan done"]);
    let history = a.text(&["history", "Afon"]);
    assert!(
        history.contains("Tier of Afon Valley Foods Ltd: Target from"),
        "{history}"
    );
}

#[test]
fn a_tiers_review_cadence_puts_its_clients_on_the_review_routine() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.json(&[
        "tier",
        "add",
        "--name",
        "Growth",
        "--contact-days",
        "45",
        "--review-days",
        "60",
    ]);
    a.add_client(
        "Cwm Bakery Ltd",
        &["--lead", "Alice Morgan", "--intake-date", &day(-200)],
    );
    a.json(&[
        "tier",
        "move",
        "Cwm",
        "Growth",
        "--reason",
        "Export plan",
        "--from",
        &day(-70),
    ]);
    let portfolio = a.json(&["portfolio"]);
    assert_eq!(names(&portfolio, "reviews_overdue"), vec!["Cwm Bakery Ltd"]);
    // The account's own cadence wins over the tier's.
    a.json(&["review", "cadence", "Cwm", "120"]);
    assert!(names(&a.json(&["portfolio"]), "reviews_overdue").is_empty());
    a.same_json_in_both(&["tier", "list"]);
    a.same_json_in_both(&["tier", "show", "Cwm"]);
    let welsh = a.welsh(&["tier", "list"]);
    assert!(welsh.contains("Targed"), "{welsh}");
}
