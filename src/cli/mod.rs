//! The command line: argument parsing (clap) and the exit code of each command.
//!
//! Exit codes: 0 success; 1 the input has errors (or warnings with `--deny-warnings`);
//! 2 the command could not run (bad arguments, a missing project, an unwritable folder).

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

mod args;
mod check;
mod diff;
mod fill;
mod fmt;
mod generate;
mod import;
mod init;
mod list;
mod localize;
mod map;
mod values;
mod workspace;

pub use args::{Cli, Command, ListCommand, MapCommand};
pub use localize::{help_in, render_error};

use crate::diag::Diagnostics;
use crate::error::Error;
use crate::i18n::{Lang, Message};
use crate::report::{self, ReportFormat};
use crate::source::Sources;
use workspace::{Loaded, valid_project, workspace_for};

/// What a finished command leaves: the model and documents of a run, handed to the binary,
/// which ends the process next and need not free them one value at a time.
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn std::any::Any>>);

impl Leftovers {
    fn keep<T: 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }
}

/// What a command that ran to its end leaves: its exit code (0; 1 when the input has
/// errors, or warnings under `--deny-warnings`; 2 when the command already printed why it
/// could not run, as `init` does before saying that nothing was written) and what the
/// binary need not free.
#[derive(Default)]
pub struct Outcome {
    pub code: u8,
    pub leftovers: Leftovers,
}

impl Outcome {
    /// Exit code 0.
    pub fn success() -> Outcome {
        Outcome::default()
    }

    /// Exit code 1 when `failed`, else 0.
    pub fn failed_if(failed: bool) -> Outcome {
        Outcome {
            code: u8::from(failed),
            leftovers: Leftovers::default(),
        }
    }

    /// Keeps `value` for the binary to drop (or not) when the process ends.
    pub fn keeping<T: 'static>(mut self, value: T) -> Outcome {
        self.leftovers.keep(value);
        self
    }
}

/// Parses the command line and runs it: the exit code, and what the run leaves. Messages
/// and `--help` are in the language of `--lang`, else of the locale (`Lang::chosen`).
pub fn main() -> (ExitCode, Leftovers) {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::chosen(lang_argument(&args));
    crate::i18n::set_lang(lang);
    let parsed = help_in(Cli::command(), lang)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = match render_error(&e, lang) {
                Some(text) => {
                    report::say_text(&text);
                    2
                }
                None => {
                    let _ = e.print();
                    if e.use_stderr() { 2 } else { 0 }
                }
            };
            return (ExitCode::from(code), Leftovers::default());
        }
    };
    match run(cli) {
        Ok(outcome) => (ExitCode::from(outcome.code), outcome.leftovers),
        Err(e) => (ExitCode::from(stopped(&e)), Leftovers::default()),
    }
}

/// Ends a run whose layout template went over its memory budget, from inside the
/// allocation that went over it: the budget's message, the staged files removed
/// ([`crate::memory::end_of_budget`]), exit code 1 — the project must change.
pub fn out_of_template_memory() -> ! {
    crate::memory::end_of_budget();
    std::process::exit(1)
}

/// The `--lang` of a command line, read before clap parses it so that `--help` is in that
/// language; `None` when it is not given or names no language (clap then reports it).
fn lang_argument(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang=") {
            Some(value) => Some(value.to_owned()),
            None if arg == "--lang" => args.next().map(|v| v.into_owned()),
            None => None,
        };
        if let Some(value) = value {
            return value.to_ascii_lowercase().parse().ok();
        }
    }
    None
}

