//! `casebook opp ...`: opportunities and COSMONAUTS qualification.

use anyhow::anyhow;
use casebook::edit::{self, Edited};
use casebook::enums::Vocabulary;
use casebook::enums::{CosmoGroup, Decision, OpportunityOrigin, OpportunityStatus};
use casebook::model::{Answer, Opportunity, Outcome, QualificationSession};
use casebook::rules::{cosmonauts, rollup};
use casebook::view;
use casebook_i18n::Message;
use uuid::Uuid;

use super::risk::confirm;
use super::{Ctx, date, find, word};
use crate::args::OppCmd;
use crate::i18n::{self, t, ta};
use crate::output::{self, line, rag, when};

fn answer(text: &str) -> anyhow::Result<Answer> {
    let bad = || anyhow!(ta("opp-error-score-form", &[("score", text.into())]));
    let (group, rest) = text.split_once('=').ok_or_else(bad)?;
    let (score, question) = match rest.split_once(':') {
        Some((s, q)) => (s, q.trim().to_string()),
        None => (rest, String::new()),
    };
    let score: u8 = score.trim().parse().map_err(|_| bad())?;
    if score > cosmonauts::MAX_ANSWER_SCORE {
        return Err(anyhow!(ta(
            "opp-error-score-range",
            &[("score", text.into())]
        )));
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
                return Err(anyhow!(t("opp-error-value")));
            }
            let o = Opportunity {
                reporting: None,
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
            let said = Message::new("opp-added")
                .with("client", node.read(file)?.profile.name)
                .with("opportunity", o.title.as_str())
                .with("origin", o.origin.word())
                .with("value", format!("{:.0}", o.value));
            confirm(ctx, &node, file, &e, said)
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
            // The session as it is now stored, scored with the weights recorded with it.
            let total = match node.read(file)?.opportunities.get(&opp) {
                Some(o) => cosmonauts::qualify(o, &node.config_for(file)?)
                    .sessions
                    .into_iter()
                    .find(|s| Some(s.session) == e.entry)
                    .and_then(|s| s.total),
                None => None,
            };
            let said = Message::new("opp-qualified")
                .with("opportunity", account.opportunities[&opp].title.as_str())
                .with(
                    "total",
                    total.map_or_else(|| t("opp-unscored"), |t| percent(Some(t))),
                )
                .with("decision", session.decision.word());
            confirm(ctx, &node, file, &e, said)
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
            line(ta(
                "opp-show-title",
                &[
                    ("client", account.profile.name.as_str().into()),
                    ("opportunity", o.title.as_str().into()),
                    ("origin", i18n::word(o.origin).into()),
                    ("value", format!("{:.0}", o.value).into()),
                    ("status", i18n::word(o.status).into()),
                ],
            ))?;
            if let Some(x) = &o.outcome {
                line(ta(
                    "opp-show-closed",
                    &[
                        ("result", i18n::word(x.result).into()),
                        ("date", x.date.to_string().into()),
                        ("value", format!("{:.0}", x.value).into()),
                        ("by", x.by.as_str().into()),
                        ("reason", x.reason.as_str().into()),
                    ],
                ))?;
            }
            line(ta(
                "opp-show-rollup",
                &[(
                    "colour",
                    rag(roll.opportunities.get(&id).copied().flatten()).into(),
                )],
            ))?;
            print_sessions(&q)?;
            line(ta(
                "opp-show-current",
                &[
                    ("total", percent(q.current.total).into()),
                    ("answered", q.current.answered.to_string().into()),
                    ("trend", trend(q.trend).into()),
                ],
            ))?;
            if !q.current.unanswered.is_empty() {
                line(ta(
                    "opp-show-unanswered",
                    &[(
                        "groups",
                        q.current
                            .unanswered
                            .iter()
                            .map(|g| i18n::word(*g))
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    )],
                ))?;
            }
            Ok(())
        }
        OppCmd::List(a) => super::opp_list::list(ctx, &node, &a),
        OppCmd::Orders { file } => super::orders::orders(ctx, &node, file.as_deref()),
        OppCmd::Review {
            file,
            opportunity,
            notes,
            date: day,
        } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let id = view::resolve_named(&account.opportunities, &opportunity, "opportunity")?;
            let review = casebook::model::OrderReview {
                date: match &day {
                    Some(d) => date("--date", d)?,
                    None => casebook::time::local_date(node.now()),
                },
                notes: notes.trim().to_string(),
                by: node.adviser().to_string(),
            };
            let e = node.apply(file, |d, c, _| edit::review_lost_order(d, c, id, &review))?;
            let said = Message::new("opp-reviewed")
                .with("opportunity", account.opportunities[&id].title.as_str())
                .with("date", review.date.to_string());
            confirm(ctx, &node, file, &Edited { entry: None, ..e }, said)
        }
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
                review: None,
            };
            let manager = a
                .contract_manager
                .unwrap_or_else(|| super::contract::default_manager(&node, &account));
            let closed = node.close_opportunity(file, id, &outcome, &manager)?;
            let title = account.opportunities[&id].title.as_str();
            let said = Message::new("opp-closed")
                .with("opportunity", title)
                .with("result", outcome.result.word())
                .with("date", outcome.date.to_string())
                .with("value", format!("{:.0}", outcome.value))
                .with("reason", outcome.reason.as_str());
            if ctx.json {
                return output::json(&serde_json::json!({
                    "file_id": file,
                    "entry": null,
                    "message": closed.closed.message,
                    "contract": closed.contract,
                    "carried": closed.carried,
                }));
            }
            confirm(
                ctx,
                &node,
                file,
                &Edited {
                    entry: None,
                    ..closed.closed
                },
                said,
            )?;
            if closed.contract.is_some() {
                line(super::contract::carried_line(title, closed.carried))?;
            }
            Ok(())
        }
    }
}

/// Which way qualification is heading, in words.
pub(crate) fn trend(trend: cosmonauts::Trend) -> String {
    t(match trend {
        cosmonauts::Trend::NotEnoughSessions => "opp-trend-not-enough-sessions",
        cosmonauts::Trend::Improving => "opp-trend-improving",
        cosmonauts::Trend::Steady => "opp-trend-steady",
        cosmonauts::Trend::Worsening => "opp-trend-worsening",
    })
}

/// The short heading of a COSMONAUTS group's column.
fn group_heading(group: CosmoGroup) -> String {
    ta("opp-group-heading", &[("group", group.as_str().into())])
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
        "opp-column-session",
        "opp-column-when",
        "opp-column-decision",
        "opp-column-answered",
        "opp-column-total",
    ];
    if reweighted {
        header.push("opp-column-today");
    }
    let mut header: Vec<String> = header.into_iter().map(t).collect();
    header.extend(CosmoGroup::ALL.iter().map(|g| group_heading(*g)));
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for s in scores {
        let mut row = vec![
            view::short(&s.session),
            when(Some(s.at)),
            i18n::word(s.decision),
            format!("{}/10", s.answered),
            if s.weights_recorded {
                percent(s.total)
            } else {
                ta("opp-todays-weights", &[("total", percent(s.total).into())])
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
        table.add_row(row);
    }
    if !scores.is_empty() {
        let mut row = vec![
            t("opp-row-current"),
            String::new(),
            String::new(),
            format!("{}/10", q.current.answered),
            ta(
                "opp-all-groups",
                &[("total", percent(q.current.total).into())],
            ),
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
        table.add_row(row);
    }
    line(table)
}
