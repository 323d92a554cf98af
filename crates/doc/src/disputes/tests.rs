//! Tests of disputed fields and the worst-of rules on forked documents, as two or three nodes
//! would hold them after merging each other's changes.
use super::*;
use crate::conflicts::{self, Choice};
use crate::edit::{self, RiskAssessment};
use crate::enums::{Coverage, Rag, RiskStatus};
use crate::model::Person;
use crate::rules::coverage::{contacted, worst_coverage};
use crate::rules::flags::{Facts, Stalled, stalled};
use crate::rules::rollup::{counts_as_open, rollup, worst_rag};
use crate::test_support::{client_with_risk, ctx};
use crate::{FileSummary, OrgConfig, view};
use automerge::ActorId;

const BOB: [u8; 32] = [0xB2; 32];
const CAROL: [u8; 32] = [0xC3; 32];

/// Alice's node creates a client with one open risk (3×4, amber); the result is her document
/// and the risk's id. [`node`] gives another node's copy.
fn client() -> (Automerge, Uuid) {
    client_with_risk(3, 4)
}

/// A copy of `doc` on the node `actor`.
fn node(doc: &Automerge, actor: [u8; 32]) -> Automerge {
    doc.fork().with_actor(ActorId::from(&actor[..]))
}

fn assess(doc: &mut Automerge, who: &str, risk: Uuid, a: RiskAssessment) {
    edit::assess_risk(doc, &ctx(who, 12), &OrgConfig::default(), risk, &a).unwrap();
}

fn l_s(likelihood: u8, severity: u8) -> RiskAssessment {
    RiskAssessment {
        likelihood: Some(likelihood),
        severity: Some(severity),
        ..Default::default()
    }
}

/// Every document receives every other's changes, so all hold the same merged file.
fn merge_all(docs: &mut [&mut Automerge]) {
    for i in 0..docs.len() {
        for j in 0..docs.len() {
            if i != j {
                let other = docs[j].fork();
                docs[i]
                    .merge(&mut other.with_actor(ActorId::random()))
                    .unwrap();
            }
        }
    }
    let heads = docs[0].get_heads();
    assert!(docs.iter().all(|d| d.get_heads() == heads));
}

#[test]
fn a_hidden_red_assessment_colours_the_risk_account_and_summary() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    // Apart: Alice reassesses to 4×4 (red), Bob lowers it to 2×4 (amber).
    assess(&mut alice, "Alice", risk, l_s(4, 4));
    assess(&mut bob, "Bob", risk, l_s(2, 4));
    merge_all(&mut [&mut alice, &mut bob]);

    let config = OrgConfig::default();
    for doc in [&alice, &bob] {
        let file = view::read(doc).unwrap();
        // Premise: both likelihood ops have the same counter, so the higher actor id (Bob's)
        // wins and the value shown is his amber one.
        let shown = &file.risks[&risk];
        assert_eq!((shown.likelihood, shown.severity), (2, 4));
        let d = file.disputes.risk(&risk).expect("the risk is disputed");
        assert_eq!(d.likelihood, [4, 2]);
        assert!(d.severity.is_empty() && d.status.is_empty() && d.response.is_empty());
        assert!(d.rag_disputed());
        assert_eq!(worst_rag(&config.rag_matrix, shown, Some(d)), Rag::Red);
        let roll = rollup(&file, &config.rag_matrix);
        assert_eq!(roll.account, Some(Rag::Red));
        assert_eq!(roll.risks[&risk], Some(Rag::Red));
        assert!(roll.disputed);
        let summary = FileSummary::of(&file, &config);
        assert_eq!(summary.rag, Some(Rag::Red));
        assert!(summary.rag_disputed);
        assert_eq!(summary.conflicts, 1);
        assert!(summary.is_disputed());
        assert_eq!(
            file.disputes.conflicts,
            Some(conflicts::conflicts(doc).unwrap().len())
        );
    }

    // Resolving both fields takes the mark away on every node that merges the decisions.
    for c in conflicts::conflicts(&alice).unwrap() {
        conflicts::resolve(
            &mut alice,
            &ctx("Alice", 13),
            &c.id,
            Choice::Adviser("Bob".into()),
        )
        .unwrap();
    }
    bob.merge(&mut alice.fork()).unwrap();
    for doc in [&alice, &bob] {
        let file = view::read(doc).unwrap();
        assert_eq!(
            file.disputes,
            Disputes {
                conflicts: Some(0),
                ..Disputes::default()
            }
        );
        let summary = FileSummary::of(&file, &config);
        assert_eq!(summary.rag, Some(Rag::Amber), "Bob's 2×4 was kept");
        assert!(!summary.rag_disputed && !summary.is_disputed());
        assert_eq!(summary.conflicts, 0);
    }
}

