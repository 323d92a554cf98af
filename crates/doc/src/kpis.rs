//! The organisation's set of balanced-scorecard KPIs (BS-1, BS-3, BS-5).
//!
//! Seed 003 names 10 of its 20 Level 1 KPIs and 5 of its 15 Level 2 KPIs ("click here for 10
//! more"); casebook ships those ([`shipped`]), with stable ids, plus three for business-support
//! advisers that start retired. An organisation's administrators edit, add and retire KPIs in
//! the `templates` map of its document: one entry per KPI, keyed by its id, `kind` = `kpi`.
//! An entry under a shipped KPI's id overrides it field by field, so an organisation made
//! before scorecards existed has the shipped set without anyone writing it, and two
//! administrators adding KPIs apart both keep theirs (new KPIs get fresh UUIDs).
//!
//! A scorecard copies the KPIs in force when it is started, so editing the set later changes
//! no past scorecard.

use automerge::{Automerge, ScalarValue};
use casebook_i18n::{Lang, Message};
use serde::Serialize;
use uuid::Uuid;

use crate::edit::{EditContext, Edited, transact};
use crate::enums::{KpiCategory, KpiSource};
use crate::model::ScorecardKpi;
use crate::{Error, schema, templates};

/// The `kind` of a KPI's entry in the organisation document's `templates`.
const KIND: &str = "kpi";

/// One KPI of the organisation's set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kpi {
    /// Its id: stable for a shipped KPI, a fresh UUID for one an administrator added.
    pub id: Uuid,
    /// Its code (`A1`, `AA1`), unique among the KPIs in use.
    pub code: String,
    /// Its category.
    pub category: KpiCategory,
    /// 1 (mandatory) or 2 (recommended).
    pub level: u8,
    /// The question in English.
    pub text: String,
    /// The question in Welsh (empty if nobody wrote one: the English shows instead).
    pub text_cy: String,
    /// The data that suggests its answer, if any.
    pub source: Option<KpiSource>,
    /// Whether it is out of use: new scorecards leave it out.
    pub retired: bool,
    /// Whether casebook ships it (from seed 003, or the adviser variant).
    pub shipped: bool,
}

impl Kpi {
    /// The question in `lang`, English where no Welsh was written.
    pub fn text_in(&self, lang: Lang) -> &str {
        question(&self.text, &self.text_cy, lang)
    }

    /// The copy a new scorecard keeps.
    pub fn copy(&self) -> ScorecardKpi {
        ScorecardKpi {
            code: self.code.clone(),
            category: Some(self.category),
            level: self.level,
            text: self.text.clone(),
            text_cy: self.text_cy.clone(),
        }
    }
}

/// A question in `lang`: the Welsh where written, else the English.
pub fn question<'a>(text: &'a str, text_cy: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::Cy if !text_cy.trim().is_empty() => text_cy,
        _ => text,
    }
}

/// The first shipped KPI's id; the others follow in [`SHIPPED`]'s order (append only).
const SHIPPED_BASE: u128 = 0x6361_7365_626f_6f6b_4b50_4900_0000_0000;

