//! HTML output, through the layout's `checksheet.html.j2` template (auto-escaped).

use super::{RenderContext, Renderer, render_template};
use crate::model::Format;

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(
        &self,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), super::RenderError> {
        render_template(context, "checksheet.html.j2", out)
    }
}
