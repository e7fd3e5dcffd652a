//! The command line in the user's language: every help text, clap's own words (the
//! `Usage:`/`Options:` headings, the `--help` and `--version` flags, `[default: …]`,
//! `[possible values: …]`) and clap's argument errors, from the message catalogs.
//!
//! English help is clap's own, from the doc comments in `args.rs` (a test keeps the English
//! catalog equal to them). Argument errors are rendered here in both languages from the
//! error's kind and context; a test keeps the English rendering equal to clap's own.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n::{Lang, Message, format_checked};
use crate::msg;

/// The command-line definition with its help texts in `lang`: each command's `about` is the
/// message `cli-<command path>`, its `after_help` `cli-<command path>-after-help`, each
/// argument's help `cli-<command path>-arg-<id>`; clap's headings, flags and value lists
/// are the `clap-…` messages.
pub fn help_in(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Ja => {
            let text = |m: Message| m.text(lang);
            let command = command.disable_version_flag(true).arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(text(msg!("clap-print-version"))),
            );
            let mut command = localize(command, "cli", lang);
            // clap adds its `help` subcommands when the definition is built: built here, so
            // that their texts can be replaced too.
            command.build();
            help_subcommands(command, lang)
        }
    }
}

/// Every `help` subcommand clap added, in `lang`.
fn help_subcommands(mut command: Command, lang: Lang) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |s| {
            if name == "help" {
                let about = msg!("clap-help-command").text(lang);
                help_subcommands(headings(s, lang).about(about), lang)
            } else {
                help_subcommands(s, lang)
            }
        });
    }
    command
}

/// A command's help template and headings in `lang` (the `Usage:` and `Commands:` clap
/// writes in English).
fn headings(command: Command, lang: Lang) -> Command {
    let usage = msg!("clap-usage-heading").text(lang);
    command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(msg!("clap-commands-heading").text(lang))
}

/// [`help_in`] for one command and, recursively, its subcommands.
fn localize(mut command: Command, path: &str, lang: Lang) -> Command {
    let text = |m: Message| m.text(lang);
    if let Ok(about) = format_checked(lang, path, &[]) {
        command = command.about(about).long_about(None::<&str>);
    }
    if let Ok(after) = format_checked(lang, &format!("{path}-after-help"), &[]) {
        command = command.after_help(after).after_long_help(None::<&str>);
    }
    command = headings(command, lang).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text(msg!("clap-print-help"))),
    );
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = format_checked(lang, &format!("{path}-arg-{id}"), &[]).ok();
        command = command.mut_arg(id, |arg| localize_arg(arg, help, lang));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let inner = format!("{path}-{name}");
        command = command.mut_subcommand(name, |s| localize(s, &inner, lang));
    }
    command
}

/// One argument in `lang`: its help text, its heading, and its default and possible values
/// written after the help (clap's own lists are in English, so they are hidden).
fn localize_arg(mut arg: Arg, help: Option<String>, lang: Lang) -> Arg {
    let text = |m: Message| m.text(lang);
    let mut help = help.or_else(|| arg.get_help().map(ToString::to_string));
    let mut extra = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_value = arg.get_action().takes_values();
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        extra.push(text(msg!(
            "clap-default-value",
            value = defaults.join(", ")
        )));
        arg = arg.hide_default_value(true);
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if takes_value && !values.is_empty() && !arg.is_hide_possible_values_set() {
        extra.push(text(msg!(
            "clap-possible-values",
            values = values.join(", ")
        )));
        arg = arg.hide_possible_values(true);
    }
    if !extra.is_empty() {
        let joined = extra.join(" ");
        help = Some(match help {
            Some(help) => format!("{help} {joined}"),
            None => joined,
        });
    }
    if let Some(help) = help {
        arg = arg.help(help).long_help(None::<&str>);
    }
    let heading = if arg.is_positional() {
        msg!("clap-arguments-heading")
    } else {
        msg!("clap-options-heading")
    };
    if arg.get_help_heading().is_none() {
        arg = arg.help_heading(text(heading));
    }
    arg
}