/// (code, category, level, English, Welsh, source, retired): the KPIs casebook ships. The
/// first fifteen are the seed's; the last three are the adviser variant (BS-5), retired until
/// an organisation that supports businesses rather than manages accounts takes them up.
#[allow(clippy::type_complexity)]
const SHIPPED: &[(&str, KpiCategory, u8, &str, &str, Option<KpiSource>, bool)] = &[
    (
        "A1",
        KpiCategory::Management,
        1,
        "Delays and overruns managed to the client's satisfaction?",
        "Oedi a gorwario wedi'u rheoli er boddhad y cleient?",
        None,
        false,
    ),
    (
        "A2",
        KpiCategory::Management,
        1,
        "Account manager's performance and qualities reviewed?",
        "Perfformiad a rhinweddau'r rheolwr cyfrif wedi'u hadolygu?",
        None,
        false,
    ),
    (
        "B1",
        KpiCategory::Financial,
        1,
        "Profit margin (%) increasing?",
        "Maint yr elw (%) yn cynyddu?",
        None,
        false,
    ),
    (
        "B2",
        KpiCategory::Financial,
        1,
        "No debts older than 60 days?",
        "Dim dyledion hŷn na 60 diwrnod?",
        None,
        false,
    ),
    (
        "C1",
        KpiCategory::People,
        1,
        "All colleagues' personal objectives geared to the Golden Rules?",
        "Amcanion personol pob cydweithiwr yn cyd-fynd â'r Rheolau Aur?",
        None,
        false,
    ),
    (
        "C2",
        KpiCategory::People,
        1,
        "Sickness less than 5%?",
        "Salwch yn llai na 5%?",
        None,
        false,
    ),
    (
        "D1",
        KpiCategory::Client,
        1,
        "Issues and complaints resolved satisfactorily?",
        "Materion a chwynion wedi'u datrys yn foddhaol?",
        None,
        false,
    ),
    (
        "D2",
        KpiCategory::Client,
        1,
        "Relationship good?",
        "Perthynas dda?",
        None,
        false,
    ),
    (
        "E1",
        KpiCategory::Sales,
        1,
        "Sales opportunity pipeline rigorously qualified and improving?",
        "Cyfleoedd gwerthu ar y gweill wedi'u cymhwyso'n drylwyr ac yn gwella?",
        Some(KpiSource::PipelineQualified),
        false,
    ),
    (
        "E2",
        KpiCategory::Sales,
        1,
        "Lost orders reviewed?",
        "Archebion a gollwyd wedi'u hadolygu?",
        Some(KpiSource::LostOrdersReviewed),
        false,
    ),
    (
        "AA1",
        KpiCategory::Management,
        2,
        "Value added provided (freebies, technology updates, talks, presentations, seminars, \
         training)?",
        "Gwerth ychwanegol wedi'i ddarparu (pethau am ddim, diweddariadau technoleg, sgyrsiau, \
         cyflwyniadau, seminarau, hyfforddiant)?",
        Some(KpiSource::ValueAddedThisMonth),
        false,
    ),
    (
        "BB1",
        KpiCategory::Financial,
        2,
        "Next month's revenue forecast higher than last month's actual revenue?",
        "Rhagolwg refeniw y mis nesaf yn uwch na refeniw gwirioneddol y mis diwethaf?",
        None,
        false,
    ),
    (
        "CC1",
        KpiCategory::People,
        2,
        "Each colleague working on the account positive for team spirit, morale, teamwork, \
         extra miles, client knowledge and supplier knowledge?",
        "Pob cydweithiwr sy'n gweithio ar y cyfrif yn gadarnhaol am ysbryd tîm, morâl, gwaith \
         tîm, mynd yr ail filltir, gwybodaeth am y cleient a gwybodaeth am y cyflenwr?",
        None,
        false,
    ),
    (
        "DD1",
        KpiCategory::Client,
        2,
        "Client satisfaction survey in the last 12 months?",
        "Arolwg boddhad cleient yn ystod y 12 mis diwethaf?",
        Some(KpiSource::SurveyInLastYear),
        false,
    ),
    (
        "EE1",
        KpiCategory::Sales,
        2,
        "Value of new business year to date greater than the same time last year?",
        "Gwerth busnes newydd hyd yma eleni yn fwy na'r un adeg y llynedd?",
        Some(KpiSource::NewBusinessUp),
        false,
    ),
    (
        "DD2",
        KpiCategory::Client,
        2,
        "Exit plan agreed?",
        "Cynllun ymadael wedi'i gytuno?",
        Some(KpiSource::ExitPlanAgreed),
        true,
    ),
    (
        "DD3",
        KpiCategory::Client,
        2,
        "Contact frequency met?",
        "Amlder cyswllt wedi'i gyflawni?",
        Some(KpiSource::ContactFrequencyMet),
        true,
    ),
    (
        "EE2",
        KpiCategory::Sales,
        2,
        "Journey stage advanced this quarter?",
        "Cam y daith wedi symud ymlaen y chwarter hwn?",
        Some(KpiSource::JourneyAdvanced),
        true,
    ),
];

/// The KPIs casebook ships, as an organisation that changed none of them has them.
pub fn shipped() -> Vec<Kpi> {
    SHIPPED
        .iter()
        .zip(0u128..)
        .map(
            |(&(code, category, level, text, text_cy, source, retired), i)| Kpi {
                id: Uuid::from_u128(SHIPPED_BASE + i),
                code: code.into(),
                category,
                level,
                text: text.into(),
                text_cy: text_cy.into(),
                source,
                retired,
                shipped: true,
            },
        )
        .collect()
}

