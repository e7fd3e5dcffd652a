//! The pipeline behind `check` and `build`: load → validate → document → render → write.
//! A build renders every output in memory first and writes only when nothing failed; each
//! file is written to a temporary file and renamed into place.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::{RunError, Workspace};
use crate::model::Format;
use crate::render::{RenderContext, renderer};
use crate::sheet::{Document, SheetInput, build_document, check_xlsx_limits};
use crate::validate::{Plan, validate};

/// A loaded and validated project, with every diagnostic found so far.
pub struct Checked {
    pub workspace: Workspace,
    pub plan: Plan,
    pub diags: Diagnostics,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diags.has_errors()
    }
}

/// Loads and validates a project, building each output's document so layout and cell
/// problems are found by `check` as well as `build`.
pub fn check(project: &Path) -> Result<(Checked, Vec<RenderedOutput>), RunError> {
    let mut workspace = Workspace::load(project)?;
    let (plan, found) = validate(&workspace);
    let mut diags = std::mem::take(&mut workspace.diags);
    diags.extend(found);
    let mut documents = Vec::new();
    if !diags.has_errors() {
        documents = make_documents(&workspace, &plan, &mut diags);
    }
    diags.sort();
    Ok((
        Checked {
            workspace,
            plan,
            diags,
        },
        documents,
    ))
}

/// One output's document and the formats it is written in.
pub struct RenderedOutput {
    pub stem: String,
    pub layout: String,
    pub formats: Vec<Format>,
    pub document: Document,
}

fn make_documents(ws: &Workspace, plan: &Plan, diags: &mut Diagnostics) -> Vec<RenderedOutput> {
    let Some(project) = &ws.project else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for output in &plan.outputs {
        let (Some(layout), Some(catalog)) = (
            ws.layouts.get(&output.layout),
            ws.catalogs.get(&output.catalog),
        ) else {
            continue;
        };
        let input = SheetInput {
            project,
            catalog,
            answers: plan.answers.get(&output.catalog),
            derived: plan.derived.get(&output.catalog),
            layout,
        };
        let document = build_document(&input, diags);
        if output.formats.contains(&Format::Xlsx) {
            check_xlsx_limits(&document, &format!("{}.xlsx", output.stem), diags);
        }
        out.push(RenderedOutput {
            stem: output.stem.clone(),
            layout: output.layout.clone(),
            formats: output.formats.clone(),
            document,
        });
    }
    out
}

/// The result of a build: what was found, and what was written (nothing if anything failed).
pub struct Built {
    pub checked: Checked,
    pub written: Vec<PathBuf>,
}

/// Builds every output of a project into `out` (default `<project>/dist`).
pub fn build(project: &Path, out: Option<&Path>, deny_warnings: bool) -> Result<Built, RunError> {
    let (mut checked, documents) = check(project)?;
    let fails =
        |c: &Checked| c.diags.has_errors() || (deny_warnings && c.diags.warning_count() > 0);
    if fails(&checked) {
        return Ok(Built {
            checked,
            written: Vec::new(),
        });
    }
    let ws = &checked.workspace;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut diags = Diagnostics::default();
    for output in &documents {
        let Some(layout) = ws.layouts.get(&output.layout) else {
            continue;
        };
        let context = RenderContext::new(layout, ws.layouts.get("default"));
        // xlsx on its own thread; the template formats share the converted document.
        let rendered: Vec<(Format, Result<Vec<u8>, String>)> =
            std::thread::scope(|scope| {
                let (xlsx, templated): (Vec<Format>, Vec<Format>) =
                    output.formats.iter().partition(|f| **f == Format::Xlsx);
                let context = &context;
                let document = &output.document;
                let workbook = xlsx.first().map(|f| {
                    let f = *f;
                    scope.spawn(move || (f, renderer(f).render(document, context)))
                });
                let mut results: Vec<(Format, Result<Vec<u8>, String>)> = templated
                    .into_iter()
                    .map(|f| (f, renderer(f).render(document, context)))
                    .collect();
                if let Some(handle) = workbook {
                    results.push(handle.join().unwrap_or_else(|_| {
                        (Format::Xlsx, Err("the xlsx writer failed".to_owned()))
                    }));
                }
                results.sort_by_key(|(f, _)| output.formats.iter().position(|x| x == f));
                results
            });
        for (format, result) in rendered {
            match result {
                Ok(bytes) => files.push((format!("{}.{}", output.stem, format.extension()), bytes)),
                Err(message) => diags.push(
                    Diagnostic::new(
                        Code::Render,
                        format!(
                            "cannot render {}.{}: {message}",
                            output.stem,
                            format.extension()
                        ),
                    )
                    .help(format!("check the templates of layout `{}`", layout.id)),
                ),
            }
        }
    }
    checked.diags.extend(diags);
    if fails(&checked) {
        return Ok(Built {
            checked,
            written: Vec::new(),
        });
    }
    let root = checked
        .workspace
        .project
        .as_ref()
        .map(|p| p.root.clone())
        .unwrap_or_default();
    let out_dir = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("dist"));
    let written = write_outputs(&out_dir, &files)?;
    Ok(Built { checked, written })
}

/// Writes each file through a temporary file in the same folder, renamed into place, so a
/// reader never sees a half-written output. Every file is staged before any is renamed.
fn write_outputs(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, RunError> {
    let shown = crate::source::display_path(dir);
    fs::create_dir_all(dir)
        .map_err(|e| RunError::Other(format!("cannot create output folder `{shown}`: {e}")))?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let temp = stage(dir, bytes, None)
            .map_err(|e| RunError::Other(format!("cannot write `{name}` into `{shown}`: {e}")))?;
        staged.push((temp, dir.join(name)));
    }
    let mut written = Vec::new();
    for (temp, target) in staged {
        temp.persist(&target).map_err(|e| {
            RunError::Other(format!(
                "cannot write `{}`: {}",
                crate::source::display_path(&target),
                e.error
            ))
        })?;
        written.push(target);
    }
    Ok(written)
}

/// Writes a new file atomically (rw-r--r--); fails if it appeared meanwhile.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = stage(dir, bytes, None)?;
    temp.persist_noclobber(path)
        .map(|_| ())
        .map_err(|e| e.error)
}

/// Replaces one existing file atomically, keeping its permissions.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let temp = stage(dir, bytes, permissions)?;
    temp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// A temporary file in `dir` holding `bytes`, synced, with the given permissions (default
/// rw-r--r--), ready to be renamed over its target.
fn stage(
    dir: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".checksheet-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match permissions {
        Some(p) => temp.as_file().set_permissions(p)?,
        None => readable_by_all(temp.as_file())?,
    }
    Ok(temp)
}

/// Temporary files are created private; outputs are ordinary files (rw-r--r--).
#[cfg(unix)]
fn readable_by_all(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &fs::File) -> std::io::Result<()> {
    Ok(())
}
