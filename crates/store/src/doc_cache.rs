//! The account files a store has parsed lately, kept in memory and shared.
//!
//! A sync session loads every file it discusses, once per round of messages, and a node
//! serving several peers loads the same files for each of them: most of a session's work was
//! parsing (decompressing, checking and indexing) the same stored bytes again, and each
//! session held a parsed copy of its own. Readers that only read ([`crate::Store::load_shared`],
//! what a session answers from) now share one copy; a reader that will change the document
//! gets a copy of it instead of a parse.
//!
//! # Why a cached document is never stale
//! An entry is kept with the heads row (`HEADS`) it was loaded under, and is used only when
//! the row read in the caller's own transaction is byte-for-byte the same. Every write of a
//! file's changes or snapshot rewrites that row in the same transaction (`Txn::commit`), and
//! an Automerge document is determined by its heads (each head is the hash of a change and,
//! through its dependencies, of every change before it). So a write by this process or by
//! another one (the store is opened in redb's multi-writer mode) makes the entry miss; so does
//! a write transaction that loaded the file and then aborted, since its row never commits. An
//! entry is made only when the loaded document's heads equal the row.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use automerge::Automerge;
use casebook_base::FileId;

use crate::write::decode_hashes;

/// Recently parsed documents, bounded by the stored size of what they hold (a document a
/// reader still holds after it left the cache lives on with that reader).
pub(crate) struct DocCache {
    budget: usize,
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    by_file: HashMap<FileId, Entry>,
    /// Sum of the entries' stored sizes.
    bytes: usize,
    /// Advances on every use, to find the least recently used entry.
    clock: u64,
}

struct Entry {
    /// The `HEADS` row the document was loaded under.
    heads_row: Vec<u8>,
    doc: Arc<Automerge>,
    /// The file's stored size (snapshot and change rows) when it was loaded.
    bytes: usize,
    used: u64,
}

impl DocCache {
    /// An empty cache holding at most `budget` stored bytes.
    pub(crate) fn new(budget: usize) -> Self {
        Self {
            budget,
            inner: Mutex::new(Entries::default()),
        }
    }

    fn entries(&self) -> MutexGuard<'_, Entries> {
        // A panic while the lock was held leaves at worst a missing entry or a stale byte
        // count, never a wrong document: entries are whole values inserted in one step.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `file`'s document if it is cached under exactly `heads_row`.
    pub(crate) fn get(&self, file: FileId, heads_row: &[u8]) -> Option<Arc<Automerge>> {
        let mut entries = self.entries();
        entries.clock += 1;
        let now = entries.clock;
        let entry = entries.by_file.get_mut(&file)?;
        if entry.heads_row != heads_row {
            return None;
        }
        entry.used = now;
        Some(Arc::clone(&entry.doc))
    }

    /// Keep `doc`, just parsed under `heads_row` from `bytes` stored bytes, in place of what
    /// was kept for the file, if its heads are the row's and it fits; evict the least recently
    /// used entries to make room.
    pub(crate) fn put(&self, file: FileId, heads_row: &[u8], doc: &Arc<Automerge>, bytes: usize) {
        let keep = bytes <= self.budget / 4 && same_heads(heads_row, doc);
        let mut entries = self.entries();
        // Whatever was kept for the file is older than this parse: it goes either way.
        if let Some(old) = entries.by_file.remove(&file) {
            entries.bytes -= old.bytes;
        }
        if !keep {
            return;
        }
        while entries.bytes + bytes > self.budget {
            let Some(oldest) = entries
                .by_file
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(id, _)| *id)
            else {
                break;
            };
            if let Some(old) = entries.by_file.remove(&oldest) {
                entries.bytes -= old.bytes;
            }
        }
        entries.clock += 1;
        let used = entries.clock;
        entries.bytes += bytes;
        entries.by_file.insert(
            file,
            Entry {
                heads_row: heads_row.to_vec(),
                doc: Arc::clone(doc),
                bytes,
                used,
            },
        );
    }

    /// How many documents and stored bytes the cache holds.
    #[cfg(test)]
    pub(crate) fn size(&self) -> (usize, usize) {
        let entries = self.entries();
        (entries.by_file.len(), entries.bytes)
    }
}

