//! HTML output, through the layout's `checksheet.html.j2` template (auto-escaped).

use super::{RenderContext, Renderer, render_template};
use crate::model::Format;

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    /// The page is rendered twice: once to hash its inline script and style (nothing is
    /// kept), then to `out` with its Content-Security-Policy (see [`super::csp`]). Rendering
    /// is deterministic, so the second page is the one hashed.
    fn render(
        &self,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), super::RenderError> {
        let mut hashes = super::csp::Hashes::default();
        render_template(context, "checksheet.html.j2", &mut hashes)?;
        let mut page = super::csp::WithPolicy::new(out, &hashes.policy());
        render_template(context, "checksheet.html.j2", &mut page)?;
        Ok(page.finish()?)
    }
}
