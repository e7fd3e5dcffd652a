//! Catalog files (`controls/<id>.yaml`): raw YAML to a validated [`Catalog`].

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::fields::{Fields, check_id, check_url, text_of, wrong_type};
use crate::load::questionnaire::{read_cells, read_questionnaire};
use crate::model::{Catalog, Control, Group, Lang, Level, Refs};
use crate::source::Span;
use crate::yaml::{Node, Value};

pub const CATALOG_FIELDS: &[&str] = &["catalog", "questionnaire", "groups", "controls"];
pub const HEADER_FIELDS: &[&str] = &["id", "title", "publisher", "url", "version", "lang"];
pub const GROUP_FIELDS: &[&str] = &["id", "title", "text", "note", "refs", "groups", "controls"];
pub const CONTROL_FIELDS: &[&str] = &["id", "title", "text", "level", "refs", "cells"];

/// Reads a catalog; `None` when it has errors (all reported to `diags`).
/// Reads a catalog file, consuming its tree: each group's part of the tree is freed once
/// read, so a large catalog never holds its whole tree and its whole model at once.
pub fn load_catalog(mut root: Node<'_>, origin: &str, diags: &mut Diagnostics) -> Option<Catalog> {
    let before = diags.error_count();
    let fields = Fields::new(&root, "a catalog file", CATALOG_FIELDS, diags)?;
    let header_node = fields.require("catalog", diags)?;
    let header = Fields::new(header_node, "the `catalog` header", HEADER_FIELDS, diags)?;
    let id = header.required_text("id", diags);
    if let Some((id, span)) = &id {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("invalid catalog ID `{id}`"))
                    .at(
                        *span,
                        "catalog IDs use ASCII letters, digits, `.`, `_` and `-`",
                    )
                    .help("e.g. `mic-cloud-v3`"),
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
            let lang = Lang::parse(&text);
            if lang.is_none() {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, format!("unknown language `{text}`"))
                        .at(span, "not a catalog language")
                        .help("languages: ja (Japanese, the default), en (English)"),
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
            Diagnostic::new(Code::MissingField, "a catalog needs `groups` or `controls`")
                .at(root.span, "catalog has no controls")
                .help("add `groups:` with the guideline's chapters and their `controls:`"),
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
        diags.push(wrong_type(&node, "`groups`", "a list of groups"));
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| read_group(item, ids, diags))
        .collect()
}

fn read_group(mut node: Node<'_>, ids: &mut IdTracker, diags: &mut Diagnostics) -> Option<Group> {
    let fields = Fields::new(&node, "a group", GROUP_FIELDS, diags)?;
    let id = fields.required_text("id", diags);
    if let Some((id, span)) = &id
        && check_id(id, *span, "group", diags)
    {
        if let Some(first) = ids.groups.get(id) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateGroup,
                    format!("group ID `{id}` appears twice in this catalog"),
                )
                .at(*span, "second definition")
                .also(*first, "first defined here")
                .help("give each group its own ID"),
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
        diags.push(wrong_type(&node, "`controls`", "a list of controls"));
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| read_control(&item, ids, diags))
        .collect()
}

fn read_control(node: &Node, ids: &mut IdTracker, diags: &mut Diagnostics) -> Option<Control> {
    let fields = Fields::new(node, "a control", CONTROL_FIELDS, diags)?;
    let (id, id_span) = fields.required_text("id", diags)?;
    if !check_id(&id, id_span, "control", diags) {
        return None;
    }
    if let Some(first) = ids.controls.get(&id) {
        diags.push(
            Diagnostic::new(
                Code::DuplicateControl,
                format!("control ID `{id}` appears twice in this catalog"),
            )
            .at(id_span, "second definition")
            .also(*first, "first defined here")
            .help("control IDs must be unique in a catalog; `1.10` and `1.1` are different IDs"),
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
            Diagnostic::new(
                Code::EmptyControl,
                format!("control `{id}` has neither `title` nor `text`"),
            )
            .at(id_span, "nothing to show for this control")
            .help("add the guideline's title (対策項目) or requirement (対策内容)"),
        );
    }
    let level = fields.text("level", diags).and_then(|(text, span)| {
        let level = Level::parse(&text);
        if level.is_none() {
            diags.push(
                Diagnostic::new(Code::InvalidValue, format!("unknown level `{text}`"))
                    .at(span, "not a level")
                    .help("allowed levels: 基本, 推奨"),
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
            "`refs`",
            "a mapping of scheme to a list of IDs",
        ));
        return refs;
    };
    for (key, value) in entries {
        let ids = match &value.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| text_of(i, "refs", &key.text, diags))
                .map(|t| t.0)
                .collect(),
            Value::Str(_) | Value::Plain(_) => text_of(value, "refs", &key.text, diags)
                .map(|t| vec![t.0])
                .unwrap_or_default(),
            _ => {
                diags.push(wrong_type(
                    value,
                    &format!("`refs.{}`", key.text),
                    "a list of IDs",
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
                    format!(
                        "control `{}`: `{field}: {letter}` is the {role} column of sheet `{}`, which fill would write over",
                        control.id, cells.sheet
                    ),
                )
                .help("give the column of the cell the customer leaves for the answer (import the workbook again to record it)");
                if let Some(span) = cells.span {
                    d = d.at(span, "an answer written into the customer's own text");
                }
                diags.push(d);
            }
        }
        match seen.get(&(cells.sheet.as_str(), cells.row)) {
            Some(first) => {
                let mut d = Diagnostic::new(
                    Code::DuplicateCells,
                    format!(
                        "controls `{}` and `{}` both record row {} of sheet `{}`",
                        first.id, control.id, cells.row, cells.sheet
                    ),
                )
                .help(
                    "each question has its own row; import the workbook again to record the rows",
                );
                if let Some(span) = cells.span {
                    d = d.at(span, "the same row as another control");
                }
                if let Some(span) = first.cells.as_ref().and_then(|c| c.span) {
                    d = d.also(span, "first recorded here");
                }
                diags.push(d);
            }
            None => {
                seen.insert((cells.sheet.as_str(), cells.row), control);
            }
        }
    }
}
