//! The organisation's bank of satisfaction-survey questions (SV-1..SV-3).
//!
//! Seed 003 tailors a survey to three levels of people: Users (practical solutions, teamwork,
//! responsiveness, quality, integrity and reliability), Managers ("as for Users plus" business
//! understanding, culture, proactivity, value added, value for money, skills, reputation) and
//! the Board (image, culture, relationship, benefits achieved, value for money), over the same
//! areas every year. Casebook ships those questions with stable ids and codes, so results stay
//! comparable across years; an organisation's administrators add, reword and retire questions
//! in the `templates` map of its document (`kind` = `survey-question`), as for KPIs.

use automerge::{Automerge, ScalarValue};
use casebook_i18n::{Lang, Message};
use serde::Serialize;
use uuid::Uuid;

use crate::edit::{EditContext, Edited, transact};
use crate::enums::{SurveyArea, SurveyLevel};
use crate::model::SurveyQuestionCopy;
use crate::{Error, schema, templates};

/// The `kind` of a question's entry in the organisation document's `templates`.
const KIND: &str = "survey-question";

/// One question of the bank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SurveyQuestion {
    /// Its id: stable for a shipped question, a fresh UUID for one an administrator added.
    pub id: Uuid,
    /// Its code (`U1`, `M3`, `B2`).
    pub code: String,
    /// Its area.
    pub area: SurveyArea,
    /// The lowest level asked (Users questions are asked of Managers too).
    pub level: SurveyLevel,
    /// The question in English.
    pub text: String,
    /// The question in Welsh (empty: the English shows).
    pub text_cy: String,
    /// Whether it is out of use.
    pub retired: bool,
    /// Whether casebook ships it.
    pub shipped: bool,
}

impl SurveyQuestion {
    /// The copy a new survey keeps.
    pub fn copy(&self) -> SurveyQuestionCopy {
        SurveyQuestionCopy {
            code: self.code.clone(),
            area: Some(self.area),
            level: Some(self.level),
            text: self.text.clone(),
            text_cy: self.text_cy.clone(),
        }
    }

    /// The question in `lang`.
    pub fn text_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.text, &self.text_cy, lang)
    }
}

/// Whether a question whose lowest level is `asked_from` is put to someone at `level`:
/// Managers are asked the Users' questions too; the Board only its own.
pub fn asked(asked_from: SurveyLevel, level: SurveyLevel) -> bool {
    asked_from == level || (asked_from == SurveyLevel::Users && level == SurveyLevel::Managers)
}

/// The first shipped question's id; the others follow in [`SHIPPED`]'s order (append only).
const SHIPPED_BASE: u128 = 0x6361_7365_626f_6f6b_5356_5100_0000_0000;

