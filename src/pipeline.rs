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
    check_within(project, None)
}

/// [`check`], with the project's files allowed only inside `root` when given (a revision
/// written out to a temporary folder) rather than its folder and git repository.
pub fn check_within(
    project: &Path,
    root: Option<&Path>,
) -> Result<(Checked, Vec<RenderedOutput>), RunError> {
    let mut workspace = Workspace::load_within(project, root)?;
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
    pub document: std::sync::Arc<Document>,
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
            document: std::sync::Arc::new(document),
        });
    }
    out
}

/// The result of a build: what was found (with the files it points into), and what was
/// written (nothing if anything failed).
pub struct Built {
    pub diags: Diagnostics,
    pub sources: crate::source::Sources,
    pub written: Vec<PathBuf>,
    /// The documents the outputs were rendered from, for the caller to free or not (a
    /// command that exits next need not free them one value at a time).
    pub documents: Vec<RenderedOutput>,
}

impl Built {
    pub fn has_errors(&self) -> bool {
        self.diags.has_errors()
    }
}

/// Builds every output of a project into `out` (default `<project>/dist`).
pub fn build(project: &Path, out: Option<&Path>, deny_warnings: bool) -> Result<Built, RunError> {
    let (checked, documents) = check(project)?;
    let fails = |d: &Diagnostics| d.has_errors() || (deny_warnings && d.warning_count() > 0);
    let Checked {
        workspace,
        plan,
        mut diags,
    } = checked;
    let Workspace {
        sources,
        project,
        catalogs,
        answer_files,
        layouts,
        mappings,
        ..
    } = workspace;
    if fails(&diags) {
        return Ok(Built {
            diags,
            sources,
            written: Vec::new(),
            documents,
        });
    }
    // Rendering adds no diagnostic that points into a file: the files the report will not
    // quote are freed before the outputs are rendered.
    let mut sources = sources;
    sources.release_unquoted(
        diags
            .iter()
            .flat_map(|d| d.primary.iter().chain(&d.secondary))
            .map(|label| &label.span),
    );
    let root = project.as_ref().map(|p| p.root.clone()).unwrap_or_default();
    // The documents hold everything the renderers need: the model is freed while they
    // run (on a thread of its own, so the build does not wait for it).
    let model = (project, catalogs, answer_files, mappings, plan);
    let _ = std::thread::Builder::new().spawn(move || drop(model));
    let out_dir = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("dist"));
    let shown = crate::source::display_path(&out_dir);
    let created = !out_dir.exists();
    fs::create_dir_all(&out_dir)
        .map_err(|e| RunError::Other(format!("cannot create output folder `{shown}`: {e}")))?;
    let contexts: Vec<Option<RenderContext>> = documents
        .iter()
        .map(|output| {
            let layout = layouts.get(&output.layout)?;
            Some(RenderContext::new(
                layout,
                layouts.get("default"),
                output.document.clone(),
            ))
        })
        .collect();
    // Every format of every output on its own thread, streaming into a temporary file
    // beside its target; the template formats of an output share its document converted
    // once to template values.
    let dir = out_dir.as_path();
    let rendered: Vec<Vec<(Format, Result<tempfile::NamedTempFile, Failure>)>> =
        std::thread::scope(|scope| {
            let running: Vec<Vec<_>> = documents
                .iter()
                .zip(&contexts)
                .map(|(output, context)| {
                    let Some(context) = context else {
                        return Vec::new();
                    };
                    output
                        .formats
                        .iter()
                        .map(|&format| {
                            let job = scope.spawn(move || {
                                render_staged(dir, format, |out| {
                                    renderer(format).render(context, out)
                                })
                            });
                            (format, job)
                        })
                        .collect()
                })
                .collect();
            running
                .into_iter()
                .map(|jobs| {
                    jobs.into_iter()
                        .map(|(format, job)| {
                            let result = job.join().unwrap_or_else(|_| {
                                Err(Failure::Render(format!(
                                    "the {} writer failed",
                                    format.extension()
                                )))
                            });
                            (format, result)
                        })
                        .collect()
                })
                .collect()
        });
    let mut staged: Vec<(tempfile::NamedTempFile, PathBuf)> = Vec::new();
    let mut io_error = None;
    for (output, results) in documents.iter().zip(rendered) {
        for (format, result) in results {
            let name = format!("{}.{}", output.stem, format.extension());
            match result {
                Ok(temp) => staged.push((temp, out_dir.join(&name))),
                Err(Failure::Io(e)) => {
                    io_error.get_or_insert(format!("cannot write `{name}` into `{shown}`: {e}"));
                }
                Err(Failure::Render(message)) => diags.push(
                    Diagnostic::new(Code::Render, format!("cannot render {name}: {message}"))
                        .help(format!("check the templates of layout `{}`", output.layout)),
                ),
            }
        }
    }
    drop(contexts);
    if io_error.is_some() || fails(&diags) {
        // Dropping the staged files deletes them; a folder this build made goes too.
        drop(staged);
        if created {
            let _ = fs::remove_dir(&out_dir);
        }
        if let Some(message) = io_error {
            return Err(RunError::Other(message));
        }
        return Ok(Built {
            diags,
            sources,
            written: Vec::new(),
            documents,
        });
    }
    // Every output is complete on disk before the first is renamed into place.
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
    Ok(Built {
        diags,
        sources,
        written,
        documents,
    })
}

/// Why an output could not be staged: its renderer failed (a diagnostic), or the disk did
/// (the run cannot go on).
enum Failure {
    Render(String),
    Io(String),
}

/// Renders one output into a temporary file in `dir`, readable by all, ready to be
/// renamed over its target.
fn render_staged(
    dir: &Path,
    format: Format,
    render: impl FnOnce(&mut dyn std::io::Write) -> Result<(), String>,
) -> Result<tempfile::NamedTempFile, Failure> {
    let io = |e: std::io::Error| Failure::Io(e.to_string());
    let temp = tempfile::Builder::new()
        .prefix(".checksheet-")
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(dir)
        .map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 18, temp);
    render(&mut out).map_err(Failure::Render)?;
    let temp = out.into_inner().map_err(|e| io(e.into_error()))?;
    // Outputs are made again by the next build: they are renamed into place complete, but
    // not forced to disk first (that wait was a tenth of a large build). Files people write
    // (answers rewritten by `fmt` or `import`) are synced: see [`stage`].
    readable_by_all(temp.as_file()).map_err(io)?;
    Ok(temp)
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
    seal(&temp, permissions)?;
    Ok(temp)
}

/// Syncs a staged file and gives it its permissions (default rw-r--r--).
fn seal(
    temp: &tempfile::NamedTempFile,
    permissions: Option<fs::Permissions>,
) -> std::io::Result<()> {
    temp.as_file().sync_all()?;
    match permissions {
        Some(p) => temp.as_file().set_permissions(p),
        None => readable_by_all(temp.as_file()),
    }
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
