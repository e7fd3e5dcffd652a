//! Cross-file validation: answers against their catalogs, outputs against layouts and
//! catalogs. Produces the [`Plan`] a build renders from, and every diagnostic at once.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::load::Workspace;
use crate::model::{AnswerSet, Format, OutputSpec};

/// One output, resolved: its layout, its catalog and the file stem it writes.
#[derive(Clone, Debug)]
pub struct PlannedOutput {
    pub layout: String,
    pub catalog: String,
    pub formats: Vec<Format>,
    pub stem: String,
}

/// What a build renders: validated answers per catalog and the outputs to write.
#[derive(Debug, Default)]
pub struct Plan {
    pub answers: IndexMap<String, AnswerSet>,
    pub outputs: Vec<PlannedOutput>,
}

/// How many unanswered control IDs a warning names before "and N more".
const SHOWN_UNANSWERED: usize = 8;

pub fn validate(ws: &Workspace) -> (Plan, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut plan = Plan::default();
    collect_answers(ws, &mut plan, &mut diags);
    if let Some(project) = &ws.project {
        let mut stems: HashMap<String, &OutputSpec> = HashMap::new();
        for spec in &project.outputs {
            let Some(output) = resolve_output(ws, spec, &mut diags) else {
                continue;
            };
            if let Some(first) = stems.get(&output.stem) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateOutput,
                        format!("two outputs would write `{}.*`", output.stem),
                    )
                    .at(spec.span, "second output")
                    .also(first.span, "first output")
                    .help("give one of them a different `name:`"),
                );
                continue;
            }
            stems.insert(output.stem.clone(), spec);
            plan.outputs.push(output);
        }
        // Files that failed to load would make every control look unanswered.
        if !ws.diags.has_errors() && !diags.has_errors() {
            warn_unanswered(ws, &plan, &mut diags);
        }
    }
    (plan, diags)
}

fn collect_answers(ws: &Workspace, plan: &mut Plan, diags: &mut Diagnostics) {
    let known: HashMap<&str, (Vec<&str>, HashSet<&str>)> = ws
        .catalogs
        .values()
        .map(|c| {
            let ordered: Vec<&str> = c.controls().into_iter().map(|c| c.id.as_str()).collect();
            let set = ordered.iter().copied().collect();
            (c.id.as_str(), (ordered, set))
        })
        .collect();
    for file in &ws.answer_files {
        let Some((ordered, ids)) = known.get(file.catalog.as_str()) else {
            if ws.broken_catalogs.contains(&file.catalog) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::UnknownCatalog,
                format!("unknown catalog `{}`", file.catalog),
            )
            .at(file.catalog_span, "no catalog with this ID");
            d = match did_you_mean(&file.catalog, ws.catalogs.keys().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!("known catalogs: {}", catalog_list(ws))),
            };
            diags.push(d);
            continue;
        };
        let set = plan.answers.entry(file.catalog.clone()).or_default();
        for answer in &file.answers {
            if !ids.contains(answer.control.as_str()) {
                let mut d = Diagnostic::new(
                    Code::UnknownControl,
                    format!(
                        "unknown control ID `{}` in catalog {}",
                        answer.control, file.catalog
                    ),
                )
                .at(answer.span, "not a control of this catalog");
                if let Some(s) = did_you_mean(&answer.control, ordered.iter().copied()) {
                    d = d.help(format!("did you mean `{s}`?"));
                } else {
                    d = d.help(format!("see `checksheet list controls {}`", file.catalog));
                }
                diags.push(d);
                continue;
            }
            if let Some(first) = set.answers.get(&answer.control) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateAnswer,
                        format!("control `{}` is answered twice", answer.control),
                    )
                    .at(answer.span, "second answer")
                    .also(first.span, "first answered here")
                    .help("keep one answer per control; merge the two texts into one"),
                );
                continue;
            }
            set.answers.insert(answer.control.clone(), answer.clone());
        }
    }
}

