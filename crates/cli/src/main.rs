//! `casebook`: the command-line tool for business advisers' account files.
//!
//! Thin glue over the `casebook` library: parse arguments, open the node, call one library
//! function, print a table for people or JSON for scripts. Errors go to stderr with a non-zero
//! exit code.

mod args;
mod cmd;
mod errors;
mod help;
mod i18n;
mod output;
mod progress;
mod terminal;
mod usage_errors;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    // A malformed file or peer message that makes Automerge panic is reported as an error by
    // the guard; its panic message would only add noise.
    casebook::guard::quiet_hook();
    // The language is known before parsing, so that help and usage errors speak it too.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = i18n::choose(&argv, |var| std::env::var(var).ok());
    i18n::set(lang);
    let matches = match help::localise(args::Cli::command(), lang).try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => match usage_errors::explain(&e, lang) {
            Some(text) => {
                eprint!("{text}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    let cli = match args::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (e.g. `casebook history X | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("{}: {}", i18n::t("ui-error"), errors::render(&err));
            ExitCode::from(1)
        }
    }
}
