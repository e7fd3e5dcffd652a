//! Layouts: how a catalog and its answers become a document (columns, group rows,
//! numbering, sheets, texts). A layout is data — `templates/<id>/layout.yaml` plus optional
//! `checksheet.md.j2` / `checksheet.html.j2` — so users add layouts without recompiling.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::formats;
use crate::load::fields::{Fields, text_of, wrong_type};
use crate::msg;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// What a column shows for each control. The names (`id`, `number`, …) are strum's, and
/// each variant's message is what editors show for the value (the JSON Schema).
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::EnumMessage,
)]
#[serde(tag = "kind", content = "scheme", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ColumnValue {
    /// The control ID as written.
    #[strum(message = "the control ID as written")]
    Id,
    /// The display number (see [`Numbering`]).
    #[strum(message = "the display number, by `numbering`")]
    Number,
    #[strum(message = "the control's title (対策項目)")]
    Title,
    #[strum(message = "the control's text (対策内容 / 確認内容)")]
    Text,
    /// The text, or the title where there is no text.
    #[strum(message = "the text, or the title where there is none")]
    Question,
    #[strum(message = "基本 / 推奨")]
    Level,
    #[strum(message = "the answer's status as a label (実施済, 一部実施, …)")]
    Status,
    #[strum(
        message = "the answer text or list, then its links (where no column shows them) and its evidence (where no column shows it)"
    )]
    Answer,
    /// The answer's evidence (証跡), one item per line.
    #[strum(message = "the answer's evidence (証跡), one document or URL per line")]
    Evidence,
    /// The answer's `links`, one URL per line (the answer cell then leaves them out).
    #[strum(message = "the answer's links, one URL per line")]
    Links,
    /// The control's refs of one scheme, one per line (`refs:<scheme>`).
    #[strum(disabled)]
    Refs(String),
}

