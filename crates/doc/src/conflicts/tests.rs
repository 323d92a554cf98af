//! Tests of conflict listing and resolution on forked documents.
use super::*;
use crate::edit::{self, RiskAssessment};
use crate::enums::*;
use crate::model::{Action, ExitPlan, Interaction};
use crate::test_support::{ALICE, client_with_risk, ctx};
use crate::{OrgConfig, view};
use automerge::transaction::{Transactable, Transaction};
use casebook_base::NodeId;
use chrono::TimeZone;

const BOB: [u8; 32] = [0xB2; 32];

/// Alice's node creates a client with one risk; Bob's node holds a copy. Returns both
/// documents (actors are 32-byte node ids, as on real nodes) and the risk's id.
fn two_nodes() -> (Automerge, Automerge, Uuid) {
    let (alice, risk) = client_with_risk(2, 4);
    let bob = alice.fork().with_actor(ActorId::from(&BOB[..]));
    (alice, bob, risk)
}

fn assess(doc: &mut Automerge, who: &str, day: u32, risk: Uuid, likelihood: u8) {
    edit::assess_risk(
        doc,
        &ctx(who, day),
        &OrgConfig::default(),
        risk,
        &RiskAssessment {
            likelihood: Some(likelihood),
            ..Default::default()
        },
    )
    .unwrap();
}

fn merge_both_ways(a: &mut Automerge, b: &mut Automerge) {
    a.merge(b).unwrap();
    b.merge(a).unwrap();
    assert_eq!(a.get_heads(), b.get_heads());
}

#[test]
fn concurrent_assessments_conflict_in_the_domains_words() {
    let (mut alice, mut bob, risk) = two_nodes();
    assess(&mut alice, "Alice", 12, risk, 3);
    assess(&mut bob, "Bob", 12, risk, 4);
    assert!(
        conflicts(&alice).unwrap().is_empty(),
        "no conflict before merging"
    );
    merge_both_ways(&mut alice, &mut bob);

    let found = conflicts(&alice).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    assert_eq!(c.what, "risk 'Key supplier failure' likelihood");
    assert_eq!(c.path, ["risks", &risk.to_string(), "likelihood"]);
    assert_eq!(
        c.sentence(),
        "risk 'Key supplier failure' likelihood: 3 by Alice, 4 by Bob, both on 12 May 2026"
    );
    assert_eq!(c.id.len(), 8);
    let who: Vec<_> = c.candidates.iter().map(|c| c.adviser.clone()).collect();
    assert_eq!(who, [Some("Alice".to_string()), Some("Bob".to_string())]);
    assert_eq!(
        c.candidates[0].author,
        Author::Node(NodeId::from_bytes(ALICE))
    );
    assert_eq!(c.candidates[1].value, serde_json::json!(4));
    // The last candidate is the value views show.
    assert!(c.candidates[1].current && !c.candidates[0].current);
    assert_eq!(view::read(&alice).unwrap().risks[&risk].likelihood, 4);
    assert!(c.candidates.iter().all(|c| c.change.is_some()));
    // The same conflict has the same id on the other node.
    assert_eq!(conflicts(&bob).unwrap(), found);
}

#[test]
fn sentence_gives_each_date_when_the_days_differ() {
    let (mut alice, mut bob, risk) = two_nodes();
    assess(&mut alice, "Alice", 12, risk, 3);
    assess(&mut bob, "Bob", 13, risk, 4);
    merge_both_ways(&mut alice, &mut bob);
    let found = conflicts(&alice).unwrap();
    assert_eq!(
        found[0].sentence(),
        "risk 'Key supplier failure' likelihood: 3 by Alice on 12 May 2026, 4 by Bob on 13 May 2026"
    );
}

