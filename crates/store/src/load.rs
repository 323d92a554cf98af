//! Loading a file's document from the tables of any transaction, read or write.

use std::sync::Arc;

use automerge::Automerge;
use casebook_base::FileId;
use redb::ReadableTable;

use crate::Error;
use crate::doc_cache::DocCache;

/// Load a file from its snapshot and incremental changes, parsing them.
pub(crate) fn load_from(
    snapshots: &impl ReadableTable<[u8; 16], &'static [u8]>,
    changes: &impl ReadableTable<([u8; 16], u64), &'static [u8]>,
    file_id: FileId,
) -> Result<Option<Automerge>, Error> {
    Ok(load_sized(snapshots, changes, file_id)?.map(|(doc, _)| doc))
}

/// A file's document, shared with the store's other readers: the cached one if `cache`
/// holds it under the heads row this transaction reads (see [`DocCache`] for why that is the
/// same document), else parsed as [`load_from`] does and kept.
pub(crate) fn load_shared(
    snapshots: &impl ReadableTable<[u8; 16], &'static [u8]>,
    changes: &impl ReadableTable<([u8; 16], u64), &'static [u8]>,
    heads: &impl ReadableTable<[u8; 16], &'static [u8]>,
    cache: &DocCache,
    file_id: FileId,
) -> Result<Option<Arc<Automerge>>, Error> {
    let row = heads.get(file_id.to_bytes())?.map(|v| v.value().to_vec());
    if let Some(row) = &row
        && let Some(doc) = cache.get(file_id, row)
    {
        return Ok(Some(doc));
    }
    let Some((doc, bytes)) = load_sized(snapshots, changes, file_id)? else {
        return Ok(None);
    };
    let doc = Arc::new(doc);
    if let Some(row) = &row {
        cache.put(file_id, row, &doc, bytes);
    }
    Ok(Some(doc))
}

/// A file's document of the caller's own, to change: a copy of the cached one (with a fresh
/// random actor, as a parse gives) if `cache` holds it under the heads row this transaction
/// reads, else parsed as [`load_from`] does. A parse here is not kept: the copy kept would
/// cost as much as the parse saves, unless a reader shares it.
pub(crate) fn load_owned(
    snapshots: &impl ReadableTable<[u8; 16], &'static [u8]>,
    changes: &impl ReadableTable<([u8; 16], u64), &'static [u8]>,
    heads: &impl ReadableTable<[u8; 16], &'static [u8]>,
    cache: &DocCache,
    file_id: FileId,
) -> Result<Option<Automerge>, Error> {
    if let Some(row) = heads.get(file_id.to_bytes())?
        && let Some(doc) = cache.get(file_id, row.value())
    {
        return Ok(Some(doc.fork()));
    }
    load_from(snapshots, changes, file_id)
}

/// The document and how many stored bytes it was parsed from.
fn load_sized(
    snapshots: &impl ReadableTable<[u8; 16], &'static [u8]>,
    changes: &impl ReadableTable<([u8; 16], u64), &'static [u8]>,
    file_id: FileId,
) -> Result<Option<(Automerge, usize)>, Error> {
    let key = file_id.to_bytes();
    let corrupt = |e: automerge::AutomergeError| Error::Corrupt {
        file_id,
        source: Box::new(e.into()),
    };
    let snapshot = snapshots.get(key)?;
    let mut doc = match &snapshot {
        Some(bytes) => Automerge::load(bytes.value()).map_err(corrupt)?,
        None => Automerge::new(),
    };
    // The incremental rows are applied in one call: Automerge takes concatenated chunks, and
    // one call sorts and applies them together (5–7 times faster than a call per row for a
    // file near the compaction threshold).
    let mut rows = Vec::new();
    for row in changes.range((key, 0u64)..=(key, u64::MAX))? {
        let (_, bytes) = row?;
        rows.extend_from_slice(bytes.value());
    }
    if !rows.is_empty() {
        doc.load_incremental(&rows).map_err(corrupt)?;
    }
    let bytes = snapshot.as_ref().map_or(0, |s| s.value().len()) + rows.len();
    Ok((snapshot.is_some() || !rows.is_empty()).then_some((doc, bytes)))
}
