//! The wire form of range-based set reconciliation over (file id, heads digest) items.
//!
//! A `Reconcile` message describes consecutive ranges of the file-id space, from `lower` up:
//! each range either carries the sender's fingerprint of its items in the range, or lists
//! them. The ranges' bounds are checked here, when the message is decoded, so the session
//! only ever sees well-formed ranges. The algorithm is in the sync crate (`reconcile`).

use casebook_base::limits::{RECONCILE_LEAF_ITEMS, RECONCILE_SPLIT};
use serde::{Deserialize, Serialize};

use crate::Error;

/// One file as set reconciliation sees it: its id and a digest of its heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Item {
    /// The file id.
    pub file: [u8; 16],
    /// A digest of the file id and its sorted heads (equal digests: the same heads).
    pub digest: [u8; 16],
}

/// What the sender says of its items in one range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeBody {
    /// How many items the sender holds in the range, and their fingerprint.
    Fingerprint {
        /// The number of items.
        count: u64,
        /// The fingerprint of the items (see the sync crate's `reconcile::fingerprint`).
        fingerprint: [u8; 16],
    },
    /// Every item the sender holds in the range, sorted by file id.
    Items(Vec<Item>),
}

/// One range: from the previous range's upper bound (or the message's `lower`) up to `upper`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// The exclusive upper bound; `None` is the end of the file-id space.
    pub upper: Option<[u8; 16]>,
    /// What the sender says of the range.
    pub body: RangeBody,
}

/// Check a `Reconcile` message's ranges: at most [`RECONCILE_SPLIT`] of them, non-empty and
/// increasing from `lower`, only the last one open-ended, and listed items inside their range,
/// strictly sorted, at most [`RECONCILE_LEAF_ITEMS`] per range.
///
/// # Errors
/// [`Error::Malformed`] with what was wrong.
pub fn validate(lower: &[u8; 16], ranges: &[Range]) -> Result<(), Error> {
    if ranges.is_empty() || ranges.len() > RECONCILE_SPLIT {
        return Err(Error::Malformed(format!(
            "{} ranges in one reconciliation message (1 to {RECONCILE_SPLIT} allowed)",
            ranges.len()
        )));
    }
    let last = ranges.len().saturating_sub(1);
    let mut from = *lower;
    for (i, range) in ranges.iter().enumerate() {
        match range.upper {
            Some(upper) if upper <= from => {
                return Err(Error::Malformed(format!(
                    "reconciliation range {i} is empty or out of order"
                )));
            }
            None if i != last => {
                return Err(Error::Malformed(format!(
                    "reconciliation range {i} is open-ended but not the last"
                )));
            }
            _ => {}
        }
        if let RangeBody::Items(items) = &range.body {
            if items.len() > RECONCILE_LEAF_ITEMS {
                return Err(Error::Malformed(format!(
                    "{} items listed in one reconciliation range (at most {RECONCILE_LEAF_ITEMS})",
                    items.len()
                )));
            }
            let mut previous: Option<[u8; 16]> = None;
            for item in items {
                let inside = item.file >= from && range.upper.is_none_or(|u| item.file < u);
                let sorted = previous.is_none_or(|p| p < item.file);
                if !inside || !sorted {
                    return Err(Error::Malformed(format!(
                        "reconciliation range {i} lists a file outside it or out of order"
                    )));
                }
                previous = Some(item.file);
            }
        }
        if let Some(upper) = range.upper {
            from = upper;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp() -> RangeBody {
        RangeBody::Fingerprint {
            count: 1,
            fingerprint: [0; 16],
        }
    }

    fn item(first: u8) -> Item {
        let mut file = [0; 16];
        file[0] = first;
        Item {
            file,
            digest: [1; 16],
        }
    }

    fn bound(first: u8) -> Option<[u8; 16]> {
        let mut b = [0; 16];
        b[0] = first;
        Some(b)
    }

    #[test]
    fn well_formed_ranges_pass() {
        let ranges = vec![
            Range {
                upper: bound(5),
                body: RangeBody::Items(vec![item(1), item(4)]),
            },
            Range {
                upper: None,
                body: fp(),
            },
        ];
        assert_eq!(validate(&[0; 16], &ranges), Ok(()));
    }

    #[test]
    fn malformed_ranges_are_refused() {
        let cases: Vec<(&str, [u8; 16], Vec<Range>)> = vec![
            ("no range", [0; 16], vec![]),
            (
                "too many ranges",
                [0; 16],
                (1..=17)
                    .map(|i| Range {
                        upper: bound(i),
                        body: fp(),
                    })
                    .collect(),
            ),
            (
                "an empty range",
                bound(3).unwrap_or_default(),
                vec![Range {
                    upper: bound(3),
                    body: fp(),
                }],
            ),
            (
                "an open range before the last",
                [0; 16],
                vec![
                    Range {
                        upper: None,
                        body: fp(),
                    },
                    Range {
                        upper: bound(9),
                        body: fp(),
                    },
                ],
            ),
            (
                "an item outside its range",
                [0; 16],
                vec![Range {
                    upper: bound(2),
                    body: RangeBody::Items(vec![item(2)]),
                }],
            ),
            (
                "items out of order",
                [0; 16],
                vec![Range {
                    upper: None,
                    body: RangeBody::Items(vec![item(4), item(1)]),
                }],
            ),
            (
                "too many items",
                [0; 16],
                vec![Range {
                    upper: None,
                    body: RangeBody::Items(
                        (0..=RECONCILE_LEAF_ITEMS)
                            .map(|i| item(u8::try_from(i).unwrap_or(u8::MAX)))
                            .collect(),
                    ),
                }],
            ),
        ];
        for (what, lower, ranges) in cases {
            assert!(
                matches!(validate(&lower, &ranges), Err(Error::Malformed(_))),
                "{what} was accepted"
            );
        }
    }
}
