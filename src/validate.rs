//! Cross-file validation: answers against their catalogs, outputs against layouts and
//! catalogs. Produces the [`Plan`] a build renders from, and every diagnostic at once.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use crate::coverage::{Open, coverage};
use crate::diag::{Code, Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::load::Workspace;
use crate::mapping::{
    self,
    derive::{DeriveInput, DerivedAnswers, Reporting, derive_catalog},
};
use crate::model::{AnswerSet, DerivePolicy, Format, Level, OutputSpec, PolicyLevel};

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
    /// Answers taken through mappings for output catalogs (per `policy.derived_answers`),
    /// kept apart from the answers people wrote.
    pub derived: DerivedAnswers,
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
        mapping::check_mappings(&ws.mappings, &ws.catalogs, &mut diags);
        // Files that failed to load would make every control look unanswered.
        if !ws.diags.has_errors() && !diags.has_errors() {
            derive_answers(ws, &mut plan, &mut diags);
            apply_policy(ws, &plan, &mut diags);
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
                None => d.help(format!(
                    "known catalogs: {}; a catalog of the project (one `import --write-catalog` wrote) must be in a folder listed under `catalogs:` in checksheet.yaml, e.g. `catalogs: [controls]`",
                    catalog_list(ws)
                )),
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
                    d = d.help(crate::diag::did_you_mean_help(&answer.control, s));
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
        if ws.broken_layouts.contains(&spec.layout) {
            // Its own errors say why it is not there.
            return None;
        }
        let mut d = Diagnostic::new(
            Code::UnknownLayout,
            format!("unknown layout `{}`", spec.layout),
        )
        .at(spec.layout_span, "not a layout");
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

/// Fills unanswered controls of output catalogs from mapped answers, as the policy allows.
fn derive_answers(ws: &Workspace, plan: &mut Plan, diags: &mut Diagnostics) {
    let Some(project) = &ws.project else { return };
    let derived = with_derive_input(ws, plan, |input| {
        let mut derived = DerivedAnswers::new();
        for output in &plan.outputs {
            if derived.contains_key(&output.catalog) {
                continue;
            }
            let Some(catalog) = ws.catalogs.get(&output.catalog) else {
                continue;
            };
            let at = project
                .outputs
                .iter()
                .find(|o| o.layout == output.layout)
                .map(|o| o.span);
            let found = derive_catalog(input, catalog, at, diags).answers;
            derived.insert(output.catalog.clone(), found);
        }
        derived
    });
    if let Some(derived) = derived {
        plan.derived = derived;
    }
}

/// The answers of `catalog` taken through mappings, for a command that answers a catalog
/// no output names (`fill`): as `build` derives them, per `policy.derived_answers`
/// (nothing when it is `off`). Conflicts are reported to `diags` and listed.
pub fn derive_for(
    ws: &Workspace,
    plan: &Plan,
    catalog: &crate::model::Catalog,
    diags: &mut Diagnostics,
) -> crate::mapping::derive::DerivedCatalog {
    let at = ws.project.as_ref().and_then(|p| p.policy_span);
    with_derive_input(ws, plan, |input| derive_catalog(input, catalog, at, diags))
        .unwrap_or_default()
}

/// Runs `f` with what derivation reads (the answers, the mappings' relations, how to
/// report), or gives `None` when the project derives nothing (`derived_answers: off`).
fn with_derive_input<T>(
    ws: &Workspace,
    plan: &Plan,
    f: impl FnOnce(&DeriveInput) -> T,
) -> Option<T> {
    let project = ws.project.as_ref()?;
    let reporting = match project.policy.derived_answers {
        DerivePolicy::Off => return None,
        DerivePolicy::Warn => Reporting::Warn,
        DerivePolicy::Allow => Reporting::Allow,
    };
    let relations = mapping::relations(&ws.catalogs, &ws.mappings);
    Some(f(&DeriveInput {
        catalogs: &ws.catalogs,
        answers: &plan.answers,
        relations: &relations,
        reporting,
    }))
}

/// The project's policy: unanswered controls (基本 ones apart), stale and missing reviews.
fn apply_policy(ws: &Workspace, plan: &Plan, diags: &mut Diagnostics) {
    let Some(project) = &ws.project else { return };
    let policy = &project.policy;
    let mut seen = HashSet::new();
    for output in &plan.outputs {
        if !seen.insert(output.catalog.clone()) {
            continue;
        }
        let Some(catalog) = ws.catalogs.get(&output.catalog) else {
            continue;
        };
        let answers = plan.answers.get(&output.catalog);
        let output_span = project
            .outputs
            .iter()
            .find(|o| o.layout == output.layout)
            .map(|o| o.span);
        let covered = coverage(catalog, answers, plan.derived.get(&output.catalog));
        let (basic, other): (Vec<&Open>, Vec<&Open>) = covered
            .unanswered
            .iter()
            .partition(|o| o.level == Some(Level::Basic.as_str()));
        let groups = [
            (
                Code::UnansweredBasic,
                policy.unanswered_basic,
                basic,
                "基本 controls",
            ),
            (Code::Unanswered, policy.unanswered, other, "controls"),
        ];
        for (code, level, open, what) in groups {
            let Some(severity) = severity(level) else {
                continue;
            };
            if open.is_empty() {
                continue;
            }
            let shown = open
                .iter()
                .take(SHOWN_UNANSWERED)
                .map(|o| format!("`{}`", o.id))
                .collect::<Vec<_>>()
                .join(", ");
            let more = open.len().saturating_sub(SHOWN_UNANSWERED);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let mut d = Diagnostic::new(
                code,
                format!("{} {what} of catalog {} have no answer: {shown}{tail}", open.len(), catalog.id),
            )
            .with_severity(severity)
            .help(format!(
                "answer them in a file with `catalog: {}` (see `checksheet list coverage`); until then their answer cells are empty, or show the layout's `unanswered` text",
                catalog.id
            ));
            if let Some(span) = output_span {
                d = d.at(span, "output of this catalog");
            }
            diags.push(d);
        }
        let Some(answers) = answers else { continue };
        for answer in answers.answers.values() {
            match (answer.reviewed, policy.review_within_days) {
                (Some(reviewed), Some(days)) => {
                    let age = (project.as_of - reviewed).get_days() as i64;
                    if age > days
                        && let Some(severity) = severity(policy.stale_review)
                    {
                        diags.push(
                            Diagnostic::new(
                                Code::StaleReview,
                                format!("control `{}` was last reviewed {reviewed}, {age} days before as_of {}", answer.control, project.as_of),
                            )
                            .with_severity(severity)
                            .at(answer.span, format!("reviewed more than {days} days ago"))
                            .help("review the answer and update `reviewed:` (policy.review_within_days)"),
                        );
                    }
                }
                (None, _) => {
                    if let Some(severity) = severity(policy.missing_review) {
                        diags.push(
                            Diagnostic::new(Code::MissingReview, format!("control `{}` has no `reviewed` date", answer.control))
                                .with_severity(severity)
                                .at(answer.span, "no review date")
                                .help("add `reviewed: YYYY-MM-DD` after reviewing the answer (policy.missing_review)"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

fn severity(level: PolicyLevel) -> Option<Severity> {
    match level {
        PolicyLevel::Off => None,
        PolicyLevel::Warning => Some(Severity::Warning),
        PolicyLevel::Error => Some(Severity::Error),
    }
}

fn catalog_list(ws: &Workspace) -> String {
    ws.catalogs
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
