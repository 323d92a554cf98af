//! Latency, jitter and loss on the mesh's links.
//!
//! Where the kernel has `sch_netem`, `tc netem` impairs both ends of each veth link, and nodes
//! dial each other's link addresses directly. Where it has not (the qdisc kind is unknown), a
//! userspace relay (`src/bin/udp-impair.rs`) runs in every node's namespace, listening on the
//! node's address on each of its links; peers are given those addresses to dial, and the relay
//! forwards each datagram to the node's `casebook serve` on the namespace's loopback, and the
//! answers back, with the link's delay and loss. Either way a link taken down carries nothing.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, SocketAddrV4};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::mesh::{Mesh, interface};
use super::{Namespace, ip, tc};

/// How long the relay may take to start or to answer a command.
const RELAY_ANSWER_LIMIT: Duration = Duration::from_secs(20);

/// The port every node's relay listens on, on each of its link addresses.
pub const RELAY_PORT: u16 = 7448;

/// How one link is impaired, each way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Impairment {
    /// One-way delay.
    pub delay_ms: u64,
    /// The delay varies uniformly by up to this much either way (so datagrams reorder).
    pub jitter_ms: u64,
    /// The chance that a datagram is lost, in percent.
    pub loss_percent: f64,
}

impl Impairment {
    /// No delay and no loss.
    pub const NONE: Self = Self {
        delay_ms: 0,
        jitter_ms: 0,
        loss_percent: 0.0,
    };
}

/// What applies latency and loss on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// The kernel's `tc netem` qdisc on both ends of each link.
    Netem,
    /// The userspace relay, because this kernel has no `sch_netem`.
    Relay,
}

impl Mechanism {
    /// `tc netem` if the kernel accepts it on a throwaway veth link in a throwaway namespace
    /// (`probe_name`), else the relay.
    ///
    /// # Errors
    /// If the throwaway namespace or link cannot be made.
    pub fn detect(probe_name: &str) -> io::Result<Self> {
        let ns = Namespace::create(probe_name)?;
        ip(&[
            "link",
            "add",
            "netem0",
            "netns",
            ns.name(),
            "type",
            "veth",
            "peer",
            "name",
            "netem1",
            "netns",
            ns.name(),
        ])?;
        let added = tc(&[
            "-n",
            ns.name(),
            "qdisc",
            "add",
            "dev",
            "netem0",
            "root",
            "netem",
            "delay",
            "1ms",
        ]);
        Ok(if added.is_ok() {
            Self::Netem
        } else {
            Self::Relay
        })
    }

    /// What the suite's output says about it.
    pub fn description(self) -> &'static str {
        match self {
            Self::Netem => "tc netem",
            Self::Relay => "userspace relay (this kernel has no sch_netem)",
        }
    }
}

/// One node's running relay (see `src/bin/udp-impair.rs`), killed when dropped.
#[derive(Debug)]
pub struct Relay {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
    links: Vec<SocketAddr>,
}

