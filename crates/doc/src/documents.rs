//! Documents casebook writes for a client to read, in the client's language (CY-1, CY-2):
//! Welsh for a client or person who prefers Welsh, unless the adviser asks for the other.
//!
//! A document is a title and paragraphs of catalogue messages, so that it reads the same in
//! either language and an embedding program can lay it out as it likes.

use casebook_i18n::{Lang, Message, long_date};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::Error;
use crate::model::AccountFile;
use crate::rules::language::normalise;

/// A document for a client, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// What it is, language-neutral (`points-of-contact`).
    pub kind: &'static str,
    /// The language it is written in.
    pub language: Lang,
    /// Its title.
    pub title: Message,
    /// Its paragraphs, in order; each is one line or more.
    pub paragraphs: Vec<Message>,
}

impl Document {
    /// The document as plain text in its language: the title, then the paragraphs, each
    /// after a blank line.
    pub fn render(&self) -> String {
        let mut out = self.title.render(self.language);
        for p in &self.paragraphs {
            out.push_str("\n\n");
            out.push_str(&p.render(self.language));
        }
        out.push('\n');
        out
    }
}

/// The language a document for `file` is written in: the one `asked` for; else the
/// preference of the person it is addressed to; else the client's; else English.
///
/// # Errors
/// [`Error::BadValue`] if `asked` is not a language casebook writes.
pub fn document_language(
    file: &AccountFile,
    recipient: Option<Uuid>,
    asked: Option<&str>,
) -> Result<Lang, Error> {
    let asked = asked.map(normalise).transpose()?.unwrap_or_default();
    let person = recipient
        .and_then(|id| file.people.get(&id))
        .map(|p| normalise(&p.language).unwrap_or_default())
        .unwrap_or_default();
    let client = normalise(&file.profile.language).unwrap_or_default();
    let chosen = [asked, person, client]
        .into_iter()
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    Ok(Lang::from_locale(&chosen).unwrap_or(Lang::En))
}

/// The letter that tells a client who its points of contact are (CT-1): the lead adviser,
/// the deputy and the senior sponsor, from `organisation`, dated `date`, addressed to
/// `recipient` (a person of the file) or to the client, in `language`.
///
/// # Errors
/// [`Error::Rule`] if the file names no lead adviser: the letter would name nobody.
pub fn points_of_contact_letter(
    file: &AccountFile,
    recipient: Option<Uuid>,
    organisation: &str,
    date: NaiveDate,
    language: Lang,
) -> Result<Document, Error> {
    let team = &file.team;
    if team.lead.trim().is_empty() {
        return Err(Error::Rule(
            Message::new("rule-letter-no-lead").with("client", file.profile.name.as_str()),
        ));
    }
    let addressee = recipient
        .and_then(|id| file.people.get(&id))
        .map_or(file.profile.name.as_str(), |p| p.name.as_str());
    let mut paragraphs = vec![
        long_date(date),
        Message::new("letter-greeting").with("name", addressee),
        Message::new("letter-contacts-intro").with("client", file.profile.name.as_str()),
    ];
    let mut people = vec![Message::new("letter-lead").with("name", team.lead.as_str())];
    if !team.deputy.trim().is_empty() {
        people.push(
            Message::new("letter-deputy")
                .with("name", team.deputy.as_str())
                .with("lead", team.lead.as_str()),
        );
    }
    if !team.sponsor.trim().is_empty() {
        people.push(Message::new("letter-sponsor").with("name", team.sponsor.as_str()));
    }
    paragraphs.push(lines(people));
    paragraphs.push(Message::new("letter-languages"));
    paragraphs.push(Message::new("letter-sign-off").with("name", team.lead.as_str()));
    Ok(Document {
        kind: "points-of-contact",
        language,
        title: Message::new("letter-contacts-title").with("organisation", organisation),
        paragraphs,
    })
}

/// Several messages as one paragraph, one per line.
fn lines(messages: Vec<Message>) -> Message {
    let mut joined = Message::new("document-lines-1").with("a", messages[0].clone());
    for m in messages.into_iter().skip(1) {
        joined = Message::new("document-lines-2")
            .with("a", joined)
            .with("b", m);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn file() -> AccountFile {
        let mut f = AccountFile::default();
        f.profile.name = "Afon Valley Foods Ltd".into();
        f.team.lead = "Alice Morgan".into();
        f.team.deputy = "Bethan Evans".into();
        f
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn documents_are_in_the_language_asked_else_the_recipient_s_else_the_client_s() {
        let mut f = file();
        assert_eq!(document_language(&f, None, None).unwrap(), Lang::En);
        f.profile.language = "cy".into();
        assert_eq!(document_language(&f, None, None).unwrap(), Lang::Cy);
        let rhys = Uuid::from_u128(1);
        f.people.insert(
            rhys,
            Person {
                name: "Rhys Jones".into(),
                language: "English".into(),
                ..Person::default()
            },
        );
        assert_eq!(document_language(&f, Some(rhys), None).unwrap(), Lang::En);
        assert_eq!(
            document_language(&f, Some(rhys), Some("Cymraeg")).unwrap(),
            Lang::Cy
        );
        assert!(document_language(&f, None, Some("fr")).is_err());
    }

    #[test]
    fn the_points_of_contact_letter_names_the_team_in_its_language() {
        let f = file();
        let en = points_of_contact_letter(&f, None, "Busnes Gwent", day(), Lang::En)
            .unwrap()
            .render();
        assert!(
            en.starts_with("Your points of contact — Busnes Gwent"),
            "{en}"
        );
        assert!(en.contains("Monday 7 December 2026"), "{en}");
        assert!(en.contains("Dear Afon Valley Foods Ltd,"), "{en}");
        assert!(en.contains("Lead adviser: Alice Morgan"), "{en}");
        assert!(en.contains("Bethan Evans"), "{en}");
        assert!(!en.contains("sponsor"), "no sponsor named: {en}");
        let cy = points_of_contact_letter(&f, None, "Busnes Gwent", day(), Lang::Cy)
            .unwrap()
            .render();
        assert!(cy.contains("Dydd Llun 7 Rhagfyr 2026"), "{cy}");
        assert!(cy.contains("Annwyl Afon Valley Foods Ltd,"), "{cy}");
        assert!(cy.contains("Cynghorydd arweiniol: Alice Morgan"), "{cy}");
        assert!(!cy.contains("Dear") && !cy.contains("adviser"), "{cy}");
    }

    #[test]
    fn a_letter_without_a_lead_adviser_is_refused() {
        let mut f = file();
        f.team.lead = " ".into();
        assert!(points_of_contact_letter(&f, None, "Org", day(), Lang::En).is_err());
    }
}
