//! `document`: bytes loaded as an account file the way `casebook merge` and `casebook import`
//! load an Automerge export (with the [`MAX_DOCUMENT_BYTES`] limit), into Bob's real node (see
//! [`super::world`]).
//!
//! Input: the first byte picks the call (mod 3): `merge_automerge` of any file,
//! `merge_automerge` into A1, or `import_automerge` (a new file only); the rest is the file.
//! When the first byte's top bit is set, every document and change chunk of the file gets a
//! valid checksum first ([`with_valid_checksums`]), so that mutated chunks get past Automerge's
//! checksum check to the code that applies them.
//!
//! Invariants:
//! - A document that Automerge loads but cannot read back from its own save (Automerge 0.12
//!   accepts some such changes) is refused: storing it would make the account file unreadable.
//! - A refused file changes nothing: Bob's heads and log position are as before.
//! - An accepted file changed exactly the file it names (created it exactly when it says so),
//!   which then reads as an account file; no other file moved.

use casebook::FileId;
use casebook::automerge::Automerge;
use casebook::limits::{MAX_DOCUMENT_BYTES, MAX_INFLATED_BYTES};
use sha2::{Digest, Sha256};

use super::world::{self, A1, StoreState};
use super::{Target, Violation, ensure};

/// The `document` target.
pub const TARGET: Target = Target {
    name: "document",
    run: document,
    prepare: world::prepare,
    alloc_limit: MAX_DOCUMENT_BYTES as usize,
};

/// Automerge's loader alone: whether a document it loads also loads from its own save, with
/// the same heads (Automerge 0.12 accepts some changes it cannot read back; casebook must then
/// refuse the file).
fn load_save_load(bytes: &[u8]) -> bool {
    // Automerge panics on some malformed documents, and reads bundles and compressed parts
    // without bounds; casebook checks the chunks first and loads through the same guard.
    if casebook::guard::check_chunks(bytes, MAX_INFLATED_BYTES).is_err() {
        return true;
    }
    let Ok(doc) = casebook::guard::decode(|| Automerge::load(bytes)) else {
        return true;
    };
    casebook_store::reads_back(&doc.save(), &doc)
}

/// `bytes` with the checksum of every document and change chunk made valid.
///
/// Automerge refuses a chunk whose checksum (the first 4 bytes of a SHA-256 of its type, length
/// and body) is wrong before it applies the chunk, and a fuzzer almost never writes a valid
/// SHA-256 by chance: without this, mutated chunks would hardly ever reach the code that
/// applies them. (A peer can of course write valid checksums.)
#[must_use]
pub fn with_valid_checksums(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for chunk in casebook::guard::chunks(bytes) {
        if chunk.kind > 1 {
            continue; // a compressed change's checksum is its inflated change's; bundles are refused
        }
        let body = &bytes[chunk.body.clone()];
        let mut header = vec![chunk.kind];
        let mut len = body.len();
        while len >= 0x80 {
            header.push((len & 0x7f) as u8 | 0x80);
            len >>= 7;
        }
        header.push(len as u8);
        let hash = Sha256::new()
            .chain_update(&header)
            .chain_update(body)
            .finalize();
        out[chunk.start + 4..chunk.start + 8].copy_from_slice(&hash[..4]);
    }
    out
}

/// One input of the `document` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn document(data: &[u8]) -> Result<(), Violation> {
    let (mode, fix_checksums, bytes) = match data.split_first() {
        Some((m, rest)) => (m % 3, m & 0x80 != 0, rest),
        None => (0, false, data),
    };
    let fixed;
    let bytes = if fix_checksums {
        fixed = with_valid_checksums(bytes);
        &fixed[..]
    } else {
        bytes
    };
    let round_trips = load_save_load(bytes);
    world::with_bob(|_, node| {
        let before = StoreState::of(&node)?;
        let result = match mode {
            0 => node.merge_automerge(bytes, "fuzz.automerge", None),
            1 => node.merge_automerge(bytes, "fuzz.automerge", Some(FileId::from_bytes(A1))),
            _ => node.import_automerge(bytes, "fuzz.automerge"),
        };
        let after = StoreState::of(&node)?;
        let report = match result {
            Err(e) => {
                return ensure(after == before, || {
                    format!("a refused document ({e}) changed Bob's store")
                });
            }
            Ok(report) => report,
        };
        ensure(round_trips, || {
            "casebook accepted a document that Automerge cannot read back from its own save".into()
        })?;
        let file = report.file_id;
        ensure(report.created != before.heads.contains_key(&file), || {
            format!(
                "the merge says created = {} for file {file}, which was {}here",
                report.created,
                if before.heads.contains_key(&file) {
                    ""
                } else {
                    "not "
                }
            )
        })?;
        ensure(mode != 2 || report.created, || {
            "import_automerge merged into a file already here".into()
        })?;
        ensure(mode != 1 || file == FileId::from_bytes(A1), || {
            format!("a merge into A1 changed file {file}")
        })?;
        for (f, heads) in &after.heads {
            if *f != file {
                ensure(before.heads.get(f) == Some(heads), || {
                    format!("merging file {file} moved file {f}")
                })?;
            }
        }
        ensure(
            after.heads.len() == before.heads.len() + usize::from(report.created),
            || "a merge added files it did not report".into(),
        )?;
        node.read(file)
            .map_err(|e| Violation(format!("merged file {file} does not read: {e}")))?;
        Ok(())
    })
}
