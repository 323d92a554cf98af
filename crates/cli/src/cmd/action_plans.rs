//! `casebook actionplan ...`: sales, proposition and marketing action plans (OP-3).

use casebook::FileId;
use casebook::edit;
use casebook::enums::PlanKind;
use casebook::rules::action_plans::plans;
use casebook::view;

use super::{Ctx, find, said, word};
use crate::args::ActionPlanCmd;
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};

pub(crate) fn run(ctx: &Ctx, cmd: ActionPlanCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        ActionPlanCmd::Add {
            file,
            kind,
            title,
            objective,
        } => {
            let id = find(&node, &file)?;
            let kind = word::<PlanKind>(&kind)?;
            let objective = objective.unwrap_or_default();
            let e = node.apply(id, |d, c, _| {
                edit::add_action_plan(d, c, kind, &title, &objective, today)
            })?;
            said(ctx, id, e.entry, &e.message)
        }
        ActionPlanCmd::Item {
            file,
            plan,
            title,
            owner,
            due,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let pid = view::resolve_named(&account.action_plans, &plan, "action plan")?;
            let action = super::owned_action(&title, &owner, &due)?;
            let e = node.apply(id, |d, c, _| edit::add_plan_item(d, c, pid, &action))?;
            said(ctx, id, e.entry, &e.message)
        }
        ActionPlanCmd::Reviewed { file, plan } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let pid = view::resolve_named(&account.action_plans, &plan, "action plan")?;
            let e = node.apply(id, |d, c, _| edit::review_action_plan(d, c, pid, today))?;
            said(ctx, id, Some(pid), &e.message)
        }
        ActionPlanCmd::List { file } => {
            let ids: Vec<FileId> = match file.as_deref() {
                Some(f) => vec![find(&node, f)?],
                None => node.account_file_ids()?,
            };
            let mut rows = Vec::new();
            for id in ids {
                let account = node.read(id)?;
                for p in plans(&account, today) {
                    rows.push((id, account.profile.name.clone(), p));
                }
            }
            if ctx.json {
                let json: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|(id, client, p)| serde_json::json!({"file_id": id, "client": client, "plan": p}))
                    .collect();
                return output::json(&json);
            }
            if rows.is_empty() {
                return line(t("ap-none"));
            }
            let mut table = headed(&[
                "column-client",
                "ap-col-kind",
                "ap-col-title",
                "ap-col-reviewed",
                "ap-col-items",
                "column-id",
            ]);
            for (_, client, p) in rows {
                let mut reviewed = p.reviewed.map(|d| d.to_string()).unwrap_or_default();
                if p.out_of_date {
                    reviewed = format!("{reviewed} {}", t("ap-out-of-date"));
                }
                table.add_row(vec![
                    client,
                    p.kind.map(crate::i18n::word).unwrap_or_default(),
                    p.title.clone(),
                    reviewed,
                    ta(
                        "ap-items",
                        &[
                            ("done", p.done.into()),
                            ("open", p.open.into()),
                            ("overdue", p.overdue.len().into()),
                        ],
                    ),
                    view::short(&p.plan),
                ]);
            }
            line(table)
        }
    }
}
