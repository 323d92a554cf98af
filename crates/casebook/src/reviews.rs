//! Account performance reviews on a node (RV-1..RV-8): the node's side of
//! `casebook_doc::review_templates`, `casebook_doc::edit::schedule_review` and friends.

use std::collections::BTreeMap;

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited, NewReview};
use casebook_doc::enums::ReviewDecision;
use casebook_doc::model::{AccountFile, Action, ReviewItem};
use casebook_doc::review_templates::{self, Item, Template};
use casebook_i18n::Message;
use uuid::Uuid;

use crate::{Error, Node};

/// The review of `file` a person means: the one held on `query` (a date) or whose id starts
/// with it; with no query, the latest not closed, else the latest.
///
/// # Errors
/// [`casebook_doc::Error::Rule`] when the file has no review, or none matches.
pub fn pick_review(file: &AccountFile, query: Option<&str>) -> Result<Uuid, Error> {
    if let Some(q) = query.map(str::trim) {
        let found: Vec<Uuid> = file
            .reviews
            .iter()
            .filter(|(id, r)| {
                r.date.is_some_and(|d| d.to_string() == q)
                    || id.to_string().starts_with(&q.to_lowercase())
            })
            .map(|(id, _)| *id)
            .collect();
        return match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(casebook_doc::Error::no_such_entry("review", q).into()),
            _ => Err(casebook_doc::Error::ambiguous_entry("review", q).into()),
        };
    }
    let latest = |open: bool| {
        file.reviews
            .iter()
            .filter(|(_, r)| !open || r.closed.is_none())
            .max_by_key(|(id, r)| (r.date, **id))
            .map(|(id, _)| *id)
    };
    latest(true)
        .or_else(|| latest(false))
        .ok_or_else(|| casebook_doc::Error::Rule(Message::new("rv-none-yet")).into())
}

/// The copies a review keeps of the items in use.
fn copies(items: &[Item]) -> BTreeMap<Uuid, ReviewItem> {
    items
        .iter()
        .filter(|i| !i.retired)
        .map(|i| {
            (
                i.id,
                ReviewItem {
                    code: i.code.clone(),
                    group: i.group.clone(),
                    text: i.text.clone(),
                    text_cy: i.text_cy.clone(),
                },
            )
        })
        .collect()
}

impl Node {
    /// The agenda or question bank of this node's organisation (RV-2, RV-4).
    ///
    /// # Errors
    /// Store errors.
    pub fn review_template(&self, template: Template) -> Result<Vec<Item>, Error> {
        let doc = self.store().load_shared(self.organisation_id()?)?;
        Ok(review_templates::read(doc.as_deref(), template))
    }

    /// Add an item to this node's organisation's agenda or question bank.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`review_templates::add`].
    pub fn add_review_template_item(
        &self,
        template: Template,
        group: &str,
        text: &str,
        text_cy: &str,
    ) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = review_templates::add(doc, ctx, template, group, text, text_cy)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Retire an item of this node's organisation's agenda or question bank, or restore it.
    ///
    /// # Errors
    /// [`Error::NotAnAdministrator`]; the refusals of [`review_templates::set_retired`].
    pub fn retire_review_template_item(
        &self,
        template: Template,
        code: &str,
        retired: bool,
    ) -> Result<Edited, Error> {
        let mut out = Edited::default();
        self.edit_organisation_with(self.organisation_id()?, |doc, ctx| {
            out = review_templates::set_retired(doc, ctx, template, code, retired)?;
            Ok(out.clone())
        })?;
        Ok(out)
    }

    /// Schedule a review of `file` with the agenda and questions in use of the organisation
    /// that judges it.
    ///
    /// # Errors
    /// The refusals of [`edit::schedule_review`].
    pub fn schedule_review(&self, file: FileId, new: &NewReview) -> Result<Edited, Error> {
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let org = self.judging_document_in(txn, &doc)?;
            let agenda = copies(&review_templates::read(org.as_ref(), Template::Agenda));
            let questions = copies(&review_templates::read(org.as_ref(), Template::Question));
            self.edit_in(txn, file, doc, |d| {
                edit::schedule_review(d, &self.edit_context(), new, &agenda, &questions)
            })
        })
    }

    /// Record who attended review `review` of `file`.
    ///
    /// # Errors
    /// The refusals of [`edit::record_attendees`].
    pub fn record_review_attendees(
        &self,
        file: FileId,
        review: Uuid,
        names: &[String],
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| edit::record_attendees(d, c, review, names))
    }

    /// Record the minutes of agenda item `code`, or (`question`) the answer to question `code`.
    ///
    /// # Errors
    /// The refusals of [`edit::record_minutes`].
    pub fn record_review_minutes(
        &self,
        file: FileId,
        review: Uuid,
        code: &str,
        text: &str,
        question: bool,
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| {
            edit::record_minutes(d, c, review, code, text, question)
        })
    }

    /// Agree an action at review `review`.
    ///
    /// # Errors
    /// The refusals of [`edit::add_review_action`].
    pub fn add_review_action(
        &self,
        file: FileId,
        review: Uuid,
        action: &Action,
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| {
            edit::add_review_action(d, c, review, action)
        })
    }

    /// Record a decision of review `review` (a new lead, deputy or sponsor changes the team).
    ///
    /// # Errors
    /// The refusals of [`edit::decide`].
    pub fn record_review_decision(
        &self,
        file: FileId,
        review: Uuid,
        what: ReviewDecision,
        value: &str,
        note: &str,
    ) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| {
            edit::decide(d, c, review, what, value, note)
        })
    }

    /// Tick off a post-review update of review `review` today.
    ///
    /// # Errors
    /// The refusals of [`edit::tick_update`].
    pub fn tick_review_update(
        &self,
        file: FileId,
        review: Uuid,
        update: &str,
    ) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.apply(file, |d, c, _| {
            edit::tick_update(d, c, review, update, today)
        })
    }

    /// Close review `review` of `file` today.
    ///
    /// # Errors
    /// The refusals of [`edit::close_review`].
    pub fn close_review(&self, file: FileId, review: Uuid) -> Result<Edited, Error> {
        let today = crate::time::local_date(self.now());
        self.apply(file, |d, c, _| edit::close_review(d, c, review, today))
    }

    /// Set the days between internal reviews of `file`.
    ///
    /// # Errors
    /// The refusals of [`edit::set_review_days`].
    pub fn set_review_days(&self, file: FileId, days: u32) -> Result<Edited, Error> {
        self.apply(file, |d, c, _| edit::set_review_days(d, c, days))
    }
}