impl ColumnValue {
    /// The values a column can show besides `refs:<scheme>`, each with what it shows.
    pub fn described() -> Vec<(&'static str, &'static str)> {
        use strum::{EnumMessage, IntoEnumIterator};
        ColumnValue::iter()
            .filter(|v| !matches!(v, ColumnValue::Refs(_)))
            .map(|v| {
                (
                    <&'static str>::from(&v),
                    v.get_message().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Every value a column can show, for messages: `id, number, …, refs:<scheme>`.
    fn allowed() -> String {
        let mut names: Vec<&str> = Self::described().iter().map(|(name, _)| *name).collect();
        names.push("refs:<scheme>");
        names.join(", ")
    }

    fn parse(text: &str) -> Option<ColumnValue> {
        match text.strip_prefix("refs:") {
            Some(scheme) if !scheme.is_empty() => Some(ColumnValue::Refs(scheme.to_owned())),
            Some(_) => None,
            None => text.parse().ok(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Column {
    /// Template of the header text.
    pub header: String,
    pub value: ColumnValue,
    /// Width in characters (xlsx column width).
    pub width: f64,
    /// Left out of a document in which no item has anything in this column (e.g. an
    /// evidence column where no answer gives evidence).
    pub hide_when_empty: bool,
}

/// How a group row looks at one depth (1 = top-level groups).
#[derive(Clone, Debug)]
pub struct GroupRowStyle {
    pub depth: usize,
    /// Template of the row's text; context: `group`.
    pub text: String,
    /// Templates of cells before the merged text cell (e.g. the group's ISMS refs).
    pub lead: Vec<String>,
    /// No row for groups at this depth (e.g. a part already named by its sheet heading);
    /// their controls and subgroups are still shown.
    pub hidden: bool,
}

/// How the "number" column is derived from a control ID. The scheme names (`id`,
/// `last-segment`, `sequential`) are strum's, and each variant's message is what editors
/// show for the scheme (the JSON Schema).
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::EnumMessage,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Numbering {
    /// The ID as written.
    #[strum(message = "the control ID as written (default)")]
    Id,
    /// The part after the last separator (`4.10` → `10`, `1-5` → `5`).
    #[strum(message = "the part after the last `separator` (`4.10` → `10`)")]
    LastSegment(String),
    /// 1, 2, 3 … restarting at every top-level group.
    #[strum(message = "1, 2, 3 … restarting at every top-level group")]
    Sequential,
}

impl Numbering {
    /// The schemes (`numbering.scheme`), each with what it numbers by.
    pub fn described() -> Vec<(&'static str, &'static str)> {
        use strum::{EnumMessage, IntoEnumIterator};
        Numbering::iter()
            .map(|n| {
                (
                    <&'static str>::from(&n),
                    n.get_message().unwrap_or_default(),
                )
            })
            .collect()
    }
}

/// One sheet (xlsx) or part (md/html) of a document.
#[derive(Clone, Debug)]
pub struct SheetSpec {
    /// Template of the xlsx sheet (tab) name; empty when the layout names no sheets: the
    /// document's title then names its only sheet.
    pub name: String,
    /// Top-level group IDs shown on this sheet; empty means all.
    pub groups: Vec<(String, Span)>,
    pub heading: Option<String>,
    pub notice: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Layout {
    pub id: String,
    pub description: Option<String>,
    /// The catalog this layout is made for, if any.
    pub catalog: Option<String>,
    pub title: String,
    pub header: Option<String>,
    pub intro: Vec<String>,
    pub notice: Option<String>,
    pub columns: Vec<Column>,
    pub group_rows: Vec<GroupRowStyle>,
    pub numbering: Numbering,
    pub checkbox: Option<String>,
    /// Template of a line added to a derived answer; context: `source` (`catalog`, `controls`).
    pub derived_note: Option<String>,
    /// Template of what the answer cell of a control without an answer shows (e.g.
    /// 「個別にご相談ください」); without it the cell is left empty.
    pub unanswered: Option<String>,
    pub sheets: Vec<SheetSpec>,
    /// Extra templates by file name (`checksheet.md.j2`, `checksheet.html.j2`).
    pub templates: BTreeMap<String, String>,
    /// Where the layout came from (`builtin:<id>` or a folder).
    pub origin: String,
}

impl Layout {
    /// The group row style for a depth: the one defined for it, or else the deepest one
    /// defined above it.
    pub fn group_row(&self, depth: usize) -> Option<&GroupRowStyle> {
        self.group_rows
            .iter()
            .filter(|s| s.depth <= depth)
            .max_by_key(|s| s.depth)
    }
}

/// Template sources of a layout, with their spans, for syntax checking.
pub type TemplateSources = Vec<(String, Span)>;

pub fn load_layout(
    root: &Node,
    origin: &str,
    diags: &mut Diagnostics,
) -> Option<(Layout, TemplateSources)> {
    let before = diags.error_count();
    let mut templates = Templates::default();
    let fields = Fields::new(root, msg!("what-layout-file"), &formats::LAYOUT_FILE, diags)?;
    let header = Fields::new(
        fields.require("layout", diags)?,
        msg!("what-layout-header"),
        &formats::LAYOUT_HEADER,
        diags,
    )?;
    let id = header.required_text("id", diags);
    if let Some((id, span)) = &id
        && !valid_layout_id(id)
    {
        diags.push(
            Diagnostic::new(Code::InvalidId, msg!("invalid-layout-id", id = id))
                .at(*span, msg!("label-layout-id-chars"))
                .help(msg!("invalid-layout-id-help")),
        );
    }
    let title = fields
        .required_text("title", diags)
        .map(|t| templates.keep(t));
    let header_text = fields.text("header", diags).map(|t| templates.keep(t));
    let intro: Vec<String> = fields
        .text_list("intro", diags)
        .into_iter()
        .map(|t| templates.keep(t))
        .collect();
    let notice = fields.text("notice", diags).map(|t| templates.keep(t));
    let columns = match fields.require("columns", diags) {
        Some(node) => read_columns(node, &mut templates, before, diags),
        None => Vec::new(),
    };
    let group_rows = match fields.get("group_rows") {
        Some(node) => read_group_rows(node, &mut templates, diags),
        None => Vec::new(),
    };
    let numbering = match fields.get("numbering") {
        None => Numbering::Id,
        Some(node) => read_numbering(node, diags).unwrap_or(Numbering::Id),
    };
    let checkbox = fields.text("checkbox", diags).map(|t| t.0);
    let derived_note = fields
        .text("derived_note", diags)
        .map(|t| templates.keep(t));
    let unanswered = fields.text("unanswered", diags).map(|t| templates.keep(t));
    let sheets = read_sheets(fields.get("sheets"), &mut templates, diags);
    if diags.error_count() > before {
        return None;
    }
    let layout = Layout {
        id: id?.0,
        description: header.text("description", diags).map(|t| t.0),
        catalog: header.text("catalog", diags).map(|t| t.0),
        title: title?,
        header: header_text,
        intro,
        notice,
        columns,
        group_rows,
        numbering,
        checkbox,
        derived_note,
        unanswered,
        sheets,
        templates: BTreeMap::new(),
        origin: origin.to_owned(),
    };
    Some((layout, templates.0))
}

/// The texts of a layout that are templates, with where each is written, gathered as they
/// are read.
#[derive(Default)]
struct Templates(TemplateSources);

impl Templates {
    /// Records a text as a template and gives it back.
    fn keep(&mut self, (text, span): (String, Span)) -> String {
        self.0.push((text.clone(), span));
        text
    }
}

/// The `columns:` of a layout; an empty list is an error unless others (counted from
/// `errors_before`) already explain it.
fn read_columns(
    node: &Node,
    templates: &mut Templates,
    errors_before: usize,
    diags: &mut Diagnostics,
) -> Vec<Column> {
    let mut columns = Vec::new();
    for item in seq(node, msg!("what-key", key = "columns"), diags) {
        let Some(col) = Fields::new(item, msg!("what-column"), &formats::LAYOUT_COLUMN, diags)
        else {
            continue;
        };
        let header = col
            .required_text("header", diags)
            .map(|t| templates.keep(t));
        let value = col
            .required_text("value", diags)
            .and_then(|(text, span)| column_value(&text, span, diags));
        let width = col
            .text("width", diags)
            .and_then(|(text, span)| number(&text, span, 1.0, 255.0, diags));
        let hide_when_empty = flag(&col, "hide_when_empty", diags);
        if let (Some(header), Some(value)) = (header, value) {
            columns.push(Column {
                header,
                value,
                width: width.unwrap_or(20.0),
                hide_when_empty,
            });
        }
    }
    if columns.is_empty() && diags.error_count() == errors_before {
        diags.push(
            Diagnostic::new(Code::InvalidLayout, msg!("layout-without-columns"))
                .at(node.span, msg!("label-empty")),
        );
    }
    columns
}

/// A column's `value:`, or `None` (reported) when it names no value a column can show.
fn column_value(text: &str, span: Span, diags: &mut Diagnostics) -> Option<ColumnValue> {
    let value = ColumnValue::parse(text);
    if value.is_none() {
        diags.push(
            Diagnostic::new(
                Code::InvalidLayout,
                msg!("unknown-column-value", value = text),
            )
            .at(span, msg!("label-not-a-column-value"))
            .help(msg!("help-allowed", allowed = ColumnValue::allowed())),
        );
    }
    value
}

/// The `group_rows:` of a layout: how group rows of each depth look.
fn read_group_rows(
    node: &Node,
    templates: &mut Templates,
    diags: &mut Diagnostics,
) -> Vec<GroupRowStyle> {
    let mut group_rows = Vec::new();
    for item in seq(node, msg!("what-key", key = "group_rows"), diags) {
        let Some(row) = Fields::new(
            item,
            msg!("what-group-row-style"),
            &formats::GROUP_ROW,
            diags,
        ) else {
            continue;
        };
        let depth = row
            .required_text("depth", diags)
            .and_then(|(t, s)| number(&t, s, 1.0, 32.0, diags));
        let hidden = flag(&row, "hidden", diags);
        let text = if hidden {
            Some(
                row.text("text", diags)
                    .map(|t| templates.keep(t))
                    .unwrap_or_default(),
            )
        } else {
            row.required_text("text", diags).map(|t| templates.keep(t))
        };
        let lead: Vec<String> = row
            .text_list("lead", diags)
            .into_iter()
            .map(|t| templates.keep(t))
            .collect();
        if let (Some(depth), Some(text)) = (depth, text) {
            group_rows.push(GroupRowStyle {
                depth: depth as usize,
                text,
                lead,
                hidden,
            });
        }
    }
    group_rows
}

/// The `sheets:` of a layout; without any, one sheet named after the document's title
/// (see `SheetSpec::name`).
fn read_sheets(
    node: Option<&Node>,
    templates: &mut Templates,
    diags: &mut Diagnostics,
) -> Vec<SheetSpec> {
    let mut sheets = Vec::new();
    if let Some(node) = node {
        for item in seq(node, msg!("what-key", key = "sheets"), diags) {
            let Some(sheet) = Fields::new(item, msg!("what-sheet"), &formats::SHEET, diags) else {
                continue;
            };
            let name = sheet
                .required_text("name", diags)
                .map(|t| templates.keep(t));
            let groups = sheet.text_list("groups", diags);
            let heading = sheet.text("heading", diags).map(|t| templates.keep(t));
            let notice = sheet.text("notice", diags).map(|t| templates.keep(t));
            if let Some(name) = name {
                sheets.push(SheetSpec {
                    name,
                    groups,
                    heading,
                    notice,
                });
            }
        }
    }
    if sheets.is_empty() {
        sheets.push(SheetSpec {
            name: String::new(),
            groups: Vec::new(),
            heading: None,
            notice: None,
        });
    }
    sheets
}

pub fn valid_layout_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn seq<'a, 't>(
    node: &'a Node<'t>,
    what: crate::i18n::Message,
    diags: &mut Diagnostics,
) -> &'a [Node<'t>] {
    match &node.value {
        Value::Seq(items) => items,
        _ => {
            diags.push(wrong_type(node, what, msg!("expected-list")));
            &[]
        }
    }
}

/// An optional `true`/`false` field (absent: false).
fn flag(fields: &Fields, name: &str, diags: &mut Diagnostics) -> bool {
    match fields.text(name, diags) {
        None => false,
        Some((flag, span)) => match flag.as_str() {
            "true" => true,
            "false" => false,
            _ => {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidLayout,
                        msg!("not-a-boolean", name = name, value = flag),
                    )
                    .at(span, msg!("label-not-a-boolean")),
                );
                false
            }
        },
    }
}

fn number(text: &str, span: Span, min: f64, max: f64, diags: &mut Diagnostics) -> Option<f64> {
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() && (min..=max).contains(&n) => Some(n),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidLayout,
                    msg!(
                        "number-out-of-range",
                        value = text,
                        min = min.to_string(),
                        max = max.to_string()
                    ),
                )
                .at(span, msg!("label-out-of-range")),
            );
            None
        }
    }
}

fn read_numbering(node: &Node, diags: &mut Diagnostics) -> Option<Numbering> {
    let fields = Fields::new(
        node,
        msg!("what-key", key = "numbering"),
        &formats::NUMBERING,
        diags,
    )?;
    let (scheme, span) = fields.required_text("scheme", diags)?;
    let separator = fields
        .get("separator")
        .and_then(|n| text_of(n, &msg!("what-numbering"), "separator", diags));
    match scheme.parse::<Numbering>() {
        Ok(Numbering::LastSegment(_)) => Some(Numbering::LastSegment(
            separator.map_or_else(|| ".".to_owned(), |s| s.0),
        )),
        Ok(numbering) => Some(numbering),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidLayout,
                    msg!("unknown-numbering", scheme = scheme),
                )
                .at(span, msg!("label-not-a-numbering"))
                .help(msg!(
                    "help-allowed",
                    allowed = Numbering::described()
                        .iter()
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            None
        }
    }
}
