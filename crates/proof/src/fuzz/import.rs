//! `import`: the import path of `casebook import-csv` and `casebook import` (JSON), on Bob's
//! real node (see [`super::world`]), which holds four clients to collide with.
//!
//! Input: the first byte picks the import (mod 3: clients CSV, interactions CSV, account-file
//! JSON) and, for CSV, whether duplicates are skipped (byte / 3 odd) and unknown columns
//! refused (byte / 6 odd); the rest is the file,
//! bounded by [`MAX_CSV_BYTES`] like the CLI's.
//!
//! Invariants:
//! - A refused import changes nothing: Bob's heads and log position are as before.
//! - Clients CSV: exactly the reported number of files is added, each one reported, readable;
//!   no existing file moves.
//! - Interactions CSV: no file is added; only reported files move.
//! - JSON: exactly the one reported file is added, and it reads.

use std::collections::BTreeSet;

use casebook::FileId;
use casebook::import::{CsvOptions, import_clients_csv, import_interactions_csv, import_json};
use casebook::limits::MAX_CSV_BYTES;

use super::world::{self, StoreState};
use super::{Target, Violation, ensure};

/// The `import` target.
pub const TARGET: Target = Target {
    name: "import",
    run: import,
    prepare: world::prepare,
    alloc_limit: MAX_CSV_BYTES as usize,
};

/// The files whose heads differ between two states (added ones included).
fn moved(before: &StoreState, after: &StoreState) -> BTreeSet<FileId> {
    after
        .heads
        .iter()
        .filter(|(f, h)| before.heads.get(f) != Some(h))
        .map(|(f, _)| *f)
        .collect()
}

/// One input of the `import` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn import(data: &[u8]) -> Result<(), Violation> {
    let (selector, bytes) = match data.split_first() {
        Some((m, rest)) => (*m, rest),
        None => (0, data),
    };
    let kind = selector % 3;
    let options = CsvOptions {
        skip_duplicates: (selector / 3) % 2 == 1,
        strict: (selector / 6) % 2 == 1,
        progress: None,
    };
    world::with_bob(|_, node| {
        let before = StoreState::of(&node)?;
        // (what was reported as changed, how many files were added by the report's account)
        let result: Result<(Vec<String>, usize), String> = match kind {
            0 => import_clients_csv(&node, bytes, &options)
                .map(|r| (r.files, r.imported))
                .map_err(|e| e.to_string()),
            1 => import_interactions_csv(&node, bytes, &options)
                .map(|r| (r.files, 0))
                .map_err(|e| e.to_string()),
            _ => match std::str::from_utf8(bytes) {
                // The CLI refuses a JSON file that is not UTF-8 before it gets here.
                Err(_) => return Ok(()),
                Ok(text) => import_json(&node, text, "fuzz.json", false)
                    .map(|id| (vec![id.to_string()], 1))
                    .map_err(|e| e.to_string()),
            },
        };
        let after = StoreState::of(&node)?;
        let (reported, added) = match result {
            Err(e) => {
                return ensure(after == before, || {
                    format!("a refused import ({e}) changed Bob's store")
                });
            }
            Ok(r) => r,
        };
        let reported: BTreeSet<FileId> = reported
            .iter()
            .map(|f| {
                f.parse::<FileId>()
                    .map_err(|_| Violation(format!("the import reported a file id {f:?}")))
            })
            .collect::<Result<_, _>>()?;
        let moved = moved(&before, &after);
        ensure(moved.is_subset(&reported), || {
            format!("the import moved files it did not report: {moved:?} vs {reported:?}")
        })?;
        ensure(after.heads.len() == before.heads.len() + added, || {
            format!(
                "the import reported {added} new file(s); the store went from {} to {}",
                before.heads.len(),
                after.heads.len()
            )
        })?;
        for file in &reported {
            if kind != 1 {
                ensure(!before.heads.contains_key(file), || {
                    format!("the import reported an existing file {file} as new")
                })?;
            }
            node.read(*file)
                .map_err(|e| Violation(format!("imported file {file} does not read: {e}")))?;
        }
        Ok(())
    })
}
