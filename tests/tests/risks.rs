//! The risk register's roll-up through the real binary (RK-1, RK-2): accepting needs a note,
//! upside risks are shown apart and never raise a colour, a sub-risk keeps its parent's scope
//! and is never hidden by a closed parent, risks of an ended opportunity leave the account, and
//! data another Automerge tool wrote (a parent cycle, a likelihood of 9) hides no risk.

use casebook::automerge::ScalarValue;
use casebook_e2e::{Casebook, Sandbox, another_tool_sets, entry, names};
use serde_json::{Value, json};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// A sandbox with Alice's node holding the client "Afon Valley Foods".
fn afon() -> (Sandbox, Casebook, String) {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    let file = a.add_client("Afon Valley Foods", &[]);
    (sb, a, file)
}

/// `risk add Afon TITLE --likelihood L --severity S EXTRA...`; the new risk's id.
fn add_risk(node: &Casebook, title: &str, l: u8, sev: u8, extra: &[&str]) -> String {
    let (l, sev) = (l.to_string(), sev.to_string());
    let mut args = vec![
        "risk",
        "add",
        "Afon",
        title,
        "--likelihood",
        &l,
        "--severity",
        &sev,
    ];
    args.extend_from_slice(extra);
    entry(&node.json(&args))
}

#[test]
fn accepting_a_risk_when_adding_it_needs_a_contingency_note() {
    let (_sb, a, _) = afon();
    let run = a.refuses(&[
        "risk",
        "add",
        "Afon",
        "Currency swings",
        "--likelihood",
        "3",
        "--severity",
        "3",
        "--response",
        "accept",
    ]);
    assert!(
        run.stderr
            .contains("accepting a risk needs a budget and contingency note"),
        "{run}"
    );
    assert!(run.stderr.contains("--mitigation"), "{run}");
    add_risk(
        &a,
        "Currency swings",
        3,
        3,
        &[
            "--response",
            "accept",
            "--mitigation",
            "£2k budget held; hedge if over 5%",
        ],
    );
}

#[test]
fn upside_risks_never_raise_the_accounts_colour_and_are_listed_apart() {
    let (_sb, a, file) = afon();
    let threat = add_risk(&a, "Late payment", 1, 1, &[]);
    let upside = add_risk(
        &a,
        "Grant may cover the new line",
        5,
        5,
        &["--polarity", "opportunity"],
    );
    let list = a.json(&["risk", "list", "Afon"]);
    assert_eq!(list["rollup"]["account"], "green", "{list}");
    assert_eq!(list["rollup"]["upside"], "red", "{list}");
    assert_eq!(list["upside"][&upside]["rag"], "red", "{list}");
    assert_eq!(list["upside"][&upside]["polarity"], "opportunity");
    assert!(list["risks"].get(&upside).is_none(), "{list}");
    assert_eq!(list["risks"][&threat]["rag"], "green");
    let summary = a.summary(&file);
    assert_eq!(summary["rag"], "green", "{summary}");
    assert_eq!(summary["open_risks"], 2, "{summary}");
    assert_eq!(a.json(&["portfolio"])["red_rollups"], json!([]));

    let text = a.text(&["risk", "list", "Afon"]);
    let upside_at = text.find("Upside risks").expect("an upside section");
    assert!(
        text.find("Grant may cover")
            .is_some_and(|at| at > upside_at),
        "{text}"
    );
    assert!(
        text.find("Late payment").is_some_and(|at| at < upside_at),
        "{text}"
    );
    assert!(
        text.contains("Account roll-up (highest colour wins): ○ green"),
        "{text}"
    );
    assert!(text.contains("Upside roll-up"), "{text}");
}

