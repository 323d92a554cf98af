//! `casebook contract ...`: contracts won and their own cycle of risk management (RK-6).

use casebook::edit;
use casebook::enums::Rag;
use casebook::model::{AccountFile, Contract};
use casebook::rules::prr::{Scope, checklist};
use casebook::rules::risk_alerts::activities;
use casebook::rules::risk_plans::plans;
use casebook::rules::rollup::rollup;
use casebook::{Node, view};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::{Ctx, date, find, opt_date, said};
use crate::args::ContractCmd;
use crate::i18n::{t, ta};
use crate::output::{self, headed, line, rag};

/// Who manages a contract unless told: the account's lead, else this node's adviser.
pub(crate) fn default_manager(node: &Node, account: &AccountFile) -> String {
    if account.team.lead.trim().is_empty() {
        node.adviser().to_string()
    } else {
        account.team.lead.clone()
    }
}

/// The line that says how many preventative risks a new contract's register starts with.
pub(crate) fn carried_line(title: &str, carried: usize) -> String {
    ta(
        "ct-made",
        &[("contract", title.into()), ("count", carried.into())],
    )
}

pub(crate) fn run(ctx: &Ctx, cmd: ContractCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        ContractCmd::Add {
            file,
            opportunity,
            title,
            manager,
            start,
            value,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let opp = opportunity
                .as_deref()
                .map(|o| view::resolve_named(&account.opportunities, o, "opportunity"))
                .transpose()?;
            let won = opp.and_then(|o| account.opportunities.get(&o));
            let outcome = won.and_then(|o| o.outcome.as_ref());
            let c = Contract {
                title: title
                    .or_else(|| won.map(|o| o.title.clone()))
                    .unwrap_or_default(),
                opportunity: opp,
                manager: manager.unwrap_or_else(|| default_manager(&node, &account)),
                start: Some(
                    opt_date("--start", &start)?
                        .or(outcome.map(|o| o.date))
                        .unwrap_or(today),
                ),
                value: value.or(outcome.map(|o| o.value)).unwrap_or(0.0),
                ..Contract::default()
            };
            if c.title.trim().is_empty() {
                anyhow::bail!(t("ct-rule-needs-title"));
            }
            let (e, carried) = node.add_contract(id, &c)?;
            if ctx.json {
                return output::json(&serde_json::json!({
                    "file_id": id, "entry": e.entry, "message": e.message, "carried": carried,
                }));
            }
            said(ctx, id, e.entry, &e.message)?;
            line(carried_line(c.title.trim(), carried))
        }
        ContractCmd::End {
            file,
            contract,
            date: day,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let cid = view::resolve_named(&account.contracts, &contract, "contract")?;
            let day = match day {
                Some(d) => date("--date", &d)?,
                None => today,
            };
            let e = node.apply(id, |d, c, _| edit::end_contract(d, c, cid, day))?;
            said(ctx, id, Some(cid), &e.message)
        }
        ContractCmd::List { file } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let config = node.config_for(id)?;
            let register = node.prr_register_for(id)?;
            let roll = rollup(&account, &config.rag_matrix);
            let alerts = activities(&account);
            let risk_plans = plans(&account, &config.rag_matrix);
            let mut rows: Vec<ContractLine> = account
                .contracts
                .iter()
                .map(|(cid, c)| {
                    let scope = Scope::Contract(*cid);
                    let list = checklist(&account, &register, scope);
                    let alert = alerts.iter().find(|a| a.activity == scope);
                    ContractLine {
                        contract: *cid,
                        detail: c.clone(),
                        colour: roll.contracts.get(cid).copied().flatten(),
                        checked: list.done,
                        to_check: list.lines.len(),
                        alerts_missing: alert.map_or(0, |a| a.facts().missing(today).len()),
                        latest_alert: alert.and_then(|a| a.latest()),
                        plan_next_review: risk_plans
                            .iter()
                            .find(|p| p.scope == scope)
                            .and_then(|p| p.next_review),
                    }
                })
                .collect();
            rows.sort_by_key(|r| (r.detail.start, r.contract));
            if ctx.json {
                return output::json(&serde_json::json!({"file_id": id, "contracts": rows}));
            }
            if rows.is_empty() {
                return line(t("ct-none"));
            }
            let mut table = headed(&[
                "ct-col-contract",
                "ct-col-manager",
                "ct-col-start",
                "ct-col-value",
                "ct-col-colour",
                "ct-col-checklist",
                "ct-col-alerts",
                "ct-col-plan",
                "column-id",
            ]);
            for r in &rows {
                let c = &r.detail;
                let mut title = c.title.clone();
                if let Some(end) = c.ended {
                    title = format!(
                        "{title} {}",
                        ta("ct-ended-on", &[("date", end.to_string().into())])
                    );
                }
                let alerts = match &c.reporting {
                    None => t("ct-no-duty"),
                    Some(d) => ta(
                        "ct-alerts",
                        &[
                            ("reporter", d.reporter.as_str().into()),
                            ("every", d.every_days.into()),
                            ("missing", r.alerts_missing.into()),
                        ],
                    ),
                };
                let plan = match r.plan_next_review {
                    Some(d) => ta("ct-plan-review", &[("date", d.to_string().into())]),
                    None => t("ct-no-plan"),
                };
                table.add_row(vec![
                    title,
                    c.manager.clone(),
                    c.start.map(|d| d.to_string()).unwrap_or_default(),
                    format!("£{:.0}", c.value),
                    rag(r.colour),
                    format!("{}/{}", r.checked, r.to_check),
                    alerts,
                    plan,
                    view::short(&r.contract),
                ]);
            }
            line(table)
        }
    }
}

/// One contract as `contract list` shows it.
#[derive(Serialize)]
struct ContractLine {
    contract: Uuid,
    #[serde(flatten)]
    detail: Contract,
    /// The register's colour of the contract.
    colour: Option<Rag>,
    /// Items of its preventative risk checklist checked, and of how many.
    checked: usize,
    to_check: usize,
    /// Periods ended without a coloured risk alert.
    alerts_missing: usize,
    latest_alert: Option<Rag>,
    /// When its risk management plan is next reviewed.
    plan_next_review: Option<NaiveDate>,
}
