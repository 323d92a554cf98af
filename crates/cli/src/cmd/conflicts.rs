//! `casebook conflicts` and `casebook resolve`.

use anyhow::anyhow;
use casebook::{Choice, Conflict, FileId};
use serde::Serialize;

use super::{Ctx, find};
use crate::args::ResolveArgs;
use crate::output::{self, line, table, when};

/// One conflict with the client it belongs to, as `--json` prints it.
#[derive(Serialize)]
struct Row<'a> {
    file_id: FileId,
    client: &'a str,
    #[serde(flatten)]
    conflict: &'a Conflict,
    sentence: String,
}

/// List the conflicts of one client, or of every client (loading every file).
pub(crate) fn conflicts(ctx: &Ctx, file: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let files = match file {
        Some(query) => {
            let id = find(&node, query)?;
            vec![(id, node.read(id)?.profile.name)]
        }
        None => {
            let mut all = node
                .summaries()?
                .into_iter()
                .map(|s| Ok((s.file_id.parse::<FileId>()?, s.name)))
                .collect::<anyhow::Result<Vec<_>>>()?;
            all.sort_by(|a, b| a.1.cmp(&b.1));
            all
        }
    };
    let mut found: Vec<(FileId, String, Vec<Conflict>)> = Vec::new();
    for (id, name) in files {
        let list = node.conflicts(id)?;
        if !list.is_empty() {
            found.push((id, name, list));
        }
    }
    if ctx.json {
        let rows: Vec<Row<'_>> = found
            .iter()
            .flat_map(|(id, name, list)| {
                list.iter().map(move |c| Row {
                    file_id: *id,
                    client: name,
                    conflict: c,
                    sentence: c.sentence(),
                })
            })
            .collect();
        return output::json(&rows);
    }
    print(file.is_some(), &found)
}

fn print(one_file: bool, found: &[(FileId, String, Vec<Conflict>)]) -> anyhow::Result<()> {
    if found.is_empty() {
        return line(if one_file {
            "No conflicts in this account file."
        } else {
            "No conflicts in any account file."
        });
    }
    let mut t = table(&["conflict", "#", "value", "by", "node", "when", "shown now"]);
    for (id, name, list) in found {
        line(format!("{name} (file {})", id.short()))?;
        for c in list {
            line(format!("  {}  {}", c.id, c.sentence()))?;
            for (i, v) in c.candidates.iter().enumerate() {
                t.add_row(vec![
                    if i == 0 { c.id.clone() } else { String::new() },
                    v.number.to_string(),
                    v.text.clone(),
                    v.adviser.clone().unwrap_or_else(|| "?".into()),
                    v.author.to_string(),
                    when(v.time),
                    if v.current {
                        "✔".into()
                    } else {
                        String::new()
                    },
                ]);
            }
        }
    }
    line("")?;
    line(t)?;
    let count: usize = found.iter().map(|(_, _, l)| l.len()).sum();
    line(format!(
        "{count} conflict(s). Resolve one with: casebook resolve FILE CONFLICT --keep N | --keep-by ADVISER | --set VALUE"
    ))
}

/// Resolve one conflict of one client by keeping a value or setting a new one.
pub(crate) fn resolve(ctx: &Ctx, a: ResolveArgs) -> anyhow::Result<()> {
    let choice = match (a.keep, a.keep_by, a.set) {
        (Some(0), _, _) => {
            return Err(anyhow!(
                "--keep counts from 1, as `casebook conflicts FILE` numbers the values"
            ));
        }
        (Some(n), _, _) => Choice::Candidate(n - 1),
        (None, Some(adviser), _) => Choice::Adviser(adviser),
        (None, None, Some(value)) => Choice::Value(value),
        (None, None, None) => {
            return Err(anyhow!(
                "say which value to keep: --keep N, --keep-by ADVISER or --set VALUE"
            ));
        }
    };
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let e = node.resolve(file, &a.conflict, choice)?;
    if ctx.json {
        output::json(&serde_json::json!({
            "file_id": file,
            "conflict": a.conflict.trim().to_ascii_lowercase(),
            "change": e.change.map(|h| h.to_string()),
            "message": e.message,
        }))
    } else {
        line(format!("{}\n  file {}", e.message, file.short()))
    }
}
