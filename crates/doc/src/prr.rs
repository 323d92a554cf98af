//! The Preventative Risk Register (RK-4): the organisation's predefined risks, searched for
//! each time there is a new client account, sales and marketing activity or contract.
//!
//! Seed 003 keeps recurring, preventative risks in a register every account and activity is
//! checked against, and adds each new, reactive risk to it "as part of the commitment to
//! continuous improvement". Casebook ships the aspects the seed names (supplier, client, the
//! supplier's own organisation, sales and marketing, contracts) as register items with stable
//! ids; administrators add (or promote an account's risk), and retire items in the organisation
//! document's `templates` (`kind` = `prr-item`). The contract aspects are checked for the
//! opportunity a contract is won from and again for the contract ([`crate::rules::prr`]).

use automerge::{Automerge, ScalarValue};
use casebook_i18n::{Lang, Message};
use serde::Serialize;
use uuid::Uuid;

use crate::edit::{EditContext, Edited, transact};
use crate::{Error, schema, templates};

/// The `kind` of a register item's entry in the organisation document's `templates`.
const KIND: &str = "prr-item";

/// Where a register item is searched for.
pub const SCOPES: &[&str] = &["account", "opportunity", "contract"];

/// One item of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrrItem {
    /// Its id: stable for a shipped item.
    pub id: Uuid,
    /// Its code (`PRR1`).
    pub code: String,
    /// `account` or `opportunity`.
    pub scope: String,
    /// The risk category a risk raised from it takes.
    pub category: String,
    /// The risk in English.
    pub text: String,
    /// The risk in Welsh (empty: the English shows).
    pub text_cy: String,
    /// Whether it is out of use.
    pub retired: bool,
    /// Whether casebook ships it.
    pub shipped: bool,
}

impl PrrItem {
    /// The item in `lang`.
    pub fn text_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.text, &self.text_cy, lang)
    }
}

const SHIPPED_BASE: u128 = 0x6361_7365_626f_6f6b_5052_5200_0000_0000;

/// (code, scope, category, English, Welsh): the aspects seed 003 names.
const SHIPPED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "PRR1",
        "account",
        "supplier: financial performance & forecasts",
        "Our financial performance and forecasts put the account at risk",
        "Mae ein perfformiad ariannol a'n rhagolygon yn peryglu'r cyfrif",
    ),
    (
        "PRR2",
        "account",
        "supplier: client complaints",
        "Client complaints about our work",
        "Cwynion y cleient am ein gwaith",
    ),
    (
        "PRR3",
        "account",
        "supplier: conflicts with mission, strategy, goals & targets",
        "The account conflicts with our mission statement, strategy, goals or targets",
        "Mae'r cyfrif yn gwrthdaro â'n datganiad cenhadaeth, ein strategaeth, ein nodau neu ein targedau",
    ),
    (
        "PRR4",
        "account",
        "supplier: exit plan",
        "No agreed exit plan",
        "Dim cynllun ymadael wedi'i gytuno",
    ),
    (
        "PRR5",
        "account",
        "client: client culture",
        "The client's culture conflicts with ours",
        "Mae diwylliant y cleient yn gwrthdaro â'n diwylliant ni",
    ),
    (
        "PRR6",
        "account",
        "client: business performance/stability",
        "The client's business performance or stability",
        "Perfformiad busnes neu sefydlogrwydd y cleient",
    ),
    (
        "PRR7",
        "account",
        "client: management effectiveness",
        "The client's management effectiveness",
        "Effeithiolrwydd rheolwyr y cleient",
    ),
    (
        "PRR8",
        "account",
        "client: change management/control",
        "The client's change management and control",
        "Rheoli newid a rheolaeth y cleient",
    ),
    (
        "PRR9",
        "account",
        "supplier: own organisation",
        "The account manager is not fully empowered",
        "Nid oes gan y rheolwr cyfrif awdurdod llawn",
    ),
    (
        "PRR10",
        "opportunity",
        "supplier: own organisation",
        "Internal pressure to win the order in the short term",
        "Pwysau mewnol i ennill yr archeb yn y tymor byr",
    ),
    (
        "PRR11",
        "opportunity",
        "supplier: own organisation",
        "The bid is not genuinely in the interest of both the client and us",
        "Nid yw'r cynnig o wir fudd i'r cleient ac i ninnau",
    ),
    (
        "PRR12",
        "opportunity",
        "contract: terms & conditions",
        "Terms inconsistent with existing contracts (KPIs, penalties, payment terms, warranties)",
        "Telerau sy'n anghyson â chontractau presennol (KPI, cosbau, telerau talu, gwarantau)",
    ),
    (
        "PRR13",
        "opportunity",
        "contract: timescales & deadlines",
        "Timescales and deadlines",
        "Amserlenni a therfynau amser",
    ),
    (
        "PRR14",
        "opportunity",
        "contract: interfaces & third parties",
        "Interfaces and third parties",
        "Rhyngwynebau a thrydydd partïon",
    ),
    (
        "PRR15",
        "opportunity",
        "contract: people resourcing",
        "People resourcing",
        "Adnoddau staff",
    ),
    (
        "PRR16",
        "opportunity",
        "contract: teamwork",
        "Teamwork",
        "Gwaith tîm",
    ),
];

