//! `casebook risk prr ...`: the Preventative Risk Register and its checklists (RK-4).

use casebook::edit::PrrDecision;
use casebook::rules::prr::{Scope, checklists};
use casebook::view;

use super::{Ctx, find, said};
use crate::args::PrrCmd;
use crate::i18n::{current, say, t, ta};
use crate::output::{self, headed, line};

pub(crate) fn run(ctx: &Ctx, cmd: PrrCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let org_edit = |e| super::org_said(ctx, &e);
    match cmd {
        PrrCmd::List => {
            let register = node.prr_register()?;
            if ctx.json {
                return output::json(&register);
            }
            let mut table = headed(&[
                "sc-col-code",
                "prr-col-scope",
                "prr-col-category",
                "prr-col-risk",
                "sc-col-in-use",
            ]);
            for i in &register {
                table.add_row(vec![
                    i.code.clone(),
                    t(&format!("prr-scope-{}", i.scope)),
                    i.category.clone(),
                    i.text_in(current()).to_string(),
                    t(if i.retired { "sc-retired" } else { "sc-in-use" }),
                ]);
            }
            line(table)
        }
        PrrCmd::Add {
            scope,
            category,
            text,
            text_cy,
        } => org_edit(node.add_prr_item(&scope, &category, &text, &text_cy.unwrap_or_default())?),
        PrrCmd::Promote { file, risk } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let rid = view::resolve_named(&account.risks, &risk, "risk")?;
            let r = &account.risks[&rid];
            let tree = casebook::rules::risk_tree::RiskTree::of(&account);
            let scope = match tree.scope_of(&account, &rid) {
                Scope::Account => "account",
                Scope::Opportunity(_) => "opportunity",
                Scope::Contract(_) => "contract",
            };
            org_edit(node.add_prr_item(scope, &r.category, &r.title, "")?)
        }
        PrrCmd::Retire { code } => org_edit(node.retire_prr_item(&code, true)?),
        PrrCmd::Restore { code } => org_edit(node.retire_prr_item(&code, false)?),
        PrrCmd::Check { file } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let register = node.prr_register_for(id)?;
            let lists = checklists(&account, &register);
            if ctx.json {
                return output::json(&serde_json::json!({"file_id": id, "checklists": lists}));
            }
            for list in &lists {
                let what = say(&casebook::rules::prr::scope_message(&account, list.scope));
                line(ta(
                    "prr-checklist-title",
                    &[
                        ("what", what.into()),
                        ("done", list.done.into()),
                        ("of", list.lines.len().into()),
                    ],
                ))?;
                let mut table = headed(&["sc-col-code", "prr-col-risk", "prr-col-check"]);
                for l in &list.lines {
                    let text = register
                        .iter()
                        .find(|i| i.id == l.item)
                        .map(|i| i.text_in(current()).to_string())
                        .unwrap_or_default();
                    let state = match &l.check {
                        None => t("prr-unchecked"),
                        Some(c) if c.applies => t("prr-applies"),
                        Some(c) => ta(
                            "prr-not-applicable",
                            &[("reason", c.reason.as_str().into())],
                        ),
                    };
                    table.add_row(vec![l.code.clone(), text, state]);
                }
                line(table)?;
            }
            Ok(())
        }
        PrrCmd::Review {
            file,
            code,
            opportunity,
            contract,
            likelihood,
            severity,
            owner,
            not_applicable,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let scope = super::scope(&account, opportunity.as_deref(), contract.as_deref())?;
            let decision = match (likelihood, severity, not_applicable) {
                (Some(l), Some(s), None) => PrrDecision::Applies {
                    likelihood: l,
                    severity: s,
                    owner: owner.unwrap_or_else(|| node.adviser().to_string()),
                },
                (None, None, Some(reason)) => PrrDecision::NotApplicable { reason },
                _ => anyhow::bail!(t("prr-say-which")),
            };
            let e = node.check_prr_item(id, scope, &code, &decision)?;
            said(ctx, id, e.entry, &e.message)
        }
    }
}
