//! Which tier of the proof suites runs: quick (the default, run in CI) or extended.
//!
//! Every proof suite of the project reads the tier here, so one variable switches them all:
//! `CASEBOOK_TIER=extended cargo test -p casebook-proof --release -- --nocapture`.

/// The environment variable that selects the tier.
pub const TIER_VAR: &str = "CASEBOOK_TIER";

/// How much a proof suite does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// The CI tier: all three storage suites in a few minutes in a debug build on 2 cores.
    Quick,
    /// The long tier: more workloads and many more images; run by hand or nightly.
    Extended,
}

impl Tier {
    /// The tier asked for by [`TIER_VAR`]: `extended` selects [`Tier::Extended`], anything
    /// else (or nothing) [`Tier::Quick`].
    pub fn from_env() -> Self {
        match std::env::var(TIER_VAR) {
            Ok(v) if v.trim().eq_ignore_ascii_case("extended") => Self::Extended,
            _ => Self::Quick,
        }
    }

    /// `quick` in the quick tier, `extended` in the extended one.
    pub fn pick<T>(self, quick: T, extended: T) -> T {
        match self {
            Self::Quick => quick,
            Self::Extended => extended,
        }
    }

    /// The tier's name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quick => "quick",
            Self::Extended => "extended",
        }
    }
}

/// The tier of this run (see [`Tier::from_env`]).
pub fn tier() -> Tier {
    Tier::from_env()
}
