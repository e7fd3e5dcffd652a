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
use crate::msg;

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
                        msg!("duplicate-output", stem = &output.stem),
                    )
                    .at(spec.span, msg!("label-second-output"))
                    .also(first.span, msg!("label-first-output"))
                    .help(msg!("duplicate-output-help")),
                );
                continue;
            }
            stems.insert(output.stem.clone(), spec);
            plan.outputs.push(output);
        }
        mapping::check_mappings(&ws.mappings, &ws.thesauri, &ws.catalogs, &mut diags);
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
                msg!("unknown-catalog", catalog = &file.catalog),
            )
            .at(file.catalog_span, msg!("label-no-catalog-with-id"));
            d = match did_you_mean(&file.catalog, ws.catalogs.keys().map(String::as_str)) {
                Some(s) => d.help(msg!("help-did-you-mean", suggestion = s)),
                None => d.help(msg!(
                    "unknown-catalog-answers-help",
                    catalogs = catalog_list(ws)
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
                    msg!(
                        "unknown-control",
                        control = &answer.control,
                        catalog = &file.catalog
                    ),
                )
                .at(answer.span, msg!("label-not-a-control-of-catalog"));
                if let Some(s) = did_you_mean(&answer.control, ordered.iter().copied()) {
                    d = d.help(crate::diag::did_you_mean_help(&answer.control, s));
                } else {
                    d = d.help(msg!("help-see-list-controls", catalog = &file.catalog));
                }
                diags.push(d);
                continue;
            }
            if let Some(first) = set.answers.get(&answer.control) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateAnswer,
                        msg!("duplicate-answer", control = &answer.control),
                    )
                    .at(answer.span, msg!("label-second-answer"))
                    .also(first.span, msg!("label-first-answered-here"))
                    .help(msg!("duplicate-answer-help")),
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
            msg!("unknown-layout", layout = &spec.layout),
        )
        .at(spec.layout_span, msg!("label-not-a-layout"));
        let known: Vec<&str> = ws.layouts.keys().map(String::as_str).collect();
        d = match did_you_mean(&spec.layout, known.iter().copied()) {
            Some(s) => d.help(msg!("help-did-you-mean", suggestion = s)),
            None => d.help(msg!("help-known-layouts", layouts = known.join(", "))),
        };
        diags.push(d);
        return None;
    };
    let catalog = match (&spec.catalog, &layout.catalog) {
        (Some(asked), Some(bound)) if asked != bound => {
            diags.push(
                Diagnostic::new(
                    Code::LayoutCatalog,
                    msg!(
                        "layout-for-other-catalog",
                        layout = &layout.id,
                        bound = bound,
                        asked = asked
                    ),
                )
                .at(spec.span, msg!("label-this-output"))
                .help(msg!("layout-for-other-catalog-help", asked = asked)),
            );
            return None;
        }
        (Some(asked), _) => asked.clone(),
        (None, Some(bound)) => bound.clone(),
        (None, None) => {
            diags.push(
                Diagnostic::new(
                    Code::LayoutCatalog,
                    msg!("output-needs-catalog", layout = &layout.id),
                )
                .at(spec.span, msg!("label-this-output"))
                .help(msg!(
                    "output-needs-catalog-help",
                    catalogs = catalog_list(ws)
                )),
            );
            return None;
        }
    };
    let Some(found) = ws.catalogs.get(&catalog) else {
        if ws.broken_catalogs.contains(&catalog) {
            return None;
        }
        let mut d = Diagnostic::new(
            Code::UnknownCatalog,
            msg!("unknown-catalog", catalog = &catalog),
        )
        .at(spec.span, msg!("label-this-output"));
        d = match did_you_mean(&catalog, ws.catalogs.keys().map(String::as_str)) {
            Some(s) => d.help(msg!("help-did-you-mean", suggestion = s)),
            None => d.help(msg!("help-known-catalogs", catalogs = catalog_list(ws))),
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
                        msg!(
                            "layout-unknown-group",
                            layout = &layout.id,
                            group = group,
                            catalog = &catalog
                        ),
                    )
                    .at(*span, msg!("label-unknown-group"))
                    .help(msg!(
                        "help-top-level-groups",
                        groups = found
                            .groups
                            .iter()
                            .map(|g| g.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
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
                msg!("unanswered-basic"),
            ),
            (
                Code::Unanswered,
                policy.unanswered,
                other,
                msg!("unanswered"),
            ),
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
            let message = what
                .arg("count", open.len())
                .arg("catalog", &catalog.id)
                .arg("shown", shown)
                .arg("more", more);
            let mut d = Diagnostic::new(code, message)
                .with_severity(severity)
                .help(msg!("unanswered-help", catalog = &catalog.id));
            if let Some(span) = output_span {
                d = d.at(span, msg!("label-output-of-catalog"));
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
                                msg!(
                                    "stale-review",
                                    control = &answer.control,
                                    reviewed = reviewed.to_string(),
                                    age = age,
                                    as_of = project.as_of.to_string()
                                ),
                            )
                            .with_severity(severity)
                            .at(answer.span, msg!("label-reviewed-more-than", days = days))
                            .help(msg!("stale-review-help")),
                        );
                    }
                }
                (None, _) => {
                    if let Some(severity) = severity(policy.missing_review) {
                        diags.push(
                            Diagnostic::new(
                                Code::MissingReview,
                                msg!("missing-review", control = &answer.control),
                            )
                            .with_severity(severity)
                            .at(answer.span, msg!("label-no-review-date"))
                            .help(msg!("missing-review-help")),
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
