//! The command line: argument parsing (clap) and the exit code of each command.
//!
//! Exit codes: 0 success; 1 the input has errors (or warnings with `--deny-warnings`);
//! 2 the command could not run (bad arguments, a missing project, an unwritable folder).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::Diagnostics;
use crate::load::Workspace;
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::display_path;

#[derive(Debug, Parser)]
#[command(
    name = "checksheet",
    version,
    about = "Compile security checksheet answers kept as YAML into xlsx, Markdown and HTML"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the project, then write every output (default folder: PROJECT/dist)
    Build {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Output folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// Fail on warnings as well as errors
        #[arg(long)]
        deny_warnings: bool,
        /// How to print diagnostics
        #[arg(long, value_enum, default_value = "human")]
        format: ReportFormat,
    },
    /// Validate the project without writing anything
    Check {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail on warnings as well as errors
        #[arg(long)]
        deny_warnings: bool,
        /// How to print diagnostics
        #[arg(long, value_enum, default_value = "human")]
        format: ReportFormat,
    },
    /// Rewrite answer files in canonical form (catalog order, stable quoting), keeping every comment
    Fmt {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Change nothing; list the files that would change and exit 1 if there are any
        #[arg(long)]
        check: bool,
    },
    /// Create a new project: checksheet.yaml, an example answer file, .gitignore, schemas
    Init {
        /// Folder of the new project (created if missing; existing files are never replaced)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of a file kind, for editors (yaml-language-server)
    Schema {
        /// The file kind
        #[arg(value_enum)]
        kind: crate::schema::Kind,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Compare the answers of two answer files, projects, or git revisions, per control
    Diff(crate::diff::DiffArgs),
    /// List catalogs, layouts, or the controls of a catalog
    List {
        #[command(subcommand)]
        what: ListCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Catalogs: built-in ones, plus the project's with --project
    Catalogs {
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Layouts: built-in ones, plus the project's with --project
    Layouts {
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Answered / total per output catalog, by level and by status, and what is still open
    Coverage {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// The controls of one catalog, in order
    Controls {
        catalog: String,
        #[arg(long)]
        project: Option<PathBuf>,
    },
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    ExitCode::from(run(cli))
}

/// Runs a parsed command and returns its exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check {
            project,
            deny_warnings,
            format,
        } => match pipeline::check(&project) {
            Ok((checked, _)) => {
                report::report(&checked.diags, &checked.workspace.sources, format);
                let failed = checked.has_errors() || (deny_warnings && !checked.diags.is_empty());
                finish_line(
                    format,
                    &checked.diags,
                    if failed { None } else { Some("no errors") },
                );
                u8::from(failed)
            }
            Err(e) => cannot_run(&e.to_string()),
        },
        Command::Build {
            project,
            out,
            deny_warnings,
            format,
        } => match pipeline::build(&project, out.as_deref(), deny_warnings) {
            Ok(built) => {
                report::report(
                    &built.checked.diags,
                    &built.checked.workspace.sources,
                    format,
                );
                if built.written.is_empty()
                    && (built.checked.has_errors()
                        || deny_warnings && !built.checked.diags.is_empty())
                {
                    finish_line(format, &built.checked.diags, None);
                    report::status("build failed: nothing was written");
                    return 1;
                }
                for path in &built.written {
                    report::status(&format!("wrote {}", display_path(path)));
                }
                if built.written.is_empty() {
                    report::status("the project has no outputs: nothing to write");
                }
                0
            }
            Err(e) => cannot_run(&e.to_string()),
        },
        Command::Fmt { project, check } => format_answers(&project, check),
        Command::Init { dir } => crate::init::run(&dir),
        Command::Schema { kind } => crate::schema::print(kind),
        Command::Completions { shell } => crate::generate::completions(shell),
        Command::Man => crate::generate::man(),
        Command::Diff(args) => crate::diff::run(&args),
        Command::List { what } => list(what),
    }
}

fn format_answers(project: &std::path::Path, check_only: bool) -> u8 {
    let (checked, _) = match pipeline::check(project) {
        Ok(result) => result,
        Err(e) => return cannot_run(&e.to_string()),
    };
    let ws = &checked.workspace;
    if checked.has_errors() {
        report::report(&checked.diags, &ws.sources, ReportFormat::Human);
        report::status("fmt changes only valid projects: fix the errors above first");
        return 1;
    }
    let mut diags = Diagnostics::default();
    let files = crate::fmt::format_files(&ws.sources, &ws.answer_files, &ws.catalogs, &mut diags);
    report::report(&diags, &ws.sources, ReportFormat::Human);
    let changed: Vec<_> = files.iter().filter(|f| f.changed()).collect();
    if check_only {
        let list: String = changed.iter().map(|f| format!("{}\n", f.name)).collect();
        report::output(&list);
        let verdict = match changed.len() {
            0 => "all answer files are in canonical form".to_owned(),
            n => format!("{n} answer file(s) would be reformatted; run `checksheet fmt`"),
        };
        report::status(&verdict);
        return u8::from(!changed.is_empty() || diags.has_errors());
    }
    for file in &changed {
        if let Err(e) = pipeline::replace_file(&file.path, file.formatted.as_bytes()) {
            return cannot_run(&format!("cannot write `{}`: {e}", file.name));
        }
        report::status(&format!("formatted {}", file.name));
    }
    if changed.is_empty() {
        report::status("all answer files are in canonical form");
    }
    u8::from(diags.has_errors())
}

fn finish_line(format: ReportFormat, diags: &Diagnostics, ok: Option<&str>) {
    if format != ReportFormat::Human {
        return;
    }
    let summary = report::summary_line(diags);
    match (ok, summary.is_empty()) {
        (Some(ok), true) => report::status(ok),
        (_, false) => report::status(&summary),
        (None, true) => {}
    }
}

fn cannot_run(message: &str) -> u8 {
    report::status(&format!("error: {message}"));
    2
}

fn list_coverage(project: &std::path::Path, json: bool) -> u8 {
    let (checked, _) = match pipeline::check(project) {
        Ok(result) => result,
        Err(e) => return cannot_run(&e.to_string()),
    };
    let ws = &checked.workspace;
    if checked.has_errors() {
        report::report(&checked.diags, &ws.sources, ReportFormat::Human);
        return 1;
    }
    let mut seen = std::collections::HashSet::new();
    let mut reports = Vec::new();
    for output in &checked.plan.outputs {
        if let Some(catalog) = ws.catalogs.get(&output.catalog)
            && seen.insert(output.catalog.clone())
        {
            reports.push(crate::coverage::coverage(
                catalog,
                checked.plan.answers.get(&output.catalog),
            ));
        }
    }
    let text = if json {
        serde_json::to_string_pretty(&reports).unwrap_or_default() + "\n"
    } else {
        reports
            .iter()
            .map(|r| r.render_text())
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
    let ws = match project {
        Some(p) => match Workspace::load(&p) {
            Ok(ws) => ws,
            Err(e) => return cannot_run(&e.to_string()),
        },
        None => Workspace::builtins(),
    };
    if ws.diags.has_errors() {
        report::report(&ws.diags, &ws.sources, ReportFormat::Human);
        return 1;
    }
    let mut text = String::new();
    match what {
        ListCommand::Catalogs { .. } => {
            for c in ws.catalogs.values() {
                text.push_str(&format!(
                    "{}\t{} controls\t{}\t{}\n",
                    c.id,
                    c.controls().len(),
                    c.title,
                    c.origin
                ));
            }
        }
        ListCommand::Layouts { .. } => {
            for l in ws.layouts.values() {
                let catalog = l.catalog.as_deref().unwrap_or("(any catalog)");
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
                return cannot_run(&format!(
                    "unknown catalog `{catalog}`; known catalogs: {}",
                    known.join(", ")
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