#[test]
fn three_way_disagreement_is_judged_by_the_worst_combination() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    let mut carol = node(&alice, CAROL);
    // Each assessment alone is green (5, 5 and 3); together they allow 5×5.
    assess(&mut alice, "Alice", risk, l_s(5, 1));
    assess(&mut bob, "Bob", risk, l_s(1, 5));
    assess(&mut carol, "Carol", risk, l_s(1, 3));
    merge_all(&mut [&mut alice, &mut bob, &mut carol]);

    let file = view::read(&carol).unwrap();
    let d = file.disputes.risk(&risk).expect("disputed");
    assert_eq!(d.likelihood, [5, 1], "equal values are merged");
    assert_eq!(d.severity, [1, 5, 3]);
    let config = OrgConfig::default();
    assert_eq!(
        crate::rules::rollup::risk_rag(&config.rag_matrix, &file.risks[&risk]),
        Some(Rag::Green),
        "the value shown is green"
    );
    assert_eq!(rollup(&file, &config.rag_matrix).account, Some(Rag::Red));
    assert_eq!(FileSummary::of(&file, &config).rag, Some(Rag::Red));
    assert_eq!(view::read(&alice).unwrap().disputes, file.disputes);
}

#[test]
fn a_risk_counts_while_any_concurrent_status_says_open() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    // Bob closes the risk and reopens it (his first change also names him in `nodes`); Alice,
    // apart, notes a mitigation, changes the owner, chooses a response and closes it. Her close
    // has the higher operation counter, so it is the value shown.
    let status = |s| RiskAssessment {
        status: Some(s),
        ..Default::default()
    };
    assess(&mut bob, "Bob", risk, status(RiskStatus::Closed));
    assess(&mut bob, "Bob", risk, status(RiskStatus::Open));
    assess(
        &mut alice,
        "Alice",
        risk,
        RiskAssessment {
            mitigation: Some("second supplier".into()),
            ..Default::default()
        },
    );
    assess(
        &mut alice,
        "Alice",
        risk,
        RiskAssessment {
            owner: Some("Dai".into()),
            ..Default::default()
        },
    );
    assess(
        &mut alice,
        "Alice",
        risk,
        RiskAssessment {
            response: Some(RiskResponse::Reduce),
            ..Default::default()
        },
    );
    assess(&mut alice, "Alice", risk, status(RiskStatus::Closed));
    merge_all(&mut [&mut alice, &mut bob]);

    let file = view::read(&alice).unwrap();
    let shown = &file.risks[&risk];
    assert_eq!(
        shown.status,
        RiskStatus::Closed,
        "premise: Alice's close is shown"
    );
    let d = file.disputes.risk(&risk).expect("disputed");
    assert_eq!(d.status, [RiskStatus::Open, RiskStatus::Closed]);
    assert!(counts_as_open(shown, Some(d)));
    let config = OrgConfig::default();
    let roll = rollup(&file, &config.rag_matrix);
    assert_eq!(roll.account, Some(Rag::Amber), "the 3×4 risk still counts");
    assert!(roll.disputed);
    let summary = FileSummary::of(&file, &config);
    assert_eq!(summary.open_risks, 1);
    assert_eq!(summary.rag, Some(Rag::Amber));
    assert!(summary.rag_disputed);
}

