//! Satisfaction surveys (SV-1..SV-5): plan one, name who is asked, issue it, record responses,
//! close it for analysis, add items to its Improvements Action Plan, and record who its results
//! were fed back to.

use std::collections::BTreeMap;

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ReadDoc, Value};
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{EditContext, Edited, check_text, current, json, path, put_json, transact};
use crate::Error;
use crate::enums::{SurveyLevel, Vocabulary};
use crate::model::{
    AccountFile, Action, Recipient, Survey, SurveyFeedback, SurveyQuestionCopy, SurveyResponse,
};
use crate::rules::survey::{SCALE, issue_problems};
use crate::survey_bank::asked;

/// The survey of `file` that `id` names.
fn survey(file: &AccountFile, id: Uuid) -> Result<&Survey, Error> {
    file.surveys
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("survey", id.to_string()))
}

/// Refuse a change to a closed survey.
fn open(s: &Survey) -> Result<(), Error> {
    match s.closed {
        Some(_) => Err(Error::Rule(
            Message::new("sv-rule-closed").with("title", &s.title),
        )),
        None => Ok(()),
    }
}

/// What a new survey is.
#[derive(Clone, Debug, Default)]
pub struct NewSurvey {
    /// Its title.
    pub title: String,
    /// The day responses are due.
    pub deadline: Option<NaiveDate>,
    /// The independent organisation administering it, if any.
    pub administrator: String,
    /// Whether responses are anonymous.
    pub anonymous: bool,
}

/// Plan a survey on `today` with `questions` (the organisation's bank in use, by id).
///
/// # Errors
/// [`Error::Rule`] for no title, no deadline or one already past, or no questions.
pub fn plan_survey(
    doc: &mut Automerge,
    ctx: &EditContext,
    new: &NewSurvey,
    questions: &BTreeMap<Uuid, SurveyQuestionCopy>,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let title = new.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-needs-title")));
    }
    check_text("title", &title)?;
    check_text("administrator", new.administrator.trim())?;
    let Some(deadline) = new.deadline else {
        return Err(Error::Rule(Message::new("sv-rule-needs-deadline")));
    };
    if deadline < today {
        return Err(Error::Rule(
            Message::new("sv-rule-deadline-past")
                .with("deadline", deadline.to_string())
                .with("today", today.to_string()),
        ));
    }
    if questions.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-no-questions")));
    }
    current(doc)?;
    let s = Survey {
        title: title.clone(),
        planned: Some(today),
        deadline: Some(deadline),
        administrator: new.administrator.trim().to_string(),
        anonymous: new.anonymous,
        questions: questions.clone(),
        ..Survey::default()
    };
    let message = format!(
        "Survey '{title}' planned (deadline {deadline}, {} questions)",
        questions.len()
    );
    let id = Uuid::new_v4();
    let value = json(&s)?;
    transact(doc, ctx, message, Some(id), move |tx| {
        let section = path(tx, &["surveys"])?;
        // The maps advisers add to apart (recipients, responses, improvements) are written
        // with the survey, empty, so additions made apart never meet.
        put_json(tx, &section, &id.to_string(), &value)
    })
}

/// Add `recipient` to survey `id`.
///
/// # Errors
/// [`Error::Rule`] for a closed survey, a recipient without a name or level, or a person asked
/// already.
pub fn add_recipient(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    recipient: &Recipient,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let s = survey(&file, id)?;
    open(s)?;
    let name = recipient.name.trim();
    let Some(level) = recipient.level else {
        return Err(Error::Rule(Message::new("sv-problem-recipient-level")));
    };
    if name.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-recipient-needs-name")));
    }
    check_text("name", name)?;
    check_text("function", recipient.function.trim())?;
    if let Some(p) = recipient.person
        && s.recipients.values().any(|r| r.person == Some(p))
    {
        return Err(Error::Rule(
            Message::new("sv-rule-asked-already")
                .with("name", name)
                .with("title", &s.title),
        ));
    }
    let message = format!("Survey '{}': {name} asked ({level})", s.title);
    let value = json(recipient)?;
    let entry = Uuid::new_v4();
    transact(doc, ctx, message, Some(entry), move |tx| {
        let obj = path(tx, &["surveys", &id.to_string(), "recipients"])?;
        put_json(tx, &obj, &entry.to_string(), &value)
    })
}

