//! `checksheet diff`: what changed between two answer sets — two answer files, two
//! projects, or a project at git revisions — per control, with a character-level diff of
//! the texts, as terminal text, Markdown for a pull-request comment, or JSON.
//!
//! An answer set is the validated answers of a project (every catalog it answers) or of
//! one answer file (checked against the built-in catalogs and those of the project the
//! file is in). Each side is loaded and validated like `check` does; a side with errors
//! is reported and nothing is compared.

pub mod compare;
mod git;
pub mod render;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::diag::Diagnostics;
use crate::load::{PROJECT_FILE, Workspace, answers, project};
use crate::model::{Answer, Catalog};
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::{Sources, display_path};
use crate::validate::{Plan, validate};
use crate::yaml::{self, Value};
use compare::{AnswerSide, CatalogInfo, Comparison, Entry, Location, compare};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs `checksheet diff` and returns its exit code.
pub fn run(args: &DiffArgs) -> u8 {
    let (old, new) = match load_sides(args) {
        Ok(sides) => sides,
        Err(message) => {
            report::say_error(&crate::msg!("plain", text = message));
            return 2;
        }
    };
    let mut failed = false;
    for side in [&old, &new] {
        if side.diags.has_errors() {
            report::report(&side.diags, &side.sources, ReportFormat::Human);
            if let Some(summary) = report::summary(&side.diags) {
                report::say(&crate::msg!(
                    "at-place",
                    at = &side.label,
                    message = summary
                ));
            }
            failed = true;
        }
    }
    if failed {
        report::say(&crate::msg!("diff-failed"));
        return 1;
    }
    let comparison = Comparison {
        catalogs: compare(&old.answers, &new.answers),
        old_label: old.label,
        new_label: new.label,
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
                crate::msg!("diff-working-tree")
            } else {
                crate::msg!("plain", text = label)
            }
        };
        report::say(&crate::msg!(
            "diff-no-differences",
            old = name(&comparison.old_label),
            new = name(&comparison.new_label)
        ));
    }
    u8::from(args.exit_code && !comparison.is_empty())
}

/// One side of the comparison, loaded and validated.
struct Loaded {
    label: String,
    sources: Sources,
    diags: Diagnostics,
    answers: AnswerSide,
}

impl Loaded {
    fn empty(label: String) -> Loaded {
        Loaded {
            label,
            sources: Sources::default(),
            diags: Diagnostics::default(),
            answers: AnswerSide::default(),
        }
    }
}

/// Files read from a git revision live in a temporary folder: they are shown as
/// `REV:path` instead.
struct Origin<'a> {
    root: &'a Path,
    label: &'a str,
}

fn load_sides(args: &DiffArgs) -> Result<(Loaded, Loaded), String> {
    match (&args.git, args.paths.as_slice()) {
        (None, [old, new]) => Ok((
            load_path(old, display_path(old), None)?,
            load_path(new, display_path(new), None)?,
        )),
        (None, _) => Err(crate::msg!("diff-give-two").to_text()),
        (Some(spec), []) => git_sides(spec, Path::new(".")),
        (Some(spec), [path]) => git_sides(spec, path),
        (Some(_), _) => Err(crate::msg!("diff-git-one-path").to_text()),
    }
}

/// A path (of the working tree, or of a materialised revision) as one side.
fn load_path(path: &Path, label: String, origin: Option<Origin>) -> Result<Loaded, String> {
    if path.is_file() && file_kind(path) == FileKind::Answers {
        let boundary = origin.as_ref().map(|o| o.root);
        return Ok(load_answer_file(path, label, boundary, origin.as_ref()));
    }
    if !path.exists() {
        return Err(crate::msg!(
            "diff-nothing-at",
            path = origin.as_ref().map_or_else(
                || display_path(path),
                |o| shown_name(path, o).unwrap_or_else(|| display_path(path))
            )
        )
        .to_text());
    }
    let (checked, _) = pipeline::check_within(path, origin.as_ref().map(|o| o.root)).map_err(
        |e| match &origin {
            Some(o) => crate::msg!(
                "diff-no-project-at",
                path = shown_name(path, o).unwrap_or_default()
            )
            .to_text(),
            None => e.message().to_text(),
        },
    )?;
    Ok(finish(
        label,
        checked.workspace.sources,
        &checked.workspace.catalogs,
        &checked.plan,
        checked.diags,
        origin.as_ref(),
    ))
}

