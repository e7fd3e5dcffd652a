//! The parts of a catalog that tie it to a customer's workbook: the `questionnaire:`
//! section (label map, tables read) and each control's `cells:`. Import writes them;
//! `fill` reads them to put answers back into the same workbook.

use indexmap::IndexMap;
use strum::VariantArray;

use crate::a1::parse_column;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, text_of, wrong_type};
use crate::model::{CellColumns, CellRef, QuestionTable, Questionnaire, Status};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// Excel's last row (1,048,576 rows: Excel specifications and limits).
pub const MAX_ROW: u32 = 1_048_576;

pub fn read_questionnaire(node: &Node, diags: &mut Diagnostics) -> Option<Questionnaire> {
    let fields = Fields::new(
        node,
        msg!("what-key", key = "questionnaire"),
        &formats::QUESTIONNAIRE,
        diags,
    )?;
    let workbook = fields.text("workbook", diags).map(|t| t.0);
    let labels = fields
        .get("labels")
        .map(|n| read_labels(n, diags))
        .unwrap_or_default();
    let tables = match fields.get("tables").map(|n| (n, &n.value)) {
        None | Some((_, Value::Null)) => Vec::new(),
        Some((_, Value::Seq(items))) => items
            .iter()
            .filter_map(|item| read_table(item, diags))
            .collect(),
        Some((n, _)) => {
            diags.push(wrong_type(
                n,
                msg!("what-key", key = "questionnaire.tables"),
                msg!("expected-list-of-tables"),
            ));
            Vec::new()
        }
    };
    Some(Questionnaire {
        workbook,
        labels,
        tables,
    })
}

fn read_labels(node: &Node, diags: &mut Diagnostics) -> IndexMap<String, Status> {
    let mut labels = IndexMap::new();
    let Value::Map(entries) = &node.value else {
        if !matches!(node.value, Value::Null) {
            diags.push(wrong_type(
                node,
                msg!("what-key", key = "questionnaire.labels"),
                msg!("expected-mapping-of-each-choice-to-status"),
            ));
        }
        return labels;
    };
    let mut folded: Vec<(String, String, crate::source::Span)> = Vec::new();
    for (key, value) in entries {
        let label = key.text.to_string();
        let fold = crate::labels::fold(&label);
        if let Some((first, _, first_span)) = folded.iter().find(|(_, f, _)| *f == fold) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    msg!("choices-same", first = first, second = &label),
                )
                .at(key.span, msg!("label-same-choice"))
                .also(*first_span, msg!("label-first-written-here"))
                .help(msg!("choices-same-help")),
            );
            continue;
        }
        folded.push((label.clone(), fold, key.span));
        if label.trim().is_empty() {
            diags.push(
                Diagnostic::new(Code::InvalidValue, msg!("choice-empty"))
                    .at(key.span, msg!("label-empty-label"))
                    .help(msg!("choice-empty-help")),
            );
            continue;
        }
        let Some((text, span)) = text_of(
            value,
            &msg!("what-key", key = "questionnaire.labels"),
            &label,
            diags,
        ) else {
            diags.push(
                Diagnostic::new(
                    Code::MissingField,
                    msg!("choice-without-status", label = &label),
                )
                .at(key.span, msg!("label-no-status-given"))
                .help(status_help()),
            );
            continue;
        };
        match text.parse::<Status>().ok() {
            Some(status) => {
                labels.insert(label, status);
            }
            None => diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    msg!("choice-unknown-status", status = &text, label = &label),
                )
                .at(span, msg!("label-not-a-status"))
                .help(status_help()),
            ),
        }
    }
    labels
}

fn status_help() -> crate::i18n::Message {
    let keys: Vec<&str> = Status::VARIANTS.iter().map(|s| s.key()).collect();
    msg!("help-statuses", statuses = keys.join(", "))
}

fn read_table(node: &Node, diags: &mut Diagnostics) -> Option<QuestionTable> {
    let fields = Fields::new(
        node,
        msg!("what-questionnaire-table"),
        &formats::QUESTIONNAIRE_TABLE,
        diags,
    )?;
    let sheet = fields.required_text("sheet", diags);
    let header_row = fields
        .require("header_row", diags)
        .and_then(|n| row_number(n, "header_row", diags));
    let columns = fields
        .require("columns", diags)
        .and_then(|n| read_columns(n, diags));
    let questions = fields
        .require("questions", diags)
        .and_then(|n| count(n, "questions", diags));
    let fingerprint = fields
        .required_text("fingerprint", diags)
        .filter(|(f, span)| {
            let ok = f.len() == 16 && f.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            if !ok {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, msg!("invalid-fingerprint", value = f))
                        .at(*span, msg!("label-expected-fingerprint"))
                        .help(msg!("invalid-fingerprint-help")),
                );
            }
            ok
        });
    Some(QuestionTable {
        sheet: sheet?.0,
        header_row: header_row?,
        columns: columns?,
        questions: questions?,
        fingerprint: fingerprint?.0,
        span: Some(node.span),
    })
}

