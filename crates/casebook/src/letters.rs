//! Documents for a client to read, written in the client's language (CY-1, CY-2): the
//! node's side of `casebook_doc::documents`.

use casebook_base::FileId;
use casebook_doc::documents::{Document, document_language, points_of_contact_letter};
use casebook_doc::view::resolve_person;

use crate::{Error, Node};

impl Node {
    /// The letter telling the client who its points of contact are (CT-1), from this node's
    /// organisation, dated today, addressed to the person `to` (a name or id of the org
    /// chart) or else to the client, in `language` (`cy`, `en`, any usual spelling), else the
    /// language of the person addressed, else the client's, else English.
    ///
    /// # Errors
    /// [`Error::NoSuchClient`], an unknown person or language, or a file with no lead adviser.
    pub fn points_of_contact_letter(
        &self,
        file: FileId,
        to: Option<&str>,
        language: Option<&str>,
    ) -> Result<Document, Error> {
        let account = self.read(file)?;
        let recipient = to.map(|t| resolve_person(&account, t)).transpose()?;
        let lang = document_language(&account, recipient, language)?;
        let organisation = self.organisation()?.name;
        let today = crate::time::local_date(self.now());
        Ok(points_of_contact_letter(
            &account,
            recipient,
            &organisation,
            today,
            lang,
        )?)
    }
}