/// (code, area, lowest level, English, Welsh): the questions casebook ships.
const SHIPPED: &[(&str, SurveyArea, SurveyLevel, &str, &str)] = &[
    (
        "U1",
        SurveyArea::Deliverables,
        SurveyLevel::Users,
        "How well do our solutions work in practice for you?",
        "Pa mor dda y mae ein datrysiadau'n gweithio'n ymarferol i chi?",
    ),
    (
        "U2",
        SurveyArea::Teamwork,
        SurveyLevel::Users,
        "How well do our people work together with yours?",
        "Pa mor dda y mae ein pobl yn cydweithio â'ch pobl chi?",
    ),
    (
        "U3",
        SurveyArea::Deliverables,
        SurveyLevel::Users,
        "How responsive are we to your requests?",
        "Pa mor gyflym yr ydym yn ymateb i'ch ceisiadau?",
    ),
    (
        "U4",
        SurveyArea::Deliverables,
        SurveyLevel::Users,
        "How would you rate the quality of what we deliver?",
        "Sut fyddech chi'n graddio ansawdd yr hyn a ddarparwn?",
    ),
    (
        "U5",
        SurveyArea::Relationship,
        SurveyLevel::Users,
        "How would you rate our integrity and reliability?",
        "Sut fyddech chi'n graddio ein gonestrwydd a'n dibynadwyedd?",
    ),
    (
        "M1",
        SurveyArea::Relationship,
        SurveyLevel::Managers,
        "How well do we understand your business?",
        "Pa mor dda yr ydym yn deall eich busnes?",
    ),
    (
        "M2",
        SurveyArea::Culture,
        SurveyLevel::Managers,
        "How well do we understand and respect your organisation's culture?",
        "Pa mor dda yr ydym yn deall ac yn parchu diwylliant eich sefydliad?",
    ),
    (
        "M3",
        SurveyArea::AccountManager,
        SurveyLevel::Managers,
        "How proactive are we in bringing you ideas and improvements?",
        "Pa mor rhagweithiol ydym wrth gynnig syniadau a gwelliannau i chi?",
    ),
    (
        "M4",
        SurveyArea::Value,
        SurveyLevel::Managers,
        "How much value do we add beyond what we are contracted to do?",
        "Faint o werth yr ydym yn ei ychwanegu y tu hwnt i'r hyn y'n contractiwyd i'w wneud?",
    ),
    (
        "M5",
        SurveyArea::Value,
        SurveyLevel::Managers,
        "How would you rate the value for money we give?",
        "Sut fyddech chi'n graddio'r gwerth am arian a roddwn?",
    ),
    (
        "M6",
        SurveyArea::Deliverables,
        SurveyLevel::Managers,
        "How would you rate the skills of our people?",
        "Sut fyddech chi'n graddio sgiliau ein pobl?",
    ),
    (
        "M7",
        SurveyArea::Relationship,
        SurveyLevel::Managers,
        "How would you rate our reputation?",
        "Sut fyddech chi'n graddio ein henw da?",
    ),
    (
        "M8",
        SurveyArea::AccountManager,
        SurveyLevel::Managers,
        "How would you rate your account manager's performance?",
        "Sut fyddech chi'n graddio perfformiad eich rheolwr cyfrif?",
    ),
    (
        "B1",
        SurveyArea::Relationship,
        SurveyLevel::Board,
        "How would you rate our company's image?",
        "Sut fyddech chi'n graddio delwedd ein cwmni?",
    ),
    (
        "B2",
        SurveyArea::Culture,
        SurveyLevel::Board,
        "How compatible are our cultures and values?",
        "Pa mor gydnaws yw ein diwylliannau a'n gwerthoedd?",
    ),
    (
        "B3",
        SurveyArea::Relationship,
        SurveyLevel::Board,
        "How would you rate the relationship between our organisations?",
        "Sut fyddech chi'n graddio'r berthynas rhwng ein sefydliadau?",
    ),
    (
        "B4",
        SurveyArea::Value,
        SurveyLevel::Board,
        "How would you rate the benefits our work has achieved for you?",
        "Sut fyddech chi'n graddio'r manteision y mae ein gwaith wedi'u sicrhau i chi?",
    ),
    (
        "B5",
        SurveyArea::Value,
        SurveyLevel::Board,
        "How would you rate the value for money we give?",
        "Sut fyddech chi'n graddio'r gwerth am arian a roddwn?",
    ),
];

/// The questions casebook ships.
pub fn shipped() -> Vec<SurveyQuestion> {
    SHIPPED
        .iter()
        .zip(0u128..)
        .map(|(&(code, area, level, text, text_cy), i)| SurveyQuestion {
            id: Uuid::from_u128(SHIPPED_BASE + i),
            code: code.into(),
            area,
            level,
            text: text.into(),
            text_cy: text_cy.into(),
            retired: false,
            shipped: true,
        })
        .collect()
}

/// The bank of organisation document `doc`: the shipped questions as its entries override
/// them, then those its administrators added. An added entry without a known area or level is
/// left out.
pub fn read(doc: &Automerge) -> Vec<SurveyQuestion> {
    let (mut bank, mut added) = templates::overlay(
        shipped(),
        doc,
        KIND,
        |q| q.id,
        // An added question needs its area and level to be asked at all.
        |id, fields| {
            Some(SurveyQuestion {
                id,
                code: String::new(),
                area: templates::text(fields, "area")?.parse().ok()?,
                level: templates::text(fields, "level")?.parse().ok()?,
                text: String::new(),
                text_cy: String::new(),
                retired: false,
                shipped: false,
            })
        },
        |q, fields| {
            templates::set_texts(
                fields,
                vec![
                    ("code", &mut q.code),
                    ("text", &mut q.text),
                    ("text_cy", &mut q.text_cy),
                ],
            );
            if let Some(r) = templates::flag(fields, "retired") {
                q.retired = r;
            }
        },
        |_| true,
    );
    added.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
    bank.extend(added);
    bank
}

/// A new question for the bank.
#[derive(Clone, Debug)]
pub struct NewQuestion {
    /// Its area.
    pub area: SurveyArea,
    /// The lowest level asked.
    pub level: SurveyLevel,
    /// The question in English.
    pub text: String,
    /// The question in Welsh.
    pub text_cy: String,
}

