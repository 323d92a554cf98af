//! A check of Automerge chunks before Automerge reads them: what its reader would read without
//! bounds.
//!
//! Automerge 0.12 inflates deflate-compressed bytes (a compressed change chunk, or a document's
//! compressed columns) into a growing buffer without any limit, before it checks a checksum or
//! anything else. Deflate reaches a ratio of about 1,000 to 1, so a 1 MB file made a node hold
//! over 3 GB, and a 64 MiB file or an 8 MiB frame from a peer could exhaust any machine's
//! memory. A failed allocation aborts the process, so no guard around the call can catch it:
//! the bytes must be refused before Automerge sees them. Likewise a bundle chunk, whose columns
//! Automerge reads without bounds (an 80-byte bundle made it ask for over 128 MiB).
//!
//! [`check_chunks`] walks the chunks as Automerge's reader would, and inflates every compressed
//! part into nothing, counting bytes, up to a limit. Where the bytes stop being well-formed it
//! stops too: Automerge then refuses them before it inflates anything further.

use std::io::Read;

use casebook_i18n::{Localised, Message};

use crate::limits::MAX_COLUMN_ITEMS;

/// The magic number every Automerge chunk starts with.
const CHUNK_MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
/// A document chunk: actors, heads and column metadata, then columns, some of them compressed.
const DOCUMENT_CHUNK: u8 = 0;
/// A change chunk: its header fields, then op columns, none of them compressed.
const CHANGE_CHUNK: u8 = 1;
/// A change chunk whose body after the header is one deflate stream.
const COMPRESSED_CHANGE_CHUNK: u8 = 2;
/// A bundle chunk, which casebook never writes.
const BUNDLE_CHUNK: u8 = 3;
/// The bit of a column specification that marks the column as deflate-compressed.
const DEFLATE_BIT: u64 = 0b1000;
/// The length of a change hash in a document's heads.
const HASH_BYTES: u64 = 32;

/// Why [`check_chunks`] refused bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChunkRefusal {
    /// The bytes hold a bundle chunk.
    #[error("{}", self.message())]
    Bundle,
    /// The compressed parts inflate to more than the limit.
    #[error("{}", self.message())]
    InflatesTooFar {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A document column claims more items than the limit.
    #[error("{}", self.message())]
    TooManyItems {
        /// The limit.
        limit: u64,
    },
    /// A document column does not follow its run-length encoding.
    #[error("{}", self.message())]
    MalformedColumn,
}

impl Localised for ChunkRefusal {
    fn message(&self) -> Message {
        match self {
            ChunkRefusal::Bundle => Message::new("guard-bundle"),
            ChunkRefusal::InflatesTooFar { limit } => {
                Message::new("guard-inflates-too-far").with("mib", (limit >> 20).to_string())
            }
            ChunkRefusal::TooManyItems { limit } => {
                Message::new("guard-too-many-items").with("limit", limit.to_string())
            }
            ChunkRefusal::MalformedColumn => Message::new("guard-malformed-column"),
        }
    }
}

/// Refuse Automerge bytes (a file, or a sync message's changes joined as Automerge reads them)
/// that hold a bundle chunk, or
/// whose compressed parts inflate to more than `max_inflated` bytes in all.
///
/// Bytes that are not well-formed chunks are left for Automerge to refuse.
///
/// # Errors
/// What to tell the user about the bytes.
pub fn check_chunks(bytes: &[u8], max_inflated: u64) -> Result<(), ChunkRefusal> {
    let mut budget = Budget {
        left: max_inflated,
        limit: max_inflated,
    };
    for chunk in chunks(bytes) {
        let body = &bytes[chunk.body.clone()];
        let well_formed = match chunk.kind {
            BUNDLE_CHUNK => return Err(ChunkRefusal::Bundle),
            COMPRESSED_CHANGE_CHUNK => match budget.inflate(body)? {
                Some(change) => change_columns(&change)?,
                None => false,
            },
            DOCUMENT_CHUNK => document_columns(body, &mut budget)?,
            CHANGE_CHUNK => change_columns(body)?,
            _ => true,
        };
        if !well_formed {
            return Ok(());
        }
    }
    Ok(())
}