#[test]
fn equal_concurrent_values_are_no_dispute() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    assess(&mut alice, "Alice", risk, l_s(4, 4));
    assess(&mut bob, "Bob", risk, l_s(4, 4));
    merge_all(&mut [&mut alice, &mut bob]);
    let risks = map_obj(&alice, &["risks", &risk.to_string()]);
    assert_eq!(alice.get_all(&risks, "likelihood").unwrap().len(), 2);
    let file = view::read(&alice).unwrap();
    assert_eq!(
        file.disputes,
        Disputes {
            conflicts: Some(0),
            ..Disputes::default()
        }
    );
    assert!(!FileSummary::of(&file, &OrgConfig::default()).is_disputed());
}

#[test]
fn a_disputed_stage_stalls_by_the_stage_with_the_tightest_limit() {
    let (mut alice, _) = client();
    let config = OrgConfig::default();
    let mut bob = node(&alice, BOB);
    // Apart: Alice moves the client to delivery (180 days) on 12 May, Bob to action-plan (30
    // days) on 14 May.
    edit::set_stage(&mut alice, &ctx("Alice", 12), &config, "delivery", "").unwrap();
    edit::set_stage(&mut bob, &ctx("Bob", 14), &config, "action-plan", "").unwrap();
    merge_all(&mut [&mut alice, &mut bob]);

    let file = view::read(&alice).unwrap();
    assert_eq!(file.disputes.stage, ["delivery", "action-plan"]);
    assert_eq!(file.disputes.stage_entered.len(), 2);
    let facts = Facts::of(&file);
    assert_eq!(facts.disputed_stages, ["delivery", "action-plan"]);
    // Counted from the earlier move, 12 May: 31 days later the client has overstayed
    // action-plan, whichever stage is shown.
    assert_eq!(facts.stage_entered, Some(ctx("", 12).now));
    assert_eq!(facts.last_progress, Some(ctx("", 14).now));
    let after = |days| ctx("", 12).now + chrono::Duration::days(days);
    assert_eq!(stalled(&facts, &config, after(30)), None);
    assert_eq!(
        stalled(&facts, &config, after(31)),
        Some(Stalled::TooLongInStage {
            stage: "action-plan".into(),
            days: 31,
            max_days: 30
        })
    );
    let summary = FileSummary::of(&file, &config);
    assert_eq!(summary.conflicts, 1, "the stage; its moment is not listed");
    assert!(summary.is_disputed() && !summary.rag_disputed);
}

#[test]
fn disputed_coverage_is_the_least_covered_state() {
    let (mut alice, _) = client();
    let person = edit::add_person(
        &mut alice,
        &ctx("Alice", 11),
        &Person {
            name: "Rhys Jones".into(),
            coverage: Coverage::Identified,
            ..Default::default()
        },
    )
    .unwrap()
    .entry
    .unwrap();
    let mut bob = node(&alice, BOB);
    edit::set_coverage(
        &mut alice,
        &ctx("Alice", 12),
        person,
        Coverage::Contacted,
        "",
        None,
    )
    .unwrap();
    let planned = chrono::NaiveDate::from_ymd_opt(2026, 6, 1);
    edit::set_coverage(
        &mut bob,
        &ctx("Bob", 12),
        person,
        Coverage::VisitPlanned,
        "Bob",
        planned,
    )
    .unwrap();
    merge_all(&mut [&mut alice, &mut bob]);

    let file = view::read(&alice).unwrap();
    let d = file.disputes.person(&person).expect("disputed");
    assert_eq!(d.coverage, [Coverage::Contacted, Coverage::VisitPlanned]);
    let p = &file.people[&person];
    assert_eq!(worst_coverage(p, Some(d)), Coverage::VisitPlanned);
    assert_eq!(contacted(&file), 0, "not counted as met while disputed");
    assert_eq!(worst_coverage(p, None), p.coverage);
}