#[test]
fn resolving_keeps_the_chosen_value_on_both_nodes() {
    let (mut alice, mut bob, risk) = two_nodes();
    assess(&mut alice, "Alice", 12, risk, 3);
    assess(&mut bob, "Bob", 12, risk, 4);
    merge_both_ways(&mut alice, &mut bob);
    let id = conflicts(&alice).unwrap()[0].id.clone();

    // Alice keeps her own value, which Automerge had hidden.
    let edited = resolve(
        &mut alice,
        &ctx("Alice", 14),
        &id.to_uppercase(),
        Choice::Adviser("alice".into()),
    )
    .unwrap();
    assert_eq!(
        edited.message,
        "Resolved risk 'Key supplier failure' likelihood: kept 3 (Alice)"
    );
    assert!(edited.change.is_some());
    assert!(conflicts(&alice).unwrap().is_empty());
    assert_eq!(view::read(&alice).unwrap().risks[&risk].likelihood, 3);
    let risk_obj = map_at(&alice, &["risks", &risk.to_string()]).unwrap();
    assert_eq!(alice.get_all(&risk_obj, "likelihood").unwrap().len(), 1);
    // One new change, with the decision as its message.
    let last = crate::history::changes(&alice).pop().unwrap();
    assert_eq!(last.message, edited.message);

    bob.merge(&mut alice).unwrap();
    assert!(conflicts(&bob).unwrap().is_empty());
    assert_eq!(view::read(&bob).unwrap().risks[&risk].likelihood, 3);

    // The conflict is gone, so its id names nothing any more.
    let err = resolve(&mut bob, &ctx("Bob", 14), &id, Choice::Candidate(0)).unwrap_err();
    assert!(matches!(err, Error::NoSuchConflict { .. }), "{err}");
    assert!(err.to_string().contains("casebook conflicts FILE"), "{err}");
}

