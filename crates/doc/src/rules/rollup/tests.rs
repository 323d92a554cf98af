//! Tests of the RAG colours and the roll-up on typed views, without a document.
use super::*;
use crate::enums::OpportunityStatus;
use crate::model::Opportunity;
use crate::test_support::risk;

fn opportunity(status: OpportunityStatus) -> Opportunity {
    Opportunity {
        reporting: None,
        title: "Export deal".into(),
        origin: Default::default(),
        value: 0.0,
        timescale: String::new(),
        status,
        raised: None,
        sessions: BTreeMap::new(),
        outcome: None,
    }
}

#[test]
fn highest_colour_wins_up_to_the_account() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let opp = Uuid::new_v4();
    let parent = Uuid::new_v4();
    let sub = Uuid::new_v4();
    let green = Uuid::new_v4();
    f.risks.insert(green, risk(1, 1));
    let mut p = risk(2, 3); // amber
    p.opportunity = Some(opp);
    f.risks.insert(parent, p);
    let mut s = risk(5, 4); // red sub-risk
    s.parent = Some(parent);
    f.risks.insert(sub, s);
    let r = rollup(&f, &m);
    assert_eq!(
        r.risks[&parent],
        Some(Rag::Red),
        "sub-risk colours its parent"
    );
    assert_eq!(r.risks[&green], Some(Rag::Green));
    assert_eq!(r.opportunities[&opp], Some(Rag::Red));
    assert_eq!(r.account, Some(Rag::Red));
}

#[test]
fn closed_risks_leave_the_rollup() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let mut red = risk(5, 5);
    red.status = RiskStatus::Closed;
    f.risks.insert(Uuid::new_v4(), red);
    f.risks.insert(Uuid::new_v4(), risk(2, 3));
    assert_eq!(rollup(&f, &m).account, Some(Rag::Amber));
}

#[test]
fn no_open_risk_means_no_colour() {
    assert_eq!(
        rollup(&AccountFile::default(), &RagMatrix::default()).account,
        None
    );
}

#[test]
fn parent_cycle_terminates() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let a = Uuid::new_v4();
    let b = Uuid::new_v4();
    let mut ra = risk(1, 1);
    ra.parent = Some(b);
    let mut rb = risk(5, 5);
    rb.parent = Some(a);
    f.risks.insert(a, ra);
    f.risks.insert(b, rb);
    let roll = rollup(&f, &m);
    assert_eq!(roll.account, Some(Rag::Red));
    let (low, high) = (a.min(b), a.max(b));
    assert_eq!(
        roll.problems,
        vec![RiskProblem::ParentCycle {
            risks: vec![low, high],
            shown_top_level: low
        }]
    );
    assert_eq!(roll.risks.get(&low), Some(&Some(Rag::Red)), "{roll:?}");
}

#[test]
fn worst_rag_weighs_every_combination_and_counts_off_scale_values_as_red() {
    let m = RagMatrix::default();
    let r = risk(2, 4); // amber as shown
    let d = RiskDispute {
        likelihood: vec![2, 3, 4],
        ..Default::default()
    };
    assert_eq!(worst_rag(&m, &r, None), Rag::Amber);
    assert_eq!(worst_rag(&m, &r, Some(&d)), Rag::Red, "4×4 = 16");
    let off = RiskDispute {
        likelihood: vec![1, 9],
        ..Default::default()
    };
    assert_eq!(worst_rag(&m, &risk(1, 1), Some(&off)), Rag::Red);
    assert_eq!(worst_rag(&m, &risk(9, 1), None), Rag::Red);
    assert_eq!(
        out_of_range(&risk(1, 1), Some(&off)),
        vec![("likelihood", 9)]
    );
    let mut residual = risk(5, 5);
    residual.residual_likelihood = Some(1);
    residual.residual_severity = Some(3);
    let d = RiskDispute {
        residual_severity: vec![3, 5],
        ..Default::default()
    };
    assert_eq!(
        worst_residual_rag(&m, &residual, Some(&d)),
        Some(Rag::Green)
    );
    let d = RiskDispute {
        residual_likelihood: vec![1, 3],
        residual_severity: vec![3, 5],
        ..Default::default()
    };
    assert_eq!(worst_residual_rag(&m, &residual, Some(&d)), Some(Rag::Red));
    residual.residual_severity = Some(0);
    assert_eq!(worst_residual_rag(&m, &residual, None), Some(Rag::Red));
}

