//! The Preventative Risk Register through the binary (RK-4): the organisation's register, the
//! checklists of the account and each open opportunity, a risk raised where an item applies,
//! a reason where it does not, and a reactive risk promoted to the register.

use casebook_e2e::Sandbox;

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn every_account_and_opportunity_is_checked_against_the_register() {
    let sb = sandbox();
    let a = sb.init("a", "Alice Morgan");
    a.add_client("Afon Valley Foods Ltd", &["--lead", "Alice Morgan"]);
    let register = a.json(&["risk", "prr", "list"]);
    assert_eq!(register.as_array().map(Vec::len), Some(16));
    a.json(&["opp", "add", "Afon", "Export range", "--value", "20000"]);
    let check = a.json(&["risk", "prr", "check", "Afon"]);
    let lists = check["checklists"].as_array().expect("checklists");
    assert_eq!(lists.len(), 2, "the account's and the opportunity's");
    assert_eq!(lists[0]["lines"].as_array().map(Vec::len), Some(9));
    assert_eq!(lists[1]["lines"].as_array().map(Vec::len), Some(7));
    assert_eq!(lists[0]["done"], 0);

    // It applies: the risk is raised, scored, in the register; once only.
    a.json(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR6",
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    a.refuses(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR6",
        "--likelihood",
        "2",
        "--severity",
        "2",
    ]);
    // It does not apply: the reason is required.
    a.refuses(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR4",
        "--not-applicable",
        " ",
    ]);
    a.json(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR4",
        "--not-applicable",
        "Exit plan agreed in May",
    ]);
    // An opportunity's item for the opportunity, not the account.
    a.refuses(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR13",
        "--likelihood",
        "3",
        "--severity",
        "3",
    ]);
    a.json(&[
        "risk",
        "prr",
        "review",
        "Afon",
        "PRR13",
        "--opportunity",
        "Export range",
        "--likelihood",
        "3",
        "--severity",
        "3",
    ]);
    let risks = a.json(&["risk", "list", "Afon"]);
    let titles: Vec<&str> = risks["risks"]
        .as_object()
        .expect("risks")
        .values()
        .filter_map(|r| r["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"The client's business performance or stability")
            && titles.contains(&"Timescales and deadlines"),
        "{titles:?}"
    );
    let check = a.json(&["risk", "prr", "check", "Afon"]);
    assert_eq!(check["checklists"][0]["done"], 2);
    assert_eq!(check["checklists"][1]["done"], 1);

    // A reactive risk joins the register for every account from now on.
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Flooding of the yard",
        "--likelihood",
        "2",
        "--severity",
        "5",
    ]);
    a.json(&["risk", "prr", "promote", "Afon", "Flooding of the yard"]);
    let register = a.json(&["risk", "prr", "list"]);
    assert!(
        register
            .as_array()
            .expect("register")
            .iter()
            .any(|i| i["code"] == "PRR17" && i["text"] == "Flooding of the yard"),
        "{register}"
    );
    a.json(&["risk", "prr", "retire", "PRR17"]);
    let welsh = a.welsh(&["risk", "prr", "check", "Afon"]);
    assert!(
        welsh.contains("Perfformiad busnes neu sefydlogrwydd y cleient"),
        "{welsh}"
    );
}