#[test]
fn resolving_by_number_or_with_a_new_value_of_the_fields_type() {
    let (mut alice, mut bob, risk) = two_nodes();
    assess(&mut alice, "Alice", 12, risk, 3);
    assess(&mut bob, "Bob", 12, risk, 4);
    merge_both_ways(&mut alice, &mut bob);
    let id = conflicts(&alice).unwrap()[0].id.clone();

    let by_number = resolve(&mut bob.fork(), &ctx("Bob", 14), &id, Choice::Candidate(1)).unwrap();
    assert_eq!(
        by_number.message,
        "Resolved risk 'Key supplier failure' likelihood: kept 4 (Bob)"
    );
    let err = resolve(&mut bob.fork(), &ctx("Bob", 14), &id, Choice::Candidate(2)).unwrap_err();
    assert!(err.to_string().contains("values 1 to 2"), "{err}");
    let err = resolve(
        &mut bob.fork(),
        &ctx("Bob", 14),
        &id,
        Choice::Adviser("Carol".into()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("3 by Alice, 4 by Bob"), "{err}");

    // Words and out-of-range numbers are refused, and nothing changes.
    let heads = bob.get_heads();
    for bad in ["five", "9", "-1", "3.5"] {
        let err = resolve(&mut bob, &ctx("Bob", 14), &id, Choice::Value(bad.into())).unwrap_err();
        assert!(
            matches!(err, Error::Rule(_) | Error::OutOfRange { .. }),
            "{bad}: {err}"
        );
    }
    assert_eq!(bob.get_heads(), heads);

    let edited = resolve(&mut bob, &ctx("Bob", 14), &id, Choice::Value(" 5 ".into())).unwrap();
    assert_eq!(
        edited.message,
        "Resolved risk 'Key supplier failure' likelihood: set 5 (over 3 by Alice, 4 by Bob)"
    );
    let risk_obj = map_at(&bob, &["risks", &risk.to_string()]).unwrap();
    let all = bob.get_all(&risk_obj, "likelihood").unwrap();
    assert_eq!(all.len(), 1);
    // An integer stays an integer.
    assert!(
        matches!(&all[0].0, Value::Scalar(s) if **s == ScalarValue::Uint(5)),
        "{all:?}"
    );
    alice.merge(&mut bob).unwrap();
    assert!(conflicts(&alice).unwrap().is_empty());
    assert_eq!(view::read(&alice).unwrap().risks[&risk].likelihood, 5);
}

#[test]
fn text_fields_stay_text_and_must_still_read_as_the_field() {
    let (mut alice, mut bob, risk) = two_nodes();
    let response = |r| RiskAssessment {
        response: Some(r),
        ..Default::default()
    };
    let config = OrgConfig::default();
    edit::assess_risk(
        &mut alice,
        &ctx("Alice", 12),
        &config,
        risk,
        &response(RiskResponse::Reduce),
    )
    .unwrap();
    edit::assess_risk(
        &mut bob,
        &ctx("Bob", 12),
        &config,
        risk,
        &response(RiskResponse::Share),
    )
    .unwrap();
    merge_both_ways(&mut alice, &mut bob);
    let c = conflicts(&alice).unwrap().remove(0);
    assert_eq!(
        c.sentence(),
        "risk 'Key supplier failure' response: 'reduce' by Alice, 'share' by Bob, both on 12 May 2026"
    );
    let heads = alice.get_heads();
    let err = resolve(
        &mut alice,
        &ctx("Alice", 13),
        &c.id,
        Choice::Value("ignore".into()),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("'ignore' cannot be stored as risk"),
        "{err}"
    );
    assert_eq!(alice.get_heads(), heads, "a refused value leaves no change");
    resolve(
        &mut alice,
        &ctx("Alice", 13),
        &c.id,
        Choice::Value("avoid".into()),
    )
    .unwrap();
    assert_eq!(
        view::read(&alice).unwrap().risks[&risk].response,
        Some(RiskResponse::Avoid)
    );
}

#[test]
fn concurrent_exit_plans_conflict_and_one_is_kept_whole() {
    let (mut alice, mut bob, _) = two_nodes();
    let plan = |criteria: &str| ExitPlan {
        criteria: criteria.into(),
        planned_date: NaiveDate::from_ymd_opt(2027, 6, 30),
        onward_referral: String::new(),
    };
    edit::set_exit_plan(
        &mut alice,
        &ctx("Alice", 12),
        &plan("growth finance secured"),
    )
    .unwrap();
    edit::set_exit_plan(&mut bob, &ctx("Bob", 13), &plan("export sales started")).unwrap();
    merge_both_ways(&mut alice, &mut bob);
    let found = conflicts(&alice).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    assert_eq!(c.what, "client 'Afon Valley Foods' exit plan");
    assert_eq!(
        c.sentence(),
        "client 'Afon Valley Foods' exit plan: \
         (criteria: growth finance secured; planned date: 2027-06-30) by Alice on 12 May 2026, \
         (criteria: export sales started; planned date: 2027-06-30) by Bob on 13 May 2026"
    );
    let err = resolve(
        &mut alice.fork(),
        &ctx("Alice", 14),
        &c.id,
        Choice::Value("x".into()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("group of fields"), "{err}");

    resolve(
        &mut alice,
        &ctx("Alice", 14),
        &c.id,
        Choice::Adviser("Alice".into()),
    )
    .unwrap();
    bob.merge(&mut alice).unwrap();
    for doc in [&alice, &bob] {
        assert!(conflicts(doc).unwrap().is_empty());
        let plan = view::read(doc).unwrap().journey.exit_plan.unwrap();
        assert_eq!(plan.criteria, "growth finance secured");
        assert_eq!(plan.planned_date, NaiveDate::from_ymd_opt(2027, 6, 30));
    }
}

#[test]
fn a_stage_conflict_is_resolved_with_the_time_it_was_entered() {
    let (mut alice, mut bob, _) = two_nodes();
    let config = OrgConfig::default();
    edit::set_stage(&mut alice, &ctx("Alice", 12), &config, "diagnostic", "").unwrap();
    edit::set_stage(&mut bob, &ctx("Bob", 13), &config, "action-plan", "").unwrap();
    merge_both_ways(&mut alice, &mut bob);
    // One conflict: the stage. When each was entered goes with it, not on its own.
    let found = conflicts(&alice).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].sentence(),
        "client 'Afon Valley Foods' stage: 'diagnostic' by Alice on 12 May 2026, \
         'action-plan' by Bob on 13 May 2026"
    );
    // Alice's move is hidden; keeping it brings back the day she made it.
    let id = found[0].id.clone();
    resolve(&mut alice, &ctx("Alice", 14), &id, Choice::Candidate(0)).unwrap();
    let journey = view::read(&alice).unwrap().journey;
    assert_eq!(journey.stage, "diagnostic");
    assert_eq!(journey.stage_entered, Some(ctx("Alice", 12).now));
    let obj = map_at(&alice, &["journey"]).unwrap();
    assert_eq!(alice.get_all(&obj, "stage_entered").unwrap().len(), 1);
    // Both moves stay in the stage history.
    assert_eq!(journey.history.len(), 3);

    // A stage typed anew is entered at the resolution.
    let (mut alice, mut bob, _) = two_nodes();
    edit::set_stage(&mut alice, &ctx("Alice", 12), &config, "diagnostic", "").unwrap();
    edit::set_stage(&mut bob, &ctx("Bob", 13), &config, "action-plan", "").unwrap();
    merge_both_ways(&mut alice, &mut bob);
    let id = conflicts(&alice).unwrap()[0].id.clone();
    resolve(
        &mut alice,
        &ctx("Alice", 15),
        &id,
        Choice::Value("delivery".into()),
    )
    .unwrap();
    let journey = view::read(&alice).unwrap().journey;
    assert_eq!(journey.stage, "delivery");
    assert_eq!(journey.stage_entered, Some(ctx("Alice", 15).now));
    assert!(conflicts(&alice).unwrap().is_empty());
}

