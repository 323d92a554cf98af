//! What the load suite's serving process (`load-server`) says on stdout, one line each, and the
//! command it reads on stdin. Both sides use this module, so they cannot drift apart.
//!
//! An `ack` line is printed only after the write's commit has returned: the parent counts a
//! write as acknowledged when it reads the line, exactly as the kill -9 suite does.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use casebook::FileId;
use casebook::automerge::ChangeHash;

/// The command (a line on the child's stdin) that stops the adviser's writes. Closing stdin
/// ends the process.
pub const STOP: &str = "stop";

/// One line of the serving process's stdout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Report {
    /// Serving on this address.
    Listening(SocketAddr),
    /// A write committed: its file, its change, how long the call took (call to return) and
    /// how much of that the writing thread spent on a CPU and waiting for one (the rest it was
    /// blocked: on the store's write lock, the disk).
    Ack {
        /// The file written.
        file: FileId,
        /// The change the write made.
        change: ChangeHash,
        /// From the call of `Node::apply` until it returned.
        latency: Duration,
        /// Of which on a CPU.
        on_cpu: Duration,
        /// Of which runnable, waiting for a CPU.
        waiting_for_cpu: Duration,
    },
    /// A write returned an error (the adviser stops writing).
    WriteFailed(String),
    /// A sync session ended with an error.
    SessionFailed(String),
    /// The adviser stopped writing after this many acknowledged writes.
    Stopped {
        /// Writes acknowledged in all.
        writes: u64,
    },
    /// A file's heads once the writes stopped.
    Heads {
        /// The file.
        file: FileId,
        /// Its heads.
        heads: Vec<ChangeHash>,
    },
    /// Every file's heads have been reported.
    End,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Listening(addr) => write!(f, "addr {addr}"),
            Self::Ack {
                file,
                change,
                latency,
                on_cpu,
                waiting_for_cpu,
            } => write!(
                f,
                "ack {file} {change} {} {} {}",
                latency.as_micros(),
                on_cpu.as_micros(),
                waiting_for_cpu.as_micros()
            ),
            // Reasons go last, with newlines flattened, so a line is always one report.
            Self::WriteFailed(why) => write!(f, "write-failed {}", one_line(why)),
            Self::SessionFailed(why) => write!(f, "session-failed {}", one_line(why)),
            Self::Stopped { writes } => write!(f, "stopped {writes}"),
            Self::Heads { file, heads } => {
                let heads: Vec<String> = heads.iter().map(ToString::to_string).collect();
                write!(f, "heads {file} {}", heads.join(","))
            }
            Self::End => write!(f, "end"),
        }
    }
}

impl Report {
    /// Parse one line; `None` for anything else (a line cut short when the process died).
    pub fn parse(line: &str) -> Option<Self> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        Some(match word {
            "addr" => Self::Listening(rest.parse().ok()?),
            "ack" => {
                let mut parts = rest.split(' ');
                let file = parts.next()?.parse().ok()?;
                let change = parts.next()?.parse().ok()?;
                let mut micros = || parts.next()?.parse().ok().map(Duration::from_micros);
                Self::Ack {
                    file,
                    change,
                    latency: micros()?,
                    on_cpu: micros()?,
                    waiting_for_cpu: micros()?,
                }
            }
            "write-failed" => Self::WriteFailed(rest.to_string()),
            "session-failed" => Self::SessionFailed(rest.to_string()),
            "stopped" => Self::Stopped {
                writes: rest.parse().ok()?,
            },
            "heads" => {
                let (file, heads) = rest.split_once(' ').unwrap_or((rest, ""));
                let heads = heads
                    .split(',')
                    .filter(|h| !h.is_empty())
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .ok()?;
                Self::Heads {
                    file: file.parse().ok()?,
                    heads,
                }
            }
            "end" => Self::End,
            _ => return None,
        })
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_reads_back_as_written() {
        let file = FileId::new();
        let change = ChangeHash([7; 32]);
        let reports = [
            Report::Listening("127.0.0.1:4321".parse().expect("addr")),
            Report::Ack {
                file,
                change,
                latency: Duration::from_micros(3_141),
                on_cpu: Duration::from_micros(2_000),
                waiting_for_cpu: Duration::from_micros(500),
            },
            Report::WriteFailed("disk full".into()),
            Report::SessionFailed("peer went\naway".into()),
            Report::Stopped { writes: 1_234 },
            Report::Heads {
                file,
                heads: vec![change, ChangeHash([9; 32])],
            },
            Report::Heads {
                file,
                heads: vec![],
            },
            Report::End,
        ];
        for r in reports {
            let line = r.to_string();
            assert!(!line.contains('\n'), "{line}");
            let back = Report::parse(&line).expect("parses");
            match (&r, &back) {
                (Report::SessionFailed(_), Report::SessionFailed(why)) => {
                    assert_eq!(why, "peer went away");
                }
                _ => assert_eq!(back, r, "{line}"),
            }
        }
        assert_eq!(Report::parse("ack torn"), None);
        assert_eq!(Report::parse(""), None);
    }
}
