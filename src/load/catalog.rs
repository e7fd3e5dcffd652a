//! Catalog files (`controls/<id>.yaml`): raw YAML to a validated [`Catalog`].

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, check_id, check_url, text_of, wrong_type};
use crate::load::questionnaire::{read_cells, read_questionnaire};
use crate::model::{Catalog, Control, Group, Lang, Level, Refs};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// Reads a catalog; `None` when it has errors (all reported to `diags`).
/// Reads a catalog file, consuming its tree: each group's part of the tree is freed once
/// read, so a large catalog never holds its whole tree and its whole model at once.
pub fn load_catalog(mut root: Node<'_>, origin: &str, diags: &mut Diagnostics) -> Option<Catalog> {
    let before = diags.error_count();
    let fields = Fields::new(&root, msg!("what-catalog-file"), &formats::CATALOG, diags)?;
    let header_node = fields.require("catalog", diags)?;
    let header = Fields::new(
        header_node,
        msg!("what-catalog-header"),
        &formats::CATALOG_HEADER,
        diags,
    )?;
    let id = header.required_text("id", diags);
    if let Some((id, span)) = &id {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid {
            diags.push(
                Diagnostic::new(Code::InvalidId, msg!("invalid-catalog-id", id = id))
                    .at(*span, msg!("label-catalog-id-chars"))
                    .help(msg!("invalid-catalog-id-help")),
            );
        }
    }
    let title = header.required_text("title", diags);
    let url = header
        .text("url", diags)
        .filter(|(u, span)| check_url(u, *span, diags));
    let publisher = header.text("publisher", diags).map(|t| t.0);
    let version = header.text("version", diags).map(|t| t.0);
    let lang = header
        .text("lang", diags)
        .map_or(Some(Lang::default()), |(text, span)| {
            let lang = text.parse::<Lang>().ok();
            if lang.is_none() {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, msg!("unknown-language", lang = &text))
                        .at(span, msg!("label-not-a-language"))
                        .help(msg!("unknown-language-help")),
                );
            }
            lang
        });
    let questionnaire = fields
        .get("questionnaire")
        .filter(|n| !matches!(n.value, Value::Null))
        .map(|n| read_questionnaire(n, diags).map(Box::new));
    if fields.get("groups").is_none() && fields.get("controls").is_none() {
        diags.push(
            Diagnostic::new(Code::MissingField, msg!("catalog-without-controls"))
                .at(root.span, msg!("label-catalog-without-controls"))
                .help(msg!("catalog-without-controls-help")),
        );
    }
    let mut ids = IdTracker::default();
    let groups = root
        .take("groups")
        .map(|node| read_groups(node, &mut ids, diags))
        .unwrap_or_default();
    let controls = root
        .take("controls")
        .map(|node| read_controls(node, &mut ids, diags))
        .unwrap_or_default();
    let tables = questionnaire
        .as_ref()
        .and_then(|q| q.as_ref())
        .map_or(&[][..], |q| &q.tables[..]);
    check_cells(&groups, &controls, tables, diags);
    if diags.error_count() > before {
        return None;
    }
    let (id, id_span) = id?;
    Some(Catalog {
        id,
        title: title?.0,
        publisher,
        url: url.map(|u| u.0),
        version,
        lang: lang?,
        questionnaire: questionnaire.flatten(),
        groups,
        controls,
        origin: origin.to_owned(),
        id_span: Some(id_span),
    })
}

/// The `catalog.id` a file declares, read without validating anything else.
pub fn declared_id(root: &Node) -> Option<String> {
    header_id(root, "catalog")
}

/// The `id` a file's header mapping (`catalog:`, `layout:`) gives, if it gives one as text.
pub fn header_id(root: &Node, header: &str) -> Option<String> {
    let Value::Map(entries) = &root.value else {
        return None;
    };
    let (_, header) = entries.iter().find(|(k, _)| k.text == header)?;
    let Value::Map(fields) = &header.value else {
        return None;
    };
    fields
        .iter()
        .find(|(k, _)| k.text == "id")
        .and_then(|(_, v)| match &v.value {
            Value::Str(s) | Value::Plain(s) => Some(s.to_string()),
            _ => None,
        })
}

