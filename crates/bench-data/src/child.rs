//! Child processes: a benchmark re-executes its own binary in a named mode, so that the
//! receiving side of a sync runs (and has its peak RSS measured) in a process of its own, and
//! reads back the one `child key=value ...` line the child prints.
//!
//! Only the running and the finding of that line are shared; each benchmark parses the fields
//! itself.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::BoxResult;

/// The environment variable that puts a benchmark binary into a child mode (its value names
/// the mode); [`run_child`] sets it, the binary's `main` reads it first.
pub const CHILD_ENV: &str = "CASEBOOK_BENCH_CHILD";

/// What a child process printed as its report, and how long the process ran.
#[derive(Debug, Clone)]
pub struct ChildLine {
    /// The first line of its standard output that starts with `child `.
    pub line: String,
    /// Wall time from spawning the process to its exit.
    pub process: Duration,
}

/// Re-execute this binary with [`CHILD_ENV`] set to `mode` and every pair of `envs` set, wait
/// for it (its standard error goes to ours), and return its `child ...` report line.
///
/// # Errors
/// If the binary cannot be run, exits unsuccessfully (the error holds its standard output,
/// where a child prints why it failed) or prints no report line.
pub fn run_child(mode: &str, envs: &[(&str, OsString)]) -> BoxResult<ChildLine> {
    let exe = std::env::current_exe()?;
    let started = Instant::now();
    let mut cmd = Command::new(exe);
    cmd.env(CHILD_ENV, mode);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let output = cmd.stderr(Stdio::inherit()).output()?;
    let process = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "child '{mode}' exited with {}: {}",
            output.status,
            stdout.trim()
        )
        .into());
    }
    let line = stdout
        .lines()
        .find(|l| l.starts_with("child "))
        .ok_or_else(|| format!("child '{mode}' printed no report: {}", stdout.trim()))?;
    Ok(ChildLine {
        line: line.to_string(),
        process,
    })
}
