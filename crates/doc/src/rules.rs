//! The domain rules of the seeds, as pure functions over typed views.
//!
//! - [`rollup`]: the highest RAG colour wins, risk → opportunity → account (RK-1, RK-2).
//! - [`risk_map`]: open threats placed on the 5×5 grid of likelihood and severity (RK-2).
//! - [`risk_tree`]: each risk's parent, top-level risk and scope, with parent cycles broken.
//! - [`cosmonauts`]: weighted COSMONAUTS qualification scores and their trend (OP-2).
//! - [`orders`]: orders won and lost, win rate, unreviewed losses, year to date (OP-4).
//! - [`pipeline`]: each opportunity's status, qualification, colour and outcome in one line.
//! - [`flags`]: stalled and unresponsive clients, overdue contacts and actions (JR-2, JR-3, PF-6).
//! - [`scorecard`]: the balanced scorecard's percentages, Level 1 rule, routine and trend (BS).
//! - [`review`]: account performance reviews: attendees, cadence, actions carried forward (RV).
//! - [`survey`]: satisfaction surveys: who must be asked, response rates, scores by area (SV).
//! - [`kpi_sources`]: the answers the account file suggests for KPIs, with evidence (BS-5).
//! - [`contact_plan`]: the Contact Management Plan against contacts logged (CT-6).
//! - [`value`]: competitor appraisals going stale, value added, reference sites (OP-5, OP-6).
//! - [`prr`]: the Preventative Risk Register's checklists for the account, each opportunity
//!   and each contract (RK-4, RK-6).
//! - [`risk_alerts`]: coloured risk alerts missing, overdue, trending, below the register (RK-3).
//! - [`risk_plans`]: risk management plans: reviews due, threats without an action (RK-5).
//! - [`action_plans`]: sales, proposition and marketing plans: current or not, items overdue (OP-3).
//! - [`tiers`]: a client's tiers over time and its current tier (PF-4).
//! - [`effort`]: effort over a period, against a tier's budget and an adviser's capacity (CL-3,
//!   PF-5).
//! - [`churn`]: churn over a period (PF-2).
//! - [`balance`]: segment and stage shares and churn against the organisation's bands (PF-2).
//! - [`language`]: the language of service, and Welsh speakers served in English (CY-2).
//! - [`coverage`]: contact coverage on the org chart (CT-4).
//! - [`org_tree`]: the org chart's shape, every person once, cycles broken (CT-4).
//! - [`duplicates`]: clients that are most likely one client entered twice.
//!
//! Where a field a rule reads holds concurrent values ([`crate::disputes`]), the rule judges by
//! the worst of them.

pub mod action_plans;
pub mod balance;
pub mod churn;
pub mod contact_plan;
pub mod cosmonauts;
pub mod coverage;
pub mod duplicates;
pub mod effort;
pub mod flags;
pub mod kpi_sources;
pub mod language;
pub mod orders;
pub mod org_tree;
pub mod pipeline;
pub mod prr;
pub mod review;
pub mod risk_alerts;
pub mod risk_map;
pub mod risk_plans;
pub mod risk_tree;
pub mod rollup;
pub mod scorecard;
pub mod survey;
pub mod tiers;
pub mod value;
