//! `checksheet diff`'s library side: what changed between two answer sets — two answer
//! files, two projects, or a project at git revisions — per control, with a
//! character-level diff of the texts ([`compare`]), rendered as terminal text, Markdown
//! for a pull-request comment, or JSON ([`render`]).
//!
//! An answer set is the validated answers of a project (every catalog it answers) or of
//! one answer file (checked against the built-in catalogs and those of the project the
//! file is in). Each side is loaded through the workspace loader and validated like
//! `check` does; a side with errors is returned with its diagnostics and nothing is
//! compared. Nothing here prints: the command (`crate::cli::diff`) reports.

pub mod compare;
mod git;
pub mod render;
mod side;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::i18n::Message;
use crate::load::PROJECT_FILE;
use crate::source::display_path;
use compare::{Comparison, compare};
pub use git::GitError;
pub use side::Side;
use side::{FileKind, Origin, file_kind, load_path};

/// The label of the side that is the working tree (for `--git REV`).
pub const WORKING_TREE: &str = "working tree";

/// What to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sides {
    /// Two answer files or projects (a folder holding `checksheet.yaml`, or a project
    /// file) as they are on disk; each is labelled with its path.
    Paths { old: PathBuf, new: PathBuf },
    /// The project or answer file at `path` in git. `spec` is `REV` (that revision against
    /// the working tree), `A..B` (two revisions; an empty side is `HEAD`) or `A...B` (B
    /// against its merge base with A).
    Git { spec: String, path: PathBuf },
}

/// Both sides, loaded and validated, and what changed between them.
pub struct Diff {
    pub old: Side,
    pub new: Side,
    /// What changed; `None` when either side has errors (nothing is compared then).
    pub comparison: Option<Comparison>,
}

/// Why `diff` cannot compare at all (exit code 2); problems inside a side's files are
/// that side's diagnostics instead.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// Nothing at a path given (shown as given, or as `REV:path`).
    #[error("{}", self.message())]
    NothingAt { path: String },
    /// A path of a revision that is neither an answer file nor a project.
    #[error("{}", self.message())]
    NoProjectAt { path: String },
    /// A folder of a revision without a project file: `folder` is its path relative to
    /// the repository's top folder (empty for the top folder itself).
    #[error("{}", self.message())]
    NoProjectIn { revision: String, folder: String },
    /// The path compared is on neither side (`old` and `new` are the sides' labels).
    #[error("{}", self.message())]
    Neither {
        path: String,
        old: String,
        new: String,
    },
    /// git could not be run, or a revision could not be read.
    #[error(transparent)]
    Git(#[from] GitError),
}

impl DiffError {
    /// What went wrong, as a message in the user's language.
    pub fn message(&self) -> Message {
        match self {
            DiffError::NothingAt { path } => crate::msg!("diff-nothing-at", path = path),
            DiffError::NoProjectAt { path } => crate::msg!("diff-no-project-at", path = path),
            DiffError::NoProjectIn { revision, folder } => {
                let folder = if folder.is_empty() {
                    crate::msg!("diff-top-folder", revision = revision)
                } else {
                    crate::msg!("plain", text = format!("`{revision}:{folder}`"))
                };
                crate::msg!("diff-no-project-in", folder = folder, file = PROJECT_FILE)
            }
            DiffError::Neither { path, old, new } => {
                crate::msg!("diff-neither", path = path, old = at(old), new = at(new))
            }
            DiffError::Git(e) => e.message(),
        }
    }
}

impl From<GitError> for Error {
    fn from(e: GitError) -> Error {
        Error::Diff(DiffError::Git(e))
    }
}

/// Loads both sides and, when neither has errors, compares them.
pub fn diff(sides: &Sides) -> Result<Diff, Error> {
    let (old, new) = match sides {
        Sides::Paths { old, new } => (
            load_path(old, display_path(old), None)?,
            load_path(new, display_path(new), None)?,
        ),
        Sides::Git { spec, path } => git_sides(spec, path)?,
    };
    let comparison = (!old.diags.has_errors() && !new.diags.has_errors()).then(|| Comparison {
        catalogs: compare(&old.answers, &new.answers),
        old_label: old.label.clone(),
        new_label: new.label.clone(),
    });
    Ok(Diff {
        old,
        new,
        comparison,
    })
}

/// Where a side is, in a message: `in the working tree`, or `at REV`.
pub fn at(label: &str) -> Message {
    if label == WORKING_TREE {
        crate::msg!("diff-in-working-tree")
    } else {
        crate::msg!("diff-at-revision", revision = label)
    }
}

/// `--git REV`, `--git A..B` or `--git A...B` for the project or answer file at `path`.
fn git_sides(spec: &str, path: &Path) -> Result<(Side, Side), Error> {
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
    old: Option<Side>,
    new: Option<Side>,
    old_label: &str,
    new_label: &str,
    relative: &str,
) -> Result<(Side, Side), Error> {
    let shown = if relative.is_empty() { "." } else { relative };
    match (old, new) {
        (None, None) => Err(DiffError::Neither {
            path: shown.to_owned(),
            old: old_label.to_owned(),
            new: new_label.to_owned(),
        }
        .into()),
        (old, new) => Ok((
            old.unwrap_or_else(|| Side::missing(old_label.to_owned(), shown)),
            new.unwrap_or_else(|| Side::missing(new_label.to_owned(), shown)),
        )),
    }
}

/// The project or answer file at `located` as it is in `commit`; `None` if it is not there.
fn git_side(located: &git::Located, commit: &str, label: String) -> Result<Option<Side>, Error> {
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
            return Err(DiffError::NoProjectIn {
                revision: label,
                folder: relative.to_owned(),
            }
            .into());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> PathBuf {
        Path::new("tests/fixtures/diff").join(path)
    }

    fn paths(old: &str, new: &str) -> Sides {
        Sides::Paths {
            old: fixture(old),
            new: fixture(new),
        }
    }

    #[test]
    fn projects_and_answer_files_are_compared_by_path() {
        let projects = diff(&paths("old", "new")).unwrap();
        assert!(!projects.old.diags.has_errors() && !projects.new.diags.has_errors());
        assert_eq!(projects.old.label, display_path(&fixture("old")));
        assert!(projects.old.missing.is_none() && projects.new.missing.is_none());
        let comparison = projects.comparison.expect("both sides are valid");
        assert!(comparison.catalogs.iter().any(|c| c.id == "demo"));
        assert!(comparison.counts().total() > 0);
        // An answer file is checked against its project's own catalog.
        let files = diff(&paths(
            "old/answers/technology.yaml",
            "new/answers/technology.yaml",
        ))
        .unwrap();
        let comparison = files.comparison.expect("both files are valid");
        assert_eq!(comparison.catalogs.len(), 1);
        assert_eq!(comparison.catalogs[0].title, "デモ質問票");
        let same = diff(&paths("old", "old")).unwrap();
        assert!(same.comparison.expect("valid").is_empty());
    }

    #[test]
    fn a_path_with_nothing_there_is_an_error_that_stops_the_run() {
        let error = diff(&paths("no-such-project", "new"))
            .err()
            .expect("an error");
        assert!(
            matches!(&error, Error::Diff(DiffError::NothingAt { path }) if path.ends_with("no-such-project")),
            "{error:?}"
        );
        assert_eq!(error.exit_code(), 2);
    }
}
