//! How fast the disk under the stores makes a small write durable while the suite runs: a
//! probe that writes 4 KiB to a file of its own and fsyncs it at a fixed interval, timing each.
//!
//! Every durable commit of casebook ends in an fsync, so when the machine's disk is busy (other
//! builds, other tests) every write waits for it; these figures let a reader tell a slow disk
//! from a write that waited behind casebook's own work.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Times an fsync of a small write, again and again, on a thread of its own.
#[derive(Debug)]
pub struct FsyncProbe {
    stop: Arc<AtomicBool>,
    timings: Arc<Mutex<Vec<Duration>>>,
    thread: Option<JoinHandle<()>>,
}

impl FsyncProbe {
    /// Start probing with a file in directory `dir` (on the disk to watch), every `every`.
    ///
    /// # Errors
    /// If the probe's file cannot be created.
    pub fn start(dir: &Path, every: Duration) -> std::io::Result<Self> {
        let mut file = std::fs::File::create(dir.join("fsync-probe"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let timings = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (stop, timings) = (Arc::clone(&stop), Arc::clone(&timings));
            std::thread::spawn(move || {
                let block = [0x5au8; 4096];
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    if file
                        .write_all(&block)
                        .and_then(|()| file.sync_data())
                        .is_err()
                    {
                        break;
                    }
                    if let Ok(mut t) = timings.lock() {
                        t.push(started.elapsed());
                    }
                    std::thread::sleep(every);
                }
            })
        };
        Ok(Self {
            stop,
            timings,
            thread: Some(thread),
        })
    }

    /// How long each fsync so far took.
    pub fn timings(&self) -> Vec<Duration> {
        self.timings.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Stop probing and return how long each fsync took.
    pub fn stop(mut self) -> Vec<Duration> {
        self.halt();
        self.timings()
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for FsyncProbe {
    fn drop(&mut self) {
        self.halt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_times_fsyncs_until_stopped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let probe = FsyncProbe::start(dir.path(), Duration::from_millis(5)).expect("probe");
        // A busy disk may take a while over its first fsync: wait for it, boundedly.
        let started = Instant::now();
        while probe.timings().is_empty() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let timings = probe.stop();
        assert!(!timings.is_empty());
        assert!(
            dir.path()
                .join("fsync-probe")
                .metadata()
                .expect("file")
                .len()
                >= 4096
        );
    }
}
