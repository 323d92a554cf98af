//! The child processes: this binary re-executes itself in a mode (the receiving side of a
//! sync, a read-back, or nothing) and reports one `child key=value ...` line.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::time::Duration;

use casebook_bench_data::{BoxResult, env_usize};

/// The receiving node's (or repo's) directory, for a child.
pub(crate) const CHILD_DIR_ENV: &str = "CASEBOOK_BENCH_DIR";
/// The serving side's address, for a child.
pub(crate) const CHILD_ADDR_ENV: &str = "CASEBOOK_BENCH_ADDR";
/// The file of expected heads, for a samod child.
pub(crate) const CHILD_EXPECT_ENV: &str = "CASEBOOK_BENCH_EXPECT";
/// Seconds without progress after which a sync is reported as stuck.
pub(crate) const STALL_ENV: &str = "CASEBOOK_BENCH_STALL";

/// How long a sync may go without progress before it is reported as stuck (default 300 s;
/// casebook's sync benchmark uses 60).
pub(crate) fn stall() -> Duration {
    Duration::from_secs(env_usize(STALL_ENV, 300) as u64)
}

/// What a child process reported: its `key=value` fields and how long the process ran.
#[derive(Debug, Default)]
pub(crate) struct ChildReport {
    pub(crate) fields: BTreeMap<String, String>,
    pub(crate) process: Duration,
}

impl ChildReport {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    pub(crate) fn u64(&self, key: &str) -> u64 {
        self.get(key).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    pub(crate) fn millis(&self, key: &str) -> Option<Duration> {
        self.get(key)
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|m| m.is_finite() && *m >= 0.0)
            .map(|m| Duration::from_secs_f64(m / 1e3))
    }
}

/// Re-execute this binary in `mode` with `envs`, and parse its `child key=value ...` line
/// (values without spaces; the last field `stats=` may hold spaces).
pub(crate) fn run_child(mode: &str, envs: &[(&str, OsString)]) -> BoxResult<ChildReport> {
    let child = casebook_bench_data::run_child(mode, envs)?;
    let line = child.line.as_str();
    let mut r = ChildReport {
        process: child.process,
        ..ChildReport::default()
    };
    let (head, stats) = match line.split_once(" stats=") {
        Some((h, s)) => (h, Some(s.trim().to_string())),
        None => (line, None),
    };
    for field in head.split_whitespace().skip(1) {
        if let Some((k, v)) = field.split_once('=') {
            r.fields.insert(k.to_string(), v.to_string());
        }
    }
    if let Some(s) = stats {
        r.fields.insert("stats".into(), s);
    }
    Ok(r)
}
