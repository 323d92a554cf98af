//! Choosing which files a scenario changes: evenly spread, so they are not all the first ones
//! committed.

use casebook::FileId;

/// `count` files spread evenly over `ids`, shifted by `offset`.
pub fn spread(ids: &[FileId], count: usize, offset: usize) -> Vec<FileId> {
    split_spread(ids, count, offset).0
}

/// `count` files spread evenly over `ids` (shifted by `offset`), and the others, both in the
/// order of `ids`. Picking from the others again gives disjoint sets.
pub fn split_spread(ids: &[FileId], count: usize, offset: usize) -> (Vec<FileId>, Vec<FileId>) {
    let count = count.min(ids.len());
    if count == 0 {
        return (Vec::new(), ids.to_vec());
    }
    let step = ids.len() / count;
    let picked: std::collections::BTreeSet<usize> = (0..count)
        .map(|i| (i * step + offset % step.max(1)) % ids.len())
        .collect();
    let mut chosen = Vec::with_capacity(count);
    let mut others = Vec::with_capacity(ids.len() - count);
    for (i, id) in ids.iter().enumerate() {
        if picked.contains(&i) {
            chosen.push(*id);
        } else {
            others.push(*id);
        }
    }
    (chosen, others)
}
