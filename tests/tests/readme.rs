//! The README's walkthrough ("An adviser's day"), run letter by letter in a fresh home
//! directory with `casebook` on the PATH, as a newcomer would paste it into a shell.

use casebook_e2e::{Sandbox, readme_block, run_shell, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn the_readme_walkthrough_runs_letter_by_letter() {
    let sb = sandbox();
    let out = run_shell(
        &sb,
        &readme_block("## An adviser's day"),
        &[("TZ", "Europe/London")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the walkthrough failed ({:?})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );

    // What the walkthrough did is in the store it made.
    let node = sb.node("home/casebook");
    let clients = node.clients();
    assert_eq!(clients.len(), 1, "{clients:?}");
    let afon = &clients[0];
    assert_eq!(str_field(afon, "name"), "Afon Valley Foods Ltd");
    assert_eq!(afon["facts"]["stage"], "diagnostic");
    assert_eq!(afon["has_exit_plan"], true);
    assert_eq!(afon["rag"], "amber", "4x4 reassessed to 2x4: {afon}");
    let account = node.account(str_field(afon, "file_id"));
    let rhys = account["people"]
        .as_object()
        .expect("people")
        .values()
        .find(|p| p["name"] == "Rhys Jones")
        .expect("Rhys Jones");
    assert_eq!(
        rhys["coverage"], "contacted",
        "the call --with him covers him"
    );
    // Its output reads as the comments say.
    assert!(stdout.contains("Afon Valley Foods Ltd"), "{stdout}");
    assert!(stdout.contains("Coverage:"), "{stdout}");
}

#[test]
fn the_account_managers_month_runs_letter_by_letter() {
    let sb = sandbox();
    let out = run_shell(&sb, &readme_block("## An account manager's month"), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the month failed ({:?})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    let node = sb.node("home/casebook");
    let month = node.json(&["scorecard", "show", "Afon"]);
    assert!(month["finalised"].is_object(), "{month}");
    assert_eq!(
        month["attention"],
        serde_json::json!(["management", "sales"])
    );
    let actions = node.account("Afon")["actions"].clone();
    let titles: Vec<&str> = actions
        .as_object()
        .expect("actions")
        .values()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"A2: Book the appraisal")
            && titles.contains(&"E1: Propose the export range"),
        "{titles:?}"
    );
    let portfolio = node.json(&["portfolio"]);
    assert_eq!(
        portfolio["level1_failures"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(sb.path("home/afon-trend.svg").exists());
    let survey = node.json(&["survey", "analyse", "Afon"]);
    assert_eq!(survey["analysis"]["overall_rate"], 100.0, "{survey}");
    assert_eq!(survey["improvements"].as_array().map(Vec::len), Some(1));
    let contracts = node.json(&["contract", "list", "Afon"]);
    assert_eq!(
        contracts["contracts"][0]["manager"], "Gareth Hughes",
        "{contracts}"
    );
    assert_eq!(
        contracts["contracts"][0]["checked"], 1,
        "PRR12 carried from the bid"
    );
    let plans = node.json(&["risk", "plan", "show", "Afon"]);
    assert_eq!(
        plans["plans"][0]["plan"]["gaps"],
        serde_json::json!([]),
        "{plans}"
    );
    let review = node.json(&["review", "show", "Afon"]);
    assert!(review["detail"]["closed"].is_object(), "{review}");
    let pack = std::fs::read_to_string(sb.path("home/afon-review.html")).expect("the pack");
    assert!(pack.contains("Review pack: Afon Valley Foods Ltd"));
    assert!(
        pack.contains("Rival Foods") && pack.contains("Dewi Rowlands"),
        "the plan and the competitor in the pack"
    );
}
