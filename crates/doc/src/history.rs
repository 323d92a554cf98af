//! The change history of an account file, in the domain's words.

use automerge::{Automerge, ChangeHash};
use casebook_base::NodeId;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::schema::SCHEMA_ACTOR;

/// Who made a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "id")]
pub enum Author {
    /// The schema itself (genesis and migrations), identical on every node.
    Schema,
    /// A casebook node, identified by its public key.
    Node(NodeId),
    /// Another Automerge tool, by its actor id in hex.
    Other(String),
}

impl std::fmt::Display for Author {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Schema => f.write_str("schema"),
            Self::Node(n) => write!(f, "{}", n.short()),
            Self::Other(a) => write!(f, "actor {}", &a[..a.len().min(10)]),
        }
    }
}

/// The author of changes made by `actor`.
pub fn author_of(actor: &[u8]) -> Author {
    if actor == SCHEMA_ACTOR {
        return Author::Schema;
    }
    match <[u8; 32]>::try_from(actor) {
        Ok(bytes) => Author::Node(NodeId::from_bytes(bytes)),
        Err(_) => Author::Other(actor.iter().map(|b| format!("{b:02x}")).collect()),
    }
}

/// One change in the history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangeInfo {
    /// The change hash, in hex.
    pub hash: String,
    /// Who made it.
    pub author: Author,
    /// The change's sequence number for its author.
    pub seq: u64,
    /// When it was made (the author's clock).
    pub time: Option<DateTime<Utc>>,
    /// What was done, in the domain's words.
    pub message: String,
    /// The changes it built on, in hex.
    pub deps: Vec<String>,
}

/// Every change of `doc`, in causal order (a change always after the changes it built on).
pub fn changes(doc: &Automerge) -> Vec<ChangeInfo> {
    doc.get_changes_meta(&[])
        .into_iter()
        .map(|m| ChangeInfo {
            hash: m.hash.to_string(),
            author: author_of(m.actor.to_bytes()),
            seq: m.seq,
            time: (m.timestamp > 0)
                .then(|| DateTime::from_timestamp(m.timestamp, 0))
                .flatten(),
            message: m.message.map(|c| c.into_owned()).unwrap_or_default(),
            deps: m.deps.iter().map(ToString::to_string).collect(),
        })
        .collect()
}

/// Parse a change hash given in full or as a unique prefix of a change of `doc`.
pub fn find_change(doc: &Automerge, text: &str) -> Option<ChangeHash> {
    let wanted = text.trim().to_ascii_lowercase();
    if wanted.len() < 4 {
        return None;
    }
    let mut found = doc
        .get_changes_meta(&[])
        .into_iter()
        .map(|m| m.hash)
        .filter(|h| h.to_string().starts_with(&wanted));
    match (found.next(), found.next()) {
        (Some(h), None) => Some(h),
        _ => None,
    }
}

/// The heads of `doc` as it was at `time`: every change made at or before it (and its
/// dependencies). Schema changes (time 0) are always included.
pub fn heads_at_time(doc: &Automerge, time: DateTime<Utc>) -> Vec<ChangeHash> {
    let cutoff = time.timestamp();
    let metas = doc.get_changes_meta(&[]);
    heads_of(
        &metas,
        metas
            .iter()
            .filter(|m| m.timestamp <= cutoff)
            .map(|m| m.hash)
            .collect(),
    )
}

/// The heads of the document as it was `n` changes ago: every change but the last `n` in the
/// order `casebook history` lists them (a change always after those it depends on).
///
/// # Errors
/// The number of the file's dated changes (those not of the skeleton, which is stamped 0) if
/// going back `n` would leave none of them: the file did not exist yet.
pub fn heads_changes_ago(doc: &Automerge, n: usize) -> Result<Vec<ChangeHash>, usize> {
    let metas = doc.get_changes_meta(&[]);
    let dated = metas.iter().filter(|m| m.timestamp > 0).count();
    if n >= dated {
        return Err(dated);
    }
    let kept = metas.len() - n;
    Ok(heads_of(
        &metas,
        metas.iter().take(kept).map(|m| m.hash).collect(),
    ))
}

