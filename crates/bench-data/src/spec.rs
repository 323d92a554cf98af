//! What the generated account files hold and how they are stored.

use casebook::{Node, NodeId, OrgConfig};
use chrono::{DateTime, Utc};

use crate::records::LEADS;

/// People in each file of [`Spec::shared`].
pub const SHARED_PEOPLE: usize = 5;

/// What every generated account file is made of. File number `n` of a spec is always the same
/// client with the same people and interactions (see [`crate::build_docs`]).
#[derive(Clone, Debug)]
pub struct Spec {
    /// The node that owns and writes the files: every change is made with its actor.
    pub owner: NodeId,
    /// The adviser named in every edit (the owner node's adviser).
    pub adviser: String,
    /// The organisation's configuration, for the client's intake and the summaries.
    pub config: OrgConfig,
    /// People added to each file after the client (0 for none).
    pub people: usize,
    /// The node each file is shared with for reading, if any.
    pub share: Option<Share>,
    /// Lead advisers the files take in turn (file `n` gets `leads[n % leads.len()]`).
    pub leads: &'static [&'static str],
    /// Interactions logged on each file.
    pub per_file: usize,
    /// The time the files' history leads up to: intake 371 to 400 days before, the last
    /// interaction 0 to 119 days before.
    pub now: DateTime<Utc>,
    /// How each file is committed to the store.
    pub storing: Storing,
}

/// The node every file is shared with for reading, and the name the owner knows it by.
#[derive(Clone, Debug)]
pub struct Share {
    /// The reader.
    pub sharee: NodeId,
    /// The peer's name in the owner's peer list, written in the file next to the grant.
    pub label: String,
}

/// How [`crate::populate`] commits a built file to the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storing {
    /// One commit holding every change, without signatures: the file as a bulk import would
    /// leave it (the store/edit benchmark, which never syncs).
    Whole,
    /// As the node's own edits leave it: the creation as a snapshot, then the later changes in
    /// the change log, every change signed by the owner. The sync benchmarks need the
    /// signatures, since a receiving node checks them.
    AsNode,
}

impl Spec {
    /// The store/edit benchmark's files: one client (the six [`LEADS`] in turn) and `per_file`
    /// interactions, no people, not shared, stored [`Storing::Whole`].
    pub fn plain(node: &Node, per_file: usize, now: DateTime<Utc>) -> Self {
        Self {
            owner: node.node_id(),
            adviser: node.adviser().to_string(),
            // A fresh node's rules (its organisation's defaults) if its store cannot say.
            config: node.config().unwrap_or_default(),
            people: 0,
            share: None,
            leads: LEADS,
            per_file,
            now,
            storing: Storing::Whole,
        }
    }

    /// The sync benchmarks' files: one client (the first four [`LEADS`] in turn), five people,
    /// shared with `share` for reading, and `per_file` interactions, stored
    /// [`Storing::AsNode`].
    pub fn shared(node: &Node, share: Share, per_file: usize, now: DateTime<Utc>) -> Self {
        Self {
            people: SHARED_PEOPLE,
            share: Some(share),
            leads: &LEADS[..4],
            storing: Storing::AsNode,
            ..Self::plain(node, per_file, now)
        }
    }
}
