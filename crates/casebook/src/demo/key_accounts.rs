//! The demo's key accounts: a year of account management (seed 003) on two clients, so a
//! newcomer has every routine to try: a won and a lost order, twelve monthly scorecards with a
//! Level 1 failure and its action, a satisfaction survey with responses at every level and an
//! Improvements Action Plan, two reviews, the second carrying the first's open action, and the
//! won order's contract with its coloured risk alerts and risk management plans.

use casebook_base::FileId;
use casebook_doc::edit::{self, KpiAnswerChange, NewSurvey, PrrDecision};
use casebook_doc::enums::{ActionStatus, OpportunityStatus, Rag, SurveyLevel};
use casebook_doc::model::{
    Action, Opportunity, OrderReview, Outcome, Recipient, Reporting, RiskAlert, SurveyFeedback,
};
use casebook_doc::rules::prr::Scope;
use casebook_doc::rules::survey::top_people;
use casebook_doc::survey_bank::asked;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::surveys::TypedResponse;
use crate::{Error, Node};

/// The fifth day of the month `back` months before `now`'s, at 10:00.
fn month_day(now: DateTime<Utc>, back: u32) -> DateTime<Utc> {
    let mut day = now.date_naive().with_day(1).unwrap_or(now.date_naive());
    for _ in 0..back {
        day = (day - Duration::days(1)).with_day(1).unwrap_or(day);
    }
    let fifth = day.with_day(5).unwrap_or(day);
    fifth.and_hms_opt(10, 0, 0).map_or(now, |t| t.and_utc())
}

/// Build a year of account management for `file`, led by `lead`; `reviewed` says whether its
/// lost order has been reviewed. Returns the number of changes made.
///
/// # Errors
/// Any store error; the edits are valid by construction.
pub(super) fn year(
    node: &mut Node,
    file: FileId,
    now: DateTime<Utc>,
    lead: &str,
    reviewed: bool,
) -> Result<usize, Error> {
    let mut changes = 0;
    changes += orders(node, file, now, lead, reviewed)?;
    for back in (1..=12).rev() {
        node.set_clock(Some(month_day(now, back)));
        // A Level 1 failure seven months ago, put right the month after; the lost order's
        // review missing in the latest month when nobody reviewed it.
        let mut no: Vec<(&str, &str)> = Vec::new();
        if back == 7 {
            no.push(("A2", "Appraisal postponed twice"));
        }
        if back == 1 && !reviewed {
            no.push(("E2", "The lost cold-store order is not reviewed yet"));
        }
        if back % 3 == 0 {
            no.push(("BB1", "Forecast down on last month"));
        }
        changes += scorecard(node, file, lead, &no)?;
    }
    node.set_clock(Some(month_day(now, 3)));
    changes += survey(node, file, lead)?;
    node.set_clock(Some(month_day(now, 2)));
    changes += relationship(node, file, lead, now)?;
    // Two internal reviews: the first agrees an action still open at the second.
    for (back, minutes) in [
        (
            4,
            "Scorecard back to full marks on Level 1; the appraisal is booked",
        ),
        (
            1,
            "Survey results discussed; export finance to be explained to users",
        ),
    ] {
        node.set_clock(Some(month_day(now, back)));
        changes += review(node, file, lead, minutes, back == 4)?;
    }
    Ok(changes)
}

