//! Moving a client into a tier (PF-4): an entry of its tier history, with the reason.

use automerge::Automerge;
use casebook_i18n::Message;
use chrono::NaiveDate;

use super::{EditContext, Edited, add_entry, check_text, current};
use crate::Error;
use crate::model::TierEntry;
use crate::tiers::Tier;

/// Record that the client entered `tier` on `from`, because `reason` (the tier's entry criteria
/// met, or the last tier's exit criteria).
///
/// # Errors
/// [`Error::Rule`] for no reason, a retired tier, the tier it is in already, a day not come yet
/// or before the client's latest move.
pub fn set_tier(
    doc: &mut Automerge,
    ctx: &EditContext,
    tier: &Tier,
    from: NaiveDate,
    reason: &str,
) -> Result<Edited, Error> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Rule(Message::new("tier-rule-needs-reason")));
    }
    check_text("reason", reason)?;
    if tier.retired {
        return Err(Error::Rule(
            Message::new("tier-rule-retired").with("name", &tier.name),
        ));
    }
    super::dates::check_happened(Message::new("tier-what-move"), from, ctx.now)?;
    let file = current(doc)?;
    let now = crate::rules::tiers::history(&file);
    if let Some(last) = now.last() {
        if last.tier == Some(tier.id) {
            return Err(Error::Rule(
                Message::new("tier-rule-already").with("name", &tier.name),
            ));
        }
        if last.from.is_some_and(|d| from < d) {
            return Err(Error::Rule(
                Message::new("tier-rule-before-last")
                    .with("name", &last.name)
                    .with("date", last.from.map(|d| d.to_string()).unwrap_or_default()),
            ));
        }
    }
    let entry = TierEntry {
        tier: Some(tier.id),
        name: tier.name.clone(),
        from: Some(from),
        reason: reason.to_string(),
        by: ctx.adviser.clone(),
        at: Some(ctx.now),
    };
    let message = format!(
        "Tier of {}: {} from {from} ({reason})",
        file.profile.name, tier.name
    );
    add_entry(doc, ctx, &["tier_history"], &entry, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{client_with_risk, ctx};
    use crate::tiers::shipped;

    #[test]
    fn a_client_moves_between_tiers_with_a_reason_and_never_back_in_time() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let tiers = shipped();
        let day = |d| NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
        assert!(set_tier(&mut doc, &c, &tiers[1], day(2), " ").is_err());
        assert!(
            set_tier(&mut doc, &c, &tiers[1], day(20), "Asked for help").is_err(),
            "not come yet"
        );
        set_tier(&mut doc, &c, &tiers[1], day(2), "Asked for help").unwrap();
        assert!(set_tier(&mut doc, &c, &tiers[1], day(3), "Again").is_err());
        assert!(set_tier(&mut doc, &c, &tiers[0], day(1), "Growth plan").is_err());
        set_tier(&mut doc, &c, &tiers[0], day(10), "Growth plan agreed").unwrap();
        let retired = Tier {
            retired: true,
            ..tiers[1].clone()
        };
        assert!(set_tier(&mut doc, &c, &retired, day(11), "Back").is_err());
        let file = current(&doc).unwrap();
        assert_eq!(
            crate::rules::tiers::current(&file),
            Some((tiers[0].id, Some(day(10))))
        );
    }
}