#[test]
fn closing_a_parent_hides_no_open_sub_risk_and_the_sub_risk_keeps_its_parents_scope() {
    let (_sb, a, file) = afon();
    let opp = entry(&a.json(&["opp", "add", "Afon", "Export deal", "--value", "8000"]));
    let other = entry(&a.json(&["opp", "add", "Afon", "Shop fit-out"]));
    let parent = add_risk(&a, "Export paperwork", 1, 1, &["--opportunity", &opp[..8]]);
    // A sub-risk given another opportunity than its parent's is refused, nothing stored.
    let run = a.refuses(&[
        "risk",
        "add",
        "Afon",
        "Customs delay",
        "--likelihood",
        "5",
        "--severity",
        "5",
        "--parent",
        &parent[..8],
        "--opportunity",
        &other[..8],
    ]);
    assert!(run.stderr.contains("keeps its parent's scope"), "{run}");
    assert!(run.stderr.contains("'Export deal'"), "{run}");
    let sub = add_risk(&a, "Customs delay", 5, 5, &["--parent", &parent[..8]]);
    assert_eq!(
        a.account("Afon")["risks"][&sub]["opportunity"],
        opp.as_str(),
        "the sub-risk is written with its parent's scope"
    );

    a.json(&["risk", "assess", "Afon", &parent[..8], "--close"]);
    let list = a.json(&["risk", "list", "Afon"]);
    assert_eq!(list["risks"][&parent]["status"], "closed");
    assert_eq!(list["risks"][&sub]["scope"], opp.as_str(), "{list}");
    assert_eq!(
        list["rollup"]["risks"][&parent], "red",
        "the closed parent's tree still shows its open sub-risk: {list}"
    );
    assert_eq!(list["rollup"]["opportunities"][&opp], "red", "{list}");
    assert_eq!(list["rollup"]["account"], "red");
    assert_eq!(a.summary(&file)["rag"], "red");
    assert_eq!(a.json(&["opp", "show", "Afon", &opp[..8]])["rollup"], "red");
    let text = a.text(&["risk", "list", "Afon"]);
    assert!(text.contains("└ Customs delay"), "{text}");
    assert!(text.contains("opp: Export deal"), "{text}");
}

#[test]
fn risks_of_an_opportunity_qualified_out_leave_the_accounts_roll_up() {
    let (_sb, a, file) = afon();
    let opp = entry(&a.json(&["opp", "add", "Afon", "Export deal"]));
    add_risk(&a, "Late payment", 2, 3, &[]);
    let risk = add_risk(&a, "Customs delay", 5, 5, &["--opportunity", &opp[..8]]);
    assert_eq!(a.summary(&file)["rag"], "red");
    a.json(&[
        "opp",
        "qualify",
        "Afon",
        &opp[..8],
        "--score",
        "money=0",
        "--decision",
        "qualify-out",
    ]);
    let list = a.json(&["risk", "list", "Afon"]);
    assert_eq!(list["rollup"]["account"], "amber", "{list}");
    assert_eq!(list["rollup"]["opportunities"][&opp], "red", "{list}");
    assert_eq!(list["risks"][&risk]["in_account_rollup"], false, "{list}");
    let summary = a.summary(&file);
    assert_eq!(summary["rag"], "amber", "{summary}");
    assert_eq!(summary["open_risks"], 1, "{summary}");
    let text = a.text(&["risk", "list", "Afon"]);
    assert!(
        text.contains("qualified out; out of the account's roll-up"),
        "{text}"
    );
}

