//! HTML output, through the layout's `checksheet.html.j2` template (auto-escaped).

use std::io::{self, Seek, Write};

use super::csp::{Hashes, WithPolicy};
use super::{RenderContext, RenderError, Renderer, render_template};
use crate::model::Format;

pub struct HtmlRenderer;

/// Pages up to this size are held in memory while their policy is computed; larger ones
/// in an unnamed temporary file (removed by the system whatever happens to the process).
const IN_MEMORY_BYTES: usize = 16 * 1024 * 1024;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    /// The page is rendered once, its inline script and style hashed as it is written
    /// aside; then it is copied to `out` with its Content-Security-Policy placed in its
    /// head (see [`super::csp`]).
    fn render(&self, context: &RenderContext, out: &mut dyn Write) -> Result<(), RenderError> {
        // Buffered: once the page outgrows memory, each of the template's small writes
        // would otherwise be a system call.
        let mut page =
            io::BufWriter::with_capacity(1 << 18, tempfile::spooled_tempfile(IN_MEMORY_BYTES));
        let mut hashes = Hashes::default();
        render_template(
            context,
            "checksheet.html.j2",
            &mut Tee {
                page: &mut page,
                hashes: &mut hashes,
            },
        )?;
        let mut page = page
            .into_inner()
            .map_err(|e| RenderError::Io(e.into_error()))?;
        page.rewind().map_err(RenderError::Io)?;
        let mut out = WithPolicy::new(out, &hashes.policy());
        io::copy(&mut page, &mut out).map_err(RenderError::Io)?;
        Ok(out.finish()?)
    }
}

/// Writes the page aside and through the hashes of its script and style.
struct Tee<'a, W: Write> {
    page: &'a mut W,
    hashes: &'a mut Hashes,
}

impl<W: Write> Write for Tee<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.page.write_all(bytes)?;
        self.hashes.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.page.flush()?;
        self.hashes.flush()
    }
}
