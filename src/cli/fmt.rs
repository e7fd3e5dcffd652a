//! `checksheet fmt [--check]`: answer files rewritten in canonical form (through
//! [`crate::fmt`]), each file named, and the line the command ends with.

use std::path::Path;

use super::{Outcome, valid_project};
use crate::diag::Diagnostics;
use crate::error::Error;
use crate::i18n::Message;
use crate::msg;
use crate::report::{self, ReportFormat};

/// Formats the answer files of a valid project (or, with `check_only`, lists those that
/// would change); exit code 1 when a file would change under `--check` or could not be
/// formatted.
pub fn run(project: &Path, check_only: bool) -> Result<Outcome, Error> {
    let checked = match valid_project(project, msg!("fmt-needs-valid-project")) {
        Ok(checked) => checked,
        Err(code) => return Ok(super::code(code)),
    };
    let ws = &checked.workspace;
    let mut diags = Diagnostics::default();
    let files = crate::fmt::format_files(&ws.sources, &ws.answer_files, &ws.catalogs, &mut diags);
    report::report(&diags, &ws.sources, ReportFormat::Human);
    let changed: Vec<_> = files.iter().filter(|f| f.changed()).collect();
    let failed = diags.error_count();
    if check_only {
        let list: String = changed.iter().map(|f| format!("{}\n", f.name)).collect();
        report::output(&list);
    } else {
        for file in &changed {
            // An answer file that is a link (to a file inside the project, as loading
            // checked) is formatted where it leads, and stays a link.
            let target = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
            crate::write::replace(&target, file.formatted.as_bytes())?;
            report::say(&msg!("fmt-formatted", file = &file.name));
        }
    }
    if let Some(line) = fmt_closing_line(check_only, changed.len(), failed) {
        report::say(&line);
    }
    Ok(Outcome::failed_if(
        (check_only && !changed.is_empty()) || diags.has_errors(),
    ))
}

/// The line `fmt` ends with. A file that could not be formatted is an error reported
/// above: it is neither canonical nor formatted, so the line never says that every file is.
fn fmt_closing_line(check_only: bool, changed: usize, failed: usize) -> Option<Message> {
    let failed = (failed > 0).then(|| msg!("fmt-failed-files", count = failed));
    match (check_only, changed, failed) {
        (_, 0, None) => Some(msg!("fmt-all-canonical")),
        (_, 0, Some(failed)) | (false, _, Some(failed)) => Some(failed),
        (true, n, None) => Some(msg!("fmt-would-reformat", count = n)),
        (true, n, Some(failed)) => Some(msg!(
            "fmt-would-reformat-and-failed",
            count = n,
            failed = failed
        )),
        (false, _, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_closing_line;

    fn line(check_only: bool, changed: usize, failed: usize) -> Option<String> {
        fmt_closing_line(check_only, changed, failed).map(|m| m.text(crate::i18n::Lang::En))
    }

    #[test]
    fn fmt_never_calls_files_canonical_after_an_error() {
        let failed = "1 answer file(s) could not be formatted and were left unchanged";
        for check_only in [false, true] {
            assert_eq!(line(check_only, 0, 1).as_deref(), Some(failed));
            assert_eq!(
                line(check_only, 0, 0).as_deref(),
                Some("all answer files are in canonical form")
            );
        }
        assert_eq!(line(false, 2, 1).as_deref(), Some(failed));
        assert_eq!(line(false, 2, 0), None);
        assert_eq!(
            line(true, 2, 1).as_deref(),
            Some(
                "2 answer file(s) would be reformatted; run `checksheet fmt`; 1 answer file(s) could not be formatted and were left unchanged"
            )
        );
    }
}
