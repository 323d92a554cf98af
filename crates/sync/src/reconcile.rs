//! Range-based set reconciliation of the files two nodes hold, for a session in which one side's
//! cursor is void (first contact, a lost or re-created store).
//!
//! Each side's set holds one [`Item`] per file it may show the peer: the file id and a digest of
//! its heads. A side describes a range of the file-id space by its fingerprint, or lists its
//! items when it holds at most [`RECONCILE_LEAF_ITEMS`] of them there. The other side answers a
//! fingerprint that differs from its own by splitting the range into [`RECONCILE_SPLIT`]
//! sub-ranges (or listing its items), and answers a list by finding the files that differ.
//! Those files then run Automerge's sync protocol as announced ones do. Equal ranges are not
//! answered at all, so two nodes that hold the same files exchange one message of at most 16
//! fingerprints whatever the number of files, and `d` differing files among `n` cost about
//! `d · log16(n / 32)` fingerprints. (After Meyer, "Range-Based Set Reconciliation", 2023.)
//!
//! Everything here is pure: the session supplies the items and sends the ranges.

use std::collections::BTreeSet;

use automerge::ChangeHash;
use casebook::FileId;
use casebook_base::limits::{RECONCILE_LEAF_ITEMS, RECONCILE_SPLIT};
use casebook_proto::{Item, Range, RangeBody};
use sha2::{Digest, Sha256};

/// Separates casebook's reconciliation digests from every other use of SHA-256.
const DOMAIN: &[u8] = b"casebook/reconcile/1";

/// The item of `file` at `heads` (in any order).
pub fn item(file: FileId, heads: &[ChangeHash]) -> Item {
    let mut sorted = heads.to_vec();
    sorted.sort();
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(file.to_bytes());
    for head in &sorted {
        hasher.update(head.0);
    }
    Item {
        file: file.to_bytes(),
        digest: first_16(&hasher.finalize()),
    }
}

fn first_16(bytes: &[u8]) -> [u8; 16] {
    let mut out = [0; 16];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = *b;
    }
    out
}

/// The count and fingerprint of `items`: a hash of the count and of the sum of the digests
/// modulo 2^128, so it does not depend on order.
pub fn fingerprint(items: &[Item]) -> (u64, [u8; 16]) {
    let sum = items.iter().fold(0u128, |acc, i| {
        acc.wrapping_add(u128::from_le_bytes(i.digest))
    });
    let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(sum.to_le_bytes());
    hasher.update(count.to_le_bytes());
    (count, first_16(&hasher.finalize()))
}

/// The items of `sorted` in `[lower, upper)`.
fn in_range<'a>(sorted: &'a [Item], lower: &[u8; 16], upper: Option<&[u8; 16]>) -> &'a [Item] {
    let start = sorted.partition_point(|i| i.file < *lower);
    let end = upper.map_or(sorted.len(), |u| sorted.partition_point(|i| i.file < *u));
    sorted.get(start..end.max(start)).unwrap_or_default()
}

/// Describe the range `[lower, upper)` of which `items` (sorted) are this side's items: their
/// list if they are few, else their fingerprints over [`RECONCILE_SPLIT`] sub-ranges of about
/// equal size.
pub fn describe(items: &[Item], upper: Option<[u8; 16]>) -> Vec<Range> {
    if items.len() <= RECONCILE_LEAF_ITEMS {
        return vec![Range {
            upper,
            body: RangeBody::Items(items.to_vec()),
        }];
    }
    let size = items.len().div_ceil(RECONCILE_SPLIT);
    let chunks: Vec<&[Item]> = items.chunks(size).collect();
    let mut ranges = Vec::with_capacity(chunks.len());
    for (k, chunk) in chunks.iter().enumerate() {
        // A sub-range ends where the next one's first item begins; the last one ends where
        // the whole range does.
        let chunk_upper = chunks
            .get(k + 1)
            .and_then(|next| next.first())
            .map_or(upper, |first| Some(first.file));
        let (count, fingerprint) = fingerprint(chunk);
        ranges.push(Range {
            upper: chunk_upper,
            body: RangeBody::Fingerprint { count, fingerprint },
        });
    }
    ranges
}

/// What to do after a peer's `Reconcile` message.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// `Reconcile` messages to send back: (lower bound, ranges).
    pub replies: Vec<([u8; 16], Vec<Range>)>,
    /// Files that differ between the two sides (held by one only, or at other heads); they
    /// go on to Automerge's sync protocol.
    pub differing: Vec<FileId>,
}

/// Answer the peer's ranges starting at `lower` against this side's `own` items (sorted by
/// file id). The ranges were validated when the message was decoded.
pub fn answer(own: &[Item], lower: [u8; 16], ranges: &[Range]) -> Answer {
    let mut out = Answer::default();
    let mut from = lower;
    for range in ranges {
        let mine = in_range(own, &from, range.upper.as_ref());
        match &range.body {
            RangeBody::Fingerprint {
                count,
                fingerprint: theirs,
            } => {
                if fingerprint(mine) != (*count, *theirs) {
                    out.replies.push((from, describe(mine, range.upper)));
                }
            }
            RangeBody::Items(theirs) => out.differing.extend(differing(mine, theirs)),
        }
        if let Some(upper) = range.upper {
            from = upper;
        }
    }
    out
}

/// The files whose items differ between two lists of one range (held by one side only, or at
/// other heads).
fn differing(mine: &[Item], theirs: &[Item]) -> Vec<FileId> {
    let mine: BTreeSet<&Item> = mine.iter().collect();
    let theirs: BTreeSet<&Item> = theirs.iter().collect();
    let files: BTreeSet<[u8; 16]> = mine.symmetric_difference(&theirs).map(|i| i.file).collect();
    files.into_iter().map(FileId::from_bytes).collect()
}

#[cfg(test)]
mod tests;
