//! `casebook history` and `casebook diff`.

use casebook::history::Author;

use super::{Ctx, find};
use crate::output::{self, line, table, when};

pub(crate) fn history(ctx: &Ctx, file: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let entries = node.history(file)?;
    if ctx.json {
        return output::json(&entries);
    }
    print_history(&entries)
}

/// The history table: when, who, which node, signed, where it came from, what.
pub(crate) fn print_history(entries: &[casebook::HistoryEntry]) -> anyhow::Result<()> {
    let mut t = table(&[
        "change", "when", "who", "node", "signed", "received", "what",
    ]);
    for e in entries {
        let (who, node_text) = match &e.change.author {
            Author::Schema => ("casebook".to_string(), "(schema)".to_string()),
            Author::Node(n) => (e.adviser.clone().unwrap_or_else(|| "?".into()), n.short()),
            Author::Other(a) => ("?".to_string(), format!("actor {}", &a[..a.len().min(10)])),
        };
        let received = e
            .origin
            .as_ref()
            .map(|o| o.origin.to_string())
            .unwrap_or_else(|| "-".into());
        t.add_row(vec![
            e.change.hash[..8].to_string(),
            when(e.change.time),
            who,
            node_text,
            match (&e.brought_in, e.signed) {
                (_, true) => "✔".to_string(),
                (Some(b), false) => format!(
                    "brought in from a file by {} on {}",
                    b.adviser.clone().unwrap_or_else(|| b.by.short()),
                    b.at.format("%-d %b %Y")
                ),
                (None, false) => "✘ unsigned (local only)".to_string(),
            },
            received,
            e.change.message.clone(),
        ]);
    }
    line(t)?;
    line(format!("{} change(s)", entries.len()))
}

pub(crate) fn diff(ctx: &Ctx, file: &str, from: &str, to: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let lines = node.diff(file, from, to)?;
    if ctx.json {
        return output::json(&lines);
    }
    print_diff(&lines)
}

/// Print diff lines as a table.
pub(crate) fn print_diff(lines: &[casebook::diff::DiffLine]) -> anyhow::Result<()> {
    if lines.is_empty() {
        return line("No differences.");
    }
    let show = |v: &Option<serde_json::Value>| match v {
        None => "-".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => {
            let s = other.to_string();
            if s.len() > 80 {
                format!(
                    "{}…",
                    &s[..s.char_indices().nth(79).map(|(i, _)| i).unwrap_or(s.len())]
                )
            } else {
                s
            }
        }
    };
    let mut t = table(&["", "where", "entry", "field", "before", "after"]);
    for l in lines {
        let sign = match l.op {
            "added" => "+",
            "removed" => "-",
            _ => "~",
        };
        t.add_row(vec![
            sign.to_string(),
            l.path.clone(),
            l.label.clone(),
            l.field.clone(),
            show(&l.before),
            show(&l.after),
        ]);
    }
    line(t)
}
