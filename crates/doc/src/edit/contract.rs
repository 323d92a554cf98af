//! Contracts won (RK-6) and the coloured risk alerts sent for opportunities and contracts
//! (RK-3): make a contract and start its risk cycle from the register, end it, set who sends
//! alerts and how often, send one.

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::prr::scope_words;
use super::{
    EditContext, Edited, PrrDecision, add_entry, check_prr_item, check_text, current, json, path,
    put_json, transact,
};
use crate::Error;
use crate::config::OrgConfig;
use crate::enums::{OpportunityStatus, RiskStatus, Vocabulary};
use crate::model::{AccountFile, Contract, Reporting, RiskAlert};
use crate::prr::PrrItem;
use crate::rules::prr::{Scope, item_applies_to, key};
use crate::rules::rollup::rollup;

/// The longest period between alerts casebook accepts: a year.
pub const MAX_REPORT_DAYS: u32 = 366;

fn contract(file: &AccountFile, id: Uuid) -> Result<&Contract, Error> {
    file.contracts
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("contract", id.to_string()))
}

/// Make `c`, and when it was won from an opportunity begin its cycle of risk management from the
/// Preventative Risk Register (RK-6): every item of `register` checked for contracts that
/// applied to the opportunity, and whose risk there is still open, is raised again in the
/// contract's register with that risk's likelihood and severity, owned by the contract's
/// manager, and checked for the contract. The other items wait on the contract's checklist.
///
/// # Errors
/// [`Error::Rule`] for no title or manager, a negative value, an opportunity that is not won or
/// already has its contract; [`Error::NoSuchEntry`] for an unknown opportunity.
pub fn add_contract(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    register: &[PrrItem],
    c: &Contract,
) -> Result<Edited, Error> {
    let mut c = c.clone();
    c.title = c.title.trim().to_string();
    c.manager = c.manager.trim().to_string();
    c.ended = None;
    if c.title.is_empty() {
        return Err(Error::Rule(Message::new("ct-rule-needs-title")));
    }
    if c.manager.is_empty() {
        return Err(Error::Rule(Message::new("ct-rule-needs-manager")));
    }
    check_text("title", &c.title)?;
    check_text("manager", &c.manager)?;
    if !c.value.is_finite() || c.value < 0.0 {
        return Err(Error::Rule(Message::new("ct-rule-value")));
    }
    let file = current(doc)?;
    let mut carried = Vec::new();
    if let Some(o) = c.opportunity {
        let opp = file
            .opportunities
            .get(&o)
            .ok_or_else(|| Error::no_such_entry("opportunity", o.to_string()))?;
        if opp.status != OpportunityStatus::Won {
            return Err(Error::Rule(
                Message::new("ct-rule-not-won")
                    .with("title", &opp.title)
                    .with("status", opp.status.word()),
            ));
        }
        if let Some(other) = file.contracts.values().find(|x| x.opportunity == Some(o)) {
            return Err(Error::Rule(
                Message::new("ct-rule-has-contract")
                    .with("title", &opp.title)
                    .with("contract", &other.title),
            ));
        }
        for item in register
            .iter()
            .filter(|i| !i.retired && item_applies_to(&i.scope, Scope::Contract(o)))
        {
            let Some(check) = file.prr.get(&key(Scope::Opportunity(o), item.id)) else {
                continue;
            };
            let Some(risk) = check.risk.and_then(|r| file.risks.get(&r)) else {
                continue;
            };
            if check.applies
                && risk.status == RiskStatus::Open
                && config
                    .rag_matrix
                    .rag(risk.likelihood, risk.severity)
                    .is_ok()
            {
                carried.push((item.clone(), risk.likelihood, risk.severity));
            }
        }
    }
    let start = c.start.map(|d| format!(", starts {d}")).unwrap_or_default();
    let message = format!(
        "Contract '{}' made (manager {}{start}, £{:.0})",
        c.title, c.manager, c.value
    );
    let made = add_entry(doc, ctx, &["contracts"], &c, message)?;
    let Some(id) = made.entry else {
        return Ok(made);
    };
    let today = c.start.unwrap_or_else(|| ctx.now.date_naive());
    for (item, likelihood, severity) in carried {
        let decision = PrrDecision::Applies {
            likelihood,
            severity,
            owner: c.manager.clone(),
        };
        check_prr_item(
            doc,
            ctx,
            config,
            Scope::Contract(id),
            &item,
            &decision,
            today,
        )?;
    }
    Ok(made)
}

