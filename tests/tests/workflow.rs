//! An adviser's day, command by command, against a real store: clients, people and the org
//! chart, the contact log and actions, risks, opportunities, the portfolio, exits and history.

use casebook_e2e::{Casebook, Sandbox, close, entry, names, str_field};
use serde_json::{Value, json};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

const ADVISER: &str = "Alice Adviser";

/// A sandbox with one initialised node holding the client "Acme Ltd".
fn acme() -> (Sandbox, Casebook, String) {
    let sb = sandbox();
    let cb = sb.init("a", ADVISER);
    // Taken on in January, so the dates the tests log fall after the intake.
    let id = cb.add_client("Acme Ltd", &["--intake-date", "2026-01-05"]);
    (sb, cb, id)
}

#[test]
fn client_add_list_edit_stage_and_exit_plan() {
    let sb = sandbox();
    let cb = sb.init("a", ADVISER);
    let added = cb.json(&[
        "client",
        "add",
        "--name",
        "Acme Ltd",
        "--segment",
        "growth",
        "--segment",
        "pre-start",
        "--postcode",
        "AB1 2CD",
        "--company-number",
        "01234567",
    ]);
    assert_eq!(added["message"], "Added client Acme Ltd");
    let id = str_field(&added, "file_id").to_string();

    let list = cb.json(&["client", "list"]);
    let rows = list.as_array().expect("client list is an array");
    assert_eq!(rows.len(), 1, "{list}");
    let row = &rows[0];
    assert_eq!(row["file_id"], id.as_str());
    assert_eq!(row["name"], "Acme Ltd");
    assert_eq!(row["postcode"], "AB1 2CD");
    assert_eq!(row["company_number"], "01234567");
    assert_eq!(row["segments"], json!(["growth", "pre-start"]));
    assert_eq!(row["lead"], ADVISER, "the lead defaults to the adviser");
    assert_eq!(row["facts"]["stage"], "enquiry");
    assert_eq!(row["has_exit_plan"], false);
    assert_eq!(row["exit_date"], Value::Null);

    let edited = cb.json(&[
        "client",
        "edit",
        "Acme Ltd",
        "--sector",
        "Retail",
        "--postcode",
        "AB9 9ZZ",
        "--add-segment",
        "export",
        "--remove-segment",
        "pre-start",
        "--deputy",
        "Dev Deputy",
    ]);
    assert_eq!(edited["file_id"], id.as_str());
    let row = cb.summary(&id);
    assert_eq!(row["postcode"], "AB9 9ZZ");
    assert_eq!(row["segments"], json!(["export", "growth"]));
    assert_eq!(row["deputy"], "Dev Deputy");
    assert_eq!(row["company_number"], "01234567", "unnamed fields stay");
    let account = cb.account(&id);
    assert_eq!(account["profile"]["sector"], "Retail");
    assert_eq!(account["team"]["deputy"], "Dev Deputy");

    // The client by its id's first characters.
    let moved = cb.json(&["client", "stage", &id[..8], "diagnostic", "--note", "met"]);
    assert!(
        str_field(&moved, "message").contains("diagnostic"),
        "{moved}"
    );
    assert_eq!(cb.summary(&id)["facts"]["stage"], "diagnostic");
    let journey = &cb.account(&id)["journey"];
    assert_eq!(journey["stage"], "diagnostic");
    let history: Vec<&Value> = journey["history"]
        .as_object()
        .expect("journey history is a map")
        .values()
        .collect();
    assert!(
        history
            .iter()
            .any(|h| h["stage"] == "diagnostic" && h["note"] == "met"),
        "{journey}"
    );

    cb.json(&[
        "client",
        "exit-plan",
        "Acme",
        "--criteria",
        "Profitable for two quarters",
        "--date",
        "2027-03-31",
        "--referral",
        "Growth Hub",
    ]);
    assert_eq!(cb.summary(&id)["has_exit_plan"], true);
    let plan = &cb.account(&id)["journey"]["exit_plan"];
    assert_eq!(plan["criteria"], "Profitable for two quarters");
    assert_eq!(plan["planned_date"], "2027-03-31");
    assert_eq!(plan["onward_referral"], "Growth Hub");
}

