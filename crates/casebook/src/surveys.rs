//! Satisfaction surveys on a node (SV-1..SV-5): the node's side of `casebook_doc::survey_bank`,
//! `casebook_doc::edit::plan_survey` and friends, and `casebook_doc::rules::survey`.

use std::collections::BTreeMap;

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited, NewSurvey};
use casebook_doc::enums::SurveyLevel;
use casebook_doc::model::{AccountFile, Action, Recipient, Survey, SurveyResponse};
use casebook_doc::survey_bank::{self, NewQuestion, SurveyQuestion};
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use crate::{Error, Node};

/// The survey of `file` a person means: the one whose title is `query` (any case) or whose id
/// starts with it; with no query, the latest one not closed, else the latest.
///
/// # Errors
/// [`casebook_doc::Error::Rule`] when the file has no survey; no such or several surveys.
pub fn pick_survey(file: &AccountFile, query: Option<&str>) -> Result<Uuid, Error> {
    if let Some(q) = query {
        return Ok(casebook_doc::view::resolve_named(
            &file.surveys,
            q,
            "survey",
        )?);
    }
    let latest = |open: bool| {
        file.surveys
            .iter()
            .filter(|(_, s)| !open || s.closed.is_none())
            .max_by_key(|(id, s)| (s.planned, **id))
            .map(|(id, _)| *id)
    };
    latest(true)
        .or_else(|| latest(false))
        .ok_or_else(|| casebook_doc::Error::Rule(Message::new("sv-none-yet")).into())
}

/// A response as typed or imported: question codes rather than ids.
#[derive(Clone, Debug, Default)]
pub struct TypedResponse {
    /// The respondent: a recipient's name, or the person of the org chart they are.
    pub respondent: Option<String>,
    /// The instrument answered, when no respondent says it.
    pub level: Option<SurveyLevel>,
    /// The day it was received.
    pub received: Option<NaiveDate>,
    /// Scores by question code.
    pub scores: Vec<(String, u8)>,
    /// Services the respondent did not know of.
    pub unaware_of: Vec<String>,
    /// What they wrote.
    pub comment: String,
}

/// `typed` as survey `s` stores it.
///
/// # Errors
/// A question code the survey does not ask, or a respondent who is not a recipient.
pub(crate) fn response_of(s: &Survey, typed: &TypedResponse) -> Result<SurveyResponse, Message> {
    let mut scores = BTreeMap::new();
    for (code, score) in &typed.scores {
        let id = s
            .questions
            .iter()
            .find(|(_, q)| q.code.eq_ignore_ascii_case(code.trim()))
            .map(|(id, _)| *id)
            .ok_or_else(|| {
                Message::new("sv-no-such-question")
                    .with("code", code.as_str())
                    .with("title", &s.title)
            })?;
        scores.insert(id, *score);
    }
    let recipient = match typed.respondent.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(who) => {
            // By name, else by the recipient's or the person's id (or its first characters).
            let by_name: Vec<Uuid> = s
                .recipients
                .iter()
                .filter(|(_, r)| r.name.eq_ignore_ascii_case(who))
                .map(|(id, _)| *id)
                .collect();
            let by_id: Vec<Uuid> = s
                .recipients
                .iter()
                .filter(|(id, r)| {
                    id.to_string().starts_with(who)
                        || r.person.is_some_and(|p| p.to_string().starts_with(who))
                })
                .map(|(id, _)| *id)
                .collect();
            let found = if by_name.is_empty() { by_id } else { by_name };
            match found.as_slice() {
                [one] => Some(*one),
                [] => {
                    return Err(Message::new("sv-not-a-recipient")
                        .with("name", who)
                        .with("title", &s.title));
                }
                _ => {
                    return Err(Message::new("sv-respondent-ambiguous")
                        .with("name", who)
                        .with("count", found.len()));
                }
            }
        }
    };
    Ok(SurveyResponse {
        recipient,
        level: typed.level,
        received: typed.received,
        scores,
        unaware_of: typed.unaware_of.clone(),
        comment: typed.comment.trim().to_string(),
        by: String::new(),
    })
}

