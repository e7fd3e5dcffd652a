//! HTML output, through the layout's `checksheet.html.j2` template (auto-escaped).

use super::{RenderContext, Renderer, render_template};
use crate::model::Format;

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    /// The page is rendered whole, then given its Content-Security-Policy (the hashes of
    /// its inline script and style, see [`super::csp`]).
    fn render(
        &self,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), super::RenderError> {
        let mut page = Vec::new();
        render_template(context, "checksheet.html.j2", &mut page)?;
        let page = String::from_utf8(page)
            .map_err(|e| super::RenderError::Template(format!("the page is not UTF-8: {e}")))?;
        Ok(super::csp::write_with_policy(&page, out)?)
    }
}