#[test]
fn people_coverage_and_org_chart() {
    let (_sb, cb, id) = acme();
    let jane = entry(&cb.json(&[
        "person",
        "add",
        "Acme",
        "--name",
        "Jane Smith",
        "--title",
        "CEO",
        "--role",
        "decision-maker",
    ]));
    let bob = entry(&cb.json(&[
        "person",
        "add",
        "Acme",
        "--name",
        "Bob Jones",
        "--title",
        "CFO",
        "--role",
        "influencer",
        "--reports-to",
        "Jane Smith",
    ]));
    cb.json(&[
        "person",
        "coverage",
        "Acme",
        "Bob Jones",
        "visit-planned",
        "--by",
        "Victor Visitor",
        "--for",
        "2026-06-01",
    ]);

    let chart = cb.text(&["orgchart", "Acme"]);
    let line = |name: &str| {
        chart
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no {name} in the org chart:\n{chart}"))
            .to_string()
    };
    assert!(line("Jane Smith").contains("[◎ identified]"), "{chart}");
    assert!(line("Jane Smith").contains("(decision maker)"), "{chart}");
    let bob_line = line("Bob Jones");
    assert!(bob_line.contains("[◷ visit planned]"), "{chart}");
    assert!(
        bob_line.trim_start().starts_with("└─"),
        "Bob reports to Jane:\n{chart}"
    );
    assert!(chart.contains("Coverage: 0 of 2 contacted (0%)"), "{chart}");

    let org = cb.json(&["orgchart", "Acme"]);
    assert_eq!(org["total"], 2);
    assert_eq!(org["contacted"], 0);
    let bob_json = &org["people"][&bob];
    assert_eq!(bob_json["reports_to"], jane.as_str());
    assert_eq!(bob_json["coverage"], "visit-planned");
    assert!(
        bob_json["coverage_history"]
            .as_object()
            .expect("coverage history is a map")
            .values()
            .any(|h| h["planned_for"] == "2026-06-01" && h["planned_by"] == "Victor Visitor"),
        "{bob_json}"
    );
    assert_eq!(
        org["people"][&jane]["roles"],
        json!({"decision-maker": true})
    );

    cb.json(&["person", "coverage", &id, &jane[..8], "contacted"]);
    let chart = cb.text(&["orgchart", "Acme"]);
    assert!(chart.contains("Jane Smith — CEO"), "{chart}");
    assert!(chart.contains("[✔ contacted]"), "{chart}");
    assert!(
        chart.contains("Coverage: 1 of 2 contacted (50%)"),
        "{chart}"
    );
    assert_eq!(cb.summary(&id)["people"], 2);
}

#[test]
fn log_an_interaction_then_actions_overdue_first() {
    let (_sb, cb, id) = acme();
    let logged = cb.json(&[
        "log",
        "Acme",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--at",
        "2026-05-12",
        "--minutes",
        "30",
        "--with-other",
        "Jane",
    ]);
    assert_eq!(
        logged["message"],
        "Logged outbound call with Jane (Acme Ltd): fact-finding"
    );
    let call = entry(&logged);
    let account = cb.account(&id);
    let i = &account["interactions"][&call];
    assert_eq!(i["kind"], "call");
    assert_eq!(i["direction"], "outbound");
    assert_eq!(i["purpose"], "fact-finding");
    assert_eq!(i["minutes"], 30);
    assert_eq!(i["at"], "2026-05-12T09:00:00Z", "a bare date means 09:00");
    assert_eq!(i["their_attendees"], json!(["Jane"]));
    assert_eq!(i["our_attendees"], json!([ADVISER]));
    let row = cb.summary(&id);
    assert_eq!(row["interactions"], 1);
    assert_eq!(row["contact_minutes"], 30);
    assert_eq!(row["facts"]["last_contact"], "2026-05-12T09:00:00Z");

    // Added out of order, on two clients, so the order comes from the rule, not insertion.
    let beta = cb.add_client("Beta Bakery", &[]);
    let future = entry(&cb.json(&[
        "action",
        "add",
        "Acme",
        "Renew lease",
        "--due",
        "2999-12-31",
    ]));
    let undated = entry(&cb.json(&["action", "add", "Acme", "Read the accounts"]));
    let late = entry(&cb.json(&[
        "action",
        "add",
        "Acme",
        "Send the plan",
        "--due",
        "2000-01-01",
        "--from",
        &call[..8],
        "--owner",
        "Owen Owner",
    ]));
    let beta_late = entry(&cb.json(&[
        "action",
        "add",
        &beta,
        "Chase invoice",
        "--due",
        "2001-02-03",
    ]));

    let list = cb.json(&["action", "list"]);
    let rows = list.as_array().expect("action list is an array");
    let order: Vec<&str> = rows.iter().map(|r| str_field(r, "action_id")).collect();
    assert_eq!(order, [&late, &beta_late, &future, &undated], "{list}");
    let overdue: Vec<bool> = rows.iter().map(|r| r["overdue"] == true).collect();
    assert_eq!(overdue, [true, true, false, false], "{list}");
    assert_eq!(rows[0]["client"], "Acme Ltd");
    assert_eq!(rows[1]["client"], "Beta Bakery");
    assert_eq!(rows[0]["action"]["origin"], call.as_str());
    assert_eq!(rows[0]["action"]["owner"], "Owen Owner");
    assert_eq!(rows[2]["action"]["owner"], ADVISER);

    let mine = cb.json(&["action", "list", "Acme", "--owner", "owen owner"]);
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");

    cb.json(&["action", "done", "Acme", &late[..8]]);
    let open = cb.json(&["action", "list", "Acme"]);
    let open_ids: Vec<&str> = open
        .as_array()
        .expect("action list is an array")
        .iter()
        .map(|r| str_field(r, "action_id"))
        .collect();
    assert_eq!(open_ids, [&future, &undated], "{open}");
    let all = cb.json(&["action", "list", "Acme", "--all"]);
    let done = all
        .as_array()
        .expect("action list is an array")
        .iter()
        .find(|r| r["action_id"] == late.as_str())
        .expect("--all lists done actions");
    assert_eq!(done["action"]["status"], "done");
    assert_eq!(done["overdue"], false, "a done action is not overdue");
}

