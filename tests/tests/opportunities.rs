//! Opportunities through the real binary: COSMONAUTS' current qualification across sessions
//! and its trend (OP-2), in words for people; `opp list` per client and across the portfolio;
//! `opp close` recording an outcome once (OP-4), whose lost or withdrawn risks leave the
//! account's roll-up.

use casebook_e2e::{Casebook, Sandbox, close, entry, str_field};
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

fn qualify(node: &Casebook, client: &str, opp: &str, scores: &[&str]) {
    let mut args = vec!["opp", "qualify", client, opp, "--decision", "continue"];
    for s in scores {
        args.extend(["--score", s]);
    }
    node.json(&args);
}

fn rows(v: Value) -> Vec<Value> {
    match v {
        Value::Array(rows) => rows,
        other => panic!("not a list: {other}"),
    }
}

#[test]
fn the_current_qualification_takes_the_latest_answer_per_group_and_the_trend_compares_it() {
    let (_sb, a, _) = afon();
    let opp = entry(&a.json(&["opp", "add", "Afon", "Export deal", "--value", "8000"]));
    qualify(&a, "Afon", &opp[..8], &["money=5", "need=5"]);
    let shown = a.json(&["opp", "show", "Afon", &opp[..8]]);
    assert_eq!(shown["trend"], "not-enough-sessions");
    assert_eq!(shown["scores"][0]["answered"], 2, "{shown}");
    assert!(close(&shown["scores"][0]["total"], 1.0), "{shown}");
    assert!(
        close(&shown["current"]["total"], 0.2),
        "eight unanswered groups score 0, never as if full: {shown}"
    );
    let text = a.text(&["opp", "show", "Afon", &opp[..8]]);
    assert!(text.contains("Trend: not enough sessions yet"), "{text}");
    assert!(!text.contains("NotEnoughSessions"), "{text}");
    assert!(text.contains("2 of 10 groups answered"), "{text}");

    // A later session answers money again, lower, and authority for the first time: need's
    // earlier answer still counts.
    qualify(&a, "Afon", &opp[..8], &["money=0", "authority=5"]);
    let shown = a.json(&["opp", "show", "Afon", &opp[..8]]);
    let current = &shown["current"];
    assert_eq!(current["answered"], 3, "{shown}");
    assert!(close(&current["groups"]["money"]["score"], 0.0), "{shown}");
    assert!(close(&current["groups"]["need"]["score"], 1.0), "{shown}");
    assert_eq!(
        current["groups"]["need"]["session"],
        shown["scores"][0]["session"]
    );
    assert!(close(&current["total"], 0.2), "{shown}");
    assert_eq!(
        shown["trend"], "steady",
        "the current total is 0.2 both times, though the sessions' own totals fell: {shown}"
    );
    assert_eq!(current["unanswered"].as_array().map(Vec::len), Some(7));

    qualify(&a, "Afon", &opp[..8], &["money=5", "size=5"]);
    let shown = a.json(&["opp", "show", "Afon", &opp[..8]]);
    assert_eq!(shown["trend"], "improving", "0.2 → 0.4: {shown}");
    let text = a.text(&["opp", "show", "Afon", &opp[..8]]);
    assert!(text.contains("Trend: improving"), "{text}");
    assert!(text.contains("4 of 10 groups answered"), "{text}");
    assert!(text.contains("current"), "{text}");
    assert!(
        text.contains("Not answered yet: competition, opportunity"),
        "{text}"
    );
}