/// Add a question to organisation document `doc`, with the next free code of its level
/// (`U6`, `M9`, `B6`).
///
/// # Errors
/// [`Error::Rule`] for an empty question.
pub fn add(doc: &mut Automerge, ctx: &EditContext, new: &NewQuestion) -> Result<Edited, Error> {
    schema::check(doc)?;
    let bank = read(doc);
    let text = new.text.trim().to_string();
    if text.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-question-needs-text")));
    }
    let limit = casebook_base::limits::MAX_NAME_CHARS * 2;
    crate::edit::check_length("text", &text, limit)?;
    let text_cy = new.text_cy.trim().to_string();
    crate::edit::check_length("text", &text_cy, limit)?;
    let prefix = match new.level {
        SurveyLevel::Users => "U",
        SurveyLevel::Managers => "M",
        SurveyLevel::Board => "B",
    };
    let n = (1..)
        .find(|n| !bank.iter().any(|q| q.code == format!("{prefix}{n}")))
        .unwrap_or(1);
    let code = format!("{prefix}{n}");
    let id = Uuid::new_v4();
    let message = format!("Survey question {code} added ({}): {text}", new.level);
    let (area, level) = (new.area, new.level);
    transact(doc, ctx, message, Some(id), move |tx| {
        let mut fields = vec![
            ("code", ScalarValue::Str(code.into())),
            ("area", ScalarValue::Str(area.as_str().into())),
            ("level", ScalarValue::Str(level.as_str().into())),
            ("text", ScalarValue::Str(text.into())),
            ("retired", ScalarValue::Boolean(false)),
        ];
        if !text_cy.is_empty() {
            fields.push(("text_cy", ScalarValue::Str(text_cy.into())));
        }
        templates::put(tx, id, KIND, fields)
    })
}

/// Retire question `code` (or bring it back into use with `retired` false).
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown code; [`Error::Rule`] when it is so already.
pub fn set_retired(
    doc: &mut Automerge,
    ctx: &EditContext,
    code: &str,
    retired: bool,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let bank = read(doc);
    let q = bank
        .iter()
        .find(|q| q.code.eq_ignore_ascii_case(code.trim()))
        .ok_or_else(|| Error::no_such_entry("survey question", code.trim()))?;
    templates::set_retired(
        doc,
        ctx,
        KIND,
        "Survey question",
        (q.id, &q.code, q.retired),
        retired,
    )
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use casebook_base::{FileId, NodeId};

    use super::*;

    fn org() -> Automerge {
        schema::new_file(FileId::new_organisation(), NodeId::from_bytes([0xAD; 32]))
            .unwrap()
            .with_actor(ActorId::from(&[1; 32][..]))
    }

    fn ctx() -> EditContext {
        EditContext {
            adviser: "Carol".into(),
            now: chrono::Utc::now(),
        }
    }

    #[test]
    fn managers_are_asked_what_users_are_and_more_and_the_board_its_own() {
        let bank = shipped();
        let put_to = |level: SurveyLevel| bank.iter().filter(|q| asked(q.level, level)).count();
        assert_eq!(put_to(SurveyLevel::Users), 5);
        assert_eq!(put_to(SurveyLevel::Managers), 13);
        assert_eq!(put_to(SurveyLevel::Board), 5);
        let codes: std::collections::BTreeSet<&str> =
            bank.iter().map(|q| q.code.as_str()).collect();
        assert_eq!(codes.len(), bank.len());
        assert_eq!(read(&org()), bank);
    }

    #[test]
    fn a_question_added_takes_the_next_code_and_a_retired_one_stays_in_the_bank() {
        let mut doc = org();
        let new = NewQuestion {
            area: SurveyArea::Teamwork,
            level: SurveyLevel::Users,
            text: "Do our people take pride in their work?".into(),
            text_cy: String::new(),
        };
        add(&mut doc, &ctx(), &new).unwrap();
        set_retired(&mut doc, &ctx(), "u3", true).unwrap();
        let bank = read(&doc);
        assert!(bank.iter().any(|q| q.code == "U6" && !q.shipped));
        assert!(bank.iter().any(|q| q.code == "U3" && q.retired));
        assert!(set_retired(&mut doc, &ctx(), "U3", true).is_err());
        assert!(
            add(
                &mut doc,
                &ctx(),
                &NewQuestion {
                    text: " ".into(),
                    ..new
                }
            )
            .is_err()
        );
    }
}
