//! `casebook review schedule|attend|minutes|answer|action|decide|updated|close|cadence|pack`
//! and the templates' edits: running an account performance review (RV-1..RV-8). Showing and
//! listing are in `review_list.rs`.

use anyhow::Context;
use casebook::edit::NewReview;
use casebook::enums::{ReviewDecision, ReviewKind};
use casebook::review_templates::Template;
use casebook::reviews::pick_review;
use casebook::{FileId, Node};
use uuid::Uuid;

use super::{Ctx, date, find, review_list, said, word};
use crate::args::{ReviewCmd, TemplateCmd, TextArgs};
use crate::i18n::{say, ta};
use crate::output::{self, line};

pub(crate) fn run(ctx: &Ctx, cmd: ReviewCmd) -> anyhow::Result<()> {
    match cmd {
        ReviewCmd::Schedule {
            file,
            date: day,
            with_client,
            account_manager,
            line_manager,
        } => {
            let node = ctx.open()?;
            let id = find(&node, &file)?;
            let new = NewReview {
                kind: if with_client {
                    ReviewKind::Client
                } else {
                    ReviewKind::Internal
                },
                date: match day {
                    Some(d) => date("--date", &d)?,
                    None => casebook::time::local_date(node.now()),
                },
                account_manager: account_manager.unwrap_or_default(),
                line_manager: line_manager.unwrap_or_default(),
            };
            let e = node.schedule_review(id, &new)?;
            said(ctx, id, e.entry, &e.message)
        }
        ReviewCmd::Attend {
            file,
            names,
            review,
        } => {
            let (node, id, r) = which(ctx, &file, review.as_deref())?;
            let e = node.record_review_attendees(id, r, &names)?;
            said(ctx, id, Some(r), &e.message)
        }
        ReviewCmd::Minutes(a) => text(ctx, &a, false),
        ReviewCmd::Answer(a) => text(ctx, &a, true),
        ReviewCmd::Action {
            file,
            title,
            owner,
            due,
            review,
        } => {
            let (node, id, r) = which(ctx, &file, review.as_deref())?;
            let action = super::owned_action(&title, &owner, &due)?;
            let e = node.add_review_action(id, r, &action)?;
            said(ctx, id, e.entry, &e.message)
        }
        ReviewCmd::Decide {
            file,
            what,
            value,
            note,
            review,
        } => {
            let (node, id, r) = which(ctx, &file, review.as_deref())?;
            let what = word::<ReviewDecision>(&what)?;
            let e = node.record_review_decision(id, r, what, &value, &note.unwrap_or_default())?;
            said(ctx, id, e.entry, &e.message)
        }
        ReviewCmd::Updated {
            file,
            update,
            review,
        } => {
            let (node, id, r) = which(ctx, &file, review.as_deref())?;
            let e = node.tick_review_update(id, r, &update)?;
            said(ctx, id, Some(r), &e.message)
        }
        ReviewCmd::Close(w) => {
            let (node, id, r) = which(ctx, &w.file, w.review.as_deref())?;
            let e = node.close_review(id, r)?;
            said(ctx, id, Some(r), &e.message)
        }
        ReviewCmd::Show(w) => review_list::show(ctx, &w.file, w.review.as_deref()),
        ReviewCmd::List { file } => review_list::list(ctx, file.as_deref()),
        ReviewCmd::Cadence { file, days } => {
            let node = ctx.open()?;
            let id = find(&node, &file)?;
            let e = node.set_review_days(id, days)?;
            said(ctx, id, None, &e.message)
        }
        ReviewCmd::Pack {
            file,
            out,
            language,
            review,
        } => {
            let node = ctx.open()?;
            let id = find(&node, &file)?;
            let pack = node.review_pack(id, review.as_deref(), language.as_deref())?;
            if let Some(path) = &out {
                std::fs::write(path, &pack.html).with_context(|| {
                    ta(
                        "pic-cannot-write",
                        &[("path", path.display().to_string().into())],
                    )
                })?;
            }
            if ctx.json {
                return output::json(&serde_json::json!({
                    "file_id": id,
                    "language": pack.lang.tag(),
                    "out": out,
                    "html": if out.is_some() { None } else { Some(&pack.html) },
                }));
            }
            match out {
                Some(path) => line(ta(
                    "pic-written",
                    &[("path", path.display().to_string().into())],
                )),
                None => line(pack.html.trim_end()),
            }
        }
        ReviewCmd::Agenda(t) => template(ctx, Template::Agenda, t),
        ReviewCmd::Question(t) => template(ctx, Template::Question, t),
    }
}

/// The node, the file and the review a command names.
fn which(ctx: &Ctx, file: &str, review: Option<&str>) -> anyhow::Result<(Node, FileId, Uuid)> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let r = pick_review(&account, review)?;
    Ok((node, id, r))
}

fn text(ctx: &Ctx, a: &TextArgs, question: bool) -> anyhow::Result<()> {
    let (node, id, r) = which(ctx, &a.file, a.review.as_deref())?;
    let e = node.record_review_minutes(id, r, &a.code, &a.text, question)?;
    said(ctx, id, Some(r), &e.message)
}

fn template(ctx: &Ctx, which: Template, cmd: TemplateCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let e = match cmd {
        TemplateCmd::List => return review_list::template(ctx, &node, which),
        TemplateCmd::Add {
            group,
            text,
            text_cy,
        } => node.add_review_template_item(which, &group, &text, &text_cy.unwrap_or_default())?,
        TemplateCmd::Retire { code } => node.retire_review_template_item(which, &code, true)?,
        TemplateCmd::Restore { code } => node.retire_review_template_item(which, &code, false)?,
    };
    if ctx.json {
        return output::json(&serde_json::json!({"entry": e.entry, "message": e.message}));
    }
    line(casebook::history::describe(&e.message).map_or_else(|| e.message.clone(), |m| say(&m)))
}
