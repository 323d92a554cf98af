//! Effort, capacity and balance through the binary (CL-3, PF-5, PF-2): hours logged with
//! contacts over a period by client, tier and adviser, against each tier's budget and each
//! adviser's capacity, the load in the portfolio, and the caseload's balance against bands.

use casebook_e2e::{Casebook, Sandbox};
use serde_json::Value;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn log(cb: &Casebook, file: &str, days_ago: i64, minutes: &str) {
    cb.log_days_ago(file, "meeting", days_ago, &["--minutes", minutes]);
}

fn row<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["name"] == name))
        .unwrap_or_else(|| panic!("no row {name}: {report}"))
}

#[test]
fn effort_is_counted_against_tier_budgets_and_adviser_capacity() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    for (name, tier) in [
        ("Afon Valley Foods Ltd", "Target"),
        ("Bryn Joinery Ltd", "Standard"),
    ] {
        a.add_client(name, &["--lead", "Alice Morgan"]);
        let short = name.split(' ').next().unwrap_or(name);
        a.json(&["tier", "move", short, tier, "--reason", "Diagnostic done"]);
    }
    // Afon: 30 hours this year against Target's 24; Bryn: an hour against Standard's 6.
    for days_ago in [3, 20, 40] {
        log(&a, "Afon", days_ago, "600");
    }
    log(&a, "Bryn", 5, "60");
    let by_client = a.same_json_in_both(&["effort"]);
    assert_eq!(by_client["months"], 12);
    let afon = row(&by_client, "Afon Valley Foods Ltd");
    assert_eq!(
        (afon["hours"].as_f64(), afon["budget"].as_f64()),
        (Some(30.0), Some(24.0))
    );
    assert_eq!(afon["over_budget"], true);
    let bryn = row(&by_client, "Bryn Joinery Ltd");
    assert_eq!(
        (bryn["hours"].as_f64(), bryn["over_budget"].as_bool()),
        (Some(1.0), Some(false))
    );
    let by_tier = a.json(&["effort", "--by", "tier"]);
    assert_eq!(row(&by_tier, "Target")["clients"], 1);
    // From yesterday: the budget is the months' share of the year's.
    let from = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
    let recent = a.json(&["effort", "--from", &from]);
    let months = recent["months"].as_f64().expect("months");
    assert_eq!(
        row(&recent, "Bryn Joinery Ltd")["budget"].as_f64(),
        Some(6.0 * months / 12.0),
        "Standard's 6 hours a year for {months} month(s)"
    );
    assert!(months <= 2.0);
    a.refuses(&["effort", "--by", "postcode"]);
    a.refuses(&["effort", "--from", "2026-12-01", "--to", "2026-11-01"]);

    // Capacity: one client and 20 hours a year; Alice leads two and logged 31 hours.
    a.refuses(&["config", "capacity", " ", "--clients", "1"]);
    a.json(&[
        "config",
        "capacity",
        "Alice Morgan",
        "--clients",
        "1",
        "--hours",
        "20",
    ]);
    let portfolio = a.json(&["portfolio"]);
    let load = portfolio["load"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["adviser"] == "Alice Morgan"))
        .cloned()
        .unwrap_or_else(|| panic!("{portfolio}"));
    assert_eq!(
        (load["clients"].as_u64(), load["over"].as_bool()),
        (Some(2), Some(true))
    );
    let by_adviser = a.json(&["effort", "--by", "adviser"]);
    assert_eq!(row(&by_adviser, "Alice Morgan")["over_budget"], true);
    let text = a.text(&["portfolio"]);
    assert!(text.contains("Load against capacity"), "{text}");
    let welsh = a.welsh(&["effort"]);
    assert!(welsh.contains("Ymdrech o"), "{welsh}");
    a.json(&["config", "capacity", "Alice Morgan"]);
    let cleared = a.json(&["portfolio"]);
    assert!(
        cleared["load"]
            .as_array()
            .is_some_and(|l| l.iter().all(|x| x["capacity"].is_null())),
        "capacity 0 and 0 removes it: {cleared}"
    );
}

#[test]
fn the_caseload_is_weighed_against_the_organisations_bands() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    for (name, segment) in [
        ("Afon Valley Foods Ltd", "start-up"),
        ("Bryn Joinery Ltd", "start-up"),
        ("Cwm Bakery Ltd", "growth"),
    ] {
        a.add_client(name, &["--lead", "Alice Morgan", "--segment", segment]);
    }
    a.refuses(&[
        "config", "band", "segment", "start-up", "--min", "50", "--max", "20",
    ]);
    a.refuses(&["config", "band", "postcode", "LL", "--max", "20"]);
    a.refuses(&["config", "band", "stage", "nowhere", "--max", "20"]);
    a.refuses(&["config", "band", "churn", "start-up", "--max", "20"]);
    a.json(&["config", "band", "segment", "start-up", "--max", "50"]);
    a.json(&["config", "band", "stage", "enquiry", "--min", "10"]);
    a.json(&["config", "band", "churn", "--min", "5", "--max", "30"]);
    let portfolio = a.json(&["portfolio"]);
    let band = |measure: &str, name: &str| {
        portfolio["balance"]
            .as_array()
            .and_then(|b| {
                b.iter()
                    .find(|x| x["measure"] == measure && x["name"] == name)
                    .cloned()
            })
            .unwrap_or_else(|| panic!("no band {measure} {name}: {portfolio}"))
    };
    let start_ups = band("segment", "start-up");
    assert_eq!(
        start_ups["outside"], true,
        "2 of 3 is above 50%: {start_ups}"
    );
    assert_eq!(band("stage", "enquiry")["outside"], false, "all in enquiry");
    assert_eq!(band("churn", "")["outside"], true, "no exits: below 5%");
    let text = a.text(&["portfolio"]);
    assert!(text.contains("outside the band"), "{text}");
    a.json(&["config", "band", "segment", "start-up"]);
    let cleared = a.json(&["portfolio"]);
    assert_eq!(
        cleared["balance"].as_array().map(Vec::len),
        Some(2),
        "{cleared}"
    );
}
