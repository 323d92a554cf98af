//! `casebook scorecard new|answer|finalise|show`: one month's balanced scorecard (BS-1..BS-5).
//! The listings, the trend and the KPI set are in `scorecard_list.rs`.

use std::collections::BTreeMap;

use anyhow::anyhow;
use casebook::edit::KpiAnswerChange;
use casebook::kpis::question;
use casebook::model::{AccountFile, KpiAnswer, Scorecard};
use casebook::rules::kpi_sources::Suggestion;
use casebook::rules::scorecard::{ScorecardScore, finalise_problems, score};
use casebook::scorecards::pick_scorecard;
use casebook::{FileId, Node};
use serde::Serialize;
use uuid::Uuid;

use super::{Ctx, date, find, said, scorecard_list};
use crate::args::{AnswerArgs, ScorecardCmd, WhichScorecard};
use crate::i18n::{current, say, t, ta, word};
use crate::output::{self, headed, line};

pub(crate) fn run(ctx: &Ctx, cmd: ScorecardCmd) -> anyhow::Result<()> {
    match cmd {
        ScorecardCmd::New {
            file,
            month,
            correct,
        } => new(ctx, &file, month, correct),
        ScorecardCmd::Answer(a) => answer(ctx, &a),
        ScorecardCmd::Finalise(w) => finalise(ctx, &w),
        ScorecardCmd::Show(w) => show(ctx, &w),
        ScorecardCmd::List { file } => scorecard_list::list(ctx, file.as_deref()),
        ScorecardCmd::Trend { file, svg, out } => {
            scorecard_list::trend(ctx, &file, svg, out.as_deref())
        }
        ScorecardCmd::Kpi(k) => scorecard_list::kpi(ctx, k),
    }
}

/// The file, the account and the scorecard a command names.
fn which(node: &Node, w: &WhichScorecard) -> anyhow::Result<(FileId, AccountFile, Uuid)> {
    let file = find(node, &w.file)?;
    let account = node.read(file)?;
    let month = w.month.clone().unwrap_or_else(|| node.this_month());
    let sc = pick_scorecard(&account, month.trim(), w.scorecard.as_deref())?;
    Ok((file, account, sc))
}

fn new(ctx: &Ctx, file: &str, month: Option<String>, correct: bool) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let month = month.unwrap_or_else(|| node.this_month());
    let corrects = if correct {
        let account = node.read(id)?;
        let record = casebook::rules::scorecard::records(&account)
            .get(month.trim())
            .map(|(sc, _)| *sc);
        Some(record.ok_or_else(|| {
            anyhow!(ta(
                "sc-nothing-to-correct",
                &[("month", month.as_str().into())]
            ))
        })?)
    } else {
        None
    };
    let e = node.start_scorecard(id, &month, corrects)?;
    let sc = e.entry.unwrap_or_default();
    let account = node.read(id)?;
    said(ctx, id, Some(sc), &e.message)?;
    if !ctx.json {
        let count = account.scorecards.get(&sc).map_or(0, |s| s.kpis.len());
        line(ta(
            "sc-next-answer",
            &[
                ("file", file.into()),
                ("count", count.into()),
                ("month", month.trim().into()),
            ],
        ))?;
    }
    Ok(())
}

fn answer(ctx: &Ctx, a: &AnswerArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let (file, account, sc) = which(&node, &a.which)?;
    if a.suggested {
        return accept_suggestions(ctx, &node, file, &account, sc);
    }
    let Some(code) = a.kpi.as_deref() else {
        return Err(anyhow!(t("sc-which-kpi")));
    };
    let change = KpiAnswerChange {
        score: if a.yes {
            Some(1)
        } else if a.no {
            Some(0)
        } else {
            None
        },
        evidence: a.evidence.clone(),
        explanation: a.explanation.clone(),
        next_action: a.next_action.clone(),
        owner: a.owner.clone(),
        due: a.due.as_deref().map(|d| date("--due", d)).transpose()?,
    };
    let e = node.answer_kpi(file, sc, code, &change)?;
    said(ctx, file, Some(sc), &e.message)
}

