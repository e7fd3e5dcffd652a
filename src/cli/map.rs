//! `checksheet map suggest FROM TO`: the suggestions of [`crate::mapping::suggest`] as a
//! mapping file for a person to review, printed or written, and a one-line summary.

use std::path::Path;

use super::{Outcome, workspace_for};
use crate::error::Error;
use crate::msg;
use crate::report;
use crate::source::display_path;

/// Writes (or prints) a mapping file of suggested pairs from catalog `from` to `to`.
pub fn suggest(
    from: &str,
    to: &str,
    project: Option<&Path>,
    top: usize,
    min_score: f64,
    out: Option<&Path>,
    force: bool,
) -> Result<Outcome, Error> {
    let ws = match workspace_for(project, msg!("map-needs-valid-catalogs")) {
        Ok(ws) => ws,
        Err(code) => return Ok(super::code(code)),
    };
    let unknown = |id: &str| Error::UnknownCatalog {
        id: id.to_owned(),
        known: ws.catalogs.keys().cloned().collect(),
    };
    let from_catalog = ws.catalogs.get(from).ok_or_else(|| unknown(from))?;
    let to_catalog = ws.catalogs.get(to).ok_or_else(|| unknown(to))?;
    if !(0.0..=1.0).contains(&min_score) || top == 0 {
        return Err(Error::Refused(msg!("map-bad-options")));
    }
    let context = crate::mapping::suggest::Context::of(&ws);
    let suggestions =
        crate::mapping::suggest::suggest(&context, from_catalog, to_catalog, top, min_score);
    let text = crate::mapping::suggest::render(from_catalog, to_catalog, &suggestions);
    let matched = suggestions.iter().filter(|s| s.confident()).count();
    let weak = suggestions.iter().filter(|s| !s.matches.is_empty()).count() - matched;
    let summary = msg!(
        "map-summary",
        matched = matched,
        total = suggestions.len(),
        catalog = from,
        weak = weak
    );
    // `--out -` is standard output, as for `import`.
    match out.filter(|p| p.as_os_str() != "-") {
        None => report::output(&text),
        Some(path) => {
            let files = [(path.to_path_buf(), text.as_bytes())];
            crate::write::all_or_none(&files, force, Some(msg!("hint-force")))?;
            report::say(&msg!("wrote", path = display_path(path)));
        }
    }
    report::say(&summary);
    Ok(Outcome::success())
}
