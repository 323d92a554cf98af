//! The language casebook speaks to people in, and its message catalogues (Project Fluent).
//!
//! Catalogues live in `crates/cli/locales/<lang>/*.ftl` and are built into the binary. The
//! language is chosen once, before arguments are parsed (help is printed while parsing):
//! `--lang cy|en`, then `CASEBOOK_LANG`, then `LC_ALL`, `LC_MESSAGES` and `LANG` (`cy_GB.UTF-8`
//! is Welsh), else English. JSON keys and enum values never change with the language.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language casebook speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    /// English.
    En,
    /// Welsh (Cymraeg).
    Cy,
}

impl Lang {
    /// Both languages, English first.
    #[cfg(test)]
    pub(crate) const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The language tag: `en` or `cy`.
    pub(crate) fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language named by a tag or locale (`cy`, `CY`, `cy_GB.UTF-8`, `en-GB`), if casebook
    /// speaks it.
    pub(crate) fn from_locale(text: &str) -> Option<Lang> {
        let primary = text
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "cy" => Some(Lang::Cy),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The alphabetical order of names in this language.
    pub(crate) fn collation(self) -> casebook::collation::Collation {
        match self {
            Lang::En => casebook::collation::Collation::English,
            Lang::Cy => casebook::collation::Collation::Welsh,
        }
    }

    /// The catalogue files of the language.
    fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                include_str!("../locales/en/ui.ftl"),
                include_str!("../locales/en/help.ftl"),
                include_str!("../locales/en/portfolio.ftl"),
                include_str!("../locales/en/lists.ftl"),
            ],
            Lang::Cy => &[
                include_str!("../locales/cy/ui.ftl"),
                include_str!("../locales/cy/help.ftl"),
                include_str!("../locales/cy/portfolio.ftl"),
                include_str!("../locales/cy/lists.ftl"),
            ],
        }
    }
}

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

/// The catalogue of a language, parsed once.
pub(crate) fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static CY: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Cy => &CY,
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Messages read as plain text in a terminal: no Unicode isolation marks around
        // placeables.
        bundle.set_use_isolating(false);
        for source in lang.sources() {
            // The catalogue tests parse every file without errors; a broken file here keeps
            // the messages that parsed.
            let resource = match FluentResource::try_new((*source).to_string()) {
                Ok(r) | Err((r, _)) => r,
            };
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The message `key` in `lang` with `args`, or `None` if the catalogue lacks it.
pub(crate) fn lookup(lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The message `key` in this run's language; English if the catalogue lacks it (the
/// catalogue tests fail on any such gap), else the key itself.
pub(crate) fn t(key: &str) -> String {
    tr(key, None)
}

/// [`t`] with named arguments.
pub(crate) fn ta<'a>(key: &str, args: &[(&'a str, fluent_bundle::FluentValue<'a>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    tr(key, Some(&fluent))
}

/// [`t`] with arguments.
pub(crate) fn tr(key: &str, args: Option<&FluentArgs<'_>>) -> String {
    lookup(current(), key, args)
        .or_else(|| lookup(Lang::En, key, args))
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// Every message of a catalogue, by key, with the variables it uses.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for source in lang.sources() {
            if let Err((_, errors)) = FluentResource::try_new((*source).to_string()) {
                panic!("the {} catalogue does not parse: {errors:?}", lang.tag());
            }
            let mut key: Option<String> = None;
            for line in source.lines() {
                let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
                if starts_message && let Some((k, _)) = line.split_once(" =") {
                    key = Some(k.trim().to_string());
                    out.insert(k.trim().to_string(), BTreeSet::new());
                }
                if line.starts_with('#') {
                    continue;
                }
                if let Some(k) = &key {
                    let vars = out.entry(k.clone()).or_default();
                    for part in line.split('$').skip(1) {
                        let name: String = part
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                            .collect();
                        if !name.is_empty() {
                            vars.insert(name);
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn both_catalogues_hold_the_same_messages_with_the_same_placeholders() {
        let [en, cy] = Lang::ALL.map(messages);
        assert!(
            en.len() > 100,
            "the English catalogue holds {} messages",
            en.len()
        );
        let missing: Vec<&String> = en.keys().filter(|k| !cy.contains_key(*k)).collect();
        assert!(missing.is_empty(), "missing in Welsh: {missing:?}");
        let extra: Vec<&String> = cy.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(extra.is_empty(), "in Welsh only: {extra:?}");
        for (key, vars) in &en {
            assert_eq!(&cy[key], vars, "placeholders of {key} differ");
        }
    }

    #[test]
    fn every_message_formats_in_both_languages() {
        for lang in Lang::ALL {
            for key in messages(lang).keys() {
                let bundle = bundle(lang);
                let message = bundle
                    .get_message(key)
                    .unwrap_or_else(|| panic!("{} has no {key}", lang.tag()));
                assert!(message.value().is_some(), "{key} has no value");
            }
        }
    }

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