/// Where one chunk stands in a byte string (see [`chunks`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkSpan {
    /// Where the chunk starts (its magic number); the checksum is the 4 bytes after it.
    pub start: usize,
    /// The chunk type: 0 document, 1 change, 2 compressed change, 3 bundle.
    pub kind: u8,
    /// Where the chunk's body (after the header) stands.
    pub body: std::ops::Range<usize>,
}

/// The well-formed chunks at the start of `bytes`, in order, as Automerge frames them (magic
/// number, checksum, type, LEB128 length, body); the walk ends where the framing does.
pub fn chunks(bytes: &[u8]) -> impl Iterator<Item = ChunkSpan> + '_ {
    let mut rest = Reader { bytes, at: 0 };
    std::iter::from_fn(move || {
        let start = rest.at;
        if rest.bytes.get(start..start.checked_add(4)?) != Some(&CHUNK_MAGIC[..]) {
            return None;
        }
        rest.at += 8; // the magic number and the checksum
        let kind = rest.byte()?;
        let len = rest.leb()?;
        let body_start = rest.at;
        rest.take(len)?;
        Some(ChunkSpan {
            start,
            kind,
            body: body_start..rest.at,
        })
    })
}

/// Inflate the compressed columns of a document chunk's `body`, in Automerge's order, and count
/// every column's items. `Ok(false)` if the body is malformed before the columns (Automerge
/// refuses it there).
fn document_columns(body: &[u8], budget: &mut Budget) -> Result<bool, ChunkRefusal> {
    let mut r = Reader { bytes: body, at: 0 };
    let Some(()) = r.skip_actors_and_heads() else {
        return Ok(false);
    };
    let (Some(change_columns), Some(op_columns)) = (r.columns(), r.columns()) else {
        return Ok(false);
    };
    // The change columns' data, then the op columns' data, each column after the one before.
    for (spec, len) in change_columns.into_iter().chain(op_columns) {
        let Some(data) = r.take(len) else {
            return Ok(false);
        };
        let inflated;
        let data = if spec & DEFLATE_BIT == 0 {
            data
        } else {
            let Some(bytes) = budget.inflate(data)? else {
                return Ok(false);
            };
            inflated = bytes;
            &inflated[..]
        };
        column_items(spec, data)?;
    }
    Ok(true)
}

/// Count the items a document column's run-length encoding claims, refusing a count over
/// [`MAX_COLUMN_ITEMS`]: Automerge collects some columns into vectors of that length, and a few
/// bytes can claim billions (fuzzing found a delta column that made it ask for 128 MiB).
///
/// Column types (the low 3 bits of the specification): 0 group, 1 actor, 2 integer, 3 delta
/// integer, 5 string and 6 value metadata are runs of LEB128 numbers or strings: a signed
/// count, then one value repeated (count > 0), -count literal values (count < 0), or an
/// unsigned count of nulls (count = 0). 4 boolean is alternating run lengths. 7 value is raw
/// bytes, sized by its metadata column.
fn column_items(spec: u64, data: &[u8]) -> Result<(), ChunkRefusal> {
    let too_many = ChunkRefusal::TooManyItems {
        limit: MAX_COLUMN_ITEMS,
    };
    let mut r = Reader { bytes: data, at: 0 };
    let mut items: u64 = 0;
    let mut add = |n: u64| -> Result<(), ChunkRefusal> {
        items = items.saturating_add(n);
        if items > MAX_COLUMN_ITEMS {
            return Err(too_many);
        }
        Ok(())
    };
    let column_type = spec & 0b111;
    if column_type == 7 {
        return Ok(());
    }
    while r.at < data.len() {
        if column_type == 4 {
            add(r.leb().ok_or(ChunkRefusal::MalformedColumn)?)?;
            continue;
        }
        let count = r.sleb().ok_or(ChunkRefusal::MalformedColumn)?;
        let values = match count {
            1.. => {
                add(count.unsigned_abs())?;
                1
            }
            0 => {
                add(r.leb().ok_or(ChunkRefusal::MalformedColumn)?)?;
                0
            }
            _ => {
                add(count.unsigned_abs())?;
                count.unsigned_abs()
            }
        };
        for _ in 0..values {
            let skipped = if column_type == 5 {
                r.leb().and_then(|len| r.take(len)).map(|_| ())
            } else {
                r.leb().map(|_| ())
            };
            skipped.ok_or(ChunkRefusal::MalformedColumn)?;
        }
    }
    Ok(())
}

