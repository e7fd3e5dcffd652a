//! Renderers: one short implementation per output format, all reading the same
//! [`Document`]. A renderer writes into any `Write`; which files, and when they are put in
//! place, is the pipeline's job.

mod csp;
mod html;
mod markdown;
pub(crate) mod view;
mod xlsx;

pub use xlsx::is_links_sheet;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::layout::Layout;
use crate::model::Format;
use crate::sheet::Document;
use crate::templates;

pub use html::HtmlRenderer;
pub use markdown::MarkdownRenderer;
pub use xlsx::XlsxRenderer;

/// What a renderer needs besides the document: the layout's templates.
pub struct RenderContext<'a> {
    pub layout: &'a Layout,
    /// The generic layout, whose templates stand in for those a layout does not have.
    pub fallback: Option<&'a Layout>,
    /// The document, shared with the template values that look into it.
    document: std::sync::Arc<Document>,
    scratch: Option<PathBuf>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        layout: &'a Layout,
        fallback: Option<&'a Layout>,
        document: std::sync::Arc<Document>,
    ) -> Self {
        RenderContext {
            layout,
            fallback,
            document,
            scratch: None,
        }
    }
}

impl RenderContext<'_> {
    /// The document being rendered.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The layout's own template file, or the generic layout's.
    pub fn template(&self, file: &str) -> Option<&str> {
        self.template_and_owner(file).map(|(source, _)| source)
    }

    /// A template file and the layout it comes from (the layout's own, or the generic one).
    fn template_and_owner(&self, file: &str) -> Option<(&str, &Layout)> {
        std::iter::once(self.layout)
            .chain(self.fallback)
            .find_map(|layout| Some((layout.templates.get(file)?.as_str(), layout)))
    }

    /// The folder set by [`RenderContext::with_scratch_folder`].
    pub fn scratch(&self) -> Option<&Path> {
        self.scratch.as_deref()
    }

    /// Where the xlsx writer keeps its sheets' data while it writes (by default the
    /// system's temporary folder): the output folder, so that the file it concerns is
    /// named when that fails.
    pub fn with_scratch_folder(mut self, folder: &Path) -> Self {
        self.scratch = Some(folder.to_path_buf());
        self
    }
}

/// Why an output could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The layout's templates failed or went over a limit: the project must change.
    #[error("{0}")]
    Template(String),
    /// Writing the output failed (a full disk, a file-size limit, a lost folder).
    #[error("cannot write `{shown}`: {error}", shown = crate::source::display_path(path))]
    Write {
        /// The output file the bytes were for.
        path: PathBuf,
        error: io::Error,
    },
    /// Writing failed before the file it was for is known; [`RenderError::at`] names it.
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl RenderError {
    /// The exit code of a run this stops: 1 for the project's templates, 2 for the disk.
    pub fn exit_code(&self) -> u8 {
        match self {
            RenderError::Template(_) => 1,
            RenderError::Write { .. } | RenderError::Io(_) => 2,
        }
    }

    /// Names the output file a write error concerns.
    pub fn at(self, path: &Path) -> RenderError {
        match self {
            RenderError::Io(error) => RenderError::Write {
                path: path.to_path_buf(),
                error: os_error(error),
            },
            other => other,
        }
    }
}

/// The operating system's error inside `error`, without what wrappers added (the name of
/// a temporary file): the report names the output file instead.
pub fn os_error(error: io::Error) -> io::Error {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = cause {
        if let Some(code) = e
            .downcast_ref::<io::Error>()
            .and_then(io::Error::raw_os_error)
        {
            return io::Error::from_raw_os_error(code);
        }
        cause = e.source();
    }
    error
}

/// Renderers run on several threads at once (one per format).
pub trait Renderer: Send + Sync {
    fn format(&self) -> Format;
    /// Writes the context's document in this format.
    fn render(&self, context: &RenderContext, out: &mut dyn Write) -> Result<(), RenderError>;

    /// The rendered bytes, in memory.
    fn render_to_vec(&self, context: &RenderContext) -> Result<Vec<u8>, RenderError> {
        let mut bytes = Vec::new();
        self.render(context, &mut bytes)?;
        Ok(bytes)
    }
}

