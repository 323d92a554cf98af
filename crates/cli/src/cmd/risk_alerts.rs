//! `casebook risk alert ...`: coloured risk alerts from the people responsible for
//! opportunities and contracts (RK-3).

use casebook::edit;
use casebook::enums::Rag;
use casebook::model::{Reporting, RiskAlert};
use casebook::rules::risk_alerts::{ColourTrend, activities};

use super::{Ctx, find, opt_date, said, scope, word};
use crate::args::{ActivityArgs, AlertCmd};
use crate::i18n::{t, ta};
use crate::output::{self, headed, line, rag};

pub(crate) fn run(ctx: &Ctx, cmd: AlertCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        AlertCmd::Duty {
            file,
            activity,
            reporter,
            every,
            from,
        } => {
            let (id, what) = activity_of(&node, &file, &activity)?;
            let duty = Reporting {
                reporter,
                every_days: every,
                from: Some(opt_date("--from", &from)?.unwrap_or(today)),
            };
            let e = node.apply(id, |d, c, _| edit::set_reporting(d, c, what, &duty))?;
            said(ctx, id, what.id(), &e.message)
        }
        AlertCmd::Send {
            file,
            colour,
            activity,
            by,
            note,
            date,
        } => {
            let (id, what) = activity_of(&node, &file, &activity)?;
            let alert = RiskAlert {
                colour: Some(word::<Rag>(&colour)?),
                reporter: by.unwrap_or_else(|| node.adviser().to_string()),
                commentary: note,
                date: Some(opt_date("--date", &date)?.unwrap_or(today)),
                ..RiskAlert::default()
            };
            let e = node.apply(id, |d, c, cfg| {
                edit::send_risk_alert(d, c, cfg, what, &alert)
            })?;
            said(ctx, id, e.entry, &e.message)
        }
        AlertCmd::List { file } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let all = activities(&account);
            if ctx.json {
                let json: Vec<serde_json::Value> = all
                    .iter()
                    .map(|a| {
                        let facts = a.facts();
                        serde_json::json!({
                            "activity": a.activity,
                            "title": a.title,
                            "reporting": a.reporting,
                            "latest": a.latest(),
                            "trend": a.trend(),
                            "missing": facts.missing(today),
                            "overdue": facts.overdue(today),
                            "below_register": facts.below_register,
                            "alerts": a.alerts,
                        })
                    })
                    .collect();
                return output::json(&serde_json::json!({"file_id": id, "activities": json}));
            }
            if all.is_empty() {
                return line(t("ra-none"));
            }
            let mut table = headed(&[
                "ra-col-activity",
                "ra-col-reporter",
                "ra-col-latest",
                "ra-col-trend",
                "ra-col-missing",
                "ra-col-latest-below",
            ]);
            for a in &all {
                let facts = a.facts();
                let missing = facts.missing(today);
                let reporter = match &a.reporting {
                    Some(r) => ta(
                        "ra-every",
                        &[
                            ("reporter", r.reporter.as_str().into()),
                            ("every", r.every_days.into()),
                        ],
                    ),
                    None => t("ct-no-duty"),
                };
                let mut missing_text = missing.len().to_string();
                if facts.overdue(today)
                    && let Some(last) = missing.last()
                {
                    missing_text = ta(
                        "ra-overdue",
                        &[
                            ("count", missing.len().into()),
                            ("date", last.to_string().into()),
                        ],
                    );
                }
                table.add_row(vec![
                    crate::i18n::say(&casebook::rules::prr::scope_message(&account, a.activity)),
                    reporter,
                    rag(a.latest()),
                    trend(a.trend()),
                    missing_text,
                    if facts.below_register {
                        t("word-yes")
                    } else {
                        String::new()
                    },
                ]);
            }
            line(table)?;
            if all.iter().all(|a| a.alerts.is_empty()) {
                return Ok(());
            }
            let mut sent = headed(&[
                "ra-col-date",
                "ra-col-activity",
                "ra-col-colour",
                "ra-col-register",
                "ra-col-reporter",
                "ra-col-commentary",
            ]);
            for a in &all {
                for x in &a.alerts {
                    let mut register = rag(x.register);
                    if x.below_register {
                        register = format!("{register} {}", t("ra-below"));
                    }
                    sent.add_row(vec![
                        x.date.map(|d| d.to_string()).unwrap_or_default(),
                        a.title.clone(),
                        rag(x.colour),
                        register,
                        x.reporter.clone(),
                        x.commentary.clone(),
                    ]);
                }
            }
            line(sent)
        }
    }
}

/// The client `file` names and the opportunity or contract `activity` names in it.
fn activity_of(
    node: &casebook::Node,
    file: &str,
    activity: &ActivityArgs,
) -> anyhow::Result<(casebook::FileId, casebook::rules::prr::Scope)> {
    let id = find(node, file)?;
    let account = node.read(id)?;
    let what = scope(
        &account,
        activity.opportunity.as_deref(),
        activity.contract.as_deref(),
    )?;
    Ok((id, what))
}

/// Which way the colours went, in words.
fn trend(trend: Option<ColourTrend>) -> String {
    match trend {
        None => String::new(),
        Some(ColourTrend::Worsening) => t("ra-trend-worsening"),
        Some(ColourTrend::Improving) => t("ra-trend-improving"),
        Some(ColourTrend::Steady) => t("ra-trend-steady"),
    }
}
