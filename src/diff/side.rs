//! One side of a comparison: a project or an answer file (of the working tree, or of a
//! revision written out to a temporary folder) loaded through the workspace loader,
//! validated like `check` does, and turned into its answers with where each is written.

use std::path::Path;

use indexmap::IndexMap;

use super::DiffError;
use super::compare::{AnswerSide, CatalogInfo, Entry, Location};
use crate::diag::Diagnostics;
use crate::error::Error;
use crate::load::{PROJECT_FILE, Workspace};
use crate::model::{Answer, Catalog};
use crate::pipeline;
use crate::source::{Sources, display_path};
use crate::validate::{Plan, validate};
use crate::yaml::{self, Value};

/// One side of the comparison, loaded and validated.
pub struct Side {
    /// How the side is named: the path as given, a revision, or [`super::WORKING_TREE`].
    pub label: String,
    /// The files read, named as the user knows them (`REV:path` for a revision).
    pub sources: Sources,
    /// What loading and validating found; a side with errors is not compared.
    pub diags: Diagnostics,
    /// The validated answers, per catalog.
    pub answers: AnswerSide,
    /// The path compared (relative to the repository's top folder, `.` for the top
    /// folder itself) when this side is a revision or working tree that does not have it:
    /// the side is empty, and every answer of the other side counts as added or removed.
    pub missing: Option<String>,
}

impl Side {
    /// A side that does not have the path compared (shown as `shown`).
    pub(super) fn missing(label: String, shown: &str) -> Side {
        Side {
            label,
            sources: Sources::default(),
            diags: Diagnostics::default(),
            answers: AnswerSide::default(),
            missing: Some(shown.to_owned()),
        }
    }
}

/// Where the files of a git revision were written: they are shown as `REV:path` instead.
pub(super) struct Origin<'a> {
    pub root: &'a Path,
    pub label: &'a str,
}

/// A path (of the working tree, or of a materialised revision) as one side.
pub(super) fn load_path(path: &Path, label: String, origin: Option<Origin>) -> Result<Side, Error> {
    if path.is_file() && file_kind(path) == FileKind::Answers {
        let ws = Workspace::load_answer_file(path, origin.as_ref().map(|o| o.root));
        return Ok(answer_file_side(ws, label, origin.as_ref()));
    }
    if !path.exists() {
        let path = origin.as_ref().map_or_else(
            || display_path(path),
            |o| shown_name(path, o).unwrap_or_else(|| display_path(path)),
        );
        return Err(DiffError::NothingAt { path }.into());
    }
    let (checked, _) = pipeline::check_within(path, origin.as_ref().map(|o| o.root)).map_err(
        |e| match &origin {
            Some(o) => DiffError::NoProjectAt {
                path: shown_name(path, o).unwrap_or_default(),
            }
            .into(),
            None => e,
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

/// An answer file's workspace, validated, as one side.
fn answer_file_side(mut ws: Workspace, label: String, origin: Option<&Origin>) -> Side {
    let (plan, found) = validate(&ws);
    let mut diags = std::mem::take(&mut ws.diags);
    diags.extend(found);
    diags.sort();
    finish(label, ws.sources, &ws.catalogs, &plan, diags, origin)
}

/// What a YAML file is, for `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    Project,
    Answers,
}

/// A YAML file with a top-level `catalog:` is an answer file; `checksheet.yaml`, or a
/// file with `organization:`, `as_of:` or `outputs:`, is a project file. A file that
/// cannot be read or parsed is taken as an answer file: loading it reports why.
pub(super) fn file_kind(path: &Path) -> FileKind {
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
) -> Side {
    let (sources, diags) = match origin {
        Some(origin) => rename(&sources, diags, origin),
        None => (sources, diags),
    };
    let catalogs = catalogs
        .values()
        .map(|c| (c.id.clone(), catalog_info(c)))
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
    Side {
        label,
        sources,
        diags,
        answers: AnswerSide { catalogs, answers },
        missing: None,
    }
}

/// A catalog's ID, title and controls (each with its title, or the start of its text).
fn catalog_info(catalog: &Catalog) -> CatalogInfo {
    CatalogInfo {
        id: catalog.id.clone(),
        title: catalog.title.clone(),
        controls: catalog
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
    let file = sources.get(answer.span.source);
    Entry {
        status: answer.status,
        body: answer.body.clone(),
        links: answer.links.clone(),
        evidence: answer.evidence.clone(),
        reviewed: answer.reviewed.map(|d| d.to_string()),
        note: answer.note.clone(),
        location: Some(Location {
            file: file.name.clone(),
            line: file.line_col(answer.span.start).line,
        }),
    }
}

/// `REV:path` for a file of a materialised revision.
pub(super) fn shown_name(path: &Path, origin: &Origin) -> Option<String> {
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
