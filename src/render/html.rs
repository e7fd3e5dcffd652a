//! HTML output, through the layout's `checksheet.html.j2` template (auto-escaped).

use super::{RenderContext, Renderer, render_template};
use crate::model::Format;
use crate::sheet::Document;

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(
        &self,
        document: &Document,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), String> {
        render_template(document, context, "checksheet.html.j2", out)
    }
}
