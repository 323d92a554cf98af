//! How the generator writes the interactions.

/// Chooses the [`Method`]: `edits` or `direct` (the default).
pub const POPULATE_ENV: &str = "CASEBOOK_BENCH_POPULATE";

/// How the interactions are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `edit::log_interaction` for each one: faithful, but every call reads the whole document
    /// (`view::read`), so a file of N interactions costs O(N²).
    Edits,
    /// The same Automerge change `log_interaction` makes (same map, key shape, values, message,
    /// time and actor), written without reading the document first ([`crate::log_direct`]).
    /// Checked against `Edits` by [`crate::check_direct`].
    Direct,
}

impl Method {
    /// The method [`POPULATE_ENV`] names; `Direct` if it is unset or names neither (with a
    /// warning).
    pub fn from_env() -> Self {
        match std::env::var(POPULATE_ENV).as_deref().map(str::trim) {
            Ok("edits") => Self::Edits,
            Ok("direct") | Err(_) => Self::Direct,
            Ok(other) => {
                println!(
                    "warning: {POPULATE_ENV}={other} is neither 'edits' nor 'direct'; using direct"
                );
                Self::Direct
            }
        }
    }

    /// Its name, as [`POPULATE_ENV`] spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Edits => "edits",
            Self::Direct => "direct",
        }
    }
}
