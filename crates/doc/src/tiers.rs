//! The organisation's tiers of clients (PF-4): each with written entry and exit criteria and its
//! service levels (contact frequency, review cadence, effort budget, whether a senior sponsor is
//! required).
//!
//! Seed 004 asks that "criteria for identification of target clients should be clearly spelled
//! out" and "differentiation of service should be clearly articulated", and names no numbers:
//! casebook ships two example tiers (Target and Standard) with stable ids, for administrators to
//! edit, retire, or add to in the organisation document's `templates` (`kind` = `tier`).

use automerge::{Automerge, ScalarValue};
use casebook_i18n::{Lang, Message};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::edit::{EditContext, Edited, transact};
use crate::{Error, schema, templates};

/// The `kind` of a tier's entry in the organisation document's `templates`.
const KIND: &str = "tier";

/// A tier's fields and their words in change messages (the English of the catalogue's
/// `tier-field-*`), so history reads a change back in either language.
pub const FIELD_WORDS: &[(&str, &str)] = &[
    ("name", "name"),
    ("name_cy", "Welsh name"),
    ("entry", "entry criteria"),
    ("entry_cy", "entry criteria in Welsh"),
    ("exit", "exit criteria"),
    ("exit_cy", "exit criteria in Welsh"),
    ("contact_days", "contact every (days)"),
    ("review_days", "review every (days)"),
    ("effort_hours", "effort budget (hours a year)"),
    ("sponsor", "senior sponsor required"),
];

/// The longest service-level period casebook accepts, in days: three years.
pub const MAX_DAYS: u64 = 3 * 366;

/// The largest effort budget casebook accepts, in hours a year.
pub const MAX_HOURS: u64 = 2000;

/// One tier and its service levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    /// Its id: stable for a shipped tier.
    pub id: Uuid,
    /// Its name in English, as typed on the command line.
    pub name: String,
    /// Its name in Welsh (empty: the English shows).
    pub name_cy: String,
    /// Who makes it in, in English.
    pub entry: String,
    /// Who makes it in, in Welsh.
    pub entry_cy: String,
    /// Who drops out, in English.
    pub exit: String,
    /// Who drops out, in Welsh.
    pub exit_cy: String,
    /// A contact at least every this many days.
    pub contact_days: u64,
    /// An internal review every this many days; 0 for none.
    pub review_days: u64,
    /// Support hours a year the tier's clients may take; 0 for no budget.
    pub effort_hours: u64,
    /// Whether its clients need a senior sponsor on our side.
    pub sponsor: bool,
    /// Whether it is out of use (its members keep it until moved).
    pub retired: bool,
    /// Whether casebook ships it.
    pub shipped: bool,
}

impl Tier {
    /// A tier with id `id` and nothing else yet: what an organisation's entry starts from.
    fn blank(id: Uuid) -> Self {
        Self {
            id,
            name: String::new(),
            name_cy: String::new(),
            entry: String::new(),
            entry_cy: String::new(),
            exit: String::new(),
            exit_cy: String::new(),
            contact_days: 0,
            review_days: 0,
            effort_hours: 0,
            sponsor: false,
            retired: false,
            shipped: false,
        }
    }

    /// Its name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.name, &self.name_cy, lang)
    }

    /// Its entry criteria in `lang`.
    pub fn entry_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.entry, &self.entry_cy, lang)
    }

    /// Its exit criteria in `lang`.
    pub fn exit_in(&self, lang: Lang) -> &str {
        crate::kpis::question(&self.exit, &self.exit_cy, lang)
    }
}

const SHIPPED_BASE: u128 = 0x6361_7365_626f_6f6b_5449_4552_0000_0000;

/// The example tiers casebook ships.
pub fn shipped() -> Vec<Tier> {
    let tier = |i: u128, name: &str, name_cy: &str| Tier {
        name: name.into(),
        name_cy: name_cy.into(),
        shipped: true,
        ..Tier::blank(Uuid::from_u128(SHIPPED_BASE + i))
    };
    vec![
        Tier {
            entry: "Growth ambition and capacity to grow: a growth plan agreed with us".into(),
            entry_cy: "Uchelgais a gallu i dyfu: cynllun twf wedi'i gytuno gyda ni".into(),
            exit: "Growth plan delivered, or no progress over two reviews".into(),
            exit_cy: "Cynllun twf wedi'i gyflawni, neu ddim cynnydd dros ddau adolygiad".into(),
            contact_days: 30,
            review_days: 90,
            effort_hours: 24,
            sponsor: true,
            ..tier(0, "Target", "Targed")
        },
        Tier {
            entry: "Eligible for support and asked for it".into(),
            entry_cy: "Yn gymwys am gymorth ac wedi gofyn amdano".into(),
            exit: "Support plan completed, or no response for six months".into(),
            exit_cy: "Cynllun cymorth wedi'i gwblhau, neu ddim ymateb am chwe mis".into(),
            contact_days: 90,
            review_days: 365,
            effort_hours: 6,
            ..tier(1, "Standard", "Safonol")
        },
    ]
}

