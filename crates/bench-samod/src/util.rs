//! Measuring and printing: peak RSS from `/proc/self/status`, child processes that report one
//! `child key=value ...` line, durations, sizes and the markdown tables.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::data::BoxResult;

/// Which child mode this process runs in (the binary re-executes itself).
pub(crate) const CHILD_ENV: &str = "CASEBOOK_BENCH_CHILD";
/// The receiving node's (or repo's) directory, for a child.
pub(crate) const CHILD_DIR_ENV: &str = "CASEBOOK_BENCH_DIR";
/// The serving side's address, for a child.
pub(crate) const CHILD_ADDR_ENV: &str = "CASEBOOK_BENCH_ADDR";
/// The file of expected heads, for a samod child.
pub(crate) const CHILD_EXPECT_ENV: &str = "CASEBOOK_BENCH_EXPECT";
/// Seconds without progress after which a sync is reported as stuck.
pub(crate) const STALL_ENV: &str = "CASEBOOK_BENCH_STALL";

pub(crate) fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => match v.trim().replace('_', "").parse() {
            Ok(n) => n,
            Err(_) => {
                println!("warning: {name}={v} is not a number; using {default}");
                default
            }
        },
        Err(_) => default,
    }
}

pub(crate) fn stall() -> Duration {
    Duration::from_secs(env_usize(STALL_ENV, 300) as u64)
}

/// Peak resident set size of this process in KiB (0 where `/proc` is unavailable).
pub(crate) fn vm_hwm_kb() -> u64 {
    proc_status_kb("VmHWM:")
}

/// Resident set size of this process now, in KiB.
pub(crate) fn vm_rss_kb() -> u64 {
    proc_status_kb("VmRSS:")
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Reset this process's peak RSS to its current RSS (Linux `clear_refs` 5); false if it
/// cannot.
pub(crate) fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub(crate) fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

pub(crate) fn fmt_dur(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

pub(crate) fn fmt_bytes(b: u64) -> String {
    if b < 1024 * 1024 {
        format!("{:.1} KiB", b as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
    }
}

pub(crate) fn fmt_kb(kb: u64) -> String {
    format!("{:.1} MiB", kb as f64 / 1024.0)
}

/// `a ÷ b` as `N.NN×`, or `n/a`.
pub(crate) fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 || !a.is_finite() || !b.is_finite() {
        return "n/a".into();
    }
    let r = a / b;
    if r >= 100.0 {
        format!("{r:.0}×")
    } else if r >= 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.2}×")
    }
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
    let exe = std::env::current_exe()?;
    let started = Instant::now();
    let mut cmd = Command::new(exe);
    cmd.env(CHILD_ENV, mode);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let output = cmd.stderr(std::process::Stdio::inherit()).output()?;
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
    let mut r = ChildReport {
        process,
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

/// The detail table: rows grouped by section in the order added.
#[derive(Debug, Default)]
pub(crate) struct Table {
    rows: Vec<(String, String, String)>,
    groups: BTreeMap<String, usize>,
}

impl Table {
    pub(crate) fn row(&mut self, group: &str, what: &str, value: impl Into<String>) {
        let order = self.groups.len();
        self.groups.entry(group.to_string()).or_insert(order);
        self.rows
            .push((group.to_string(), what.to_string(), value.into()));
    }

    pub(crate) fn print(&self) {
        let mut rows: Vec<&(String, String, String)> = self.rows.iter().collect();
        rows.sort_by_key(|r| self.groups.get(&r.0).copied().unwrap_or(usize::MAX));
        println!("| section | figure | value |");
        println!("|---|---|---|");
        let mut last = "";
        for (group, what, value) in rows {
            let shown = if group == last { "" } else { group.as_str() };
            last = group;
            println!("| {shown} | {what} | {} |", value.replace('|', "\\|"));
        }
    }
}

/// One figure measured for both engines.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Measure {
    Time(Duration),
    Bytes(u64),
    Kib(u64),
}

impl Measure {
    fn value(self) -> f64 {
        match self {
            Self::Time(d) => d.as_secs_f64(),
            Self::Bytes(b) => b as f64,
            Self::Kib(k) => k as f64,
        }
    }

    fn show(self) -> String {
        match self {
            Self::Time(d) => fmt_dur(d),
            Self::Bytes(b) => format!("{} ({b} B)", fmt_bytes(b)),
            Self::Kib(k) => fmt_kb(k),
        }
    }
}

/// The comparison table: one row per figure, casebook, samod and samod ÷ casebook.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    rows: Vec<(String, Option<Measure>, Option<Measure>)>,
}

impl Comparison {
    pub(crate) fn row(&mut self, figure: &str, casebook: Option<Measure>, samod: Option<Measure>) {
        self.rows.push((figure.to_string(), casebook, samod));
    }

    pub(crate) fn print(&self) {
        println!("| figure | casebook | samod | samod ÷ casebook |");
        println!("|---|---|---|---|");
        for (figure, c, s) in &self.rows {
            let show = |m: &Option<Measure>| m.map_or("failed".to_string(), |m| m.show());
            let r = match (c, s) {
                (Some(c), Some(s)) => ratio(s.value(), c.value()),
                _ => "n/a".into(),
            };
            println!("| {figure} | {} | {} | {r} |", show(c), show(s));
        }
    }
}
