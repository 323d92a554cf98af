//! Arguments of `casebook serve`, `casebook sync` and `casebook status`.

use std::net::SocketAddr;

use clap::Args;

/// `casebook serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Where to listen for peers (port 0: any free port). The default, loopback, is reachable
    /// from this machine only: give this machine's address on the network (or 0.0.0.0:7447
    /// for every interface) for other machines to dial it. The address is recorded for
    /// `casebook invite` unless it is 0.0.0.0 / [::].
    #[arg(long, default_value = "127.0.0.1:7447", value_name = "IP:PORT")]
    pub listen: SocketAddr,
    /// Stop after this many seconds (default: run until interrupted).
    #[arg(long = "for", value_name = "SECS")]
    pub for_secs: Option<u64>,
}

/// `casebook sync`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    /// The peer's name or node id (see `casebook peer list`).
    pub peer: String,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub timeout: u64,
}
