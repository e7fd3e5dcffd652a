//! `checksheet check` and `checksheet build`: the pipeline run on a project, its
//! diagnostics reported, and (for `build`) the files written named.

use std::path::Path;

use super::{Outcome, finish_line};
use crate::error::Error;
use crate::msg;
use crate::pipeline;
use crate::report::{self, ReportFormat};
use crate::source::display_path;

/// Validates the project; exit code 1 on errors (or warnings with `deny_warnings`).
pub fn check(project: &Path, deny_warnings: bool, format: ReportFormat) -> Result<Outcome, Error> {
    let (checked, documents) = pipeline::check(project)?;
    report::report(&checked.diags, &checked.workspace.sources, format);
    let failed = checked.has_errors() || (deny_warnings && checked.diags.warning_count() > 0);
    let ok = (!failed).then(|| msg!("check-no-errors"));
    finish_line(format, &checked.diags, ok);
    Ok(Outcome::failed_if(failed).keeping((checked, documents)))
}

/// Validates the project and writes every output; names each file written.
pub fn build(
    project: &Path,
    out: Option<&Path>,
    deny_warnings: bool,
    format: ReportFormat,
) -> Result<Outcome, Error> {
    let built = pipeline::build(project, out, deny_warnings)?;
    for path in &built.removed_stale {
        report::say(&msg!("build-removed-stale", path = display_path(path)));
    }
    report::report(&built.diags, &built.sources, format);
    if built.exit > 0 {
        finish_line(format, &built.diags, None);
        report::say(&msg!("build-failed"));
        return Ok(Outcome {
            code: built.exit,
            ..Outcome::default()
        });
    }
    for path in &built.written {
        report::say(&msg!("wrote", path = display_path(path)));
    }
    if built.written.is_empty() {
        report::say(&msg!("build-no-outputs"));
    }
    Ok(Outcome::success().keeping(built))
}
