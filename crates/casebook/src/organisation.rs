//! A node's organisation: the document whose rules judge its account files, kept and synced
//! like an account file (see [`casebook_doc::org`]).
//!
//! The node's organisation id is in the store's metadata (`org_id`). A store without one (new,
//! or made before organisations existed) gets an organisation document on first open, holding
//! the settings the store kept for itself until then, with this node as its administrator.
//! Each account file names the organisation whose rules judge it (its root `org`, written when
//! it is created); a file naming none, or an organisation this node does not hold, is judged
//! by this node's own. Rules are read in the same transaction as the data they judge, and a
//! change of an organisation's rules (made here or received) recomputes the summary of every
//! file it judges in that same transaction, so no colour is ever stale.

use automerge::{ActorId, Automerge};
use casebook_base::{FileId, NodeId};
use casebook_doc::kpis::{self, Kpi};
use casebook_doc::org::{self, Organisation};
use casebook_doc::{FileSummary, OrgConfig, schema, view};
use casebook_store::{Commit, Origin, Txn};

use crate::{Error, Node, authority};

/// The metadata key of this node's organisation id.
pub(crate) const ORG_META: &str = "org_id";

/// The meta key holding the [`casebook_doc::summary::SUMMARY_VERSION`] the stored summaries
/// were computed with (absent: version 1).
const SUMMARY_VERSION_META: &str = "summary_version";

/// The organisation whose rules judge a file: the one it names (`org::judge_of`) if
/// `owner_of` finds that organisation's document held here and made by the node the file
/// names, else this node's own (`own`).
fn judging_org(
    named: Option<org::Judge>,
    own: Option<FileId>,
    mut owner_of: impl FnMut(FileId) -> Result<Option<NodeId>, Error>,
) -> Result<Option<FileId>, Error> {
    if let Some(j) = named
        && owner_of(j.id)? == Some(j.owner)
    {
        return Ok(Some(j.id));
    }
    Ok(own)
}

fn org_id_of(bytes: Option<Vec<u8>>) -> Option<FileId> {
    bytes
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.parse::<FileId>().ok())
        .filter(|id| id.is_organisation())
}

/// The rules of the organisations held on a node, to judge many files at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// This node's organisation's.
    pub own: OrgConfig,
    /// Every organisation held: id → (the node that made its document, its rules).
    orgs: std::collections::HashMap<String, (String, OrgConfig)>,
}

impl Rules {
    /// Rules that judge every file alike.
    pub fn single(config: OrgConfig) -> Self {
        Self {
            own: config,
            orgs: std::collections::HashMap::new(),
        }
    }

    /// The rules that judge the file `s` summarises: its organisation's, if its document held
    /// here was made by the node the file names, else this node's (as `Node::config_for`).
    pub fn for_file(&self, s: &FileSummary) -> &OrgConfig {
        match (&s.judge, &s.judge_owner) {
            (Some(id), Some(owner)) => match self.orgs.get(id) {
                Some((made_by, config)) if made_by == owner => config,
                _ => &self.own,
            },
            _ => &self.own,
        }
    }
}

/// The index row of account file `doc` judged by `config`, naming the organisation it names.
///
/// # Errors
/// [`casebook_doc::Error`] if `doc` does not read as an account file.
pub fn summary_of_account(
    doc: &Automerge,
    config: &OrgConfig,
) -> Result<FileSummary, casebook_doc::Error> {
    let mut summary = FileSummary::of(&view::read(doc)?, config);
    if let Some(j) = org::judge_of(doc) {
        summary.judge = Some(j.id.to_string());
        summary.judge_owner = Some(j.owner.to_string());
    }
    Ok(summary)
}

/// The index row of an organisation document: its name, owner and sharing, so sync offers it
/// to its members as it offers an account file to those it is shared with.
///
/// # Errors
/// [`casebook_doc::Error`] if `doc` is not an organisation document.
pub fn summary_of_org(doc: &Automerge) -> Result<FileSummary, Error> {
    let o = org::read(doc)?;
    let sharing = o
        .administrators
        .iter()
        .map(|n| (n.to_string(), schema::WRITE.to_string()))
        .chain(
            o.members
                .iter()
                .map(|n| (n.to_string(), schema::READ.to_string())),
        )
        .collect();
    Ok(FileSummary {
        file_id: o.id.to_string(),
        name: o.name,
        owner: o.owner.to_string(),
        sharing,
        ..FileSummary::default()
    })
}

