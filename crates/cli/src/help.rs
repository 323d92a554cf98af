//! Command-line help in the run's language, from the message catalogues.
//!
//! The English texts are the doc comments of `args.rs`; `locales/en/help.ftl` is generated
//! from them (`cargo test -p casebook-cli -- --ignored write_english_help`), and a test fails
//! when it is out of date. Each command's text is `cmd-<path>` (and `cmd-<path>-long` for a
//! longer one), each argument's `arg-<path>--<id>`; the words clap itself prints (Usage,
//! Commands, Options, Print help) are in `ui.ftl`.

use clap::{Arg, ArgAction, Command};

use crate::i18n::{self, Lang};

/// The catalogue key of a command's text.
fn command_key(path: &[String]) -> String {
    if path.is_empty() {
        "cmd-casebook".to_string()
    } else {
        format!("cmd-{}", path.join("-"))
    }
}

/// The catalogue key of an argument's text.
fn arg_key(path: &[String], arg: &Arg) -> String {
    let id = arg.get_id().as_str().replace('_', "-");
    if path.is_empty() {
        format!("arg-casebook--{id}")
    } else {
        format!("arg-{}--{id}", path.join("-"))
    }
}

/// `cmd` with every text in `lang`.
pub(crate) fn localise(cmd: Command, lang: Lang) -> Command {
    let text = |key: &str| i18n::lookup(lang, key);
    let cmd = localise_tree(cmd, &[], lang);
    // clap's own `help` subcommands exist once the command is built.
    let mut cmd = cmd;
    cmd.build();
    match text("ui-help-subcommand") {
        Some(about) => help_subcommands(cmd, &about),
        None => cmd,
    }
}

/// Give every `help` subcommand of the built tree the text `about`.
fn help_subcommands(mut cmd: Command, about: &str) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand(&name, |help| help.about(about.to_string()))
        } else {
            cmd.mut_subcommand(&name, |sub| help_subcommands(sub, about))
        };
    }
    cmd
}

fn localise_tree(mut cmd: Command, path: &[String], lang: Lang) -> Command {
    let text = |key: &str| i18n::lookup(lang, key);
    let key = command_key(path);
    if let Some(about) = text(&key) {
        cmd = cmd.about(about);
    }
    if let Some(long) = text(&format!("{key}-long")) {
        cmd = cmd.long_about(long);
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| {
            let key = arg_key(path, &arg);
            let heading = if arg.is_positional() {
                text("ui-arguments")
            } else {
                text("ui-options")
            };
            // clap words the values, defaults and variables of an argument in English: they
            // are hidden and said in the catalogue's words instead.
            let notes = notes(&arg, lang);
            let mut arg = match text(&key).or_else(|| arg.get_help().map(|h| h.to_string())) {
                Some(help) if notes.is_empty() => arg.help(help),
                Some(help) => arg.help(format!("{help} {notes}")),
                None => arg,
            };
            if !notes.is_empty() {
                arg = arg
                    .hide_possible_values(true)
                    .hide_default_value(true)
                    .hide_env(true);
            }
            if let Some(long) = text(&format!("{key}-long")) {
                arg = arg.long_help(long);
            }
            match heading {
                Some(h) => arg.help_heading(h),
                None => arg,
            }
        });
    }
    let usage = text("ui-usage").unwrap_or_else(|| "Usage:".into());
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("ui-print-help").unwrap_or_else(|| "Print help".into()))
                .help_heading(text("ui-options").unwrap_or_else(|| "Options".into())),
        );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .global(true)
                .action(ArgAction::Version)
                .help(text("ui-print-version").unwrap_or_else(|| "Print version".into()))
                .help_heading(text("ui-options").unwrap_or_else(|| "Options".into())),
        );
    }
    if let Some(h) = text("ui-commands") {
        cmd = cmd.subcommand_help_heading(h);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| localise_tree(sub, &sub_path, lang));
    }
    cmd
}

/// What clap would add after an argument's help (its values, default and variable), in
/// `lang`: `[possible values: a, b] [default: a] [env: NAME]`.
fn notes(arg: &Arg, lang: Lang) -> String {
    let word = |key: &str| i18n::lookup(lang, key).unwrap_or_else(|| key.to_string());
    let mut notes = Vec::new();
    if !arg.get_action().takes_values() {
        return String::new();
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!(
            "[{}: {}]",
            word("ui-possible-values"),
            values.join(", ")
        ));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty()
        && !arg.is_hide_default_value_set()
        && arg.get_num_args().is_none_or(|n| n.takes_values())
    {
        notes.push(format!("[{}: {}]", word("ui-default"), defaults.join(", ")));
    }
    if let Some(env) = arg.get_env()
        && !arg.is_hide_env_set()
    {
        notes.push(format!("[{}: {}]", word("ui-env"), env.to_string_lossy()));
    }
    notes.join(" ")
}