#[test]
fn opp_list_shows_a_clients_opportunities_and_the_whole_pipeline() {
    let (_sb, a, afon_id) = afon();
    let bryn_id = a.add_client("Bryn Bakery", &[]);
    let export = entry(&a.json(&["opp", "add", "Afon", "Export deal", "--value", "8000"]));
    a.json(&["opp", "add", "Afon", "Shop fit-out", "--value", "1500"]);
    let ovens = entry(&a.json(&["opp", "add", "Bryn", "New ovens", "--value", "12000"]));
    qualify(&a, "Afon", &export[..8], &["money=5"]);
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Customs delay",
        "--likelihood",
        "5",
        "--severity",
        "5",
        "--opportunity",
        &export[..8],
    ]);

    let mine = rows(a.json(&["opp", "list", "Afon"]));
    assert_eq!(mine.len(), 2, "{mine:?}");
    let row = mine
        .iter()
        .find(|r| r["id"] == export.as_str())
        .expect("listed");
    assert_eq!(row["file_id"], afon_id.as_str());
    assert_eq!(row["client"], "Afon Valley Foods");
    assert_eq!(row["status"], "open");
    assert!(close(&row["value"], 8000.0));
    assert!(close(&row["qualification"], 0.1), "{row}");
    assert_eq!(row["answered"], 1);
    assert_eq!(row["trend"], "not-enough-sessions");
    assert_eq!(row["rag"], "red");

    let all = rows(a.json(&["opp", "list"]));
    assert_eq!(all.len(), 3, "{all:?}");
    let bryn = all
        .iter()
        .find(|r| r["id"] == ovens.as_str())
        .expect("listed");
    assert_eq!(bryn["file_id"], bryn_id.as_str());
    assert_eq!(bryn["client"], "Bryn Bakery");
    assert_eq!(bryn["qualification"], Value::Null);

    let table = a.text(&["opp", "list"]);
    for word in [
        "client",
        "Bryn Bakery",
        "New ovens",
        "Export deal",
        "not qualified yet",
        "10% (1/10 groups)",
        "not enough sessions yet",
        "£21500",
    ] {
        assert!(table.contains(word), "{word}:\n{table}");
    }
    assert!(!table.contains("NotEnough"), "{table}");
    let one = a.text(&["opp", "list", "Bryn"]);
    assert!(
        one.contains("New ovens") && !one.contains("Export deal"),
        "{one}"
    );

    a.json(&[
        "opp",
        "close",
        "Bryn",
        &ovens[..8],
        "--won",
        "--reason",
        "best quote",
    ]);
    let won = rows(a.json(&["opp", "list", "--status", "won"]));
    assert_eq!(won.len(), 1, "{won:?}");
    assert_eq!(won[0]["outcome"]["reason"], "best quote");
    let run = a.fails(&["opp", "list", "--status", "sold"]);
    assert!(
        run.stderr
            .contains("'sold' is not a valid opportunity status"),
        "{run}"
    );
}

#[test]
fn opp_close_records_the_outcome_once_with_a_reason_and_lost_risks_leave_the_roll_up() {
    let (_sb, a, file) = afon();
    let export = entry(&a.json(&["opp", "add", "Afon", "Export deal", "--value", "8000"]));
    let fitout = entry(&a.json(&["opp", "add", "Afon", "Shop fit-out", "--value", "1500"]));
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Late payment",
        "--likelihood",
        "2",
        "--severity",
        "3",
    ]);
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Customs delay",
        "--likelihood",
        "5",
        "--severity",
        "5",
        "--opportunity",
        &export[..8],
    ]);
    a.json(&[
        "risk",
        "add",
        "Afon",
        "Landlord refuses",
        "--likelihood",
        "4",
        "--severity",
        "4",
        "--opportunity",
        &fitout[..8],
    ]);
    assert_eq!(a.summary(&file)["rag"], "red");

    // Refused, with nothing stored: no reason, an empty one, no result, two results.
    let run = a.refuses(&["opp", "close", "Afon", &export[..8], "--lost"]);
    assert!(run.stderr.contains("--reason"), "{run}");
    let run = a.refuses(&[
        "opp",
        "close",
        "Afon",
        &export[..8],
        "--lost",
        "--reason",
        "  ",
    ]);
    assert!(run.stderr.contains("needs a reason"), "{run}");
    let run = a.refuses(&["opp", "close", "Afon", &export[..8], "--reason", "price"]);
    assert!(run.stderr.contains("--won"), "{run}");
    a.refuses(&[
        "opp",
        "close",
        "Afon",
        &export[..8],
        "--won",
        "--lost",
        "--reason",
        "x",
    ]);

    let closed = a.json(&[
        "opp",
        "close",
        "Afon",
        &export[..8],
        "--lost",
        "--reason",
        "price: a cheaper local agent",
        "--date",
        "2026-05-12",
    ]);
    assert_eq!(
        str_field(&closed, "message"),
        "Opportunity 'Export deal' lost on 2026-05-12 (£8000): price: a cheaper local agent"
    );
    let shown = a.json(&["opp", "show", "Afon", &export[..8]]);
    assert_eq!(shown["opportunity"]["status"], "lost");
    assert_eq!(
        shown["opportunity"]["outcome"],
        json!({"result": "lost", "date": "2026-05-12", "value": 8000.0,
            "reason": "price: a cheaper local agent", "by": "Alice"})
    );
    let text = a.text(&["opp", "show", "Afon", &export[..8]]);
    assert!(
        text.contains("Closed lost on 2026-05-12 (£8000) by Alice"),
        "{text}"
    );

    // Once only, and no qualifying after it.
    let run = a.refuses(&[
        "opp",
        "close",
        "Afon",
        &export[..8],
        "--won",
        "--reason",
        "x",
    ]);
    assert!(
        run.stderr.contains("closed as lost on 2026-05-12 already"),
        "{run}"
    );
    let run = a.refuses(&[
        "opp",
        "qualify",
        "Afon",
        &export[..8],
        "--score",
        "money=5",
        "--decision",
        "continue",
    ]);
    assert!(run.stderr.contains("not qualified again"), "{run}");

    // The lost order's red risk has left the account; the fit-out's is still there.
    assert_eq!(a.summary(&file)["rag"], "red");
    a.json(&[
        "opp",
        "close",
        "Afon",
        &fitout[..8],
        "--withdrawn",
        "--reason",
        "client postponed",
        "--value",
        "0",
    ]);
    let list = a.json(&["risk", "list", "Afon"]);
    assert_eq!(list["rollup"]["account"], "amber", "{list}");
    assert_eq!(a.summary(&file)["rag"], "amber");
    let text = a.text(&["risk", "list", "Afon"]);
    assert!(
        text.contains("Export deal (lost; out of the account's roll-up)"),
        "{text}"
    );
    assert!(
        text.contains("Shop fit-out (withdrawn; out of the account's roll-up)"),
        "{text}"
    );
}