/// Count the items of every op column of a change chunk's `body` (see [`column_items`]): a
/// change that claims billions of ops would keep the node applying it for hours. `Ok(false)` if
/// the body is malformed before the columns (Automerge refuses it there).
fn change_columns(body: &[u8]) -> Result<bool, ChunkRefusal> {
    let mut r = Reader { bytes: body, at: 0 };
    let Some(columns) = r.skip_change_header().and_then(|()| r.columns()) else {
        return Ok(false);
    };
    for (spec, len) in columns {
        let Some(data) = r.take(len) else {
            return Ok(false);
        };
        // Automerge refuses a change with a compressed column before it reads the column.
        if spec & DEFLATE_BIT == 0 {
            column_items(spec, data)?;
        }
    }
    Ok(true)
}

/// What is left of the inflated bytes allowed.
struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    /// Inflate `deflated`, taking its length from the budget. `Ok(None)` if the stream is
    /// malformed (Automerge stops with an error there, having inflated no more than this did).
    fn inflate(&mut self, deflated: &[u8]) -> Result<Option<Vec<u8>>, ChunkRefusal> {
        let mut out = Vec::new();
        let read = flate2::bufread::DeflateDecoder::new(deflated)
            .take(self.left.saturating_add(1))
            .read_to_end(&mut out);
        self.left = self
            .left
            .checked_sub(out.len() as u64)
            .ok_or(ChunkRefusal::InflatesTooFar { limit: self.limit })?;
        Ok(read.ok().map(|_| out))
    }
}

