//! Language of service (CY-2): each client and person may prefer Welsh or English, each
//! interaction records the language it was held in, and the portfolio reports people who
//! prefer Welsh but were served in English.

use uuid::Uuid;

use crate::Error;
use crate::model::{AccountFile, Interaction};

/// The languages of service casebook records: `cy` (Welsh) and `en` (English).
pub const LANGUAGES: [&str; 2] = ["cy", "en"];

/// A language as recorded: `cy` or `en` from any usual spelling (`CY`, `cy-GB`, `Cymraeg`,
/// `Welsh`, `English`); empty for none.
///
/// # Errors
/// [`Error::BadValue`] naming the accepted forms.
pub fn normalise(text: &str) -> Result<String, Error> {
    let t = text.trim().to_lowercase();
    let primary = t.split(['-', '_']).next().unwrap_or_default();
    match primary {
        "" => Ok(String::new()),
        "cy" | "cym" | "cymraeg" | "welsh" => Ok("cy".into()),
        "en" | "eng" | "saesneg" | "english" => Ok("en".into()),
        _ => Err(Error::BadValue {
            what: crate::error::term("language"),
            input: text.to_string(),
            accepted: "cy (Cymraeg, Welsh), en (English)".into(),
        }),
    }
}

/// The language an interaction is held in when none is given: the preference of the first
/// linked person who has one, else the client's, else none.
pub fn default_for(file: &AccountFile, people: &[Uuid]) -> String {
    people
        .iter()
        .filter_map(|id| file.people.get(id))
        .map(|p| normalise(&p.language).unwrap_or_default())
        .find(|l| !l.is_empty())
        .or_else(|| {
            normalise(&file.profile.language)
                .ok()
                .filter(|l| !l.is_empty())
        })
        .unwrap_or_default()
}

/// Whether an interaction served someone who prefers Welsh in English: held in English with a
/// linked person who prefers Welsh, or with nobody linked while the client prefers Welsh.
pub fn welsh_served_in_english(file: &AccountFile, i: &Interaction) -> bool {
    if normalise(&i.language).ok().as_deref() != Some("en") {
        return false;
    }
    let prefers_welsh = |l: &str| normalise(l).ok().as_deref() == Some("cy");
    let linked: Vec<_> = i
        .people
        .iter()
        .filter_map(|id| file.people.get(id))
        .collect();
    if linked.is_empty() {
        prefers_welsh(&file.profile.language)
    } else {
        linked.iter().any(|p| prefers_welsh(&p.language))
    }
}

/// How many of the file's interactions served a Welsh speaker in English.
pub fn count_welsh_served_in_english(file: &AccountFile) -> usize {
    file.interactions
        .values()
        .filter(|i| welsh_served_in_english(file, i))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn call(language: &str, people: Vec<Uuid>) -> Interaction {
        Interaction {
            kind: crate::enums::InteractionKind::Call,
            direction: crate::enums::Direction::Outbound,
            at: chrono::Utc::now(),
            minutes: 10,
            our_attendees: vec![],
            their_attendees: vec![],
            people,
            purpose: crate::enums::Purpose::ProgressReview,
            summary: String::new(),
            needs: String::new(),
            risks: vec![],
            opportunities: vec![],
            by: "Alys".into(),
            language: language.into(),
        }
    }

    #[test]
    fn languages_are_recorded_as_cy_or_en() {
        assert_eq!(normalise("Cymraeg").unwrap(), "cy");
        assert_eq!(normalise("cy_GB").unwrap(), "cy");
        assert_eq!(normalise("EN").unwrap(), "en");
        assert_eq!(normalise(" ").unwrap(), "");
        assert!(normalise("fr").is_err());
    }

    #[test]
    fn a_welsh_speaker_served_in_english_is_counted() {
        let mut f = AccountFile::default();
        let siân = Uuid::new_v4();
        let bob = Uuid::new_v4();
        f.people.insert(
            siân,
            Person {
                name: "Siân".into(),
                language: "cy".into(),
                ..Person::default()
            },
        );
        f.people.insert(
            bob,
            Person {
                name: "Bob".into(),
                language: "en".into(),
                ..Person::default()
            },
        );
        assert_eq!(default_for(&f, &[bob, siân]), "en");
        assert_eq!(default_for(&f, &[siân]), "cy");
        assert_eq!(default_for(&f, &[]), "");
        assert!(welsh_served_in_english(&f, &call("en", vec![siân])));
        assert!(!welsh_served_in_english(&f, &call("cy", vec![siân])));
        assert!(!welsh_served_in_english(&f, &call("en", vec![bob])));
        assert!(
            !welsh_served_in_english(&f, &call("en", vec![])),
            "client has no preference"
        );
        f.profile.language = "cy".into();
        assert!(welsh_served_in_english(&f, &call("en", vec![])));
        assert_eq!(default_for(&f, &[]), "cy");
    }
}
