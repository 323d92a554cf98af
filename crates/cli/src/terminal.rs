//! What the terminal allows: how wide a table may be, and whether ANSI escapes (colours,
//! spinners) may be written.
//!
//! Why here, once: a table wider than the terminal wraps into an unreadable mess, and
//! `NO_COLOR` (<https://no-color.org>) must hold for every escape casebook writes, not only
//! for the command someone remembered.

use std::io::IsTerminal;

/// The width tables fit when the terminal's is unknown (output to a pipe or a file).
const DEFAULT_WIDTH: u16 = 80;

/// The narrowest width honoured: below this a table cannot show a column per field.
const MIN_WIDTH: u16 = 20;

/// Whether `NO_COLOR` is set to something (an empty value does not count, as no-color.org
/// says).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether `CLICOLOR_FORCE` asks for colour even when stdout is not a terminal.
fn colour_forced() -> bool {
    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether stdout may carry colour: a terminal (or `CLICOLOR_FORCE`), and no `NO_COLOR`.
pub(crate) fn colour() -> bool {
    !no_color() && (std::io::stdout().is_terminal() || colour_forced())
}

/// Whether stderr may carry a spinner (which redraws its line with escapes): a terminal,
/// and no `NO_COLOR`.
pub(crate) fn animate() -> bool {
    !no_color() && std::io::stderr().is_terminal()
}

/// The width a table fits when the terminal does not say: `COLUMNS` if it is a number, else
/// 80.
pub(crate) fn fallback_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .map_or(DEFAULT_WIDTH, |w| w.max(MIN_WIDTH))
}
