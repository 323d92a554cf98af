//! `casebook plan ...` (the Contact Management Plan, CT-6) and `casebook topic ...` (questions
//! to carry, CT-7).

use casebook::edit;
use casebook::model::PlanLine;
use casebook::rules::contact_plan::adherence;
use casebook::{FileId, Node};
use serde::Serialize;
use uuid::Uuid;

use super::{Ctx, find, said};
use crate::args::{PlanCmd, TopicCmd};
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};

/// An entry of `map` named by its id or the first characters of it, or (`text`) its words.
fn entry_of<T>(
    map: &std::collections::BTreeMap<Uuid, T>,
    query: &str,
    what: &'static str,
    text: impl Fn(&T) -> &str,
) -> anyhow::Result<Uuid> {
    let q = query.trim();
    let by_text: Vec<Uuid> = map
        .iter()
        .filter(|(_, v)| text(v).trim().eq_ignore_ascii_case(q))
        .map(|(id, _)| *id)
        .collect();
    let by_id: Vec<Uuid> = map
        .keys()
        .filter(|id| !q.is_empty() && id.to_string().starts_with(&q.to_lowercase()))
        .copied()
        .collect();
    let found = if by_text.is_empty() { by_id } else { by_text };
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(casebook::DocError::no_such_entry(what, q).into()),
        _ => Err(casebook::DocError::ambiguous_entry(what, q).into()),
    }
}

pub(crate) fn plan(ctx: &Ctx, cmd: PlanCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        PlanCmd::Add {
            file,
            person,
            ours,
            every,
            objective,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let pid = casebook::view::resolve_person(&account, &person)?;
            let line_ = PlanLine {
                ours,
                person: Some(pid),
                every_days: every,
                objective: objective.unwrap_or_default(),
                by: String::new(),
            };
            let e = node.apply(id, |d, c, _| edit::add_plan_line(d, c, &line_))?;
            said(ctx, id, e.entry, &e.message)
        }
        PlanCmd::Remove { file, line: query } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let lid = entry_of(&account.contact_plan, &query, "contact plan line", |l| {
                l.ours.as_str()
            })?;
            let e = node.apply(id, |d, c, _| edit::remove_plan_line(d, c, lid))?;
            said(ctx, id, None, &e.message)
        }
        PlanCmd::List { file } => plan_list(ctx, &node, file.as_deref()),
    }
}

/// One client's plan, as `plan list --json` prints it.
#[derive(Serialize)]
struct PlanRow {
    file_id: FileId,
    client: String,
    #[serde(flatten)]
    adherence: casebook::rules::contact_plan::Adherence,
}

fn plan_list(ctx: &Ctx, node: &Node, file: Option<&str>) -> anyhow::Result<()> {
    let today = casebook::time::local_date(node.now());
    let ids: Vec<FileId> = match file {
        Some(f) => vec![find(node, f)?],
        None => node.account_file_ids()?,
    };
    let mut rows = Vec::new();
    for id in ids {
        let account = node.read(id)?;
        if file.is_none() && account.contact_plan.is_empty() {
            continue;
        }
        rows.push(PlanRow {
            file_id: id,
            client: account.profile.name.clone(),
            adherence: adherence(&account, today),
        });
    }
    let order = crate::i18n::collation();
    rows.sort_by(|a, b| order.compare(&a.client, &b.client));
    if ctx.json {
        return output::json(&rows);
    }
    if rows.iter().all(|r| r.adherence.lines.is_empty()) {
        return line(t("cp-none"));
    }
    for r in rows {
        line(ta(
            "cp-title",
            &[
                ("client", r.client.as_str().into()),
                ("met", r.adherence.met.into()),
                ("of", r.adherence.of.into()),
            ],
        ))?;
        let mut table = headed(&[
            "cp-col-ours",
            "cp-col-person",
            "cp-col-every",
            "cp-col-last",
            "cp-col-due",
            "column-id",
        ]);
        for l in &r.adherence.lines {
            let mut due = l.due.to_string();
            if l.left {
                due = t("cp-left");
            } else if l.overdue {
                due = format!("{due} {}", t("rec-overdue"));
            }
            table.add_row(vec![
                l.ours.clone(),
                l.person.clone(),
                l.every_days.to_string(),
                l.last.map(|d| d.to_string()).unwrap_or_default(),
                due,
                casebook::view::short(&l.line),
            ]);
        }
        line(table)?;
    }
    Ok(())
}

pub(crate) fn topic(ctx: &Ctx, cmd: TopicCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        TopicCmd::Add { file, text } => {
            let id = find(&node, &file)?;
            let e = node.apply(id, |d, c, _| edit::add_topic(d, c, &text, today))?;
            said(ctx, id, e.entry, &e.message)
        }
        TopicCmd::Answer { file, topic, note } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let tid = entry_of(&account.topics, &topic, "topic", |t| t.text.as_str())?;
            let note = note.unwrap_or_default();
            let e = node.apply(id, |d, c, _| edit::answer_topic(d, c, tid, &note, today))?;
            said(ctx, id, Some(tid), &e.message)
        }
        TopicCmd::List { file, all } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let mut topics: Vec<_> = account
                .topics
                .iter()
                .filter(|(_, t)| all || t.answered.is_none())
                .collect();
            topics.sort_by_key(|(tid, t)| (t.raised, **tid));
            if ctx.json {
                let rows: Vec<serde_json::Value> = topics
                    .iter()
                    .map(|(tid, t)| serde_json::json!({"topic": tid, "detail": t}))
                    .collect();
                return output::json(&rows);
            }
            if topics.is_empty() {
                return line(t("cp-no-topics"));
            }
            let mut table = headed(&[
                "cp-col-topic",
                "cp-col-raised",
                "cp-col-answer",
                "column-id",
            ]);
            for (tid, topic) in topics {
                table.add_row(vec![
                    topic.text.clone(),
                    topic.raised.map(|d| d.to_string()).unwrap_or_default(),
                    topic
                        .answered
                        .as_ref()
                        .map(|a| {
                            format!(
                                "{} {}",
                                a.date.map(|d| d.to_string()).unwrap_or_default(),
                                a.note
                            )
                        })
                        .unwrap_or_default(),
                    casebook::view::short(tid),
                ]);
            }
            line(table)
        }
    }
}

/// The open topics of `account`, printed after a meeting or visit is logged (CT-7).
pub(crate) fn offer_topics(account: &casebook::AccountFile) -> anyhow::Result<()> {
    let open: Vec<&str> = account
        .topics
        .values()
        .filter(|t| t.answered.is_none())
        .map(|t| t.text.as_str())
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    line(ta("cp-offer-topics", &[("topics", open.join("; ").into())]))
}
