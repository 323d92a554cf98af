//! `casebook risk ...`.

use casebook::config_types::RagMatrix;
use casebook::disputes::RiskDispute;
use casebook::edit::{self, RiskAssessment};
use casebook::enums::{Polarity, Rag, RiskResponse, RiskStatus};
use casebook::model::{AccountFile, Risk};
use casebook::rules::rollup::{self, Rollup};
use casebook::{Node, view};
use serde::Serialize;

use super::client::report;
use super::{Ctx, find, word};
use crate::args::RiskCmd;
use crate::output::{self, line, rag, table};

pub(crate) fn run(ctx: &Ctx, cmd: RiskCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        RiskCmd::Add(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let r = Risk {
                title: a.title,
                opportunity: a
                    .opportunity
                    .as_deref()
                    .map(|o| view::resolve(&account.opportunities, o, "opportunity"))
                    .transpose()?,
                parent: a
                    .parent
                    .as_deref()
                    .map(|p| view::resolve(&account.risks, p, "risk"))
                    .transpose()?,
                category: a.category,
                polarity: word::<Polarity>(&a.polarity)?,
                likelihood: a.likelihood,
                severity: a.severity,
                response: a
                    .response
                    .as_deref()
                    .map(word::<RiskResponse>)
                    .transpose()?,
                residual_likelihood: None,
                residual_severity: None,
                mitigation: a.mitigation,
                owner: a.owner.unwrap_or_else(|| node.adviser().to_string()),
                status: RiskStatus::Open,
                raised: Some(node.now()),
            };
            let e = node.apply(file, |d, c, cfg| edit::add_risk(d, c, cfg, &r))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        RiskCmd::Assess(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let id = view::resolve(&account.risks, &a.risk, "risk")?;
            let assessment = RiskAssessment {
                likelihood: a.likelihood,
                severity: a.severity,
                response: a
                    .response
                    .as_deref()
                    .map(word::<RiskResponse>)
                    .transpose()?,
                residual_likelihood: a.residual_likelihood,
                residual_severity: a.residual_severity,
                mitigation: a.mitigation,
                owner: a.owner,
                status: if a.close {
                    Some(RiskStatus::Closed)
                } else if a.reopen {
                    Some(RiskStatus::Open)
                } else {
                    None
                },
            };
            let e = node.apply(file, |d, c, cfg| {
                edit::assess_risk(d, c, cfg, id, &assessment)
            })?;
            report(ctx, &node, file, &e.message, None)
        }
        RiskCmd::List { file } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let matrix = node.config_for(file)?.rag_matrix;
            let roll = rollup::rollup(&account, &matrix);
            if ctx.json {
                return output::json(&serde_json::json!({
                    "risks": rows(&matrix, &account),
                    "rollup": roll,
                }));
            }
            line(format!("Risks of {}", account.profile.name))?;
            print_risks(&node, &account, &roll)?;
            line(format!(
                "Account roll-up (highest colour wins): {}{}",
                rag(roll.account),
                if roll.disputed { " (disputed)" } else { "" }
            ))
        }
    }
}

/// One risk as `risk list --json` prints it: the stored fields, its own colours (the worst of
/// any concurrent values), and what is in dispute.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    /// The risk's own colour, without sub-risks.
    rag: Option<Rag>,
    /// The colour after the response, if residual values are recorded.
    residual_rag: Option<Rag>,
    /// Whether any field a rule reads holds concurrent values.
    disputed: bool,
    /// Those fields' concurrent values (an empty object when none).
    disputed_values: RiskDispute,
}

fn rows<'a>(m: &RagMatrix, f: &'a AccountFile) -> std::collections::BTreeMap<uuid::Uuid, Row<'a>> {
    f.risks
        .iter()
        .map(|(id, risk)| {
            let dispute = f.disputes.risk(id);
            let row = Row {
                risk,
                rag: rollup::worst_rag(m, risk, dispute),
                residual_rag: rollup::worst_residual_rag(m, risk, dispute),
                disputed: dispute.is_some_and(|d| !d.is_empty()),
                disputed_values: dispute.cloned().unwrap_or_default(),
            };
            (*id, row)
        })
        .collect()
}

/// The disputed fields of a risk in words: `likelihood 4 or 2; status open or closed`.
fn dispute_words(d: &RiskDispute) -> String {
    fn field<T: std::fmt::Display>(name: &str, values: &[T]) -> Option<String> {
        (!values.is_empty()).then(|| {
            let v: Vec<String> = values.iter().map(T::to_string).collect();
            format!("{name} {}", v.join(" or "))
        })
    }
    [
        field("likelihood", &d.likelihood),
        field("severity", &d.severity),
        field("status", &d.status),
        field("response", &d.response),
        field("residual likelihood", &d.residual_likelihood),
        field("residual severity", &d.residual_severity),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ")
}

/// The risk register as a table, sub-risks under their parents.
pub(crate) fn print_risks(node: &Node, f: &AccountFile, roll: &Rollup) -> anyhow::Result<()> {
    let m = &node.config_for(f.file_id.parse()?)?.rag_matrix;
    let mut t = table(&[
        "id",
        "risk",
        "L×S",
        "colour",
        "with sub-risks",
        "response",
        "residual",
        "scope",
        "status",
    ]);
    let mut ids: Vec<_> = f
        .risks
        .iter()
        .filter(|(_, r)| r.parent.is_none_or(|p| !f.risks.contains_key(&p)))
        .map(|(id, _)| *id)
        .collect();
    ids.sort_by_key(|id| f.risks[id].title.clone());
    let mut order = Vec::new();
    for id in ids {
        order.push((id, 0));
        let mut subs: Vec<_> = f
            .risks
            .iter()
            .filter(|(_, r)| r.parent == Some(id))
            .map(|(s, _)| *s)
            .collect();
        subs.sort();
        order.extend(subs.into_iter().map(|s| (s, 1)));
    }
    let mut disputed = Vec::new();
    for (id, depth) in order {
        let r = &f.risks[&id];
        let dispute = f.disputes.risk(&id).filter(|d| !d.is_empty());
        if let Some(d) = dispute {
            disputed.push(format!(
                "  {} '{}': {}",
                view::short(&id),
                r.title,
                dispute_words(d)
            ));
        }
        let mark = if dispute.is_some() { " (disputed)" } else { "" };
        let scope = r
            .opportunity
            .and_then(|o| f.opportunities.get(&o))
            .map(|o| format!("opp: {}", o.title))
            .unwrap_or_else(|| "account".into());
        let residual = rollup::worst_residual_rag(m, r, dispute)
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into());
        t.add_row(vec![
            view::short(&id),
            format!("{}{}", if depth > 0 { "  └ " } else { "" }, r.title),
            format!("{}×{}", r.likelihood, r.severity),
            format!("{}{mark}", rag(rollup::worst_rag(m, r, dispute))),
            if depth == 0 {
                rag(roll.risks.get(&id).copied().flatten())
            } else {
                String::new()
            },
            r.response
                .map(|x| x.to_string())
                .unwrap_or_else(|| "-".into()),
            residual,
            scope,
            r.status.to_string(),
        ]);
    }
    line(t)?;
    if !disputed.is_empty() {
        line(format!(
            "Disputed (advisers set these apart; colours and the roll-up take the worst \
             until one value is kept with `casebook resolve`, see `casebook conflicts {}`):\n{}",
            f.file_id.get(..8).unwrap_or(&f.file_id),
            disputed.join("\n")
        ))?;
    }
    Ok(())
}
