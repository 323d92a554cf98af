//! `casebook opp list [FILE]`: a client's opportunities, or the whole portfolio's pipeline.

use casebook::enums::OpportunityStatus;
use casebook::rules::pipeline::{self, OpportunityLine};
use casebook::rules::rollup;
use casebook::{FileId, Node, view};
use serde::Serialize;

use super::{Ctx, find, word};
use crate::args::OppListArgs;
use crate::i18n::{self, t, ta};
use crate::output::{self, headed, line, rag};

/// One opportunity as `opp list --json` prints it: its client and its line.
#[derive(Serialize)]
struct Row {
    file_id: String,
    client: String,
    #[serde(flatten)]
    line: OpportunityLine,
}

pub(crate) fn list(ctx: &Ctx, node: &Node, a: &OppListArgs) -> anyhow::Result<()> {
    let status = a
        .status
        .as_deref()
        .map(word::<OpportunityStatus>)
        .transpose()?;
    let files: Vec<(FileId, String, Option<Vec<OpportunityLine>>)> = match &a.file {
        Some(f) => {
            let id = find(node, f)?;
            vec![(id, String::new(), None)]
        }
        None => node
            .summaries()?
            .into_iter()
            .map(|s| Ok((s.file_id.parse::<FileId>()?, s.name, s.opportunities)))
            .collect::<anyhow::Result<_>>()?,
    };
    let mut rows = Vec::new();
    for (id, name, kept) in files {
        // The index keeps every file's lines; a summary stored before it did, or one client
        // asked for by name, is read from its document.
        let (name, lines) = match kept {
            Some(lines) => (name, lines),
            None => {
                let account = node.read(id)?;
                let config = node.config_for(id)?;
                let roll = rollup::rollup(&account, &config.rag_matrix);
                let lines = pipeline::lines(&account, &config, &roll);
                (account.profile.name, lines)
            }
        };
        rows.extend(
            lines
                .into_iter()
                .filter(|l| status.is_none_or(|s| l.status == s))
                .map(|line| Row {
                    file_id: id.to_string(),
                    client: name.clone(),
                    line,
                }),
        );
    }
    rows.sort_by(|x, y| (&x.client, x.line.raised).cmp(&(&y.client, y.line.raised)));
    if ctx.json {
        return output::json(&rows);
    }
    print(&rows, a.file.is_none())
}

fn print(rows: &[Row], portfolio: bool) -> anyhow::Result<()> {
    let mut header = Vec::new();
    if portfolio {
        header.push("opp-column-client");
    }
    header.extend([
        "opp-column-id",
        "opp-column-opportunity",
        "opp-column-status",
        "opp-column-value",
        "opp-column-raised",
        "opp-column-qualification",
        "opp-column-trend",
        "opp-column-risk",
        "opp-column-outcome",
    ]);
    let mut table = headed(&header);
    for r in rows {
        let l = &r.line;
        let mut row = Vec::new();
        if portfolio {
            row.push(r.client.clone());
        }
        row.extend([
            view::short(&l.id),
            l.title.clone(),
            i18n::word(l.status),
            format!("£{:.0}", l.value),
            l.raised
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "-".into()),
            match l.qualification {
                Some(q) => ta(
                    "opp-list-qualification",
                    &[
                        ("percent", format!("{:.0}", q * 100.0).into()),
                        ("answered", l.answered.to_string().into()),
                    ],
                ),
                None => t("opp-list-not-qualified"),
            },
            super::opp::trend(l.trend),
            rag(l.rag),
            l.outcome
                .as_ref()
                .map(|o| {
                    ta(
                        "opp-list-outcome",
                        &[
                            ("result", i18n::word(o.result).into()),
                            ("date", o.date.to_string().into()),
                            ("reason", o.reason.as_str().into()),
                        ],
                    )
                })
                .unwrap_or_default(),
        ]);
        table.add_row(row);
    }
    if rows.is_empty() {
        return line(t("opp-list-none"));
    }
    line(table)?;
    let total = |s: &[OpportunityStatus]| -> f64 {
        rows.iter()
            .filter(|r| s.contains(&r.line.status))
            .fold(0.0, |sum, r| sum + r.line.value)
    };
    line(ta(
        "opp-list-totals",
        &[
            ("count", rows.len().into()),
            (
                "pipeline",
                format!(
                    "{:.0}",
                    total(&[OpportunityStatus::Open, OpportunityStatus::Hold])
                )
                .into(),
            ),
            (
                "won",
                format!("{:.0}", total(&[OpportunityStatus::Won])).into(),
            ),
        ],
    ))
}
