//! `casebook`: the command-line tool for business advisers' account files.
//!
//! Thin glue over the `casebook` library: parse arguments, open the node, call one library
//! function, print a table for people or JSON for scripts. Errors go to stderr with a non-zero
//! exit code.

mod args;
mod cmd;
mod output;
mod progress;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A malformed file or peer message that makes Automerge panic is reported as an error by
    // the guard; its panic message would only add noise.
    casebook::guard::quiet_hook();
    let cli = args::Cli::parse();
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
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}