#[test]
fn the_same_stage_or_completion_at_different_moments_is_not_a_conflict() {
    let (mut alice, mut bob, _) = two_nodes();
    let config = OrgConfig::default();
    let action = edit::add_action(
        &mut alice,
        &ctx("Alice", 11),
        &Action {
            title: "Send export finance options".into(),
            owner: "Alice".into(),
            due: None,
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        },
    )
    .unwrap()
    .entry
    .unwrap();
    bob.merge(&mut alice).unwrap();
    edit::set_stage(&mut alice, &ctx("Alice", 12), &config, "diagnostic", "").unwrap();
    edit::set_stage(&mut bob, &ctx("Bob", 13), &config, "diagnostic", "").unwrap();
    edit::complete_action(&mut alice, &ctx("Alice", 12), action).unwrap();
    edit::complete_action(&mut bob, &ctx("Bob", 13), action).unwrap();
    merge_both_ways(&mut alice, &mut bob);
    let journey = map_at(&alice, &["journey"]).unwrap();
    assert_eq!(alice.get_all(&journey, "stage_entered").unwrap().len(), 2);
    assert_eq!(conflicts(&alice).unwrap(), []);
}

#[test]
fn equal_concurrent_values_are_not_conflicts() {
    let (mut alice, mut bob, risk) = two_nodes();
    assess(&mut alice, "Alice", 12, risk, 4);
    assess(&mut bob, "Bob", 12, risk, 4);
    merge_both_ways(&mut alice, &mut bob);
    assert!(conflicts(&alice).unwrap().is_empty());
}

#[test]
fn appended_interactions_and_actions_never_conflict() {
    let (mut alice, mut bob, _) = two_nodes();
    let call = |who: &str, day: u32| Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at: Utc.with_ymd_and_hms(2026, 5, day, 9, 0, 0).unwrap(),
        minutes: 20,
        our_attendees: vec![who.into()],
        their_attendees: vec!["Rhys Jones".into()],
        people: vec![],
        purpose: Purpose::FactFinding,
        summary: format!("{who}'s call"),
        needs: String::new(),
        risks: vec![],
        opportunities: vec![],
        by: who.into(),
        language: String::new(),
    };
    let action = |who: &str| Action {
        title: "Send export finance options".into(),
        owner: who.into(),
        due: None,
        status: ActionStatus::Open,
        done_at: None,
        origin: None,
    };
    for (doc, who) in [(&mut alice, "Alice"), (&mut bob, "Bob")] {
        // Same day, same words: still two entries, under two fresh ids.
        edit::log_interaction(doc, &ctx(who, 12), &call(who, 12)).unwrap();
        edit::add_action(doc, &ctx(who, 12), &action(who)).unwrap();
    }
    merge_both_ways(&mut alice, &mut bob);
    assert_eq!(conflicts(&alice).unwrap(), []);
    let file = view::read(&alice).unwrap();
    assert_eq!(file.interactions.len(), 2);
    assert_eq!(file.actions.len(), 2);
    // Both nodes named their advisers in `nodes`, without conflict either.
    assert_eq!(file.nodes.len(), 2);
}

