//! The catalogues: which files each language has, parsed once, and how a message is looked up.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::message::Arg;

/// A language casebook speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Welsh (Cymraeg).
    Cy,
}

/// The files of a catalogue, one per area, the same names in every language.
macro_rules! catalogue_files {
    ($lang:literal) => {
        &[
            include_str!(concat!("../locales/", $lang, "/ui.ftl")),
            include_str!(concat!("../locales/", $lang, "/help.ftl")),
            include_str!(concat!("../locales/", $lang, "/portfolio.ftl")),
            include_str!(concat!("../locales/", $lang, "/lists.ftl")),
            include_str!(concat!("../locales/", $lang, "/words.ftl")),
            include_str!(concat!("../locales/", $lang, "/records.ftl")),
            include_str!(concat!("../locales/", $lang, "/risks.ftl")),
            include_str!(concat!("../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../locales/", $lang, "/network.ftl")),
            include_str!(concat!("../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../locales/", $lang, "/rules.ftl")),
            include_str!(concat!("../locales/", $lang, "/documents.ftl")),
            include_str!(concat!("../locales/", $lang, "/scorecard.ftl")),
            include_str!(concat!("../locales/", $lang, "/survey.ftl")),
            include_str!(concat!("../locales/", $lang, "/review.ftl")),
            include_str!(concat!("../locales/", $lang, "/relationship.ftl")),
            include_str!(concat!("../locales/", $lang, "/prr.ftl")),
            include_str!(concat!("../locales/", $lang, "/action_plans.ftl")),
            include_str!(concat!("../locales/", $lang, "/contracts.ftl")),
            include_str!(concat!("../locales/", $lang, "/tiers.ftl")),
            include_str!(concat!("../locales/", $lang, "/effort.ftl")),
        ]
    };
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The language tag: `en` or `cy`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language named by a tag or locale (`cy`, `CY`, `cy_GB.UTF-8`, `en-GB`, `C`), if
    /// casebook speaks it.
    pub fn from_locale(text: &str) -> Option<Lang> {
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

    /// The text of every catalogue file of the language.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => catalogue_files!("en"),
            Lang::Cy => catalogue_files!("cy"),
        }
    }

    /// The message `key` in this language with `args`, or `None` if the catalogue lacks it
    /// or it does not format (a missing argument).
    pub fn lookup(self, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = bundle(self);
        let pattern = bundle.get_message(key)?.value()?;
        let fluent = (!args.is_empty()).then(|| {
            let mut fluent = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Text(t) => fluent.set(*name, FluentValue::from(t.as_str())),
                    Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
                    Arg::Message(m) => fluent.set(*name, FluentValue::from(m.render(self))),
                }
            }
            fluent
        });
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, fluent.as_ref(), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// The message `key` in `lang` with `args`: English if the language's catalogue lacks it
/// (the catalogue tests fail on any such gap), else the key itself.
pub fn text(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    lang.lookup(key, args)
        .or_else(|| Lang::En.lookup(key, args))
        .unwrap_or_else(|| key.to_string())
}

/// The catalogue of a language, parsed once.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
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

/// Every message of a language's catalogue by key, with the variables (`$name`) it uses;
/// `Err` names a file that does not parse.
pub fn keys_and_variables(lang: Lang) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let mut out = BTreeMap::new();
    for source in lang.sources() {
        if let Err((_, errors)) = FluentResource::try_new((*source).to_string()) {
            return Err(format!(
                "the {} catalogue does not parse: {errors:?}",
                lang.tag()
            ));
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
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_hold_the_same_messages_with_the_same_placeholders() {
        let [en, cy] = Lang::ALL.map(|l| keys_and_variables(l).unwrap());
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
    fn no_message_is_defined_twice() {
        // Fluent keeps the first of two messages with one key and drops the other silently.
        for lang in Lang::ALL {
            let mut seen = BTreeSet::new();
            for source in lang.sources() {
                for line in source.lines() {
                    let starts = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
                    if starts && let Some((key, _)) = line.split_once(" =") {
                        assert!(
                            seen.insert(key.trim()),
                            "{} defines {key} twice",
                            lang.tag()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_message_has_a_value_in_both_languages() {
        for lang in Lang::ALL {
            for key in keys_and_variables(lang).unwrap().keys() {
                let message = bundle(lang)
                    .get_message(key)
                    .unwrap_or_else(|| panic!("{} has no {key}", lang.tag()));
                assert!(message.value().is_some(), "{key} has no value");
            }
        }
    }

    #[test]
    fn a_message_renders_its_arguments_and_plural_forms() {
        let one = crate::Message::new("flag-conflicts").with("count", 1u32);
        assert_eq!(one.render(Lang::En), "1 conflict");
        let two = crate::Message::new("flag-conflicts").with("count", 2u32);
        assert_eq!(two.render(Lang::En), "2 conflicts");
        assert_ne!(two.render(Lang::Cy), two.render(Lang::En));
        assert_eq!(text(Lang::Cy, "no-such-key", &[]), "no-such-key");
    }

    #[test]
    fn locales_name_languages() {
        assert_eq!(Lang::from_locale("cy_GB.UTF-8"), Some(Lang::Cy));
        assert_eq!(Lang::from_locale("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr_FR"), None);
    }
}
