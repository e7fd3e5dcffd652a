//! Derived answers: an output's control without an answer takes the answer of the controls
//! it maps to in another catalog the project answers — when they all agree. Differing
//! sources are a conflict, reported and never resolved silently.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::ControlRef;
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::model::{Answer, AnswerSet, Catalog};
use crate::source::Span;

/// Where a derived answer came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Derivation {
    pub catalog: String,
    pub controls: Vec<String>,
}

/// A derived answer and its source.
#[derive(Clone, Debug)]
pub struct Derived {
    pub answer: Answer,
    pub from: Derivation,
}

/// Derived answers per catalog, by control ID.
pub type DerivedAnswers = IndexMap<String, IndexMap<String, Derived>>;

/// How derived answers are reported: one warning each, or one note per catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reporting {
    Warn,
    Allow,
}

pub struct DeriveInput<'a> {
    pub catalogs: &'a IndexMap<String, Catalog>,
    pub answers: &'a IndexMap<String, AnswerSet>,
    pub relations: &'a HashMap<ControlRef, Vec<ControlRef>>,
    pub reporting: Reporting,
}

/// What derivation found for one catalog: the derived answers, and the controls whose
/// mapped answers differ (each reported as a [`Code::DerivationConflict`] error).
#[derive(Debug, Default)]
pub struct DerivedCatalog {
    pub answers: IndexMap<String, Derived>,
    pub conflicts: Vec<String>,
}

/// The parts of an answer that mapped answers must agree on, and how each is compared.
type SamePart = fn(&Answer, &Answer) -> bool;
const ANSWER_PARTS: [(&str, SamePart); 4] = [
    ("status", |a, b| a.status == b.status),
    ("answer", |a, b| a.body == b.body),
    ("links", |a, b| a.links == b.links),
    ("evidence", |a, b| a.evidence == b.evidence),
];

/// Derives the unanswered controls of `catalog` (an output's catalog).
pub fn derive_catalog(
    input: &DeriveInput,
    catalog: &Catalog,
    at: Option<Span>,
    diags: &mut Diagnostics,
) -> DerivedCatalog {
    let own = input.answers.get(&catalog.id);
    let mut derived = IndexMap::new();
    let mut conflicts = Vec::new();
    for control in catalog.controls() {
        if own.is_some_and(|a| a.answers.contains_key(&control.id)) {
            continue;
        }
        let key = (catalog.id.clone(), control.id.clone());
        let Some(targets) = input.relations.get(&key) else {
            continue;
        };
        let sources: Vec<(&ControlRef, &Answer)> = targets
            .iter()
            .filter(|(other, _)| other != &catalog.id)
            .filter_map(|target| {
                input
                    .answers
                    .get(&target.0)
                    .and_then(|set| set.answers.get(&target.1))
                    .map(|a| (target, &**a))
            })
            .collect();
        let Some(((first_catalog, _), first)) = sources.first() else {
            continue;
        };
        let differing: Vec<&str> = ANSWER_PARTS
            .iter()
            .filter(|(_, same)| !sources.iter().all(|(_, a)| same(a, first)))
            .map(|(field, _)| *field)
            .collect();
        if !differing.is_empty() {
            let names: Vec<String> = sources
                .iter()
                .map(|((c, id), _)| format!("{c} `{id}`"))
                .collect();
            let mut d = Diagnostic::new(
                Code::DerivationConflict,
                crate::msg!(
                    "derivation-conflict",
                    control = &control.id,
                    catalog = &catalog.id,
                    parts = differing.join(", "),
                    answers = names.join(", ")
                ),
            )
            .help(crate::msg!(
                "derivation-conflict-help",
                control = &control.id,
                catalog = &catalog.id
            ));
            for (i, ((c, id), a)) in sources.iter().enumerate() {
                d = if i == 0 {
                    d.at(
                        a.span,
                        crate::msg!("label-mapped-answer", catalog = c, control = id),
                    )
                } else {
                    d.also(
                        a.span,
                        crate::msg!("label-mapped-answer-differs", catalog = c, control = id),
                    )
                };
            }
            diags.push(d);
            conflicts.push(control.id.clone());
            continue;
        }
        let mut answer = (*first).clone();
        answer.control = control.id.clone();
        answer.note = None;
        let from = Derivation {
            catalog: first_catalog.clone(),
            controls: sources.iter().map(|((_, id), _)| id.clone()).collect(),
        };
        if input.reporting == Reporting::Warn {
            diags.push(
                Diagnostic::new(
                    Code::Derived,
                    crate::msg!(
                        "derived-answer",
                        control = &control.id,
                        catalog = &catalog.id,
                        from = &from.catalog,
                        controls = from
                            .controls
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .at(first.span, crate::msg!("label-answer-used"))
                .help(crate::msg!("derived-answer-help")),
            );
        }
        derived.insert(control.id.clone(), Derived { answer, from });
    }
    if input.reporting == Reporting::Allow && !derived.is_empty() {
        let mut by_source: IndexMap<&str, usize> = IndexMap::new();
        for d in derived.values() {
            *by_source.entry(d.from.catalog.as_str()).or_default() += 1;
        }
        let sources: Vec<crate::i18n::Message> = by_source
            .iter()
            .map(|(c, n)| crate::msg!("derived-from", count = *n, catalog = *c))
            .collect();
        let mut d = Diagnostic::new(
            Code::Derived,
            crate::msg!(
                "derived-answers",
                count = derived.len(),
                catalog = &catalog.id,
                sources = crate::i18n::Arg::List(sources)
            ),
        )
        .with_severity(Severity::Note)
        .help(crate::msg!("derived-answers-help"));
        if let Some(span) = at {
            d = d.at(span, crate::msg!("label-output-of-catalog"));
        }
        diags.push(d);
    }
    DerivedCatalog {
        answers: derived,
        conflicts,
    }
}