/// Record that contract `id` ended on `date`: its risks leave the account's colour and it sends
/// no more alerts.
///
/// # Errors
/// [`Error::Rule`] for a contract ended already or an end before its start.
pub fn end_contract(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    date: NaiveDate,
) -> Result<Edited, Error> {
    super::dates::check_happened(Message::new("ct-what-end"), date, ctx.now)?;
    let file = current(doc)?;
    let c = contract(&file, id)?;
    if let Some(ended) = c.ended {
        return Err(Error::Rule(
            Message::new("ct-rule-ended")
                .with("title", &c.title)
                .with("date", ended.to_string()),
        ));
    }
    if c.start.is_some_and(|s| date < s) {
        return Err(Error::Rule(
            Message::new("ct-rule-end-before-start").with("title", &c.title),
        ));
    }
    let message = format!("Contract '{}' ended on {date}", c.title);
    let day = date.to_string();
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["contracts", &id.to_string()])?;
        tx.put(&obj, "ended", day.as_str())?;
        Ok(())
    })
}

/// The activity an alert is for, as the account file names its map: opportunities or
/// contracts; the account itself sends none.
fn activity_keys(activity: Scope) -> Result<(&'static str, Uuid), Error> {
    match activity {
        Scope::Opportunity(o) => Ok(("opportunities", o)),
        Scope::Contract(c) => Ok(("contracts", c)),
        Scope::Account => Err(Error::Rule(Message::new("ra-rule-activity"))),
    }
}

/// Whether `activity` is live: an opportunity pursued (open or on hold) or a contract not ended.
/// Refuses otherwise, saying why.
fn live(file: &AccountFile, activity: Scope) -> Result<(), Error> {
    match activity {
        Scope::Opportunity(o) => {
            let opp = file
                .opportunities
                .get(&o)
                .ok_or_else(|| Error::no_such_entry("opportunity", o.to_string()))?;
            if !matches!(
                opp.status,
                OpportunityStatus::Open | OpportunityStatus::Hold
            ) {
                return Err(Error::Rule(
                    Message::new("ra-rule-opportunity-ended")
                        .with("title", &opp.title)
                        .with("status", opp.status.word()),
                ));
            }
        }
        Scope::Contract(c) => {
            let ct = contract(file, c)?;
            if let Some(ended) = ct.ended {
                return Err(Error::Rule(
                    Message::new("ct-rule-ended")
                        .with("title", &ct.title)
                        .with("date", ended.to_string()),
                ));
            }
        }
        Scope::Account => return Err(Error::Rule(Message::new("ra-rule-activity"))),
    }
    Ok(())
}

/// Set who sends coloured risk alerts for `activity` and how often (RK-3): one every
/// `r.every_days` days from `r.from`.
///
/// # Errors
/// [`Error::Rule`] for no reporter, a period of 0 days or more than [`MAX_REPORT_DAYS`], no
/// start day, or an activity that is not live.
pub fn set_reporting(
    doc: &mut Automerge,
    ctx: &EditContext,
    activity: Scope,
    r: &Reporting,
) -> Result<Edited, Error> {
    let (section, id) = activity_keys(activity)?;
    let mut r = r.clone();
    r.reporter = r.reporter.trim().to_string();
    if r.reporter.is_empty() {
        return Err(Error::Rule(Message::new("ra-rule-needs-reporter")));
    }
    check_text("reporter", &r.reporter)?;
    if r.every_days == 0 || r.every_days > MAX_REPORT_DAYS {
        return Err(Error::Rule(
            Message::new("ra-rule-every").with("max", MAX_REPORT_DAYS.to_string()),
        ));
    }
    let Some(from) = r.from else {
        return Err(Error::Rule(Message::new("ra-rule-needs-from")));
    };
    let file = current(doc)?;
    live(&file, activity)?;
    let message = format!(
        "Risk alerts for {}: {} every {} days from {from}",
        scope_words(&file, activity)?,
        r.reporter,
        r.every_days
    );
    let value = json(&r)?;
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &[section, &id.to_string()])?;
        put_json(tx, &obj, "reporting", &value)
    })
}