/// First place each group and control ID was seen, to report duplicates with both places.
#[derive(Default)]
struct IdTracker {
    groups: HashMap<String, Span>,
    controls: HashMap<String, Span>,
}

fn read_groups(node: Node<'_>, ids: &mut IdTracker, diags: &mut Diagnostics) -> Vec<Group> {
    let Value::Seq(items) = node.value else {
        diags.push(wrong_type(
            &node,
            msg!("what-key", key = "groups"),
            msg!("expected-list-of-groups"),
        ));
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| read_group(item, ids, diags))
        .collect()
}

fn read_group(mut node: Node<'_>, ids: &mut IdTracker, diags: &mut Diagnostics) -> Option<Group> {
    let fields = Fields::new(&node, msg!("what-group"), &formats::GROUP, diags)?;
    let id = fields.required_text("id", diags);
    if let Some((id, span)) = &id
        && check_id(id, *span, msg!("noun-group"), diags)
    {
        if let Some(first) = ids.groups.get(id) {
            diags.push(
                Diagnostic::new(Code::DuplicateGroup, msg!("duplicate-group", id = id))
                    .at(*span, msg!("label-second-definition"))
                    .also(*first, msg!("label-first-defined-here"))
                    .help(msg!("duplicate-group-help")),
            );
        } else {
            ids.groups.insert(id.clone(), *span);
        }
    }
    let title = fields.required_text("title", diags);
    let refs = read_refs(&fields, diags);
    let text = fields.text("text", diags).map(|t| t.0);
    let note = fields.text("note", diags).map(|t| t.0);
    let groups = node
        .take("groups")
        .map(|n| read_groups(n, ids, diags))
        .unwrap_or_default();
    let controls = node
        .take("controls")
        .map(|n| read_controls(n, ids, diags))
        .unwrap_or_default();
    Some(Group {
        id: id?.0,
        title: title?.0,
        text,
        note,
        refs,
        groups,
        controls,
    })
}

fn read_controls(node: Node<'_>, ids: &mut IdTracker, diags: &mut Diagnostics) -> Vec<Control> {
    let Value::Seq(items) = node.value else {
        diags.push(wrong_type(
            &node,
            msg!("what-key", key = "controls"),
            msg!("expected-list-of-controls"),
        ));
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| read_control(&item, ids, diags))
        .collect()
}

fn read_control(node: &Node, ids: &mut IdTracker, diags: &mut Diagnostics) -> Option<Control> {
    let fields = Fields::new(node, msg!("what-control"), &formats::CONTROL, diags)?;
    let (id, id_span) = fields.required_text("id", diags)?;
    if !check_id(&id, id_span, msg!("noun-control"), diags) {
        return None;
    }
    if let Some(first) = ids.controls.get(&id) {
        diags.push(
            Diagnostic::new(Code::DuplicateControl, msg!("duplicate-control", id = &id))
                .at(id_span, msg!("label-second-definition"))
                .also(*first, msg!("label-first-defined-here"))
                .help(msg!("duplicate-control-help")),
        );
    } else {
        ids.controls.insert(id.clone(), id_span);
    }
    let title = fields.shared_text("title", diags);
    let text = fields.shared_text("text", diags);
    // Customers read these too: hidden characters are named, as in answers.
    for (field, value) in [("title", &title), ("text", &text)] {
        if let (Some(value), Some(node)) = (value, fields.get(field)) {
            crate::load::answers::warn_hidden(value, node.span, &id, field, diags);
        }
    }
    if title.is_none() && text.is_none() {
        diags.push(
            Diagnostic::new(Code::EmptyControl, msg!("empty-control", id = &id))
                .at(id_span, msg!("label-nothing-to-show"))
                .help(msg!("empty-control-help")),
        );
    }
    let level = fields.text("level", diags).and_then(|(text, span)| {
        let level = text.parse::<Level>().ok();
        if level.is_none() {
            diags.push(
                Diagnostic::new(Code::InvalidValue, msg!("unknown-level", level = &text))
                    .at(span, msg!("label-not-a-level"))
                    .help(msg!("unknown-level-help")),
            );
        }
        level
    });
    let cells = fields
        .get("cells")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| read_cells(n, diags));
    Some(Control {
        id,
        title,
        text,
        level,
        refs: read_refs(&fields, diags),
        span: Some(id_span),
        cells,
    })
}

