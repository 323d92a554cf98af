//! Responses to a satisfaction survey from its independent administrator's spreadsheet (SV-4).

use std::io::Read;

use casebook_base::FileId;
use casebook_doc::edit;
use casebook_doc::enums::SurveyLevel;
use casebook_i18n::Message;
use uuid::Uuid;

use super::sheet::{self, Columns, Row};
use super::{ImportReport, dates};
use crate::surveys::{TypedResponse, response_of};
use crate::{Error, Node};

/// The columns besides one per question code (`U1`, `M3`, ...).
const COLUMNS: Columns = Columns {
    required: &["level"],
    known: &["level", "respondent", "received", "unaware", "comment"],
};

/// One row as a response, or every problem with it.
fn typed(row: &Row, codes: &[String]) -> Result<TypedResponse, Vec<Message>> {
    let mut problems = Vec::new();
    let level = match row.get("level").parse::<SurveyLevel>() {
        Ok(l) => Some(l),
        Err(e) => {
            problems.push(row.problem("level", casebook_i18n::Localised::message(&e)));
            None
        }
    };
    let received = dates::date(row.get("received")).unwrap_or_else(|why| {
        problems.push(row.problem("received", why));
        None
    });
    let mut scores = Vec::new();
    for code in codes {
        let cell = row.get(&code.to_lowercase());
        if cell.is_empty() {
            continue;
        }
        match cell.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => scores.push((code.clone(), n)),
            _ => problems.push(row.problem(code, Message::new("sv-csv-score").with("text", cell))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(TypedResponse {
        respondent: Some(row.get("respondent").to_string()).filter(|r| !r.is_empty()),
        level,
        received,
        scores,
        unaware_of: sheet::list(row.get("unaware")),
        comment: row.get("comment").to_string(),
    })
}

/// Import every row of `input` as a response to survey `survey` of `file`: columns `level`
/// (users, managers or board), `respondent` (a recipient's name; empty when anonymous),
/// `received` (a date), one column per question code holding 1–5 (empty when not answered),
/// `unaware` (services, separated by `;`) and `comment`. All rows or none.
///
/// # Errors
/// [`Error::BadRows`] naming every bad row (a level, date or score that is not one, a question
/// the level is not asked, a respondent not asked or answering twice); nothing is imported.
pub fn import_survey_csv<R: Read>(
    node: &Node,
    file: FileId,
    survey: Uuid,
    input: R,
) -> Result<ImportReport, Error> {
    let sheet = sheet::read(input, COLUMNS, false)?;
    let account = node.read(file)?;
    let s = account
        .surveys
        .get(&survey)
        .ok_or_else(|| casebook_doc::Error::no_such_entry("survey", survey.to_string()))?;
    let codes: Vec<String> = s.questions.values().map(|q| q.code.clone()).collect();
    let mut problems = sheet.problems;
    let mut responses = Vec::new();
    for row in &sheet.rows {
        match typed(row, &codes)
            .and_then(|t| response_of(s, &t).map_err(|why| vec![row.problem("respondent", why)]))
        {
            Ok(r) => responses.push((row.number, r)),
            Err(p) => problems.extend(p),
        }
    }
    let ctx = node.edit_context();
    // Every response tried on a copy first, so each refusal is reported with its row and
    // nothing is written unless all of them go in.
    let mut trial = node.load(file)?;
    for (number, r) in &responses {
        if let Err(e) = edit::record_response(&mut trial, &ctx, survey, r) {
            problems.push(
                Message::new("err-csv-row")
                    .with("row", number.to_string())
                    .with("why", casebook_i18n::Localised::message(&e)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    let unknown: Vec<String> = sheet
        .unknown
        .into_iter()
        .filter(|c| !codes.iter().any(|code| code.eq_ignore_ascii_case(c)))
        .collect();
    node.store().update(|txn| {
        let doc = node.load_in(txn, file)?;
        node.refuse_unless_writable(&doc)?;
        node.edit_in(txn, file, doc, |d| {
            let mut last = edit::Edited::default();
            for (_, r) in &responses {
                last = edit::record_response(d, &ctx, survey, r)?;
            }
            Ok(last)
        })
    })?;
    Ok(ImportReport {
        imported: responses.len(),
        skipped: Vec::new(),
        files: vec![file.to_string()],
        unknown_columns: unknown,
    })
}
