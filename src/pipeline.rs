//! The pipeline behind `check` and `build`: load → validate → document → render → write.
//! A build renders every output in memory first and writes only when nothing failed; each
//! file is written to a temporary file and renamed into place.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use strum::VariantArray;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::{RunError, Workspace};
use crate::model::Format;
use crate::render::{RenderContext, RenderError, renderer};
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
    let out_dir = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("dist"));
    // The project's own `dist` may not lead elsewhere (a link a pull request adds would
    // have the build write outside the repository); `--out` is the user's to choose.
    if out.is_none()
        && fs::symlink_metadata(&out_dir).is_ok()
        && let Ok(boundary) = crate::files::Boundary::of_project(&root)
        && let Err(e) = boundary.resolve(&out_dir)
    {
        return Err(RunError::Refused(crate::msg!(
            "output-folder-outside",
            error = e.message()
        )));
    }
    let created = !out_dir.exists();
    fs::create_dir_all(&out_dir).map_err(|source| RunError::CreateFolder {
        path: out_dir.clone(),
        source,
    })?;
    if created {
        crate::memory::made_folder(&out_dir);
    }
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
    // Every format of every output on its own thread, streaming into a temporary file
    // beside its target; the template formats of an output share its document converted
    // once to template values.
    let dir = out_dir.as_path();
    type Staged = Result<tempfile::NamedTempFile, RenderError>;
    let rendered: Vec<Vec<(Format, Staged)>> = std::thread::scope(|scope| {
        scope.spawn(move || drop(model));
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
    });
    crate::memory::staged_done();
    let mut staged: Vec<(tempfile::NamedTempFile, PathBuf)> = Vec::new();
    let mut exit = 0;
    for (output, results) in documents.iter().zip(rendered) {
        for (format, result) in results {
            let name = format!("{}.{}", output.stem, format.extension());
            let error = match result {
                Ok(temp) => {
                    staged.push((temp, out_dir.join(&name)));
                    continue;
                }
                Err(error) => error,
            };
            exit = exit.max(error.exit_code());
            diags.push(match &error {
                RenderError::Template(message) => Diagnostic::new(
                    Code::Render,
                    crate::msg!(
                        "cannot-render",
                        name = name.as_str(),
                        message = message.clone()
                    ),
                )
                .help(crate::msg!("cannot-render-help", layout = &output.layout)),
                RenderError::Write { error: io, .. } | RenderError::Io(io) => {
                    let help = match io.kind() {
                        std::io::ErrorKind::PermissionDenied
                        | std::io::ErrorKind::ReadOnlyFilesystem => {
                            crate::msg!("write-not-writable-help")
                        }
                        _ => crate::msg!("write-failed-help"),
                    };
                    Diagnostic::new(Code::Write, error.at(&out_dir.join(&name)).message())
                        .help(help)
                }
            });
        }
    }
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
            .map_err(|e| RunError::write(&target, e.error))?;
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

/// The start of the name of every file `checksheet` stages before renaming it into place:
/// `.checksheet-<pid>-<random>[.<ext>]`.
const STAGED_PREFIX: &str = ".checksheet-";
/// How many random letters and digits follow the process ID.
const STAGED_RANDOM: usize = 6;

/// A new staged file in `dir`, named after this process and locked (`flock`) for as long
/// as it is open: a later run can tell that the build that made it is gone, even when it
/// was killed, and remove it ([`remove_stale_staged`]).
fn new_staged(dir: &Path, extension: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new()
        .prefix(&format!("{STAGED_PREFIX}{}-", std::process::id()))
        .rand_bytes(STAGED_RANDOM)
        .suffix(extension)
        .tempfile_in(dir)?;
    lock(temp.as_file(), true)?;
    Ok(temp)
}

/// Takes the exclusive lock of a file (`flock` on Unix); `wait` or fail at once when
/// another holds it.
fn lock(file: &fs::File, wait: bool) -> std::io::Result<()> {
    if wait {
        file.lock()
    } else {
        file.try_lock().map_err(std::io::Error::from)
    }
}

/// The process ID a staged file's name carries, when the name is one `checksheet` gives:
/// `.checksheet-<pid>-<six letters or digits>`, then nothing or an output's extension.
fn staged_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(STAGED_PREFIX)?;
    let (pid, rest) = rest.split_once('-')?;
    let (random, extension) = rest.split_at_checked(STAGED_RANDOM)?;
    let is_random = random.bytes().all(|b| b.is_ascii_alphanumeric());
    let is_extension = extension.is_empty()
        || Format::VARIANTS
            .iter()
            .any(|f| extension.strip_prefix('.') == Some(f.extension()));
    (is_random && is_extension && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether a process with this ID runs (or may: one of another user's).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0 only checks that the process exists.
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(error) => error != rustix::io::Errno::SRCH,
    }
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Removes from `dir` the files earlier builds staged and never renamed (a build killed
/// while it wrote): only regular files named as `checksheet` names them, whose process is
/// gone and whose lock nobody holds — never a file a running build is writing, nor any
/// other file. Returns what was removed.
pub fn remove_stale_staged(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = staged_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == std::process::id()
            || process_alive(pid)
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let path = entry.path();
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        // The lock is held while the file is removed, so no other run takes it meanwhile.
        let Ok(file) = options.open(&path) else {
            continue;
        };
        if lock(&file, false).is_ok() && fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
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
    let temp = new_staged(dir, "")?;
    // Through the file itself: its errors are the operating system's, as they are.
    temp.as_file().write_all(bytes)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_checksheet_gives_are_staged_files() {
        assert_eq!(staged_pid(".checksheet-4242-aB3dE9.xlsx"), Some(4242));
        assert_eq!(staged_pid(".checksheet-4242-aB3dE9"), Some(4242));
        for name in [
            ".checksheet-4242-aB3dE9.txt",
            ".checksheet-4242-aB3d.md",
            ".checksheet-42x-aB3dE9.md",
            ".checksheet--aB3dE9.md",
            ".checksheet-notes",
            "checksheet-4242-aB3dE9.md",
            ".checksheet-4242-aB3dE9.md.bak",
        ] {
            assert_eq!(staged_pid(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_staged_file_is_locked_while_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let temp = new_staged(dir.path(), ".md").unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(staged_pid(&name), Some(std::process::id()));
        let other = fs::File::open(temp.path()).unwrap();
        assert!(lock(&other, false).is_err(), "held by the staged file");
        drop(temp);
        assert!(!dir.path().join(&name).exists());
    }
}