/// An argument error as `checksheet` prints it, in `lang`: what was wrong, a tip when clap
/// has one, the usage line, and where to read more. `None` for what is not an error
/// (`--help`, `--version`), which clap prints itself.
pub fn render_error(error: &clap::Error, lang: Lang) -> Option<String> {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    let text = |m: Message| m.text(lang);
    let mut out = text(msg!("error-line", message = what_was_wrong(error, lang)));
    out.push_str(&tips(error, lang));
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let _ = write!(out, "\n\n{} {usage}", text(msg!("clap-usage-heading")));
    }
    let _ = write!(
        out,
        "\n\n{}\n",
        text(msg!("clap-try-help", flag = "--help"))
    );
    Some(out)
}

/// A context value that is one string.
fn string(error: &clap::Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

/// A context value that is a list of strings.
fn strings(error: &clap::Error, kind: ContextKind) -> &[String] {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list,
        _ => &[],
    }
}

/// The first part of the error: what was wrong, with the values or subcommands there are.
fn what_was_wrong(error: &clap::Error, lang: Lang) -> String {
    let text = |m: Message| m.text(lang);
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    let list = |message: fn(String) -> Message, values: &[String]| {
        if values.is_empty() {
            String::new()
        } else {
            format!("\n  {}", text(message(values.join(", "))))
        }
    };
    let possible = |values: String| msg!("clap-possible-values", values = values);
    let subcommands = |values: String| msg!("clap-subcommands", values = values);
    let tab_list =
        |values: &[String]| -> String { values.iter().map(|v| format!("\n  {v}")).collect() };
    match (error.kind(), arg, value) {
        (ErrorKind::UnknownArgument, Some(arg), _) => {
            text(msg!("clap-unexpected-argument", arg = arg))
        }
        (ErrorKind::InvalidValue, Some(arg), Some("")) => {
            text(msg!("clap-value-required", arg = arg))
                + &list(possible, strings(error, ContextKind::ValidValue))
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) => {
            text(msg!("clap-invalid-value", arg = arg, value = value))
                + &list(possible, strings(error, ContextKind::ValidValue))
        }
        (ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            let invalid = text(msg!("clap-invalid-value", arg = arg, value = value));
            match std::error::Error::source(error) {
                Some(reason) => format!("{invalid}: {reason}"),
                None => invalid,
            }
        }
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => {
            text(msg!("clap-too-many-values", arg = arg, value = value))
        }
        (ErrorKind::NoEquals, Some(arg), _) => text(msg!("clap-no-equals", arg = arg)),
        (ErrorKind::InvalidSubcommand, ..) => match string(error, ContextKind::InvalidSubcommand) {
            Some(name) => text(msg!("clap-invalid-subcommand", name = name)),
            None => error.kind().to_string(),
        },
        (ErrorKind::MissingSubcommand, ..) => match string(error, ContextKind::InvalidSubcommand) {
            Some(name) => {
                text(msg!("clap-missing-subcommand", name = name))
                    + &list(subcommands, strings(error, ContextKind::ValidSubcommand))
            }
            None => error.kind().to_string(),
        },
        (ErrorKind::MissingRequiredArgument, ..) => {
            text(msg!("clap-missing-required")) + &tab_list(strings(error, ContextKind::InvalidArg))
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => conflict(error, arg, lang),
        (ErrorKind::InvalidUtf8, ..) => text(msg!("clap-invalid-utf8")),
        // Kinds the command line cannot give (it sets no value counts): clap's own words.
        _ => {
            let full = error.render().to_string();
            let first = full.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_owned()
        }
    }
}

/// Two arguments that cannot be used together, or one given twice.
fn conflict(error: &clap::Error, arg: &str, lang: Lang) -> String {
    let text = |m: Message| m.text(lang);
    match error.get(ContextKind::PriorArg) {
        Some(ContextValue::String(prior)) if prior == arg => {
            text(msg!("clap-argument-repeated", arg = arg))
        }
        Some(ContextValue::String(prior)) => text(msg!(
            "clap-argument-conflict",
            arg = arg,
            other = prior.as_str()
        )),
        Some(ContextValue::Strings(priors)) => {
            let others: String = priors.iter().map(|p| format!("\n  {p}")).collect();
            text(msg!("clap-argument-conflict-many", arg = arg)) + &others
        }
        _ => text(msg!("clap-argument-conflict-any", arg = arg)),
    }
}

/// The "did you mean" lines clap suggests, and its other tips.
fn tips(error: &clap::Error, lang: Lang) -> String {
    let text = |m: Message| m.text(lang);
    let mut out = String::new();
    let mut first = true;
    let mut line = |tip: String| {
        if first {
            out.push('\n');
            first = false;
        }
        let _ = write!(out, "\n  {}", text(msg!("clap-tip", tip = tip)));
    };
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let similar = match error.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(list)) => list.clone(),
            _ => continue,
        };
        let quoted: Vec<String> = similar.iter().map(|s| format!("'{s}'")).collect();
        line(text(msg!(
            "clap-similar",
            what = what,
            count = similar.len(),
            values = quoted.join(", ")
        )));
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
        for suggestion in suggestions {
            line(suggestion_in(&suggestion.to_string(), lang));
        }
    }
    out
}

