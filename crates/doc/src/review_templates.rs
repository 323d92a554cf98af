//! The organisation's templates for account performance reviews (RV-2, RV-4): the standard
//! agenda and the bank of questions under eight headings.
//!
//! Seed 003 gives the 20-item agenda in full, and names the eight headings of its questions
//! (Admin, Risk Management, Client, Client Contact/Relationship, Issues, Delivery/Performance,
//! Sales, Competitors) without the questions themselves; casebook ships the agenda as the seed
//! words it and two questions per heading of its own wording. Administrators add and retire
//! items in the `templates` map of the organisation document, as for KPIs: each item is keyed by
//! its id, shipped ones with stable ids an entry overrides.

use automerge::{Automerge, ScalarValue};
use casebook_i18n::{Lang, Message};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::edit::{EditContext, Edited, transact};
use crate::{Error, schema, templates};

/// Which template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// The agenda (RV-2); an item's group is the input that fills it in the pack.
    Agenda,
    /// The question bank (RV-4); an item's group is its heading.
    Question,
}

impl Template {
    fn kind(self) -> &'static str {
        match self {
            Template::Agenda => "review-agenda",
            Template::Question => "review-question",
        }
    }

    fn base(self) -> u128 {
        match self {
            Template::Agenda => 0x6361_7365_626f_6f6b_5256_4100_0000_0000,
            Template::Question => 0x6361_7365_626f_6f6b_5256_5100_0000_0000,
        }
    }

    fn shipped_items(self) -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
        match self {
            Template::Agenda => AGENDA,
            Template::Question => QUESTIONS,
        }
    }
}

/// One item of a template: an agenda item or a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Its id: stable for a shipped item.
    pub id: Uuid,
    /// Its code (`R7`, `SAL1`).
    pub code: String,
    /// The input that fills an agenda item, or a question's heading (`sales`).
    pub group: String,
    /// In English.
    pub text: String,
    /// In Welsh (empty: the English shows).
    pub text_cy: String,
    /// Whether it is out of use.
    pub retired: bool,
    /// Whether casebook ships it.
    pub shipped: bool,
}

impl Item {
    /// The item in `lang`.
    pub fn text_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.text, &self.text_cy, lang)
    }
}

/// The eight headings of the question bank, in the seed's order.
pub const HEADINGS: &[&str] = &[
    "admin",
    "risk",
    "client",
    "relationship",
    "issues",
    "delivery",
    "sales",
    "competitors",
];

/// The agenda's inputs: what fills each item in the review pack.
pub const INPUTS: &[&str] = &[
    "previous-minutes",
    "previous-actions",
    "mission",
    "business-performance",
    "organisation-changes",
    "contracts",
    "scorecard",
    "sales",
    "competitors",
    "swot",
    "contacts",
    "missing-information",
    "survey",
    "issues",
    "hospitality",
    "account-manager",
    "success-factors",
    "risks",
    "forward-plan",
    "close",
];

/// (code, input, English, Welsh): the seed's agenda, in its order.
const AGENDA: &[(&str, &str, &str, &str)] = &[
    (
        "R1",
        "previous-minutes",
        "Previous minutes",
        "Cofnodion y cyfarfod blaenorol",
    ),
    (
        "R2",
        "previous-actions",
        "Previous action plan",
        "Cynllun camau gweithredu blaenorol",
    ),
    (
        "R3",
        "mission",
        "Mission statement, strategy and goals",
        "Datganiad cenhadaeth, strategaeth a nodau",
    ),
    (
        "R4",
        "business-performance",
        "Business performance and market position (both organisations)",
        "Perfformiad busnes a safle yn y farchnad (y ddau sefydliad)",
    ),
    (
        "R5",
        "organisation-changes",
        "Organisational and people changes (both organisations)",
        "Newidiadau i'r sefydliad a'r bobl (y ddau sefydliad)",
    ),
    (
        "R6",
        "contracts",
        "Current work, service, people or product contracts (including debtors)",
        "Gwaith, gwasanaeth, pobl neu gontractau cynnyrch cyfredol (gan gynnwys dyledwyr)",
    ),
    (
        "R7",
        "scorecard",
        "Balanced scorecard",
        "Cerdyn sgorio cytbwys",
    ),
    (
        "R8",
        "sales",
        "Sales: orders won and lost, new opportunities qualified, other opportunities and propositions",
        "Gwerthu: archebion a enillwyd ac a gollwyd, cymhwyso cyfleoedd newydd, cyfleoedd a chynigion eraill",
    ),
    ("R9", "competitors", "Competitors", "Cystadleuwyr"),
    ("R10", "swot", "SWOT analysis", "Dadansoddiad SWOT"),
    (
        "R11",
        "contacts",
        "Contact and relationship management",
        "Rheoli cysylltiadau a pherthynas",
    ),
    (
        "R12",
        "missing-information",
        "Missing information (account file)",
        "Gwybodaeth sydd ar goll (ffeil cyfrif)",
    ),
    ("R13", "survey", "Satisfaction survey", "Arolwg boddhad"),
    (
        "R14",
        "issues",
        "Issues and complaints (both organisations)",
        "Materion a chwynion (y ddau sefydliad)",
    ),
    (
        "R15",
        "hospitality",
        "Hospitality and entertainment",
        "Lletygarwch ac adloniant",
    ),
    (
        "R16",
        "account-manager",
        "Account manager responsibilities and performance",
        "Cyfrifoldebau a pherfformiad y rheolwr cyfrif",
    ),
    (
        "R17",
        "success-factors",
        "Critical success factors",
        "Ffactorau llwyddiant allweddol",
    ),
    ("R18", "risks", "Risk management", "Rheoli risg"),
    (
        "R19",
        "forward-plan",
        "Options and forward action plan",
        "Opsiynau a'r cynllun camau gweithredu i'r dyfodol",
    ),
    (
        "R20",
        "close",
        "Close: any other business, date and time of the next review",
        "Cloi: unrhyw fater arall, dyddiad ac amser yr adolygiad nesaf",
    ),
];

