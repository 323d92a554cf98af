//! Contracts, coloured risk alerts and risk management plans through the binary (RK-3, RK-5,
//! RK-6): an order won makes its contract, whose register starts from the preventative risks
//! that applied to the order; alerts missing for ended periods and alerts below the register
//! reach the portfolio; a plan's gaps and overdue review too.

use casebook_e2e::Sandbox;
use chrono::{Duration, Utc};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// The day `days_from_today` from today, `YYYY-MM-DD`.
fn day(days_from_today: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days_from_today)).to_string()
}

/// The reasons the portfolio gives in `section` for the client, in order.
fn reasons(portfolio: &serde_json::Value, section: &str) -> Vec<serde_json::Value> {
    portfolio[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}: {portfolio}"))
        .iter()
        .map(|f| f["why"].clone())
        .collect()
}

#[test]
fn an_order_won_starts_its_contract_register_and_alerts_and_plans_are_watched() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    a.json(&["opp", "add", "Afon", "Export range", "--value", "20000"]);
    // The bid's checks: the contract terms apply (red), teamwork does not.
    for (code, extra) in [
        ("PRR12", vec!["--likelihood", "5", "--severity", "4"]),
        ("PRR16", vec!["--not-applicable", "One team on site"]),
    ] {
        let mut args = vec![
            "risk",
            "prr",
            "review",
            "Afon",
            code,
            "--opportunity",
            "Export range",
        ];
        args.extend(extra);
        a.json(&args);
    }
    // No contract from an order not won, and nothing written by the refusal.
    a.refuses(&["contract", "add", "Afon", "--opportunity", "Export range"]);
    let won = a.json(&[
        "opp",
        "close",
        "Afon",
        "Export range",
        "--won",
        "--reason",
        "Best price",
        "--date",
        &day(-100),
        "--contract-manager",
        "Bob Price",
    ]);
    assert_eq!(won["carried"], 1, "{won}");
    let contract = won["contract"].as_str().expect("a contract").to_string();
    a.refuses(&["contract", "add", "Afon", "--opportunity", "Export range"]);

    let list = a.json(&["contract", "list", "Afon"]);
    let c = &list["contracts"][0];
    assert_eq!(c["contract"], contract.as_str());
    assert_eq!(c["manager"], "Bob Price");
    assert_eq!(c["start"], day(-100).as_str());
    assert_eq!(c["value"], 20000.0);
    assert_eq!(c["colour"], "red", "the carried risk colours the contract");
    assert_eq!(
        (c["checked"].as_u64(), c["to_check"].as_u64()),
        (Some(1), Some(7))
    );
    let risks = a.json(&["risk", "list", "Afon"]);
    let carried: Vec<_> = risks["risks"]
        .as_object()
        .expect("risks")
        .iter()
        .filter(|(_, r)| r["contract"] == contract.as_str())
        .collect();
    assert_eq!(carried.len(), 1, "{risks}");
    assert_eq!(carried[0].1["owner"], "Bob Price");
    assert_eq!(carried[0].1["in_account_rollup"], true);
    let checks = a.json(&["risk", "prr", "check", "Afon"]);
    let last = checks["checklists"]
        .as_array()
        .expect("lists")
        .last()
        .cloned();
    assert_eq!(last.expect("contract's")["scope"]["kind"], "contract");

    // Alerts every 30 days from the start: three periods have ended, one alert was sent (green,
    // below the register's red), so two periods are missing and the contract is overdue.
    a.refuses(&[
        "risk",
        "alert",
        "duty",
        "Afon",
        "--contract",
        "Export range",
        "--reporter",
        "Bob Price",
        "--every",
        "0",
    ]);
    a.json(&[
        "risk",
        "alert",
        "duty",
        "Afon",
        "--contract",
        "Export range",
        "--reporter",
        "Bob Price",
        "--every",
        "30",
        "--from",
        &day(-100),
    ]);
    a.refuses(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "purple",
        "--contract",
        "Export range",
    ]);
    a.refuses(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "green",
        "--opportunity",
        "Export range",
    ]);
    let sent = a.json(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "green",
        "--contract",
        "Export range",
        "--by",
        "Bob Price",
        "--note",
        "All on track",
        "--date",
        &day(-45),
    ]);
    assert!(
        sent["message"]
            .as_str()
            .unwrap_or("")
            .ends_with("below the register (red)"),
        "{sent}"
    );
    let alerts = a.json(&["risk", "alert", "list", "Afon"]);
    let act = &alerts["activities"][0];
    assert_eq!(act["missing"].as_array().map(Vec::len), Some(2), "{act}");
    assert_eq!(act["overdue"], true);
    assert_eq!(act["below_register"], true);
    assert_eq!(act["latest"], "green");
    let text = a.text(&["risk", "alert", "list", "Afon"]);
    assert!(text.contains("(alert below it)"), "{text}");
    assert!(text.contains("overdue"), "{text}");

    // The contract's plan: one action on its risk leaves no gap; the account has no red risk
    // of its own, so it needs no plan.
    let plans = a.json(&["risk", "plan", "show", "Afon"]);
    assert_eq!(plans["without_plan"][0]["kind"], "contract", "{plans}");
    a.refuses(&[
        "risk",
        "plan",
        "review",
        "Afon",
        "--contract",
        "Export range",
        "--notes",
        "x",
    ]);
    a.json(&[
        "risk",
        "plan",
        "start",
        "Afon",
        "--contract",
        "Export range",
        "--owner",
        "Bob Price",
        "--review-every",
        "30",
    ]);
    let plans = a.json(&["risk", "plan", "show", "Afon"]);
    let plan = &plans["plans"][0]["plan"];
    assert_eq!(plan["gaps"].as_array().map(Vec::len), Some(1), "{plans}");
    let portfolio = a.json(&["portfolio"]);
    let alert_reasons = reasons(&portfolio, "risk_alerts");
    assert!(
        alert_reasons
            .iter()
            .any(|w| w["kind"] == "risk-alert-overdue" && w["reporter"] == "Bob Price"),
        "{alert_reasons:?}"
    );
    assert!(
        alert_reasons
            .iter()
            .any(|w| w["kind"] == "alerts-below-register" && w["count"] == 1),
        "{alert_reasons:?}"
    );
    assert!(
        reasons(&portfolio, "risk_plans")
            .iter()
            .any(|w| w["kind"] == "risk-plan-gaps" && w["count"] == 1),
        "{portfolio}"
    );
    let risk_id = carried[0].0.clone();
    // An action on a risk of another scope is refused.
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Late payment",
        "--likelihood",
        "2",
        "--severity",
        "2",
    ]);
    a.refuses(&[
        "risk",
        "plan",
        "action",
        "Afon",
        "Late payment",
        "Chase",
        "--contract",
        "Export range",
        "--owner",
        "Bob Price",
    ]);
    a.json(&[
        "risk",
        "plan",
        "action",
        "Afon",
        &risk_id,
        "Agree a liability cap",
        "--contract",
        "Export range",
        "--owner",
        "Bob Price",
        "--due",
        &day(14),
    ]);
    a.json(&[
        "risk",
        "plan",
        "review",
        "Afon",
        "--contract",
        "Export range",
        "--notes",
        "Cap agreed in principle",
    ]);
    let plans = a.json(&["risk", "plan", "show", "Afon"]);
    let plan = &plans["plans"][0]["plan"];
    assert_eq!(plan["gaps"].as_array().map(Vec::len), Some(0), "{plans}");
    assert_eq!(plan["per_response"]["none"], 1);
    assert_eq!(plans["plans"][0]["review"], "current");
    assert!(reasons(&a.json(&["portfolio"]), "risk_plans").is_empty());

    // An alert typed by mistake is withdrawn: it leaves the list and the flag with it.
    let alert = sent["entry"].as_str().expect("the alert's id").to_string();
    a.json(&[
        "withdraw",
        "Afon",
        &alert[..8],
        "--reason",
        "Colour typed wrong",
    ]);
    let alerts = a.json(&["risk", "alert", "list", "Afon"]);
    let act = &alerts["activities"][0];
    assert_eq!(act["below_register"], false, "{act}");
    assert_eq!(act["missing"].as_array().map(Vec::len), Some(3));
    assert!(
        !reasons(&a.json(&["portfolio"]), "risk_alerts")
            .iter()
            .any(|w| w["kind"] == "alerts-below-register")
    );
    // A day not come yet is refused.
    a.refuses(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "red",
        "--contract",
        "Export range",
        "--date",
        &day(3),
    ]);
    a.refuses(&["contract", "end", "Afon", "Export range", "--date", &day(3)]);

    // Ending the contract takes its risks out of the account's colour, and it sends no more.
    assert_eq!(a.clients()[0]["rag"], "red");
    a.json(&["contract", "end", "Afon", "Export range", "--date", &day(0)]);
    a.refuses(&["contract", "end", "Afon", "Export range"]);
    assert_ne!(a.clients()[0]["rag"], "red");
    a.refuses(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "red",
        "--contract",
        "Export range",
    ]);
    // History says it in words.
    let history = a.text(&["history", "Afon"]);
    for words in [
        "Contract 'Export range' made (manager Bob Price",
        "Preventative risk PRR12 for contract 'Export range': applies",
        "Risk alert for contract 'Export range': green from Bob Price",
        "Risk management plan for contract 'Export range': action on",
        "Contract 'Export range' ended on",
    ] {
        assert!(history.contains(words), "{words}: {history}");
    }
}

