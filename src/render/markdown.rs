//! Markdown output, through the layout's `checksheet.md.j2` template.

use super::{RenderContext, Renderer, render_template};
use crate::model::Format;

pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn format(&self) -> Format {
        Format::Md
    }

    fn render(
        &self,
        context: &RenderContext,
        out: &mut dyn std::io::Write,
    ) -> Result<(), super::RenderError> {
        render_template(context, "checksheet.md.j2", out)
    }
}
