//! `casebook conflicts` and `casebook resolve`.

use anyhow::anyhow;
use casebook::history::Author;
use casebook::{Choice, Conflict, FileId};
use serde::Serialize;

use super::{Ctx, find};
use crate::args::ResolveArgs;
use crate::i18n::{Lang, current, say, t, ta};
use crate::output::{self, line, when};

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
        return line(t(if one_file {
            "rec-no-conflicts-here"
        } else {
            "rec-no-conflicts"
        }));
    }
    let mut table = output::headed(&[
        "rec-col-conflict",
        "rec-col-number",
        "rec-col-value",
        "rec-col-by",
        "rec-col-node",
        "rec-col-when",
        "rec-col-shown-now",
    ]);
    for (id, name, list) in found {
        line(ta(
            "rec-conflicts-client",
            &[
                ("client", name.as_str().into()),
                ("file", id.short().into()),
            ],
        ))?;
        for c in list {
            line(format!("  {}  {}", c.id, sentence(c)))?;
            for (i, v) in c.candidates.iter().enumerate() {
                table.add_row(vec![
                    if i == 0 { c.id.clone() } else { String::new() },
                    v.number.to_string(),
                    v.text.clone(),
                    v.adviser.clone().unwrap_or_else(|| "?".into()),
                    author(&v.author),
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
    line(table)?;
    let count: usize = found.iter().map(|(_, _, l)| l.len()).sum();
    line(ta("rec-conflicts-count", &[("count", count.into())]))
}

/// Who wrote a value, for the table: the node's short id, or `(schema)`, or another tool's
/// actor.
fn author(a: &Author) -> String {
    match a {
        Author::Schema => t("rec-author-schema"),
        Author::Node(n) => n.short(),
        Author::Other(actor) => ta(
            "rec-history-actor",
            &[("actor", actor[..actor.len().min(10)].to_string().into())],
        ),
    }
}

/// The conflict in one sentence, as [`Conflict::sentence`] says it in English: `risk 'Key
/// supplier failure' likelihood: 3 by Alice, 4 by Bob, both on 12 May 2026`.
pub(crate) fn sentence(c: &Conflict) -> String {
    if current() == Lang::En {
        return c.sentence();
    }
    let what = casebook::history::words::conflict_field(&c.what)
        .map_or_else(|| c.what.clone(), |m| say(&m));
    let day = |v: &casebook::Candidate| v.time.map(|t| t.date_naive());
    let days: Vec<_> = c.candidates.iter().map(day).collect();
    let same_day = days
        .first()
        .copied()
        .flatten()
        .filter(|d| days.iter().all(|x| *x == Some(*d)));
    let values: Vec<String> = c
        .candidates
        .iter()
        .map(|v| {
            let who = match (&v.adviser, &v.author) {
                (Some(name), _) => name.clone(),
                (None, a) => author(a),
            };
            match day(v).filter(|_| same_day.is_none()) {
                Some(d) => ta(
                    "rec-conflict-value-on",
                    &[
                        ("value", v.shown().into()),
                        ("who", who.into()),
                        ("day", super::history::day(d, false).into()),
                    ],
                ),
                None => ta(
                    "rec-conflict-value",
                    &[("value", v.shown().into()), ("who", who.into())],
                ),
            }
        })
        .collect();
    let mut text = ta(
        "rec-conflict-sentence",
        &[("what", what.into()), ("values", values.join(", ").into())],
    );
    if let Some(d) = same_day {
        text.push_str(&ta(
            "rec-conflict-same-day",
            &[
                ("count", c.candidates.len().into()),
                ("day", super::history::day(d, false).into()),
            ],
        ));
    }
    text
}

/// Resolve one conflict of one client by keeping a value or setting a new one.
pub(crate) fn resolve(ctx: &Ctx, a: ResolveArgs) -> anyhow::Result<()> {
    let choice = match (a.keep, a.keep_by, a.set) {
        (Some(0), _, _) => {
            return Err(anyhow!(t("rec-keep-counts-from-1")));
        }
        (Some(n), _, _) => Choice::Candidate(n - 1),
        (None, Some(adviser), _) => Choice::Adviser(adviser),
        (None, None, Some(value)) => Choice::Value(value),
        (None, None, None) => {
            return Err(anyhow!(t("rec-say-which-value")));
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
        line(format!(
            "{}\n  {}",
            super::history::change_words(&e.message),
            ta("rec-report-file", &[("file", file.short().into())])
        ))
    }
}