/// Runs a parsed command: what it leaves and its exit code, or the error that stopped it.
/// Messages are in the language of `--lang`, else of the locale (`i18n::Lang::chosen`).
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    crate::i18n::set_lang(Lang::chosen(cli.lang));
    match cli.command {
        Command::Check {
            project,
            deny_warnings,
            format,
        } => check::check(&project, deny_warnings, format),
        Command::Build {
            project,
            out,
            deny_warnings,
            format,
        } => check::build(&project, out.as_deref(), deny_warnings, format),
        Command::Fmt { project, check } => fmt::run(&project, check),
        Command::Init { dir } => init::run(&dir),
        Command::Schema { kind } => {
            report::output(&kind.to_json());
            Ok(Outcome::success())
        }
        Command::Completions { shell } => generate::completions(shell),
        Command::Man => generate::man(),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Fill(args) => fill::run(&args),
        Command::Map {
            what:
                MapCommand::Suggest {
                    from,
                    to,
                    project,
                    top,
                    min_score,
                    out,
                    force,
                },
        } => map::suggest(
            &from,
            &to,
            project.as_deref(),
            top,
            min_score,
            out.as_deref(),
            force,
        ),
        Command::List { what } => list::run(what),
    }
}

pub(crate) fn finish_line(format: ReportFormat, diags: &Diagnostics, ok: Option<Message>) {
    if format != ReportFormat::Human {
        return;
    }
    match (ok, report::summary(diags)) {
        (_, Some(summary)) => report::say(&summary),
        (Some(ok), None) => report::say(&ok),
        (None, None) => {}
    }
}

/// Reports an error that stops the command (`error: …`, or the diagnostic it carries)
/// and gives its exit code.
fn stopped(error: &Error) -> u8 {
    match error {
        Error::Diagnosed(d) => {
            let mut diags = Diagnostics::default();
            diags.push((**d).clone());
            report::report(&diags, &Sources::default(), ReportFormat::Human);
        }
        _ => report::say_error(&error.message()),
    }
    error.exit_code()
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, format_checked};
    use clap::CommandFactory;

    /// Every command and argument with help: (message ID, clap's own English text).
    fn help_texts() -> Vec<(String, String)> {
        fn walk(command: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
            if let Some(about) = command.get_about() {
                out.push((path.to_owned(), about.to_string()));
            }
            if let Some(after) = command.get_after_help() {
                out.push((format!("{path}-after-help"), after.to_string()));
            }
            for arg in command.get_arguments() {
                if let Some(help) = arg.get_help() {
                    out.push((format!("{path}-arg-{}", arg.get_id()), help.to_string()));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path}-{}", sub.get_name()), out);
            }
        }
        let mut out = Vec::new();
        walk(&super::Cli::command(), "cli", &mut out);
        out
    }

    #[test]
    fn the_help_of_every_command_and_argument_is_in_both_catalogs() {
        let texts = help_texts();
        assert!(texts.len() > 60, "{}", texts.len());
        for (id, english) in &texts {
            assert_eq!(
                format_checked(Lang::En, id, &[]).as_deref(),
                Ok(english.as_str()),
                "i18n/en/checksheet.ftl's `{id}` is not the doc comment's text"
            );
            let japanese = format_checked(Lang::Ja, id, &[]).expect(id);
            assert_ne!(&japanese, english, "{id}");
        }
        // No `cli-…` message is left over from a command or argument that is gone.
        let ids: std::collections::HashSet<&str> =
            texts.iter().map(|(id, _)| id.as_str()).collect();
        for line in crate::i18n::EN_FTL.lines() {
            if let Some((id, _)) = line.split_once(" = ")
                && id.starts_with("cli")
                && !id.contains(' ')
            {
                assert!(ids.contains(id), "`{id}` names no command or argument");
            }
        }
    }

    #[test]
    fn help_follows_the_language() {
        let help = |lang| {
            super::help_in(super::Cli::command(), lang)
                .render_help()
                .to_string()
        };
        let (english, japanese) = (help(Lang::En), help(Lang::Ja));
        assert!(
            english.contains("Compile security checksheet answers"),
            "{english}"
        );
        assert!(japanese.contains("YAML で管理する"), "{japanese}");
        assert!(japanese.contains("プロジェクトを検証し"), "{japanese}");
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            super::lang_argument(&args(&["cs", "check", "--lang", "ja"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            super::lang_argument(&args(&["cs", "--lang=en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(super::lang_argument(&args(&["cs", "check"])), None);
        assert_eq!(super::lang_argument(&args(&["cs", "--lang", "fr"])), None);
        assert_eq!(
            super::lang_argument(&args(&["cs", "--", "--lang", "ja"])),
            None
        );
    }
}