/// The heads of a set of changes closed under dependencies: the ones no other depends on.
fn heads_of(
    metas: &[automerge::ChangeMetadata<'_>],
    included: std::collections::BTreeSet<ChangeHash>,
) -> Vec<ChangeHash> {
    let mut heads = included.clone();
    for m in metas.iter().filter(|m| included.contains(&m.hash)) {
        for d in &m.deps {
            heads.remove(d);
        }
    }
    heads.into_iter().collect()
}

mod routine_words;
pub mod words;

pub use words::{change as describe, entry as describe_entry};

#[cfg(test)]
mod tests {
    use casebook_i18n::Lang;

    use super::words::{change, conflict_field, entry};

    /// Casebook's messages, each as the edit that writes it words it.
    const MESSAGES: &[&str] = &[
        "Schema 1: account file created",
        "Schema 5: entries withdrawn as entered by mistake",
        "Schema 6: balanced scorecards",
        "Schema 7: satisfaction surveys",
        "Schema 8: account performance reviews",
        "Schema 9: contact plan, topics, competitors and value added",
        "Schema 10: preventative risk register checks",
        "Schema 11: sales, proposition and marketing action plans",
        "Action plan (marketing) for Afon: Spring campaign",
        "Action plan 'Spring campaign': item Book the stand (owner Alice, due 2027-03-01)",
        "Action plan 'Spring campaign' reviewed on 2027-01-05",
        "Survey 'Annual survey 2026': results fed back to Our delivery team on 2026-06-02",
        "Schema 12: contracts, coloured risk alerts and risk management plans",
        "Withdrew contract Export range from Afon: typed twice",
        "Schema 13: tiers of clients",
        "Tier of Afon: Target from 2026-06-01 (Growth plan agreed)",
        "Tier 'Growth' added: contact every 45 days",
        "Tier 'Target' changed: contact every (days), senior sponsor required",
        "Tier Standard: retired",
        "Tier Standard: in use",
        "Withdrew risk alert of 2026-07-01 from Afon: wrong colour",
        "Withdrew tier entry Target of 2026-06-01 from Afon: wrong client",
        "Contract 'Export range' made (manager Bob, starts 2026-06-01, £5000)",
        "Contract 'Export range' made (manager Bob, £0)",
        "Contract 'Export range' ended on 2026-12-31",
        "Risk alerts for contract 'Export range': Bob every 30 days from 2026-06-01",
        "Risk alerts for opportunity 'New line': Alice every 14 days from 2026-06-01",
        "Risk alert for contract 'Export range': amber from Bob on 2026-07-01",
        "Risk alert for contract 'Export range': green from Bob on 2026-07-01, below the register (red)",
        "Risk management plan for the account: owner Alice, reviewed every 90 days",
        "Risk management plan for contract 'Export range': action on 'Penalty clauses': Agree a cap (owner Bob, due 2026-08-01)",
        "Risk management plan for the account reviewed on 2026-09-01",
        "Preventative risk PRR12 for contract 'Export range': applies",
        "Preventative risk PRR17 added (opportunity): Grant funding withdrawn",
        "Preventative risk PRR4: retired",
        "Preventative risk PRR4: in use",
        "Preventative risk PRR5 for the account: applies",
        "Preventative risk PRR13 for opportunity 'Export range': does not apply",
        "Contact plan for Afon: Alice sees Rhian Jones every 30 days",
        "Contact plan for Afon: Alice no longer sees Rhian Jones",
        "Topic for Afon: Who signs off the export budget?",
        "Topic answered: Who signs off the export budget?",
        "Competitor Rival Ltd appraised on 2026-11-03 at Afon",
        "Value added for Afon: Export seminar on 2026-11-03 (£400)",
        "Reference site Afon: agreed",
        "Review (internal) of Afon scheduled for 2026-11-03",
        "Review (with the client) of Afon scheduled for 2026-11-10",
        "Review of 2026-11-03: attended by Alice, Bethan",
        "Review of 2026-11-03: minutes of R7",
        "Review of 2026-11-03: answer to SAL1",
        "Review of 2026-11-03: action Book the appraisal (owner Bethan, due 2026-12-01)",
        "Review of 2026-11-03: action Call the MD (owner Alice)",
        "Review of 2026-11-03: decided lead Chris Patel",
        "Review of 2026-11-03: updated swot",
        "Review of 2026-11-03 closed with 2 actions",
        "Reviews of Afon every 60 days",
        "Review agenda item R21 added: Export plans",
        "Review question SAL3 added: Is the price right?",
        "Review agenda item R15: retired",
        "Review question SAL3: in use",
        "Survey 'Annual survey 2026' planned (deadline 2026-11-30, 18 questions)",
        "Survey 'Annual survey 2026': Rhys Jones asked (board)",
        "Survey 'Annual survey 2026' issued to 4 people",
        "Survey 'Annual survey 2026': response from Rhys Jones (board)",
        "Survey 'Annual survey 2026': response from anonymous (users)",
        "Survey 'Annual survey 2026' closed with 3 responses",
        "Survey 'Annual survey 2026': improvement: Tell them about export finance (owner Alice, due 2026-12-31)",
        "Survey 'Annual survey 2026': improvement: Brief the team (owner Alice)",
        "Survey question U6 added (users): Do our people take pride in their work?",
        "Survey question U3: retired",
        "Survey question U3: in use",
        "Scorecard for 2026-11 started (15 KPIs)",
        "Scorecard for 2026-11 started to correct the finalised one",
        "Scorecard 2026-11: A1 answered no; explanation, next action, owner, due",
        "Scorecard 2026-11: B2 answered yes",
        "Scorecard 2026-11: C1 evidence",
        "Scorecard 2026-11 finalised: 93% (Level 1 9/10, Level 2 5/5); 1 actions opened",
        "KPI B3 added (level 1): Invoices paid on time?",
        "KPI B1: code B9; question 'Margin up?'; Welsh question 'Elw i fyny?'; retired",
        "KPI DD2: in use",
        "Added client Afon Valley Foods Ltd",
        "Edited Afon: sector, legal form, segment +growth, segment -pre, remedial plan",
        "Moved Afon from (none) to enquiry",
        "Moved Afon from enquiry to diagnostic",
        "Agreed exit plan for Afon: sold",
        "Revised exit plan for Afon: sold: to a rival",
        "Exited Afon: completed-journey",
        "Logged outbound call with Dafydd (Afon): introduction",
        "Logged inbound email with Afon: sales; now contacted: Dafydd, Siân",
        "Action for Afon: Send the plan (owner Alice)",
        "Action for Afon: Send the plan (owner (none), due 2026-05-12)",
        "Completed action: Send the plan",
        "Withdrew person Dafydd from Afon: typo",
        "Withdrew outbound call on 2026-05-12 (sales) from Afon: twice",
        "Opportunity for Afon: Export (need, £5000)",
        "Opportunity 'Export' won on 2026-05-12 (£5000): signed",
        "Opportunity 'Export' qualified out on 2026-05-12 (£0): no budget",
        "Lost order 'Export' reviewed on 2026-05-14: a cheaper rival",
        "Qualified 'Export': 60%, decision continue",
        "Qualified 'Export': unscored, decision hold",
        "Risk 'Key supplier' raised: likelihood 2, severity 4 (amber)",
        "Risk 'Key supplier' raised: likelihood 9, severity 4 (red: a value is off the 1–5 scale)",
        "Risk 'Key supplier' assessed: likelihood 3, residual severity 2, status closed (green)",
        "Objective: Grow",
        "SWOT strength: Good bread",
        "Imported account file of Afon",
        "Added person Dafydd at Afon",
        "Added person Dafydd, Director at Afon",
        "Edited person Dafydd: title, reports to, +sponsor, -user",
        "Coverage of Dafydd: identified → contacted",
        "Shared Afon with Bob (write)",
        "Stopped sharing Afon with Bob",
        "Brought in 1 change from file afon.automerge",
        "Brought in 3 changes from file afon.automerge",
        "Organisation named Cwmni",
        "Judged by the rules of Cwmni from now on",
        "Resolved risk 'Key supplier' likelihood: kept 4 (Bob)",
        "Resolved client 'Afon' stage: set 'review' (over 'a' by Alice, 'b' by Bob)",
    ];

    #[test]
    fn every_message_casebook_writes_is_recognised_and_reads_the_same_in_english() {
        for m in MESSAGES {
            let message = change(m).unwrap_or_else(|| panic!("not recognised: {m}"));
            // The same words, but vocabulary values as words: `completed journey`.
            let same = |t: &str| t.replace('-', " ");
            assert_eq!(same(&message.english()), same(m), "{message:?}");
            let welsh = message.render(Lang::Cy);
            assert_ne!(welsh, *m, "not Welsh: {m}");
            assert!(!welsh.contains("rec-"), "a key left in: {welsh}");
        }
    }

    #[test]
    fn vocabulary_values_become_words_in_either_language() {
        let logged = change("Logged outbound call with Afon: fact-finding").unwrap();
        assert_eq!(
            logged.english(),
            "Logged outbound call with Afon: fact finding"
        );
        assert_eq!(
            logged.render(Lang::Cy),
            "Cofnodwyd galwad (allan) gyda Afon: casglu ffeithiau"
        );
        let coverage = change("Coverage of Nia: not-identified → visit-planned").unwrap();
        assert_eq!(
            coverage.render(Lang::Cy),
            "Cwmpas Nia: heb ei nodi → ymweliad wedi'i gynllunio"
        );
    }

    #[test]
    fn other_tools_messages_and_unknown_entries_are_left_as_they_are() {
        assert_eq!(change("fixed a typo"), None);
        assert_eq!(change(""), None);
        assert_eq!(entry("something else"), None);
        assert_eq!(
            entry("outbound call on 2026-05-12 (sales)")
                .unwrap()
                .render(Lang::Cy),
            "galwad (allan) ar 2026-05-12 (gwerthu)"
        );
        assert_eq!(
            conflict_field("risk 'Key supplier' residual likelihood")
                .unwrap()
                .render(Lang::Cy),
            "risg 'Key supplier': tebygolrwydd gweddilliol"
        );
        assert_eq!(
            conflict_field("sharing with Bob's node 1a2b3c4d5e")
                .unwrap()
                .english(),
            "sharing with Bob's node 1a2b3c4d5e"
        );
        assert_eq!(conflict_field("settings foo"), None);
    }
}