/// The contact plan for the people at the top of the org chart, a question to carry, a
/// competitor appraised a year ago (stale) and value added this month.
fn relationship(
    node: &mut Node,
    file: FileId,
    lead: &str,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let account = node.read(file)?;
    let today = node.now().date_naive();
    let mut changes = 0;
    for person in top_people(&account) {
        node.apply(file, |d, c, _| {
            edit::add_plan_line(
                d,
                c,
                &casebook_doc::model::PlanLine {
                    ours: "Dewi Rowlands".into(),
                    person: Some(person),
                    every_days: 60,
                    objective: "Senior sponsor to senior management".into(),
                    by: String::new(),
                },
            )
        })?;
        changes += 1;
    }
    node.apply(file, |d, c, _| {
        edit::add_topic(d, c, "Who will sign off next year's export budget?", today)
    })?;
    node.apply(file, |d, c, _| {
        edit::appraise_competitor(
            d,
            c,
            &casebook_doc::model::Competitor {
                name: "Hafren Engineering".into(),
                strengths: "Cheaper day rates".into(),
                weaknesses: "No local team".into(),
                appraised: Some(today - Duration::days(240)),
                opportunity: None,
                by: String::new(),
            },
        )
    })?;
    let this_month = now;
    node.set_clock(Some(this_month));
    node.apply(file, |d, c, _| {
        edit::add_value(
            d,
            c,
            &casebook_doc::model::ValueAdded {
                what: "Export finance seminar for their buyers".into(),
                kind: Some(casebook_doc::enums::ValueKind::Talk),
                date: Some(this_month.date_naive()),
                value: 400.0,
                by: lead.into(),
            },
        )
    })?;
    Ok(changes + 3)
}

/// An internal review held and closed today (the node's clock), with its minutes and, when
/// `with_action`, an action agreed that stays open.
fn review(
    node: &mut Node,
    file: FileId,
    lead: &str,
    minutes: &str,
    with_action: bool,
) -> Result<usize, Error> {
    let today = node.now().date_naive();
    let line_manager = "Dewi Rowlands";
    let id = node
        .schedule_review(
            file,
            &edit::NewReview {
                kind: casebook_doc::enums::ReviewKind::Internal,
                date: today,
                account_manager: lead.into(),
                line_manager: line_manager.into(),
            },
        )?
        .entry
        .ok_or_else(|| casebook_doc::Error::no_such_entry("review", today.to_string()))?;
    node.record_review_attendees(file, id, &[lead.to_string(), line_manager.to_string()])?;
    node.record_review_minutes(file, id, "R7", minutes, false)?;
    node.record_review_minutes(
        file,
        id,
        "SAL1",
        "Every open opportunity has a session",
        true,
    )?;
    let mut changes = 4;
    if with_action {
        node.add_review_action(
            file,
            id,
            &Action {
                title: "Refresh the SWOT analysis with the MD".into(),
                owner: lead.into(),
                due: Some(today + Duration::days(30)),
                status: ActionStatus::Open,
                done_at: None,
                origin: None,
            },
        )?;
        changes += 1;
    }
    node.tick_review_update(file, id, "scorecard")?;
    node.close_review(file, id)?;
    Ok(changes + 2)
}

/// A won order eight months ago and a lost one five months ago.
fn orders(
    node: &mut Node,
    file: FileId,
    now: DateTime<Utc>,
    lead: &str,
    reviewed: bool,
) -> Result<usize, Error> {
    let mut changes = 0;
    for (title, result, months, value, reason) in [
        (
            "Bakery line upgrade",
            OpportunityStatus::Won,
            8,
            38_000.0,
            "Best delivery plan and a reference from their sister site",
        ),
        (
            "Cold store extension",
            OpportunityStatus::Lost,
            5,
            52_000.0,
            "Lost on price to a national contractor",
        ),
    ] {
        let raised = month_day(now, months + 2);
        node.set_clock(Some(raised));
        let opp = node.apply(file, |d, c, _| {
            edit::add_opportunity(
                d,
                c,
                &Opportunity {
                    reporting: None,
                    title: title.into(),
                    origin: Default::default(),
                    value,
                    timescale: "this year".into(),
                    status: Default::default(),
                    raised: Some(raised),
                    sessions: Default::default(),
                    outcome: None,
                },
            )
        })?;
        changes += 1;
        let Some(id) = opp.entry else { continue };
        if result == OpportunityStatus::Won {
            // The bid checked against the register: its contract terms apply.
            let terms = PrrDecision::Applies {
                likelihood: 3,
                severity: 4,
                owner: lead.into(),
            };
            node.check_prr_item(file, Scope::Opportunity(id), "PRR12", &terms)?;
            changes += 2;
        }
        let decided = month_day(now, months);
        node.set_clock(Some(decided));
        let outcome = Outcome {
            result,
            date: decided.date_naive(),
            value,
            reason: reason.into(),
            by: lead.into(),
            review: None,
        };
        let closed = node.close_opportunity(file, id, &outcome, CONTRACT_MANAGER)?;
        changes += 1;
        if let Some(contract) = closed.contract {
            changes += 2 + risk_cycle(node, file, now, lead, contract, months)?;
        }
        if result == OpportunityStatus::Lost && reviewed {
            let on = month_day(now, months - 1);
            node.set_clock(Some(on));
            node.apply(file, |d, c, _| {
                edit::review_lost_order(
                    d,
                    c,
                    id,
                    &OrderReview {
                        date: on.date_naive(),
                        notes: "Priced above the market; bid a phased option next time".into(),
                        by: lead.into(),
                    },
                )
            })?;
            changes += 1;
        }
    }
    Ok(changes)
}