/// The items casebook ships.
pub fn shipped() -> Vec<PrrItem> {
    SHIPPED
        .iter()
        .zip(0u128..)
        .map(|(&(code, scope, category, text, text_cy), i)| PrrItem {
            id: Uuid::from_u128(SHIPPED_BASE + i),
            code: code.into(),
            scope: scope.into(),
            category: category.into(),
            text: text.into(),
            text_cy: text_cy.into(),
            retired: false,
            shipped: true,
        })
        .collect()
}

/// The register of organisation document `doc` (the shipped items where none).
pub fn read(doc: Option<&Automerge>) -> Vec<PrrItem> {
    let Some(doc) = doc else { return shipped() };
    let (mut items, mut added) = templates::overlay(
        shipped(),
        doc,
        KIND,
        |i| i.id,
        |id, _| {
            Some(PrrItem {
                id,
                code: String::new(),
                scope: String::new(),
                category: String::new(),
                text: String::new(),
                text_cy: String::new(),
                retired: false,
                shipped: false,
            })
        },
        |item, fields| {
            templates::set_texts(
                fields,
                vec![
                    ("code", &mut item.code),
                    ("scope", &mut item.scope),
                    ("category", &mut item.category),
                    ("text", &mut item.text),
                    ("text_cy", &mut item.text_cy),
                ],
            );
            if let Some(r) = templates::flag(fields, "retired") {
                item.retired = r;
            }
        },
        |item| !item.text.is_empty() && SCOPES.contains(&item.scope.as_str()),
    );
    added.sort_by_key(|i| {
        i.code
            .trim_start_matches("PRR")
            .parse::<u32>()
            .unwrap_or(u32::MAX)
    });
    items.extend(added);
    items
}

/// Add an item to the register of organisation document `doc`: a new risk to search for in
/// every account or opportunity from now on (or a reactive risk promoted, RK-4).
///
/// # Errors
/// [`Error::Rule`] for an empty text or an unknown scope.
pub fn add(
    doc: &mut Automerge,
    ctx: &EditContext,
    scope: &str,
    category: &str,
    text: &str,
    text_cy: &str,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let scope = scope.trim().to_lowercase();
    if !SCOPES.contains(&scope.as_str()) {
        return Err(Error::Rule(
            Message::new("rv-rule-bad-group")
                .with("group", scope.as_str())
                .with("accepted", SCOPES.join(", ")),
        ));
    }
    let (text, text_cy, category) = (
        text.trim().to_string(),
        text_cy.trim().to_string(),
        category.trim().to_string(),
    );
    if text.is_empty() {
        return Err(Error::Rule(Message::new("prr-rule-needs-text")));
    }
    let limit = casebook_base::limits::MAX_NAME_CHARS * 2;
    for t in [&text, &text_cy, &category] {
        crate::edit::check_length("text", t, limit)?;
    }
    let items = read(Some(doc));
    let n = (1..)
        .find(|n| !items.iter().any(|i| i.code == format!("PRR{n}")))
        .unwrap_or(1);
    let code = format!("PRR{n}");
    let id = Uuid::new_v4();
    let message = format!("Preventative risk {code} added ({scope}): {text}");
    transact(doc, ctx, message, Some(id), move |tx| {
        let mut fields = vec![
            ("code", ScalarValue::Str(code.into())),
            ("scope", ScalarValue::Str(scope.into())),
            ("category", ScalarValue::Str(category.into())),
            ("text", ScalarValue::Str(text.into())),
            ("retired", ScalarValue::Boolean(false)),
        ];
        if !text_cy.is_empty() {
            fields.push(("text_cy", ScalarValue::Str(text_cy.into())));
        }
        templates::put(tx, id, KIND, fields)
    })
}

/// Retire item `code` (or bring it back with `retired` false).
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown code; [`Error::Rule`] when it is so already.
pub fn set_retired(
    doc: &mut Automerge,
    ctx: &EditContext,
    code: &str,
    retired: bool,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let items = read(Some(doc));
    let item = items
        .iter()
        .find(|i| i.code.eq_ignore_ascii_case(code.trim()))
        .ok_or_else(|| Error::no_such_entry("preventative risk", code.trim()))?;
    templates::set_retired(
        doc,
        ctx,
        KIND,
        "Preventative risk",
        (item.id, &item.code, item.retired),
        retired,
    )
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use casebook_base::{FileId, NodeId};

    use super::*;

    #[test]
    fn the_register_holds_the_seeds_aspects_and_grows_with_reactive_risks() {
        let items = shipped();
        assert_eq!(items.iter().filter(|i| i.scope == "account").count(), 9);
        assert_eq!(items.iter().filter(|i| i.scope == "opportunity").count(), 7);
        assert!(items.iter().all(|i| !i.text_cy.is_empty()));
        let mut doc = schema::new_file(FileId::new_organisation(), NodeId::from_bytes([0xAD; 32]))
            .unwrap()
            .with_actor(ActorId::from(&[1; 32][..]));
        let ctx = EditContext {
            adviser: "Carol".into(),
            now: chrono::Utc::now(),
        };
        add(
            &mut doc,
            &ctx,
            "opportunity",
            "client: funding",
            "Grant funding withdrawn",
            "",
        )
        .unwrap();
        assert!(add(&mut doc, &ctx, "galaxy", "x", "y", "").is_err());
        set_retired(&mut doc, &ctx, "prr4", true).unwrap();
        let register = read(Some(&doc));
        assert!(register.iter().any(|i| i.code == "PRR17" && !i.shipped));
        assert!(register.iter().any(|i| i.code == "PRR4" && i.retired));
    }
}