/// One of clap's tips (an English sentence it builds) in `lang`; a tip of a form not known
/// here stays as clap wrote it.
fn suggestion_in(tip: &str, lang: Lang) -> String {
    let text = |m: Message| m.text(lang);
    if let Some(rest) = tip.strip_prefix("to pass '")
        && let Some((arg, rest)) = rest.split_once("' as a value, use '")
        && let Some(escaped) = rest.strip_suffix('\'')
    {
        return text(msg!("clap-tip-as-value", arg = arg, escaped = escaped));
    }
    if let Some(rest) = tip.strip_prefix("subcommand '")
        && let Some(name) = rest.strip_suffix("' exists; to use it, remove the '--' before it")
    {
        return text(msg!("clap-tip-remove-dashes", name = name));
    }
    if let Some(rest) = tip.strip_prefix('\'')
        && let Some(name) = rest.strip_suffix("' exists")
    {
        return text(msg!("clap-tip-exists", name = name));
    }
    tip.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Command lines clap refuses, one of each kind of mistake a user makes.
    const MISTAKES: &[&[&str]] = &[
        &["build", "--no-such-flag"],
        &["frobnicate"],
        &["bulid"],
        &["build", "--format", "xml"],
        &["build", "--format"],
        &["build", "--out"],
        &["build", "--deny-warnings", "--deny-warnings"],
        &["build", "--deny-warnings=yes"],
        &["map", "suggest"],
        &["map", "suggest", "a"],
        &["list", "controls"],
        &["schema", "projekt"],
        &["build", "a", "b"],
        &["--lang", "fr", "check"],
        &["fmt", "--chek"],
        &["import"],
        &["completions", "tcsh"],
        &["list", "coverage", "--jsn"],
    ];

    fn error_of(lang: Lang, args: &[&str]) -> clap::Error {
        let argv = std::iter::once("checksheet").chain(args.iter().copied());
        match help_in(super::super::Cli::command(), lang).try_get_matches_from(argv) {
            Err(e) => e,
            Ok(_) => panic!("{args:?} was accepted"),
        }
    }

    #[test]
    fn english_argument_errors_read_as_clap_writes_them() {
        for args in MISTAKES {
            let error = error_of(Lang::En, args);
            let ours = render_error(&error, Lang::En).expect("an error");
            assert_eq!(ours, error.render().to_string(), "{args:?}");
        }
    }

    /// English words of clap's that must not appear in Japanese output.
    const CLAP_ENGLISH: &[&str] = &[
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "Print this message",
        "[default:",
        "possible values",
        "Possible values",
        "error:",
        "tip:",
        "For more information",
        "unexpected",
        "invalid value",
        "required",
        "unrecognized",
        "similar",
        "Examples:",
        "Exit codes",
    ];

    fn assert_japanese(text: &str, context: &str) {
        for english in CLAP_ENGLISH {
            assert!(!text.contains(english), "{context}: `{english}` in\n{text}");
        }
    }

    #[test]
    fn japanese_argument_errors_have_no_english_words_of_clap() {
        for args in MISTAKES {
            let error = error_of(Lang::Ja, args);
            let text = render_error(&error, Lang::Ja).expect("an error");
            assert!(text.starts_with("エラー: "), "{text}");
            assert!(
                text.ends_with("詳しくは '--help' を付けて実行してください。\n"),
                "{text}"
            );
            assert_japanese(&text, &format!("{args:?}"));
        }
        let typo = render_error(&error_of(Lang::Ja, &["bulid"]), Lang::Ja).unwrap();
        assert!(
            typo.contains("よく似たコマンドがあります: 'build'"),
            "{typo}"
        );
        let value = render_error(&error_of(Lang::Ja, &["build", "--format", "xml"]), Lang::Ja);
        assert!(
            value
                .unwrap()
                .contains("[指定できる値: human, json, github]"),
            "the values clap offers are listed"
        );
    }

    /// The help a command line prints (`--help`, `-h`, `help …`), as users see it.
    fn help_of(lang: Lang, args: &[&str]) -> String {
        let argv = std::iter::once("checksheet").chain(args.iter().copied());
        match help_in(super::super::Cli::command(), lang).try_get_matches_from(argv) {
            Err(e) if e.kind() == ErrorKind::DisplayHelp => e.render().to_string(),
            other => panic!("{args:?}: {other:?}"),
        }
    }

    /// The path of every command and subcommand, from clap's definition.
    fn command_paths() -> Vec<Vec<String>> {
        fn walk(command: &Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
            out.push(path.clone());
            for sub in command.get_subcommands() {
                let mut inner = path.clone();
                inner.push(sub.get_name().to_owned());
                walk(sub, inner, out);
            }
        }
        let mut out = Vec::new();
        walk(&super::super::Cli::command(), Vec::new(), &mut out);
        out
    }

    #[test]
    fn japanese_help_of_every_command_has_no_english_words_of_clap() {
        let paths = command_paths();
        assert!(paths.len() > 15, "{}", paths.len());
        for path in &paths {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let mut ways = vec![
                [path.as_slice(), &["--help"]].concat(),
                [path.as_slice(), &["-h"]].concat(),
            ];
            if let Some((last, parents)) = path.split_last() {
                ways.push([parents, &["help", last]].concat());
            }
            if !paths.iter().any(|p| {
                p.len() > path.len()
                    && p.starts_with(&path.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            }) {
                // A command without subcommands has no `help` subcommand of its own.
            } else {
                ways.push([path.as_slice(), &["help", "help"]].concat());
            }
            for args in ways {
                let help = help_of(Lang::Ja, &args);
                assert!(help.contains("使い方: "), "{args:?}\n{help}");
                assert_japanese(&help, &format!("{args:?}"));
            }
        }
        let build = help_of(Lang::Ja, &["build", "--help"]);
        assert!(
            build.contains("[既定値: human] [指定できる値: human, json, github]"),
            "{build}"
        );
        assert!(build.contains("ヘルプを表示します"), "{build}");
        let import = help_of(Lang::Ja, &["import", "--help"]);
        assert!(import.contains("終了コード: 0 書き出した。"), "{import}");
    }

    #[test]
    fn english_help_is_clap_s_own() {
        let ours = help_in(super::super::Cli::command(), Lang::En)
            .render_long_help()
            .to_string();
        let clap = super::super::Cli::command().render_long_help().to_string();
        assert_eq!(ours, clap);
    }

    #[test]
    fn tips_of_a_form_not_known_stay_as_clap_wrote_them() {
        assert_eq!(suggestion_in("something new", Lang::Ja), "something new");
        assert_eq!(
            suggestion_in("to pass '-x' as a value, use '-- -x'", Lang::Ja),
            "'-x' を値として渡すには '-- -x' と書きます"
        );
        assert_eq!(
            suggestion_in(
                "subcommand 'build' exists; to use it, remove the '--' before it",
                Lang::Ja
            ),
            "コマンド 'build' があります。使うには前の '--' を外します"
        );
        assert_eq!(
            suggestion_in("'map suggest' exists", Lang::Ja),
            "'map suggest' があります"
        );
    }
}
