//! Renderers: one short implementation per output format, all reading the same
//! [`Document`]. A renderer writes into any `Write`; which files, and when they are put in
//! place, is the pipeline's job.

mod csp;
mod html;
mod markdown;
pub(crate) mod view;
mod xlsx;

use std::io::Write;

use crate::layout::Layout;
use crate::model::Format;
use crate::sheet::Document;

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
        self.layout
            .templates
            .get(file)
            .or_else(|| self.fallback.and_then(|f| f.templates.get(file)))
            .map(String::as_str)
    }
}

/// Renderers run on several threads at once (one per format).
pub trait Renderer: Send + Sync {
    fn format(&self) -> Format;
    /// Writes the context's document in this format.
    fn render(&self, context: &RenderContext, out: &mut dyn Write) -> Result<(), String>;

    /// The rendered bytes, in memory.
    fn render_to_vec(&self, context: &RenderContext) -> Result<Vec<u8>, String> {
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
/// out; the text always ends with a line break.
fn render_template(context: &RenderContext, file: &str, out: &mut dyn Write) -> Result<(), String> {
    let source = context.template(file).ok_or_else(|| {
        format!(
            "layout `{}` has no template `{file}` and no fallback",
            context.layout.id
        )
    })?;
    let mut env = crate::templates::environment();
    env.add_template(file, source)
        .map_err(|e| crate::templates::describe(&e))?;
    let template = env
        .get_template(file)
        .map_err(|e| crate::templates::describe(&e))?;
    let mut out = LastByte { out, last: None };
    template
        .render_captured_to(
            minijinja::context! { doc => view::document_value(context.document.clone()) },
            &mut out,
        )
        .map_err(|e| {
            format!(
                "template `{file}` of layout `{}`: {}",
                context.layout.id,
                crate::templates::describe(&e)
            )
        })?;
    if out.last != Some(b'\n') {
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

/// A writer that remembers the last byte written through it.
struct LastByte<'a> {
    out: &'a mut dyn Write,
    last: Option<u8>,
}

impl Write for LastByte<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        if written > 0 {
            self.last = Some(bytes[written - 1]);
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
