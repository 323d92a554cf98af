//! Arguments of `casebook org ...`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum OrgCmd {
    /// Show this node's organisation: its name, id, settings version, administrators and
    /// members.
    Show,
    /// Start a new organisation with this node as its administrator, and make it this node's.
    Create {
        /// Its name, e.g. "Business Wales North".
        #[arg(long)]
        name: String,
    },
    /// Make a peer (or every node of an adviser) a member of this node's organisation, or with
    /// --admin an administrator, who may change its settings and members. Administrators only.
    Add {
        /// The peer's name or node id, or an adviser's name (see `casebook peer list`).
        peer: String,
        /// Make it an administrator instead of a member.
        #[arg(long)]
        admin: bool,
    },
    /// Take a peer (or every node of an adviser) out of this node's organisation.
    /// Administrators only.
    Remove {
        /// The peer's name or node id, or an adviser's name.
        peer: String,
    },
    /// Make organisation ORG (its id, from `casebook org show` on an administrator's node)
    /// this node's. Its document must be here: an administrator adds this node with `casebook
    /// org add`, then this node syncs with them.
    Join {
        /// The organisation's id.
        org: String,
    },
}
