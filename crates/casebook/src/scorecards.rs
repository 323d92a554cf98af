//! Balanced scorecards on a node (BS-1..BS-5): the node's side of `casebook_doc::kpis`,
//! `casebook_doc::edit::start_scorecard` and friends, and `casebook_doc::rules::scorecard`.

use std::collections::BTreeMap;

use casebook_base::FileId;
use casebook_doc::edit::{self, Edited, KpiAnswerChange};
use casebook_doc::model::{AccountFile, Scorecard};
use casebook_doc::rules::kpi_sources::{Suggestion, suggest};
use casebook_doc::rules::scorecard::month_of;
use casebook_i18n::Message;
use uuid::Uuid;

use crate::{Error, Node};

/// The scorecard of `file` a person means: the open one of `month` (`YYYY-MM`), else the
/// month's finalised record; or the one whose id starts with `id`.
///
/// # Errors
/// [`casebook_doc::Error::Rule`] when the month has none, or two advisers started one each apart (then
/// the id tells them apart).
pub fn pick_scorecard(file: &AccountFile, month: &str, id: Option<&str>) -> Result<Uuid, Error> {
    if let Some(prefix) = id {
        let p = prefix.trim().to_ascii_lowercase();
        let found: Vec<&Uuid> = file
            .scorecards
            .keys()
            .filter(|k| !p.is_empty() && k.to_string().starts_with(&p))
            .collect();
        return match found.as_slice() {
            [one] => Ok(**one),
            [] => Err(casebook_doc::Error::no_such_entry("scorecard", prefix).into()),
            _ => Err(casebook_doc::Error::ambiguous_entry("scorecard", prefix).into()),
        };
    }
    let open: Vec<&Uuid> = file
        .scorecards
        .iter()
        .filter(|(_, s)| s.month == month && s.finalised.is_none())
        .map(|(id, _)| id)
        .collect();
    match open.as_slice() {
        [one] => return Ok(**one),
        [] => {}
        several => {
            return Err(Error::from(casebook_doc::Error::Rule(
                Message::new("sc-several-open").with("month", month).with(
                    "ids",
                    several
                        .iter()
                        .map(|id| casebook_doc::view::short(id))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            )));
        }
    }
    casebook_doc::rules::scorecard::records(file)
        .get(month)
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            Error::from(casebook_doc::Error::Rule(
                Message::new("sc-none-for-month").with("month", month),
            ))
        })
}

impl Node {
    /// This month, as scorecards name months (`YYYY-MM`), in local time.
    pub fn this_month(&self) -> String {
        month_of(crate::time::local_date(self.now()))
    }

    /// Start the scorecard of `month` for `file` with the KPIs in use of the organisation that
    /// judges it, or (`corrects`) a correction of the month's finalised scorecard; the change
    /// names the new scorecard as its entry.
    ///
    /// # Errors
    /// The refusals of [`edit::start_scorecard`]; [`Error::ReadOnly`] and the like.
    pub fn start_scorecard(
        &self,
        file: FileId,
        month: &str,
        corrects: Option<Uuid>,
    ) -> Result<Edited, Error> {
        self.store().update(|txn| {
            let doc = self.load_in(txn, file)?;
            self.refuse_unless_writable(&doc)?;
            let set = self.kpis_in(txn, &doc)?;
            let copies: BTreeMap<Uuid, _> = casebook_doc::kpis::in_use(&set)
                .into_iter()
                .map(|k| (k.id, k.copy()))
                .collect();
            self.edit_in(txn, file, doc, |d| {
                edit::start_scorecard(d, &self.edit_context(), month, &copies, corrects)
            })
        })
    }

    /// Answer the KPI of scorecard `sc` whose code is `code`.
    ///
    /// # Errors
    /// An unknown KPI code (the scorecard's codes are listed); the refusals of
    /// [`edit::answer_kpi`].
    pub fn answer_kpi(
        &self,
        file: FileId,
        sc: Uuid,
        code: &str,
        change: &KpiAnswerChange,
    ) -> Result<Edited, Error> {
        let account = self.read(file)?;
        let kpi = kpi_of(&account, sc, code)?;
        self.apply(file, |doc, ctx, _| {
            edit::answer_kpi(doc, ctx, sc, kpi, change)
        })
    }

    /// Finalise scorecard `sc` of `file`.
    ///
    /// # Errors
    /// The refusals of [`edit::finalise_scorecard`].
    pub fn finalise_scorecard(&self, file: FileId, sc: Uuid) -> Result<Edited, Error> {
        self.apply(file, |doc, ctx, _| edit::finalise_scorecard(doc, ctx, sc))
    }

    /// The answers the account file suggests for the KPIs of scorecard `sc` that have a source
    /// (BS-5), by KPI id, judged by the file's organisation's rules as things stood at the end of
    /// the scorecard's month (or now, for this month's).
    ///
    /// # Errors
    /// [`Error::NoSuchClient`]; an unknown scorecard.
    pub fn scorecard_suggestions(
        &self,
        file: FileId,
        sc: Uuid,
    ) -> Result<BTreeMap<Uuid, Suggestion>, Error> {
        let account = self.read(file)?;
        let card = scorecard_of(&account, sc)?;
        let config = self.config_for(file)?;
        let sources = self.kpi_sources_for(file)?;
        // A scorecard of a past month is answered as things stood at that month's end.
        let now = self.now();
        let at = casebook_doc::rules::scorecard::parse_month(&card.month)
            .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
            .and_then(|next| next.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc() - chrono::Duration::seconds(1))
            .map_or(now, |end| end.min(now));
        Ok(card
            .kpis
            .keys()
            .filter_map(|id| {
                sources
                    .get(id)
                    .map(|s| (*id, suggest(*s, &account, &config, at)))
            })
            .collect())
    }

    /// Each KPI's source in the set of the organisation that judges `file`.
    fn kpi_sources_for(
        &self,
        file: FileId,
    ) -> Result<BTreeMap<Uuid, casebook_doc::enums::KpiSource>, Error> {
        let set = self
            .judging_document(file)?
            .map_or_else(casebook_doc::kpis::shipped, |o| {
                casebook_doc::kpis::read(&o)
            });
        Ok(set
            .into_iter()
            .filter_map(|k| k.source.map(|s| (k.id, s)))
            .collect())
    }
}

/// Scorecard `sc` of `account`.
fn scorecard_of(account: &AccountFile, sc: Uuid) -> Result<&Scorecard, Error> {
    account
        .scorecards
        .get(&sc)
        .ok_or_else(|| casebook_doc::Error::no_such_entry("scorecard", sc.to_string()).into())
}

/// The id of the KPI of scorecard `sc` whose code is `code` (any case).
fn kpi_of(account: &AccountFile, sc: Uuid, code: &str) -> Result<Uuid, Error> {
    let card = scorecard_of(account, sc)?;
    card.kpis
        .iter()
        .find(|(_, k)| k.code.eq_ignore_ascii_case(code.trim()))
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            Error::from(casebook_doc::Error::Rule(
                Message::new("sc-no-such-kpi")
                    .with("code", code)
                    .with("month", &card.month)
                    .with(
                        "codes",
                        card.kpis
                            .values()
                            .map(|k| k.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            ))
        })
}
