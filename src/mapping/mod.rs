//! Mappings between catalogs: which controls of one catalog answer the same question as
//! controls of another. They come from a catalog's own `refs` naming another catalog, and
//! from mapping files (`controls/mappings/<from>--<to>.yaml`). ISO/IEC 27001:2013 Annex A
//! (`iso27001-2013`) can be either end, as a hub.
//!
//! Answers are derived only through direct relations between two catalogs, and only
//! through mapping pairs a person confirmed: an Annex A control is broader than a guideline
//! control, and a suggestion is not a decision.

pub mod derive;
pub mod iso27001;
pub mod suggest;
pub mod text;
pub mod thesaurus;

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::formats;
use crate::load::fields::{Fields, check_id, wrong_type};
use crate::model::Catalog;
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// Whether a person has confirmed a pair. Only confirmed pairs carry answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairStatus {
    Confirmed,
    Suggested,
}

#[derive(Clone, Debug)]
pub struct Pair {
    pub from: String,
    pub to: Vec<String>,
    pub status: PairStatus,
    pub span: Span,
}

/// One mapping file.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub from: String,
    pub to: String,
    pub from_span: Span,
    pub to_span: Span,
    pub pairs: Vec<Pair>,
    pub origin: String,
}

/// True when a YAML file is a mapping file (it has a top-level `mapping:`).
pub fn is_mapping_file(root: &Node) -> bool {
    matches!(&root.value, Value::Map(entries) if entries.iter().any(|(k, _)| k.text == "mapping"))
}

/// Reads a mapping file's shape; the ends are checked later against the catalogs.
pub fn load_mapping(root: &Node, origin: &str, diags: &mut Diagnostics) -> Option<Mapping> {
    let before = diags.error_count();
    let fields = Fields::new(
        root,
        msg!("what-mapping-file"),
        &formats::MAPPING_FILE,
        diags,
    )?;
    let header = Fields::new(
        fields.require("mapping", diags)?,
        msg!("what-mapping-header"),
        &formats::MAPPING_HEADER,
        diags,
    )?;
    let from = header.required_text("from", diags);
    let to = header.required_text("to", diags);
    let mut pairs = Vec::new();
    if let Some(node) = fields.require("pairs", diags) {
        match &node.value {
            Value::Seq(items) => {
                for item in items {
                    let Some(pair) = Fields::new(
                        item,
                        msg!("what-mapping-pair"),
                        &formats::MAPPING_PAIR,
                        diags,
                    ) else {
                        continue;
                    };
                    let from = pair
                        .required_text("from", diags)
                        .filter(|(id, span)| check_id(id, *span, msg!("noun-control"), diags));
                    let to: Vec<String> = match pair.get("to") {
                        Some(Node {
                            value: Value::Str(_) | Value::Plain(_),
                            ..
                        }) => pair.text("to", diags).into_iter().map(|t| t.0).collect(),
                        Some(_) => pair
                            .text_list("to", diags)
                            .into_iter()
                            .map(|t| t.0)
                            .collect(),
                        None => {
                            pair.require("to", diags);
                            Vec::new()
                        }
                    };
                    let status = match pair.text("status", diags) {
                        None => Some(PairStatus::Confirmed),
                        Some((s, _)) if s == "confirmed" => Some(PairStatus::Confirmed),
                        Some((s, _)) if s == "suggested" => Some(PairStatus::Suggested),
                        Some((s, span)) => {
                            diags.push(
                                Diagnostic::new(
                                    Code::InvalidValue,
                                    msg!("unknown-pair-status", status = &s),
                                )
                                .at(span, msg!("label-not-a-pair-status"))
                                .help(msg!("unknown-pair-status-help")),
                            );
                            None
                        }
                    };
                    let _ = pair.text("score", diags);
                    if let (Some((from, _)), Some(status)) = (from, status) {
                        pairs.push(Pair {
                            from,
                            to,
                            status,
                            span: item.span,
                        });
                    }
                }
            }
            _ => diags.push(wrong_type(
                node,
                msg!("what-key", key = "pairs"),
                msg!("expected-list-of-pairs"),
            )),
        }
    }
    if diags.error_count() > before {
        return None;
    }
    let (from, from_span) = from?;
    let (to, to_span) = to?;
    Some(Mapping {
        from,
        to,
        from_span,
        to_span,
        pairs,
        origin: origin.to_owned(),
    })
}