/// (code, heading, English, Welsh): casebook's questions, two per heading.
const QUESTIONS: &[(&str, &str, &str, &str)] = &[
    (
        "ADM1",
        "admin",
        "Is the account file complete and up to date?",
        "A yw'r ffeil cyfrif yn gyflawn ac yn gyfredol?",
    ),
    (
        "ADM2",
        "admin",
        "Are the contact plan and the dates of the next reviews agreed?",
        "A yw'r cynllun cyswllt a dyddiadau'r adolygiadau nesaf wedi'u cytuno?",
    ),
    (
        "RSK1",
        "risk",
        "Which risks have changed colour since the last review, and why?",
        "Pa risgiau sydd wedi newid lliw ers yr adolygiad diwethaf, a pham?",
    ),
    (
        "RSK2",
        "risk",
        "Does every red risk have an owner and a mitigation?",
        "A oes gan bob risg goch berchennog a mesurau lliniaru?",
    ),
    (
        "CLI1",
        "client",
        "What has changed in the client's business, strategy or market?",
        "Beth sydd wedi newid ym musnes, strategaeth neu farchnad y cleient?",
    ),
    (
        "CLI2",
        "client",
        "What will the client need from us in the next six months?",
        "Beth fydd ei angen ar y cleient gennym yn ystod y chwe mis nesaf?",
    ),
    (
        "REL1",
        "relationship",
        "Are we in contact with every decision maker and influencer?",
        "A ydym mewn cysylltiad â phob gwneuthurwr penderfyniadau a phob dylanwadwr?",
    ),
    (
        "REL2",
        "relationship",
        "Who at the client is new, has moved or is leaving?",
        "Pwy yn sefydliad y cleient sy'n newydd, wedi symud neu ar fin gadael?",
    ),
    (
        "ISS1",
        "issues",
        "Which issues or complaints are open, and who owns each?",
        "Pa faterion neu gwynion sydd ar agor, a phwy sy'n gyfrifol am bob un?",
    ),
    (
        "ISS2",
        "issues",
        "Were the issues since the last review resolved to the client's satisfaction?",
        "A gafodd y materion ers yr adolygiad diwethaf eu datrys er boddhad y cleient?",
    ),
    (
        "DEL1",
        "delivery",
        "Are we delivering on time, to quality and to budget?",
        "A ydym yn cyflawni mewn pryd, i'r safon ac o fewn y gyllideb?",
    ),
    (
        "DEL2",
        "delivery",
        "Where could we make things easier, quicker or cheaper for the client?",
        "Ble gallem wneud pethau'n haws, yn gyflymach neu'n rhatach i'r cleient?",
    ),
    (
        "SAL1",
        "sales",
        "Is every open opportunity qualified, and is the pipeline improving?",
        "A yw pob cyfle agored wedi'i gymhwyso, ac a yw'r cyfleoedd ar y gweill yn gwella?",
    ),
    (
        "SAL2",
        "sales",
        "What did we learn from the orders won and lost?",
        "Beth a ddysgwyd o'r archebion a enillwyd ac a gollwyd?",
    ),
    (
        "COM1",
        "competitors",
        "Which competitors are active at the client, and how are they doing?",
        "Pa gystadleuwyr sy'n weithgar gyda'r cleient, a sut hwyl y maen nhw'n ei chael?",
    ),
    (
        "COM2",
        "competitors",
        "What would a competitor say about us to win this account?",
        "Beth fyddai cystadleuydd yn ei ddweud amdanom er mwyn ennill y cyfrif hwn?",
    ),
];

/// The items casebook ships for `template`.
pub fn shipped(template: Template) -> Vec<Item> {
    template
        .shipped_items()
        .iter()
        .zip(0u128..)
        .map(|(&(code, group, text, text_cy), i)| Item {
            id: Uuid::from_u128(template.base() + i),
            code: code.into(),
            group: group.into(),
            text: text.into(),
            text_cy: text_cy.into(),
            retired: false,
            shipped: true,
        })
        .collect()
}

