//! `casebook log` and `casebook action ...`.

use casebook::edit;
use casebook::enums::{ActionStatus, Direction, InteractionKind, Purpose};
use casebook::model::{Action, Interaction};
use casebook::view;

use super::client::report;
use super::{Ctx, datetime, find, opt_date, word};
use crate::args::{ActionCmd, LogArgs};
use crate::i18n::ta;
use crate::output::{self, line};

pub(crate) fn log(ctx: &Ctx, a: LogArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let account = node.read(file)?;
    // Everyone named with --with is someone of the org chart; anyone else is --with-other.
    let mut people = Vec::new();
    for name in &a.with {
        let id = super::people::person(&account, name).map_err(|e| {
            anyhow::anyhow!(ta(
                "rec-log-with-unknown",
                &[
                    ("error", e.to_string().into()),
                    ("name", name.as_str().into())
                ]
            ))
        })?;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    let i = Interaction {
        kind: word::<InteractionKind>(&a.kind)?,
        direction: word::<Direction>(&a.direction)?,
        at: match &a.at {
            Some(t) => datetime("--at", t)?,
            None => node.now(),
        },
        minutes: a.minutes,
        our_attendees: if a.ours.is_empty() {
            vec![node.adviser().to_string()]
        } else {
            a.ours
        },
        their_attendees: people
            .iter()
            .map(|id| account.people[id].name.clone())
            .chain(a.with_other.iter().map(|n| n.trim().to_string()))
            .collect(),
        people,
        purpose: word::<Purpose>(&a.purpose)?,
        summary: a.summary,
        needs: a.needs,
        risks: a
            .risks
            .iter()
            .map(|r| view::resolve_named(&account.risks, r, "risk"))
            .collect::<Result<_, _>>()?,
        opportunities: a
            .opportunities
            .iter()
            .map(|o| view::resolve_named(&account.opportunities, o, "opportunity"))
            .collect::<Result<_, _>>()?,
        by: node.adviser().to_string(),
        // Empty: the edit takes the language of the people met, or the client's.
        language: a.language.unwrap_or_default(),
    };
    let in_person = !matches!(
        i.kind,
        InteractionKind::Call
            | InteractionKind::Email
            | InteractionKind::Im
            | InteractionKind::Other
    );
    let e = node.apply(file, |d, c, _| edit::log_interaction(d, c, &i))?;
    report(ctx, &node, file, &e.message, e.entry)?;
    // In person, the questions to carry are at hand (CT-7).
    if in_person && !ctx.json {
        super::relationship::offer_topics(&account)?;
    }
    Ok(())
}

pub(crate) fn action(ctx: &Ctx, cmd: ActionCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        ActionCmd::Add {
            file,
            title,
            owner,
            due,
            origin,
        } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let a = Action {
                title,
                owner: owner.unwrap_or_else(|| node.adviser().to_string()),
                due: opt_date("--due", &due)?,
                status: ActionStatus::Open,
                done_at: None,
                origin: origin
                    .as_deref()
                    .map(|o| view::resolve(&account.interactions, o, "interaction"))
                    .transpose()?,
            };
            let e = node.apply(file, |d, c, _| edit::add_action(d, c, &a))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        ActionCmd::Done { file, action } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let id = view::resolve_named(&account.actions, &action, "action")?;
            let e = node.apply(file, |d, c, _| edit::complete_action(d, c, id))?;
            report(ctx, &node, file, &e.message, None)
        }
        ActionCmd::List { file, owner, all } => {
            let files = match file {
                Some(f) => vec![find(&node, &f)?],
                None => node.account_file_ids()?,
            };
            let today = casebook::time::local_date(node.now());
            let mut rows = Vec::new();
            for f in files {
                let account = node.read(f)?;
                for (id, a) in &account.actions {
                    if (all || a.status == ActionStatus::Open)
                        && owner
                            .as_ref()
                            .is_none_or(|o| a.owner.eq_ignore_ascii_case(o))
                    {
                        let overdue =
                            a.status == ActionStatus::Open && a.due.is_some_and(|d| d < today);
                        rows.push((
                            overdue,
                            a.due,
                            account.profile.name.clone(),
                            f,
                            *id,
                            a.clone(),
                        ));
                    }
                }
            }
            // Overdue first, then by due date (undated last), then client.
            rows.sort_by(|x, y| {
                y.0.cmp(&x.0)
                    .then(x.1.is_none().cmp(&y.1.is_none()))
                    .then(x.1.cmp(&y.1))
                    .then(x.2.cmp(&y.2))
            });
            if ctx.json {
                let out: Vec<_> = rows.iter().map(|(overdue, _, client, f, id, a)| serde_json::json!({
                    "client": client, "file_id": f, "action_id": id, "overdue": overdue, "action": a,
                })).collect();
                return output::json(&out);
            }
            let mut t = output::headed(&[
                "column-client",
                "column-id",
                "rec-col-action",
                "rec-col-owner",
                "rec-col-due",
                "rec-col-status",
            ]);
            for (overdue, due, client, _, id, a) in &rows {
                let due = due.map(|d| d.to_string()).unwrap_or_default();
                t.add_row(vec![
                    client.clone(),
                    view::short(id),
                    a.title.clone(),
                    a.owner.clone(),
                    if *overdue {
                        format!("{due} {}", crate::i18n::t("rec-overdue"))
                    } else {
                        due
                    },
                    crate::i18n::word(a.status),
                ]);
            }
            line(t)?;
            line(ta(
                "rec-actions-count",
                &[
                    ("count", rows.len().into()),
                    ("overdue", rows.iter().filter(|r| r.0).count().into()),
                ],
            ))
        }
    }
}
