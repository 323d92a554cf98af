//! `casebook status`: per peer and per shared file, where the two nodes stood when they last
//! synced, or that one of them refused the other's changes, from the store alone (no network,
//! no document load).

use automerge::ChangeHash;
use casebook::{FileId, Node, NodeId, Peer};
use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use crate::record::{self, FileRecord, PeerRecord, RefusedBy};

/// Where a file stands with one peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileState {
    /// Both held the same heads at the last sync, and nothing changed here since.
    InSync,
    /// This node has changes the peer had not received at the last sync.
    Ahead,
    /// The peer had changes this node has not received.
    Behind,
    /// Both: each side has changes the other lacks.
    Diverged,
    /// Never synced with this peer.
    NeverSynced,
    /// The latest session refused the file's changes (one side's to the other); see
    /// [`FileStatus::refused`]. Until it settles, the two copies do not converge.
    Refused,
}

impl std::fmt::Display for FileState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::InSync => "in sync",
            Self::Ahead => "ahead",
            Self::Behind => "behind",
            Self::Diverged => "diverged",
            Self::NeverSynced => "never synced",
            Self::Refused => "refused",
        })
    }
}

/// One shared file's state with one peer.
#[derive(Clone, Debug, Serialize)]
pub struct FileStatus {
    /// The file.
    pub file_id: FileId,
    /// The client's name.
    pub name: String,
    /// Where it stands.
    pub state: FileState,
    /// When it last synced with this peer.
    pub synced_at: Option<DateTime<Utc>>,
    /// Why and by whom its changes were refused, when [`FileState::Refused`].
    pub refused: Option<RefusalStatus>,
}

/// A refusal of a file's changes, as `casebook status` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RefusalStatus {
    /// Why, in the refusing side's words.
    pub reason: String,
    /// Who refused: this node (the peer's changes) or the peer (this node's).
    pub refused_by: RefusedBy,
    /// When.
    pub at: Option<DateTime<Utc>>,
}

/// One peer's status.
#[derive(Clone, Debug, Serialize)]
pub struct PeerStatus {
    /// The peer.
    pub peer: Peer,
    /// When a session with it last ended well.
    pub last_contact: Option<DateTime<Utc>>,
    /// Every file shared with it, or synced with it before.
    pub files: Vec<FileStatus>,
}

fn time(ms: i64) -> Option<DateTime<Utc>> {
    (ms > 0)
        .then(|| Utc.timestamp_millis_opt(ms).single())
        .flatten()
}

/// The status of every trusted peer.
///
/// # Errors
/// Store errors.
pub fn status(node: &Node) -> Result<Vec<PeerStatus>, casebook::Error> {
    let store = node.store();
    let summaries = store.summaries()?;
    let mut out = Vec::new();
    for peer in node.peers()? {
        let key = peer.node.to_string();
        let rec: PeerRecord = store
            .cursor(&peer.node)?
            .and_then(|b| record::decode(&b))
            .unwrap_or_default();
        let synced: std::collections::HashMap<FileId, FileRecord> = store
            .sync_states(&peer.node)?
            .into_iter()
            .filter_map(|(f, b)| FileRecord::decode(&b).map(|r| (f, r)))
            .collect();
        let mut files = Vec::new();
        for s in &summaries {
            let Ok(file_id) = s.file_id.parse::<FileId>() else {
                continue;
            };
            let shared = s.sharing.contains_key(&key);
            let rec = synced.get(&file_id);
            if !shared && rec.is_none() {
                continue;
            }
            let refused = rec.and_then(|r| r.refused.as_ref()).map(|r| RefusalStatus {
                reason: r.reason.clone(),
                refused_by: r.by,
                at: time(r.at_ms),
            });
            let state = match rec {
                None => FileState::NeverSynced,
                // Whatever the heads say, the copies cannot converge while one side refuses.
                Some(_) if refused.is_some() => FileState::Refused,
                Some(r) => {
                    let ours = store.heads(file_id)?.unwrap_or_default();
                    compare(node, &ours, &r.their_heads())?
                }
            };
            files.push(FileStatus {
                file_id,
                name: s.name.clone(),
                state,
                synced_at: rec.and_then(|r| time(r.at_ms)),
                refused,
            });
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(PeerStatus {
            peer,
            last_contact: time(rec.last_contact_ms),
            files,
        });
    }
    Ok(out)
}

/// The files whose changes the latest session with `peer` refused (either way) and that have
/// not settled since, among the files this node holds; from the store alone. This is what
/// [`status`] shows as [`FileState::Refused`] for that peer.
///
/// # Errors
/// Store errors.
pub fn refusals(
    node: &Node,
    peer: &NodeId,
) -> Result<Vec<(FileId, RefusalStatus)>, casebook::Error> {
    let store = node.store();
    let mut out = Vec::new();
    for (file, bytes) in store.sync_states(peer)? {
        let Some(r) = FileRecord::decode(&bytes).and_then(|r| r.refused) else {
            continue;
        };
        if store.summary(file)?.is_some() {
            out.push((
                file,
                RefusalStatus {
                    reason: r.reason,
                    refused_by: r.by,
                    at: time(r.at_ms),
                },
            ));
        }
    }
    Ok(out)
}

fn compare(
    node: &Node,
    ours: &[ChangeHash],
    theirs: &[ChangeHash],
) -> Result<FileState, casebook::Error> {
    let mut a = ours.to_vec();
    let mut b = theirs.to_vec();
    a.sort();
    b.sort();
    if a == b {
        return Ok(FileState::InSync);
    }
    let theirs_known = node.store().has_changes(theirs)?.into_iter().all(|k| k);
    // Our heads are "new to them" unless each is among their heads; we cannot see their
    // history, so any head of ours they did not report counts as ahead.
    let ours_in_theirs = a.iter().all(|h| b.contains(h));
    Ok(match (theirs_known, ours_in_theirs) {
        (true, _) => FileState::Ahead,
        (false, true) => FileState::Behind,
        (false, false) => FileState::Diverged,
    })
}
