//! `casebook survey plan|recipient|issue|record|import|close|improve|question`: running a
//! satisfaction survey (SV-1..SV-5). The analysis, the listings and the trend are in
//! `survey_report.rs`.

use anyhow::{Context, anyhow};
use casebook::edit::{self, NewSurvey};
use casebook::enums::{Exposure, SurveyArea, SurveyLevel};
use casebook::model::{Recipient, SurveyFeedback};
use casebook::survey_bank::NewQuestion;
use casebook::surveys::{TypedResponse, pick_survey};
use casebook::{FileId, Node};
use uuid::Uuid;

use super::{Ctx, date, find, opt_date, said, survey_report, word};
use crate::args::{QuestionCmd, RecipientArgs, RecordArgs, SurveyCmd};
use crate::i18n::{say, t, ta};
use crate::output::{self, line};

pub(crate) fn run(ctx: &Ctx, cmd: SurveyCmd) -> anyhow::Result<()> {
    match cmd {
        SurveyCmd::Plan {
            file,
            title,
            deadline,
            administrator,
            anonymous,
        } => {
            let node = ctx.open()?;
            let id = find(&node, &file)?;
            let new = NewSurvey {
                title,
                deadline: Some(date("--deadline", &deadline)?),
                administrator: administrator.unwrap_or_default(),
                anonymous,
            };
            let e = node.plan_survey(id, &new)?;
            said(ctx, id, e.entry, &e.message)
        }
        SurveyCmd::Recipient(a) => recipient(ctx, &a),
        SurveyCmd::Issue(w) => {
            let (node, id, s) = which(ctx, &w.file, w.survey.as_deref())?;
            let e = node.issue_survey(id, s)?;
            said(ctx, id, Some(s), &e.message)
        }
        SurveyCmd::Record(a) => record(ctx, &a),
        SurveyCmd::Import { file, csv, survey } => {
            let (node, id, s) = which(ctx, &file, survey.as_deref())?;
            let input = std::fs::File::open(&csv).with_context(|| {
                ta(
                    "net-cannot-read",
                    &[("path", csv.display().to_string().into())],
                )
            })?;
            let report = casebook::import::import_survey_csv(&node, id, s, input)?;
            if ctx.json {
                return output::json(&report);
            }
            line(ta("sv-imported", &[("count", report.imported.into())]))?;
            if !report.unknown_columns.is_empty() {
                line(ta(
                    "sv-ignored-columns",
                    &[("columns", report.unknown_columns.join(", ").into())],
                ))?;
            }
            Ok(())
        }
        SurveyCmd::Close(w) => {
            let (node, id, s) = which(ctx, &w.file, w.survey.as_deref())?;
            let e = node.close_survey(id, s)?;
            said(ctx, id, Some(s), &e.message)
        }
        SurveyCmd::Analyse(w) => survey_report::analyse(ctx, &w.file, w.survey.as_deref()),
        SurveyCmd::Improve {
            file,
            title,
            owner,
            due,
            survey,
        } => {
            let (node, id, s) = which(ctx, &file, survey.as_deref())?;
            let action = super::owned_action(&title, &owner, &due)?;
            let e = node.add_survey_improvement(id, s, &action)?;
            said(ctx, id, e.entry, &e.message)
        }
        SurveyCmd::Feedback {
            file,
            to,
            channel,
            note,
            date,
            survey,
        } => {
            let (node, id, s) = which(ctx, &file, survey.as_deref())?;
            let fb = SurveyFeedback {
                to,
                channel,
                summary: note,
                date: Some(
                    opt_date("--date", &date)?
                        .unwrap_or_else(|| casebook::time::local_date(node.now())),
                ),
                ..Default::default()
            };
            let e = node.apply(id, |d, c, _| edit::give_survey_feedback(d, c, s, &fb))?;
            said(ctx, id, e.entry, &e.message)
        }
        SurveyCmd::List { file } => survey_report::list(ctx, file.as_deref()),
        SurveyCmd::Trend { file } => survey_report::trend(ctx, &file),
        SurveyCmd::Question(q) => question(ctx, q),
    }
}

/// The node, the file and the survey a command names.
fn which(ctx: &Ctx, file: &str, survey: Option<&str>) -> anyhow::Result<(Node, FileId, Uuid)> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let s = pick_survey(&account, survey)?;
    Ok((node, id, s))
}

fn recipient(ctx: &Ctx, a: &RecipientArgs) -> anyhow::Result<()> {
    let (node, id, s) = which(ctx, &a.file, a.survey.as_deref())?;
    let account = node.read(id)?;
    let (person, name) = match (&a.person, &a.other) {
        (Some(p), _) => {
            let pid = casebook::view::resolve_person(&account, p)?;
            (Some(pid), account.people[&pid].name.clone())
        }
        (None, Some(other)) => (None, other.trim().to_string()),
        (None, None) => return Err(anyhow!(t("sv-who"))),
    };
    let recipient = Recipient {
        person,
        name,
        level: Some(word::<SurveyLevel>(&a.level)?),
        function: a.function.clone().unwrap_or_default(),
        exposure: a.exposure.as_deref().map(word::<Exposure>).transpose()?,
    };
    let e = node.add_survey_recipient(id, s, &recipient)?;
    said(ctx, id, e.entry, &e.message)
}

fn record(ctx: &Ctx, a: &RecordArgs) -> anyhow::Result<()> {
    let (node, id, s) = which(ctx, &a.file, a.survey.as_deref())?;
    let mut scores = Vec::new();
    for item in &a.scores {
        let parsed = item.split_once('=').and_then(|(code, n)| {
            n.trim()
                .parse::<u8>()
                .ok()
                .map(|n| (code.trim().to_string(), n))
        });
        scores.push(
            parsed.ok_or_else(|| anyhow!(ta("sv-bad-score", &[("text", item.as_str().into())])))?,
        );
    }
    let typed = TypedResponse {
        respondent: a.respondent.clone(),
        level: a.level.as_deref().map(word::<SurveyLevel>).transpose()?,
        received: opt_date("--received", &a.received)?,
        scores,
        unaware_of: a.unaware.clone(),
        comment: a.comment.clone().unwrap_or_default(),
    };
    let e = node.record_survey_response(id, s, &typed)?;
    said(ctx, id, e.entry, &e.message)
}

fn question(ctx: &Ctx, cmd: QuestionCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let e = match cmd {
        QuestionCmd::List => return survey_report::questions(ctx, &node),
        QuestionCmd::Add {
            area,
            level,
            text,
            text_cy,
        } => node.add_survey_question(&NewQuestion {
            area: word::<SurveyArea>(&area)?,
            level: word::<SurveyLevel>(&level)?,
            text,
            text_cy: text_cy.unwrap_or_default(),
        })?,
        QuestionCmd::Retire { code } => node.retire_survey_question(&code, true)?,
        QuestionCmd::Restore { code } => node.retire_survey_question(&code, false)?,
    };
    if ctx.json {
        return output::json(&serde_json::json!({"entry": e.entry, "message": e.message}));
    }
    line(casebook::history::describe(&e.message).map_or_else(|| e.message.clone(), |m| say(&m)))
}