/// One answer file: checked against the built-in catalogs and those of the project it is
/// in (the nearest `checksheet.yaml` in its folder or above, up to `boundary`).
fn load_answer_file(
    file: &Path,
    label: String,
    boundary: Option<&Path>,
    origin: Option<&Origin>,
) -> Loaded {
    let mut ws = Workspace::builtins();
    if let Some(project_file) = enclosing_project(file, boundary) {
        load_project_catalogs(&mut ws, &project_file, boundary);
    }
    if let Some((_, node)) = ws.read_yaml(file, None)
        && let Some(answers) = answers::load_answer_file(node, &mut ws.diags)
    {
        ws.answer_files.push(answers);
    }
    let (plan, found) = validate(&ws);
    let mut diags = std::mem::take(&mut ws.diags);
    diags.extend(found);
    diags.sort();
    finish(label, ws.sources, &ws.catalogs, &plan, diags, origin)
}

fn enclosing_project(file: &Path, boundary: Option<&Path>) -> Option<PathBuf> {
    let file = std::path::absolute(file).ok()?;
    for folder in file.parent()?.ancestors() {
        let candidate = folder.join(PROJECT_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if boundary.is_some_and(|b| folder == b) {
            break;
        }
    }
    None
}

/// Loads the catalogs a project lists (not its answers or layouts).
fn load_project_catalogs(ws: &mut Workspace, project_file: &Path, root: Option<&Path>) {
    let dir = match project_file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // The catalogs it lists must be inside the project, as when it is checked.
    let Ok(boundary) = root.map_or_else(
        || crate::files::Boundary::of_project(&dir),
        crate::files::Boundary::of_folder,
    ) else {
        return;
    };
    ws.boundary = Some(boundary);
    let Some((id, node)) = ws.read_yaml(project_file, None) else {
        return;
    };
    ws.project_source = Some(id);
    let Some(project) = project::load_project(&node, &dir, &mut ws.diags) else {
        return;
    };
    for (path, span) in project.catalogs {
        for file in ws.yaml_files(&path, span) {
            ws.load_catalog_file(&file, Some(span));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Project,
    Answers,
}

/// A YAML file with a top-level `catalog:` is an answer file; `checksheet.yaml`, or a
/// file with `organization:`, `as_of:` or `outputs:`, is a project file. A file that
/// cannot be read or parsed is taken as an answer file: loading it reports why.
fn file_kind(path: &Path) -> FileKind {
    if path.file_name().is_some_and(|n| n == PROJECT_FILE) {
        return FileKind::Project;
    }
    // Only a regular file is looked into; loading anything else reports what it is.
    let Some(text) = crate::files::read_regular(path, None, yaml::limits::MAX_FILE_BYTES as u64)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return FileKind::Answers;
    };
    let mut sources = Sources::default();
    let id = sources.add(display_path(path), path, text);
    let Ok(node) = yaml::parse(sources.get(id), id) else {
        return FileKind::Answers;
    };
    let Value::Map(entries) = node.value else {
        return FileKind::Answers;
    };
    let has = |key: &str| entries.iter().any(|(k, _)| k.text == key);
    if !has("catalog") && (has("organization") || has("as_of") || has("outputs")) {
        FileKind::Project
    } else {
        FileKind::Answers
    }
}

/// Turns a loaded workspace into one side: sources (renamed for a git revision), the
/// diagnostics, and the answers with where each is written.
fn finish(
    label: String,
    sources: Sources,
    catalogs: &IndexMap<String, Catalog>,
    plan: &Plan,
    diags: Diagnostics,
    origin: Option<&Origin>,
) -> Loaded {
    let (sources, diags) = match origin {
        Some(origin) => rename(&sources, diags, origin),
        None => (sources, diags),
    };
    let catalogs = catalogs
        .values()
        .map(|c| {
            let info = CatalogInfo {
                id: c.id.clone(),
                title: c.title.clone(),
                controls: c
                    .controls()
                    .into_iter()
                    .map(|k| {
                        let title = k.title.as_deref().map_or_else(
                            || short(k.text.as_deref().unwrap_or("").lines().next().unwrap_or("")),
                            str::to_owned,
                        );
                        (k.id.clone(), title)
                    })
                    .collect(),
            };
            (c.id.clone(), info)
        })
        .collect();
    let answers = plan
        .answers
        .iter()
        .map(|(catalog, set)| {
            let entries = set
                .answers
                .iter()
                .map(|(id, answer)| (id.clone(), entry(answer, &sources)))
                .collect();
            (catalog.clone(), entries)
        })
        .collect();
    Loaded {
        label,
        sources,
        diags,
        answers: AnswerSide { catalogs, answers },
    }
}

/// At most 40 characters of a control's text, for a control without a title.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        text.chars().take(MAX - 1).collect::<String>() + "…"
    }
}