#[test]
fn risk_colours_follow_the_default_matrix() {
    let (_sb, cb, _id) = acme();
    // score = likelihood × severity: ≥ 15 red, ≥ 6 amber, else green.
    let cases = [
        (1, 1, "green"),
        (1, 5, "green"),
        (5, 1, "green"),
        (2, 3, "amber"),
        (3, 2, "amber"),
        (2, 5, "amber"),
        (3, 4, "amber"),
        (3, 5, "red"),
        (4, 4, "red"),
        (5, 5, "red"),
    ];
    let mut ids = Vec::new();
    for (l, s, colour) in cases {
        let added = cb.json(&[
            "risk",
            "add",
            "Acme",
            &format!("Risk {l}x{s}"),
            "--likelihood",
            &l.to_string(),
            "--severity",
            &s.to_string(),
        ]);
        assert!(
            str_field(&added, "message").ends_with(&format!("({colour})")),
            "{l}×{s} should be {colour}: {added}"
        );
        ids.push((entry(&added), colour));
    }
    let list = cb.json(&["risk", "list", "Acme"]);
    for (id, colour) in &ids {
        assert_eq!(list["rollup"]["risks"][id], *colour, "{list}");
    }
    assert_eq!(list["rollup"]["account"], "red");
}

#[test]
fn sub_risks_roll_up_highest_colour_wins_and_assessment_changes_colour() {
    let (_sb, cb, id) = acme();
    let supplier = entry(&cb.json(&[
        "risk",
        "add",
        "Acme",
        "Key supplier failure",
        "--likelihood",
        "2",
        "--severity",
        "3",
    ]));
    let cash = entry(&cb.json(&[
        "risk",
        "add",
        "Acme",
        "Cash flow",
        "--likelihood",
        "1",
        "--severity",
        "2",
    ]));
    let debtor = entry(&cb.json(&[
        "risk",
        "add",
        "Acme",
        "Large debtor defaults",
        "--likelihood",
        "3",
        "--severity",
        "5",
        "--parent",
        &cash[..8],
    ]));

    let list = cb.json(&["risk", "list", "Acme"]);
    assert_eq!(list["risks"][&debtor]["parent"], cash.as_str());
    assert_eq!(list["rollup"]["risks"][&supplier], "amber");
    assert_eq!(
        list["rollup"]["risks"][&cash], "red",
        "a red sub-risk makes its green parent red: {list}"
    );
    assert_eq!(list["rollup"]["account"], "red");
    let row = cb.summary(&id);
    assert_eq!(row["rag"], "red");
    assert_eq!(row["open_risks"], 3);

    // Closing the sub-risk takes it out of the roll-up.
    cb.json(&["risk", "assess", "Acme", &debtor[..8], "--close"]);
    let list = cb.json(&["risk", "list", "Acme"]);
    assert_eq!(list["risks"][&debtor]["status"], "closed");
    assert_eq!(list["rollup"]["risks"][&cash], "green");
    assert_eq!(list["rollup"]["account"], "amber");
    assert_eq!(cb.summary(&id)["rag"], "amber");

    // Reassessing changes the colour, and the stored summary follows.
    let assessed = cb.json(&[
        "risk",
        "assess",
        "Acme",
        &supplier[..8],
        "--likelihood",
        "1",
        "--severity",
        "1",
    ]);
    assert!(
        str_field(&assessed, "message").ends_with("(green)"),
        "{assessed}"
    );
    let list = cb.json(&["risk", "list", "Acme"]);
    assert_eq!(list["rollup"]["risks"][&supplier], "green");
    assert_eq!(list["rollup"]["account"], "green");
    assert_eq!(cb.summary(&id)["rag"], "green");

    cb.json(&[
        "risk",
        "assess",
        "Acme",
        &cash,
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    let list = cb.json(&["risk", "list", "Acme"]);
    assert_eq!(list["risks"][&cash]["likelihood"], 4);
    assert_eq!(list["risks"][&cash]["severity"], 4);
    assert_eq!(list["rollup"]["risks"][&cash], "red");
    assert_eq!(cb.summary(&id)["rag"], "red");
}

#[test]
fn opportunity_qualification_score_and_weights() {
    let (_sb, cb, id) = acme();
    let opp = entry(&cb.json(&["opp", "add", "Acme", "Export deal", "--value", "5000"]));
    let session = cb.json(&[
        "opp",
        "qualify",
        "Acme",
        &opp[..8],
        "--score",
        "money=5",
        "--score",
        "authority=1",
        "--decision",
        "continue",
    ]);
    assert!(str_field(&session, "message").contains("60%"), "{session}");

    let shown = cb.json(&["opp", "show", "Acme", &opp]);
    assert_eq!(shown["opportunity"]["title"], "Export deal");
    assert!(close(&shown["opportunity"]["value"], 5000.0), "{shown}");
    let score = &shown["scores"][0];
    assert!(
        close(&score["total"], 0.6),
        "equal weights: (1.0 + 0.2) / 2 = 0.6: {shown}"
    );
    assert!(close(&score["groups"]["money"], 1.0), "{shown}");
    assert!(close(&score["groups"]["authority"], 0.2), "{shown}");
    assert_eq!(score["decision"], "continue");
    assert_eq!(score["unanswered"].as_array().map(Vec::len), Some(8));
    assert_eq!(cb.summary(&id)["open_opportunities"], 1);

    let set = cb.json(&["config", "weight", "authority", "3"]);
    assert_eq!(set["config"]["cosmonauts_weights"]["authority"], 3);
    assert_eq!(set["summaries_recomputed"], 1);
    assert_eq!(
        cb.json(&["config", "show"])["cosmonauts_weights"]["authority"],
        3
    );
    // The session keeps the weights it was recorded under; today's score is shown beside.
    let shown = cb.json(&["opp", "show", "Acme", &opp]);
    assert!(
        close(&shown["scores"][0]["total"], 0.6),
        "recorded with equal weights: {shown}"
    );
    assert!(
        close(&shown["scores"][0]["total_now"], 0.4),
        "(1.0×1 + 0.2×3) / 4 = 0.4 under today's weights: {shown}"
    );
}

#[test]
fn portfolio_dashboard_counts_and_flags() {
    let sb = sandbox();
    let cb = sb.init("a", ADVISER);
    let red = cb.add_client("Red Rocket", &["--segment", "growth"]);
    cb.json(&[
        "risk",
        "add",
        &red,
        "Insolvency",
        "--likelihood",
        "5",
        "--severity",
        "5",
    ]);
    let planned = cb.add_client("Planned Pantry", &["--lead", "Paul Partner"]);
    cb.json(&["client", "exit-plan", &planned, "--criteria", "Break even"]);
    let gone = cb.add_client("Gone Gardens", &[]);
    cb.json(&["client", "exit", &gone, "--reason", "failing-to-progress"]);

    let p = cb.json(&["portfolio"]);
    assert_eq!(p["active"], 2, "{p}");
    assert_eq!(p["exited"], 1, "{p}");
    assert_eq!(names(&p["no_exit_plan"]), ["Red Rocket"], "{p}");
    assert_eq!(names(&p["red_rollups"]), ["Red Rocket"], "{p}");
    assert_eq!(p["red_rollups"][0]["file_id"], red.as_str());
    assert_eq!(
        p["by_adviser"],
        json!({"Alice Adviser": 1, "Paul Partner": 1})
    );
    assert_eq!(p["by_segment"], json!({"growth": 1}));
    assert_eq!(p["churn"]["exits"], 1, "{p}");
    let enquiry = p["by_stage"]
        .as_array()
        .expect("by_stage is a list")
        .iter()
        .find(|s| s[0] == "enquiry")
        .expect("the enquiry stage is listed");
    assert_eq!(enquiry[1], 2);

    let mine = cb.json(&["portfolio", "--adviser", "Paul Partner"]);
    assert_eq!(mine["adviser"], "Paul Partner");
    assert_eq!(mine["active"], 1, "{mine}");
    assert_eq!(names(&mine["red_rollups"]), Vec::<String>::new());
}

#[test]
fn exited_clients_leave_the_list_but_not_the_store() {
    let (_sb, cb, id) = acme();
    let other = cb.add_client("Other Org", &[]);
    let exited = cb.json(&[
        "client",
        "exit",
        "Acme",
        "--reason",
        "completed-journey",
        "--date",
        "2026-05-20",
        "--outcome",
        "Trading profitably",
    ]);
    assert_eq!(exited["message"], "Exited Acme Ltd: completed-journey");

    let active = cb.json(&["client", "list"]);
    assert_eq!(names(&active), ["Other Org"], "{active}");
    let all = cb.json(&["client", "list", "--all"]);
    assert_eq!(names(&all), ["Acme Ltd", "Other Org"], "{all}");
    let row = cb.summary(&id);
    assert_eq!(row["exit_reason"], "completed-journey");
    assert_eq!(row["exit_date"], "2026-05-20");
    assert_eq!(cb.summary(&other)["exit_date"], Value::Null);
    let exit = &cb.account(&id)["journey"]["exit"];
    assert_eq!(exit["reason"], "completed-journey");
    assert_eq!(exit["outcome"], "Trading profitably");
}

#[test]
fn history_names_authors_and_show_at_and_diff_go_back() {
    let sb = sandbox();
    let cb = sb.init("a", ADVISER);
    let node_id = cb.json(&["id"])["node_id"].clone();
    let id = cb.add_client("Acme Ltd", &[]);
    cb.json(&["client", "edit", "Acme", "--sector", "Retail"]);
    cb.json(&[
        "log",
        "Acme",
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--at",
        "2026-05-12",
        "--with-other",
        "Jane",
    ]);

    let history = cb.json(&["history", "Acme"]);
    let entries = history.as_array().expect("history is an array");
    let messages: Vec<&str> = entries.iter().map(|e| str_field(e, "message")).collect();
    let ours: Vec<&Value> = entries
        .iter()
        .filter(|e| e["author"]["kind"] == "node")
        .collect();
    let our_messages: Vec<&str> = ours.iter().map(|e| str_field(e, "message")).collect();
    assert_eq!(
        our_messages,
        [
            "Added client Acme Ltd",
            "Edited Acme Ltd: sector",
            "Logged outbound call with Jane (Acme Ltd): fact-finding",
        ],
        "{history}"
    );
    for e in &ours {
        assert_eq!(e["author"]["id"], node_id, "{e}");
        assert_eq!(e["adviser"], ADVISER, "{e}");
        assert_eq!(e["origin"]["origin"]["via"], "local", "{e}");
        assert!(e["time"].is_string(), "{e}");
    }
    assert!(
        entries
            .iter()
            .filter(|e| e["author"]["kind"] == "schema")
            .all(|e| e["adviser"].is_null()),
        "{history}"
    );
    assert!(
        messages.len() > ours.len(),
        "the schema's changes are listed"
    );
    let added = str_field(ours[0], "hash").to_string();
    let edited = str_field(ours[1], "hash").to_string();

    for at in [added.as_str(), &added[..8]] {
        let then = cb.json(&["show", "Acme", "--at", at]);
        let file = &then["account_file"];
        assert_eq!(file["file_id"], id.as_str());
        assert_eq!(file["profile"]["name"], "Acme Ltd");
        assert_eq!(file["profile"]["sector"], "", "before the edit: {then}");
        assert_eq!(file["interactions"], json!({}), "before the call: {then}");
    }
    assert_eq!(cb.account("Acme")["profile"]["sector"], "Retail");

    let diff = cb.json(&["diff", "Acme", &added]);
    let lines = diff.as_array().expect("diff is an array");
    assert!(!lines.is_empty(), "{diff}");
    assert!(
        lines.iter().any(|l| l["field"] == "sector"
            && l["before"] == ""
            && l["after"] == "Retail"
            && l["op"] == "changed"),
        "{diff}"
    );
    assert!(
        lines.iter().any(|l| l["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("interactions"))
            && l["op"] == "added"),
        "{diff}"
    );
    // Between two points: only the edit.
    let step = cb.json(&["diff", "Acme", &added[..8], &edited[..8]]);
    assert_eq!(step.as_array().map(Vec::len), Some(1), "{step}");
    assert_eq!(step[0]["field"], "sector");
}