fn read_refs(fields: &Fields, diags: &mut Diagnostics) -> Refs {
    let mut refs = Refs::new();
    let Some(node) = fields.get("refs") else {
        return refs;
    };
    let Value::Map(entries) = &node.value else {
        diags.push(wrong_type(
            node,
            msg!("what-key", key = "refs"),
            msg!("expected-mapping-of-scheme-to-list-of-ids"),
        ));
        return refs;
    };
    for (key, value) in entries {
        let ids = match &value.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| text_of(i, &msg!("what-refs"), &key.text, diags))
                .map(|t| t.0)
                .collect(),
            Value::Str(_) | Value::Plain(_) => text_of(value, &msg!("what-refs"), &key.text, diags)
                .map(|t| vec![t.0])
                .unwrap_or_default(),
            _ => {
                diags.push(wrong_type(
                    value,
                    msg!("what-key", key = format!("refs.{}", key.text)),
                    msg!("expected-list-of-ids"),
                ));
                continue;
            }
        };
        refs.insert(key.text.to_string(), ids);
    }
    refs
}

/// Two questions cannot live in one row: fill would write one's answer over the other's;
/// and no answer may be written into a column of a table's IDs, categories or questions.
fn check_cells(
    groups: &[Group],
    controls: &[Control],
    tables: &[crate::model::QuestionTable],
    diags: &mut Diagnostics,
) {
    fn walk<'a>(groups: &'a [Group], controls: &'a [Control], out: &mut Vec<&'a Control>) {
        out.extend(controls);
        for g in groups {
            walk(&g.groups, &g.controls, out);
        }
    }
    let mut all = Vec::new();
    walk(groups, controls, &mut all);
    let mut seen: HashMap<(&str, u32), &Control> = HashMap::new();
    for control in all {
        let Some(cells) = &control.cells else {
            continue;
        };
        // The columns that hold the customer's text: the control's own, and those of the
        // tables recorded on its sheet.
        let own = [
            ("ID", cells.columns.id),
            ("category", cells.columns.category),
            ("question", cells.columns.question),
        ];
        let read_only: Vec<(&str, u32)> = own
            .into_iter()
            .chain(
                tables
                    .iter()
                    .filter(|t| t.sheet == cells.sheet)
                    .flat_map(|t| {
                        [
                            ("ID", t.columns.id),
                            ("category", t.columns.category),
                            ("question", t.columns.question),
                        ]
                    }),
            )
            .filter_map(|(role, col)| Some((role, col?)))
            .collect();
        for (field, col) in [
            ("choice", cells.columns.choice),
            ("answer", cells.columns.answer),
            ("evidence", cells.columns.evidence),
        ] {
            let Some(col) = col else { continue };
            if let Some((role, _)) = read_only.iter().find(|(_, c)| *c == col) {
                let letter = crate::a1::column_name(col);
                let mut d = Diagnostic::new(
                    Code::InvalidValue,
                    msg!(
                        "cells-over-question",
                        control = &control.id,
                        field = field,
                        column = letter,
                        role = msg!("import-role", role = *role),
                        sheet = &cells.sheet
                    ),
                )
                .help(msg!("cells-over-question-help"));
                if let Some(span) = cells.span {
                    d = d.at(span, msg!("label-cells-over-question"));
                }
                diags.push(d);
            }
        }
        match seen.get(&(cells.sheet.as_str(), cells.row)) {
            Some(first) => {
                let mut d = Diagnostic::new(
                    Code::DuplicateCells,
                    msg!(
                        "duplicate-cells",
                        first = &first.id,
                        second = &control.id,
                        row = cells.row.to_string(),
                        sheet = &cells.sheet
                    ),
                )
                .help(msg!("duplicate-cells-help"));
                if let Some(span) = cells.span {
                    d = d.at(span, msg!("label-same-row"));
                }
                if let Some(span) = first.cells.as_ref().and_then(|c| c.span) {
                    d = d.also(span, msg!("label-first-recorded-here"));
                }
                diags.push(d);
            }
            None => {
                seen.insert((cells.sheet.as_str(), cells.row), control);
            }
        }
    }
}
