//! Pictures of an account file, for people who would rather look than read (RV-3): the org
//! chart coloured by contact coverage (CT-4), the risk map (RK-2) and the scorecard trend
//! (BS-4), each one self-contained
//! SVG (no scripts, fonts or images fetched), in a language chosen by the caller, that any
//! browser shows and prints. Colour is never the only sign: every box and cell also says in
//! words what its colour means.
//!
//! What is drawn is decided by the rules ([`casebook_doc::rules::org_tree`],
//! [`casebook_doc::rules::risk_map`], [`casebook_doc::rules::scorecard::trend`]); this module only lays it out.

mod org_chart;
mod risk_map;
mod scorecard_trend;
pub(crate) mod svg;

pub use org_chart::org_chart_svg;
pub use risk_map::risk_map_svg;
pub use scorecard_trend::scorecard_trend_svg;