#[test]
fn a_past_view_has_its_own_disputes_and_no_count() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    let before = alice.get_heads();
    assess(&mut alice, "Alice", risk, l_s(4, 4));
    assess(&mut bob, "Bob", risk, l_s(2, 4));
    merge_all(&mut [&mut alice, &mut bob]);
    let merged = alice.get_heads();
    edit::assess_risk(
        &mut alice,
        &ctx("Alice", 13),
        &OrgConfig::default(),
        risk,
        &RiskAssessment {
            likelihood: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(view::read(&alice).unwrap().disputes.risks.is_empty());
    let then = view::read_at(&alice, &merged).unwrap();
    assert_eq!(then.disputes.risk(&risk).unwrap().likelihood, [4, 2]);
    assert_eq!(then.disputes.conflicts, None);
    assert_eq!(
        view::read_at(&alice, &before).unwrap().disputes,
        Disputes::default()
    );
}

#[test]
fn disputes_are_not_part_of_the_files_json() {
    let (mut alice, risk) = client();
    let mut bob = node(&alice, BOB);
    assess(&mut alice, "Alice", risk, l_s(4, 4));
    assess(&mut bob, "Bob", risk, l_s(2, 4));
    merge_all(&mut [&mut alice, &mut bob]);
    let file = view::read(&alice).unwrap();
    assert!(file.disputes.any());
    let mut json = serde_json::to_value(&file).unwrap();
    assert!(json.get("disputes").is_none());
    // A file read from JSON, even JSON that claims disputes, has none.
    json["disputes"] = serde_json::json!({"risks": {risk.to_string(): {"likelihood": [5, 5]}}});
    let back: crate::AccountFile = serde_json::from_value(json).unwrap();
    assert_eq!(back.disputes, Disputes::default());
    assert_eq!(back.risks, file.risks);
}

/// The map at a path of keys from the root.
fn map_obj(doc: &Automerge, keys: &[&str]) -> ObjId {
    let mut obj = ROOT;
    for key in keys {
        obj = match doc.get(&obj, *key).unwrap() {
            Some((Value::Object(ObjType::Map), id)) => id,
            other => panic!("no map at {key}: {other:?}"),
        };
    }
    obj
}

#[test]
fn an_opportunity_lost_by_one_adviser_and_kept_open_by_another_keeps_its_risks_in_the_account() {
    use crate::enums::OpportunityStatus;
    use crate::model::{Opportunity, Outcome};
    let (mut alice, _) = client_with_risk(1, 1);
    let config = OrgConfig::default();
    let opp = edit::add_opportunity(
        &mut alice,
        &ctx("Alice", 11),
        &Opportunity {
            reporting: None,
            title: "Export deal".into(),
            origin: Default::default(),
            value: 8000.0,
            timescale: String::new(),
            status: OpportunityStatus::Hold,
            raised: None,
            sessions: Default::default(),
            outcome: None,
        },
    )
    .unwrap()
    .entry
    .unwrap();
    let mut red = crate::test_support::risk(5, 5);
    red.opportunity = Some(opp);
    edit::add_risk(&mut alice, &ctx("Alice", 11), &config, &red).unwrap();
    let mut bob = node(&alice, BOB);
    edit::close_opportunity(
        &mut alice,
        &ctx("Alice", 12),
        opp,
        &Outcome {
            result: OpportunityStatus::Lost,
            date: ctx("Alice", 12).now.date_naive(),
            value: 8000.0,
            reason: "price".into(),
            by: "Alice".into(),
            review: None,
        },
    )
    .unwrap();
    let session = crate::model::QualificationSession {
        at: ctx("Bob", 12).now,
        participants: vec![],
        neutral_reviewer: String::new(),
        answers: [(
            Uuid::new_v4(),
            crate::model::Answer {
                group: crate::enums::CosmoGroup::Money,
                question: String::new(),
                score: 4,
                note: String::new(),
            },
        )]
        .into(),
        decision: crate::enums::Decision::Continue,
        note: String::new(),
        weights: None,
    };
    // Bob, apart, qualifies it to continue, which sets it open again.
    edit::add_session(&mut bob, &ctx("Bob", 12), &config, opp, &session).unwrap();
    merge_all(&mut [&mut alice, &mut bob]);
    let file = view::read(&alice).unwrap();
    let mut statuses = file.disputes.opportunity(&opp).unwrap().status.clone();
    statuses.sort();
    assert_eq!(statuses, [OpportunityStatus::Open, OpportunityStatus::Lost]);
    assert_eq!(rollup(&file, &config.rag_matrix).account, Some(Rag::Red));
}
