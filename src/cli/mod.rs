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
mod import;
mod values;

pub use args::{Cli, Command, ListCommand, MapCommand};

use crate::diag::Diagnostics;
use crate::error::Error;
use crate::i18n::{Lang, Message};
use crate::load::Workspace;
use crate::msg;
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::display_path;

/// What a finished command leaves: the model and documents of a run, handed to the binary,
/// which ends the process next and need not free them one value at a time.
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn std::any::Any>>);

impl Leftovers {
    fn keep<T: 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }
}

/// What a command that ran to its end leaves: its exit code (0, or 1 when the input has
/// errors, or warnings under `--deny-warnings`) and what the binary need not free.
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
            let _ = e.print();
            let code = if e.use_stderr() { 2 } else { 0 };
            return (ExitCode::from(code), Leftovers::default());
        }
    };
    match run(cli) {
        Ok(outcome) => (ExitCode::from(outcome.code), outcome.leftovers),
        Err(e) => (ExitCode::from(stopped(&e)), Leftovers::default()),
    }
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

/// The command-line definition with its help texts in `lang`: each command's `about` is the
/// message `cli-<command path>`, each argument's help `cli-<command path>-arg-<id>`.
/// English is clap's own (from the doc comments above; a test keeps the English catalog
/// equal to them). clap's headings (`Usage:`, `Options:`) and its own errors stay English.
pub fn help_in(command: clap::Command, lang: Lang) -> clap::Command {
    fn localize(mut command: clap::Command, path: &str, lang: Lang) -> clap::Command {
        if let Ok(about) = crate::i18n::format_checked(lang, path, &[]) {
            command = command.about(about).long_about(None::<&str>);
        }
        let ids: Vec<String> = command
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        for id in ids {
            if let Ok(help) = crate::i18n::format_checked(lang, &format!("{path}-arg-{id}"), &[]) {
                command = command.mut_arg(id, |arg| arg.help(help).long_help(None::<&str>));
            }
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
    match lang {
        Lang::En => command,
        Lang::Ja => localize(command, "cli", lang),
    }
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
        Command::Fmt { project, check } => Ok(code(format_answers(&project, check))),
        Command::Init { dir } => Ok(code(crate::init::run(&dir))),
        Command::Schema { kind } => {
            report::output(&kind.to_json());
            Ok(Outcome::success())
        }
        Command::Completions { shell } => Ok(code(crate::generate::completions(shell))),
        Command::Man => Ok(code(crate::generate::man())),
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
        } => Ok(code(suggest_mapping(
            &from,
            &to,
            project.as_deref(),
            top,
            min_score,
            out.as_deref(),
            force,
        ))),
        Command::List { what } => Ok(code(list(what))),
    }
}

/// An exit code a command gave after printing its own messages.
fn code(code: u8) -> Outcome {
    Outcome {
        code,
        leftovers: Leftovers::default(),
    }
}

fn format_answers(project: &std::path::Path, check_only: bool) -> u8 {
    let checked = match valid_project(project, msg!("fmt-needs-valid-project")) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let ws = &checked.workspace;
    let mut diags = Diagnostics::default();
    let files = crate::fmt::format_files(&ws.sources, &ws.answer_files, &ws.catalogs, &mut diags);
    report::report(&diags, &ws.sources, ReportFormat::Human);
    let changed: Vec<_> = files.iter().filter(|f| f.changed()).collect();
    let failed = diags.error_count();
    if check_only {
        let list: String = changed.iter().map(|f| format!("{}\n", f.name)).collect();
        report::output(&list);
    } else {
        for file in &changed {
            // An answer file that is a link (to a file inside the project, as loading
            // checked) is formatted where it leads, and stays a link.
            let target = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
            if let Err(e) = pipeline::replace_file(&target, file.formatted.as_bytes()) {
                return cannot_run(&msg!(
                    "cannot-write-file",
                    path = &file.name,
                    error = e.to_string()
                ));
            }
            report::say(&msg!("fmt-formatted", file = &file.name));
        }
    }
    if let Some(line) = fmt_closing_line(check_only, changed.len(), failed) {
        report::say(&line);
    }
    u8::from((check_only && !changed.is_empty()) || diags.has_errors())
}