/// A cursor over bytes, reading Automerge's encodings; `None` where the bytes end too soon.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// A signed LEB128 number of at most 10 bytes.
    fn sleb(&mut self) -> Option<i64> {
        let mut value: i64 = 0;
        for i in 0..10 {
            let b = self.byte()?;
            value |= i64::from(b & 0x7f).checked_shl(7 * i).unwrap_or(0);
            if b & 0x80 == 0 {
                if b & 0x40 != 0 && 7 * (i + 1) < 64 {
                    value |= -1i64 << (7 * (i + 1)); // sign-extend
                }
                return Some(value);
            }
        }
        None
    }

    /// An unsigned LEB128 number of at most 10 bytes, as Automerge reads it.
    fn leb(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for i in 0..10 {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f).checked_shl(7 * i).unwrap_or(0);
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn take(&mut self, len: u64) -> Option<&'a [u8]> {
        let end = self.at.checked_add(usize::try_from(len).ok()?)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    /// A document's actor ids (each length-prefixed) and heads (32 bytes each).
    fn skip_actors_and_heads(&mut self) -> Option<()> {
        for _ in 0..self.leb()? {
            let len = self.leb()?;
            self.take(len)?;
        }
        let heads = self.leb()?;
        self.take(heads.checked_mul(HASH_BYTES)?)?;
        Some(())
    }

    /// A change's header fields: dependencies (32 bytes each), actor id, sequence number, start
    /// op, time, message, and the other actor ids.
    fn skip_change_header(&mut self) -> Option<()> {
        let deps = self.leb()?;
        self.take(deps.checked_mul(HASH_BYTES)?)?;
        let actor = self.leb()?;
        self.take(actor)?;
        for _ in 0..3 {
            self.leb()?; // seq, start op, time
        }
        let message = self.leb()?;
        self.take(message)?;
        for _ in 0..self.leb()? {
            let len = self.leb()?;
            self.take(len)?;
        }
        Some(())
    }

    /// Column metadata: a count, then each column's specification and data length.
    fn columns(&mut self) -> Option<Vec<(u64, u64)>> {
        let count = self.leb()?;
        let mut columns = Vec::new();
        for _ in 0..count {
            // Two LEB128 numbers take at least two bytes: a count beyond that is malformed,
            // and ends here before it can make this loop long.
            columns.push((self.leb()?, self.leb()?));
        }
        Some(columns)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A chunk: magic number, a checksum, the type and a LEB128 length.
    fn chunk(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut c = CHUNK_MAGIC.to_vec();
        c.extend_from_slice(&[1, 2, 3, 4, kind]);
        leb(&mut c, body.len() as u64);
        c.extend_from_slice(body);
        c
    }

    fn leb(out: &mut Vec<u8>, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    /// `n` zero bytes, deflated.
    fn deflated_zeros(n: usize) -> Vec<u8> {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![0; n]).expect("deflate");
        e.finish().expect("deflate")
    }

    /// A document chunk body: one actor, no heads, one change column and two op columns.
    fn document(columns: &[(u64, Vec<u8>)]) -> Vec<u8> {
        let mut b = vec![1, 2, 0xaa, 0xbb, 0];
        let (changes, ops) = columns.split_at(1);
        for group in [changes, ops] {
            leb(&mut b, group.len() as u64);
            for (spec, data) in group {
                leb(&mut b, *spec);
                leb(&mut b, data.len() as u64);
            }
        }
        for (_, data) in columns {
            b.extend_from_slice(data);
        }
        b
    }

    const MIB: u64 = 1 << 20;

    #[test]
    fn a_bundle_chunk_is_refused_wherever_it_stands() {
        assert_eq!(
            check_chunks(&chunk(BUNDLE_CHUNK, b"x"), MIB),
            Err(ChunkRefusal::Bundle)
        );
        // After a well-formed change (no deps, a 1-byte actor, seq 1, start op 1, time 0, no
        // message, no other actors, no columns).
        let mut two = chunk(CHANGE_CHUNK, &[0, 1, 0xaa, 1, 1, 0, 0, 0, 0]);
        two.extend(chunk(BUNDLE_CHUNK, b""));
        assert_eq!(check_chunks(&two, MIB), Err(ChunkRefusal::Bundle));
        // Automerge stops at a malformed chunk, and so does the walk.
        let mut after_malformed = chunk(CHANGE_CHUNK, b"not a change");
        after_malformed.extend(chunk(BUNDLE_CHUNK, b""));
        assert_eq!(check_chunks(&after_malformed, MIB), Ok(()));
    }

    #[test]
    fn refusals_read_in_either_language() {
        use casebook_i18n::Lang;
        let too_far = ChunkRefusal::InflatesTooFar { limit: 8 * MIB };
        assert_eq!(
            too_far.to_string(),
            "its compressed parts inflate to more than 8 MiB"
        );
        assert_eq!(
            too_far.message().render(Lang::Cy),
            "mae ei rannau cywasgedig yn ehangu i fwy na 8 MiB"
        );
        assert_eq!(
            ChunkRefusal::Bundle.to_string(),
            "it holds an Automerge bundle, which casebook does not read"
        );
        let panicked: crate::guard::DecodeError<String> = crate::guard::DecodeError::Panicked;
        assert_eq!(
            panicked.to_string(),
            "malformed bytes that the Automerge decoder cannot read"
        );
        assert!(panicked.message().render(Lang::Cy).contains("Automerge"));
        assert_eq!(
            crate::guard::DecodeError::Refused("bad".to_string()).to_string(),
            "bad"
        );
    }

    #[test]
    fn a_compressed_change_is_refused_once_it_inflates_past_the_limit() {
        let small = chunk(COMPRESSED_CHANGE_CHUNK, &deflated_zeros(1000));
        assert_eq!(check_chunks(&small, 1000), Ok(()));
        assert_eq!(
            check_chunks(&small, 999),
            Err(ChunkRefusal::InflatesTooFar { limit: 999 })
        );
        // A 10 KiB bomb that inflates to 8 MiB; the limit counts every chunk together.
        let bomb = chunk(COMPRESSED_CHANGE_CHUNK, &deflated_zeros(8 << 20));
        assert!(bomb.len() < 10 * 1024, "{}", bomb.len());
        assert!(check_chunks(&bomb, 8 * MIB).is_ok());
        let mut twice = bomb.clone();
        twice.extend(&bomb);
        assert_eq!(
            check_chunks(&twice, 8 * MIB),
            Err(ChunkRefusal::InflatesTooFar { limit: 8 * MIB })
        );
        assert_eq!(
            ChunkRefusal::InflatesTooFar { limit: 8 * MIB }.to_string(),
            "its compressed parts inflate to more than 8 MiB"
        );
    }

    #[test]
    fn a_documents_compressed_columns_count_and_its_plain_ones_do_not() {
        let zeros = deflated_zeros(4096);
        let doc = document(&[(0x18, zeros.clone()), (0x20, vec![7; 5000]), (0x38, zeros)]);
        assert_eq!(check_chunks(&chunk(DOCUMENT_CHUNK, &doc), 8192), Ok(()));
        assert_eq!(
            check_chunks(&chunk(DOCUMENT_CHUNK, &doc), 8191),
            Err(ChunkRefusal::InflatesTooFar { limit: 8191 })
        );
    }

    #[test]
    fn a_real_automerge_document_is_read_column_by_column() {
        use automerge::transaction::Transactable;
        // Automerge's `save()` deflates the columns that are long enough, as in every document
        // casebook writes: 30,000 characters of text make a compressed column.
        let mut doc = automerge::AutoCommit::new();
        let text: String = (0..30_000)
            .map(|i| char::from(b'a' + (i % 7) as u8))
            .collect();
        doc.put(automerge::ROOT, "notes", text).expect("put");
        doc.put(automerge::ROOT, "rag", "amber").expect("put");
        let saved = doc.save();
        assert!(saved.len() < 10_000, "{}", saved.len());
        // Whatever the columns inflate to, it is at least the text and less than the limit here.
        assert_eq!(check_chunks(&saved, 64 * MIB), Ok(()));
        assert_eq!(
            check_chunks(&saved, 29_999),
            Err(ChunkRefusal::InflatesTooFar { limit: 29_999 })
        );
        // Its changes, as a sync message carries them, are plain change chunks.
        for change in doc.get_changes(&[]) {
            assert_eq!(check_chunks(change.raw_bytes(), 0), Ok(()));
        }
    }

    #[test]
    fn every_kind_of_column_of_a_real_document_is_read() {
        use automerge::transaction::Transactable;
        use automerge::{ObjType, ROOT, ScalarValue};
        let mut a = automerge::AutoCommit::new();
        let list = a.put_object(ROOT, "log", ObjType::List).expect("list");
        for i in 0..300_i64 {
            let entry = a.insert_object(&list, 0, ObjType::Map).expect("entry");
            a.put(&entry, "kind", if i % 2 == 0 { "call" } else { "meeting" })
                .expect("put");
            a.put(&entry, "minutes", i).expect("put");
            a.put(&entry, "done", i % 3 == 0).expect("put");
            a.put(&entry, "score", i as f64 / 7.0).expect("put");
            a.put(&entry, "at", ScalarValue::Timestamp(1_700_000_000_000 + i))
                .expect("put");
            a.put(&entry, "note", ScalarValue::Null).expect("put");
            a.put(&entry, "raw", vec![u8::try_from(i % 256).unwrap_or(0); 3])
                .expect("put");
            a.commit_with(automerge::transaction::CommitOptions::default().with_message("entry"));
        }
        let text = a.put_object(ROOT, "notes", ObjType::Text).expect("text");
        a.splice_text(
            &text,
            0,
            0,
            "Quarterly review: risks amber, exit plan agreed.",
        )
        .expect("splice");
        a.put(ROOT, "visits", ScalarValue::counter(1))
            .expect("counter");
        a.increment(ROOT, "visits", 4).expect("increment");
        let mut b = a.fork();
        b.delete(&list, 3).expect("delete");
        b.splice_text(&text, 0, 9, "Annual").expect("splice");
        a.put(ROOT, "rag", "red").expect("put");
        b.put(ROOT, "rag", "green").expect("put");
        a.merge(&mut b).expect("merge");
        for saved in [a.save(), a.save_nocompress()] {
            assert_eq!(check_chunks(&saved, 64 * MIB), Ok(()));
        }
        for change in a.get_changes(&[]) {
            assert_eq!(check_chunks(change.raw_bytes(), 0), Ok(()));
        }
    }

    #[test]
    fn a_column_that_claims_too_many_items_is_refused() {
        let mut claim = Vec::new();
        // A signed count (its last byte's sign bit is clear), then the value it repeats.
        leb(&mut claim, MAX_COLUMN_ITEMS + 1);
        claim.push(1);
        let many = |spec: u64| {
            chunk(
                DOCUMENT_CHUNK,
                &document(&[(spec, claim.clone()), (0x20, vec![]), (0x38, vec![])]),
            )
        };
        for spec in [0x10, 0x11, 0x12, 0x13, 0x16] {
            assert_eq!(
                check_chunks(&many(spec), MIB),
                Err(ChunkRefusal::TooManyItems {
                    limit: MAX_COLUMN_ITEMS
                }),
                "column type {}",
                spec & 7
            );
        }
        let mut exact = Vec::new();
        leb(&mut exact, MAX_COLUMN_ITEMS);
        exact.push(1);
        let fits = chunk(
            DOCUMENT_CHUNK,
            &document(&[(0x13, exact), (0x20, vec![]), (0x38, vec![])]),
        );
        assert_eq!(check_chunks(&fits, MIB), Ok(()));
        let broken = chunk(
            DOCUMENT_CHUNK,
            &document(&[(0x13, vec![0x80]), (0x20, vec![]), (0x38, vec![])]),
        );
        assert_eq!(
            check_chunks(&broken, MIB),
            Err(ChunkRefusal::MalformedColumn)
        );
    }

    #[test]
    fn a_change_whose_column_claims_too_many_ops_is_refused() {
        // No deps, a 1-byte actor, seq 1, start op 1, time 0, no message, no other actors.
        let mut body = vec![0, 1, 0xaa, 1, 1, 0, 0, 0];
        let mut claim = Vec::new();
        leb(&mut claim, MAX_COLUMN_ITEMS + 1);
        claim.push(1);
        body.push(1); // one op column:
        leb(&mut body, 0x12); // an integer column
        leb(&mut body, claim.len() as u64);
        body.extend(&claim);
        let refused = Err(ChunkRefusal::TooManyItems {
            limit: MAX_COLUMN_ITEMS,
        });
        assert_eq!(check_chunks(&chunk(CHANGE_CHUNK, &body), MIB), refused);
        let mut deflated =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        deflated.write_all(&body).expect("deflate");
        let compressed = chunk(
            COMPRESSED_CHANGE_CHUNK,
            &deflated.finish().expect("deflate"),
        );
        assert_eq!(check_chunks(&compressed, MIB), refused);
    }

    #[test]
    fn malformed_bytes_pass_to_automerge() {
        for bytes in [
            &b""[..],
            b"not a chunk",
            &CHUNK_MAGIC[..],
            &[0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 1, 0xff],
            &chunk(COMPRESSED_CHANGE_CHUNK, b"not deflate")[..],
            &chunk(DOCUMENT_CHUNK, &[5, 1])[..],
        ] {
            assert_eq!(check_chunks(bytes, 0), Ok(()));
        }
    }
}
