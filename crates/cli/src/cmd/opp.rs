//! `casebook opp ...`: opportunities and COSMONAUTS qualification.

use anyhow::anyhow;
use casebook::edit;
use casebook::enums::{CosmoGroup, Decision, OpportunityOrigin};
use casebook::model::{Answer, Opportunity, QualificationSession};
use casebook::rules::{cosmonauts, rollup};
use casebook::view;
use uuid::Uuid;

use super::client::report;
use super::{Ctx, find, word};
use crate::args::OppCmd;
use crate::output::{self, line, rag, table, when};

fn answer(text: &str) -> anyhow::Result<Answer> {
    let bad = || {
        anyhow!(
            "--score '{text}' is not GROUP=SCORE or GROUP=SCORE:question (e.g. money=4 or authority=2:Who signs off?)"
        )
    };
    let (group, rest) = text.split_once('=').ok_or_else(bad)?;
    let (score, question) = match rest.split_once(':') {
        Some((s, q)) => (s, q.trim().to_string()),
        None => (rest, String::new()),
    };
    let score: u8 = score.trim().parse().map_err(|_| bad())?;
    if score > cosmonauts::MAX_ANSWER_SCORE {
        return Err(anyhow!("--score '{text}': scores run from 0 to 5"));
    }
    Ok(Answer {
        group: word::<CosmoGroup>(group)?,
        question,
        score,
        note: String::new(),
    })
}

pub(crate) fn run(ctx: &Ctx, cmd: OppCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        OppCmd::Add {
            file,
            title,
            origin,
            value,
            timescale,
        } => {
            let file = find(&node, &file)?;
            if !value.is_finite() || value < 0.0 {
                return Err(anyhow!("--value must be a positive amount in pounds"));
            }
            let o = Opportunity {
                title,
                origin: word::<OpportunityOrigin>(&origin)?,
                value,
                timescale,
                status: Default::default(),
                raised: Some(node.now()),
                sessions: Default::default(),
            };
            let e = node.apply(file, |d, c, _| edit::add_opportunity(d, c, &o))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        OppCmd::Qualify(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let opp = view::resolve(&account.opportunities, &a.opportunity, "opportunity")?;
            let answers = a
                .scores
                .iter()
                .map(|s| answer(s).map(|a| (Uuid::new_v4(), a)))
                .collect::<anyhow::Result<_>>()?;
            let session = QualificationSession {
                at: node.now(),
                participants: if a.participants.is_empty() {
                    vec![node.adviser().to_string()]
                } else {
                    a.participants
                },
                neutral_reviewer: a.neutral,
                answers,
                decision: word::<Decision>(&a.decision)?,
                note: a.note,
                // Filled in by the edit with the weights in force.
                weights: None,
            };
            let e = node.apply(file, |d, c, cfg| {
                edit::add_session(d, c, cfg, opp, &session)
            })?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        OppCmd::Show { file, opportunity } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let id = view::resolve(&account.opportunities, &opportunity, "opportunity")?;
            let o = &account.opportunities[&id];
            let config = node.config_for(file)?;
            let (scores, trend) = cosmonauts::score_opportunity(o, &config);
            let roll = rollup::rollup(&account, &config.rag_matrix);
            if ctx.json {
                return output::json(&serde_json::json!({
                    "opportunity": o, "scores": scores, "trend": trend,
                    "rollup": roll.opportunities.get(&id),
                }));
            }
            line(format!(
                "{} — {} ({}, £{:.0}, {})",
                account.profile.name, o.title, o.origin, o.value, o.status
            ))?;
            line(format!(
                "Risk roll-up: {}   Trend: {:?}",
                rag(roll.opportunities.get(&id).copied().flatten()),
                trend
            ))?;
            let percent = |t: Option<f64>| {
                t.map(|t| format!("{:.0}%", t * 100.0))
                    .unwrap_or("-".into())
            };
            // A session is scored with the weights it was recorded under; when today's
            // weights differ, what it would score now is shown beside, never instead.
            let reweighted = scores
                .iter()
                .any(|s| s.weights_recorded && percent(s.total) != percent(s.total_now));
            let mut header = vec!["session", "when", "decision", "total"];
            if reweighted {
                header.push("with today's weights");
            }
            header.extend(CosmoGroup::ALL.iter().map(|g| &g.as_str()[..3]));
            let mut t = table(&header);
            for s in &scores {
                let mut row = vec![
                    view::short(&s.session),
                    when(Some(s.at)),
                    s.decision.to_string(),
                    if s.weights_recorded {
                        percent(s.total)
                    } else {
                        format!("{} (today's weights)", percent(s.total))
                    },
                ];
                if reweighted {
                    row.push(percent(s.total_now));
                }
                row.extend(CosmoGroup::ALL.iter().map(|g| {
                    s.groups
                        .get(g)
                        .map(|v| format!("{:.0}", v * 100.0))
                        .unwrap_or("·".into())
                }));
                t.add_row(row);
            }
            line(t)?;
            if let Some(last) = scores.last()
                && !last.unanswered.is_empty()
            {
                line(format!(
                    "Unanswered in the latest session: {}",
                    last.unanswered
                        .iter()
                        .map(|g| g.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))?;
            }
            Ok(())
        }
    }
}