/// Issue survey `id` on `today`.
///
/// # Errors
/// [`Error::Rule`] listing every reason it cannot go out (issued already, nobody asked, the
/// most senior person known not asked, a recipient without a level).
pub fn issue_survey(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let s = survey(&file, id)?;
    open(s)?;
    let problems = issue_problems(s, &file);
    if !problems.is_empty() {
        return Err(Error::Rule(
            Message::new("sv-cannot-issue")
                .with("title", &s.title)
                .with("problems", crate::history::words::lines(problems)),
        ));
    }
    let message = format!(
        "Survey '{}' issued to {} people",
        s.title,
        s.recipients.len()
    );
    super::put_stamp(
        doc,
        ctx,
        message,
        &["surveys", &id.to_string()],
        "issued",
        today,
    )
}

/// Record `response` to survey `id`.
///
/// # Errors
/// [`Error::Rule`] for a survey not issued or closed, a recipient not asked or who answered
/// already, a named respondent in an anonymous survey, no level, a question the level is not
/// asked, or a score off 1–5.
pub fn record_response(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    response: &SurveyResponse,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let s = survey(&file, id)?;
    open(s)?;
    if s.issued.is_none() {
        return Err(Error::Rule(
            Message::new("sv-rule-not-issued").with("title", &s.title),
        ));
    }
    let who = match response.recipient {
        Some(r) => {
            let rec = s
                .recipients
                .get(&r)
                .ok_or_else(|| Error::no_such_entry("survey recipient", r.to_string()))?;
            if s.anonymous {
                return Err(Error::Rule(
                    Message::new("sv-rule-anonymous").with("title", &s.title),
                ));
            }
            if s.responses.values().any(|x| x.recipient == Some(r)) {
                return Err(Error::Rule(
                    Message::new("sv-rule-answered-already").with("name", &rec.name),
                ));
            }
            rec.name.clone()
        }
        None => "anonymous".to_string(),
    };
    let level: Option<SurveyLevel> = response.level.or_else(|| {
        response
            .recipient
            .and_then(|r| s.recipients.get(&r))
            .and_then(|r| r.level)
    });
    let Some(level) = level else {
        return Err(Error::Rule(Message::new("sv-rule-response-level")));
    };
    if response.scores.is_empty()
        && response.unaware_of.is_empty()
        && response.comment.trim().is_empty()
    {
        return Err(Error::Rule(Message::new("sv-rule-empty-response")));
    }
    for (q, score) in &response.scores {
        let question = s
            .questions
            .get(q)
            .ok_or_else(|| Error::no_such_entry("survey question", q.to_string()))?;
        if !question.level.is_some_and(|from| asked(from, level)) {
            return Err(Error::Rule(
                Message::new("sv-rule-not-asked-at-level")
                    .with("code", &question.code)
                    .with("level", level.word()),
            ));
        }
        if !SCALE.contains(score) {
            return Err(Error::Rule(
                Message::new("sv-rule-score")
                    .with("code", &question.code)
                    .with("score", u64::from(*score)),
            ));
        }
    }
    check_text("comment", response.comment.trim())?;
    for u in &response.unaware_of {
        check_text("name", u.trim())?;
    }
    let message = format!("Survey '{}': response from {who} ({level})", s.title);
    let mut stored = response.clone();
    stored.level = Some(level);
    stored.by.clone_from(&ctx.adviser);
    let value = json(&stored)?;
    let entry = Uuid::new_v4();
    transact(doc, ctx, message, Some(entry), move |tx| {
        let obj = path(tx, &["surveys", &id.to_string(), "responses"])?;
        put_json(tx, &obj, &entry.to_string(), &value)
    })
}

