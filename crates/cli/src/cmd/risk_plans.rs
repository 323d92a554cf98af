//! `casebook risk plan ...`: risk management plans of the account and of each contract (RK-5).

use casebook::edit;
use casebook::rules::risk_plans::{ReviewState, plans, review_state, without_plan};
use casebook::rules::risk_tree::RiskTree;
use casebook::view;

use super::{Ctx, find, owned_action, said, scope};
use crate::args::RiskPlanCmd;
use crate::i18n::{say, t, ta};
use crate::output::{self, headed, line, rag};

pub(crate) fn run(ctx: &Ctx, cmd: RiskPlanCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        RiskPlanCmd::Start {
            file,
            contract,
            owner,
            review_every,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let what = scope(&account, None, contract.as_deref())?;
            let owner = owner.unwrap_or_else(|| node.adviser().to_string());
            let e = node.apply(id, |d, c, _| {
                edit::start_risk_plan(d, c, what, &owner, review_every, today)
            })?;
            said(ctx, id, what.id(), &e.message)
        }
        RiskPlanCmd::Action {
            file,
            risk,
            title,
            contract,
            owner,
            due,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let what = scope(&account, None, contract.as_deref())?;
            // A contract's risks carried from the bid share their titles with the bid's: the
            // risk is found among the plan's own.
            let tree = RiskTree::of(&account);
            let own: std::collections::BTreeMap<_, _> = account
                .risks
                .iter()
                .filter(|(id, _)| tree.scope_of(&account, id) == what)
                .map(|(id, r)| (*id, r.clone()))
                .collect();
            let rid = view::resolve_named(&own, &risk, "risk")
                .or_else(|_| view::resolve_named(&account.risks, &risk, "risk"))?;
            let action = owned_action(&title, &owner, &due)?;
            let e = node.apply(id, |d, c, _| {
                edit::add_risk_plan_action(d, c, what, rid, &action)
            })?;
            said(ctx, id, e.entry, &e.message)
        }
        RiskPlanCmd::Review {
            file,
            notes,
            contract,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let what = scope(&account, None, contract.as_deref())?;
            let e = node.apply(id, |d, c, _| {
                edit::review_risk_plan(d, c, what, &notes, today)
            })?;
            said(ctx, id, e.entry, &e.message)
        }
        RiskPlanCmd::Show { file } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let matrix = node.config_for(id)?.rag_matrix;
            let all = plans(&account, &matrix);
            let missing = without_plan(&account, &matrix);
            if ctx.json {
                let json: Vec<serde_json::Value> = all
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "plan": p,
                            "review": review_state(p.next_review, today),
                        })
                    })
                    .collect();
                return output::json(&serde_json::json!({
                    "file_id": id, "plans": json, "without_plan": missing,
                }));
            }
            for scope in &missing {
                line(ta(
                    "rmp-missing",
                    &[(
                        "what",
                        say(&casebook::rules::prr::scope_message(&account, *scope)).into(),
                    )],
                ))?;
            }
            if all.is_empty() {
                return line(t("rmp-none"));
            }
            for p in &all {
                let what = say(&casebook::rules::prr::scope_message(&account, p.scope));
                let next = p.next_review.map(|d| d.to_string()).unwrap_or_default();
                let state = match review_state(p.next_review, today) {
                    ReviewState::Current => t("rmp-review-current"),
                    ReviewState::Due => t("rmp-review-due"),
                    ReviewState::Overdue => t("rmp-review-overdue"),
                };
                line(ta(
                    "rmp-title",
                    &[
                        ("what", what.into()),
                        ("owner", p.owner.as_str().into()),
                        ("reviews", p.reviews.into()),
                        ("next", next.into()),
                        ("state", state.into()),
                    ],
                ))?;
                let mut table = headed(&[
                    "rmp-col-risk",
                    "ra-col-colour",
                    "rmp-col-response",
                    "rmp-col-actions",
                ]);
                for r in &p.risks {
                    let actions: Vec<String> = r
                        .actions
                        .iter()
                        .filter_map(|a| account.actions.get(a))
                        .map(|a| format!("{} ({})", a.title, a.owner))
                        .collect();
                    let actions = if actions.is_empty() && p.gaps.contains(&r.risk) {
                        t("rmp-gap")
                    } else {
                        actions.join("; ")
                    };
                    table.add_row(vec![
                        r.title.clone(),
                        rag(Some(r.colour)),
                        r.response.map(crate::i18n::word).unwrap_or_default(),
                        actions,
                    ]);
                }
                line(table)?;
                if !p.per_response.is_empty() {
                    let counts: Vec<String> = p
                        .per_response
                        .iter()
                        .map(|(response, n)| {
                            let word = response
                                .parse::<casebook::enums::RiskResponse>()
                                .map(crate::i18n::word)
                                .unwrap_or_else(|_| t("rmp-no-response"));
                            format!("{word}: {n}")
                        })
                        .collect();
                    line(ta(
                        "rmp-per-response",
                        &[("counts", counts.join(", ").into())],
                    ))?;
                }
            }
            Ok(())
        }
    }
}
