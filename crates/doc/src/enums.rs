//! The closed vocabularies of the account file, each with its accepted text forms.
//!
//! Every enum parses from the kebab-case words a person types (`decision-maker`, `visit-planned`)
//! and refuses anything else with an error that lists the accepted forms.

// Defaults are written as impls because the vocabulary macro owns the derive list.
#![allow(clippy::derivable_impls)]

use serde::{Deserialize, Serialize};

use crate::Error;

/// A closed vocabulary: its values are language-neutral words in JSON and on the command
/// line, and each has words for people in every catalogue (`enum-<id>-<value>`).
pub trait Vocabulary: Copy + Sized + 'static {
    /// The vocabulary's id in catalogue keys (`exit-reason`); `vocab-<id>` names it.
    const ID: &'static str;

    /// Every value, in display order.
    fn all() -> &'static [Self];

    /// The value's language-neutral word (`completed-journey`).
    fn value(self) -> &'static str;

    /// The value in words for people, in any language.
    fn word(self) -> casebook_i18n::Message {
        casebook_i18n::Message::new(format!("enum-{}-{}", Self::ID, self.value()))
    }
}

/// Every value of every vocabulary: its vocabulary's id, its language-neutral value and its
/// words (for checks that walk them all: help glosses, catalogue completeness).
pub fn every_value() -> Vec<(&'static str, &'static str, casebook_i18n::Message)> {
    fn of<V: Vocabulary>(out: &mut Vec<(&'static str, &'static str, casebook_i18n::Message)>) {
        out.extend(V::all().iter().map(|v| (V::ID, v.value(), v.word())));
    }
    let mut out = Vec::new();
    of::<Rag>(&mut out);
    of::<ExitReason>(&mut out);
    of::<PersonRole>(&mut out);
    of::<Coverage>(&mut out);
    of::<InteractionKind>(&mut out);
    of::<Direction>(&mut out);
    of::<Purpose>(&mut out);
    of::<ActionStatus>(&mut out);
    of::<Polarity>(&mut out);
    of::<RiskResponse>(&mut out);
    of::<RiskStatus>(&mut out);
    of::<OpportunityOrigin>(&mut out);
    of::<OpportunityStatus>(&mut out);
    of::<Decision>(&mut out);
    of::<CosmoGroup>(&mut out);
    of::<SwotKind>(&mut out);
    of::<KpiCategory>(&mut out);
    of::<KpiSource>(&mut out);
    of::<SurveyArea>(&mut out);
    of::<SurveyLevel>(&mut out);
    of::<Exposure>(&mut out);
    of::<ReviewKind>(&mut out);
    of::<ReviewDecision>(&mut out);
    of::<ValueKind>(&mut out);
    of::<ReferenceStatus>(&mut out);
    of::<PlanKind>(&mut out);
    out
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $id:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in documents, on the command line and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The value in words for people (`qualified out`, `decision maker`); it parses
            /// back too.
            pub fn words(self) -> String {
                self.as_str().replace('-', " ")
            }
        }

        impl Vocabulary for $name {
            const ID: &'static str = $id;
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn value(self) -> &'static str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                $( if wanted == $text { return Ok($name::$variant); } )+
                Err(Error::BadValue {
                    what: casebook_i18n::Message::new(concat!("vocab-", $id)),
                    input: s.to_string(),
                    accepted: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}

vocabulary! {
    /// Red, amber or green, ordered so that the highest colour is the greatest (RK-2).
    Rag, "rag" {
        /// Low risk.
        Green => "green",
        /// Medium risk.
        Amber => "amber",
        /// High risk.
        Red => "red",
    }
}

vocabulary! {
    /// Why a client left the caseload (JR-3, JR-4).
    ExitReason, "exit-reason" {
        /// The client completed its support journey.
        CompletedJourney => "completed-journey",
        /// The client was failing to progress.
        FailingToProgress => "failing-to-progress",
        /// The client stopped responding.
        NotResponding => "not-responding",
        /// The client asked to be removed (routes to data-protection handling).
        RequestedRemoval => "requested-removal",
    }
}

vocabulary! {
    /// A role a person plays in the client's decisions (CT-3).
    PersonRole, "person-role" {
        /// Makes the decision.
        DecisionMaker => "decision-maker",
        /// Influences the decision.
        Influencer => "influencer",
        /// Controls access (gatekeeper or PA).
        Gatekeeper => "gatekeeper",
        /// Champions us inside the client.
        Sponsor => "sponsor",
        /// Uses what we deliver.
        User => "user",
    }
}

vocabulary! {
    /// Contact coverage of a person on the org chart (CT-4).
    Coverage, "coverage" {
        /// Not yet identified as a contact to make.
        NotIdentified => "not-identified",
        /// Identified as a target.
        Identified => "identified",
        /// A visit is planned.
        VisitPlanned => "visit-planned",
        /// Contacted.
        Contacted => "contacted",
    }
}

impl Default for Coverage {
    fn default() -> Self {
        Self::NotIdentified
    }
}

vocabulary! {
    /// The kind of an interaction (CL-1).
    InteractionKind, "interaction-kind" {
        /// Telephone or video call.
        Call => "call",
        /// Meeting.
        Meeting => "meeting",
        /// Site visit.
        Visit => "visit",
        /// Email.
        Email => "email",
        /// Instant message.
        Im => "im",
        /// Event.
        Event => "event",
        /// Hospitality or entertainment (CL-5).
        Hospitality => "hospitality",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// Who initiated an interaction.
    Direction, "direction" {
        /// The client contacted us.
        Inbound => "inbound",
        /// We contacted the client.
        Outbound => "outbound",
    }
}

vocabulary! {
    /// Why an interaction took place (S003, Client Relationship Management).
    Purpose, "purpose" {
        /// Personal introductions.
        Introduction => "introduction",
        /// Fact-finding.
        FactFinding => "fact-finding",
        /// Fulfilling obligations.
        Obligations => "obligations",
        /// Progress review.
        ProgressReview => "progress-review",
        /// Business and people issues.
        Issues => "issues",
        /// A complaint.
        Complaint => "complaint",
        /// Sales opportunities and negotiation.
        Sales => "sales",
        /// Contractual.
        Contractual => "contractual",
        /// Entertainment or hospitality.
        Hospitality => "hospitality",
        /// Social.
        Social => "social",
    }
}

vocabulary! {
    /// Whether an action is still to do.
    ActionStatus, "action-status" {
        /// Still to do.
        Open => "open",
        /// Done.
        Done => "done",
    }
}

impl Default for ActionStatus {
    fn default() -> Self {
        Self::Open
    }
}

vocabulary! {
    /// Threat or opportunity: "some risks can have a positive outcome" (RK-1).
    Polarity, "polarity" {
        /// A threat.
        Threat => "threat",
        /// An opportunity.
        Opportunity => "opportunity",
    }
}

impl Default for Polarity {
    fn default() -> Self {
        Self::Threat
    }
}

vocabulary! {
    /// The response chosen for a risk (RK-1).
    RiskResponse, "risk-response" {
        /// Avoid the risk.
        Avoid => "avoid",
        /// Reduce its likelihood or severity.
        Reduce => "reduce",
        /// Share it with another party.
        Share => "share",
        /// Accept it, with budget and contingency.
        Accept => "accept",
    }
}

vocabulary! {
    /// Whether a risk still counts.
    RiskStatus, "risk-status" {
        /// Open: counts in the roll-up.
        Open => "open",
        /// Closed: kept for history, excluded from the roll-up.
        Closed => "closed",
    }
}

impl Default for RiskStatus {
    fn default() -> Self {
        Self::Open
    }
}

vocabulary! {
    /// Where an opportunity came from (OP-1).
    OpportunityOrigin, "opportunity-origin" {
        /// A need the client expressed.
        Need => "need",
        /// A proposition of our own.
        Proposition => "proposition",
    }
}

impl Default for OpportunityOrigin {
    fn default() -> Self {
        Self::Need
    }
}

vocabulary! {
    /// Where an opportunity stands.
    OpportunityStatus, "opportunity-status" {
        /// Being pursued.
        Open => "open",
        /// On hold.
        Hold => "hold",
        /// Won.
        Won => "won",
        /// Lost.
        Lost => "lost",
        /// Qualified out: all activity stops.
        QualifiedOut => "qualified-out",
        /// Withdrawn: we (or the client) stopped pursuing it (OP-4).
        Withdrawn => "withdrawn",
    }
}

impl OpportunityStatus {
    /// Whether the opportunity has an outcome recorded by `opp close` (won, lost or
    /// withdrawn), so it cannot be closed or qualified again.
    pub fn is_outcome(self) -> bool {
        matches!(self, Self::Won | Self::Lost | Self::Withdrawn)
    }

    /// Whether the opportunity's risks have left the account's roll-up: it is qualified out,
    /// lost or withdrawn (an order won carries its risks on).
    pub fn leaves_rollup(self) -> bool {
        matches!(self, Self::QualifiedOut | Self::Lost | Self::Withdrawn)
    }
}

impl Default for OpportunityStatus {
    fn default() -> Self {
        Self::Open
    }
}

vocabulary! {
    /// The decision at the end of a qualification session (OP-2).
    Decision, "decision" {
        /// Carry on.
        Continue => "continue",
        /// Pause.
        Hold => "hold",
        /// Stop all further activity.
        QualifyOut => "qualify-out",
    }
}

vocabulary! {
    /// The ten COSMONAUTS question groups (OP-2).
    CosmoGroup, "cosmo-group" {
        /// Competition.
        Competition => "competition",
        /// Opportunity.
        Opportunity => "opportunity",
        /// Solution.
        Solution => "solution",
        /// Money.
        Money => "money",
        /// Objective.
        Objective => "objective",
        /// Need.
        Need => "need",
        /// Authority.
        Authority => "authority",
        /// Unique.
        Unique => "unique",
        /// Timescale.
        Timescale => "timescale",
        /// Size.
        Size => "size",
    }
}

vocabulary! {
    /// The four kinds of SWOT item.
    SwotKind, "swot-kind" {
        /// Strength.
        Strength => "strength",
        /// Weakness.
        Weakness => "weakness",
        /// Opportunity.
        Opportunity => "opportunity",
        /// Threat.
        Threat => "threat",
    }
}

vocabulary! {
    /// The five categories of the balanced scorecard (BS-1).
    KpiCategory, "kpi-category" {
        /// Management (A, AA).
        Management => "management",
        /// Financial (B, BB).
        Financial => "financial",
        /// People (C, CC).
        People => "people",
        /// Client (D, DD).
        Client => "client",
        /// Sales (E, EE).
        Sales => "sales",
    }
}

impl KpiCategory {
    /// The seed's letter for the category's Level 1 KPIs (A–E); Level 2 doubles it (AA–EE).
    pub fn letter(self) -> char {
        match self {
            KpiCategory::Management => 'A',
            KpiCategory::Financial => 'B',
            KpiCategory::People => 'C',
            KpiCategory::Client => 'D',
            KpiCategory::Sales => 'E',
        }
    }
}

vocabulary! {
    /// The data of the account file that suggests a KPI's answer (BS-5); a person confirms it.
    KpiSource, "kpi-source" {
        /// Every lost order has been reviewed (OP-4).
        LostOrdersReviewed => "lost-orders-reviewed",
        /// Value won this year to date is above the same point last year (OP-4).
        NewBusinessUp => "new-business-up",
        /// Every open opportunity has a COSMONAUTS session, and none scored lower at its latest
        /// than at the one before (OP-2).
        PipelineQualified => "pipeline-qualified",
        /// An exit plan is agreed (JR-4).
        ExitPlanAgreed => "exit-plan-agreed",
        /// The client has been in contact within the organisation's contact threshold (PF-6).
        ContactFrequencyMet => "contact-frequency-met",
        /// The client moved on along the pathway in the last three months (JR-1).
        JourneyAdvanced => "journey-advanced",
        /// A satisfaction survey was issued in the last 12 months (SV-1).
        SurveyInLastYear => "survey-in-last-year",
        /// Value added was logged this month (OP-6).
        ValueAddedThisMonth => "value-added-this-month",
    }
}

vocabulary! {
    /// The areas a satisfaction survey covers, the same every year so results compare (SV-2).
    SurveyArea, "survey-area" {
        /// The business relationship: co-operation, trust, personal integrity.
        Relationship => "relationship",
        /// Deliverables, outputs, services, people and products: practical, on time, quality.
        Deliverables => "deliverables",
        /// Teamwork: working together, commitment, pride.
        Teamwork => "teamwork",
        /// The account manager's performance.
        AccountManager => "account-manager",
        /// Culture understood and respected; compatible values.
        Culture => "culture",
        /// Value: value added, value for money, benefits achieved.
        Value => "value",
    }
}

vocabulary! {
    /// The three levels of people a survey's instruments are tailored to (SV-3).
    SurveyLevel, "survey-level" {
        /// People who use what we deliver.
        Users => "users",
        /// Managers: asked what users are asked, and more.
        Managers => "managers",
        /// The board.
        Board => "board",
    }
}

vocabulary! {
    /// An internal account performance review, or a progress review held with the client
    /// (RV-1, RV-7).
    ReviewKind, "review-kind" {
        /// Internal: the account manager, their line manager and whoever else is needed.
        Internal => "internal",
        /// With the client: progress of the account, not of deliverables.
        Client => "client",
    }
}

vocabulary! {
    /// What a review decided that changes the account (RV-8).
    ReviewDecision, "review-decision" {
        /// A new lead (account manager).
        Lead => "lead",
        /// A new deputy.
        Deputy => "deputy",
        /// A new senior sponsor.
        Sponsor => "sponsor",
        /// The account's priority.
        Priority => "priority",
    }
}

vocabulary! {
    /// What kind of value we added for a client beyond the contract (OP-6).
    ValueKind, "value-kind" {
        /// Something given free.
        Freebie => "freebie",
        /// A technology update.
        TechnologyUpdate => "technology-update",
        /// A talk, presentation or seminar.
        Talk => "talk",
        /// Training.
        Training => "training",
        /// A visit by another client to this one as a reference site.
        ReferenceVisit => "reference-visit",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// What an account's action plan is for (OP-3).
    PlanKind, "plan-kind" {
        /// Sales opportunities.
        Sales => "sales",
        /// Sales propositions.
        Proposition => "proposition",
        /// Marketing.
        Marketing => "marketing",
    }
}

vocabulary! {
    /// Whether a client acts as a reference site for us (OP-6).
    ReferenceStatus, "reference-status" {
        /// We mean to ask.
        Candidate => "candidate",
        /// The client agreed.
        Agreed => "agreed",
        /// The client declined.
        Declined => "declined",
    }
}

vocabulary! {
    /// Whether a survey recipient has dealt with us directly (SV-3).
    Exposure, "exposure" {
        /// Has had direct contact with us.
        Direct => "direct",
        /// Knows us only through others.
        Indirect => "indirect",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kebab_and_spaced_forms() {
        assert_eq!(
            "decision maker".parse::<PersonRole>().unwrap(),
            PersonRole::DecisionMaker
        );
        assert_eq!(
            "Visit_Planned".parse::<Coverage>().unwrap(),
            Coverage::VisitPlanned
        );
    }

    #[test]
    fn unknown_value_lists_the_accepted_forms() {
        let err = "purple".parse::<Rag>().unwrap_err().to_string();
        assert!(err.contains("purple"), "{err}");
        assert!(err.contains("green, amber, red"), "{err}");
    }

    #[test]
    fn words_are_for_people_and_parse_back() {
        let s = OpportunityStatus::QualifiedOut;
        assert_eq!(s.words(), "qualified out");
        assert_eq!(s.words().parse::<OpportunityStatus>().unwrap(), s);
    }

    #[test]
    fn rag_orders_red_highest() {
        assert!(Rag::Red > Rag::Amber && Rag::Amber > Rag::Green);
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use casebook_i18n::Lang;

    use super::*;

    #[test]
    fn every_value_of_every_vocabulary_has_words_in_both_languages() {
        let all = every_value();
        let vocabularies: std::collections::BTreeSet<&str> = all.iter().map(|v| v.0).collect();
        for id in &vocabularies {
            let key = format!("vocab-{id}");
            assert!(
                Lang::En.lookup(&key, &[]).is_some(),
                "no English name for {id}"
            );
            assert!(
                Lang::Cy.lookup(&key, &[]).is_some(),
                "no Welsh name for {id}"
            );
        }
        for (id, value, word) in &all {
            assert!(
                Lang::En.lookup(&word.key, &[]).is_some(),
                "no English for {id} {value}"
            );
            assert!(
                Lang::Cy.lookup(&word.key, &[]).is_some(),
                "no Welsh for {id} {value}"
            );
        }
        assert_eq!(
            (vocabularies.len(), all.len()),
            (26, 113),
            "26 vocabularies of 113 values"
        );
    }

    #[test]
    fn english_words_are_the_value_with_spaces_except_where_clearer() {
        // The English words read the value back through `words()` unless the catalogue says
        // something clearer (`im` is "instant message", `hold` is "on hold").
        assert_eq!(
            PersonRole::DecisionMaker.word().render(Lang::En),
            PersonRole::DecisionMaker.words()
        );
        assert_eq!(
            InteractionKind::Im.word().render(Lang::En),
            "instant message"
        );
        assert_eq!(Rag::Red.word().render(Lang::Cy), "coch");
    }
}