/// The items of `template` in organisation document `doc` (the shipped ones where `doc` is
/// none): the shipped items as its entries override them, then those its administrators added.
pub fn read(doc: Option<&Automerge>, template: Template) -> Vec<Item> {
    let Some(doc) = doc else {
        return shipped(template);
    };
    let (mut items, mut added) = templates::overlay(
        shipped(template),
        doc,
        template.kind(),
        |i| i.id,
        |id, _| {
            Some(Item {
                id,
                code: String::new(),
                group: String::new(),
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
                    ("group", &mut item.group),
                    ("text", &mut item.text),
                    ("text_cy", &mut item.text_cy),
                ],
            );
            if let Some(r) = templates::flag(fields, "retired") {
                item.retired = r;
            }
        },
        |item| !item.code.is_empty() && !item.text.is_empty(),
    );
    added.sort_by(|a, b| a.code.cmp(&b.code));
    items.extend(added);
    items
}

/// Add an item to `template` of organisation document `doc`: an agenda item (its `group` the
/// input that fills it, `forward-plan` when none fits) or a question under heading `group`.
///
/// # Errors
/// [`Error::Rule`] for an empty text or an unknown heading or input.
pub fn add(
    doc: &mut Automerge,
    ctx: &EditContext,
    template: Template,
    group: &str,
    text: &str,
    text_cy: &str,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let groups = match template {
        Template::Agenda => INPUTS,
        Template::Question => HEADINGS,
    };
    let group = group.trim().to_lowercase();
    if !groups.contains(&group.as_str()) {
        return Err(Error::Rule(
            Message::new("rv-rule-bad-group")
                .with("group", group.as_str())
                .with("accepted", groups.join(", ")),
        ));
    }
    let (text, text_cy) = (text.trim().to_string(), text_cy.trim().to_string());
    if text.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-question-needs-text")));
    }
    let limit = casebook_base::limits::MAX_NAME_CHARS * 2;
    crate::edit::check_length("text", &text, limit)?;
    crate::edit::check_length("text", &text_cy, limit)?;
    let items = read(Some(doc), template);
    let prefix = match template {
        Template::Agenda => "R".to_string(),
        Template::Question => items
            .iter()
            .find(|i| i.group == group)
            .map(|i| {
                i.code
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .to_string()
            })
            .unwrap_or_else(|| group.chars().take(3).collect::<String>().to_uppercase()),
    };
    let n = (1..)
        .find(|n| !items.iter().any(|i| i.code == format!("{prefix}{n}")))
        .unwrap_or(1);
    let code = format!("{prefix}{n}");
    let id = Uuid::new_v4();
    let what = match template {
        Template::Agenda => "Review agenda item",
        Template::Question => "Review question",
    };
    let message = format!("{what} {code} added: {text}");
    let kind = template.kind();
    transact(doc, ctx, message, Some(id), move |tx| {
        let mut fields = vec![
            ("code", ScalarValue::Str(code.into())),
            ("group", ScalarValue::Str(group.into())),
            ("text", ScalarValue::Str(text.into())),
            ("retired", ScalarValue::Boolean(false)),
        ];
        if !text_cy.is_empty() {
            fields.push(("text_cy", ScalarValue::Str(text_cy.into())));
        }
        templates::put(tx, id, kind, fields)
    })
}

/// Retire item `code` of `template` (or bring it back with `retired` false).
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown code; [`Error::Rule`] when it is so already.
pub fn set_retired(
    doc: &mut Automerge,
    ctx: &EditContext,
    template: Template,
    code: &str,
    retired: bool,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let items = read(Some(doc), template);
    let item = items
        .iter()
        .find(|i| i.code.eq_ignore_ascii_case(code.trim()))
        .ok_or_else(|| Error::no_such_entry("review template item", code.trim()))?;
    let what = match template {
        Template::Agenda => "Review agenda item",
        Template::Question => "Review question",
    };
    templates::set_retired(
        doc,
        ctx,
        template.kind(),
        what,
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
    fn the_agenda_is_the_seeds_twenty_items_and_every_heading_has_questions() {
        let agenda = shipped(Template::Agenda);
        assert_eq!(agenda.len(), 20);
        assert!(agenda.iter().all(|i| INPUTS.contains(&i.group.as_str())));
        let questions = shipped(Template::Question);
        for h in HEADINGS {
            assert_eq!(questions.iter().filter(|q| q.group == *h).count(), 2, "{h}");
        }
        assert!(
            questions
                .iter()
                .chain(&agenda)
                .all(|i| !i.text_cy.is_empty())
        );
    }

    #[test]
    fn administrators_add_and_retire_items() {
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
            Template::Question,
            "sales",
            "Is the price right?",
            "",
        )
        .unwrap();
        assert!(add(&mut doc, &ctx, Template::Question, "weather", "Sunny?", "").is_err());
        set_retired(&mut doc, &ctx, Template::Agenda, "r15", true).unwrap();
        let questions = read(Some(&doc), Template::Question);
        assert!(
            questions
                .iter()
                .any(|q| q.code == "SAL3" && q.group == "sales")
        );
        assert!(
            read(Some(&doc), Template::Agenda)
                .iter()
                .any(|i| i.code == "R15" && i.retired)
        );
    }
}