/// Another Automerge tool (automerge-js, say) editing a copy of `doc`: a random actor that is
/// no casebook node, writing through the Automerge API instead of casebook's edits.
fn other_tool(doc: &Automerge) -> Automerge {
    doc.fork().with_actor(ActorId::random())
}

/// One change by a tool, with `f` writing into it.
fn tool_change(tool: &mut Automerge, f: impl FnOnce(&mut Transaction<'_>)) {
    let mut tx = tool.transaction();
    f(&mut tx);
    tx.commit();
}

/// Write `text` at `key` of `obj` as a Text object, as automerge-js writes its strings.
fn put_text(tx: &mut impl Transactable, obj: &ObjId, key: &str, text: &str) {
    let t = tx.put_object(obj, key, ObjType::Text).unwrap();
    tx.splice_text(&t, 0, 0, text).unwrap();
}

fn mitigate(doc: &mut Automerge, who: &str, day: u32, risk: Uuid, mitigation: &str) {
    edit::assess_risk(
        doc,
        &ctx(who, day),
        &OrgConfig::default(),
        risk,
        &RiskAssessment {
            mitigation: Some(mitigation.into()),
            ..Default::default()
        },
    )
    .unwrap();
}

/// The one value at `key` of the map at `path`, as Automerge holds it, whole.
fn stored(doc: &Automerge, path: &[&str], key: &str) -> hydrate::Value {
    let obj = map_at(doc, path).unwrap();
    let all = doc.get_all(&obj, key).unwrap();
    assert_eq!(all.len(), 1, "{key} still holds several values: {all:?}");
    match &all[0] {
        (Value::Scalar(s), _) => hydrate::Value::Scalar(s.as_ref().clone()),
        (Value::Object(_), id) => ReadDoc::hydrate(doc, id, None).unwrap(),
    }
}

#[test]
fn keeping_a_value_another_tool_wrote_as_text_writes_that_text() {
    let (mut alice, _, risk) = two_nodes();
    let mut tool = other_tool(&alice);
    mitigate(&mut alice, "Alice", 12, risk, "Find a second supplier");
    let obj = map_at(&tool, &["risks", &risk.to_string()]).unwrap();
    tool_change(&mut tool, |tx| {
        put_text(tx, &obj, "mitigation", "Dual sourcing by June");
    });
    alice.merge(&mut tool).unwrap();

    let found = conflicts(&alice).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    let theirs = c
        .candidates
        .iter()
        .position(|c| matches!(c.author, Author::Other(_)))
        .unwrap();
    let candidate = &c.candidates[theirs];
    assert_eq!(candidate.text, "Dual sourcing by June");
    assert_eq!(candidate.value, serde_json::json!("Dual sourcing by June"));
    // Text reads as text in the sentence, whichever way it is stored.
    assert_eq!(candidate.shown(), "'Dual sourcing by June'");

    let edited = resolve(
        &mut alice,
        &ctx("Alice", 13),
        &c.id,
        Choice::Candidate(theirs),
    )
    .unwrap();
    assert_eq!(
        edited.message,
        format!(
            "Resolved risk 'Key supplier failure' mitigation: kept 'Dual sourcing by June' ({})",
            candidate.who()
        )
    );
    assert!(conflicts(&alice).unwrap().is_empty());
    assert_eq!(
        view::read(&alice).unwrap().risks[&risk].mitigation,
        "Dual sourcing by June"
    );
    // Exactly the value the tool wrote: text, with its content.
    assert_eq!(
        stored(&alice, &["risks", &risk.to_string()], "mitigation"),
        stored(&tool, &["risks", &risk.to_string()], "mitigation")
    );
}

#[test]
fn a_value_typed_over_text_is_stored_as_text() {
    let (mut alice, _, risk) = two_nodes();
    let mut tool = other_tool(&alice);
    mitigate(&mut alice, "Alice", 12, risk, "Find a second supplier");
    let obj = map_at(&tool, &["risks", &risk.to_string()]).unwrap();
    // An earlier change of the tool's gives its write the higher operation id, so its text
    // is the value views show and the field's type for a typed value.
    tool_change(&mut tool, |tx| {
        tx.put(&obj, "category", "supply chain").unwrap();
    });
    tool_change(&mut tool, |tx| {
        put_text(tx, &obj, "mitigation", "Dual sourcing by June");
    });
    alice.merge(&mut tool).unwrap();
    let c = conflicts(&alice).unwrap().remove(0);
    assert!(
        c.candidates
            .iter()
            .any(|c| c.current && matches!(c.author, Author::Other(_))),
        "{c:#?}"
    );

    let edited = resolve(
        &mut alice,
        &ctx("Alice", 13),
        &c.id,
        Choice::Value(" Dual sourcing by July ".into()),
    )
    .unwrap();
    assert!(
        edited
            .message
            .contains("mitigation: set 'Dual sourcing by July' (over 'Find a second supplier' by Alice, 'Dual sourcing by June' by actor "),
        "{}",
        edited.message
    );
    let kept = stored(&alice, &["risks", &risk.to_string()], "mitigation");
    assert!(
        matches!(&kept, hydrate::Value::Text(t) if t.to_string() == "Dual sourcing by July"),
        "{kept:?}"
    );
    assert!(conflicts(&alice).unwrap().is_empty());
}

#[test]
fn keeping_a_group_another_tool_wrote_copies_its_text_as_text() {
    let (mut alice, _, _) = two_nodes();
    let mut tool = other_tool(&alice);
    edit::set_exit_plan(
        &mut alice,
        &ctx("Alice", 12),
        &ExitPlan {
            criteria: "growth finance secured".into(),
            planned_date: NaiveDate::from_ymd_opt(2027, 6, 30),
            onward_referral: String::new(),
        },
    )
    .unwrap();
    let journey = map_at(&tool, &["journey"]).unwrap();
    tool_change(&mut tool, |tx| {
        let plan = tx.put_object(&journey, "exit_plan", ObjType::Map).unwrap();
        put_text(tx, &plan, "criteria", "export sales started");
        tx.put(&plan, "planned_date", "2027-09-30").unwrap();
    });
    alice.merge(&mut tool).unwrap();
    let c = conflicts(&alice).unwrap().remove(0);
    let theirs = c
        .candidates
        .iter()
        .position(|c| matches!(c.author, Author::Other(_)))
        .unwrap();
    assert_eq!(
        c.candidates[theirs].shown(),
        "(criteria: export sales started; planned date: 2027-09-30)"
    );
    resolve(
        &mut alice,
        &ctx("Alice", 13),
        &c.id,
        Choice::Candidate(theirs),
    )
    .unwrap();
    let plan = view::read(&alice).unwrap().journey.exit_plan.unwrap();
    assert_eq!(plan.criteria, "export sales started");
    // The copy holds what the tool wrote, type for type: its criteria stay text.
    assert_eq!(
        stored(&alice, &["journey"], "exit_plan"),
        stored(&tool, &["journey"], "exit_plan")
    );
}

#[test]
fn the_same_value_in_another_type_is_not_a_conflict() {
    let (mut alice, _, risk) = two_nodes();
    let mut tool = other_tool(&alice);
    let mut another = other_tool(&alice);
    // Casebook writes whole numbers as uint and strings as scalars.
    edit::assess_risk(
        &mut alice,
        &ctx("Alice", 12),
        &OrgConfig::default(),
        risk,
        &RiskAssessment {
            likelihood: Some(4),
            mitigation: Some("Find a second supplier".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let obj = map_at(&tool, &["risks", &risk.to_string()]).unwrap();
    // One tool writes the same number as an int and the same words as text, another as a
    // float with the same whole value.
    tool_change(&mut tool, |tx| {
        tx.put(&obj, "likelihood", ScalarValue::Int(4)).unwrap();
        put_text(tx, &obj, "mitigation", "Find a second supplier");
    });
    tool_change(&mut another, |tx| {
        tx.put(&obj, "likelihood", ScalarValue::F64(4.0)).unwrap();
    });
    alice.merge(&mut tool).unwrap();
    alice.merge(&mut another).unwrap();
    let risk_obj = map_at(&alice, &["risks", &risk.to_string()]).unwrap();
    assert_eq!(alice.get_all(&risk_obj, "likelihood").unwrap().len(), 3);
    assert_eq!(alice.get_all(&risk_obj, "mitigation").unwrap().len(), 2);
    assert_eq!(conflicts(&alice).unwrap(), []);
}

#[test]
fn a_true_conflict_across_number_types_is_listed_and_typed_values_are_range_checked() {
    let (mut alice, _, risk) = two_nodes();
    let mut tool = other_tool(&alice);
    edit::assess_risk(
        &mut alice,
        &ctx("Alice", 12),
        &OrgConfig::default(),
        risk,
        &RiskAssessment {
            residual_likelihood: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    let obj = map_at(&tool, &["risks", &risk.to_string()]).unwrap();
    // As above, an earlier change makes the tool's int the value views show.
    tool_change(&mut tool, |tx| {
        tx.put(&obj, "category", "supply chain").unwrap();
    });
    tool_change(&mut tool, |tx| {
        tx.put(&obj, "residual_likelihood", ScalarValue::Int(2))
            .unwrap();
    });
    let mut merged = alice.fork();
    merged.merge(&mut tool).unwrap();
    tool.merge(&mut alice).unwrap();

    let found = conflicts(&merged).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    assert_eq!(c.what, "risk 'Key supplier failure' residual likelihood");
    let values: Vec<_> = c.candidates.iter().map(|c| c.value.clone()).collect();
    assert_eq!(values, [serde_json::json!(3), serde_json::json!(2)]);
    assert!(c.candidates[1].current);
    // The same id on every copy holding the same concurrent values.
    assert_eq!(conflicts(&tool).unwrap(), found);

    // A whole number typed for the tool's int is held to the 1–5 scale all the same.
    let heads = merged.get_heads();
    let err = resolve(
        &mut merged,
        &ctx("Alice", 13),
        &c.id,
        Choice::Value("9".into()),
    )
    .unwrap_err();
    assert!(matches!(err, Error::OutOfRange { .. }), "{err}");
    assert_eq!(merged.get_heads(), heads);
    resolve(
        &mut merged,
        &ctx("Alice", 13),
        &c.id,
        Choice::Value("5".into()),
    )
    .unwrap();
    assert_eq!(
        view::read(&merged).unwrap().risks[&risk].residual_likelihood,
        Some(5)
    );
}

#[test]
fn entries_are_named_by_titles_another_tool_wrote_as_text() {
    let (mut alice, mut bob, risk) = two_nodes();
    let mut tool = other_tool(&alice);
    let risk_obj = map_at(&tool, &["risks", &risk.to_string()]).unwrap();
    let profile = map_at(&tool, &["profile"]).unwrap();
    tool_change(&mut tool, |tx| {
        put_text(tx, &risk_obj, "title", "Key supplier failure");
        put_text(tx, &profile, "name", "Afon Valley Foods");
    });
    alice.merge(&mut tool).unwrap();
    bob.merge(&mut tool).unwrap();
    let config = OrgConfig::default();
    assess(&mut alice, "Alice", 12, risk, 3);
    assess(&mut bob, "Bob", 12, risk, 4);
    edit::set_stage(&mut alice, &ctx("Alice", 12), &config, "diagnostic", "").unwrap();
    edit::set_stage(&mut bob, &ctx("Bob", 12), &config, "action-plan", "").unwrap();
    merge_both_ways(&mut alice, &mut bob);

    let what: Vec<_> = conflicts(&alice)
        .unwrap()
        .into_iter()
        .map(|c| c.what)
        .collect();
    assert_eq!(
        what,
        [
            "client 'Afon Valley Foods' stage",
            "risk 'Key supplier failure' likelihood"
        ]
    );
}
