//! `casebook survey analyse|list|trend|question list`: what a survey says, where every account
//! stands, the trend across years, and the question bank (SV-1..SV-5).

use casebook::Node;
use casebook::enums::{SurveyArea, SurveyLevel};
use casebook::kpis::question;
use casebook::rules::survey::{
    Stage, analyse as analyse_survey, last_issued, trend as trend_of, within_a_year,
};
use casebook::surveys::pick_survey;
use serde::Serialize;

use super::scorecard::percent;
use super::{Ctx, find};
use crate::i18n::{current, t, ta, word};
use crate::output::{self, headed, line};

/// A mean score as people read it: `4.2`, or a dash for none.
fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), |m| format!("{m:.1}"))
}

fn stage_words(stage: Stage) -> String {
    t(match stage {
        Stage::Planned => "sv-stage-planned",
        Stage::Issued => "sv-stage-issued",
        Stage::AnalysisDue => "sv-stage-analysis-due",
        Stage::Closed => "sv-stage-closed",
    })
}

pub(crate) fn analyse(ctx: &Ctx, file: &str, survey: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let sid = pick_survey(&account, survey)?;
    let s = &account.surveys[&sid];
    let today = casebook::time::local_date(node.now());
    let a = analyse_survey(s, today);
    let fed_back = casebook::rules::survey::feedback(s);
    let improvements: Vec<&casebook::model::Action> = s
        .improvements
        .keys()
        .filter_map(|k| account.actions.get(k))
        .collect();
    if ctx.json {
        return output::json(&serde_json::json!({
            "file_id": id,
            "survey": sid,
            "title": s.title,
            "deadline": s.deadline,
            "issued": s.issued,
            "closed": s.closed,
            "analysis": a,
            "improvements": improvements,
            "feedback": fed_back,
        }));
    }
    line(ta(
        "sv-analysis-title",
        &[
            ("client", account.profile.name.as_str().into()),
            ("title", s.title.as_str().into()),
            ("stage", stage_words(a.stage).into()),
        ],
    ))?;
    let mut rates = headed(&[
        "sv-col-level",
        "sv-col-asked",
        "sv-col-by-deadline",
        "sv-col-late",
        "sv-col-rate",
    ]);
    for r in &a.rates {
        rates.add_row(vec![
            word(r.level),
            r.recipients.to_string(),
            r.by_deadline.to_string(),
            r.late.to_string(),
            percent(r.percent),
        ]);
    }
    line(rates)?;
    line(ta(
        "sv-overall-rate",
        &[("rate", percent(a.overall_rate).into())],
    ))?;
    let mut header = vec![t("sv-col-area")];
    header.extend(SurveyLevel::ALL.iter().map(|l| word(*l)));
    header.push(t("sv-col-all"));
    let mut areas = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for area in SurveyArea::ALL {
        let at = |level: Option<SurveyLevel>| {
            score(
                a.areas
                    .iter()
                    .find(|x| x.area == *area && x.level == level)
                    .map(|x| x.mean),
            )
        };
        let mut row = vec![word(*area)];
        row.extend(SurveyLevel::ALL.iter().map(|l| at(Some(*l))));
        row.push(at(None));
        areas.add_row(row);
    }
    line(areas)?;
    if !a.unaware.is_empty() {
        let list: Vec<String> = a
            .unaware
            .iter()
            .map(|(service, n)| format!("{service} ({n})"))
            .collect();
        line(ta("sv-unaware", &[("services", list.join(", ").into())]))?;
    }
    if a.ask_for_reference {
        line(t("sv-ask-reference"))?;
    }
    if a.off_scale > 0 {
        line(ta("sv-off-scale", &[("count", a.off_scale.into())]))?;
    }
    for i in improvements {
        line(ta(
            "sv-improvement",
            &[
                ("title", i.title.as_str().into()),
                ("owner", i.owner.as_str().into()),
                (
                    "due",
                    i.due.map(|d| d.to_string()).unwrap_or_default().into(),
                ),
                ("status", word(i.status).into()),
            ],
        ))?;
    }
    if s.closed.is_some() {
        line(ta(
            "sv-feedback",
            &[
                ("given", fed_back.given_to.join(", ").into()),
                ("count", fed_back.given_to.len().into()),
            ],
        ))?;
        if !fed_back.still_to.is_empty() {
            line(ta(
                "sv-feedback-still-to",
                &[("names", fed_back.still_to.join(", ").into())],
            ))?;
        }
    }
    Ok(())
}

/// One client's latest survey, as `list --json` prints it.
#[derive(Serialize)]
struct ClientRow {
    file_id: String,
    client: String,
    last_issued: Option<chrono::NaiveDate>,
    due: bool,
}