/// Checks that both ends of every mapping exist: the catalogs (or the Annex A hub) and
/// every control named.
pub fn check_mappings(
    mappings: &[Mapping],
    thesauri: &[thesaurus::Thesaurus],
    catalogs: &indexmap::IndexMap<String, Catalog>,
    diags: &mut Diagnostics,
) {
    let ids: HashMap<&str, Vec<&str>> = catalogs
        .values()
        .map(|c| {
            (
                c.id.as_str(),
                c.controls().into_iter().map(|c| c.id.as_str()).collect(),
            )
        })
        .collect();
    let known_catalog = |id: &str, span: Span, diags: &mut Diagnostics| {
        if id == iso27001::HUB || ids.contains_key(id) {
            return true;
        }
        let mut d = Diagnostic::new(
            Code::UnknownMapped,
            msg!("mapping-unknown-catalog", catalog = id),
        )
        .at(span, msg!("label-no-such-catalog"));
        if let Some(s) = did_you_mean(id, ids.keys().copied().chain([iso27001::HUB])) {
            d = d.help(msg!("help-did-you-mean", suggestion = s));
        }
        diags.push(d);
        false
    };
    for mapping in mappings {
        let from_ok = known_catalog(&mapping.from, mapping.from_span, diags);
        let to_ok = known_catalog(&mapping.to, mapping.to_span, diags);
        for pair in &mapping.pairs {
            if from_ok {
                check_control(&mapping.from, &pair.from, pair.span, &ids, diags);
            }
            if to_ok {
                for id in &pair.to {
                    check_control(&mapping.to, id, pair.span, &ids, diags);
                }
            }
        }
    }
    check_keywords(thesauri, &ids, diags);
}

/// Checks that a project's thesaurus keywords name catalogs and controls it has. The
/// built-in thesaurus's keywords are not checked: a project may replace a built-in catalog
/// with its own, whose controls the keywords then simply do not reach.
fn check_keywords(
    thesauri: &[thesaurus::Thesaurus],
    ids: &HashMap<&str, Vec<&str>>,
    diags: &mut Diagnostics,
) {
    let project_keywords = thesauri
        .iter()
        .filter(|t| !t.origin.starts_with("builtin:"))
        .flat_map(|t| &t.keywords);
    for k in project_keywords {
        let Some(controls) = ids.get(k.catalog.as_str()) else {
            let mut d = Diagnostic::new(
                Code::UnknownMapped,
                msg!("keywords-unknown-catalog", catalog = &k.catalog),
            )
            .at(k.catalog_span, msg!("label-no-such-catalog"));
            if let Some(s) = did_you_mean(&k.catalog, ids.keys().copied()) {
                d = d.help(msg!("help-did-you-mean", suggestion = s));
            }
            diags.push(d);
            continue;
        };
        if !controls.contains(&k.control.as_str()) {
            let mut d = Diagnostic::new(
                Code::UnknownMapped,
                msg!(
                    "keywords-unknown-control",
                    control = &k.control,
                    catalog = &k.catalog
                ),
            )
            .at(k.control_span, msg!("label-these-keywords"));
            if let Some(s) = did_you_mean(&k.control, controls.iter().copied()) {
                d = d.help(msg!("help-did-you-mean", suggestion = s));
            }
            diags.push(d);
        }
    }
}

fn check_control(
    catalog: &str,
    id: &str,
    span: Span,
    ids: &HashMap<&str, Vec<&str>>,
    diags: &mut Diagnostics,
) {
    let exists = if catalog == iso27001::HUB {
        iso27001::is_annex_a_id(id)
    } else {
        ids.get(catalog).is_some_and(|list| list.contains(&id))
    };
    if !exists {
        let mut d = Diagnostic::new(
            Code::UnknownMapped,
            msg!("mapping-unknown-control", control = id, catalog = catalog),
        )
        .at(span, msg!("label-in-this-pair"));
        let candidates: Vec<String> = match ids.get(catalog) {
            Some(list) => list.iter().map(|s| s.to_string()).collect(),
            None => iso27001::control_ids(),
        };
        if let Some(s) = did_you_mean(id, candidates.iter().map(String::as_str)) {
            d = d.help(msg!("help-did-you-mean", suggestion = s));
        }
        diags.push(d);
    }
}

/// A control of a catalog.
pub type ControlRef = (String, String);

/// Direct relations usable for answers: catalog refs that name another catalog, and
/// confirmed mapping pairs, both ways. Relations through the Annex A hub are not included.
pub fn relations(
    catalogs: &indexmap::IndexMap<String, Catalog>,
    mappings: &[Mapping],
) -> HashMap<ControlRef, Vec<ControlRef>> {
    let mut edges: HashMap<ControlRef, Vec<ControlRef>> = HashMap::new();
    let mut add = |a: ControlRef, b: ControlRef| {
        let forward = edges.entry(a.clone()).or_default();
        if !forward.contains(&b) {
            forward.push(b.clone());
        }
        let backward = edges.entry(b).or_default();
        if !backward.contains(&a) {
            backward.push(a);
        }
    };
    for catalog in catalogs.values() {
        for control in catalog.controls() {
            for (scheme, ids) in &control.refs {
                if scheme != &catalog.id && catalogs.contains_key(scheme) {
                    for id in ids {
                        add(
                            (catalog.id.clone(), control.id.clone()),
                            (scheme.clone(), id.clone()),
                        );
                    }
                }
            }
        }
    }
    for mapping in mappings {
        if mapping.from == iso27001::HUB || mapping.to == iso27001::HUB {
            continue;
        }
        for pair in mapping
            .pairs
            .iter()
            .filter(|p| p.status == PairStatus::Confirmed)
        {
            for id in &pair.to {
                add(
                    (mapping.from.clone(), pair.from.clone()),
                    (mapping.to.clone(), id.clone()),
                );
            }
        }
    }
    edges
}