#[test]
fn an_off_scale_value_counts_red_and_is_reported() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let id = Uuid::new_v4();
    f.risks.insert(id, risk(9, 1));
    let roll = rollup(&f, &m);
    assert_eq!(roll.account, Some(Rag::Red), "never dropped");
    assert_eq!(
        roll.problems,
        vec![RiskProblem::OutOfRange {
            risk: id,
            field: "likelihood",
            value: 9
        }]
    );
    assert!(roll.problems[0].describe(&f).contains("likelihood 9"));
}

#[test]
fn upside_risks_never_raise_a_colour_and_are_rolled_up_apart() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let mut up = risk(5, 5);
    up.polarity = Polarity::Opportunity;
    let up_id = Uuid::new_v4();
    f.risks.insert(up_id, up);
    f.risks.insert(Uuid::new_v4(), risk(1, 1));
    let roll = rollup(&f, &m);
    assert_eq!(roll.account, Some(Rag::Green));
    assert_eq!(roll.upside, Some(Rag::Red));
    assert_eq!(roll.open_risks, 2);
    assert!(!roll.risks.contains_key(&up_id));
}

#[test]
fn a_closed_parent_hides_no_open_sub_risk_and_the_sub_risk_keeps_its_scope() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let opp = Uuid::new_v4();
    f.opportunities
        .insert(opp, opportunity(OpportunityStatus::Open));
    let (parent, sub) = (Uuid::new_v4(), Uuid::new_v4());
    let mut p = risk(1, 1);
    p.opportunity = Some(opp);
    p.status = RiskStatus::Closed;
    f.risks.insert(parent, p);
    let mut s = risk(5, 5);
    s.parent = Some(parent);
    s.opportunity = None; // written by another tool: the parent's scope still holds
    f.risks.insert(sub, s);
    let roll = rollup(&f, &m);
    assert_eq!(roll.risks.get(&parent), Some(&Some(Rag::Red)));
    assert_eq!(roll.opportunities[&opp], Some(Rag::Red));
    assert_eq!(roll.account, Some(Rag::Red));
}

#[test]
fn risks_of_an_ended_opportunity_leave_the_account() {
    let m = RagMatrix::default();
    for (status, counts) in [
        (OpportunityStatus::Open, true),
        (OpportunityStatus::Hold, true),
        (OpportunityStatus::Won, true),
        (OpportunityStatus::Lost, false),
        (OpportunityStatus::Withdrawn, false),
        (OpportunityStatus::QualifiedOut, false),
    ] {
        let mut f = AccountFile::default();
        let opp = Uuid::new_v4();
        f.opportunities.insert(opp, opportunity(status));
        let mut r = risk(5, 5);
        r.opportunity = Some(opp);
        f.risks.insert(Uuid::new_v4(), r);
        let mut up = risk(5, 5);
        up.opportunity = Some(opp);
        up.polarity = Polarity::Opportunity;
        f.risks.insert(Uuid::new_v4(), up);
        f.risks.insert(Uuid::new_v4(), risk(1, 1));
        let roll = rollup(&f, &m);
        let want = if counts { Rag::Red } else { Rag::Green };
        assert_eq!(roll.account, Some(want), "{status}");
        assert_eq!(roll.upside.is_some(), counts, "{status}");
        assert_eq!(roll.opportunities[&opp], Some(Rag::Red), "{status}");
        // Disagreement: one adviser lost it, another kept it open; it still counts.
        f.disputes.opportunities.insert(
            opp,
            crate::disputes::OpportunityDispute {
                status: vec![status, OpportunityStatus::Open],
            },
        );
        assert_eq!(rollup(&f, &m).account, Some(Rag::Red), "{status}");
    }
}

#[test]
fn a_risk_closed_by_one_adviser_and_open_by_another_counts() {
    let m = RagMatrix::default();
    let mut f = AccountFile::default();
    let mut r = risk(5, 5);
    r.status = RiskStatus::Closed;
    let id = Uuid::new_v4();
    f.risks.insert(id, r.clone());
    assert_eq!(rollup(&f, &m).account, None);
    let d = RiskDispute {
        status: vec![RiskStatus::Open, RiskStatus::Closed],
        ..Default::default()
    };
    assert!(counts_as_open(&r, Some(&d)));
    f.disputes.risks.insert(id, d);
    let roll = rollup(&f, &m);
    assert_eq!(roll.account, Some(Rag::Red));
    assert!(roll.disputed);
}

#[test]
fn residual_colour_uses_residual_values() {
    let m = RagMatrix::default();
    let mut r = risk(5, 5);
    r.residual_likelihood = Some(1);
    r.residual_severity = Some(5);
    assert_eq!(residual_rag(&m, &r), Some(Rag::Green));
}
