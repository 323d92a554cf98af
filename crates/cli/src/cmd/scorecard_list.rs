//! `casebook scorecard list|trend|kpi`: scorecards month by month, the routine across clients,
//! the trend (a table or a picture) and the organisation's KPI set (BS-1..BS-5).

use std::path::Path;

use anyhow::anyhow;
use casebook::enums::KpiCategory;
use casebook::kpis::{KpiChange, NewKpi, question};
use casebook::rules::scorecard::{
    Routine, ScorecardFacts, records, routine, score, trend as trend_of,
};
use serde::Serialize;

use super::scorecard::percent;
use super::{Ctx, find};
use crate::args::KpiCmd;
use crate::i18n::{current, t, ta, word};
use crate::output::{self, headed, line};

/// One scorecard of a client, as `list FILE --json` prints it.
#[derive(Serialize)]
struct CardRow {
    scorecard: uuid::Uuid,
    month: String,
    state: &'static str,
    overall_percent: Option<f64>,
    level1: casebook::rules::scorecard::Tally,
    level2: casebook::rules::scorecard::Tally,
    attention: Vec<KpiCategory>,
    supersedes: Option<uuid::Uuid>,
}

/// One client on the routine, as `list --json` prints it.
#[derive(Serialize)]
struct ClientRow {
    file_id: String,
    client: String,
    lead: String,
    #[serde(flatten)]
    routine: Routine,
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
                routine: routine(&s.scorecards, today),
                file_id: s.file_id,
                client: s.name,
                lead: s.lead,
            })
            .filter(|r| r.routine.started)
            .collect();
        let order = crate::i18n::collation();
        rows.sort_by(|a, b| order.compare(&a.client, &b.client));
        if ctx.json {
            return output::json(&rows);
        }
        if rows.is_empty() {
            return line(t("sc-list-none"));
        }
        let mut table = headed(&[
            "column-client",
            "column-lead",
            "sc-col-last",
            "sc-col-this-month",
            "sc-col-overdue",
            "sc-col-attention",
        ]);
        for r in rows {
            table.add_row(vec![
                r.client,
                r.lead,
                r.routine.last_finalised.unwrap_or_default(),
                t(if r.routine.due { "sc-due" } else { "sc-done" }),
                r.routine.overdue.join(", "),
                r.routine
                    .attention
                    .iter()
                    .map(|c| word(*c))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        return line(table);
    };
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let record_ids: Vec<uuid::Uuid> = records(&account).values().map(|(id, _)| *id).collect();
    let mut rows: Vec<CardRow> = account
        .scorecards
        .iter()
        .map(|(id, sc)| {
            let s = score(sc, account.disputes.scorecards.get(id));
            CardRow {
                scorecard: *id,
                month: sc.month.clone(),
                state: match (&sc.finalised, record_ids.contains(id)) {
                    (None, _) => "open",
                    (Some(_), true) => "finalised",
                    (Some(_), false) => "corrected",
                },
                overall_percent: s.overall.percent(),
                level1: s.level1,
                level2: s.level2,
                attention: s.attention,
                supersedes: sc.supersedes,
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.month, a.state).cmp(&(&b.month, b.state)));
    let r = routine(&ScorecardFacts::of(&account), today);
    if ctx.json {
        return output::json(&serde_json::json!({
            "file_id": id, "client": account.profile.name, "scorecards": rows, "routine": r,
        }));
    }
    line(ta(
        "sc-list-title",
        &[("client", account.profile.name.as_str().into())],
    ))?;
    if rows.is_empty() {
        return line(ta("sc-list-none-here", &[("file", file.into())]));
    }
    let mut table = headed(&[
        "sc-col-month",
        "sc-col-state",
        "sc-col-overall",
        "sc-col-level1",
        "sc-col-level2",
        "sc-col-attention",
        "column-id",
    ]);
    for row in &rows {
        table.add_row(vec![
            row.month.clone(),
            t(&format!("sc-state-{}", row.state)),
            percent(row.overall_percent),
            format!("{}/{}", row.level1.yes, row.level1.of),
            format!("{}/{}", row.level2.yes, row.level2.of),
            row.attention
                .iter()
                .map(|c| word(*c))
                .collect::<Vec<_>>()
                .join(", "),
            casebook::view::short(&row.scorecard),
        ]);
    }
    line(table)?;
    if !r.overdue.is_empty() {
        line(ta(
            "sc-overdue-months",
            &[("months", r.overdue.join(", ").into())],
        ))?;
    }
    Ok(())
}

pub(crate) fn trend(ctx: &Ctx, file: &str, svg: bool, out: Option<&Path>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let account = node.read(find(&node, file)?)?;
    if svg {
        let picture = casebook::pictures::scorecard_trend_svg(&account, current());
        return super::pictures::deliver(ctx, &picture, out);
    }
    let points = trend_of(&account);
    if ctx.json {
        return output::json(&points);
    }
    line(ta(
        "sc-trend-title",
        &[("client", account.profile.name.as_str().into())],
    ))?;
    if points.is_empty() {
        return line(t("pic-trend-empty"));
    }
    let mut header = vec![
        t("sc-col-month"),
        t("sc-col-overall"),
        t("sc-col-level1"),
        t("sc-col-level2"),
    ];
    header.extend(KpiCategory::ALL.iter().map(|c| word(*c)));
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for p in &points {
        let mut row = vec![
            if p.attention {
                format!("{} ⚠", p.month)
            } else {
                p.month.clone()
            },
            percent(p.overall),
            percent(p.level1),
            percent(p.level2),
        ];
        row.extend(
            KpiCategory::ALL
                .iter()
                .map(|c| percent(p.categories.get(c).copied())),
        );
        table.add_row(row);
    }
    line(table)
}

pub(crate) fn kpi(ctx: &Ctx, cmd: KpiCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let (kpi, verb) = match cmd {
        KpiCmd::List => return kpi_list(ctx, &node),
        KpiCmd::Add {
            category,
            level,
            text,
            text_cy,
            code,
        } => {
            let new = NewKpi {
                category: Some(crate::cmd::word::<KpiCategory>(&category)?),
                level,
                code: code.unwrap_or_default(),
                text,
                text_cy: text_cy.unwrap_or_default(),
            };
            (node.add_kpi(&new)?, "sc-kpi-added")
        }
        KpiCmd::Edit {
            kpi,
            code,
            text,
            text_cy,
        } => {
            if code.is_none() && text.is_none() && text_cy.is_none() {
                return Err(anyhow!(t("sc-kpi-edit-nothing")));
            }
            let change = KpiChange {
                code,
                text,
                text_cy,
                retired: None,
            };
            (node.change_kpi(&kpi, &change)?, "sc-kpi-changed")
        }
        KpiCmd::Retire { kpi } => {
            let change = KpiChange {
                retired: Some(true),
                ..KpiChange::default()
            };
            (node.change_kpi(&kpi, &change)?, "sc-kpi-retired")
        }
        KpiCmd::Restore { kpi } => {
            let change = KpiChange {
                retired: Some(false),
                ..KpiChange::default()
            };
            (node.change_kpi(&kpi, &change)?, "sc-kpi-restored")
        }
    };
    if ctx.json {
        return output::json(&kpi);
    }
    line(ta(
        verb,
        &[
            ("code", kpi.code.as_str().into()),
            ("text", kpi.text_in(current()).into()),
        ],
    ))
}

fn kpi_list(ctx: &Ctx, node: &casebook::Node) -> anyhow::Result<()> {
    let set = node.kpis()?;
    if ctx.json {
        return output::json(&set);
    }
    let mut table = headed(&[
        "sc-col-code",
        "sc-col-category",
        "sc-col-question",
        "sc-col-source",
        "sc-col-in-use",
    ]);
    for k in &set {
        table.add_row(vec![
            k.code.clone(),
            format!(
                "{} ({})",
                word(k.category),
                ta("sc-level", &[("level", k.level.into())])
            ),
            question(&k.text, &k.text_cy, current()).to_string(),
            k.source.map(word).unwrap_or_default(),
            t(if k.retired { "sc-retired" } else { "sc-in-use" }),
        ]);
    }
    line(table)?;
    line(t("sc-kpi-seed-note"))
}
