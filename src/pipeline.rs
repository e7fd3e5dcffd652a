//! The pipeline behind `check` and `build`: load → validate → document → render → write.
//! A build renders every output in memory first and writes only when nothing failed; each
//! file is written to a temporary file and renamed into place.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load::Workspace;
use crate::model::Format;
use crate::render::{RenderContext, RenderError, renderer};
use crate::sheet::{Document, SheetInput, build_document, check_xlsx_limits};
use crate::validate::{Plan, validate};
use crate::write::{new_staged, readable_by_all, remove_stale_staged};

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
pub fn check(project: &Path) -> Result<(Checked, Vec<RenderedOutput>), Error> {
    check_within(project, None)
}

/// [`check`], with the project's files allowed only inside `root` when given (a revision
/// written out to a temporary folder) rather than its folder and git repository.
pub fn check_within(
    project: &Path,
    root: Option<&Path>,
) -> Result<(Checked, Vec<RenderedOutput>), Error> {
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
            project: Some(project),
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
    /// The exit code: 0 when written, 1 when the project has errors (or warnings denied),
    /// 2 when an output could not be written.
    pub exit: u8,
    /// Files staged by earlier builds that were killed, removed from the output folder.
    pub removed_stale: Vec<PathBuf>,
}

impl Built {
    pub fn has_errors(&self) -> bool {
        self.diags.has_errors()
    }
}

/// Builds every output of a project into `out` (default `<project>/dist`).
pub fn build(project: &Path, out: Option<&Path>, deny_warnings: bool) -> Result<Built, Error> {
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
            exit: 1,
            removed_stale: Vec::new(),
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
    // run, on a thread of the renderers' scope.
    let model = (project, catalogs, answer_files, mappings, plan);
    let (out_dir, created) = output_folder(&root, out)?;
    // What builds that were killed left staged here goes first.
    let removed_stale = remove_stale_staged(&out_dir);
    let contexts: Vec<Option<RenderContext>> = documents
        .iter()
        .map(|output| {
            let layout = layouts.get(&output.layout)?;
            Some(
                RenderContext::new(layout, layouts.get("default"), output.document.clone())
                    .with_scratch_folder(&out_dir),
            )
        })
        .collect();
    let rendered = render_all(&documents, &contexts, &out_dir, model);
    crate::memory::staged_done();
    let (staged, exit) = keep_rendered(&documents, rendered, &out_dir, &mut diags);
    drop(contexts);
    if exit > 0 || fails(&diags) {
        // Dropping the staged files deletes them; a folder this build made goes too.
        drop(staged);
        if created {
            let _ = fs::remove_dir(&out_dir);
        }
        return Ok(Built {
            diags,
            sources,
            written: Vec::new(),
            documents,
            exit: exit.max(1),
            removed_stale,
        });
    }
    // Every output is complete on disk before the first is renamed into place.
    let mut written = Vec::new();
    for (temp, target) in staged {
        temp.persist(&target)
            .map_err(|e| Error::write(&target, e.error))?;
        written.push(target);
    }
    Ok(Built {
        diags,
        sources,
        written,
        documents,
        exit: 0,
        removed_stale,
    })
}

/// The folder a build writes into (`out`, default `<root>/dist`), created if missing, and
/// whether this build created it (it is removed again when the build fails).
fn output_folder(root: &Path, out: Option<&Path>) -> Result<(PathBuf, bool), Error> {
    let out_dir = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("dist"));
    // The project's own `dist` may not lead elsewhere (a link a pull request adds would
    // have the build write outside the repository); `--out` is the user's to choose.
    if out.is_none()
        && fs::symlink_metadata(&out_dir).is_ok()
        && let Ok(boundary) = crate::files::Boundary::of_project(root)
        && let Err(e) = boundary.resolve(&out_dir)
    {
        return Err(Error::Refused(crate::msg!(
            "output-folder-outside",
            error = e.message()
        )));
    }
    let created = !out_dir.exists();
    fs::create_dir_all(&out_dir).map_err(|source| Error::CreateOutputFolder {
        path: out_dir.clone(),
        source,
    })?;
    if created {
        crate::memory::made_folder(&out_dir);
    }
    Ok((out_dir, created))
}

