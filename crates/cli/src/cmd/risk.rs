//! `casebook risk ...`.

use casebook::config_types::RagMatrix;
use casebook::disputes::RiskDispute;
use casebook::edit::{self, RiskAssessment};
use casebook::enums::{Polarity, Rag, RiskResponse, RiskStatus};
use casebook::model::{AccountFile, Risk};
use casebook::rules::risk_tree::RiskTree;
use casebook::rules::rollup::{self, RiskProblem, Rollup};
use casebook::{Node, view};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

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
                    .map(|o| view::resolve_named(&account.opportunities, o, "opportunity"))
                    .transpose()?,
                parent: a
                    .parent
                    .as_deref()
                    .map(|p| view::resolve_named(&account.risks, p, "risk"))
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
            let id = view::resolve_named(&account.risks, &a.risk, "risk")?;
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
                let tree = RiskTree::of(&account);
                let problems: Vec<_> = roll
                    .problems
                    .iter()
                    .map(|p| Problem {
                        problem: p,
                        words: p.describe(&account),
                    })
                    .collect();
                return output::json(&serde_json::json!({
                    "risks": rows(&matrix, &account, &tree, Polarity::Threat),
                    "upside": rows(&matrix, &account, &tree, Polarity::Opportunity),
                    "rollup": roll,
                    "problems": problems,
                }));
            }
            line(format!("Risks of {}", account.profile.name))?;
            print_risks(&node, &account, &roll)?;
            line(format!(
                "Account roll-up (highest colour wins): {}{}",
                rag(roll.account),
                if roll.disputed { " (disputed)" } else { "" }
            ))?;
            if roll.upside.is_some() {
                line(format!(
                    "Upside roll-up (apart; never raises the account's colour): {}",
                    rag(roll.upside)
                ))?;
            }
            Ok(())
        }
    }
}

/// A data problem as `risk list --json` prints it: its fields and the words for people.
#[derive(Serialize)]
struct Problem<'a> {
    #[serde(flatten)]
    problem: &'a RiskProblem,
    words: String,
}

/// A value off the 1–5 scale.
#[derive(Serialize)]
struct Invalid {
    field: &'static str,
    value: u8,
}

/// One risk as `risk list --json` prints it: the stored fields, its own colours (the worst of
/// any concurrent values, red for a value off the scale), and what is in dispute or invalid.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    /// The risk's own colour, without sub-risks.
    rag: Rag,
    /// The colour after the response, if residual values are recorded.
    residual_rag: Option<Rag>,
    /// The scope it counts in: its top-level risk's opportunity, or none for the account.
    scope: Option<Uuid>,
    /// Whether it counts for the account: open, and not of an opportunity that ended.
    in_account_rollup: bool,
    /// Whether any field a rule reads holds concurrent values.
    disputed: bool,
    /// Those fields' concurrent values (an empty object when none).
    disputed_values: RiskDispute,
    /// Values off the 1–5 scale; the risk counts as red until they are corrected.
    invalid: Vec<Invalid>,
    /// Whether its parent chain is part of a cycle (broken for display; see `problems`).
    parent_cycle: bool,
}