/// The English help catalogue, from the doc comments of `args.rs` (see the module's docs).
#[cfg(test)]
fn english_catalogue(cmd: &Command) -> String {
    let mut out = String::from(
        "# Help for every command and argument, generated from the doc comments of\n\
         # crates/cli/src/args.rs: do not edit; run\n\
         # `cargo test -p casebook-cli -- --ignored write_english_help` after changing them.\n\n",
    );
    walk(cmd, &[], &mut out);
    out
}

#[cfg(test)]
fn walk(cmd: &Command, path: &[String], out: &mut String) {
    let key = command_key(path);
    if let Some(about) = cmd.get_about() {
        entry(out, &key, &about.to_string());
    }
    if let Some(long) = cmd.get_long_about() {
        entry(out, &format!("{key}-long"), &long.to_string());
    }
    for arg in cmd.get_arguments() {
        let key = arg_key(path, arg);
        if let Some(help) = arg.get_help() {
            entry(out, &key, &help.to_string());
        }
        if let Some(long) = arg.get_long_help() {
            entry(out, &format!("{key}-long"), &long.to_string());
        }
    }
    for sub in cmd.get_subcommands() {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name().to_string());
        walk(sub, &sub_path, out);
    }
}

/// One Fluent message: braces escaped, every line after the first indented.
#[cfg(test)]
fn entry(out: &mut String, key: &str, text: &str) {
    let escaped: String = text
        .chars()
        .map(|c| match c {
            '{' => "{\"{\"}".to_string(),
            '}' => "{\"}\"}".to_string(),
            c => c.to_string(),
        })
        .collect();
    let lines: Vec<&str> = escaped.lines().collect();
    if lines.len() <= 1 {
        out.push_str(&format!("{key} = {escaped}\n"));
    } else {
        out.push_str(&format!("{key} =\n"));
        for line in lines {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    const ENGLISH: &str = include_str!("../../i18n/locales/en/help.ftl");

    #[test]
    #[ignore = "writes locales/en/help.ftl from the doc comments"]
    fn write_english_help() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../i18n/locales/en/help.ftl");
        std::fs::write(path, english_catalogue(&crate::args::Cli::command()))
            .expect("write the English help catalogue");
    }

    #[test]
    fn the_english_help_catalogue_is_the_doc_comments() {
        assert!(
            english_catalogue(&crate::args::Cli::command()) == ENGLISH,
            "locales/en/help.ftl is out of date: run \
             `cargo test -p casebook-cli -- --ignored write_english_help`"
        );
    }

    #[test]
    fn english_help_from_the_catalogue_keeps_every_command_and_note() {
        let plain = crate::args::Cli::command();
        let mut localised = localise(crate::args::Cli::command(), Lang::En);
        let help = localised.render_help().to_string();
        for sub in plain.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let words: String = about
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                help.contains(sub.get_name()) && help.contains(&words),
                "{} ({words}) is missing from:\n{help}",
                sub.get_name()
            );
        }
        let csv = localised
            .find_subcommand_mut("import-csv")
            .expect("import-csv")
            .render_help()
            .to_string();
        assert!(
            csv.contains("[possible values: clients, interactions]"),
            "{csv}"
        );
    }

    #[test]
    fn welsh_help_glosses_values_with_the_words_the_command_line_accepts() {
        // `--role decision-maker (gwneuthurwr penderfyniadau)`: a reader may type the gloss
        // instead of the value (`cmd::word`), so it must be the value's words (and then
        // perhaps ": what they mean").
        let welsh = include_str!("../../i18n/locales/cy/help.ftl");
        let values = casebook::enums::every_value();
        let mut checked = 0;
        let mut misses = Vec::new();
        for line in welsh.lines() {
            for (before, after) in line.split(" (").zip(line.split(" (").skip(1)) {
                let value = before.rsplit([' ', ':', ',']).next().unwrap_or_default();
                let Some(gloss) = after.split(')').next() else {
                    continue;
                };
                let words: Vec<String> = values
                    .iter()
                    .filter(|(_, v, _)| *v == value)
                    .map(|(_, _, w)| w.render(Lang::Cy))
                    .collect();
                if words.is_empty() {
                    continue;
                }
                // The words, then perhaps ": what they mean".
                if !words
                    .iter()
                    .any(|w| gloss == w || gloss.starts_with(&format!("{w}: ")))
                {
                    misses.push(format!("{value} as '{gloss}', not {words:?}"));
                }
                checked += 1;
            }
        }
        assert!(misses.is_empty(), "help glosses:\n{}", misses.join("\n"));
        assert!(checked > 40, "only {checked} glosses checked");
    }
}