/// Answer every unanswered KPI that the account file suggests an answer for, with its
/// evidence in the adviser's language.
fn accept_suggestions(
    ctx: &Ctx,
    node: &Node,
    file: FileId,
    account: &AccountFile,
    sc: Uuid,
) -> anyhow::Result<()> {
    let card = &account.scorecards[&sc];
    let suggestions = node.scorecard_suggestions(file, sc)?;
    let mut messages = Vec::new();
    for (kpi, s) in &suggestions {
        if card.answers.get(kpi).and_then(|a| a.score).is_some() {
            continue;
        }
        let code = &card.kpis[kpi].code;
        let change = KpiAnswerChange {
            score: Some(s.score),
            evidence: Some(say(&s.evidence)),
            ..KpiAnswerChange::default()
        };
        messages.push(node.answer_kpi(file, sc, code, &change)?.message);
    }
    if ctx.json {
        return output::json(&serde_json::json!({
            "file_id": file, "scorecard": sc, "messages": messages,
        }));
    }
    if messages.is_empty() {
        return line(t("sc-no-suggestions"));
    }
    for m in messages {
        line(casebook::history::describe(&m).map_or_else(|| m.clone(), |w| say(&w)))?;
    }
    Ok(())
}

fn finalise(ctx: &Ctx, w: &WhichScorecard) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let (file, _, sc) = which(&node, w)?;
    let e = node.finalise_scorecard(file, sc)?;
    said(ctx, file, Some(sc), &e.message)?;
    let account = node.read(file)?;
    let judged = score(&account.scorecards[&sc], None);
    if !ctx.json && judged.requires_attention() {
        line(attention_words(&judged))?;
    }
    Ok(())
}

/// "Requires immediate attention: management, sales".
fn attention_words(judged: &ScorecardScore) -> String {
    ta(
        "sc-attention",
        &[(
            "categories",
            judged
                .attention
                .iter()
                .map(|c| word(*c))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
        )],
    )
}

/// One KPI as `show --json` prints it.
#[derive(Serialize)]
struct KpiRow<'a> {
    id: Uuid,
    code: &'a str,
    level: u8,
    category: Option<casebook::enums::KpiCategory>,
    question: &'a str,
    answer: Option<&'a KpiAnswer>,
    score: Option<u8>,
    disputed: &'a [u8],
    missing: &'a [casebook::rules::scorecard::Missing],
    suggested: Option<SuggestedRow>,
}

#[derive(Serialize)]
struct SuggestedRow {
    score: u8,
    evidence: String,
}

fn show(ctx: &Ctx, w: &WhichScorecard) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let (file, account, sc) = which(&node, w)?;
    let card = &account.scorecards[&sc];
    let judged = score(card, account.disputes.scorecards.get(&sc));
    let suggestions = if card.finalised.is_none() {
        node.scorecard_suggestions(file, sc)?
    } else {
        BTreeMap::new()
    };
    let problems: Vec<String> = finalise_problems(&judged)
        .iter()
        .filter(|_| card.finalised.is_none())
        .map(say)
        .collect();
    if ctx.json {
        let rows: Vec<KpiRow<'_>> = judged
            .lines
            .iter()
            .map(|l| {
                let kpi = &card.kpis[&l.id];
                KpiRow {
                    id: l.id,
                    code: &l.code,
                    level: l.level,
                    category: l.category,
                    question: question(&kpi.text, &kpi.text_cy, current()),
                    answer: card.answers.get(&l.id),
                    score: l.score,
                    disputed: &l.disputed,
                    missing: &l.missing,
                    suggested: suggestions.get(&l.id).map(|s| SuggestedRow {
                        score: s.score,
                        evidence: say(&s.evidence),
                    }),
                }
            })
            .collect();
        return output::json(&serde_json::json!({
            "file_id": file,
            "client": account.profile.name,
            "scorecard": sc,
            "month": card.month,
            "supersedes": card.supersedes,
            "finalised": card.finalised,
            "kpis": rows,
            "categories": judged.categories,
            "level1": judged.level1,
            "level2": judged.level2,
            "overall": judged.overall,
            "overall_percent": judged.overall.percent(),
            "requires_attention": judged.requires_attention(),
            "attention": judged.attention,
            "changed_after_finalising": judged.changed_after,
            "cannot_finalise_because": problems,
        }));
    }
    print_card(&account, card, &judged, &suggestions)?;
    if !problems.is_empty() {
        line(ta(
            "sc-cannot-finalise-yet",
            &[("problems", problems.join("; ").into())],
        ))?;
    }
    Ok(())
}