/// The KPI set of organisation document `doc`: the shipped KPIs as its entries override them,
/// then the KPIs its administrators added, each kind in code order. An entry another tool
/// wrote without a known category or a level of 1 or 2 is left out.
pub fn read(doc: &Automerge) -> Vec<Kpi> {
    let category = |f: &templates::Fields| -> Option<KpiCategory> {
        templates::text(f, "category").and_then(|c| c.parse().ok())
    };
    let level = |f: &templates::Fields| match templates::number(f, "level") {
        Some(l @ 1..=2) => u8::try_from(l).ok(),
        _ => None,
    };
    let (mut set, mut added) = templates::overlay(
        shipped(),
        doc,
        KIND,
        |k| k.id,
        // An added KPI needs its category and level to be scored at all.
        |id, fields| {
            Some(Kpi {
                id,
                code: String::new(),
                category: category(fields)?,
                level: level(fields)?,
                text: String::new(),
                text_cy: String::new(),
                source: None,
                retired: false,
                shipped: false,
            })
        },
        |kpi, fields| {
            templates::set_texts(
                fields,
                vec![
                    ("code", &mut kpi.code),
                    ("text", &mut kpi.text),
                    ("text_cy", &mut kpi.text_cy),
                ],
            );
            if let Some(c) = category(fields) {
                kpi.category = c;
            }
            if let Some(l) = level(fields) {
                kpi.level = l;
            }
            if let Some(s) = templates::text(fields, "source") {
                kpi.source = s.parse().ok();
            }
            if let Some(r) = templates::flag(fields, "retired") {
                kpi.retired = r;
            }
        },
        |_| true,
    );
    added.sort_by(|a, b| (a.level, a.category, &a.code).cmp(&(b.level, b.category, &b.code)));
    set.extend(added);
    set
}

/// The KPIs in use (not retired), the set a new scorecard copies.
pub fn in_use(set: &[Kpi]) -> Vec<&Kpi> {
    set.iter().filter(|k| !k.retired).collect()
}

/// The KPI of `set` a person means by `query`: its code (any case), or its id or a prefix of it.
///
/// # Errors
/// [`Error::NoSuchEntry`] or [`Error::AmbiguousEntry`].
pub fn find<'a>(set: &'a [Kpi], query: &str) -> Result<&'a Kpi, Error> {
    let q = query.trim();
    let by_code: Vec<&Kpi> = set
        .iter()
        .filter(|k| k.code.eq_ignore_ascii_case(q))
        .collect();
    // A retired KPI keeps its code; one in use wins when an added KPI reuses it.
    if let Some(k) = by_code
        .iter()
        .find(|k| !k.retired)
        .or_else(|| by_code.first())
    {
        return Ok(k);
    }
    let ids: Vec<&Kpi> = set
        .iter()
        .filter(|k| !q.is_empty() && k.id.to_string().starts_with(&q.to_ascii_lowercase()))
        .collect();
    match ids.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::no_such_entry("kpi", q.to_string())),
        _ => Err(Error::ambiguous_entry("kpi", q)),
    }
}

/// A new KPI for the organisation's set.
#[derive(Clone, Debug, Default)]
pub struct NewKpi {
    /// Its category.
    pub category: Option<KpiCategory>,
    /// 1 or 2.
    pub level: u8,
    /// Its code; empty for the next free one of its category and level (`A3`, `AA2`).
    pub code: String,
    /// The question in English.
    pub text: String,
    /// The question in Welsh.
    pub text_cy: String,
}

/// The next free code of a category and level in `set`: `A3` after `A1` and `A2`.
pub fn next_code(set: &[Kpi], category: KpiCategory, level: u8) -> String {
    let prefix: String =
        std::iter::repeat_n(category.letter(), usize::from(level.max(1))).collect();
    let taken = |n: usize| {
        set.iter()
            .any(|k| k.code.eq_ignore_ascii_case(&format!("{prefix}{n}")))
    };
    let n = (1..).find(|n| !taken(*n)).unwrap_or(1);
    format!("{prefix}{n}")
}

/// Check a KPI's fields before they are written.
fn check(set: &[Kpi], id: Uuid, code: &str, level: u8, text: &str) -> Result<(), Error> {
    if !(1..=2).contains(&level) {
        return Err(Error::Rule(
            Message::new("rule-kpi-level").with("level", u64::from(level)),
        ));
    }
    if text.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-kpi-needs-text")));
    }
    if code.trim().is_empty() || code.contains(char::is_whitespace) {
        return Err(Error::Rule(
            Message::new("rule-kpi-bad-code").with("code", code),
        ));
    }
    if let Some(other) = set
        .iter()
        .find(|k| k.id != id && !k.retired && k.code.eq_ignore_ascii_case(code))
    {
        return Err(Error::Rule(
            Message::new("rule-kpi-code-taken")
                .with("code", code)
                .with("text", &other.text),
        ));
    }
    crate::edit::check_text("code", code)?;
    crate::edit::check_length("text", text, casebook_base::limits::MAX_NAME_CHARS * 2)
}

