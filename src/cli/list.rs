//! `checksheet list catalogs|layouts|controls|coverage`: what the built-ins and a project
//! hold, for people and scripts.

use std::path::Path;

use super::{ListCommand, Outcome, valid_project, workspace_for};
use crate::error::Error;
use crate::msg;
use crate::report;

fn coverage(project: &Path, json: bool) -> Result<Outcome, Error> {
    let checked = match valid_project(project, msg!("coverage-needs-valid-project")) {
        Ok(checked) => checked,
        Err(code) => return Ok(super::code(code)),
    };
    let ws = &checked.workspace;
    let mut seen = std::collections::HashSet::new();
    let mut reports = Vec::new();
    for output in &checked.plan.outputs {
        if let Some(catalog) = ws.catalogs.get(&output.catalog)
            && seen.insert(output.catalog.clone())
        {
            reports.push(crate::coverage::coverage(
                catalog,
                checked.plan.answers.get(&output.catalog),
                checked.plan.derived.get(&output.catalog),
            ));
        }
    }
    let text = if json {
        serde_json::to_string_pretty(&reports).unwrap_or_default() + "\n"
    } else {
        reports
            .iter()
            .map(|r| r.render_text(crate::coverage::terminal_width()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    report::output(&text);
    Ok(Outcome::success())
}

/// Prints the list asked for, tab-separated (coverage: a table, or JSON).
pub fn run(what: ListCommand) -> Result<Outcome, Error> {
    if let ListCommand::Coverage { project, json } = &what {
        return coverage(project, *json);
    }
    let project = match &what {
        ListCommand::Catalogs { project }
        | ListCommand::Layouts { project }
        | ListCommand::Controls { project, .. } => project.clone(),
        ListCommand::Coverage { .. } => None,
    };
    let ws = match workspace_for(project.as_deref(), msg!("list-needs-valid-project")) {
        Ok(ws) => ws,
        Err(code) => return Ok(super::code(code)),
    };
    let mut text = String::new();
    match what {
        ListCommand::Catalogs { .. } => {
            for c in ws.catalogs.values() {
                let count = msg!("list-controls-count", count = c.controls().len());
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    c.id,
                    count.to_text(),
                    c.title,
                    c.origin
                ));
            }
        }
        ListCommand::Layouts { .. } => {
            for l in ws.layouts.values() {
                let any = msg!("list-any-catalog").to_text();
                let catalog = l.catalog.as_deref().unwrap_or(&any);
                text.push_str(&format!(
                    "{}\t{}\t{}\n",
                    l.id,
                    catalog,
                    l.description.as_deref().unwrap_or("")
                ));
            }
        }
        ListCommand::Controls { catalog, .. } => {
            let Some(c) = ws.catalogs.get(&catalog) else {
                return Err(Error::UnknownCatalog {
                    known: ws.catalogs.keys().cloned().collect(),
                    id: catalog,
                });
            };
            for control in c.controls() {
                let level = control.level.map_or("", |l| l.as_str());
                let title = control
                    .title
                    .as_deref()
                    .or(control.text.as_deref())
                    .unwrap_or("");
                let title = title.lines().next().unwrap_or("");
                text.push_str(&format!("{}\t{}\t{}\n", control.id, level, title));
            }
        }
        ListCommand::Coverage { .. } => {}
    }
    report::output(&text);
    Ok(Outcome::success())
}
