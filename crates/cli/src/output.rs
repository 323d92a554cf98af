//! Output for people (tables) and scripts (`--json`).

use std::io::Write;

use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

/// Print a value as pretty JSON on stdout.
pub(crate) fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    // Serialise first, then write: a closed pipe then surfaces as an io::Error, which main
    // treats as a normal end, rather than hidden inside a serde_json::Error.
    let text = serde_json::to_string_pretty(value)?;
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}

/// A table with a header row, sized to the terminal: long text wraps within its column. When
/// stdout is no terminal (a pipe, a file) the table fits `COLUMNS`, or 80 columns.
pub(crate) fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    if t.width().is_none() {
        t.set_width(crate::terminal::fallback_width());
    }
    t
}

/// A table whose headings are message keys, in the run's language.
pub(crate) fn headed(keys: &[&str]) -> Table {
    let words: Vec<String> = keys.iter().map(|k| crate::i18n::t(k)).collect();
    table(&words.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Print a line on stdout, failing (not panicking) on a closed pipe.
pub(crate) fn line(text: impl std::fmt::Display) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}

/// A RAG colour as a word with a marker that survives a black-and-white terminal.
pub(crate) fn rag(r: Option<casebook::enums::Rag>) -> String {
    use casebook::enums::Rag;
    let marker = match r {
        Some(Rag::Red) => "●",
        Some(Rag::Amber) => "◐",
        Some(Rag::Green) => "○",
        None => return "-".into(),
    };
    format!("{marker} {}", r.map(crate::i18n::word).unwrap_or_default())
}

/// A short date-time for tables, in local time (JSON keeps UTC).
pub(crate) fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_else(|| "-".into())
}