impl Node {
    /// The survey question bank of this node's organisation (SV-3).
    ///
    /// # Errors
    /// Store errors.
    pub fn survey_questions(&self) -> Result<Vec<SurveyQuestion>, Error> {
        let id = self.organisation_id()?;
        Ok(self
            .store()
            .load_shared(id)?
            .map_or_else(survey_bank::shipped, |o| survey_bank::read(&o)))
    }

    /// Add a question to this node's organisation's bank.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`survey_bank::add`].
    pub fn add_survey_question(&self, new: &NewQuestion) -> Result<Edited, Error> {
        let id = self.organisation_id()?;
        let mut out = Edited::default();
        self.edit_organisation_with(id, |doc, ctx| {
            out = survey_bank::add(doc, ctx, new)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Retire a question of this node's organisation's bank, or bring it back.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`survey_bank::set_retired`].
    pub fn retire_survey_question(&self, code: &str, retired: bool) -> Result<Edited, Error> {
        let id = self.organisation_id()?;
        let mut out = Edited::default();
        self.edit_organisation_with(id, |doc, ctx| {
            out = survey_bank::set_retired(doc, ctx, code, retired)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Plan a survey of `file` with the questions in use of the organisation that judges it.
    ///
    /// # Errors
    /// The refusals of [`edit::plan_survey`].
    pub fn plan_survey(&self, file: FileId, new: &NewSurvey) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let questions: BTreeMap<_, _> = self
                .survey_questions_in(txn, &doc)?
                .iter()
                .filter(|q| !q.retired)
                .map(|q| (q.id, q.copy()))
                .collect();
            self.edit_in(txn, file, doc, |d| {
                edit::plan_survey(d, &self.edit_context(), new, &questions, today)
            })
        })
    }

    /// Ask `recipient` in survey `survey` of `file`.
    ///
    /// # Errors
    /// The refusals of [`edit::add_recipient`].
    pub fn add_survey_recipient(
        &self,
        file: FileId,
        survey: Uuid,
        recipient: &Recipient,
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| edit::add_recipient(d, c, survey, recipient))
    }

    /// Issue survey `survey` of `file` today.
    ///
    /// # Errors
    /// The refusals of [`edit::issue_survey`].
    pub fn issue_survey(&self, file: FileId, survey: Uuid) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.apply(file, |d, c, _| edit::issue_survey(d, c, survey, today))
    }

    /// Record a response to survey `survey` of `file`.
    ///
    /// # Errors
    /// An unknown question code or respondent; the refusals of [`edit::record_response`].
    pub fn record_survey_response(
        &self,
        file: FileId,
        survey: Uuid,
        typed: &TypedResponse,
    ) -> Result<Edited, Error> {
        let account = self.read(file)?;
        let s = account
            .surveys
            .get(&survey)
            .ok_or_else(|| casebook_doc::Error::no_such_entry("survey", survey.to_string()))?;
        let mut typed = typed.clone();
        if typed.received.is_none() {
            typed.received = Some(crate::time::local_date(self.now()));
        }
        let response = response_of(s, &typed).map_err(casebook_doc::Error::Rule)?;
        self.apply(file, |d, c, _| {
            edit::record_response(d, c, survey, &response)
        })
    }

    /// Close survey `survey` of `file` for analysis today.
    ///
    /// # Errors
    /// The refusals of [`edit::close_survey`].
    pub fn close_survey(&self, file: FileId, survey: Uuid) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.apply(file, |d, c, _| edit::close_survey(d, c, survey, today))
    }

    /// Add an item to survey `survey`'s Improvements Action Plan.
    ///
    /// # Errors
    /// The refusals of [`edit::add_improvement`].
    pub fn add_survey_improvement(
        &self,
        file: FileId,
        survey: Uuid,
        action: &Action,
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| edit::add_improvement(d, c, survey, action))
    }
}
