//! What Linux reports about a process in `/proc/<pid>`: its memory (`status`: resident set
//! `VmRSS` and its peak since the process started, `VmHWM`), the CPU time it has used (`stat`),
//! and a sampler that records `VmRSS` over time.
//!
//! The serving node runs in its own process so that these figures are its own: the peers, the
//! test harness and their allocations live elsewhere.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One reading of a process's memory, in KiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Resident set now (`VmRSS`).
    pub rss_kib: u64,
    /// Highest resident set so far (`VmHWM`).
    pub peak_kib: u64,
}

/// Read process `pid`'s memory; `None` if it has gone or `/proc` is not there.
pub fn read(pid: u32) -> Option<Reading> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some(Reading {
        rss_kib: field_kib(&status, "VmRSS:")?,
        peak_kib: field_kib(&status, "VmHWM:")?,
    })
}

/// The value of a `Name:   1234 kB` line of a `/proc/<pid>/status` text.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// The CPU time (user and system, every thread) process `pid` has used; `None` if it has gone.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    cpu_of_stat(&stat)
}

/// `utime + stime` of a `/proc/<pid>/stat` line. Those fields count USER_HZ ticks, which Linux
/// fixes at 100 a second for every user-space interface whatever the kernel's own tick.
fn cpu_of_stat(stat: &str) -> Option<Duration> {
    const USER_HZ: u64 = 100;
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 1_000 / USER_HZ))
}

/// Where the calling thread's time went, as the scheduler counts it
/// (`/proc/thread-self/schedstat`): running on a CPU, and runnable but waiting for one. Time in
/// neither was spent blocked (on a lock, the disk, a sleep).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadTimes {
    /// Time on a CPU.
    pub on_cpu: Duration,
    /// Time runnable, waiting for a CPU.
    pub waiting_for_cpu: Duration,
}

impl ThreadTimes {
    /// The calling thread's times so far; `None` where the kernel does not report them.
    pub fn now() -> Option<Self> {
        let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let mut fields = text.split_whitespace().map(str::parse::<u64>);
        Some(Self {
            on_cpu: Duration::from_nanos(fields.next()?.ok()?),
            waiting_for_cpu: Duration::from_nanos(fields.next()?.ok()?),
        })
    }

    /// The times spent since `earlier`.
    pub fn since(self, earlier: Self) -> Self {
        Self {
            on_cpu: self.on_cpu.saturating_sub(earlier.on_cpu),
            waiting_for_cpu: self.waiting_for_cpu.saturating_sub(earlier.waiting_for_cpu),
        }
    }
}

/// The machine's load average over the last minute (`/proc/loadavg`), for reports.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// KiB as MiB with no decimals: "140 MiB".
pub fn mib(kib: u64) -> String {
    format!("{} MiB", crate::report::thousands((kib + 512) / 1024))
}

/// Records a process's resident set at a fixed interval on a thread of its own, so that the
/// figures show how memory moved, not only its peak.
#[derive(Debug)]
pub struct Sampler {
    stop: Arc<AtomicBool>,
    samples: Arc<Mutex<Vec<(Duration, u64)>>>,
    thread: Option<JoinHandle<()>>,
}

impl Sampler {
    /// Start sampling process `pid` every `every`.
    pub fn start(pid: u32, every: Duration) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let samples = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (stop, samples) = (Arc::clone(&stop), Arc::clone(&samples));
            std::thread::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let Some(r) = read(pid) else { break };
                    if let Ok(mut s) = samples.lock() {
                        s.push((started.elapsed(), r.rss_kib));
                    }
                    std::thread::sleep(every);
                }
            })
        };
        Self {
            stop,
            samples,
            thread: Some(thread),
        }
    }

    /// Every sample so far: (time since the start, `VmRSS` in KiB).
    pub fn samples(&self) -> Vec<(Duration, u64)> {
        self.samples.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stop sampling and return every sample.
    pub fn stop(mut self) -> Vec<(Duration, u64)> {
        self.halt();
        self.samples()
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.halt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_memory_and_a_peak_at_least_as_high() {
        let r = read(std::process::id()).expect("/proc is readable on Linux");
        assert!(r.rss_kib > 0);
        assert!(r.peak_kib >= r.rss_kib);
        assert_eq!(
            field_kib("VmHWM:\t  2048 kB\nVmRSS:\t 1024 kB\n", "VmRSS:"),
            Some(1024)
        );
        assert_eq!(mib(140 * 1024), "140 MiB");
    }

    #[test]
    fn a_thread_sees_its_own_cpu_time_grow() {
        // Spin until the scheduler has counted 5 ms on a CPU: on a busy machine that may take
        // far longer than 5 ms of wall time, so the bound is generous.
        let before = ThreadTimes::now().expect("schedstat is readable on Linux");
        let spin = Instant::now();
        let mut spent = ThreadTimes::default();
        while spent.on_cpu < Duration::from_millis(5) && spin.elapsed() < Duration::from_secs(10) {
            spent = ThreadTimes::now().expect("schedstat").since(before);
        }
        assert!(spent.on_cpu >= Duration::from_millis(5), "{spent:?}");
        assert!(load_average().expect("loadavg") >= 0.0);
    }

    #[test]
    fn cpu_time_counts_user_and_system_ticks() {
        let line = "42 (a (b) c) S 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 1 0";
        assert_eq!(cpu_of_stat(line), Some(Duration::from_millis(3_250)));
        // Ticks are 10 ms: spin until this process has used at least one.
        let spin = Instant::now();
        let mut used = Duration::ZERO;
        while used == Duration::ZERO && spin.elapsed() < Duration::from_secs(10) {
            used = cpu_time(std::process::id()).expect("/proc is readable");
        }
        assert!(used > Duration::ZERO);
    }

    #[test]
    fn the_sampler_records_until_stopped() {
        let s = Sampler::start(std::process::id(), Duration::from_millis(5));
        let started = Instant::now();
        while s.samples().len() < 2 && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let samples = s.stop();
        assert!(samples.len() >= 2, "{samples:?}");
        assert!(samples.iter().all(|&(_, kib)| kib > 0));
    }
}
