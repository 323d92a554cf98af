//! Duplicate clients (CL-6, and any new client): the same company, or the same name at the
//! same postcode, or the same name where one of the two has no postcode to tell them apart,
//! is most likely the same client entered twice. The same name at two different postcodes is
//! two branches.

use std::collections::HashMap;

use serde::Serialize;

/// Why two clients look like one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicateReason {
    /// The same Companies House number.
    CompanyNumber,
    /// The same name at the same postcode (or both without one).
    NameAndPostcode,
    /// The same name, and one of the two has no postcode to tell them apart.
    NameWithoutPostcode,
}

impl DuplicateReason {
    /// The reason in words for people, in any language.
    pub fn message(self) -> casebook_i18n::Message {
        casebook_i18n::Message::new(match self {
            Self::CompanyNumber => "rule-duplicate-company-number",
            Self::NameAndPostcode => "rule-duplicate-name-and-postcode",
            Self::NameWithoutPostcode => "rule-duplicate-name-without-postcode",
        })
    }
}

impl std::fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().english())
    }
}

/// A name as compared: lowercase, runs of spaces as one.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A postcode or company number as compared: no spaces, upper case ("cf10 1aa" = "CF101AA").
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// The clients known so far, indexed so that each new one is checked in constant time (an
/// import of 20,000 rows against 20,000 clients makes 20,000 lookups, not 400 million
/// comparisons). `T` labels a client: its summary, a row number.
#[derive(Clone, Debug)]
pub struct DuplicateIndex<T> {
    by_number: HashMap<String, T>,
    by_name_postcode: HashMap<(String, String), T>,
    /// Per name: the first client recorded with it, and the first one without a postcode.
    by_name: HashMap<String, (T, Option<T>)>,
}

impl<T> Default for DuplicateIndex<T> {
    fn default() -> Self {
        Self {
            by_number: HashMap::new(),
            by_name_postcode: HashMap::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T: Clone> DuplicateIndex<T> {
    /// Record a client; the first one recorded under a key is the one later matches name.
    pub fn insert(&mut self, name: &str, postcode: &str, company_number: &str, label: T) {
        let number = normalise_code(company_number);
        if !number.is_empty() {
            self.by_number
                .entry(number)
                .or_insert_with(|| label.clone());
        }
        let postcode = normalise_code(postcode);
        let entry = self
            .by_name
            .entry(normalise_name(name))
            .or_insert_with(|| (label.clone(), None));
        if postcode.is_empty() && entry.1.is_none() {
            entry.1 = Some(label.clone());
        }
        self.by_name_postcode
            .entry((normalise_name(name), postcode))
            .or_insert(label);
    }

    /// The client a new one with these details would duplicate, and why.
    pub fn find(
        &self,
        name: &str,
        postcode: &str,
        company_number: &str,
    ) -> Option<(&T, DuplicateReason)> {
        let number = normalise_code(company_number);
        if !number.is_empty()
            && let Some(found) = self.by_number.get(&number)
        {
            return Some((found, DuplicateReason::CompanyNumber));
        }
        let name = normalise_name(name);
        let postcode = normalise_code(postcode);
        if let Some(found) = self.by_name_postcode.get(&(name.clone(), postcode.clone())) {
            return Some((found, DuplicateReason::NameAndPostcode));
        }
        let (first, without_postcode) = self.by_name.get(&name)?;
        if postcode.is_empty() {
            Some((first, DuplicateReason::NameWithoutPostcode))
        } else {
            without_postcode
                .as_ref()
                .map(|found| (found, DuplicateReason::NameWithoutPostcode))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_company_or_the_same_name_at_a_postcode_is_a_duplicate() {
        let mut index = DuplicateIndex::default();
        index.insert("Acme Ltd", "CF10 1AA", "01234567", "acme");
        index.insert("Bryn Bakery", "", "", "bryn");
        assert_eq!(
            index.find("Other Name", "", "0123 4567"),
            Some((&"acme", DuplicateReason::CompanyNumber))
        );
        assert_eq!(
            index.find("ACME  ltd", "cf101aa", ""),
            Some((&"acme", DuplicateReason::NameAndPostcode))
        );
        assert_eq!(
            index.find("Acme Ltd", "SA1 1AA", ""),
            None,
            "another branch"
        );
        assert_eq!(
            index.find("bryn bakery", "", ""),
            Some((&"bryn", DuplicateReason::NameAndPostcode))
        );
        assert_eq!(
            index.find("Bryn Bakery", "LL55 4UR", ""),
            Some((&"bryn", DuplicateReason::NameWithoutPostcode)),
            "the first Bryn Bakery has no postcode to tell them apart"
        );
        assert_eq!(
            index.find("Acme Ltd", "", ""),
            Some((&"acme", DuplicateReason::NameWithoutPostcode)),
            "a new Acme without a postcode may be the one at CF10 1AA"
        );
    }
}
