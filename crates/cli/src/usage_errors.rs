//! Mistakes on the command line (an unknown flag, a missing argument, a value not in the
//! list) explained in the run's language.
//!
//! clap writes these itself in English; for any other language the message is rebuilt from
//! the error's context (the argument, the value, the accepted values, the suggestion, the
//! usage line) with the catalogue's words. English keeps clap's own text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Arg, Lang};

/// The text of a context value.
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The message for a usage error in `lang`, or `None` where clap's own text is right (English,
/// and the kinds that print help or the version).
pub(crate) fn explain(err: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En
        || matches!(
            err.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let ta = |key: &str, args: &[(&str, Arg)]| casebook_i18n::text(lang, key, args);
    let t = |key: &str| casebook_i18n::text(lang, key, &[]);
    let arg = context(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(err, ContextKind::InvalidValue).unwrap_or_default();
    let main = match err.kind() {
        ErrorKind::UnknownArgument => ta("usage-unknown-argument", &[("arg", arg.into())]),
        ErrorKind::InvalidSubcommand => ta(
            "usage-invalid-subcommand",
            &[(
                "name",
                context(err, ContextKind::InvalidSubcommand)
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            ta("usage-value-missing", &[("arg", arg.into())])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => ta(
            "usage-invalid-value",
            &[("arg", arg.into()), ("value", value.into())],
        ),
        ErrorKind::MissingRequiredArgument => ta("usage-missing-required", &[("args", arg.into())]),
        ErrorKind::MissingSubcommand => ta(
            "usage-missing-subcommand",
            &[(
                "name",
                context(err, ContextKind::InvalidSubcommand)
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        ErrorKind::ArgumentConflict => ta(
            "usage-argument-conflict",
            &[
                ("arg", arg.into()),
                (
                    "other",
                    context(err, ContextKind::PriorArg)
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        ErrorKind::TooManyValues => ta(
            "usage-too-many-values",
            &[("arg", arg.into()), ("value", value.into())],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            ta("usage-wrong-number-of-values", &[("arg", arg.into())])
        }
        ErrorKind::NoEquals => ta("usage-no-equals", &[("arg", arg.into())]),
        ErrorKind::InvalidUtf8 => t("usage-invalid-utf8"),
        _ => t("usage-not-understood"),
    };
    let mut out = format!("{}: {main}", t("ui-error"));
    if let Some(valid) = context(err, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        out.push_str(&format!("\n  [{}: {valid}]", t("ui-possible-values")));
    }
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        if let Some(ContextValue::Strings(list)) = err.get(kind) {
            let quoted: Vec<String> = list.iter().map(|s| format!("'{s}'")).collect();
            out.push_str(&format!(
                "\n\n  {}",
                ta(
                    "usage-did-you-mean",
                    &[("suggestion", quoted.join(", ").into())]
                )
            ));
        }
    }
    if let Some(usage) = context(err, ContextKind::Usage) {
        // clap titles the usage line in English; the rest of it is the command's syntax.
        let syntax = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage);
        out.push_str(&format!("\n\n{} {}", t("ui-usage"), syntax.trim_start()));
    }
    out.push_str(&format!("\n\n{}\n", t("usage-try-help")));
    Some(out)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn error_for(words: &[&str]) -> clap::Error {
        let cmd = crate::help::localise(crate::args::Cli::command(), Lang::Cy);
        match cmd.try_get_matches_from(words) {
            Ok(_) => panic!("{words:?} parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn usage_mistakes_are_explained_in_welsh_with_the_usage_line() {
        let text = explain(
            &error_for(&["casebook", "client", "list", "--colour"]),
            Lang::Cy,
        )
        .unwrap_or_default();
        assert!(text.contains("'--colour'"), "{text}");
        assert!(text.contains("Defnydd:"), "{text}");
        assert!(
            !text.contains("unexpected") && !text.contains("Usage"),
            "{text}"
        );

        let text =
            explain(&error_for(&["casebook", "--lang", "fr", "id"]), Lang::Cy).unwrap_or_default();
        assert!(text.contains("'fr'") && text.contains("en, cy"), "{text}");

        let text = explain(&error_for(&["casebook", "clinet"]), Lang::Cy).unwrap_or_default();
        assert!(text.contains("'client'"), "the suggestion is kept: {text}");
    }

    #[test]
    fn english_keeps_clap_s_own_text() {
        assert!(explain(&error_for(&["casebook", "clinet"]), Lang::En).is_none());
    }
}