/// Who manages the contracts the demo's key accounts win.
const CONTRACT_MANAGER: &str = "Gareth Hughes";

/// The won order's contract, `months` old: its manager sends a coloured risk alert every month
/// but the last (so it is overdue), one of them green below the register's amber; the account's
/// risk management plan with an action, and the contract's with a gap. Returns the changes.
fn risk_cycle(
    node: &mut Node,
    file: FileId,
    now: DateTime<Utc>,
    lead: &str,
    contract: uuid::Uuid,
    months: u32,
) -> Result<usize, Error> {
    let from = month_day(now, months).date_naive();
    let duty = Reporting {
        reporter: CONTRACT_MANAGER.into(),
        every_days: 30,
        from: Some(from),
    };
    let scope = Scope::Contract(contract);
    node.apply(file, |d, c, _| edit::set_reporting(d, c, scope, &duty))?;
    let mut changes = 1;
    for period in 0..months.saturating_sub(1) {
        let on = from + Duration::days(i64::from(period) * 30 + 25);
        node.set_clock(Some(on.and_hms_opt(9, 0, 0).map_or(now, |t| t.and_utc())));
        let (colour, note) = match period {
            2 => (Rag::Green, "Penalty clause not invoked; all fine"),
            4 => (Rag::Red, "Second line late: penalty clause in view"),
            _ => (Rag::Amber, "Penalty clause watched weekly"),
        };
        let alert = RiskAlert {
            colour: Some(colour),
            reporter: CONTRACT_MANAGER.into(),
            commentary: note.into(),
            date: Some(on),
            ..RiskAlert::default()
        };
        node.apply(file, |d, c, cfg| {
            edit::send_risk_alert(d, c, cfg, scope, &alert)
        })?;
        changes += 1;
    }
    node.set_clock(Some(month_day(now, 2)));
    let today = node.now().date_naive();
    node.apply(file, |d, c, _| {
        edit::start_risk_plan(d, c, scope, CONTRACT_MANAGER, 60, today)
    })?;
    node.apply(file, |d, c, _| {
        edit::start_risk_plan(d, c, Scope::Account, lead, 90, today)
    })?;
    changes += 2;
    let account = node.read(file)?;
    if let Some((risk, _)) = account
        .risks
        .iter()
        .find(|(_, r)| r.contract.is_none() && r.opportunity.is_none())
    {
        let action = Action {
            title: "Agree a second supplier for packaging".into(),
            owner: lead.into(),
            due: Some(today + Duration::days(30)),
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        };
        let risk = *risk;
        node.apply(file, |d, c, _| {
            edit::add_risk_plan_action(d, c, Scope::Account, risk, &action)
        })?;
        changes += 1;
    }
    Ok(changes)
}

