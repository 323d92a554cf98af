//! Balanced scorecards (BS-1..BS-5): start one for a month, answer its KPIs, finalise it.

use std::collections::BTreeMap;

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ScalarValue};
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{EditContext, Edited, current, json, path, put_json, transact};
use crate::Error;
use crate::enums::ActionStatus;
use crate::model::{AccountFile, Action, Scorecard, ScorecardKpi};
use crate::rules::scorecard::{finalise_problems, month_of, parse_month, records, score};

/// The scorecard of `file` that `id` names.
fn scorecard(file: &AccountFile, id: Uuid) -> Result<&Scorecard, Error> {
    file.scorecards
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("scorecard", id.to_string()))
}

/// Start the scorecard of `month` (`YYYY-MM`) with `kpis` (the organisation's KPIs in use, by
/// id), or, with `corrects`, a correction of that month's finalised scorecard: it asks the
/// same questions and starts from the same answers.
///
/// # Errors
/// [`Error::Rule`] for a month that is not one or is still to come, no KPIs, a month that has
/// a scorecard open or finalised already (a finalised one is corrected, never reopened), or a
/// correction of a scorecard that is not the month's record.
pub fn start_scorecard(
    doc: &mut Automerge,
    ctx: &EditContext,
    month: &str,
    kpis: &BTreeMap<Uuid, ScorecardKpi>,
    corrects: Option<Uuid>,
) -> Result<Edited, Error> {
    let month = month.trim().to_string();
    let Some(first) = parse_month(&month) else {
        return Err(Error::Rule(
            Message::new("sc-rule-bad-month").with("month", &month),
        ));
    };
    let this_month = month_of(ctx.now.date_naive());
    if first > parse_month(&this_month).unwrap_or(first) {
        return Err(Error::Rule(
            Message::new("sc-rule-future-month")
                .with("month", &month)
                .with("now", this_month),
        ));
    }
    let file = current(doc)?;
    if let Some((id, _)) = file
        .scorecards
        .iter()
        .find(|(_, s)| s.month == month && s.finalised.is_none())
    {
        return Err(Error::Rule(
            Message::new("sc-rule-open-already")
                .with("month", &month)
                .with("id", crate::view::short(id)),
        ));
    }
    let record = records(&file).get(&month).map(|(id, _)| *id);
    let (kpis, answers, message) = match (corrects, record) {
        (None, Some(_)) => {
            return Err(Error::Rule(
                Message::new("sc-rule-finalised-already").with("month", &month),
            ));
        }
        (None, None) => {
            if kpis.is_empty() {
                return Err(Error::Rule(Message::new("sc-problem-no-kpis")));
            }
            let message = format!("Scorecard for {month} started ({} KPIs)", kpis.len());
            (kpis.clone(), BTreeMap::new(), message)
        }
        (Some(old), record) => {
            let old_card = scorecard(&file, old)?;
            if record != Some(old) || old_card.month != month {
                return Err(Error::Rule(
                    Message::new("sc-rule-correct-the-record")
                        .with("month", &month)
                        .with("id", crate::view::short(&old)),
                ));
            }
            let message = format!("Scorecard for {month} started to correct the finalised one");
            // The answers as they were finalised; the action a no opened stays with the old.
            let answers = old_card
                .answers
                .iter()
                .map(|(k, a)| {
                    let mut a = a.clone();
                    a.action = None;
                    (*k, a)
                })
                .collect();
            (old_card.kpis.clone(), answers, message)
        }
    };
    let id = Uuid::new_v4();
    let started_at = ctx.now.to_rfc3339();
    let adviser = ctx.adviser.clone();
    transact(doc, ctx, message, Some(id), move |tx| {
        let section = path(tx, &["scorecards"])?;
        let sc = tx.put_object(&section, id.to_string(), ObjType::Map)?;
        tx.put(&sc, "month", month.as_str())?;
        tx.put(&sc, "started_by", adviser.as_str())?;
        tx.put(&sc, "started_at", started_at.as_str())?;
        if let Some(old) = corrects {
            tx.put(&sc, "supersedes", old.to_string())?;
        }
        let kpi_map = tx.put_object(&sc, "kpis", ObjType::Map)?;
        for (k, kpi) in &kpis {
            put_json(tx, &kpi_map, &k.to_string(), &json(kpi)?)?;
        }
        // Every KPI's answer exists from the start, so advisers answering one apart write the
        // same fields, and the merge keeps both answers for someone to decide.
        let answer_map = tx.put_object(&sc, "answers", ObjType::Map)?;
        for k in kpis.keys() {
            match answers.get(k) {
                Some(a) => put_json(tx, &answer_map, &k.to_string(), &json(a)?)?,
                None => {
                    tx.put_object(&answer_map, k.to_string(), ObjType::Map)?;
                }
            }
        }
        Ok(())
    })
}