/// The line `fmt` ends with. A file that could not be formatted is an error reported
/// above: it is neither canonical nor formatted, so the line never says that every file is.
fn fmt_closing_line(check_only: bool, changed: usize, failed: usize) -> Option<Message> {
    let failed = (failed > 0).then(|| msg!("fmt-failed-files", count = failed));
    match (check_only, changed, failed) {
        (_, 0, None) => Some(msg!("fmt-all-canonical")),
        (_, 0, Some(failed)) | (false, _, Some(failed)) => Some(failed),
        (true, n, None) => Some(msg!("fmt-would-reformat", count = n)),
        (true, n, Some(failed)) => Some(msg!(
            "fmt-would-reformat-and-failed",
            count = n,
            failed = failed
        )),
        (false, _, None) => None,
    }
}

fn finish_line(format: ReportFormat, diags: &Diagnostics, ok: Option<Message>) {
    if format != ReportFormat::Human {
        return;
    }
    match (ok, report::summary(diags)) {
        (_, Some(summary)) => report::say(&summary),
        (Some(ok), None) => report::say(&ok),
        (None, None) => {}
    }
}

/// Reports an error that stops the command (`error: …`) and gives its exit code.
fn stopped(error: &Error) -> u8 {
    report::say_error(&error.message());
    error.exit_code()
}

/// Reports an error that stops the command (`error: …`) and gives exit code 2.
pub(crate) fn cannot_run(message: &Message) -> u8 {
    report::say_error(message);
    2
}

/// The built-in catalogs and layouts, plus a project's when one is named. On errors, reports
/// them (with `why`, what the command needs) and gives the exit code instead.
pub(crate) fn workspace_for(
    project: Option<&std::path::Path>,
    why: Message,
) -> Result<Workspace, u8> {
    let ws = match project {
        Some(p) => Workspace::load(p).map_err(|e| cannot_run(&e.message()))?,
        None => Workspace::builtins(),
    };
    if ws.diags.has_errors() {
        report::report(&ws.diags, &ws.sources, ReportFormat::Human);
        report::say(&why);
        return Err(1);
    }
    Ok(ws)
}

/// A loaded project without errors; on errors, reports them (with `why`) and gives the
/// exit code instead.
fn valid_project(project: &std::path::Path, why: Message) -> Result<pipeline::Checked, u8> {
    let (checked, _) = pipeline::check(project).map_err(|e| cannot_run(&e.message()))?;
    if checked.has_errors() {
        report::report(
            &checked.diags,
            &checked.workspace.sources,
            ReportFormat::Human,
        );
        report::say(&why);
        return Err(1);
    }
    Ok(checked)
}