fn rows<'a>(
    m: &RagMatrix,
    f: &'a AccountFile,
    tree: &RiskTree,
    polarity: Polarity,
) -> BTreeMap<Uuid, Row<'a>> {
    f.risks
        .iter()
        .filter(|(_, r)| r.polarity == polarity)
        .map(|(id, risk)| {
            let dispute = f.disputes.risk(id);
            let scope = tree.scope(f, id);
            let row = Row {
                risk,
                rag: rollup::worst_rag(m, risk, dispute),
                residual_rag: rollup::worst_residual_rag(m, risk, dispute),
                scope,
                in_account_rollup: rollup::counts_as_open(risk, dispute)
                    && scope.is_none_or(|o| !rollup::opportunity_ended(f, &o)),
                disputed: dispute.is_some_and(|d| !d.is_empty()),
                disputed_values: dispute.cloned().unwrap_or_default(),
                invalid: rollup::out_of_range(risk, dispute)
                    .into_iter()
                    .map(|(field, value)| Invalid { field, value })
                    .collect(),
                parent_cycle: tree.in_cycle(id),
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

/// The risk register as tables, threats and then upside risks, each sub-risk under its
/// parent; then what is disputed and the data problems.
pub(crate) fn print_risks(node: &Node, f: &AccountFile, roll: &Rollup) -> anyhow::Result<()> {
    let m = &node.config_for(f.file_id.parse()?)?.rag_matrix;
    let tree = RiskTree::of(f);
    let order = tree.order(f);
    let mut disputed = Vec::new();
    for (polarity, heading) in [
        (Polarity::Threat, "Threats"),
        (
            Polarity::Opportunity,
            "Upside risks (polarity opportunity: rolled up apart, never raising the account's \
             colour)",
        ),
    ] {
        let mut header = vec!["id", "risk", "L×S", "colour"];
        if polarity == Polarity::Threat {
            header.push("with sub-risks");
        }
        header.extend(["response", "residual", "scope", "status"]);
        let mut t = table(&header);
        // Depth within this table: a sub-risk is indented under a parent shown in it.
        let mut depth: BTreeMap<Uuid, usize> = BTreeMap::new();
        for (id, _) in &order {
            let r = &f.risks[id];
            if r.polarity != polarity {
                continue;
            }
            let parent = tree.parent(id);
            let d = parent.and_then(|p| depth.get(&p)).map_or(0, |d| d + 1);
            depth.insert(*id, d);
            let dispute = f.disputes.risk(id).filter(|d| !d.is_empty());
            if let Some(dd) = dispute {
                disputed.push(format!(
                    "  {} '{}': {}",
                    view::short(id),
                    r.title,
                    dispute_words(dd)
                ));
            }
            let mut title = format!("{}{}", "  ".repeat(d.saturating_sub(1)), r.title);
            if d > 0 {
                title = format!("  └ {title}");
            } else if let Some(p) = parent {
                title = format!("{title} (under '{}')", f.risks[&p].title);
            }
            if tree.in_cycle(id) {
                title.push_str(" (parent cycle)");
            }
            let invalid = rollup::out_of_range(r, f.disputes.risk(id));
            let mut colour = rag(Some(rollup::worst_rag(m, r, dispute)));
            if dispute.is_some() {
                colour.push_str(" (disputed)");
            }
            if !invalid.is_empty() {
                let what: Vec<String> = invalid
                    .iter()
                    .map(|(field, v)| format!("{} {v}", field.replace('_', " ")))
                    .collect();
                colour.push_str(&format!(" (invalid: {})", what.join(", ")));
            }
            let scope = match tree.scope(f, id) {
                None => "account".to_string(),
                Some(o) => match f.opportunities.get(&o) {
                    Some(opp) if rollup::opportunity_ended(f, &o) => format!(
                        "opp: {} ({}; out of the account's roll-up)",
                        opp.title,
                        opp.status.words()
                    ),
                    Some(opp) => format!("opp: {}", opp.title),
                    None if f.withdrawn.contains_key(&o) => {
                        format!("opp: {} (withdrawn entry)", view::short(&o))
                    }
                    None => format!("opp: {} (unknown)", view::short(&o)),
                },
            };
            let residual = rollup::worst_residual_rag(m, r, dispute)
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into());
            let mut row = vec![
                view::short(id),
                title,
                format!("{}×{}", r.likelihood, r.severity),
                colour,
            ];
            if polarity == Polarity::Threat {
                row.push(if parent.is_none() {
                    rag(roll.risks.get(id).copied().flatten())
                } else {
                    String::new()
                });
            }
            row.extend([
                r.response.map(|x| x.words()).unwrap_or_else(|| "-".into()),
                residual,
                scope,
                r.status.words(),
            ]);
            t.add_row(row);
        }
        if !t.is_empty() {
            line(format!("{heading}:\n{t}"))?;
        }
    }
    if !disputed.is_empty() {
        line(format!(
            "Disputed (advisers set these apart; colours and the roll-up take the worst \
             until one value is kept with `casebook resolve`, see `casebook conflicts {}`):\n{}",
            f.file_id.get(..8).unwrap_or(&f.file_id),
            disputed.join("\n")
        ))?;
    }
    if !roll.problems.is_empty() {
        line(format!(
            "Data problems (written by another tool or made by merges; the roll-up works \
             around them until corrected):\n{}",
            roll.problems
                .iter()
                .map(|p| format!("  ✘ {}", p.describe(f)))
                .collect::<Vec<_>>()
                .join("\n")
        ))?;
    }
    Ok(())
}