#[test]
fn contract_and_alert_commands_speak_welsh_with_the_same_json() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    a.json(&["opp", "add", "Afon", "Export range", "--value", "20000"]);
    a.json(&[
        "opp",
        "close",
        "Afon",
        "Export range",
        "--won",
        "--reason",
        "Best price",
        "--date",
        &day(-40),
    ]);
    a.json(&[
        "risk",
        "alert",
        "duty",
        "Afon",
        "--contract",
        "Export range",
        "--reporter",
        "Alice Morgan",
        "--from",
        &day(-40),
    ]);
    a.json(&["risk", "plan", "start", "Afon"]);
    for args in [
        vec!["contract", "list", "Afon"],
        vec!["risk", "alert", "list", "Afon"],
        vec!["risk", "plan", "show", "Afon"],
    ] {
        a.same_json_in_both(&args);
        let english = a.text(&args);
        let welsh = a.welsh(&args);
        assert_ne!(english, welsh, "{args:?} in Welsh");
    }
    let refused = a.welsh_fails(&[
        "risk",
        "alert",
        "send",
        "Afon",
        "green",
        "--opportunity",
        "Export range",
    ]);
    assert!(
        refused
            .stderr
            .contains("anfonir rhybuddion tra bo cyfle'n cael ei ddilyn"),
        "{refused}"
    );
}