#[test]
fn a_parent_cycle_written_by_another_tool_hides_no_risk_and_is_flagged() {
    let (sb, a, file) = afon();
    let top = add_risk(&a, "Cash flow", 1, 1, &[]);
    let sub = add_risk(&a, "Large debtor defaults", 5, 5, &["--parent", &top[..8]]);
    another_tool_sets(
        &sb,
        &a,
        &[(&top, "parent", ScalarValue::from(sub.as_str()))],
    );
    assert_eq!(a.account("Afon")["risks"][&top]["parent"], sub.as_str());

    let list = a.json(&["risk", "list", "Afon"]);
    let (low, high) = if top < sub {
        (&top, &sub)
    } else {
        (&sub, &top)
    };
    assert_eq!(list["problems"][0]["problem"], "parent_cycle", "{list}");
    assert_eq!(list["problems"][0]["risks"], json!([low, high]), "{list}");
    assert_eq!(list["problems"][0]["shown_top_level"], low.as_str());
    let words = list["problems"][0]["words"].as_str().expect("words");
    assert!(
        words.contains("'Cash flow'") && words.contains("name each other"),
        "{words}"
    );
    assert_eq!(list["risks"][&top]["parent_cycle"], true);
    assert_eq!(list["rollup"]["risks"][low], "red", "{list}");
    assert_eq!(list["rollup"]["account"], "red");
    assert_eq!(a.summary(&file)["risk_problems"], 1);
    let p = a.json(&["portfolio"]);
    assert_eq!(
        names(&p["risk_data_problems"]),
        ["Afon Valley Foods"],
        "{p}"
    );
    let dashboard = a.text(&["portfolio"]);
    assert!(
        dashboard.contains("✘ Risk registers with data problems: 1"),
        "{dashboard}"
    );

    let text = a.text(&["risk", "list", "Afon"]);
    for title in ["Cash flow", "Large debtor defaults"] {
        assert!(text.contains(title), "{title} is listed:\n{text}");
    }
    assert!(text.contains("(parent cycle)"), "{text}");
    assert!(text.contains("Data problems"), "{text}");
    assert!(
        text.contains("└ "),
        "the other is shown under the one kept on top:\n{text}"
    );
}

#[test]
fn a_likelihood_of_9_written_by_another_tool_is_shown_invalid_and_counts_red_until_corrected() {
    let (sb, a, file) = afon();
    let risk = add_risk(&a, "Key supplier failure", 1, 1, &[]);
    another_tool_sets(&sb, &a, &[(&risk, "likelihood", ScalarValue::Uint(9))]);

    let list = a.json(&["risk", "list", "Afon"]);
    let row = &list["risks"][&risk];
    assert_eq!(row["likelihood"], 9);
    assert_eq!(row["rag"], "red", "{list}");
    assert_eq!(row["invalid"], json!([{"field": "likelihood", "value": 9}]));
    assert_eq!(list["rollup"]["account"], "red", "never dropped: {list}");
    assert_eq!(list["problems"][0]["problem"], "out_of_range");
    let summary = a.summary(&file);
    assert_eq!(summary["rag"], "red", "{summary}");
    assert_eq!(summary["risk_problems"], 1, "{summary}");
    assert_eq!(
        names(&a.json(&["portfolio"])["red_rollups"]),
        ["Afon Valley Foods"]
    );
    let text = a.text(&["risk", "list", "Afon"]);
    assert!(text.contains("● red (invalid: likelihood 9)"), "{text}");
    assert!(text.contains("off the 1–5 scale"), "{text}");

    // Corrected by an adviser: the colour is the matrix's again and the flag goes.
    a.json(&["risk", "assess", "Afon", &risk[..8], "--likelihood", "1"]);
    let list = a.json(&["risk", "list", "Afon"]);
    assert_eq!(list["rollup"]["account"], "green", "{list}");
    assert_eq!(list["problems"], json!([]));
    assert_eq!(list["risks"][&risk]["invalid"], json!([]));
    assert_eq!(a.summary(&file)["risk_problems"], Value::from(0));

    // Values off every scale (negative, too large, text) leave the file readable: each reads
    // as 0, shown invalid and counted red.
    for odd in [
        ScalarValue::Int(-1),
        ScalarValue::Uint(300),
        ScalarValue::Str("high".into()),
    ] {
        another_tool_sets(&sb, &a, &[(&risk, "severity", odd.clone())]);
        let list = a.json(&["risk", "list", "Afon"]);
        assert_eq!(list["risks"][&risk]["rag"], "red", "{odd:?}: {list}");
        assert_eq!(list["rollup"]["account"], "red", "{odd:?}: {list}");
        a.json(&["risk", "assess", "Afon", &risk[..8], "--severity", "1"]);
    }
}