fn entry(answer: &Answer, sources: &Sources) -> Entry {
    Entry {
        status: answer.status,
        body: answer.body.clone(),
        links: answer.links.clone(),
        evidence: answer.evidence.clone(),
        reviewed: answer.reviewed.map(|d| d.to_string()),
        note: answer.note.clone(),
        location: answer.span.map(|span| {
            let file = sources.get(span.source);
            Location {
                file: file.name.clone(),
                line: file.line_col(span.start).line,
            }
        }),
    }
}

/// `REV:path` for a file of a materialised revision.
fn shown_name(path: &Path, origin: &Origin) -> Option<String> {
    let relative = path.strip_prefix(origin.root).ok()?;
    Some(format!(
        "{}:{}",
        origin.label,
        relative.to_string_lossy().replace('\\', "/")
    ))
}

/// Shows the files of a revision as `REV:path`, in file names and in messages alike.
fn rename(sources: &Sources, diags: Diagnostics, origin: &Origin) -> (Sources, Diagnostics) {
    let mut out = Sources::default();
    for (_, file) in sources.files() {
        let name = shown_name(&file.path, origin).unwrap_or_else(|| file.name.clone());
        out.add(name, &file.path, file.text.clone());
    }
    let temp = display_path(origin.root);
    let fix = |text: &str| {
        text.replace(&format!("{temp}/"), &format!("{}:", origin.label))
            .replace(&temp, &format!("{}:", origin.label))
    };
    let mut renamed = Diagnostics::default();
    for d in diags.iter() {
        let mut d = d.clone();
        d.message = d.message.map_texts(&fix);
        d.help = d.help.map(|h| h.map_texts(&fix));
        for label in d.primary.iter_mut().chain(d.secondary.iter_mut()) {
            label.message = label.message.clone().map_texts(&fix);
        }
        renamed.push(d);
    }
    (out, renamed)
}

