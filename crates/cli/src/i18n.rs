//! The language casebook speaks to people in, and its message catalogues (Project Fluent).
//!
//! The catalogues are the `casebook-i18n` crate's, built into the binary. The
//! language is chosen once, before arguments are parsed (help is printed while parsing):
//! `--lang cy|en`, then `CASEBOOK_LANG`, then `LC_ALL`, `LC_MESSAGES` and `LANG` (`cy_GB.UTF-8`
//! is Welsh), else English. JSON keys and enum values never change with the language.

use std::sync::OnceLock;

pub(crate) use casebook_i18n::{Arg, Lang, Localised};

/// Choose the language from the command line and the environment (see the module's docs).
/// `args` are the program's arguments; an unknown `--lang` value is left for clap to refuse.
pub(crate) fn choose(args: &[std::ffi::OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut given = None;
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            given = Some(value.to_string());
        } else if word == "--lang" {
            given = words.next().map(|v| v.to_string());
        }
    }
    if let Some(lang) = given.as_deref().and_then(Lang::from_locale) {
        return lang;
    }
    for var in ["CASEBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = env(var).filter(|v| !v.is_empty()) {
            // The first variable set decides, as POSIX locales do; a language casebook does
            // not speak falls back to English.
            return Lang::from_locale(&value).unwrap_or(Lang::En);
        }
    }
    Lang::En
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Fix the language for this run (the first call wins).
pub(crate) fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run.
pub(crate) fn current() -> Lang {
    CURRENT.get().copied().unwrap_or(Lang::En)
}

/// The alphabetical order of names in this run's language.
pub(crate) fn collation() -> casebook::collation::Collation {
    match current() {
        Lang::En => casebook::collation::Collation::English,
        Lang::Cy => casebook::collation::Collation::Welsh,
    }
}

/// The message `key` in `lang`, or `None` if the catalogue lacks it.
pub(crate) fn lookup(lang: Lang, key: &str) -> Option<String> {
    lang.lookup(key, &[])
}

/// The message `key` in this run's language; English if the catalogue lacks it (the
/// catalogue tests fail on any such gap), else the key itself.
pub(crate) fn t(key: &str) -> String {
    casebook_i18n::text(current(), key, &[])
}

/// [`t`] with named arguments.
pub(crate) fn ta(key: &str, args: &[(&str, Arg)]) -> String {
    casebook_i18n::text(current(), key, args)
}

/// A vocabulary value in words, in this run's language.
pub(crate) fn word<V: casebook::enums::Vocabulary>(value: V) -> String {
    say(&value.word())
}

/// Text folded for matching typed words: lower case, apostrophes and hyphens as spaces,
/// runs of spaces as one.
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_', '\'', '’'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An engine message (an error's) in this run's language.
pub(crate) fn say(message: &casebook_i18n::Message) -> String {
    message.render(current())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn args(words: &[&str]) -> Vec<std::ffi::OsString> {
        words.iter().map(Into::into).collect()
    }

    #[test]
    fn the_flag_then_casebook_lang_then_the_locale_choose() {
        let cy_locale = env(&[("LANG", "cy_GB.UTF-8")]);
        assert_eq!(
            choose(&args(&["casebook", "portfolio"]), &cy_locale),
            Lang::Cy
        );
        assert_eq!(
            choose(
                &args(&["casebook", "--lang", "en", "portfolio"]),
                &cy_locale
            ),
            Lang::En
        );
        assert_eq!(
            choose(
                &args(&["casebook", "--lang=cy"]),
                env(&[("LANG", "en_GB.UTF-8")])
            ),
            Lang::Cy
        );
        assert_eq!(
            choose(
                &args(&["casebook"]),
                env(&[("CASEBOOK_LANG", "cy"), ("LANG", "en_GB.UTF-8")])
            ),
            Lang::Cy
        );
        assert_eq!(
            choose(
                &args(&["casebook"]),
                env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "cy_GB.UTF-8")])
            ),
            Lang::En,
            "LC_ALL outranks LANG"
        );
        assert_eq!(
            choose(&args(&["casebook"]), env(&[("LANG", "fr_FR.UTF-8")])),
            Lang::En
        );
        assert_eq!(choose(&args(&["casebook"]), env(&[])), Lang::En);
        assert_eq!(
            choose(&args(&["casebook", "log", "--", "--lang", "cy"]), env(&[])),
            Lang::En,
            "after -- it is data"
        );
    }
}
