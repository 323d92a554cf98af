//! Filling a node's store with generated files: built on worker threads, committed in batches.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use casebook::{FileId, Node, Origin};
use casebook_store::Commit;

use crate::build::{Built, build};
use crate::{BoxResult, Method, Spec, fmt_dur, threads};

/// Files committed per durable transaction.
pub const BATCH: usize = 250;

/// Build files 0 to `files - 1` of `spec` on one worker thread per core and commit them to
/// `node`'s store in batches of [`BATCH`] files, each batch in one durable transaction, as a
/// new file's first commits would be. Returns the ids in the order they were committed (not
/// the files' numbers: the workers finish in any order). Prints progress to stderr every 30 s.
///
/// # Errors
/// If a file cannot be built or a batch cannot be committed.
pub fn populate(node: &Node, spec: &Spec, files: usize, method: Method) -> BoxResult<Vec<FileId>> {
    let workers = threads();
    let key = node.secret_key();
    let (tx, rx) = mpsc::sync_channel::<Result<Built, String>>(BATCH * 2);
    let mut ids = Vec::with_capacity(files);
    let started = Instant::now();
    let mut last_report = Instant::now();
    std::thread::scope(|scope| -> BoxResult<()> {
        for w in 0..workers {
            let tx = tx.clone();
            scope.spawn(move || {
                for n in (w..files).step_by(workers) {
                    // The error is a string: a boxed error cannot cross threads.
                    let built = build(n, spec, key, method).map_err(|e| e.to_string());
                    if tx.send(built).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut batch: Vec<Built> = Vec::with_capacity(BATCH);
        for built in rx {
            batch.push(built?);
            if batch.len() == BATCH {
                commit_batch(node, &mut batch, &mut ids)?;
                if last_report.elapsed() > Duration::from_secs(30) {
                    last_report = Instant::now();
                    eprintln!(
                        "  populated {} of {files} files in {}",
                        ids.len(),
                        fmt_dur(started.elapsed())
                    );
                }
            }
        }
        if !batch.is_empty() {
            commit_batch(node, &mut batch, &mut ids)?;
        }
        Ok(())
    })?;
    Ok(ids)
}

/// Commit a batch of new files in one durable transaction, every part of each file in order,
/// note their ids and empty the batch.
///
/// # Errors
/// If the store refuses the transaction.
pub fn commit_batch(node: &Node, batch: &mut Vec<Built>, ids: &mut Vec<FileId>) -> BoxResult<()> {
    let commits: Vec<Commit<'_>> = batch
        .iter()
        .flat_map(|b| {
            b.parts.iter().map(|p| Commit {
                file_id: b.id,
                doc: &p.doc,
                changes: p.doc.get_changes(&p.since),
                summary: &p.summary,
                origin: Origin::Local,
                signatures: p.signatures.clone(),
            })
        })
        .collect();
    node.store().commit_many(&commits)?;
    ids.extend(batch.iter().map(|b| b.id));
    batch.clear();
    Ok(())
}
