//! Contact coverage on the org chart (CT-4).

use crate::disputes::PersonDispute;
use crate::enums::Coverage;
use uuid::Uuid;

use crate::model::{AccountFile, Person};

/// A person's coverage state as the rules judge it: when advisers set different states apart,
/// the least covered of them (not identified, then identified, visit planned, contacted), so a
/// disagreement never shows as met someone one adviser says was not.
pub fn worst_coverage(person: &Person, dispute: Option<&PersonDispute>) -> Coverage {
    dispute
        .and_then(|d| d.coverage.iter().min().copied())
        .map_or(person.coverage, |worst| worst.min(person.coverage))
}

/// The people coverage counts: those still in the client's organisation (CT-4). Someone who
/// has left can be neither a gap nor a contact.
pub fn current_people(file: &AccountFile) -> impl Iterator<Item = (&Uuid, &Person)> {
    file.people.iter().filter(|(_, p)| !p.left)
}

/// How many of the file's current people are contacted, judged by [`worst_coverage`].
pub fn contacted(file: &AccountFile) -> usize {
    current_people(file)
        .filter(|(id, p)| worst_coverage(p, file.disputes.person(id)) == Coverage::Contacted)
        .count()
}

/// How many people coverage is counted over: those still in the organisation.
pub fn covered_total(file: &AccountFile) -> usize {
    current_people(file).count()
}