/// An organisation's administrators, by adviser, for messages.
fn administrators_of(o: &Organisation) -> String {
    o.administrators
        .iter()
        .map(|n| o.label(n))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Node {
    /// Give a store that has no organisation one, in one transaction: a new organisation
    /// document with this node as administrator and the settings the store kept for itself,
    /// named after the adviser. Does nothing if the store has one (another process may have
    /// made it first).
    pub(crate) fn ensure_organisation(&self) -> Result<(), Error> {
        if org_id_of(self.store().meta(ORG_META)?).is_some() {
            return Ok(());
        }
        let kept = self.store().config()?;
        let adviser = self.adviser().trim();
        let name = if adviser.is_empty() {
            "My organisation".to_string()
        } else {
            format!("{adviser}'s organisation")
        };
        self.store().update(|txn| {
            if org_id_of(txn.meta(ORG_META)?).is_some() {
                return Ok::<_, Error>(());
            }
            // The same id whenever this node's store is made, so its first files name it alike.
            let id = FileId::first_organisation_of(&self.node_id());
            let mut doc = schema::new_file(id, self.node_id())?;
            doc.set_actor(ActorId::from(&self.node_id().as_bytes()[..]));
            let ctx = self.edit_context();
            org::set_name(&mut doc, &ctx, &name)?;
            if kept != OrgConfig::default() {
                org::set_config(
                    &mut doc,
                    &ctx,
                    &kept,
                    "Settings: brought over from this node's own".into(),
                )?;
            }
            txn.set_meta(ORG_META, id.to_string().as_bytes())?;
            self.commit_own(txn, id, &doc, &[])?;
            Ok(())
        })
    }

    /// Recompute every stored summary, in one transaction, if an older build computed them
    /// (see [`casebook_doc::summary::SUMMARY_VERSION`]); returns how many were recomputed.
    pub(crate) fn refresh_stale_summaries(&self) -> Result<usize, Error> {
        let current = casebook_doc::summary::SUMMARY_VERSION;
        let stored = |meta: Option<Vec<u8>>| -> u32 {
            meta.and_then(|v| String::from_utf8(v).ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
        };
        if stored(self.store().meta(SUMMARY_VERSION_META)?) >= current {
            return Ok(0);
        }
        self.store().update(|txn| {
            if stored(txn.meta(SUMMARY_VERSION_META)?) >= current {
                return Ok::<_, Error>(0);
            }
            let mut count = 0;
            for file in txn.file_ids()? {
                let Some(doc) = txn.load(file)? else { continue };
                let summary = if file.is_organisation() {
                    summary_of_org(&doc)?
                } else {
                    self.summary_in(txn, &doc)?
                };
                txn.put_summary(file, &summary)?;
                count += 1;
            }
            txn.set_meta(SUMMARY_VERSION_META, current.to_string().as_bytes())?;
            Ok(count)
        })
    }

    /// Commit the changes of `doc` since `before`, made by this node, signed; returns how
    /// many account files its rules judge (each judged again in this transaction).
    fn commit_own(
        &self,
        txn: &mut Txn,
        id: FileId,
        doc: &Automerge,
        before: &[automerge::ChangeHash],
    ) -> Result<usize, Error> {
        let changes = doc.get_changes(before);
        let signatures = self.sign_own(&changes);
        Ok(self
            .commit_org_in(txn, id, doc, changes, Origin::Local, signatures)?
            .1)
    }

    /// Commit changes of organisation document `org` (made here or received) with its index
    /// row, and judge again, in the same transaction, every account file its rules judge.
    /// Returns the log sequence number and how many files were judged again.
    pub(crate) fn commit_org_in(
        &self,
        txn: &mut Txn,
        org: FileId,
        doc: &Automerge,
        changes: Vec<automerge::Change>,
        origin: Origin,
        signatures: Vec<casebook_store::ChangeSignature>,
    ) -> Result<(u64, usize), Error> {
        // Rules unchanged (a member added, a rename): no file is judged differently.
        let rules_before = match txn.load(org)? {
            Some(d) => Some(org::config_of(&d)?),
            None => None,
        };
        let seq = txn.commit(&Commit {
            file_id: org,
            doc,
            changes,
            summary: &summary_of_org(doc)?,
            origin,
            signatures,
        })?;
        if rules_before.as_ref() == Some(&org::config_of(doc)?) {
            return Ok((seq, 0));
        }
        Ok((seq, self.resummarise_judged_by(txn, org)?))
    }

    /// This node's organisation's id.
    ///
    /// # Errors
    /// Store errors; [`Error::BadInput`] if the store names none (it always does once open).
    pub fn organisation_id(&self) -> Result<FileId, Error> {
        org_id_of(self.store().meta(ORG_META)?).ok_or_else(|| Error::BadInput {
            name: "store".into(),
            reason: casebook_i18n::Message::new("err-input-no-organisation"),
        })
    }

    /// This node's organisation as a file names its judge.
    ///
    /// # Errors
    /// Store errors.
    pub fn own_judge(&self) -> Result<org::Judge, Error> {
        let o = self.organisation()?;
        Ok(org::Judge {
            id: o.id,
            owner: o.owner,
        })
    }

    /// This node's organisation as its document says now.
    ///
    /// # Errors
    /// Store errors.
    pub fn organisation(&self) -> Result<Organisation, Error> {
        self.organisation_by_id(self.organisation_id()?)
    }

    /// An organisation this node holds.
    ///
    /// # Errors
    /// [`Error::NoSuchOrganisation`] if it holds none with that id.
    pub fn organisation_by_id(&self, id: FileId) -> Result<Organisation, Error> {
        let doc = self
            .store()
            .load_shared(id)?
            .ok_or(Error::NoSuchOrganisation { id })?;
        Ok(org::read(&doc)?)
    }

    /// The rules of every organisation held here, to judge many files at once (`client list`,
    /// `portfolio`): each file by its organisation's, this node's for the rest.
    ///
    /// # Errors
    /// Store errors.
    pub fn rules(&self) -> Result<Rules, Error> {
        let own = self.config()?;
        let mut orgs = std::collections::HashMap::new();
        for id in self.store().file_ids()? {
            if !id.is_organisation() {
                continue;
            }
            if let Some(doc) = self.store().load_shared(id)? {
                let o = org::read(&doc)?;
                orgs.insert(id.to_string(), (o.owner.to_string(), o.config));
            }
        }
        Ok(Rules { own, orgs })
    }

    /// The rules of this node's organisation now (each call reads them, so a change made by
    /// another process or received from a peer counts at once).
    ///
    /// # Errors
    /// Store errors.
    pub fn config(&self) -> Result<OrgConfig, Error> {
        Ok(self.organisation()?.config)
    }

    /// The rules that judge `file`: those of the organisation it names, if held here, else
    /// this node's.
    ///
    /// # Errors
    /// Store errors; [`Error::NoSuchClient`] for an unknown file.
    pub fn config_for(&self, file: FileId) -> Result<OrgConfig, Error> {
        Ok(self.organisation_by_id(self.judge_of_file(file)?)?.config)
    }

    /// The organisation that judges `file`: the one it names, if held here, else this node's.
    fn judge_of_file(&self, file: FileId) -> Result<FileId, Error> {
        let doc = self.load(file)?;
        let own = self.organisation_id()?;
        let store = self.store();
        Ok(judging_org(org::judge_of(&doc), Some(own), |id| {
            Ok(match store.load_shared(id)? {
                Some(o) => Some(schema::owner_of(&o)?),
                None => None,
            })
        })?
        .unwrap_or(own))
    }

    /// The document of the organisation that judges `file`, read without a write transaction
    /// (for its templates: KPIs, the preventative risk register).
    pub(crate) fn judging_document(
        &self,
        file: FileId,
    ) -> Result<Option<std::sync::Arc<Automerge>>, Error> {
        Ok(self.store().load_shared(self.judge_of_file(file)?)?)
    }

    /// The organisation that judges `doc`, read inside `txn` (see `judging_org`).
    fn judge_in(&self, txn: &mut Txn, doc: &Automerge) -> Result<Option<FileId>, Error> {
        let own = org_id_of(txn.meta(ORG_META)?);
        judging_org(org::judge_of(doc), own, |id| {
            Ok(match txn.load(id)? {
                Some(o) => Some(schema::owner_of(&o)?),
                None => None,
            })
        })
    }

    /// The index row of account file `doc`, judged by its rules as `txn` holds them.
    pub(crate) fn summary_in(&self, txn: &mut Txn, doc: &Automerge) -> Result<FileSummary, Error> {
        let config = self.config_in(txn, doc)?;
        Ok(summary_of_account(doc, &config)?)
    }

    /// The rules that judge `doc`, read inside `txn`.
    pub(crate) fn config_in(&self, txn: &mut Txn, doc: &Automerge) -> Result<OrgConfig, Error> {
        match self.judge_in(txn, doc)? {
            Some(id) => match txn.load(id)? {
                Some(o) => Ok(org::config_of(&o)?),
                None => Ok(OrgConfig::default()),
            },
            None => Ok(OrgConfig::default()),
        }
    }

    /// The KPI set of the organisation that judges `doc`, read inside `txn`: the shipped set
    /// where none is held.
    pub(crate) fn kpis_in(&self, txn: &mut Txn, doc: &Automerge) -> Result<Vec<Kpi>, Error> {
        Ok(match self.judge_in(txn, doc)? {
            Some(id) => txn.load(id)?.map_or_else(kpis::shipped, |o| kpis::read(&o)),
            None => kpis::shipped(),
        })
    }

    /// The document of the organisation that judges `doc`, read inside `txn`, if held here.
    pub(crate) fn judging_document_in(
        &self,
        txn: &mut Txn,
        doc: &Automerge,
    ) -> Result<Option<Automerge>, Error> {
        Ok(match self.judge_in(txn, doc)? {
            Some(id) => txn.load(id)?,
            None => None,
        })
    }

    /// The survey question bank of the organisation that judges `doc`, read inside `txn`.
    pub(crate) fn survey_questions_in(
        &self,
        txn: &mut Txn,
        doc: &Automerge,
    ) -> Result<Vec<casebook_doc::survey_bank::SurveyQuestion>, Error> {
        use casebook_doc::survey_bank;
        Ok(match self.judge_in(txn, doc)? {
            Some(id) => txn
                .load(id)?
                .map_or_else(survey_bank::shipped, |o| survey_bank::read(&o)),
            None => survey_bank::shipped(),
        })
    }

    /// Edit this node's organisation document `id` with `edit` (its rules unchanged: nothing
    /// is judged again), refused on a node that is not an administrator.
    pub(crate) fn edit_organisation_with<F>(&self, id: FileId, edit: F) -> Result<(), Error>
    where
        F: FnOnce(
            &mut Automerge,
            &casebook_doc::edit::EditContext,
        ) -> Result<casebook_doc::edit::Edited, casebook_doc::Error>,
    {
        self.edit_organisation(id, edit, &mut 0)
    }

    /// The KPI set of this node's organisation (BS-5).
    ///
    /// # Errors
    /// Store errors.
    pub fn kpis(&self) -> Result<Vec<Kpi>, Error> {
        let id = self.organisation_id()?;
        Ok(self
            .store()
            .load_shared(id)?
            .map_or_else(kpis::shipped, |o| kpis::read(&o)))
    }

    /// Add a KPI to this node's organisation's set; returns it.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`] on a node that is not one; the refusals of [`kpis::add`].
    pub fn add_kpi(&self, new: &kpis::NewKpi) -> Result<Kpi, Error> {
        let id = self.organisation_id()?;
        let mut added = None;
        self.edit_organisation(
            id,
            |doc, ctx| {
                let edited = kpis::add(doc, ctx, new)?;
                added = edited.entry;
                Ok(edited)
            },
            &mut 0,
        )?;
        self.kpi_by_id(added)
    }

    /// Change KPI `query` (its code or id) of this node's organisation's set; returns it.
    ///
    /// # Errors
    /// As [`Node::add_kpi`], and the refusals of [`kpis::change`].
    pub fn change_kpi(&self, query: &str, change: &kpis::KpiChange) -> Result<Kpi, Error> {
        let id = self.organisation_id()?;
        let mut changed = None;
        self.edit_organisation(
            id,
            |doc, ctx| {
                let edited = kpis::change(doc, ctx, query, change)?;
                changed = edited.entry;
                Ok(edited)
            },
            &mut 0,
        )?;
        self.kpi_by_id(changed)
    }

    fn kpi_by_id(&self, id: Option<uuid::Uuid>) -> Result<Kpi, Error> {
        let set = self.kpis()?;
        let id = id.map(|i| i.to_string()).unwrap_or_default();
        Ok(kpis::find(&set, &id)?.clone())
    }

    /// Recompute, inside `txn`, the summary of every account file judged by organisation
    /// `org` (its rules just changed); returns how many.
    fn resummarise_judged_by(&self, txn: &mut Txn, org: FileId) -> Result<usize, Error> {
        // Its rules are read once; each file is only asked whether they judge it.
        let config = match txn.load(org)? {
            Some(o) => org::config_of(&o)?,
            None => return Ok(0),
        };
        let mut count = 0;
        for file in txn.file_ids()? {
            if file.is_organisation() {
                continue;
            }
            let Some(doc) = txn.load(file)? else { continue };
            if self.judge_in(txn, &doc)? != Some(org) {
                continue;
            }
            txn.put_summary(file, &summary_of_account(&doc, &config)?)?;
            count += 1;
        }
        Ok(count)
    }

    /// Change this node's organisation's rules, as one signed change of its document, and
    /// recompute every summary they judge in the same transaction; returns how many files were
    /// judged again. `message` says what changed, in the domain's words.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`] on a node that is not one; the refusals of
    /// [`org::set_config`]; store errors.
    pub fn set_config(&self, config: &OrgConfig, message: &str) -> Result<usize, Error> {
        self.change_config(message, |c| {
            c.clone_from(config);
            Ok(())
        })
        .map(|(_, judged)| judged)
    }

    /// Change this node's organisation's rules with `change`, applied to the rules as they are
    /// inside the transaction that writes them (so a change that arrived meanwhile is never
    /// written back over); returns the new rules and how many files were judged again.
    ///
    /// # Errors
    /// As [`Node::set_config`], and what `change` refuses.
    pub fn change_config(
        &self,
        message: &str,
        change: impl FnOnce(&mut OrgConfig) -> Result<(), casebook_doc::Error>,
    ) -> Result<(OrgConfig, usize), Error> {
        let id = self.organisation_id()?;
        let mut count = 0;
        let mut written = OrgConfig::default();
        self.edit_organisation(
            id,
            |doc, ctx| {
                let mut config = org::config_of(doc)?;
                change(&mut config)?;
                written.clone_from(&config);
                org::set_config(doc, ctx, &config, message.to_string())
            },
            &mut count,
        )?;
        Ok((written, count))
    }

    /// Make `node` an administrator (`write`), a member (`read`) or neither (`None`) of this
    /// node's organisation. `label` names it for the history.
    ///
    /// # Errors
    /// As [`Node::set_config`].
    pub fn set_organisation_role(
        &self,
        node: NodeId,
        role: Option<&str>,
        label: &str,
    ) -> Result<(), Error> {
        self.set_organisation_roles(&[(node, label.to_string())], role)
    }

    /// [`Node::set_organisation_role`] for several nodes (an adviser's), all or none, in one
    /// transaction.
    ///
    /// # Errors
    /// As [`Node::set_config`]; nothing is written if any of them is refused.
    pub fn set_organisation_roles(
        &self,
        nodes: &[(NodeId, String)],
        role: Option<&str>,
    ) -> Result<(), Error> {
        let id = self.organisation_id()?;
        self.edit_organisation(
            id,
            |doc, ctx| {
                let mut last = casebook_doc::edit::Edited::default();
                for (node, label) in nodes {
                    last = org::set_role(doc, ctx, *node, role, label)?;
                }
                Ok(last)
            },
            &mut 0,
        )
    }

    /// Start a new organisation with this node as its administrator, and make it this node's.
    ///
    /// # Errors
    /// [`casebook_doc::Error::Rule`] for an empty name; store errors.
    pub fn create_organisation(&self, name: &str) -> Result<FileId, Error> {
        let id = FileId::new_organisation();
        let mut doc = schema::new_file(id, self.node_id())?;
        doc.set_actor(ActorId::from(&self.node_id().as_bytes()[..]));
        org::set_name(&mut doc, &self.edit_context(), name)?;
        self.store().update(|txn| {
            let previous = org_id_of(txn.meta(ORG_META)?).unwrap_or(id);
            // The node's organisation first, so the commit judges its files by the new rules.
            txn.set_meta(ORG_META, id.to_string().as_bytes())?;
            self.commit_own(txn, id, &doc, &[])?;
            let to = org::Judge {
                id,
                owner: self.node_id(),
            };
            self.move_own_files(txn, previous, to, name)?;
            Ok::<_, Error>(())
        })?;
        Ok(id)
    }

    /// Have the account files this node owns, and may still write, that its previous
    /// organisation judged, judged by organisation `to` from now on: one signed change each,
    /// so every node that holds them follows. Files of other owners stay with their owners'
    /// organisations. Returns how many moved.
    fn move_own_files(
        &self,
        txn: &mut Txn,
        from: FileId,
        to: org::Judge,
        name: &str,
    ) -> Result<usize, Error> {
        let me = self.node_id();
        let mut moved = 0;
        for file in txn.file_ids()? {
            if file.is_organisation() || from == to.id {
                continue;
            }
            let Some(doc) = txn.load(file)? else {
                continue;
            };
            if schema::owner_of(&doc)? != me || org::judge_of(&doc).map(|j| j.id) != Some(from) {
                continue;
            }
            if !authority::may_write_at(&doc, &me, &doc.get_heads()) {
                continue;
            }
            self.edit_in(txn, file, doc, |d| {
                org::set_judge(d, &self.edit_context(), to, name)
            })?;
            moved += 1;
        }
        Ok(moved)
    }

    /// Make organisation `id`, whose document this node holds (an administrator added this node
    /// and it synced since), this node's organisation. The account files this node owns that
    /// its previous organisation judged move with it (see `move_own_files`); returns the
    /// organisation and how many files moved.
    ///
    /// # Errors
    /// [`Error::NoSuchOrganisation`] if the document is not here yet.
    pub fn join_organisation(&self, id: FileId) -> Result<(Organisation, usize), Error> {
        let me = self.node_id();
        let (o, moved) = self.store().update(|txn| {
            let doc = txn.load(id)?.ok_or(Error::NoSuchOrganisation { id })?;
            let o = org::read(&doc)?;
            if !o.administrators.contains(&me) && !o.members.contains(&me) {
                return Err(Error::NotAMember {
                    organisation: o.name.clone(),
                    administrators: administrators_of(&o),
                });
            }
            let previous = org_id_of(txn.meta(ORG_META)?);
            txn.set_meta(ORG_META, id.to_string().as_bytes())?;
            let to = org::Judge { id, owner: o.owner };
            let moved = match previous {
                Some(from) => self.move_own_files(txn, from, to, &o.name)?,
                None => 0,
            };
            self.resummarise_judged_by(txn, id)?;
            Ok::<_, Error>((o, moved))
        })?;
        Ok((o, moved))
    }

    /// Edit organisation `id`'s document as one signed change, refused on a node that may not
    /// write it, and judge again every file it judges, in one transaction.
    fn edit_organisation<F>(&self, id: FileId, edit: F, judged: &mut usize) -> Result<(), Error>
    where
        F: FnOnce(
            &mut Automerge,
            &casebook_doc::edit::EditContext,
        ) -> Result<casebook_doc::edit::Edited, casebook_doc::Error>,
    {
        self.store().update(|txn| {
            let mut doc = txn.load(id)?.ok_or(Error::NoSuchOrganisation { id })?;
            doc.set_actor(ActorId::from(&self.node_id().as_bytes()[..]));
            let before = doc.get_heads();
            if !authority::may_write_at(&doc, &self.node_id(), &before) {
                let o = org::read(&doc)?;
                return Err(Error::NotAnAdministrator {
                    organisation: o.name.clone(),
                    administrators: administrators_of(&o),
                });
            }
            edit(&mut doc, &self.edit_context())?;
            *judged = self.commit_own(txn, id, &doc, &before)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use casebook_doc::config::RagMatrix;

    use super::*;

    #[test]
    fn a_file_is_judged_by_its_organisation_only_from_the_document_its_maker_made() {
        let own = OrgConfig::default();
        let north = OrgConfig {
            contact_due_days: 7,
            rag_matrix: RagMatrix::from_thresholds(10, 20),
            ..OrgConfig::default()
        };
        let carol = NodeId::from_bytes([0xC0; 32]).to_string();
        let mallory = NodeId::from_bytes([0x3A; 32]).to_string();
        let org = FileId::new_organisation().to_string();
        let mut rules = Rules::single(own.clone());
        rules
            .orgs
            .insert(org.clone(), (carol.clone(), north.clone()));
        let file = |judge: Option<&str>, owner: Option<&str>| FileSummary {
            judge: judge.map(str::to_string),
            judge_owner: owner.map(str::to_string),
            ..FileSummary::default()
        };
        assert_eq!(rules.for_file(&file(Some(&org), Some(&carol))), &north);
        assert_eq!(rules.for_file(&file(Some(&org), Some(&mallory))), &own);
        assert_eq!(rules.for_file(&file(None, None)), &own);
        let other = FileId::new_organisation().to_string();
        assert_eq!(rules.for_file(&file(Some(&other), Some(&carol))), &own);
    }
}