/// Close survey `id` for analysis on `today`.
///
/// # Errors
/// [`Error::Rule`] for a survey not issued, or closed already.
pub fn close_survey(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let s = survey(&file, id)?;
    open(s)?;
    if s.issued.is_none() {
        return Err(Error::Rule(
            Message::new("sv-rule-not-issued").with("title", &s.title),
        ));
    }
    let message = format!(
        "Survey '{}' closed with {} responses",
        s.title,
        s.responses.len()
    );
    super::put_stamp(
        doc,
        ctx,
        message,
        &["surveys", &id.to_string()],
        "closed",
        today,
    )
}

/// Add `action` to survey `id`'s Improvements Action Plan: an owned action of the account,
/// linked from the survey.
///
/// # Errors
/// [`Error::Rule`] for an action without a title or owner.
pub fn add_improvement(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    action: &Action,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let head = format!("Survey '{}': improvement: ", survey(&file, id)?.title);
    super::add_owned_action(
        doc,
        ctx,
        action,
        &head,
        &["surveys", &id.to_string(), "improvements"],
    )
}

/// Record that survey `id`'s results were fed back as `fb` says (SV-5). `fb.recipient` is set
/// when `fb.to` names one of its recipients.
///
/// # Errors
/// [`Error::Rule`] for a survey not closed yet, or feedback to nobody or without a day.
pub fn give_survey_feedback(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    fb: &SurveyFeedback,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let s = survey(&file, id)?;
    if s.closed.is_none() {
        return Err(Error::Rule(
            Message::new("sv-rule-feedback-not-closed").with("title", &s.title),
        ));
    }
    let mut fb = fb.clone();
    fb.to = fb.to.trim().to_string();
    fb.channel = fb.channel.trim().to_string();
    fb.summary = fb.summary.trim().to_string();
    if fb.to.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-feedback-to")));
    }
    check_text("to", &fb.to)?;
    check_text("channel", &fb.channel)?;
    check_text("summary", &fb.summary)?;
    let Some(day) = fb.date else {
        return Err(Error::Rule(Message::new("sv-rule-feedback-needs-date")));
    };
    super::dates::check_happened(Message::new("sv-what-feedback"), day, ctx.now)?;
    fb.recipient = s
        .recipients
        .iter()
        .find(|(_, r)| r.name.trim().eq_ignore_ascii_case(&fb.to))
        .map(|(rid, _)| *rid);
    fb.by = ctx.adviser.clone();
    fb.at = Some(ctx.now);
    let message = format!(
        "Survey '{}': results fed back to {} on {day}",
        s.title, fb.to
    );
    let value = json(&fb)?;
    let entry = Uuid::new_v4();
    transact(doc, ctx, message, Some(entry), move |tx| {
        let obj = path(tx, &["surveys", &id.to_string()])?;
        let map = match tx.get(&obj, "feedback")? {
            Some((Value::Object(ObjType::Map), m)) => m,
            _ => tx.put_object(&obj, "feedback", ObjType::Map)?,
        };
        put_json(tx, &map, &entry.to_string(), &value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::ActionStatus;
    use crate::model::Person;
    use crate::survey_bank::shipped;
    use crate::test_support::{client_with_risk, ctx};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn questions() -> BTreeMap<Uuid, SurveyQuestionCopy> {
        shipped().iter().map(|q| (q.id, q.copy())).collect()
    }

    #[test]
    fn a_survey_goes_out_only_to_the_most_senior_and_takes_each_answer_once() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let md = crate::edit::add_person(
            &mut doc,
            &c,
            &Person {
                name: "Rhys Jones".into(),
                ..Person::default()
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let new = NewSurvey {
            title: "Annual survey 2026".into(),
            deadline: Some(day(30)),
            ..NewSurvey::default()
        };
        assert!(
            plan_survey(
                &mut doc,
                &c,
                &NewSurvey {
                    deadline: Some(day(1)),
                    ..new.clone()
                },
                &questions(),
                day(12)
            )
            .is_err()
        );
        let id = plan_survey(&mut doc, &c, &new, &questions(), day(12))
            .unwrap()
            .entry
            .unwrap();
        let user = add_recipient(
            &mut doc,
            &c,
            id,
            &Recipient {
                name: "Lowri".into(),
                level: Some(SurveyLevel::Users),
                ..Recipient::default()
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let refused = issue_survey(&mut doc, &c, id, day(12)).unwrap_err();
        assert!(refused.to_string().contains("Rhys Jones"), "{refused}");
        let board = Recipient {
            person: Some(md),
            name: "Rhys Jones".into(),
            level: Some(SurveyLevel::Board),
            ..Recipient::default()
        };
        add_recipient(&mut doc, &c, id, &board).unwrap();
        assert!(
            add_recipient(&mut doc, &c, id, &board).is_err(),
            "asked once"
        );
        issue_survey(&mut doc, &c, id, day(12)).unwrap();
        let board_q = shipped().into_iter().find(|q| q.code == "B1").unwrap().id;
        let user_q = shipped().into_iter().find(|q| q.code == "U1").unwrap().id;
        let answer = |q: Uuid, score: u8| SurveyResponse {
            recipient: Some(user),
            received: Some(day(20)),
            scores: [(q, score)].into(),
            ..SurveyResponse::default()
        };
        assert!(
            record_response(&mut doc, &c, id, &answer(board_q, 4)).is_err(),
            "not asked of users"
        );
        assert!(
            record_response(&mut doc, &c, id, &answer(user_q, 6)).is_err(),
            "off the scale"
        );
        record_response(&mut doc, &c, id, &answer(user_q, 4)).unwrap();
        assert!(
            record_response(&mut doc, &c, id, &answer(user_q, 5)).is_err(),
            "answered once"
        );
        let fed_back = SurveyFeedback {
            to: "lowri".into(),
            channel: "meeting".into(),
            date: Some(day(31)),
            ..SurveyFeedback::default()
        };
        assert!(
            give_survey_feedback(&mut doc, &ctx("Alice", 31), id, &fed_back).is_err(),
            "results are fed back once the survey is closed"
        );
        let improvement = Action {
            title: "Tell them about export finance".into(),
            owner: "Alice".into(),
            due: Some(day(31)),
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        };
        let action = add_improvement(&mut doc, &c, id, &improvement)
            .unwrap()
            .entry
            .unwrap();
        close_survey(&mut doc, &c, id, day(31)).unwrap();
        assert!(close_survey(&mut doc, &c, id, day(31)).is_err());
        let file = current(&doc).unwrap();
        let s = &file.surveys[&id];
        assert_eq!(s.responses.len(), 1);
        assert!(s.improvements.contains_key(&action));
        assert_eq!(file.actions[&action].owner, "Alice");
        assert!(
            record_response(&mut doc, &c, id, &answer(user_q, 3)).is_err(),
            "closed"
        );
        let before = crate::rules::survey::feedback(&file.surveys[&id]);
        assert_eq!(before.still_to, vec!["Lowri", "Rhys Jones"]);
        give_survey_feedback(&mut doc, &ctx("Alice", 31), id, &fed_back).unwrap();
        let team = SurveyFeedback {
            to: "Our delivery team".into(),
            ..fed_back.clone()
        };
        give_survey_feedback(&mut doc, &ctx("Alice", 31), id, &team).unwrap();
        assert!(
            give_survey_feedback(
                &mut doc,
                &c,
                id,
                &SurveyFeedback {
                    to: " ".into(),
                    ..fed_back
                }
            )
            .is_err()
        );
        let file = current(&doc).unwrap();
        let s = &file.surveys[&id];
        assert!(s.feedback.values().any(|f| f.recipient == Some(user)));
        let after = crate::rules::survey::feedback(s);
        assert_eq!(after.still_to, vec!["Rhys Jones"]);
        assert_eq!(after.given_to.len(), 2);
    }
}