/// The tiers of organisation document `doc` (the shipped ones where none): shipped first, then
/// added ones by name.
pub fn read(doc: Option<&Automerge>) -> Vec<Tier> {
    let Some(doc) = doc else { return shipped() };
    let (mut tiers, mut added) = templates::overlay(
        shipped(),
        doc,
        KIND,
        |t| t.id,
        |id, _| Some(Tier::blank(id)),
        |t, fields| {
            templates::set_texts(
                fields,
                vec![
                    ("name", &mut t.name),
                    ("name_cy", &mut t.name_cy),
                    ("entry", &mut t.entry),
                    ("entry_cy", &mut t.entry_cy),
                    ("exit", &mut t.exit),
                    ("exit_cy", &mut t.exit_cy),
                ],
            );
            for (field, slot, max) in [
                ("contact_days", &mut t.contact_days, MAX_DAYS),
                ("review_days", &mut t.review_days, MAX_DAYS),
                ("effort_hours", &mut t.effort_hours, MAX_HOURS),
            ] {
                if let Some(v) = templates::number(fields, field) {
                    // A value another tool wrote beyond the bounds is held to them.
                    *slot = v.min(max);
                }
            }
            if let Some(b) = templates::flag(fields, "sponsor") {
                t.sponsor = b;
            }
            if let Some(r) = templates::flag(fields, "retired") {
                t.retired = r;
            }
            // A contact rule of 0 days would make every client overdue: a tier needs one of a
            // day at least.
            t.contact_days = t.contact_days.max(1);
        },
        |t| !t.name.trim().is_empty(),
    );
    added.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    tiers.extend(added);
    tiers
}

/// The tier `query` names (its English or Welsh name, any case).
///
/// # Errors
/// [`Error::Rule`] naming the tiers there are.
pub fn find<'a>(tiers: &'a [Tier], query: &str) -> Result<&'a Tier, Error> {
    let q = query.trim();
    tiers
        .iter()
        .find(|t| {
            t.name.eq_ignore_ascii_case(q)
                || (!t.name_cy.is_empty() && t.name_cy.eq_ignore_ascii_case(q))
        })
        .ok_or_else(|| {
            Error::Rule(
                Message::new("tier-no-such").with("name", q).with(
                    "names",
                    tiers
                        .iter()
                        .filter(|t| !t.retired)
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            )
        })
}

/// What a tier is to be: every field given is written.
#[derive(Clone, Debug, Default)]
pub struct TierFields {
    /// Its name in English.
    pub name: Option<String>,
    /// Its name in Welsh.
    pub name_cy: Option<String>,
    /// Entry criteria in English.
    pub entry: Option<String>,
    /// Entry criteria in Welsh.
    pub entry_cy: Option<String>,
    /// Exit criteria in English.
    pub exit: Option<String>,
    /// Exit criteria in Welsh.
    pub exit_cy: Option<String>,
    /// Contact every N days.
    pub contact_days: Option<u64>,
    /// Review every N days; 0 for none.
    pub review_days: Option<u64>,
    /// Effort budget in hours a year; 0 for none.
    pub effort_hours: Option<u64>,
    /// Whether a senior sponsor is required.
    pub sponsor: Option<bool>,
}

impl TierFields {
    /// The fields as the template entry holds them, checked.
    fn checked(&self, tiers: &[Tier], id: Uuid) -> Result<Vec<(&'static str, ScalarValue)>, Error> {
        let mut out = Vec::new();
        for (field, value) in [
            ("name", &self.name),
            ("name_cy", &self.name_cy),
            ("entry", &self.entry),
            ("entry_cy", &self.entry_cy),
            ("exit", &self.exit),
            ("exit_cy", &self.exit_cy),
        ] {
            let Some(v) = value else { continue };
            let v = v.trim();
            if field == "name" {
                if v.is_empty() {
                    return Err(Error::Rule(Message::new("tier-rule-needs-name")));
                }
                crate::edit::check_text("name", v)?;
                if tiers.iter().any(|t| {
                    t.id != id
                        && (t.name.eq_ignore_ascii_case(v) || t.name_cy.eq_ignore_ascii_case(v))
                }) {
                    return Err(Error::Rule(
                        Message::new("tier-rule-name-taken").with("name", v),
                    ));
                }
            } else if field == "name_cy" {
                crate::edit::check_text("name", v)?;
            } else {
                crate::edit::check_text("criteria", v)?;
            }
            out.push((field, ScalarValue::Str(v.into())));
        }
        if self.contact_days == Some(0) {
            return Err(Error::Rule(
                Message::new("tier-rule-days").with("max", MAX_DAYS),
            ));
        }
        for (field, value, max, key) in [
            (
                "contact_days",
                self.contact_days,
                MAX_DAYS,
                "tier-rule-days",
            ),
            ("review_days", self.review_days, MAX_DAYS, "tier-rule-days"),
            (
                "effort_hours",
                self.effort_hours,
                MAX_HOURS,
                "tier-rule-hours",
            ),
        ] {
            let Some(v) = value else { continue };
            if v > max {
                return Err(Error::Rule(Message::new(key).with("max", max)));
            }
            out.push((field, ScalarValue::Uint(v)));
        }
        if let Some(b) = self.sponsor {
            out.push(("sponsor", ScalarValue::Boolean(b)));
        }
        Ok(out)
    }
}

