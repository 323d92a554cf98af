//! Running the real casebook binary for one node of the real-network suite: one-off commands
//! (with a time limit, so a hang fails instead of stalling the suite) against the node's data
//! directory, and `casebook serve` inside the node's namespace.
//!
//! One-off commands run outside the namespaces: they touch only the store (never the network),
//! and `casebook serve` keeps the store open for other processes to write at the same time.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::Namespace;

/// What one command did.
#[derive(Debug)]
pub struct Ran {
    /// Whether it exited with code 0 (the change, if any, is committed and acknowledged).
    pub ok: bool,
    /// Whether it was killed for running past its time limit.
    pub timed_out: bool,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
}

impl Ran {
    /// The output parsed as JSON (`--json`), if it exited with 0 and parses.
    pub fn json(&self) -> Option<Value> {
        if self.ok {
            serde_json::from_str(&self.stdout).ok()
        } else {
            None
        }
    }
}

/// A child process that is killed (by its id) and reaped when dropped.
#[derive(Debug)]
pub struct Running {
    child: Child,
}

impl Running {
    /// Whether it has exited already.
    pub fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One node: the casebook binary and the node's data directory.
#[derive(Clone, Debug)]
pub struct Casebook {
    bin: PathBuf,
    dir: PathBuf,
}

impl Casebook {
    /// The node whose data directory is `dir`, run by the casebook binary `bin`.
    pub fn new(bin: &Path, dir: &Path) -> Self {
        Self {
            bin: bin.to_path_buf(),
            dir: dir.to_path_buf(),
        }
    }

    /// The node's data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn command(&self, mut cmd: Command) -> Command {
        cmd.env_remove("CASEBOOK_DIR")
            .arg("--data-dir")
            .arg(&self.dir);
        cmd
    }

    /// Run `casebook --data-dir DIR --json ARGS...`, killed after `limit`.
    ///
    /// # Errors
    /// If the binary cannot be started.
    pub fn run(&self, args: &[&str], limit: Duration) -> io::Result<Ran> {
        let mut cmd = self.command(Command::new(&self.bin));
        cmd.arg("--json")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn()?;
        let out = child.stdout.take().map(read_on_thread);
        let err = child.stderr.take().map(read_on_thread);
        let deadline = Instant::now() + limit;
        let mut timed_out = false;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            if Instant::now() >= deadline {
                timed_out = true;
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let collect = |h: Option<std::thread::JoinHandle<String>>| {
            h.and_then(|h| h.join().ok()).unwrap_or_default()
        };
        Ok(Ran {
            ok: status.is_some_and(|s| s.success()),
            timed_out,
            stdout: collect(out),
            stderr: collect(err),
        })
    }

    /// Start `casebook --json serve --listen LISTEN --for SECS` inside `ns`, its output (one
    /// JSON object per event, with its UTC time) written to `log`. `for_secs` bounds its life
    /// should this process die without killing it.
    ///
    /// # Errors
    /// If it cannot be started.
    pub fn serve(
        &self,
        ns: &Namespace,
        listen: std::net::SocketAddr,
        for_secs: u64,
        log: File,
    ) -> io::Result<Running> {
        let mut cmd = self.command(ns.command(&self.bin));
        let err = log.try_clone()?;
        cmd.arg("--json")
            .arg("serve")
            .arg("--listen")
            .arg(listen.to_string())
            .arg("--for")
            .arg(for_secs.to_string())
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err);
        Ok(Running {
            child: cmd.spawn()?,
        })
    }
}

/// Read a pipe to its end on a thread of its own (so a full pipe never blocks the child).
fn read_on_thread(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    })
}