impl Relay {
    /// Start the relay: `cmd` runs `udp-impair` (inside a node's namespace, or as it is for a
    /// self-test on loopback), listening on `listens` and forwarding to `to`; waits until it
    /// has bound every address.
    ///
    /// # Errors
    /// If it does not start, or does not say it is ready in time.
    pub fn start(
        mut cmd: Command,
        seed: u64,
        to: SocketAddr,
        listens: &[SocketAddr],
    ) -> io::Result<Self> {
        cmd.arg("--seed")
            .arg(seed.to_string())
            .arg("--to")
            .arg(to.to_string())
            .args(listens.iter().map(ToString::to_string))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("the relay's pipes are missing"));
        };
        let (send, answers) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut relay = Self {
            child,
            stdin,
            answers,
            links: Vec::new(),
        };
        let ready = relay.answer()?;
        let Some(bound) = ready.strip_prefix("ready") else {
            return Err(io::Error::other(format!("the relay said '{ready}'")));
        };
        relay.links = bound
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|e| io::Error::other(format!("the relay said '{ready}': {e}")))?;
        Ok(relay)
    }

    /// The addresses the relay listens on, as bound (in the order asked for).
    pub fn links(&self) -> &[SocketAddr] {
        &self.links
    }

    /// The relay's next line, within [`RELAY_ANSWER_LIMIT`].
    fn answer(&mut self) -> io::Result<String> {
        self.answers
            .recv_timeout(RELAY_ANSWER_LIMIT)
            .map_err(|e| io::Error::other(format!("the relay did not answer: {e}")))
    }

    /// Send one command and return the answer.
    fn ask(&mut self, command: &str) -> io::Result<String> {
        writeln!(self.stdin, "{command}")?;
        self.stdin.flush()?;
        self.answer()
    }

    /// Impair the link listening on `link` as `imp`, from now on.
    ///
    /// # Errors
    /// If the relay refuses or does not answer.
    pub fn set(&mut self, link: SocketAddr, imp: Impairment) -> io::Result<()> {
        let answer = self.ask(&format!(
            "set {link} {} {} {}",
            imp.delay_ms, imp.jitter_ms, imp.loss_percent
        ))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(io::Error::other(format!("the relay said '{answer}'")))
        }
    }

    /// Datagrams forwarded and dropped so far.
    ///
    /// # Errors
    /// If the relay does not answer as expected.
    pub fn stats(&mut self) -> io::Result<(u64, u64)> {
        let answer = self.ask("stats")?;
        let mut words = answer.split_whitespace().skip(1).map(str::parse::<u64>);
        match (words.next(), words.next()) {
            (Some(Ok(forwarded)), Some(Ok(dropped))) => Ok((forwarded, dropped)),
            _ => Err(io::Error::other(format!("the relay said '{answer}'"))),
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Applies an [`Impairment`] to a link of the mesh by the machine's [`Mechanism`].
#[derive(Debug)]
pub enum Impairer {
    /// `tc netem` on both ends of each link.
    Netem,
    /// One relay per node, in the node's namespace.
    Relays(Vec<Relay>),
}

impl Impairer {
    /// Get ready to impair `mesh` by `mechanism`: for the relay, start one in every node's
    /// namespace, listening on the node's address on each link at [`RELAY_PORT`] and
    /// forwarding to `127.0.0.1:serve_port` there. Every link starts unimpaired.
    ///
    /// # Errors
    /// If a relay does not start, or a qdisc cannot be set.
    pub fn start(
        mechanism: Mechanism,
        mesh: &Mesh,
        relay_bin: &Path,
        seed: u64,
        serve_port: u16,
    ) -> io::Result<Self> {
        let mut this = match mechanism {
            Mechanism::Netem => Self::Netem,
            Mechanism::Relay => {
                let mut relays = Vec::with_capacity(mesh.len());
                for i in 0..mesh.len() {
                    let listens: Vec<SocketAddr> = (0..mesh.len())
                        .filter(|&j| j != i)
                        .map(|j| SocketAddrV4::new(mesh.addr(i, j), RELAY_PORT).into())
                        .collect();
                    let to = SocketAddrV4::new([127, 0, 0, 1].into(), serve_port).into();
                    relays.push(Relay::start(
                        mesh.namespace(i).command(relay_bin),
                        seed.wrapping_add(i as u64),
                        to,
                        &listens,
                    )?);
                }
                Self::Relays(relays)
            }
        };
        for (a, b) in mesh.links() {
            this.set(mesh, a, b, Impairment::NONE)?;
        }
        Ok(this)
    }

    /// Where node `from` dials node `to`: `to`'s address on their link, at the port of
    /// `to`'s relay, or of its `casebook serve` (`serve_port`) where netem impairs the link.
    pub fn dial_addr(&self, mesh: &Mesh, from: usize, to: usize, serve_port: u16) -> SocketAddr {
        let port = match self {
            Self::Netem => serve_port,
            Self::Relays(_) => RELAY_PORT,
        };
        SocketAddrV4::new(mesh.addr(to, from), port).into()
    }

    /// Impair the link between `i` and `j`, both ways, as `imp` from now on.
    ///
    /// # Errors
    /// If `tc` fails or a relay does not answer.
    pub fn set(&mut self, mesh: &Mesh, i: usize, j: usize, imp: Impairment) -> io::Result<()> {
        match self {
            Self::Netem => {
                let delay = format!("{}ms", imp.delay_ms);
                let jitter = format!("{}ms", imp.jitter_ms);
                let loss = format!("{}%", imp.loss_percent);
                for (of, toward) in [(i, j), (j, i)] {
                    tc(&[
                        "-n",
                        mesh.namespace(of).name(),
                        "qdisc",
                        "replace",
                        "dev",
                        &interface(toward),
                        "root",
                        "netem",
                        "delay",
                        &delay,
                        &jitter,
                        "loss",
                        &loss,
                    ])?;
                }
                Ok(())
            }
            Self::Relays(relays) => {
                // Each end's relay carries the connections dialled to that end.
                for (of, toward) in [(i, j), (j, i)] {
                    let link = SocketAddrV4::new(mesh.addr(of, toward), RELAY_PORT).into();
                    relays[of].set(link, imp)?;
                }
                Ok(())
            }
        }
    }

    /// Datagrams the relays forwarded and dropped so far (`None` with netem, which counts
    /// nothing for the suite).
    ///
    /// # Errors
    /// If a relay does not answer.
    pub fn relayed(&mut self) -> io::Result<Option<(u64, u64)>> {
        match self {
            Self::Netem => Ok(None),
            Self::Relays(relays) => {
                let (mut forwarded, mut dropped) = (0, 0);
                for r in relays {
                    let (f, d) = r.stats()?;
                    forwarded += f;
                    dropped += d;
                }
                Ok(Some((forwarded, dropped)))
            }
        }
    }
}
