//! Contact coverage on the org chart (CT-4).

use crate::disputes::PersonDispute;
use crate::enums::Coverage;
use crate::model::{AccountFile, Person};

/// A person's coverage state as the rules judge it: when advisers set different states apart,
/// the least covered of them (not identified, then identified, visit planned, contacted), so a
/// disagreement never shows as met someone one adviser says was not.
pub fn worst_coverage(person: &Person, dispute: Option<&PersonDispute>) -> Coverage {
    dispute
        .and_then(|d| d.coverage.iter().min().copied())
        .map_or(person.coverage, |worst| worst.min(person.coverage))
}

/// How many of the file's people are contacted, judged by [`worst_coverage`].
pub fn contacted(file: &AccountFile) -> usize {
    file.people
        .iter()
        .filter(|(id, p)| worst_coverage(p, file.disputes.person(id)) == Coverage::Contacted)
        .count()
}