/// The renderer of a format.
pub fn renderer(format: Format) -> Box<dyn Renderer> {
    match format {
        Format::Xlsx => Box::new(XlsxRenderer),
        Format::Md => Box::new(MarkdownRenderer),
        Format::Html => Box::new(HtmlRenderer),
    }
}

/// Renders a document through one of the layout's minijinja templates, streaming the text
/// out; the text always ends with a line break. A project's own template runs within the
/// limits of [`templates::FileLimits`], sized from the document.
fn render_template(
    context: &RenderContext,
    file: &str,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let Some((source, owner)) = context.template_and_owner(file) else {
        return Err(RenderError::Template(format!(
            "layout `{}` has no template `{file}` and no fallback",
            context.layout.id
        )));
    };
    let limits = (!owner.origin.starts_with("builtin:"))
        .then(|| templates::FileLimits::for_document(context.document()));
    let mut env = templates::environment();
    env.set_fuel(limits.as_ref().map(|l| l.fuel));
    let failed = |e: &minijinja::Error| {
        RenderError::Template(format!(
            "template `{file}` of layout `{}`: {}",
            owner.id,
            templates::describe(e)
        ))
    };
    env.add_template(file, source).map_err(|e| failed(&e))?;
    let template = env.get_template(file).map_err(|e| failed(&e))?;
    let mut out = Guarded {
        out,
        last: None,
        written: 0,
        cap: limits.as_ref().map_or(u64::MAX, |l| l.output_bytes),
        error: None,
    };
    let budget = limits.as_ref().map(|l| {
        crate::memory::Budget::enter(
            usize::try_from(l.memory_bytes).unwrap_or(usize::MAX),
            &format!(
                "error[CS0602]: template `{file}` of layout `{}` took more than {} bytes of memory, the limit for this document ({})\nbuild failed: nothing was written",
                owner.id,
                l.memory_bytes,
                templates::FileLimits::WHY
            ),
        )
    });
    let rendered = template.render_captured_to(
        minijinja::context! { doc => view::document_value(context.document.clone()) },
        &mut out,
    );
    drop(budget);
    if let Some(error) = out.error.take() {
        return Err(match error {
            GuardedError::Io(e) => RenderError::Io(e),
            GuardedError::TooLong => RenderError::Template(format!(
                "template `{file}` of layout `{}` wrote more than {} bytes, the limit for this document ({})",
                owner.id,
                out.cap,
                templates::FileLimits::WHY
            )),
        });
    }
    match rendered {
        Ok(_) => {}
        Err(e) if e.kind() == minijinja::ErrorKind::OutOfFuel => {
            return Err(RenderError::Template(format!(
                "template `{file}` of layout `{}` ran more than {} steps, the limit for this document ({})",
                owner.id,
                limits.as_ref().map_or(0, |l| l.fuel),
                templates::FileLimits::WHY
            )));
        }
        Err(e) => return Err(failed(&e)),
    }
    if out.last != Some(b'\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Why a [`Guarded`] writer stopped.
enum GuardedError {
    Io(io::Error),
    TooLong,
}

/// A writer that remembers the last byte written through it, refuses to write more than
/// `cap` bytes, and keeps the error it met (the template engine reports only that writing
/// failed).
struct Guarded<'a> {
    out: &'a mut dyn Write,
    last: Option<u8>,
    written: u64,
    cap: u64,
    error: Option<GuardedError>,
}

impl Write for Guarded<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.written.saturating_add(bytes.len() as u64) > self.cap {
            self.error.get_or_insert(GuardedError::TooLong);
            return Err(io::Error::other("the output is over its size limit"));
        }
        match self.out.write(bytes) {
            Ok(written) => {
                if written > 0 {
                    self.last = Some(bytes[written - 1]);
                }
                self.written += written as u64;
                Ok(written)
            }
            Err(e) => {
                let kind = e.kind();
                self.error.get_or_insert(GuardedError::Io(e));
                Err(io::Error::new(kind, "writing the output failed"))
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