/// This month's scorecard: every KPI yes but `no` (code, why), each Level 1 no with its next
/// action, owner and date; then finalised.
fn scorecard(
    node: &mut Node,
    file: FileId,
    lead: &str,
    no: &[(&str, &str)],
) -> Result<usize, Error> {
    let month = node.this_month();
    let sc = node
        .start_scorecard(file, &month, None)?
        .entry
        .ok_or_else(|| casebook_doc::Error::no_such_entry("scorecard", month.as_str()))?;
    let account = node.read(file)?;
    let codes: Vec<String> = account.scorecards[&sc]
        .kpis
        .values()
        .map(|k| k.code.clone())
        .collect();
    let due = node.now().date_naive() + Duration::days(21);
    let mut changes = 1;
    for code in codes {
        let change = match no.iter().find(|(c, _)| *c == code) {
            Some((_, why)) => KpiAnswerChange {
                score: Some(0),
                evidence: Some((*why).into()),
                explanation: Some((*why).into()),
                next_action: Some(format!("Put {code} right before the next review")),
                owner: Some(lead.into()),
                due: Some(due),
            },
            None => KpiAnswerChange {
                score: Some(1),
                evidence: Some("Checked at the monthly account meeting".into()),
                ..KpiAnswerChange::default()
            },
        };
        node.answer_kpi(file, sc, &code, &change)?;
        changes += 1;
    }
    node.finalise_scorecard(file, sc)?;
    Ok(changes + 1)
}

/// A survey planned three months ago: the most senior person at board level, everyone else as
/// managers or users; responses from most; closed with an improvement.
fn survey(node: &mut Node, file: FileId, lead: &str) -> Result<usize, Error> {
    let today: NaiveDate = node.now().date_naive();
    let planned = node.plan_survey(
        file,
        &NewSurvey {
            title: format!("Annual survey {}", today.year()),
            deadline: Some(today + Duration::days(21)),
            administrator: "Arolygon Cymru".into(),
            anonymous: false,
        },
    )?;
    let Some(id) = planned.entry else {
        return Ok(1);
    };
    let mut changes = 1;
    let account = node.read(file)?;
    let top = top_people(&account);
    for (n, (pid, p)) in account.people.iter().filter(|(_, p)| !p.left).enumerate() {
        let level = if top.contains(pid) {
            SurveyLevel::Board
        } else if n % 2 == 0 {
            SurveyLevel::Managers
        } else {
            SurveyLevel::Users
        };
        node.add_survey_recipient(
            file,
            id,
            &Recipient {
                person: Some(*pid),
                name: p.name.clone(),
                level: Some(level),
                function: p.title.clone(),
                exposure: None,
            },
        )?;
        changes += 1;
    }
    node.issue_survey(file, id)?;
    changes += 1;
    let account = node.read(file)?;
    let s = &account.surveys[&id];
    for (n, (rid, r)) in s.recipients.iter().enumerate() {
        let Some(level) = r.level else { continue };
        let scores = s
            .questions
            .values()
            .filter(|q| q.level.is_some_and(|from| asked(from, level)))
            .enumerate()
            .map(|(k, q)| (q.code.clone(), 3 + ((n + k) % 3) as u8))
            .collect();
        node.record_survey_response(
            file,
            id,
            &TypedResponse {
                // By id: two people of a client may share a name.
                respondent: Some(rid.to_string()),
                level: None,
                received: Some(today + Duration::days(10)),
                scores,
                unaware_of: if level == SurveyLevel::Users {
                    vec!["Export finance".into()]
                } else {
                    Vec::new()
                },
                comment: String::new(),
            },
        )?;
        changes += 1;
    }
    node.set_clock(Some(node.now() + Duration::days(22)));
    node.add_survey_improvement(
        file,
        id,
        &Action {
            title: "Brief the team on our export finance service".into(),
            owner: lead.into(),
            due: Some(today + Duration::days(60)),
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        },
    )?;
    node.close_survey(file, id)?;
    let fed_back = SurveyFeedback {
        to: "Our delivery team".into(),
        channel: "team meeting".into(),
        summary: "Scores by area and the two improvements".into(),
        date: Some(node.now().date_naive()),
        ..SurveyFeedback::default()
    };
    node.apply(file, |d, c, _| {
        edit::give_survey_feedback(d, c, id, &fed_back)
    })?;
    Ok(changes + 3)
}