/// What an adviser says of one KPI: each field given replaces the answer's.
#[derive(Clone, Debug, Default)]
pub struct KpiAnswerChange {
    /// 1 for yes, 0 for no.
    pub score: Option<u8>,
    /// What the answer rests on.
    pub evidence: Option<String>,
    /// For a no: why.
    pub explanation: Option<String>,
    /// For a no: the next action.
    pub next_action: Option<String>,
    /// For a no: who takes it.
    pub owner: Option<String>,
    /// For a no: by when.
    pub due: Option<NaiveDate>,
}

/// Answer KPI `kpi` of scorecard `sc`.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown scorecard or a KPI it does not ask; [`Error::Rule`]
/// for a finalised scorecard, a score other than 0 or 1, or nothing given.
pub fn answer_kpi(
    doc: &mut Automerge,
    ctx: &EditContext,
    sc: Uuid,
    kpi: Uuid,
    change: &KpiAnswerChange,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let card = scorecard(&file, sc)?;
    let asked = card
        .kpis
        .get(&kpi)
        .ok_or_else(|| Error::no_such_entry("kpi", kpi.to_string()))?;
    if card.finalised.is_some() {
        return Err(Error::Rule(
            Message::new("sc-problem-finalised").with("month", &card.month),
        ));
    }
    if let Some(s) = change.score
        && s > 1
    {
        return Err(Error::Rule(
            Message::new("sc-rule-score").with("score", u64::from(s)),
        ));
    }
    let texts = [
        ("evidence", &change.evidence),
        ("explanation", &change.explanation),
        ("next_action", &change.next_action),
        ("owner", &change.owner),
    ];
    let mut said: Vec<&str> = Vec::new();
    for (field, value) in &texts {
        if let Some(v) = value {
            super::check_text(field, v.trim())?;
            said.push(field);
        }
    }
    if change.due.is_some() {
        said.push("due");
    }
    if change.score.is_none() && said.is_empty() {
        return Err(Error::Rule(
            Message::new("sc-rule-nothing-said").with("code", &asked.code),
        ));
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = change.score {
        parts.push(format!("answered {}", if s == 1 { "yes" } else { "no" }));
    }
    if !said.is_empty() {
        parts.push(said.join(", ").replace('_', " "));
    }
    let message = format!(
        "Scorecard {}: {} {}",
        card.month,
        asked.code,
        parts.join("; ")
    );
    let change = change.clone();
    let at = ctx.now.to_rfc3339();
    let by = ctx.adviser.clone();
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(
            tx,
            &["scorecards", &sc.to_string(), "answers", &kpi.to_string()],
        )?;
        if let Some(s) = change.score {
            tx.put(&obj, "score", ScalarValue::Uint(u64::from(s)))?;
        }
        for (field, value) in [
            ("evidence", &change.evidence),
            ("explanation", &change.explanation),
            ("next_action", &change.next_action),
            ("owner", &change.owner),
        ] {
            if let Some(v) = value {
                tx.put(&obj, field, v.trim())?;
            }
        }
        if let Some(d) = change.due {
            tx.put(&obj, "due", d.to_string())?;
        }
        tx.put(&obj, "by", by.as_str())?;
        tx.put(&obj, "at", at.as_str())?;
        Ok(())
    })
}

