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
    /// Stop trusting a peer. Refused while account files this node may change still grant
    /// it access, unless --unshare or --keep-shares says what to do with them.
    Remove {
        /// The peer's name or node id.
        peer: String,
        /// Also stop sharing every file this node may change with it, in the same step.
        #[arg(long, conflicts_with = "keep_shares")]
        unshare: bool,
        /// Keep the files shared with it (adding the peer again then restores its access).
        #[arg(long)]
        keep_shares: bool,
    },
}
