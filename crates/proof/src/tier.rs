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

/// The environment variable that picks the seeds of a seeded suite.
pub const SEED_VAR: &str = "CASEBOOK_SEED";

/// The seeds a seeded suite runs: `default`, or those [`SEED_VAR`] names: one seed (`7`) or an
/// inclusive range (`26-50`), so a long extended tier can be run in parts whose figures add up
/// to the whole.
///
/// # Errors
/// If [`SEED_VAR`] is set to neither a number nor a range: a run must not quietly test other
/// seeds than the ones asked for.
pub fn seeds(default: impl IntoIterator<Item = u64>) -> Result<Vec<u64>, String> {
    let Ok(given) = std::env::var(SEED_VAR) else {
        return Ok(default.into_iter().collect());
    };
    parse_seeds(&given)
        .ok_or_else(|| format!("{SEED_VAR} is a seed (7) or a range (26-50), not {given:?}"))
}

/// `7` → `[7]`, `26-50` → `[26, …, 50]`; `None` for anything else, an empty range included.
fn parse_seeds(given: &str) -> Option<Vec<u64>> {
    let number = |s: &str| s.trim().parse::<u64>().ok();
    let seeds: Vec<u64> = match given.split_once('-') {
        Some((first, last)) => (number(first)?..=number(last)?).collect(),
        None => vec![number(given)?],
    };
    (!seeds.is_empty()).then_some(seeds)
}

#[cfg(test)]
mod tests {
    use super::parse_seeds;

    #[test]
    fn a_seed_or_an_inclusive_range_and_nothing_else() {
        assert_eq!(parse_seeds("7"), Some(vec![7]));
        assert_eq!(parse_seeds(" 26-28 "), Some(vec![26, 27, 28]));
        assert_eq!(parse_seeds("5-5"), Some(vec![5]));
        assert_eq!(parse_seeds("9-3"), None);
        assert_eq!(parse_seeds("seven"), None);
        assert_eq!(parse_seeds("1-"), None);
        assert_eq!(parse_seeds(""), None);
    }
}
