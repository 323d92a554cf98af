//! Arguments of `casebook peer ...`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum PeerCmd {
    /// Trust the node in a ticket printed by `casebook invite` on the other machine.
    Add {
        /// The ticket (casebook:<node id>@<ip:port>,...).
        ticket: String,
        /// A name for the node, e.g. "Alice (laptop)".
        #[arg(long)]
        name: String,
        /// The adviser who uses that node (groups several nodes under one person).
        #[arg(long, default_value = "")]
        adviser: String,
    },
    /// List trusted peers.
    List,
    /// Stop trusting a peer.
    Remove {
        /// The peer's name or node id.
        peer: String,
    },
}