/// Add a tier to organisation document `doc`.
///
/// # Errors
/// [`Error::Rule`] for no name, a name taken, no contact rule or a period out of range.
pub fn add(doc: &mut Automerge, ctx: &EditContext, new: &TierFields) -> Result<Edited, Error> {
    schema::check(doc)?;
    let tiers = read(Some(doc));
    let id = Uuid::new_v4();
    if new.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(Error::Rule(Message::new("tier-rule-needs-name")));
    }
    let Some(contact) = new.contact_days else {
        return Err(Error::Rule(Message::new("tier-rule-needs-contact")));
    };
    let mut fields = new.checked(&tiers, id)?;
    fields.push(("retired", ScalarValue::Boolean(false)));
    let name = new.name.as_deref().unwrap_or_default().trim().to_string();
    let message = format!("Tier '{name}' added: contact every {contact} days");
    transact(doc, ctx, message, Some(id), move |tx| {
        templates::put(tx, id, KIND, fields)
    })
}

/// Change tier `name` of organisation document `doc`: the fields given are written, in one
/// change (each change a version in the document's history).
///
/// # Errors
/// [`Error::Rule`] for an unknown tier, nothing to change, or a field out of range.
pub fn change(
    doc: &mut Automerge,
    ctx: &EditContext,
    name: &str,
    new: &TierFields,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let tiers = read(Some(doc));
    let tier = find(&tiers, name)?.clone();
    let fields = new.checked(&tiers, tier.id)?;
    if fields.is_empty() {
        return Err(Error::Rule(
            Message::new("tier-rule-unchanged").with("name", &tier.name),
        ));
    }
    let names: Vec<&str> = fields
        .iter()
        .filter_map(|(f, _)| FIELD_WORDS.iter().find(|(n, _)| n == f).map(|(_, w)| *w))
        .collect();
    let message = format!("Tier '{}' changed: {}", tier.name, names.join(", "));
    transact(doc, ctx, message, Some(tier.id), move |tx| {
        templates::put(tx, tier.id, KIND, fields)
    })
}

/// Retire tier `name` (or bring it back with `retired` false).
///
/// # Errors
/// [`Error::Rule`] for an unknown tier, or one retired (or in use) already.
pub fn set_retired(
    doc: &mut Automerge,
    ctx: &EditContext,
    name: &str,
    retired: bool,
) -> Result<Edited, Error> {
    schema::check(doc)?;
    let tiers = read(Some(doc));
    let tier = find(&tiers, name)?;
    templates::set_retired(
        doc,
        ctx,
        KIND,
        "Tier",
        (tier.id, &tier.name, tier.retired),
        retired,
    )
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use casebook_base::{FileId, NodeId};

    use super::*;

    fn org() -> (Automerge, EditContext) {
        let doc = schema::new_file(FileId::new_organisation(), NodeId::from_bytes([0xAD; 32]))
            .unwrap()
            .with_actor(ActorId::from(&[1; 32][..]));
        (doc, crate::test_support::ctx("Admin", 12))
    }

    #[test]
    fn tiers_are_shipped_added_changed_and_retired() {
        let (mut doc, c) = org();
        assert_eq!(read(Some(&doc)).len(), 2);
        assert!(
            add(&mut doc, &c, &TierFields::default()).is_err(),
            "no name"
        );
        let growth = TierFields {
            name: Some("Growth".into()),
            contact_days: Some(45),
            ..TierFields::default()
        };
        assert!(
            add(
                &mut doc,
                &c,
                &TierFields {
                    contact_days: Some(0),
                    ..growth.clone()
                }
            )
            .is_err(),
            "a contact rule of 0 days"
        );
        add(&mut doc, &c, &growth).unwrap();
        assert!(add(&mut doc, &c, &growth).is_err(), "the name is taken");
        assert!(
            add(
                &mut doc,
                &c,
                &TierFields {
                    name: Some("targed".into()),
                    ..growth.clone()
                }
            )
            .is_err(),
            "the Welsh name of another tier is taken too"
        );
        change(
            &mut doc,
            &c,
            "target",
            &TierFields {
                contact_days: Some(21),
                sponsor: Some(false),
                ..TierFields::default()
            },
        )
        .unwrap();
        assert!(change(&mut doc, &c, "Target", &TierFields::default()).is_err());
        set_retired(&mut doc, &c, "Standard", true).unwrap();
        let tiers = read(Some(&doc));
        let target = find(&tiers, "Targed").unwrap();
        assert_eq!((target.contact_days, target.sponsor), (21, false));
        assert_eq!(
            target.review_days, 90,
            "unchanged fields keep the shipped values"
        );
        assert!(find(&tiers, "standard").unwrap().retired);
        assert_eq!(find(&tiers, "growth").unwrap().review_days, 0);
        assert!(find(&tiers, "Platinum").is_err());
    }
}
