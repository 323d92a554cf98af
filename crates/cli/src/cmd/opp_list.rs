//! `casebook opp list [FILE]`: a client's opportunities, or the whole portfolio's pipeline.

use casebook::enums::OpportunityStatus;
use casebook::rules::pipeline::{self, OpportunityLine};
use casebook::rules::rollup;
use casebook::{FileId, Node, view};
use serde::Serialize;

use super::{Ctx, find, word};
use crate::args::OppListArgs;
use crate::output::{self, line, rag, table};

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
        header.push("client");
    }
    header.extend([
        "id",
        "opportunity",
        "status",
        "value",
        "raised",
        "qualification",
        "trend",
        "risk",
        "outcome",
    ]);
    let mut t = table(&header);
    for r in rows {
        let l = &r.line;
        let mut row = Vec::new();
        if portfolio {
            row.push(r.client.clone());
        }
        row.extend([
            view::short(&l.id),
            l.title.clone(),
            l.status.words(),
            format!("£{:.0}", l.value),
            l.raised
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "-".into()),
            match l.qualification {
                Some(q) => format!("{:.0}% ({}/10 groups)", q * 100.0, l.answered),
                None => "not qualified yet".into(),
            },
            l.trend.to_string(),
            rag(l.rag),
            l.outcome
                .as_ref()
                .map(|o| format!("{} {}: {}", o.result.words(), o.date, o.reason))
                .unwrap_or_default(),
        ]);
        t.add_row(row);
    }
    if rows.is_empty() {
        return line("No opportunities.");
    }
    line(t)?;
    let total = |s: &[OpportunityStatus]| -> f64 {
        rows.iter()
            .filter(|r| s.contains(&r.line.status))
            .fold(0.0, |sum, r| sum + r.line.value)
    };
    line(format!(
        "{} opportunit{}; pipeline (open or on hold) £{:.0}; won £{:.0}",
        rows.len(),
        if rows.len() == 1 { "y" } else { "ies" },
        total(&[OpportunityStatus::Open, OpportunityStatus::Hold]),
        total(&[OpportunityStatus::Won])
    ))
}