/// Add a KPI to organisation document `doc`; returns the change with the new KPI's id.
///
/// # Errors
/// [`Error::Rule`] for a missing category or text, a level other than 1 or 2, or a code in use.
pub fn add(doc: &mut Automerge, ctx: &EditContext, new: &NewKpi) -> Result<Edited, Error> {
    schema::check(doc)?;
    let set = read(doc);
    let category = new
        .category
        .ok_or_else(|| Error::Rule(Message::new("rule-kpi-needs-category")))?;
    let code = if new.code.trim().is_empty() {
        next_code(&set, category, new.level)
    } else {
        new.code.trim().to_string()
    };
    let id = Uuid::new_v4();
    check(&set, id, &code, new.level, &new.text)?;
    let text = new.text.trim().to_string();
    let text_cy = new.text_cy.trim().to_string();
    crate::edit::check_length("text", &text_cy, casebook_base::limits::MAX_NAME_CHARS * 2)?;
    let message = format!("KPI {code} added (level {}): {text}", new.level);
    let level = new.level;
    transact(doc, ctx, message, Some(id), move |tx| {
        let mut fields = vec![
            ("code", ScalarValue::Str(code.into())),
            ("category", ScalarValue::Str(category.as_str().into())),
            ("level", ScalarValue::Uint(u64::from(level))),
            ("text", ScalarValue::Str(text.into())),
            ("retired", ScalarValue::Boolean(false)),
        ];
        if !text_cy.is_empty() {
            fields.push(("text_cy", ScalarValue::Str(text_cy.into())));
        }
        templates::put(tx, id, KIND, fields)
    })
}

/// A change to one KPI: each field given replaces the KPI's.
#[derive(Clone, Debug, Default)]
pub struct KpiChange {
    /// A new code.
    pub code: Option<String>,
    /// A new English question.
    pub text: Option<String>,
    /// A new Welsh question.
    pub text_cy: Option<String>,
    /// Retire (`true`) or bring back into use (`false`).
    pub retired: Option<bool>,
}