/// Finalise scorecard `sc`: its scores are fixed, and each Level 1 no opens an action (its
/// next action, owner and due date), linked from the answer. Returns the change; its message
/// gives the overall score.
///
/// # Errors
/// [`Error::Rule`] listing every reason it cannot be finalised (finalised already, a KPI
/// unanswered or disputed, a Level 1 no lacking its explanation, next action, owner or date).
pub fn finalise_scorecard(
    doc: &mut Automerge,
    ctx: &EditContext,
    sc: Uuid,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let card = scorecard(&file, sc)?;
    let judged = score(card, file.disputes.scorecards.get(&sc));
    let problems = finalise_problems(&judged);
    if !problems.is_empty() {
        return Err(Error::Rule(
            Message::new("sc-cannot-finalise")
                .with("month", &card.month)
                .with("problems", crate::history::words::lines(problems)),
        ));
    }
    let mut actions: Vec<(Uuid, Uuid, Action)> = Vec::new();
    for line in judged
        .lines
        .iter()
        .filter(|l| l.level == 1 && l.score == Some(0))
    {
        let Some(a) = card.answers.get(&line.id) else {
            continue;
        };
        actions.push((
            line.id,
            Uuid::new_v4(),
            Action {
                title: format!("{}: {}", line.code, a.next_action.trim()),
                owner: a.owner.trim().to_string(),
                due: a.due,
                status: ActionStatus::Open,
                done_at: None,
                origin: None,
            },
        ));
    }
    let percent = judged.overall.percent().unwrap_or(0.0);
    let message = format!(
        "Scorecard {} finalised: {percent:.0}% (Level 1 {}/{}, Level 2 {}/{}); {} actions opened",
        card.month,
        judged.level1.yes,
        judged.level1.of,
        judged.level2.yes,
        judged.level2.of,
        actions.len()
    );
    let scores: Vec<(Uuid, u8)> = judged
        .lines
        .iter()
        .filter_map(|l| l.score.map(|s| (l.id, s)))
        .collect();
    let at = ctx.now.to_rfc3339();
    let by = ctx.adviser.clone();
    transact(doc, ctx, message, Some(sc), move |tx| {
        let card = path(tx, &["scorecards", &sc.to_string()])?;
        let fin = tx.put_object(&card, "finalised", ObjType::Map)?;
        tx.put(&fin, "by", by.as_str())?;
        tx.put(&fin, "at", at.as_str())?;
        let score_map = tx.put_object(&fin, "scores", ObjType::Map)?;
        for (kpi, s) in scores {
            tx.put(&score_map, kpi.to_string(), ScalarValue::Uint(u64::from(s)))?;
        }
        let section = path(tx, &["actions"])?;
        for (kpi, id, action) in actions {
            put_json(tx, &section, &id.to_string(), &json(&action)?)?;
            let answer = path(
                tx,
                &["scorecards", &sc.to_string(), "answers", &kpi.to_string()],
            )?;
            tx.put(&answer, "action", id.to_string())?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpis::{in_use, shipped};
    use crate::test_support::{client_with_risk, ctx};

    fn kpis() -> BTreeMap<Uuid, ScorecardKpi> {
        in_use(&shipped())
            .iter()
            .map(|k| (k.id, k.copy()))
            .collect()
    }

    fn code(doc: &Automerge, sc: Uuid, code: &str) -> Uuid {
        *crate::view::read(doc).unwrap().scorecards[&sc]
            .kpis
            .iter()
            .find(|(_, k)| k.code == code)
            .unwrap()
            .0
    }

    fn yes() -> KpiAnswerChange {
        KpiAnswerChange {
            score: Some(1),
            ..KpiAnswerChange::default()
        }
    }

    #[test]
    fn a_month_is_scored_finalised_with_an_action_per_level_one_no_and_then_fixed() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let month = month_of(c.now.date_naive());
        let sc = start_scorecard(&mut doc, &c, &month, &kpis(), None)
            .unwrap()
            .entry
            .unwrap();
        let ids: Vec<Uuid> = kpis().keys().copied().collect();
        for k in &ids {
            answer_kpi(&mut doc, &c, sc, *k, &yes()).unwrap();
        }
        let a1 = code(&doc, sc, "A1");
        let no = KpiAnswerChange {
            score: Some(0),
            ..KpiAnswerChange::default()
        };
        answer_kpi(&mut doc, &c, sc, a1, &no).unwrap();
        let refused = finalise_scorecard(&mut doc, &c, sc).unwrap_err();
        assert!(refused.to_string().contains("A1"), "{refused}");
        answer_kpi(
            &mut doc,
            &c,
            sc,
            a1,
            &KpiAnswerChange {
                explanation: Some("Two deliveries late".into()),
                next_action: Some("Agree a recovery plan".into()),
                owner: Some("Alice".into()),
                due: NaiveDate::from_ymd_opt(2027, 1, 15),
                ..KpiAnswerChange::default()
            },
        )
        .unwrap();
        let done = finalise_scorecard(&mut doc, &c, sc).unwrap();
        assert!(done.message.contains("93%"), "{}", done.message);
        let file = crate::view::read(&doc).unwrap();
        let action_id = file.scorecards[&sc].answers[&a1].action.unwrap();
        let action = &file.actions[&action_id];
        assert_eq!(action.title, "A1: Agree a recovery plan");
        assert_eq!(action.owner, "Alice");
        // Fixed: no answer, no second finalisation, no second scorecard for the month.
        assert!(answer_kpi(&mut doc, &c, sc, a1, &yes()).is_err());
        assert!(finalise_scorecard(&mut doc, &c, sc).is_err());
        assert!(start_scorecard(&mut doc, &c, &month, &kpis(), None).is_err());
        // A correction starts from the finalised answers and replaces it as the record.
        let fix = start_scorecard(&mut doc, &c, &month, &kpis(), Some(sc))
            .unwrap()
            .entry
            .unwrap();
        let a1_fix = code(&doc, fix, "A1");
        answer_kpi(&mut doc, &c, fix, a1_fix, &yes()).unwrap();
        finalise_scorecard(&mut doc, &c, fix).unwrap();
        let file = crate::view::read(&doc).unwrap();
        assert_eq!(records(&file)[&month].0, fix);
        assert!(
            file.scorecards.contains_key(&sc),
            "the first stays in the file"
        );
    }

    #[test]
    fn months_to_come_and_nonsense_are_refused() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        for month in ["2099-01", "November", "2026-13"] {
            assert!(
                start_scorecard(&mut doc, &c, month, &kpis(), None).is_err(),
                "{month}"
            );
        }
        let sc = start_scorecard(&mut doc, &c, "2026-01", &kpis(), None)
            .unwrap()
            .entry
            .unwrap();
        let a1 = code(&doc, sc, "A1");
        let two = KpiAnswerChange {
            score: Some(2),
            ..KpiAnswerChange::default()
        };
        assert!(answer_kpi(&mut doc, &c, sc, a1, &two).is_err());
        assert!(answer_kpi(&mut doc, &c, sc, a1, &KpiAnswerChange::default()).is_err());
        assert!(start_scorecard(&mut doc, &c, "2026-01", &kpis(), None).is_err());
    }

    #[test]
    fn advisers_answering_one_kpi_apart_leave_a_dispute_that_blocks_finalising() {
        let (doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let mut base = doc;
        let month = month_of(c.now.date_naive());
        let sc = start_scorecard(&mut base, &c, &month, &kpis(), None)
            .unwrap()
            .entry
            .unwrap();
        let d2 = code(&base, sc, "D2");
        for k in kpis().keys().filter(|k| **k != d2) {
            answer_kpi(&mut base, &c, sc, *k, &yes()).unwrap();
        }
        let mut alice = base
            .fork()
            .with_actor(automerge::ActorId::from(&[1u8; 32][..]));
        let mut bob = base
            .fork()
            .with_actor(automerge::ActorId::from(&[2u8; 32][..]));
        answer_kpi(&mut alice, &c, sc, d2, &yes()).unwrap();
        answer_kpi(
            &mut bob,
            &ctx("Bob", 12),
            sc,
            d2,
            &KpiAnswerChange {
                score: Some(0),
                explanation: Some("Complaint open".into()),
                next_action: Some("Meet the MD".into()),
                owner: Some("Bob".into()),
                due: NaiveDate::from_ymd_opt(2027, 1, 10),
                ..KpiAnswerChange::default()
            },
        )
        .unwrap();
        alice.merge(&mut bob).unwrap();
        let file = crate::view::read(&alice).unwrap();
        let judged = score(&file.scorecards[&sc], file.disputes.scorecards.get(&sc));
        let line = judged.lines.iter().find(|l| l.code == "D2").unwrap();
        assert_eq!(line.score, Some(0), "the worse answer counts");
        assert_eq!(line.disputed.len(), 2);
        let refused = finalise_scorecard(&mut alice, &c, sc).unwrap_err();
        assert!(refused.to_string().contains("D2"), "{refused}");
    }
}
