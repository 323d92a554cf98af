//! Contracts on a node (RK-6): an opportunity won makes its contract in the same durable
//! transaction, and the contract's risk cycle starts from the Preventative Risk Register of the
//! organisation that judges the file.

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited};
use casebook_doc::enums::OpportunityStatus;
use casebook_doc::model::{Contract, Outcome};
use casebook_doc::prr;
use uuid::Uuid;

use crate::{Error, Node};

/// What closing an opportunity did.
#[derive(Clone, Debug, Default)]
pub struct Closed {
    /// The change that recorded the outcome.
    pub closed: Edited,
    /// The contract made when it was won.
    pub contract: Option<Uuid>,
    /// How many preventative risks the contract's register starts with.
    pub carried: usize,
}

impl Node {
    /// Record how opportunity `opp` of `file` ended; when it was won, make its contract, managed
    /// by `manager`, in the same durable transaction (see [`Node::add_contract`]).
    ///
    /// # Errors
    /// The refusals of [`edit::close_opportunity`] and [`edit::add_contract`]; nothing is
    /// written when either refuses.
    pub fn close_opportunity(
        &self,
        file: FileId,
        opp: Uuid,
        outcome: &Outcome,
        manager: &str,
    ) -> Result<Closed, Error> {
        self.edit_with_register(file, |d, ctx, config, register| {
            let closed = edit::close_opportunity(d, ctx, opp, outcome)?;
            if outcome.result != OpportunityStatus::Won {
                return Ok(Closed {
                    closed,
                    ..Closed::default()
                });
            }
            let title = casebook_doc::view::read(d)?
                .opportunities
                .get(&opp)
                .map(|o| o.title.clone())
                .unwrap_or_default();
            let contract = Contract {
                title,
                opportunity: Some(opp),
                manager: manager.to_string(),
                start: Some(outcome.date),
                value: outcome.value,
                ..Contract::default()
            };
            let made = edit::add_contract(d, ctx, config, register, &contract)?;
            Ok(Closed {
                closed,
                carried: carried(d, made.entry)?,
                contract: made.entry,
            })
        })
    }

    /// Make contract `c` of `file`; when it names the opportunity it was won from, its risk
    /// register starts from the items of the organisation's Preventative Risk Register that
    /// applied to that opportunity ([`edit::add_contract`]). Returns the change and how many
    /// risks were carried.
    ///
    /// # Errors
    /// The refusals of [`edit::add_contract`].
    pub fn add_contract(&self, file: FileId, c: &Contract) -> Result<(Edited, usize), Error> {
        self.edit_with_register(file, |d, ctx, config, register| {
            let made = edit::add_contract(d, ctx, config, register, c)?;
            let n = carried(d, made.entry)?;
            Ok((made, n))
        })
    }

    /// Run `edit` on `file` in one durable transaction with the rules and the Preventative
    /// Risk Register of the organisation that judges it.
    fn edit_with_register<T>(
        &self,
        file: FileId,
        edit: impl FnOnce(
            &mut automerge::Automerge,
            &edit::EditContext,
            &casebook_doc::OrgConfig,
            &[prr::PrrItem],
        ) -> Result<T, casebook_doc::Error>,
    ) -> Result<T, Error> {
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let register = prr::read(self.judging_document_in(txn, &doc)?.as_ref());
            let config = self.config_in(txn, &doc)?;
            let ctx = self.edit_context();
            self.edit_in(txn, file, doc, |d| edit(d, &ctx, &config, &register))
        })
    }
}

/// How many risks the register of contract `id` holds.
fn carried(doc: &automerge::Automerge, id: Option<Uuid>) -> Result<usize, casebook_doc::Error> {
    let Some(id) = id else {
        return Ok(0);
    };
    Ok(casebook_doc::view::read(doc)?
        .risks
        .values()
        .filter(|r| r.contract == Some(id))
        .count())
}
