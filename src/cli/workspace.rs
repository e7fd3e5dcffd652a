//! Loading what a command works on, for the commands that need it free of errors: the
//! built-in catalogs and layouts plus a named project ([`workspace_for`]), or a checked
//! project ([`valid_project`]). Errors in them are reported here, and the command stops
//! with exit code 1.

use std::path::Path;

use crate::error::Error;
use crate::i18n::Message;
use crate::load::Workspace;
use crate::pipeline;
use crate::report::{self, ReportFormat};

/// What loading gives a command: what it asked for, or errors in the input, reported
/// already, that end the command with exit code 1.
pub(crate) enum Loaded<T> {
    Ready(T),
    Reported,
}

/// The built-in catalogs and layouts, plus a project's when one is named. Errors in them
/// are reported, followed by `why` (what the command needs).
pub(crate) fn workspace_for(
    project: Option<&Path>,
    why: Message,
) -> Result<Loaded<Workspace>, Error> {
    let ws = match project {
        Some(p) => Workspace::load(p)?,
        None => Workspace::builtins(),
    };
    if ws.diags.has_errors() {
        report::report(&ws.diags, &ws.sources, ReportFormat::Human);
        report::say(&why);
        return Ok(Loaded::Reported);
    }
    Ok(Loaded::Ready(ws))
}

/// A checked project without errors. Its errors are reported, followed by `why`.
pub(crate) fn valid_project(
    project: &Path,
    why: Message,
) -> Result<Loaded<pipeline::Checked>, Error> {
    let (checked, _) = pipeline::check(project)?;
    if checked.has_errors() {
        report::report(
            &checked.diags,
            &checked.workspace.sources,
            ReportFormat::Human,
        );
        report::say(&why);
        return Ok(Loaded::Reported);
    }
    Ok(Loaded::Ready(checked))
}