/// Whether `heads_row` names exactly `doc`'s heads.
fn same_heads(heads_row: &[u8], doc: &Automerge) -> bool {
    if !heads_row.len().is_multiple_of(32) {
        return false;
    }
    let mut row = decode_hashes(heads_row);
    let mut heads = doc.get_heads();
    row.sort_unstable();
    heads.sort_unstable();
    row == heads
}

#[cfg(test)]
mod tests {
    use automerge::transaction::Transactable;
    use automerge::{ROOT, ReadDoc};

    use super::*;
    use crate::write::encode_hashes;

    fn doc_with(value: &str) -> Arc<Automerge> {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        tx.put(ROOT, "name", value).unwrap();
        tx.commit();
        Arc::new(doc)
    }

    fn name(doc: &Automerge) -> String {
        doc.get(ROOT, "name").unwrap().unwrap().0.to_string()
    }

    #[test]
    fn a_document_is_found_only_under_the_heads_it_was_loaded_with() {
        let cache = DocCache::new(1 << 20);
        let file = FileId::new();
        let v1 = doc_with("Acme");
        let row1 = encode_hashes(&v1.get_heads());
        cache.put(file, &row1, &v1, 100);
        let hit = cache.get(file, &row1).expect("cached under its heads");
        assert!(Arc::ptr_eq(&hit, &v1), "shared, not copied");
        assert_eq!(name(&hit), name(&doc_with("Acme")));

        let mut v2 = v1.fork();
        v2.transact(|tx| tx.put(ROOT, "name", "Acme Ltd")).unwrap();
        let row2 = encode_hashes(&v2.get_heads());
        assert!(cache.get(file, &row2).is_none(), "other heads miss");
        assert!(
            cache.get(FileId::new(), &row1).is_none(),
            "another file misses"
        );
    }

    #[test]
    fn a_document_whose_heads_are_not_the_row_is_not_kept() {
        let cache = DocCache::new(1 << 20);
        let file = FileId::new();
        let v1 = doc_with("Acme");
        let wrong = encode_hashes(&doc_with("Other").get_heads());
        cache.put(file, &wrong, &v1, 100);
        assert!(cache.get(file, &wrong).is_none());
        cache.put(file, &[1, 2, 3], &v1, 100);
        assert_eq!(cache.size(), (0, 0));
    }

    #[test]
    fn the_least_recently_used_document_goes_first_and_the_budget_holds() {
        let cache = DocCache::new(1000);
        let files: Vec<FileId> = (0..5).map(|_| FileId::new()).collect();
        let docs: Vec<Arc<Automerge>> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|n| doc_with(n))
            .collect();
        let rows: Vec<Vec<u8>> = docs.iter().map(|d| encode_hashes(&d.get_heads())).collect();
        for i in 0..4 {
            cache.put(files[i], &rows[i], &docs[i], 250);
        }
        cache.put(files[3], &rows[3], &docs[3], 250);
        assert_eq!(
            cache.size(),
            (4, 1000),
            "replacing an entry does not count it twice"
        );
        assert!(cache.get(files[0], &rows[0]).is_some());
        // A fifth would make 1,250 bytes: the least recently used (files[1]) goes.
        cache.put(files[4], &rows[4], &docs[4], 250);
        assert_eq!(cache.size(), (4, 1000));
        assert!(
            cache.get(files[1], &rows[1]).is_none(),
            "least recently used evicted"
        );
        for i in [0, 2, 3, 4] {
            assert!(cache.get(files[i], &rows[i]).is_some(), "file {i} kept");
        }
        // Over a quarter of the budget: never kept, and what was kept for the file goes.
        cache.put(files[0], &rows[0], &docs[0], 251);
        assert!(cache.get(files[0], &rows[0]).is_none());
        assert_eq!(cache.size(), (3, 750));
    }
}