fn read_columns(node: &Node, diags: &mut Diagnostics) -> Option<CellColumns> {
    let fields = Fields::new(
        node,
        msg!("what-key", key = "columns"),
        &formats::QUESTIONNAIRE_COLUMNS,
        diags,
    )?;
    let mut columns = CellColumns::default();
    let mut ok = true;
    for name in formats::QUESTIONNAIRE_COLUMNS.names() {
        match column(&fields, name, diags) {
            Ok(col) => *column_slot(&mut columns, name) = col,
            Err(()) => ok = false,
        }
    }
    ok.then_some(columns)
}

/// A control's `cells:`.
pub fn read_cells(node: &Node, diags: &mut Diagnostics) -> Option<CellRef> {
    let fields = Fields::new(
        node,
        msg!("what-key", key = "cells"),
        &formats::CELLS,
        diags,
    )?;
    let sheet = fields.required_text("sheet", diags);
    let row = fields
        .require("row", diags)
        .and_then(|n| row_number(n, "row", diags));
    let mut columns = CellColumns::default();
    let mut ok = true;
    for name in column_letters(&formats::CELLS) {
        match column(&fields, name, diags) {
            Ok(col) => *column_slot(&mut columns, name) = col,
            Err(()) => ok = false,
        }
    }
    if ok && columns.choice.is_none() && columns.answer.is_none() && columns.evidence.is_none() {
        diags.push(
            Diagnostic::new(Code::MissingField, msg!("cells-without-answer"))
                .at(node.span, msg!("label-cells-without-answer"))
                .help(msg!("cells-without-answer-help")),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(CellRef {
        sheet: sheet?.0,
        row: row?,
        columns,
        span: Some(node.span),
    })
}

pub fn column_slot<'a>(columns: &'a mut CellColumns, name: &str) -> &'a mut Option<u32> {
    match name {
        "id" => &mut columns.id,
        "category" => &mut columns.category,
        "question" => &mut columns.question,
        "choice" => &mut columns.choice,
        "answer" => &mut columns.answer,
        _ => &mut columns.evidence,
    }
}

/// The fields of `format` that name a column.
fn column_letters(format: &'static formats::Object) -> impl Iterator<Item = &'static str> {
    let fields: &'static [formats::Field] = format.fields;
    fields
        .iter()
        .filter(|f| matches!(f.shape, formats::Shape::ColumnLetter))
        .map(|f| f.name)
}

/// The column of each role, in [`formats::QUESTIONNAIRE_COLUMNS`] order.
pub fn column_roles(columns: &CellColumns) -> [(&'static str, Option<u32>); 6] {
    [
        ("id", columns.id),
        ("category", columns.category),
        ("question", columns.question),
        ("choice", columns.choice),
        ("answer", columns.answer),
        ("evidence", columns.evidence),
    ]
}

/// A column letter field: absent is `Ok(None)`, a bad letter an error.
fn column(fields: &Fields, name: &str, diags: &mut Diagnostics) -> Result<Option<u32>, ()> {
    let Some(node) = fields.get(name) else {
        return Ok(None);
    };
    if matches!(node.value, Value::Null) {
        return Ok(None);
    }
    let (text, span) = text_of(node, &msg!("what-key", key = "cells"), name, diags).ok_or(())?;
    match parse_column(&text) {
        Some(col) => Ok(Some(col)),
        None => {
            diags.push(bad_number(
                span,
                msg!("not-a-column", text = &text),
                msg!("label-expected-column"),
                msg!("not-a-column-help", name = name),
            ));
            Err(())
        }
    }
}

fn row_number(node: &Node, name: &str, diags: &mut Diagnostics) -> Option<u32> {
    let n = count(node, name, diags)?;
    if n == 0 || n > MAX_ROW {
        diags.push(bad_number(
            node.span,
            msg!(
                "not-a-row",
                name = name,
                max = MAX_ROW.to_string(),
                found = n.to_string()
            ),
            msg!("label-not-a-row"),
            msg!("not-a-row-help"),
        ));
        return None;
    }
    Some(n)
}

fn count(node: &Node, name: &str, diags: &mut Diagnostics) -> Option<u32> {
    let parsed = match &node.value {
        Value::Plain(s) => s.parse::<u32>().ok(),
        _ => None,
    };
    if parsed.is_none() {
        diags.push(wrong_type(
            node,
            msg!("what-key", key = name),
            msg!("expected-whole-number"),
        ));
    }
    parsed
}

fn bad_number(
    span: Span,
    message: crate::i18n::Message,
    label: crate::i18n::Message,
    help: crate::i18n::Message,
) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, message)
        .at(span, label)
        .help(help)
}
