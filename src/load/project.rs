//! The project file (`checksheet.yaml`): raw YAML to a validated [`Project`].

use std::path::Path;

use strum::VariantArray;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, parse_date, wrong_type};
use crate::model::{
    DerivePolicy, DocumentTexts, Format, Organization, OutputSpec, Policy, PolicyLevel, Project,
};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

pub fn load_project(root: &Node, dir: &Path, diags: &mut Diagnostics) -> Option<Project> {
    let fields = Fields::new(root, msg!("what-project-file"), &formats::PROJECT, diags)?;
    let organization = fields.require("organization", diags).and_then(|node| {
        let org = Fields::new(
            node,
            msg!("what-key", key = "organization"),
            &formats::ORGANIZATION,
            diags,
        )?;
        Some(Organization {
            name: org.required_text("name", diags)?.0,
            short_name: org.text("short_name", diags).map(|t| t.0),
            service: org.text("service", diags).map(|t| t.0),
            contact: org.text("contact", diags).map(|t| t.0),
        })
    });
    let as_of = fields
        .required_text("as_of", diags)
        .and_then(|(text, span)| parse_date(&text, span, msg!("what-key", key = "as_of"), diags));
    let paths = |name: &str, default: Option<&str>, diags: &mut Diagnostics| {
        let listed = fields.text_list(name, diags);
        if listed.is_empty() && fields.get(name).is_none() {
            let span = Span::new(root.span.source, 0, 0);
            return default
                .map(|d| vec![(dir.join(d), span)])
                .unwrap_or_default();
        }
        listed
            .into_iter()
            .map(|(p, span)| (dir.join(p), span))
            .collect()
    };
    let answers_listed = fields.get("answers").is_some();
    let answers = paths("answers", Some("answers"), diags);
    let catalogs = paths("catalogs", None, diags);
    let layouts = paths("layouts", None, diags);
    let document = match fields.get("document") {
        Some(node) => Fields::new(
            node,
            msg!("what-key", key = "document"),
            &formats::DOCUMENT,
            diags,
        )
        .map(|doc| DocumentTexts {
            title: doc.text("title", diags).map(|t| t.0),
            preamble: doc
                .text_list("preamble", diags)
                .into_iter()
                .map(|t| t.0)
                .collect(),
            notice: doc.text("notice", diags).map(|t| t.0),
        })
        .unwrap_or_default(),
        None => DocumentTexts::default(),
    };
    let policy = fields
        .get("policy")
        .map(|node| read_policy(node, diags))
        .unwrap_or_default();
    let policy_span = fields.key_span("policy");
    let outputs = match fields.require("outputs", diags) {
        Some(node) => read_outputs(node, diags),
        None => Vec::new(),
    };
    // A project with errors still yields a model (with placeholders where values were
    // wrong), so answers and outputs are checked too and every error is reported at once;
    // the errors already recorded keep the build from writing anything.
    Some(Project {
        root: dir.to_path_buf(),
        organization: organization.unwrap_or_default(),
        as_of: as_of.unwrap_or(jiff::civil::date(1970, 1, 1)),
        answers,
        answers_listed,
        catalogs,
        layouts,
        document,
        outputs,
        policy,
        policy_span,
    })
}

fn read_policy(node: &Node, diags: &mut Diagnostics) -> Policy {
    let mut policy = Policy::default();
    let Some(fields) = Fields::new(
        node,
        msg!("what-key", key = "policy"),
        &formats::POLICY,
        diags,
    ) else {
        return policy;
    };
    let level = |name: &str, diags: &mut Diagnostics| {
        fields.text(name, diags).and_then(|(text, span)| {
            let level = text.parse::<PolicyLevel>().ok();
            if level.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        msg!("invalid-policy-level", name = name, value = &text),
                    )
                    .at(span, msg!("label-not-a-policy-level"))
                    .help(msg!("invalid-policy-level-help")),
                );
            }
            level
        })
    };
    if let Some(l) = level("unanswered", diags) {
        policy.unanswered = l;
        policy.unanswered_basic = l;
    }
    if let Some(l) = level("unanswered_basic", diags) {
        policy.unanswered_basic = l;
    }
    if let Some(l) = level("stale_review", diags) {
        policy.stale_review = l;
    }
    if let Some(l) = level("missing_review", diags) {
        policy.missing_review = l;
    }
    if let Some((text, span)) = fields.text("derived_answers", diags) {
        match text.parse::<DerivePolicy>().ok() {
            Some(p) => policy.derived_answers = p,
            None => diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    msg!("invalid-derive-policy", value = &text),
                )
                .at(span, msg!("label-not-a-derive-policy"))
                .help(msg!("invalid-derive-policy-help")),
            ),
        }
    }
    if let Some((text, span)) = fields.text("review_within_days", diags) {
        match text.parse::<i64>() {
            Ok(days) if (1..=36_500).contains(&days) => policy.review_within_days = Some(days),
            _ => diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    msg!("invalid-review-days", value = &text),
                )
                .at(span, msg!("label-not-days"))
                .help(msg!("invalid-review-days-help")),
            ),
        }
    }
    policy
}

fn read_outputs(node: &Node, diags: &mut Diagnostics) -> Vec<OutputSpec> {
    let Value::Seq(items) = &node.value else {
        diags.push(wrong_type(
            node,
            msg!("what-key", key = "outputs"),
            msg!("expected-list-of-outputs"),
        ));
        return Vec::new();
    };
    let mut outputs = Vec::new();
    for item in items {
        let Some(fields) = Fields::new(item, msg!("what-output"), &formats::OUTPUT, diags) else {
            continue;
        };
        let layout = fields.required_text("layout", diags);
        let catalog = fields.text("catalog", diags).map(|t| t.0);
        let name = fields
            .text("name", diags)
            .filter(|(name, span)| check_output_name(name, *span, diags));
        let formats = match fields.get("formats") {
            None => Format::VARIANTS.to_vec(),
            Some(_) => fields
                .text_list("formats", diags)
                .into_iter()
                .filter_map(|(text, span)| {
                    let format = text.parse::<Format>().ok();
                    if format.is_none() {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidValue,
                                msg!("unknown-format", format = &text),
                            )
                            .at(span, msg!("label-not-a-format"))
                            .help(msg!("unknown-format-help")),
                        );
                    }
                    format
                })
                .collect(),
        };
        if let Some((layout, layout_span)) = layout {
            outputs.push(OutputSpec {
                layout,
                layout_span,
                catalog,
                formats,
                name: name.map(|n| n.0),
                span: item.span,
            });
        }
    }
    outputs
}

/// Output names become file names inside the output folder: nothing that could escape it.
pub fn check_output_name(name: &str, span: Span, diags: &mut Diagnostics) -> bool {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                msg!(
                    "invalid-output-name",
                    name = name.escape_debug().to_string()
                ),
            )
            .at(span, msg!("label-output-name"))
            .help(msg!("invalid-output-name-help")),
        );
    }
    ok
}