/// A rendered output staged beside its target, or why it could not be.
type Staged = Result<tempfile::NamedTempFile, RenderError>;

/// Renders every format of every output, each on its own thread, streaming into a
/// temporary file beside its target; the template formats of an output share its document
/// converted once to template values. `model` (what the documents were made from) is freed
/// meanwhile, on a thread of the same scope.
fn render_all<M: Send>(
    documents: &[RenderedOutput],
    contexts: &[Option<RenderContext>],
    out_dir: &Path,
    model: M,
) -> Vec<Vec<(Format, Staged)>> {
    let dir = out_dir;
    std::thread::scope(|scope| {
        scope.spawn(move || drop(model));
        let running: Vec<Vec<_>> = documents
            .iter()
            .zip(contexts)
            .map(|(output, context)| {
                let Some(context) = context else {
                    return Vec::new();
                };
                output
                    .formats
                    .iter()
                    .map(|&format| {
                        let target = dir.join(format!("{}.{}", output.stem, format.extension()));
                        let job = scope.spawn(move || {
                            render_staged(dir, &target, format, |out| {
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
                            Err(RenderError::Template(crate::msg!(
                                "writer-stopped",
                                format = format.extension()
                            )))
                        });
                        (format, result)
                    })
                    .collect()
            })
            .collect()
    })
}

/// The staged files with their targets, and the exit code the failures give (0 when none
/// failed); each failure becomes a diagnostic in `diags`.
fn keep_rendered(
    documents: &[RenderedOutput],
    rendered: Vec<Vec<(Format, Staged)>>,
    out_dir: &Path,
    diags: &mut Diagnostics,
) -> (Vec<(tempfile::NamedTempFile, PathBuf)>, u8) {
    let mut staged = Vec::new();
    let mut exit = 0;
    for (output, results) in documents.iter().zip(rendered) {
        for (format, result) in results {
            let name = format!("{}.{}", output.stem, format.extension());
            match result {
                Ok(temp) => staged.push((temp, out_dir.join(&name))),
                Err(error) => {
                    exit = exit.max(error.exit_code());
                    diags.push(render_failure(error, &name, &output.layout, out_dir));
                }
            }
        }
    }
    (staged, exit)
}

/// The diagnostic of an output that could not be rendered (`name` in `out_dir`): the
/// layout's templates, or the disk.
fn render_failure(error: RenderError, name: &str, layout: &str, out_dir: &Path) -> Diagnostic {
    match &error {
        RenderError::Template(message) => Diagnostic::new(
            Code::Render,
            crate::msg!("cannot-render", name = name, message = message.clone()),
        )
        .help(crate::msg!("cannot-render-help", layout = layout)),
        RenderError::Write { error: io, .. } | RenderError::Io(io) => {
            let help = match io.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    crate::msg!("write-not-writable-help")
                }
                _ => crate::msg!("write-failed-help"),
            };
            Diagnostic::new(Code::Write, error.at(&out_dir.join(name)).message()).help(help)
        }
    }
}

/// Renders one output into a temporary file in `dir`, readable by all, ready to be
/// renamed over `target`.
fn render_staged(
    dir: &Path,
    target: &Path,
    format: Format,
    render: impl FnOnce(&mut dyn std::io::Write) -> Result<(), RenderError>,
) -> Result<tempfile::NamedTempFile, RenderError> {
    let io = |error: std::io::Error| RenderError::Write {
        path: target.to_path_buf(),
        error: crate::render::os_error(error),
    };
    let temp = new_staged(dir, &format!(".{}", format.extension())).map_err(io)?;
    // Removed even if a template's memory budget ends the run while it renders.
    crate::memory::staged(temp.path());
    // Written through the file itself: its errors are the operating system's, as they are.
    let mut out = std::io::BufWriter::with_capacity(1 << 18, temp.as_file());
    render(&mut out).map_err(|e| e.at(target))?;
    out.flush().map_err(io)?;
    drop(out);
    // Outputs are made again by the next build: they are renamed into place complete, but
    // not forced to disk first (that wait was a tenth of a large build). Files people write
    // (answers rewritten by `fmt` or `import`) are synced: see [`stage`].
    readable_by_all(temp.as_file()).map_err(io)?;
    Ok(temp)
}
