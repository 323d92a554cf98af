//! Tiers on a node (PF-4): the node's side of `casebook_doc::tiers` and
//! `casebook_doc::edit::set_tier`.

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited};
use casebook_doc::tiers::{self, Tier, TierFields};
use chrono::NaiveDate;

use crate::{Error, Node};

impl Node {
    /// The tiers of this node's organisation.
    ///
    /// # Errors
    /// Store errors.
    pub fn tiers(&self) -> Result<Vec<Tier>, Error> {
        Ok(self.config()?.tiers)
    }

    /// Add a tier to this node's organisation.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`tiers::add`].
    pub fn add_tier(&self, new: &TierFields) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = tiers::add(doc, ctx, new)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Change tier `name` of this node's organisation.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`tiers::change`].
    pub fn change_tier(&self, name: &str, new: &TierFields) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = tiers::change(doc, ctx, name, new)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Retire tier `name` of this node's organisation, or bring it back.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`tiers::set_retired`].
    pub fn retire_tier(&self, name: &str, retired: bool) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = tiers::set_retired(doc, ctx, name, retired)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Move client `file` into tier `name` (of the organisation that judges it) from `from`,
    /// because `reason`, in one durable transaction.
    ///
    /// # Errors
    /// An unknown tier; the refusals of [`edit::set_tier`].
    pub fn set_client_tier(
        &self,
        file: FileId,
        name: &str,
        from: NaiveDate,
        reason: &str,
    ) -> Result<Edited, Error> {
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let config = self.config_in(txn, &doc)?;
            let tier = tiers::find(&config.tiers, name)?.clone();
            self.edit_in(txn, file, doc, |d| {
                edit::set_tier(d, &self.edit_context(), &tier, from, reason)
            })
        })
    }
}
