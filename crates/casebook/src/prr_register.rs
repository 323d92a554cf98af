//! The Preventative Risk Register on a node (RK-4): the node's side of `casebook_doc::prr`
//! and `casebook_doc::edit::check_prr_item`.

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited, PrrDecision};
use casebook_doc::prr::{self, PrrItem};
use casebook_doc::rules::prr::Scope;
use casebook_i18n::Message;

use crate::{Error, Node};

impl Node {
    /// The register of this node's organisation.
    ///
    /// # Errors
    /// Store errors.
    pub fn prr_register(&self) -> Result<Vec<PrrItem>, Error> {
        let doc = self.store().load_shared(self.organisation_id()?)?;
        Ok(prr::read(doc.as_deref()))
    }

    /// The register of the organisation that judges `file`.
    ///
    /// # Errors
    /// Store errors; [`Error::NoSuchClient`].
    pub fn prr_register_for(&self, file: FileId) -> Result<Vec<PrrItem>, Error> {
        Ok(prr::read(self.judging_document(file)?.as_deref()))
    }

    /// Add an item to this node's organisation's register.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`prr::add`].
    pub fn add_prr_item(
        &self,
        scope: &str,
        category: &str,
        text: &str,
        text_cy: &str,
    ) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = prr::add(doc, ctx, scope, category, text, text_cy)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Retire an item of this node's organisation's register, or restore it.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`prr::set_retired`].
    pub fn retire_prr_item(&self, code: &str, retired: bool) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = prr::set_retired(doc, ctx, code, retired)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Check item `code` of the register for `scope` (the account, an opportunity or a
    /// contract) of `file`, by the register of the organisation that judges it, in one durable
    /// transaction with the risk it raises.
    ///
    /// # Errors
    /// An unknown code; the refusals of [`edit::check_prr_item`].
    pub fn check_prr_item(
        &self,
        file: FileId,
        scope: Scope,
        code: &str,
        decision: &PrrDecision,
    ) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let register = prr::read(self.judging_document_in(txn, &doc)?.as_ref());
            let item = register
                .iter()
                .find(|i| i.code.eq_ignore_ascii_case(code.trim()))
                .cloned()
                .ok_or_else(|| {
                    casebook_doc::Error::Rule(
                        Message::new("prr-no-such-item").with("code", code.trim()),
                    )
                })?;
            let config = self.config_in(txn, &doc)?;
            self.edit_in(txn, file, doc, |d| {
                edit::check_prr_item(
                    d,
                    &self.edit_context(),
                    &config,
                    scope,
                    &item,
                    decision,
                    today,
                )
            })
        })
    }
}
