//! A recorded judgement keeps the rules it was made under: a COSMONAUTS session recorded with
//! one set of weights keeps its score after the organisation changes them, and today's score
//! is shown beside it, through the real binary.

use casebook_e2e::{Sandbox, entry};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

#[test]
fn a_qualification_session_keeps_its_score_when_the_weights_change() {
    let sb = sandbox();
    let a = sb.init("a", "Alice");
    a.add_client("Afon Valley Foods", &[]);
    let opp = entry(&a.json(&["opp", "add", "Afon", "Export growth programme"]));
    let qualified = a.json(&[
        "opp",
        "qualify",
        "Afon",
        &opp,
        "--score",
        "money=5",
        "--score",
        "authority=0",
        "--decision",
        "continue",
    ]);
    let message = qualified["message"].as_str().expect("message").to_string();
    assert!(message.contains("50%"), "{message}");

    let before = a.json(&["opp", "show", "Afon", &opp]);
    assert_eq!(before["scores"][0]["total"], 0.5, "{before}");
    assert_eq!(before["scores"][0]["weights_recorded"], true);

    a.json(&["config", "weight", "authority", "3"]);
    let after = a.json(&["opp", "show", "Afon", &opp]);
    assert_eq!(
        after["scores"][0]["total"], 0.5,
        "the judgement stands: {after}"
    );
    assert_eq!(after["scores"][0]["total_now"], 0.25, "{after}");
    let history = a.json(&["history", "Afon"]);
    assert!(
        history
            .as_array()
            .expect("entries")
            .iter()
            .any(|h| h["message"] == message.as_str()),
        "history still says what was recorded: {history}"
    );
    let table = a.text(&["opp", "show", "Afon", &opp]);
    assert!(table.contains("with today's weights"), "{table}");
    assert!(table.contains("50%") && table.contains("25%"), "{table}");
}