#[test]
fn orders_count_the_win_rate_unreviewed_losses_and_this_year_against_last() {
    use chrono::Datelike;
    let (_sb, a, _file) = afon();
    let this_year = chrono::Local::now().date_naive().year();
    let jan = |year: i32| format!("{year}-01-01");
    for (title, outcome, date, value) in [
        ("Export deal", "--won", jan(this_year), "10000"),
        ("Old export deal", "--won", jan(this_year - 1), "4000"),
        ("Retail deal", "--lost", jan(this_year), "3000"),
        ("Catering deal", "--lost", jan(this_year - 1), "2000"),
    ] {
        a.json(&["opp", "add", "Afon", title, "--value", value]);
        a.json(&[
            "opp", "close", "Afon", title, outcome, "--reason", "price", "--date", &date,
        ]);
    }
    let orders = rows(a.json(&["opp", "orders"]));
    assert_eq!(orders.len(), 1, "{orders:?}");
    let o = &orders[0];
    assert_eq!((o["won"].as_u64(), o["lost"].as_u64()), (Some(2), Some(2)));
    assert_eq!(o["win_rate"], json!(50.0));
    assert_eq!(o["won_this_year"], json!(10000.0));
    assert_eq!(o["won_last_year_to_date"], json!(4000.0));
    assert_eq!(o["ahead_of_last_year"], true);
    assert_eq!(
        o["lost_not_reviewed_titles"],
        json!(["Catering deal", "Retail deal"]),
        "oldest first"
    );

    // A review needs notes, a lost order, and is recorded once.
    let won = a.refuses(&["opp", "review", "Afon", "Export deal", "--notes", "n"]);
    assert!(
        won.stderr.contains("only a lost order is reviewed"),
        "{}",
        won.stderr
    );
    a.refuses(&["opp", "review", "Afon", "Retail deal", "--notes", " "]);
    let said = a.text(&[
        "opp",
        "review",
        "Afon",
        "Retail deal",
        "--notes",
        "a cheaper rival",
    ]);
    assert!(
        said.starts_with("Lost order 'Retail deal' reviewed on "),
        "{said}"
    );
    a.refuses(&["opp", "review", "Afon", "Retail deal", "--notes", "again"]);
    let o = &rows(a.json(&["opp", "orders", "Afon"]))[0];
    assert_eq!(o["lost_not_reviewed_titles"], json!(["Catering deal"]));

    let table = a.text(&["opp", "orders"]);
    assert!(table.contains("50%") && table.contains("£10000"), "{table}");
    assert!(
        table.contains("1 lost order is not reviewed yet"),
        "{table}"
    );
    let welsh = a.text(&["--lang", "cy", "opp", "orders"]);
    assert!(welsh.contains("cyfradd ennill"), "{welsh}");
    assert!(
        welsh.contains("Nid yw 1 archeb a gollwyd wedi'i hadolygu eto"),
        "{welsh}"
    );
    assert_eq!(
        a.json(&["--lang", "cy", "opp", "orders"]),
        a.json(&["opp", "orders"]),
        "JSON is the same in both languages"
    );
    let history = a.text(&["--lang", "cy", "history", "Afon"]);
    assert!(
        history.contains("Adolygwyd yr archeb a gollwyd 'Retail deal'"),
        "{history}"
    );
}