/// Change KPI `query` (its code or id) of organisation document `doc`, writing only the fields
/// that change.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown KPI; [`Error::Rule`] when nothing would change or the
/// result would not be a valid KPI.
pub fn change(
    doc: &mut Automerge,
    ctx: &EditContext,
    query: &str,
    change: &KpiChange,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let set = read(doc);
    let kpi = find(&set, query)?.clone();
    let mut next = kpi.clone();
    if let Some(c) = &change.code {
        c.trim().clone_into(&mut next.code);
    }
    if let Some(t) = &change.text {
        t.trim().clone_into(&mut next.text);
    }
    if let Some(t) = &change.text_cy {
        t.trim().clone_into(&mut next.text_cy);
    }
    if let Some(r) = change.retired {
        next.retired = r;
    }
    if next == kpi {
        return Err(Error::Rule(
            Message::new("rule-kpi-unchanged").with("code", &kpi.code),
        ));
    }
    if !next.retired {
        check(&set, next.id, &next.code, next.level, &next.text)?;
    }
    crate::edit::check_length(
        "text",
        &next.text_cy,
        casebook_base::limits::MAX_NAME_CHARS * 2,
    )?;
    let mut what = Vec::new();
    if next.code != kpi.code {
        what.push(format!("code {}", next.code));
    }
    if next.text != kpi.text {
        what.push(format!("question '{}'", next.text));
    }
    if next.text_cy != kpi.text_cy {
        what.push(format!("Welsh question '{}'", next.text_cy));
    }
    if next.retired != kpi.retired {
        what.push(if next.retired { "retired" } else { "in use" }.to_string());
    }
    let message = format!("KPI {}: {}", kpi.code, what.join("; "));
    transact(doc, ctx, message, Some(kpi.id), move |tx| {
        let mut fields = Vec::new();
        if next.code != kpi.code {
            fields.push(("code", ScalarValue::Str(next.code.into())));
        }
        if next.text != kpi.text {
            fields.push(("text", ScalarValue::Str(next.text.into())));
        }
        if next.text_cy != kpi.text_cy {
            fields.push(("text_cy", ScalarValue::Str(next.text_cy.into())));
        }
        if next.retired != kpi.retired {
            fields.push(("retired", ScalarValue::Boolean(next.retired)));
        }
        templates::put(tx, kpi.id, KIND, fields)
    })
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use casebook_base::{FileId, NodeId};

    use super::*;

    fn ctx() -> EditContext {
        EditContext {
            adviser: "Carol".into(),
            now: chrono::Utc::now(),
        }
    }

    fn org(actor: u8) -> Automerge {
        schema::new_file(FileId::new_organisation(), NodeId::from_bytes([0xAD; 32]))
            .unwrap()
            .with_actor(ActorId::from(&[actor; 32][..]))
    }

    #[test]
    fn the_seed_names_ten_level_one_and_five_level_two_kpis() {
        let set = shipped();
        let in_use = in_use(&set);
        assert_eq!(in_use.iter().filter(|k| k.level == 1).count(), 10);
        assert_eq!(in_use.iter().filter(|k| k.level == 2).count(), 5);
        for c in KpiCategory::ALL {
            assert_eq!(
                in_use
                    .iter()
                    .filter(|k| k.category == *c && k.level == 1)
                    .count(),
                2,
                "{c}"
            );
        }
        // Stable ids, every code unique, a Welsh question for each.
        assert_eq!(set[0].id, shipped()[0].id);
        let codes: std::collections::BTreeSet<&str> = set.iter().map(|k| k.code.as_str()).collect();
        assert_eq!(codes.len(), set.len());
        assert!(set.iter().all(|k| !k.text_cy.is_empty()));
        assert_eq!(read(&org(1)), set);
    }

    #[test]
    fn administrators_adding_kpis_apart_both_keep_theirs_and_edits_override_the_shipped() {
        let base = org(1);
        let mut a = base.fork().with_actor(ActorId::from(&[2; 32][..]));
        let mut b = base.fork().with_actor(ActorId::from(&[3; 32][..]));
        let new = |text: &str| NewKpi {
            category: Some(KpiCategory::Financial),
            level: 1,
            code: String::new(),
            text: text.into(),
            text_cy: String::new(),
        };
        add(&mut a, &ctx(), &new("Invoices paid on time?")).unwrap();
        add(&mut b, &ctx(), &new("Budget agreed?")).unwrap();
        change(
            &mut b,
            &ctx(),
            "b1",
            &KpiChange {
                retired: Some(true),
                ..KpiChange::default()
            },
        )
        .unwrap();
        a.merge(&mut b).unwrap();
        let set = read(&a);
        let added: Vec<&Kpi> = set.iter().filter(|k| !k.shipped).collect();
        assert_eq!(added.len(), 2);
        // Both took the next free code apart: the same code twice until one is renamed.
        assert!(added.iter().all(|k| k.code == "B3"));
        assert!(find(&set, "B1").unwrap().retired);
        assert_eq!(in_use(&set).iter().filter(|k| k.level == 1).count(), 11);
    }

    #[test]
    fn a_kpi_needs_its_text_a_level_and_a_free_code() {
        let mut doc = org(1);
        let refused = |doc: &mut Automerge, new: NewKpi| add(doc, &ctx(), &new).unwrap_err();
        let base = NewKpi {
            category: Some(KpiCategory::Sales),
            level: 2,
            code: String::new(),
            text: "Referrals received?".into(),
            text_cy: String::new(),
        };
        assert!(matches!(
            refused(&mut doc, NewKpi { level: 3, ..base.clone() }),
            Error::Rule(m) if m.key == "rule-kpi-level"
        ));
        assert!(matches!(
            refused(&mut doc, NewKpi { text: " ".into(), ..base.clone() }),
            Error::Rule(m) if m.key == "rule-kpi-needs-text"
        ));
        assert!(matches!(
            refused(&mut doc, NewKpi { code: "e1".into(), ..base.clone() }),
            Error::Rule(m) if m.key == "rule-kpi-code-taken"
        ));
        let added = add(&mut doc, &ctx(), &base).unwrap();
        let set = read(&doc);
        let kpi = set.iter().find(|k| Some(k.id) == added.entry).unwrap();
        // EE1 is shipped and EE2 is the retired adviser KPI, whose code stays reserved here.
        assert_eq!(kpi.code, "EE3");
        assert!(matches!(
            change(&mut doc, &ctx(), "EE3", &KpiChange::default()),
            Err(Error::Rule(m)) if m.key == "rule-kpi-unchanged"
        ));
    }
}