fn yes_no(score: Option<u8>) -> String {
    match score {
        Some(1) => t("sc-yes"),
        Some(_) => t("sc-no"),
        None => String::new(),
    }
}

/// Percentages as people read them: `87%`, or a dash for none.
pub(crate) fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.0}%"))
}

fn print_card(
    account: &AccountFile,
    card: &Scorecard,
    judged: &ScorecardScore,
    suggestions: &BTreeMap<Uuid, Suggestion>,
) -> anyhow::Result<()> {
    let state = match &card.finalised {
        Some(f) => ta(
            "sc-state-finalised-by",
            &[
                ("by", f.by.as_str().into()),
                (
                    "date",
                    f.at.map(|a| a.date_naive().to_string())
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        None => t("sc-state-open"),
    };
    line(ta(
        "sc-show-title",
        &[
            ("client", account.profile.name.as_str().into()),
            ("month", card.month.as_str().into()),
            ("state", state.into()),
        ],
    ))?;
    let mut table = headed(&[
        "sc-col-code",
        "sc-col-category",
        "sc-col-question",
        "sc-col-answer",
        "sc-col-notes",
    ]);
    for l in &judged.lines {
        let kpi = &card.kpis[&l.id];
        let a = card.answers.get(&l.id);
        let mut answer = yes_no(l.score);
        if !l.disputed.is_empty() {
            answer = ta(
                "sc-disputed",
                &[(
                    "values",
                    l.disputed
                        .iter()
                        .map(|s| yes_no(Some(*s)))
                        .collect::<Vec<_>>()
                        .join(" / ")
                        .into(),
                )],
            );
        }
        let mut notes: Vec<String> = Vec::new();
        if let Some(a) = a {
            for text in [&a.evidence, &a.explanation] {
                if !text.trim().is_empty() {
                    notes.push(text.trim().to_string());
                }
            }
            if !a.next_action.trim().is_empty() {
                notes.push(ta(
                    "sc-next-action",
                    &[
                        ("action", a.next_action.trim().into()),
                        ("owner", a.owner.trim().into()),
                        (
                            "due",
                            a.due.map(|d| d.to_string()).unwrap_or_default().into(),
                        ),
                    ],
                ));
            }
        }
        if l.score.is_none()
            && let Some(s) = suggestions.get(&l.id)
        {
            notes.push(ta(
                "sc-suggested",
                &[
                    ("answer", yes_no(Some(s.score)).into()),
                    ("evidence", say(&s.evidence).into()),
                ],
            ));
        }
        let category = l.category.map(word).unwrap_or_default();
        table.add_row(vec![
            l.code.clone(),
            format!(
                "{category} ({})",
                ta("sc-level", &[("level", l.level.into())])
            ),
            question(&kpi.text, &kpi.text_cy, current()).to_string(),
            answer,
            notes.join("\n"),
        ]);
    }
    line(table)?;
    let mut table = headed(&["sc-col-category", "sc-col-level1", "sc-col-level2"]);
    for c in casebook::enums::KpiCategory::ALL {
        let of = |level: u8| {
            judged
                .categories
                .iter()
                .find(|s| s.category == *c && s.level == level)
                .map(|s| format!("{}/{} {}", s.tally.yes, s.tally.of, percent(s.percent)))
                .unwrap_or_default()
        };
        table.add_row(vec![word(*c), of(1), of(2)]);
    }
    line(table)?;
    line(ta(
        "sc-totals",
        &[
            ("overall", percent(judged.overall.percent()).into()),
            (
                "level1",
                format!("{}/{}", judged.level1.yes, judged.level1.of).into(),
            ),
            (
                "level2",
                format!("{}/{}", judged.level2.yes, judged.level2.of).into(),
            ),
        ],
    ))?;
    if judged.requires_attention() {
        line(attention_words(judged))?;
    }
    if !judged.changed_after.is_empty() {
        line(ta(
            "sc-changed-after",
            &[("codes", judged.changed_after.join(", ").into())],
        ))?;
    }
    Ok(())
}
