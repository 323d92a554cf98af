//! `casebook opp ...`: opportunities and COSMONAUTS qualification.

use anyhow::anyhow;
use casebook::edit;
use casebook::enums::{CosmoGroup, Decision, OpportunityOrigin, OpportunityStatus};
use casebook::model::{Answer, Opportunity, Outcome, QualificationSession};
use casebook::rules::{cosmonauts, rollup};
use casebook::view;
use uuid::Uuid;

use super::client::report;
use super::{Ctx, date, find, word};
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
                outcome: None,
            };
            let e = node.apply(file, |d, c, _| edit::add_opportunity(d, c, &o))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        OppCmd::Qualify(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let opp = view::resolve_named(&account.opportunities, &a.opportunity, "opportunity")?;
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
            let id = view::resolve_named(&account.opportunities, &opportunity, "opportunity")?;
            let o = &account.opportunities[&id];
            let config = node.config_for(file)?;
            let q = cosmonauts::qualify(o, &config);
            let roll = rollup::rollup(&account, &config.rag_matrix);
            if ctx.json {
                return output::json(&serde_json::json!({
                    "opportunity": o, "scores": q.sessions, "current": q.current,
                    "trend": q.trend, "rollup": roll.opportunities.get(&id),
                }));
            }
            line(format!(
                "{} — {} ({}, £{:.0}, {})",
                account.profile.name,
                o.title,
                o.origin.words(),
                o.value,
                o.status.words()
            ))?;
            if let Some(x) = &o.outcome {
                line(format!(
                    "Closed {} on {} (£{:.0}) by {}: {}",
                    x.result.words(),
                    x.date,
                    x.value,
                    x.by,
                    x.reason
                ))?;
            }
            line(format!(
                "Risk roll-up: {}",
                rag(roll.opportunities.get(&id).copied().flatten()),
            ))?;
            print_sessions(&q)?;
            line(format!(
                "Current qualification: {} — {} of 10 groups answered (latest answer per group; \
                 unanswered groups score 0). Trend: {}",
                percent(q.current.total),
                q.current.answered,
                q.trend
            ))?;
            if !q.current.unanswered.is_empty() {
                line(format!(
                    "Not answered yet: {}",
                    q.current
                        .unanswered
                        .iter()
                        .map(|g| g.words())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))?;
            }
            Ok(())
        }
        OppCmd::List(a) => super::opp_list::list(ctx, &node, &a),
        OppCmd::Close(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let id = view::resolve_named(&account.opportunities, &a.opportunity, "opportunity")?;
            let result = if a.won {
                OpportunityStatus::Won
            } else if a.lost {
                OpportunityStatus::Lost
            } else {
                OpportunityStatus::Withdrawn
            };
            let outcome = Outcome {
                result,
                date: match &a.date {
                    Some(d) => date("--date", d)?,
                    None => node.now().date_naive(),
                },
                value: a.value.unwrap_or(account.opportunities[&id].value),
                reason: a.reason.trim().to_string(),
                by: node.adviser().to_string(),
            };
            let e = node.apply(file, |d, c, _| edit::close_opportunity(d, c, id, &outcome))?;
            report(ctx, &node, file, &e.message, None)
        }
    }
}

/// A score 0.0–1.0 as a percentage, or `-`.
fn percent(t: Option<f64>) -> String {
    t.map(|t| format!("{:.0}%", t * 100.0))
        .unwrap_or_else(|| "-".into())
}

/// The sessions of an opportunity, oldest first, and a last row with the current score of
/// every group.
fn print_sessions(q: &cosmonauts::Qualification) -> anyhow::Result<()> {
    let scores = &q.sessions;
    // A session is scored with the weights it was recorded under; when today's weights
    // differ, what it would score now is shown beside, never instead.
    let reweighted = scores
        .iter()
        .any(|s| s.weights_recorded && percent(s.total) != percent(s.total_now));
    let mut header = vec![
        "session",
        "when",
        "decision",
        "answered",
        "total (answered groups)",
    ];
    if reweighted {
        header.push("with today's weights");
    }
    header.extend(CosmoGroup::ALL.iter().map(|g| &g.as_str()[..3]));
    let mut t = table(&header);
    for s in scores {
        let mut row = vec![
            view::short(&s.session),
            when(Some(s.at)),
            s.decision.words(),
            format!("{}/10", s.answered),
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
    if !scores.is_empty() {
        let mut row = vec![
            "current".to_string(),
            String::new(),
            String::new(),
            format!("{}/10", q.current.answered),
            format!("{} (all ten groups)", percent(q.current.total)),
        ];
        if reweighted {
            row.push(String::new());
        }
        row.extend(CosmoGroup::ALL.iter().map(|g| {
            q.current
                .groups
                .get(g)
                .map(|c| format!("{:.0}", c.score * 100.0))
                .unwrap_or("·".into())
        }));
        t.add_row(row);
    }
    line(t)
}