fn resolve_output(
    ws: &Workspace,
    spec: &OutputSpec,
    diags: &mut Diagnostics,
) -> Option<PlannedOutput> {
    let Some(layout) = ws.layouts.get(&spec.layout) else {
        let mut d = Diagnostic::new(
            Code::UnknownLayout,
            format!("unknown layout `{}`", spec.layout),
        )
        .at(spec.span, "this output");
        let known: Vec<&str> = ws.layouts.keys().map(String::as_str).collect();
        d = match did_you_mean(&spec.layout, known.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("known layouts: {}", known.join(", "))),
        };
        diags.push(d);
        return None;
    };
    let catalog = match (&spec.catalog, &layout.catalog) {
        (Some(asked), Some(bound)) if asked != bound => {
            diags.push(
                Diagnostic::new(
                    Code::LayoutCatalog,
                    format!(
                        "layout `{}` is made for catalog `{bound}`, not `{asked}`",
                        layout.id
                    ),
                )
                .at(spec.span, "this output")
                .help(format!(
                    "remove `catalog:` or use the generic layout `default` for `{asked}`"
                )),
            );
            return None;
        }
        (Some(asked), _) => asked.clone(),
        (None, Some(bound)) => bound.clone(),
        (None, None) => {
            diags.push(
                Diagnostic::new(
                    Code::LayoutCatalog,
                    format!("output with layout `{}` needs a `catalog`", layout.id),
                )
                .at(spec.span, "this output")
                .help(format!(
                    "add `catalog: <id>`; known catalogs: {}",
                    catalog_list(ws)
                )),
            );
            return None;
        }
    };
    let Some(found) = ws.catalogs.get(&catalog) else {
        if ws.broken_catalogs.contains(&catalog) {
            return None;
        }
        let mut d = Diagnostic::new(Code::UnknownCatalog, format!("unknown catalog `{catalog}`"))
            .at(spec.span, "this output");
        d = match did_you_mean(&catalog, ws.catalogs.keys().map(String::as_str)) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("known catalogs: {}", catalog_list(ws))),
        };
        diags.push(d);
        return None;
    };
    for sheet in &layout.sheets {
        for (group, span) in &sheet.groups {
            if !found.groups.iter().any(|g| &g.id == group) {
                diags.push(
                    Diagnostic::new(
                        Code::LayoutCatalog,
                        format!("layout `{}` puts group `{group}` on a sheet, but catalog `{catalog}` has no such top-level group", layout.id),
                    )
                    .at(*span, "unknown group")
                    .help(format!(
                        "top-level groups: {}",
                        found.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
    }
    let stem = spec.name.clone().unwrap_or_else(|| {
        if layout.catalog.is_some() {
            layout.id.clone()
        } else {
            format!("{}-{catalog}", layout.id)
        }
    });
    Some(PlannedOutput {
        layout: layout.id.clone(),
        catalog,
        formats: spec.formats.clone(),
        stem,
    })
}

fn warn_unanswered(ws: &Workspace, plan: &Plan, diags: &mut Diagnostics) {
    let mut warned = HashSet::new();
    for output in &plan.outputs {
        if !warned.insert(output.catalog.clone()) {
            continue;
        }
        let Some(catalog) = ws.catalogs.get(&output.catalog) else {
            continue;
        };
        let answers = plan.answers.get(&output.catalog);
        let missing: Vec<&str> = catalog
            .controls()
            .into_iter()
            .filter(|c| answers.is_none_or(|a| !a.answers.contains_key(&c.id)))
            .map(|c| c.id.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let shown = missing
            .iter()
            .take(SHOWN_UNANSWERED)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let more = missing.len().saturating_sub(SHOWN_UNANSWERED);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let mut d = Diagnostic::new(
            Code::Unanswered,
            format!(
                "{} of {} controls of catalog {} have no answer: {shown}{tail}",
                missing.len(),
                catalog.controls().len(),
                catalog.id
            ),
        )
        .help(
            "answer them in an answer file with `catalog: ".to_owned()
                + &catalog.id
                + "`; they are shown blank",
        );
        if let Some(span) = ws
            .project
            .as_ref()
            .and_then(|p| p.outputs.iter().find(|o| o.layout == output.layout))
            .map(|o| o.span)
        {
            d = d.at(span, "output of this catalog");
        }
        diags.push(d);
    }
}

fn catalog_list(ws: &Workspace) -> String {
    ws.catalogs
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
