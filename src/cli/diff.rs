//! `checksheet diff`: its arguments, the sides they name, and what the command prints —
//! each side's diagnostics when it has errors, else the comparison as text, Markdown or
//! JSON — with its exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::diff::{self, Diff, Sides, WORKING_TREE, render};
use crate::error::Error;
use crate::msg;
use crate::report::{self, ReportFormat};

/// Arguments of `checksheet diff`.
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "checksheet diff [OPTIONS] OLD NEW\n       checksheet diff [OPTIONS] --git REV [PATH]",
    after_help = "Examples:\n  checksheet diff old/answers/saas.yaml answers/saas.yaml\n  checksheet diff --git origin/main                  # the project in . at origin/main vs the working tree\n  checksheet diff --git HEAD~3..HEAD --format json\n  checksheet diff --git origin/main...HEAD --format markdown > comment.md\n\nExit codes: 0 compared (1 with --exit-code when anything differs); 1 either side has errors; 2 the command could not run."
)]
pub struct DiffArgs {
    /// OLD and NEW: answer files, or projects (a folder with checksheet.yaml, or a project
    /// file). With --git: at most one, the project or answer file to compare (default .)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Compare a git revision of PATH with the working tree (REV), two revisions (A..B),
    /// or B with its merge base with A (A...B)
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// Output: coloured text for a terminal, Markdown for a pull-request comment, or JSON
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Colours in text output (auto: only on a terminal and without NO_COLOR)
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Exit 1 when the answers differ
    #[arg(long)]
    pub exit_code: bool,
}

/// How `diff` prints the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// Whether text output is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs `checksheet diff`: exit code 1 when either side has errors, or with
/// `--exit-code` when the answers differ.
pub fn run(args: &DiffArgs) -> Result<Outcome, Error> {
    let diff = diff::diff(&sides(args)?)?;
    // A side without the path compared: every answer of the other counts as added or removed.
    if let Some(path) = &diff.old.missing {
        let at = diff::at(&diff.old.label);
        report::say(&msg!("diff-all-added", path = path, at = at));
    }
    if let Some(path) = &diff.new.missing {
        let at = diff::at(&diff.new.label);
        report::say(&msg!("diff-all-removed", path = path, at = at));
    }
    let Diff {
        old,
        new,
        comparison,
    } = diff;
    let Some(comparison) = comparison else {
        for side in [&old, &new] {
            if side.diags.has_errors() {
                report::report(&side.diags, &side.sources, ReportFormat::Human);
                if let Some(summary) = report::summary(&side.diags) {
                    report::say(&msg!("at-place", at = &side.label, message = summary));
                }
            }
        }
        report::say(&msg!("diff-failed"));
        return Ok(Outcome::failed_if(true));
    };
    let text = match args.format {
        DiffFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => report::use_color(std::io::stdout().is_terminal()),
            };
            render::text(&comparison, color)
        }
        DiffFormat::Markdown => render::markdown(&comparison),
        DiffFormat::Json => render::json(&comparison),
    };
    report::output(&text);
    if comparison.is_empty() && args.format == DiffFormat::Text {
        let name = |label: &str| {
            if label == WORKING_TREE {
                msg!("diff-working-tree")
            } else {
                msg!("plain", text = label)
            }
        };
        report::say(&msg!(
            "diff-no-differences",
            old = name(&comparison.old_label),
            new = name(&comparison.new_label)
        ));
    }
    Ok(Outcome::failed_if(args.exit_code && !comparison.is_empty()))
}

/// The sides the arguments name: `OLD NEW`, or `--git REV [PATH]` (PATH defaults to `.`).
fn sides(args: &DiffArgs) -> Result<Sides, Error> {
    match (&args.git, args.paths.as_slice()) {
        (None, [old, new]) => Ok(Sides::Paths {
            old: old.clone(),
            new: new.clone(),
        }),
        (None, _) => Err(msg!("diff-give-two").into()),
        (Some(spec), []) => Ok(Sides::Git {
            spec: spec.clone(),
            path: Path::new(".").to_path_buf(),
        }),
        (Some(spec), [path]) => Ok(Sides::Git {
            spec: spec.clone(),
            path: path.clone(),
        }),
        (Some(_), _) => Err(msg!("diff-git-one-path").into()),
    }
}