pub(crate) fn list(ctx: &Ctx, file: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    let Some(file) = file else {
        let mut rows: Vec<ClientRow> = node
            .summaries()?
            .into_iter()
            .filter(|s| s.is_active())
            .map(|s| ClientRow {
                due: !within_a_year(s.last_survey, today),
                last_issued: s.last_survey,
                file_id: s.file_id,
                client: s.name,
            })
            .collect();
        let order = crate::i18n::collation();
        rows.sort_by(|a, b| order.compare(&a.client, &b.client));
        if ctx.json {
            return output::json(&rows);
        }
        let mut table = headed(&["column-client", "sv-col-last-issued", "sv-col-due"]);
        for r in rows {
            table.add_row(vec![
                r.client,
                r.last_issued.map(|d| d.to_string()).unwrap_or_default(),
                t(if r.due { "sv-due" } else { "sv-not-due" }),
            ]);
        }
        return line(table);
    };
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let mut rows: Vec<serde_json::Value> = Vec::new();
    let mut table = headed(&[
        "sv-col-title",
        "sv-col-stage",
        "sv-col-issued",
        "sv-col-deadline",
        "sv-col-responses",
        "sv-col-rate",
        "column-id",
    ]);
    let mut surveys: Vec<_> = account.surveys.iter().collect();
    surveys.sort_by_key(|(sid, s)| (s.planned, **sid));
    for (sid, s) in surveys {
        let a = analyse_survey(s, today);
        let issued = s.issued.as_ref().and_then(|i| i.date);
        rows.push(serde_json::json!({
            "survey": sid, "title": s.title, "stage": a.stage, "issued": issued,
            "deadline": s.deadline, "recipients": s.recipients.len(),
            "responses": s.responses.len(), "response_rate": a.overall_rate,
        }));
        table.add_row(vec![
            s.title.clone(),
            stage_words(a.stage),
            issued.map(|d| d.to_string()).unwrap_or_default(),
            s.deadline.map(|d| d.to_string()).unwrap_or_default(),
            format!("{}/{}", s.responses.len(), s.recipients.len()),
            percent(a.overall_rate),
            casebook::view::short(sid),
        ]);
    }
    if ctx.json {
        return output::json(&serde_json::json!({
            "file_id": id,
            "client": account.profile.name,
            "surveys": rows,
            "last_issued": last_issued(&account),
            "due": !within_a_year(last_issued(&account), today),
        }));
    }
    line(ta(
        "sv-list-title",
        &[("client", account.profile.name.as_str().into())],
    ))?;
    if rows.is_empty() {
        return line(ta("sv-list-none", &[("file", file.into())]));
    }
    line(table)
}

pub(crate) fn trend(ctx: &Ctx, file: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let account = node.read(find(&node, file)?)?;
    let points = trend_of(&account);
    if ctx.json {
        return output::json(&points);
    }
    line(ta(
        "sv-trend-title",
        &[("client", account.profile.name.as_str().into())],
    ))?;
    if points.is_empty() {
        return line(t("sv-trend-empty"));
    }
    let mut header = vec![t("sv-col-area")];
    header.extend(points.iter().map(|p| {
        format!(
            "{} {}",
            p.title,
            p.issued.map(|d| d.to_string()).unwrap_or_default()
        )
    }));
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for area in SurveyArea::ALL {
        let mut row = vec![word(*area)];
        row.extend(points.iter().map(|p| score(p.areas.get(area).copied())));
        table.add_row(row);
    }
    let mut overall = vec![t("sv-col-all")];
    overall.extend(points.iter().map(|p| score(p.overall)));
    table.add_row(overall);
    line(table)
}

pub(crate) fn questions(ctx: &Ctx, node: &Node) -> anyhow::Result<()> {
    let bank = node.survey_questions()?;
    if ctx.json {
        return output::json(&bank);
    }
    let mut table = headed(&[
        "sc-col-code",
        "sv-col-area",
        "sv-col-asked-of",
        "sc-col-question",
        "sc-col-in-use",
    ]);
    for q in &bank {
        let levels: Vec<String> = SurveyLevel::ALL
            .iter()
            .filter(|l| casebook::survey_bank::asked(q.level, **l))
            .map(|l| word(*l))
            .collect();
        table.add_row(vec![
            q.code.clone(),
            word(q.area),
            levels.join(", "),
            question(&q.text, &q.text_cy, current()).to_string(),
            t(if q.retired { "sc-retired" } else { "sc-in-use" }),
        ]);
    }
    line(table)
}