/// Send a coloured risk alert for `activity` (RK-3), dated `alert.date`: the register's colour
/// of the activity now is recorded with it, so an alert below it stays flagged whatever the
/// register says later.
///
/// # Errors
/// [`Error::Rule`] for no colour, reporter or date, or an activity that is not live.
pub fn send_risk_alert(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    activity: Scope,
    alert: &RiskAlert,
) -> Result<Edited, Error> {
    activity_keys(activity)?;
    let mut a = alert.clone();
    a.activity = activity.id();
    a.at = Some(ctx.now);
    a.reporter = a.reporter.trim().to_string();
    a.commentary = a.commentary.trim().to_string();
    let Some(colour) = a.colour else {
        return Err(Error::Rule(Message::new("ra-rule-needs-colour")));
    };
    if a.reporter.is_empty() {
        return Err(Error::Rule(Message::new("ra-rule-needs-reporter")));
    }
    check_text("reporter", &a.reporter)?;
    check_text("commentary", &a.commentary)?;
    let Some(date) = a.date else {
        return Err(Error::Rule(Message::new("ra-rule-needs-date")));
    };
    super::dates::check_happened(Message::new("ra-what-alert"), date, ctx.now)?;
    let file = current(doc)?;
    live(&file, activity)?;
    let roll = rollup(&file, &config.rag_matrix);
    a.register = match activity {
        Scope::Opportunity(o) => roll.opportunities.get(&o).copied().flatten(),
        Scope::Contract(c) => roll.contracts.get(&c).copied().flatten(),
        Scope::Account => None,
    };
    let below = match a.register {
        Some(r) if colour < r => format!(", below the register ({r})"),
        _ => String::new(),
    };
    let message = format!(
        "Risk alert for {}: {colour} from {} on {date}{below}",
        scope_words(&file, activity)?,
        a.reporter
    );
    add_entry(doc, ctx, &["risk_alerts"], &a, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{add_opportunity, close_opportunity};
    use crate::enums::Rag;
    use crate::model::{Opportunity, Outcome};
    use crate::prr::shipped;
    use crate::test_support::{client_with_risk, ctx};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// An adviser editing on the last day of 2026, after every day these tests record.
    fn year_end(adviser: &str) -> EditContext {
        EditContext {
            adviser: adviser.into(),
            now: day(12, 31).and_hms_opt(10, 0, 0).unwrap().and_utc(),
        }
    }

    fn won(doc: &mut Automerge, config: &OrgConfig, register: &[PrrItem]) -> Uuid {
        let c = ctx("Alice", 12);
        let opp = add_opportunity(
            doc,
            &c,
            &Opportunity {
                title: "Export deal".into(),
                origin: Default::default(),
                value: 5000.0,
                timescale: String::new(),
                status: OpportunityStatus::Open,
                raised: None,
                sessions: Default::default(),
                outcome: None,
                reporting: None,
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let terms = register.iter().find(|i| i.code == "PRR12").unwrap();
        let teamwork = register.iter().find(|i| i.code == "PRR16").unwrap();
        let applies = PrrDecision::Applies {
            likelihood: 4,
            severity: 4,
            owner: "Alice".into(),
        };
        check_prr_item(
            doc,
            &c,
            config,
            Scope::Opportunity(opp),
            terms,
            &applies,
            day(5, 1),
        )
        .unwrap();
        let not = PrrDecision::NotApplicable {
            reason: "One team".into(),
        };
        check_prr_item(
            doc,
            &c,
            config,
            Scope::Opportunity(opp),
            teamwork,
            &not,
            day(5, 1),
        )
        .unwrap();
        close_opportunity(
            doc,
            &c,
            opp,
            &Outcome {
                result: OpportunityStatus::Won,
                date: day(6, 1),
                value: 5000.0,
                reason: "Best price".into(),
                by: "Alice".into(),
                review: None,
            },
        )
        .unwrap();
        opp
    }

    #[test]
    fn a_contract_won_starts_its_register_from_the_items_that_applied() {
        let (mut doc, _) = client_with_risk(2, 2);
        let config = OrgConfig::default();
        let register = shipped();
        let opp = won(&mut doc, &config, &register);
        let c = year_end("Alice");
        let contract = Contract {
            title: "Export deal".into(),
            opportunity: Some(opp),
            manager: "Bob".into(),
            start: Some(day(6, 1)),
            value: 5000.0,
            ..Contract::default()
        };
        let id = add_contract(&mut doc, &c, &config, &register, &contract)
            .unwrap()
            .entry
            .unwrap();
        let file = current(&doc).unwrap();
        let carried: Vec<_> = file
            .risks
            .values()
            .filter(|r| r.contract == Some(id))
            .collect();
        assert_eq!(carried.len(), 1, "only the item that applied is carried");
        assert_eq!(
            (
                carried[0].likelihood,
                carried[0].severity,
                &*carried[0].owner
            ),
            (4, 4, "Bob")
        );
        let terms = register.iter().find(|i| i.code == "PRR12").unwrap();
        assert!(file.prr[&key(Scope::Contract(id), terms.id)].applies);
        assert_eq!(
            rollup(&file, &config.rag_matrix).contracts[&id],
            Some(Rag::Red),
            "the contract has its own colour"
        );
        let err = add_contract(&mut doc, &c, &config, &register, &contract).unwrap_err();
        assert!(
            matches!(&err, Error::Rule(m) if m.key == "ct-rule-has-contract"),
            "{err:?}"
        );
        end_contract(&mut doc, &c, id, day(12, 31)).unwrap();
        assert!(end_contract(&mut doc, &c, id, day(12, 31)).is_err());
        let file = current(&doc).unwrap();
        assert_eq!(
            rollup(&file, &config.rag_matrix).contracts[&id],
            Some(Rag::Red)
        );
    }

    #[test]
    fn an_alert_records_the_register_colour_and_needs_a_live_activity() {
        let (mut doc, _) = client_with_risk(2, 2);
        let config = OrgConfig::default();
        let register = shipped();
        let opp = won(&mut doc, &config, &register);
        let c = year_end("Alice");
        let alert = RiskAlert {
            colour: Some(Rag::Green),
            reporter: "Bob".into(),
            date: Some(day(6, 2)),
            ..RiskAlert::default()
        };
        assert!(
            send_risk_alert(&mut doc, &c, &config, Scope::Opportunity(opp), &alert).is_err(),
            "a won opportunity is no longer a live activity"
        );
        let id = add_contract(
            &mut doc,
            &c,
            &config,
            &register,
            &Contract {
                title: "Export deal".into(),
                opportunity: Some(opp),
                manager: "Bob".into(),
                start: Some(day(6, 1)),
                ..Contract::default()
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let sent = send_risk_alert(&mut doc, &c, &config, Scope::Contract(id), &alert).unwrap();
        assert!(
            sent.message.ends_with("below the register (red)"),
            "{}",
            sent.message
        );
        let file = current(&doc).unwrap();
        let a = &file.risk_alerts[&sent.entry.unwrap()];
        assert_eq!((a.colour, a.register), (Some(Rag::Green), Some(Rag::Red)));
        let duty = Reporting {
            reporter: "Bob".into(),
            every_days: 0,
            from: Some(day(6, 1)),
        };
        assert!(set_reporting(&mut doc, &c, Scope::Contract(id), &duty).is_err());
        let duty = Reporting {
            every_days: 30,
            ..duty
        };
        set_reporting(&mut doc, &c, Scope::Contract(id), &duty).unwrap();
        assert_eq!(
            current(&doc).unwrap().contracts[&id].reporting,
            Some(duty.clone())
        );
        assert!(set_reporting(&mut doc, &c, Scope::Account, &duty).is_err());
    }
}