fn suggest_mapping(
    from: &str,
    to: &str,
    project: Option<&std::path::Path>,
    top: usize,
    min_score: f64,
    out: Option<&std::path::Path>,
    force: bool,
) -> u8 {
    let ws = match workspace_for(project, msg!("map-needs-valid-catalogs")) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let known = || {
        ws.catalogs
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (Some(from_catalog), Some(to_catalog)) = (ws.catalogs.get(from), ws.catalogs.get(to))
    else {
        let missing = if ws.catalogs.contains_key(from) {
            to
        } else {
            from
        };
        return cannot_run(&msg!(
            "unknown-catalog-known",
            catalog = missing,
            catalogs = known()
        ));
    };
    if !(0.0..=1.0).contains(&min_score) || top == 0 {
        return cannot_run(&msg!("map-bad-options"));
    }
    let context = crate::mapping::suggest::Context::of(&ws);
    let suggestions =
        crate::mapping::suggest::suggest(&context, from_catalog, to_catalog, top, min_score);
    let text = crate::mapping::suggest::render(from_catalog, to_catalog, &suggestions);
    let matched = suggestions.iter().filter(|s| s.confident()).count();
    let weak = suggestions.iter().filter(|s| !s.matches.is_empty()).count() - matched;
    let summary = msg!(
        "map-summary",
        matched = matched,
        total = suggestions.len(),
        catalog = from,
        weak = weak
    );
    // `--out -` is standard output, as for `import`.
    match out.filter(|p| p.as_os_str() != "-") {
        None => report::output(&text),
        Some(path) => {
            if path.exists() && !force {
                return cannot_run(&msg!("file-exists-force", path = display_path(path)));
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
                && let Err(e) = std::fs::create_dir_all(parent)
            {
                return cannot_run(&msg!(
                    "cannot-create-folder",
                    path = display_path(parent),
                    error = e.to_string()
                ));
            }
            let written = if path.exists() {
                pipeline::replace_file(path, text.as_bytes())
            } else {
                pipeline::write_new_file(path, text.as_bytes())
            };
            if let Err(e) = written {
                return cannot_run(&msg!(
                    "cannot-write-file",
                    path = display_path(path),
                    error = e.to_string()
                ));
            }
            report::say(&msg!("wrote", path = display_path(path)));
        }
    }
    report::say(&summary);
    0
}

fn list_coverage(project: &std::path::Path, json: bool) -> u8 {
    let checked = match valid_project(project, msg!("coverage-needs-valid-project")) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let ws = &checked.workspace;
    let mut seen = std::collections::HashSet::new();
    let mut reports = Vec::new();
    for output in &checked.plan.outputs {
        if let Some(catalog) = ws.catalogs.get(&output.catalog)
            && seen.insert(output.catalog.clone())
        {
            reports.push(crate::coverage::coverage(
                catalog,
                checked.plan.answers.get(&output.catalog),
                checked.plan.derived.get(&output.catalog),
            ));
        }
    }
    let text = if json {
        serde_json::to_string_pretty(&reports).unwrap_or_default() + "\n"
    } else {
        reports
            .iter()
            .map(|r| r.render_text(crate::coverage::terminal_width()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    report::output(&text);
    0
}

fn list(what: ListCommand) -> u8 {
    if let ListCommand::Coverage { project, json } = &what {
        return list_coverage(project, *json);
    }
    let project = match &what {
        ListCommand::Catalogs { project }
        | ListCommand::Layouts { project }
        | ListCommand::Controls { project, .. } => project.clone(),
        ListCommand::Coverage { .. } => None,
    };
    let ws = match workspace_for(project.as_deref(), msg!("list-needs-valid-project")) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let mut text = String::new();
    match what {
        ListCommand::Catalogs { .. } => {
            for c in ws.catalogs.values() {
                let count = msg!("list-controls-count", count = c.controls().len());
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    c.id,
                    count.to_text(),
                    c.title,
                    c.origin
                ));
            }
        }
        ListCommand::Layouts { .. } => {
            for l in ws.layouts.values() {
                let any = msg!("list-any-catalog").to_text();
                let catalog = l.catalog.as_deref().unwrap_or(&any);
                text.push_str(&format!(
                    "{}\t{}\t{}\n",
                    l.id,
                    catalog,
                    l.description.as_deref().unwrap_or("")
                ));
            }
        }
        ListCommand::Controls { catalog, .. } => {
            let Some(c) = ws.catalogs.get(&catalog) else {
                let known: Vec<&str> = ws.catalogs.keys().map(String::as_str).collect();
                return cannot_run(&msg!(
                    "unknown-catalog-known",
                    catalog = &catalog,
                    catalogs = known.join(", ")
                ));
            };
            for control in c.controls() {
                let level = control.level.map_or("", |l| l.as_str());
                let title = control
                    .title
                    .as_deref()
                    .or(control.text.as_deref())
                    .unwrap_or("");
                let title = title.lines().next().unwrap_or("");
                text.push_str(&format!("{}\t{}\t{}\n", control.id, level, title));
            }
        }
        ListCommand::Coverage { .. } => {}
    }
    report::output(&text);
    0
}

#[cfg(test)]
mod tests {
    use super::fmt_closing_line;
    use crate::i18n::{Lang, format_checked};
    use clap::CommandFactory;

    /// Every command and argument with help: (message ID, clap's own English text).
    fn help_texts() -> Vec<(String, String)> {
        fn walk(command: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
            if let Some(about) = command.get_about() {
                out.push((path.to_owned(), about.to_string()));
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

    fn line(check_only: bool, changed: usize, failed: usize) -> Option<String> {
        fmt_closing_line(check_only, changed, failed).map(|m| m.text(crate::i18n::Lang::En))
    }

    #[test]
    fn fmt_never_calls_files_canonical_after_an_error() {
        let failed = "1 answer file(s) could not be formatted and were left unchanged";
        for check_only in [false, true] {
            assert_eq!(line(check_only, 0, 1).as_deref(), Some(failed));
            assert_eq!(
                line(check_only, 0, 0).as_deref(),
                Some("all answer files are in canonical form")
            );
        }
        assert_eq!(line(false, 2, 1).as_deref(), Some(failed));
        assert_eq!(line(false, 2, 0), None);
        assert_eq!(
            line(true, 2, 1).as_deref(),
            Some(
                "2 answer file(s) would be reformatted; run `checksheet fmt`; 1 answer file(s) could not be formatted and were left unchanged"
            )
        );
    }
}
