//! Linux network namespaces for the real-network suite (`tests/network.rs`): real `casebook
//! serve` processes, each in a namespace of its own, joined by veth links made with iproute2.
//!
//! - this module: running `ip` and `tc`, a namespace that is deleted when dropped, whether
//!   namespaces can be made here at all, and removing namespaces a killed run left behind;
//! - [`mesh`]: a full mesh of veth links between the nodes' namespaces, each link taken down
//!   and up on its own (partitions);
//! - [`impair`]: latency and loss on the links, by `tc netem` where the kernel has it, else by
//!   a userspace UDP relay (`src/bin/udp-impair.rs`);
//! - [`node`]: running the casebook binary for one node, with a time limit, and `casebook serve`
//!   inside the node's namespace.

pub mod impair;
pub mod mesh;
pub mod node;

use std::io;
use std::process::Command;

/// The prefix of every namespace this suite creates: `cbnet-<process id>-<run>-...`.
pub const PREFIX: &str = "cbnet";

/// Run `program args...`; an error (with its stderr) if it cannot start or fails.
fn run(program: &str, args: &[&str]) -> io::Result<String> {
    let out = Command::new(program).args(args).output()?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(io::Error::other(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// Run `ip args...` (iproute2).
///
/// # Errors
/// If `ip` is missing or the command fails; the message holds its stderr.
pub fn ip(args: &[&str]) -> io::Result<String> {
    run("ip", args)
}

/// Run `tc args...` (iproute2's traffic control).
///
/// # Errors
/// If `tc` is missing or the command fails; the message holds its stderr.
pub fn tc(args: &[&str]) -> io::Result<String> {
    run("tc", args)
}

/// A network namespace, deleted (with every link inside it) when dropped. Processes still
/// running inside it keep it alive, so kill them first.
#[derive(Debug)]
pub struct Namespace {
    name: String,
}

impl Namespace {
    /// Create the namespace `name` and bring its loopback interface up.
    ///
    /// # Errors
    /// If `ip netns add` fails (not root, no iproute2, the name is taken).
    pub fn create(name: &str) -> io::Result<Self> {
        ip(&["netns", "add", name])?;
        let ns = Self {
            name: name.to_string(),
        };
        ip(&["-n", name, "link", "set", "lo", "up"])?;
        Ok(ns)
    }

    /// The namespace's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A command that runs `program` inside this namespace (`ip netns exec NAME program`;
    /// `ip` replaces itself with the program, so the child's id is the program's).
    pub fn command(&self, program: &std::path::Path) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.name]).arg(program);
        cmd
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        // Best effort: a failure here leaves a namespace that `sweep_leftovers` removes on a
        // later run.
        let _ = ip(&["netns", "delete", &self.name]);
    }
}

/// Why network namespaces cannot be used on this machine, or `None` if they can: the suite
/// needs root, iproute2, and a kernel that lets it create a namespace and a veth pair into it.
pub fn unavailable() -> Option<String> {
    match effective_uid() {
        Some(0) => {}
        Some(uid) => return Some(format!("not root (effective uid {uid})")),
        None => return Some("cannot read the effective uid from /proc/self/status".into()),
    }
    if let Err(e) = ip(&["-V"]) {
        return Some(format!("iproute2's `ip` is not usable: {e}"));
    }
    let name = format!("{PREFIX}-{}-probe", std::process::id());
    let ns = match Namespace::create(&name) {
        Ok(ns) => ns,
        Err(e) => return Some(format!("cannot create a network namespace: {e}")),
    };
    if let Err(e) = ip(&[
        "link",
        "add",
        "probe0",
        "netns",
        ns.name(),
        "type",
        "veth",
        "peer",
        "name",
        "probe1",
        "netns",
        ns.name(),
    ]) {
        return Some(format!("cannot create a veth pair: {e}"));
    }
    None
}

/// The effective uid of this process, from `/proc/self/status`.
fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    // Real, effective, saved, filesystem.
    line.split_whitespace().nth(2)?.parse().ok()
}

/// Delete namespaces of this suite (`cbnet-<pid>-...`) whose process is gone: a run killed
/// before its guards ran leaves them behind. Returns how many were deleted.
pub fn sweep_leftovers() -> usize {
    let Ok(list) = ip(&["netns", "list"]) else {
        return 0;
    };
    let mut deleted = 0;
    for name in list.lines().filter_map(|l| l.split_whitespace().next()) {
        let Some(rest) = name.strip_prefix(PREFIX).and_then(|r| r.strip_prefix('-')) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let alive = std::path::Path::new(&format!("/proc/{pid}")).exists();
        if !alive && ip(&["netns", "delete", name]).is_ok() {
            deleted += 1;
        }
    }
    deleted
}