/// `--git REV`, `--git A..B` or `--git A...B` for the project or answer file at `path`.
fn git_sides(spec: &str, path: &Path) -> Result<(Loaded, Loaded), String> {
    let located = git::locate(path)?;
    let dir = located.dir.as_path();
    let or_head = |r: &str| if r.is_empty() { "HEAD" } else { r }.to_owned();
    let range = spec
        .split_once("...")
        .map(|(a, b)| (a, b, true))
        .or_else(|| spec.split_once("..").map(|(a, b)| (a, b, false)));
    let Some((a, b, symmetric)) = range else {
        let commit = git::resolve(dir, spec)?;
        let old = git_side(&located, &commit, spec.to_owned())?;
        let new_label = WORKING_TREE.to_owned();
        let new = if path.exists() {
            Some(load_path(path, new_label.clone(), None)?)
        } else {
            None
        };
        return pair(old, new, spec, &new_label, &located.relative);
    };
    let (a, b) = (or_head(a), or_head(b));
    let (old_commit, new_commit) = (git::resolve(dir, &a)?, git::resolve(dir, &b)?);
    let (old_commit, old_label) = if symmetric {
        let base = git::merge_base(dir, &old_commit, &new_commit)?;
        let short: String = base.chars().take(12).collect();
        (base, short)
    } else {
        (old_commit, a)
    };
    let old = git_side(&located, &old_commit, old_label.clone())?;
    let new = git_side(&located, &new_commit, b.clone())?;
    pair(old, new, &old_label, &b, &located.relative)
}

/// Both sides, or one with the other empty (a project or file added or deleted).
fn pair(
    old: Option<Loaded>,
    new: Option<Loaded>,
    old_label: &str,
    new_label: &str,
    relative: &str,
) -> Result<(Loaded, Loaded), String> {
    let shown = if relative.is_empty() { "." } else { relative };
    match (old, new) {
        (None, None) => Err(crate::msg!(
            "diff-neither",
            path = shown,
            old = at(old_label),
            new = at(new_label)
        )
        .to_text()),
        (old, new) => {
            let old = old.unwrap_or_else(|| {
                report::say(&crate::msg!(
                    "diff-all-added",
                    path = shown,
                    at = at(old_label)
                ));
                Loaded::empty(old_label.to_owned())
            });
            let new = new.unwrap_or_else(|| {
                report::say(&crate::msg!(
                    "diff-all-removed",
                    path = shown,
                    at = at(new_label)
                ));
                Loaded::empty(new_label.to_owned())
            });
            Ok((old, new))
        }
    }
}

const WORKING_TREE: &str = "working tree";

fn at(label: &str) -> crate::i18n::Message {
    if label == WORKING_TREE {
        crate::msg!("diff-in-working-tree")
    } else {
        crate::msg!("diff-at-revision", revision = label)
    }
}

/// The project or answer file at `located` as it is in `commit`; `None` if it is not there.
fn git_side(located: &git::Located, commit: &str, label: String) -> Result<Option<Loaded>, String> {
    let mut snapshot = git::Snapshot::new(&located.dir, commit)?;
    let relative = located.relative.as_str();
    let local = snapshot.root().join(relative);
    if snapshot.is_file(relative) {
        snapshot.materialize(relative)?;
        match file_kind(&local) {
            FileKind::Project => snapshot.materialize_project(relative)?,
            FileKind::Answers => {
                if let Some(project) = snapshot.enclosing_project(relative) {
                    snapshot.materialize_project(&project)?;
                }
            }
        }
    } else if snapshot.is_dir(relative) {
        let project_file = if relative.is_empty() {
            PROJECT_FILE.to_owned()
        } else {
            format!("{relative}/{PROJECT_FILE}")
        };
        if !snapshot.is_file(&project_file) {
            let folder = if relative.is_empty() {
                crate::msg!("diff-top-folder", revision = label.as_str())
            } else {
                crate::msg!("plain", text = format!("`{label}:{relative}`"))
            };
            return Err(
                crate::msg!("diff-no-project-in", folder = folder, file = PROJECT_FILE).to_text(),
            );
        }
        snapshot.materialize_project(&project_file)?;
    } else {
        return Ok(None);
    }
    let origin = Origin {
        root: snapshot.root(),
        label: &label,
    };
    let loaded = load_path(&local, label.clone(), Some(origin))?;
    Ok(Some(loaded))
}
