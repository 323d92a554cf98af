//! `casebook history` and `casebook diff`.

use casebook::Origin;
use casebook::history::Author;

use super::{Ctx, find};
use crate::i18n::{Lang, current, say, t, ta};
use crate::output::{self, line, when};

pub(crate) fn history(ctx: &Ctx, file: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let entries = node.history(file)?;
    if ctx.json {
        return output::json(&entries);
    }
    print_history(&entries)
}

/// A change's message for people: as stored (casebook writes it in English, and English runs
/// show it word for word), or in the run's language when casebook recognises its words.
pub(crate) fn change_words(message: &str) -> String {
    match current() {
        Lang::En => message.to_string(),
        _ => casebook::history::describe(message).map_or_else(|| message.to_string(), |m| say(&m)),
    }
}

/// What a withdrawal took out (`person Dafydd Jones`, `outbound call on 2026-05-12 (sales)`),
/// in the run's language where casebook recognises its words.
pub(crate) fn entry_words(what: &str) -> String {
    match current() {
        Lang::En => what.to_string(),
        _ => casebook::history::describe_entry(what).map_or_else(|| what.to_string(), |m| say(&m)),
    }
}

/// A day as people read it in the run's language: `12 May 2026`, or with the month in short
/// (`12 May 2026` too, `3 Sep 2026`).
pub(crate) fn day(date: chrono::NaiveDate, short: bool) -> String {
    use chrono::Datelike;
    let key = if short {
        "rec-month-short"
    } else {
        "rec-month"
    };
    ta(
        key,
        &[
            ("day", date.day().to_string().into()),
            ("month", date.month().to_string().into()),
            ("year", date.year().to_string().into()),
        ],
    )
}

/// The history table: when, who, which node, signed, where it came from, what.
pub(crate) fn print_history(entries: &[casebook::HistoryEntry]) -> anyhow::Result<()> {
    let mut table = output::headed(&[
        "rec-col-change",
        "rec-col-when",
        "rec-col-who",
        "rec-col-node",
        "rec-col-signed",
        "rec-col-received",
        "rec-col-what",
    ]);
    for e in entries {
        let (who, node_text) = match &e.change.author {
            Author::Schema => ("casebook".to_string(), t("rec-history-schema")),
            Author::Node(n) => (e.adviser.clone().unwrap_or_else(|| "?".into()), n.short()),
            Author::Other(a) => (
                "?".to_string(),
                ta(
                    "rec-history-actor",
                    &[("actor", a[..a.len().min(10)].to_string().into())],
                ),
            ),
        };
        let received = e
            .origin
            .as_ref()
            .map(|o| match &o.origin {
                Origin::Local => t("rec-origin-local"),
                Origin::File { name } => ta("rec-origin-file", &[("name", name.as_str().into())]),
                Origin::Peer { node } => ta("rec-origin-peer", &[("node", node.short().into())]),
            })
            .unwrap_or_else(|| "-".into());
        table.add_row(vec![
            e.change.hash[..8].to_string(),
            when(e.change.time),
            who,
            node_text,
            match (&e.brought_in, e.signed) {
                (_, true) => "✔".to_string(),
                (Some(b), false) => ta(
                    "rec-history-brought-in",
                    &[
                        (
                            "adviser",
                            b.adviser.clone().unwrap_or_else(|| b.by.short()).into(),
                        ),
                        ("date", day(b.at.date_naive(), true).into()),
                    ],
                ),
                (None, false) => format!("✘ {}", t("rec-history-unsigned")),
            },
            received,
            change_words(&e.change.message),
        ]);
    }
    line(table)?;
    line(ta("rec-changes-count", &[("count", entries.len().into())]))
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
        return line(t("rec-no-differences"));
    }
    let show = |v: &Option<serde_json::Value>| match v {
        None => "-".to_string(),
        Some(v) => shorten(&value_words(v), 80),
    };
    let words: Vec<String> = [
        "rec-col-where",
        "rec-col-entry",
        "rec-col-field",
        "rec-col-before",
        "rec-col-after",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let mut table = output::table(
        &std::iter::once("")
            .chain(words.iter().map(String::as_str))
            .collect::<Vec<_>>(),
    );
    // The section in the run's words (`risks/3f2a9c1e`, `risgiau/3f2a9c1e`); ids stay.
    let section =
        |s: &str| casebook::diff::section_word(s).map_or_else(|| s.to_string(), |m| say(&m));
    for l in lines {
        let sign = match l.op {
            "added" => "+",
            "removed" => "-",
            _ => "~",
        };
        let (place, label) = match l.path.split_once('/') {
            Some((sec, id)) => (format!("{}/{id}", section(sec)), l.label.clone()),
            // Profile, team and journey: the section is its own label.
            None if l.label == l.path => (section(&l.path), section(&l.label)),
            None => (section(&l.path), l.label.clone()),
        };
        table.add_row(vec![
            sign.to_string(),
            place,
            label,
            field_words(&l.field),
            show(&l.before),
            show(&l.after),
        ]);
    }
    line(table)
}

/// A field name in the run's words (`stage_entered` → "stage entered", "dechrau'r cam");
/// a field casebook does not know as it is.
fn field_words(field: &str) -> String {
    casebook::diff::field_word(field).map_or_else(|| field.to_string(), |m| say(&m))
}

/// A value as people read it: text as it is, a record as "field: value; ...", a list with
/// commas, nothing as "-".
fn value_words(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_words).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !matches!(v, Value::Null) && v.as_str() != Some(""))
            .map(|(k, v)| {
                let inner = value_words(v);
                let inner = if v.is_object() {
                    format!("({inner})")
                } else {
                    inner
                };
                // Keys that are entry ids stay ids, shortened as in every table.
                match uuid::Uuid::parse_str(k) {
                    Ok(id) => format!("{}: {inner}", &id.to_string()[..8]),
                    Err(_) => format!("{}: {inner}", field_words(k)),
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((i, _)) if text.chars().count() > max => format!("{}…", &text[..i]),
        _ => text.to_string(),
    }
}
