//! Import from a workbook in a known layout: the inverse of [`crate::sheet`].
//!
//! The layout's document is built for the catalog with no answers, which gives the header
//! row, the group rows and, per control, every cell but the answer and status. Each sheet is
//! searched for the header row (at any column offset); below it, a row whose number or ID
//! cell is a control's becomes that control's answer. With `last-segment` or `sequential`
//! numbering a number names several controls: the one whose title and text cells match
//! wins, then the one in the group whose row was passed last, then the next in catalog order.

use std::collections::HashMap;

use crate::diag::{CellLocation, Code, Diagnostics};
use crate::layout::{ColumnValue, Layout};
use crate::model::{Answer, Catalog, Group, Project};
use crate::sheet::{Document, Row, SheetInput, build_document};

use super::answer_cell::{self, AnswerCell};
use super::workbook::{Sheet, Workbook, column_name};
use super::{Found, cell_at, typed_cell_warning};

pub struct LayoutImport<'a> {
    pub workbook: &'a Workbook,
    /// Indexes of the sheets to read.
    pub sheets: &'a [usize],
    pub layout: &'a Layout,
    pub catalog: &'a Catalog,
    /// The project whose document the workbook was built as (its texts and organization
    /// name may appear in it); `None` for a workbook read outside any project.
    pub project: Option<&'a Project>,
    /// Prefix of list items (`None`: every answer is text).
    pub list_prefix: Option<&'a str>,
    pub split_links: bool,
    /// A 0-based header row to use instead of searching for it.
    pub header_row: Option<u32>,
}

/// A control as the layout shows it, without its answer.
struct Expected {
    id: String,
    key: String,
    /// (column, text) of the title, text and question cells.
    texts: Vec<(usize, String)>,
    /// IDs of the groups around the control.
    groups: Vec<String>,
}

/// Where a header row was found: its row and the column of the layout's first column.
#[derive(Clone, Copy)]
struct Table {
    header: u32,
    offset: u32,
}

/// The layout's table as the document built for the catalog (without answers) shows it:
/// what the rows of a workbook are compared with.
struct Shape {
    document: Document,
    /// Positions, among the layout's columns, of the answer and of the number or ID (else
    /// the first text) cell that names a row's control.
    answer_col: usize,
    key_col: usize,
    status_col: Option<usize>,
    evidence_col: Option<usize>,
    links_col: Option<usize>,
    /// Every control's row.
    expected: Vec<Expected>,
    /// The texts of group rows (with the group's ID) and of their lead and intro rows.
    known_rows: HashMap<String, Option<String>>,
    /// The controls (indexes of `expected`) each key names.
    by_key: HashMap<String, Vec<usize>>,
    /// Each column's header template and the header as built.
    headers: Vec<(String, String)>,
    /// The columns a workbook may have: all of them, or all but those left out when empty.
    variants: Vec<Vec<usize>>,
    /// The header row as messages show it.
    header_row: String,
}

/// What reading the rows of a workbook's sheets carries from one row to the next.
#[derive(Default)]
struct Progress {
    /// The controls read so far (indexes of `expected`), each with the cell of its answer.
    used: HashMap<usize, String>,
    /// The control read last.
    last: Option<usize>,
    /// The group of the last group row or control passed.
    current_group: Option<String>,
    tables_found: usize,
}

/// One sheet's tables in one variant of the layout's columns.
struct SheetTables<'a> {
    sheet: &'a Sheet,
    tables: Vec<Table>,
    /// The place of each layout column in this sheet's tables, if it has it.
    place: Vec<Option<usize>>,
    /// How many columns its tables have.
    width: u32,
}

impl SheetTables<'_> {
    /// The sheet's column of the layout's column `col` in `table` (answer and key columns
    /// are in every variant).
    fn at(&self, table: &Table, col: usize) -> u32 {
        table.offset + self.place[col].unwrap_or(col) as u32
    }

    /// The sheet's column of the layout's column `col` in `table`, when the table has it.
    fn column(&self, table: &Table, col: Option<usize>) -> Option<u32> {
        col.and_then(|c| self.place[c])
            .map(|c| table.offset + c as u32)
    }
}

/// Reads the answers of a workbook in `input.layout` into `found`.
pub fn import(input: &LayoutImport, found: &mut Found) {
    let Some(shape) = shape(input, found) else {
        return;
    };
    let mut progress = Progress::default();
    for &index in input.sheets {
        read_sheet(
            input,
            &shape,
            &input.workbook.sheets[index],
            &mut progress,
            found,
        );
    }
    let LayoutImport {
        workbook,
        layout,
        catalog,
        ..
    } = *input;
    if progress.tables_found == 0 {
        found.error_help(
            Code::ImportNoTable,
            crate::msg!(
                "import-has-no-table-layout",
                name = &workbook.name,
                id = &layout.id
            ),
            None,
            crate::msg!(
                "import-header-row-reads-for",
                header_row = &shape.header_row
            ),
        );
    }
    let order: HashMap<&str, usize> = catalog
        .controls()
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    found
        .answers
        .sort_by_key(|a| order.get(a.control.as_str()).copied().unwrap_or(usize::MAX));
    let missing = shape.expected.len() - progress.used.len();
    if missing > 0 && progress.tables_found > 0 {
        found.note(crate::msg!(
            "import-controls-catalog-have-no",
            missing = &missing,
            len = shape.expected.len(),
            id = &catalog.id
        ));
    }
}

/// The layout's table for the catalog; `None` (an error of `found`) when the layout shows
/// no answer, or nothing that names a row's control.
fn shape(input: &LayoutImport, found: &mut Found) -> Option<Shape> {
    let LayoutImport {
        layout, catalog, ..
    } = *input;
    let mut template_diags = Diagnostics::default();
    // Every column, even those a document without their content leaves out: a workbook
    // has them or not (see `variants`).
    let mut every_column = layout.clone();
    for column in &mut every_column.columns {
        column.hide_when_empty = false;
    }
    let document = build_document(
        &SheetInput {
            project: input.project,
            catalog,
            answers: None,
            derived: None,
            layout: &every_column,
        },
        &mut template_diags,
    );
    found.diags.extend(template_diags.iter().cloned());
    let columns: Vec<&ColumnValue> = document.columns.iter().map(|c| &c.value).collect();
    let Some(answer_col) = columns.iter().position(|v| **v == ColumnValue::Answer) else {
        found.error(
            Code::ImportNoTable,
            crate::msg!("import-layout-has-no-answer", id = &layout.id),
            None,
        );
        return None;
    };
    let text_cols: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            matches!(
                v,
                ColumnValue::Title | ColumnValue::Text | ColumnValue::Question
            )
        })
        .map(|(i, _)| i)
        .collect();
    let key_col = columns
        .iter()
        .position(|v| matches!(v, ColumnValue::Id | ColumnValue::Number))
        .or_else(|| text_cols.first().copied());
    let Some(key_col) = key_col else {
        found.error(
            Code::ImportNoTable,
            crate::msg!("import-layout-shows-neither-number", id = &layout.id),
            None,
        );
        return None;
    };
    let position = |value: ColumnValue| columns.iter().position(|v| **v == value);
    let (status_col, evidence_col, links_col) = (
        position(ColumnValue::Status),
        position(ColumnValue::Evidence),
        position(ColumnValue::Links),
    );
    let (expected, known_rows) = expected_rows(&document, catalog, key_col, &text_cols);
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in expected.iter().enumerate() {
        by_key.entry(e.key.clone()).or_default().push(i);
    }
    let headers: Vec<(String, String)> = layout
        .columns
        .iter()
        .zip(&document.columns)
        .map(|(c, d)| (c.header.clone(), d.header.clone()))
        .collect();
    let mut variants: Vec<Vec<usize>> = vec![(0..columns.len()).collect()];
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&i| !layout.columns[i].hide_when_empty)
        .collect();
    if shown.len() < columns.len() && shown.contains(&answer_col) && shown.contains(&key_col) {
        variants.push(shown);
    }
    // The header row as messages show it: the columns every document has, then in
    // parentheses those shown only when they have content.
    let header_row = document
        .columns
        .iter()
        .zip(&layout.columns)
        .map(|(d, c)| match c.hide_when_empty {
            false => d.header.clone(),
            true => format!("({})", d.header),
        })
        .collect::<Vec<_>>()
        .join(" / ");
    Some(Shape {
        document,
        answer_col,
        key_col,
        status_col,
        evidence_col,
        links_col,
        expected,
        known_rows,
        by_key,
        headers,
        variants,
        header_row,
    })
}

/// Every control's row of the document, and the texts of its group rows (with the group's
/// ID) and of their lead and intro rows.
fn expected_rows(
    document: &Document,
    catalog: &Catalog,
    key_col: usize,
    text_cols: &[usize],
) -> (Vec<Expected>, HashMap<String, Option<String>>) {
    let parents = group_chains(catalog);
    let mut expected: Vec<Expected> = Vec::new();
    let mut known_rows: HashMap<String, Option<String>> = HashMap::new();
    for sheet in &document.sheets {
        for row in &sheet.rows {
            match row {
                Row::Item { id, cells, .. } => expected.push(Expected {
                    id: id.to_string(),
                    key: cells[key_col].text.trim().to_owned(),
                    texts: text_cols
                        .iter()
                        .map(|&c| (c, cells[c].text.trim().to_owned()))
                        .collect(),
                    groups: parents.get(&**id).cloned().unwrap_or_default(),
                }),
                Row::Group {
                    id,
                    lead,
                    text,
                    intro,
                    ..
                } => {
                    known_rows.insert(text.trim().to_owned(), Some(id.clone()));
                    for l in lead {
                        known_rows.entry(l.trim().to_owned()).or_insert(None);
                    }
                    if let Some(intro) = intro {
                        known_rows.entry(intro.trim().to_owned()).or_insert(None);
                    }
                }
            }
        }
    }
    (expected, known_rows)
}

/// Finds the layout's tables in `sheet` (in the first variant of its columns that has
/// any) and reads their rows.
fn read_sheet(
    input: &LayoutImport,
    shape: &Shape,
    sheet: &Sheet,
    progress: &mut Progress,
    found: &mut Found,
) {
    let workbook = input.workbook;
    let (tables, variant) = shape
        .variants
        .iter()
        .map(|variant| {
            let wanted: Vec<(&str, &str)> = variant
                .iter()
                .map(|&i| (shape.headers[i].0.as_str(), shape.headers[i].1.as_str()))
                .collect();
            (find_tables(sheet, &wanted, input.header_row), variant)
        })
        .find(|(tables, _)| !tables.is_empty())
        .unwrap_or((Vec::new(), &shape.variants[0]));
    if tables.is_empty() && is_built_links_sheet(sheet) {
        found.note(crate::msg!("import-links-sheet", name = &sheet.name));
        return;
    }
    if tables.is_empty() {
        if sheet.height() > 0 && (0..sheet.height()).any(|r| !sheet.row_is_blank(r)) {
            found.warning(
                Code::ImportUnmapped,
                crate::msg!(
                    "import-sheet-has-no-header",
                    name = &sheet.name,
                    id = &input.layout.id,
                    header_row = &shape.header_row
                ),
                Some(CellLocation::workbook(&workbook.name)),
            );
        }
        return;
    }
    progress.tables_found += tables.len();
    let mut place: Vec<Option<usize>> = vec![None; shape.document.columns.len()];
    for (at, &i) in variant.iter().enumerate() {
        place[i] = Some(at);
    }
    let read = SheetTables {
        sheet,
        tables,
        place,
        width: variant.len() as u32,
    };
    let first = read.tables[0].header;
    let above = if (0..first).any(|r| !sheet.row_is_blank(r)) {
        crate::msg!("import-rows-above", rows = super::rows(first))
    } else {
        crate::msg!("plain", text = "")
    };
    progress.current_group = None;
    for table in &read.tables {
        let imported = [
            Some(shape.answer_col),
            shape.status_col,
            shape.evidence_col,
            shape.links_col,
        ];
        for col in imported.into_iter().filter_map(|c| read.column(table, c)) {
            if sheet.hidden_cols.contains(&col) {
                found.warning(
                    Code::ImportHidden,
                    crate::msg!("import-column-hidden-imported", value = column_name(col)),
                    Some(cell_at(workbook, sheet, table.header, col)),
                );
            }
        }
    }
    for (t, table) in read.tables.iter().enumerate() {
        let end = read
            .tables
            .get(t + 1)
            .map_or(sheet.height(), |next| next.header);
        let mut items = 0;
        for row in table.header + 1..end {
            if !sheet.row_is_blank(row)
                && read_row(input, shape, &read, table, row, progress, found)
            {
                items += 1;
            }
        }
        found.note(crate::msg!(
            "import-sheet-header-row-item",
            name = &sheet.name,
            value = table.header + 1,
            value2 = column_name(table.offset),
            value3 = column_name(table.offset + read.width - 1),
            items = &items,
            end = &end,
            above = if t == 0 {
                above.clone()
            } else {
                crate::msg!("plain", text = "")
            }
        ));
    }
}

/// Reads one row of a table: a control's answer, or a group row, or a row this layout does
/// not have (reported). True when the row is a control's.
fn read_row(
    input: &LayoutImport,
    shape: &Shape,
    read: &SheetTables,
    table: &Table,
    row: u32,
    progress: &mut Progress,
    found: &mut Found,
) -> bool {
    let (workbook, sheet) = (input.workbook, read.sheet);
    let at = |col: usize| read.at(table, col);
    let key = sheet.cell(row, at(shape.key_col)).text.trim();
    let candidates = shape.by_key.get(key).filter(|_| !key.is_empty());
    let Some(candidates) = candidates else {
        other_row(input, shape, read, table, row, key, progress, found);
        return false;
    };
    let choice = choose(
        candidates,
        &shape.expected,
        sheet,
        row,
        table.offset,
        &read.place,
        &progress.used,
        progress.current_group.as_deref(),
        progress.last,
    );
    let e = &shape.expected[choice];
    let here = sheet.address(row, at(shape.answer_col));
    if let Some(first) = progress.used.get(&choice) {
        found.error(
            Code::ImportDuplicate,
            crate::msg!(
                "import-control-appears-twice-at",
                id = &e.id,
                first = &first,
                here = &here
            ),
            Some(cell_at(workbook, sheet, row, at(shape.key_col))),
        );
        return false;
    }
    progress.used.insert(choice, here);
    progress.last = Some(choice);
    if let Some(g) = e.groups.last() {
        progress.current_group = Some(g.clone());
    }
    if sheet.hidden_rows.contains(&row) {
        found.warning(
            Code::ImportHidden,
            crate::msg!(
                "import-row-hidden-control-imported",
                value = row + 1,
                id = &e.id
            ),
            Some(cell_at(workbook, sheet, row, at(shape.key_col))),
        );
    }
    typed_cell_warning(found, workbook, sheet, row, at(shape.key_col), "number");
    if let Some(answer) = item_answer(input, shape, read, table, row, &e.id, found) {
        found.answers.push(answer);
    }
    true
}

/// The answer in the row of the control `id`: its text, links, evidence and status;
/// `None` when the row answers nothing.
fn item_answer(
    input: &LayoutImport,
    shape: &Shape,
    read: &SheetTables,
    table: &Table,
    row: u32,
    id: &str,
    found: &mut Found,
) -> Option<Answer> {
    let (workbook, sheet) = (input.workbook, read.sheet);
    let at = |col: usize| read.at(table, col);
    let answer_cell = sheet.cell(row, at(shape.answer_col));
    typed_cell_warning(found, workbook, sheet, row, at(shape.answer_col), "answer");
    // What the layout writes for a control without an answer is no answer.
    let answer_text = match &shape.document.unanswered {
        Some(shown) if answer_cell.text.trim() == shown.trim() => "",
        _ => answer_cell.text.as_str(),
    };
    let AnswerCell { body, mut links } =
        answer_cell::invert(answer_text, input.list_prefix, input.split_links);
    if let Some(col) = read.column(table, shape.links_col) {
        typed_cell_warning(found, workbook, sheet, row, col, "links");
        links.extend(evidence_lines(sheet.text(row, col)));
    }
    let evidence: Vec<String> = match read.column(table, shape.evidence_col) {
        None => Vec::new(),
        Some(col) => {
            typed_cell_warning(found, workbook, sheet, row, col, "evidence");
            evidence_lines(sheet.text(row, col))
        }
    };
    let status = match shape.status_col.filter(|&c| read.place[c].is_some()) {
        None => None,
        Some(col) => match answer_cell::status(sheet.text(row, at(col))) {
            Ok(status) => status,
            Err(allowed) => {
                found.error_help(
                    Code::ImportStatus,
                    crate::msg!(
                        "import-not-status-control",
                        value = sheet.text(row, at(col)).trim(),
                        id = id
                    ),
                    Some(cell_at(workbook, sheet, row, at(col))),
                    allowed,
                );
                None
            }
        },
    };
    for (col, _) in sheet.row_cells(row) {
        if col < table.offset || col >= table.offset + read.width {
            found.unmapped(
                workbook,
                sheet,
                row,
                col,
                crate::msg!("import-why-outside-layout-columns"),
            );
        }
    }
    let answered = body.is_some() || status.is_some() || !links.is_empty() || !evidence.is_empty();
    answered.then(|| Answer {
        control: id.to_owned(),
        status,
        body,
        links,
        evidence,
        reviewed: None,
        note: None,
        span: None,
    })
}

/// A row whose key names no control: a group or intro row (its group becomes the current
/// one), else an answer to something the catalog does not have (an error), else cells
/// that are not imported.
#[allow(clippy::too_many_arguments)]
fn other_row(
    input: &LayoutImport,
    shape: &Shape,
    read: &SheetTables,
    table: &Table,
    row: u32,
    key: &str,
    progress: &mut Progress,
    found: &mut Found,
) {
    let (workbook, sheet) = (input.workbook, read.sheet);
    let at = |col: usize| read.at(table, col);
    let cells: Vec<(u32, &str)> = sheet
        .row_cells(row)
        .map(|(c, cell)| (c, cell.text.trim()))
        .collect();
    if cells.iter().all(|(_, t)| shape.known_rows.contains_key(*t)) {
        if let Some(group) = cells.iter().find_map(|(_, t)| shape.known_rows[*t].clone()) {
            progress.current_group = Some(group);
        }
        return;
    }
    let answer = sheet.text(row, at(shape.answer_col));
    if answer.trim().is_empty() {
        for (col, _) in cells {
            found.unmapped(
                workbook,
                sheet,
                row,
                col,
                crate::msg!("import-why-not-part-of-any-item"),
            );
        }
        return;
    }
    let message = if key.is_empty() {
        crate::msg!(
            "import-answer-row-without-column",
            value = &shape.document.columns[shape.key_col].header,
            value2 = column_name(at(shape.key_col)),
            id = &input.catalog.id
        )
    } else {
        crate::msg!(
            "import-not-item-catalog-as",
            key = &key,
            id = &input.catalog.id,
            id2 = &input.layout.id
        )
    };
    found.error(
        Code::ImportUnknownItem,
        message,
        Some(cell_at(workbook, sheet, row, at(shape.answer_col))),
    );
}

/// The best of several controls shown with the same number.
#[allow(clippy::too_many_arguments)]
fn choose(
    candidates: &[usize],
    expected: &[Expected],
    sheet: &Sheet,
    row: u32,
    offset: u32,
    place: &[Option<usize>],
    used: &HashMap<usize, String>,
    group: Option<&str>,
    last: Option<usize>,
) -> usize {
    if let [only] = candidates {
        return *only;
    }
    let score = |&i: &usize| {
        let e = &expected[i];
        let matching = e
            .texts
            .iter()
            .filter(|(col, text)| {
                place[*col].is_some_and(|c| sheet.text(row, offset + c as u32).trim() == text)
            })
            .count();
        let in_group = group.is_some_and(|g| e.groups.iter().any(|x| x == g));
        let after = last.is_none_or(|l| i > l);
        (
            !used.contains_key(&i),
            matching,
            in_group,
            after,
            std::cmp::Reverse(i),
        )
    };
    *candidates
        .iter()
        .max_by_key(|i| score(i))
        .expect("candidates are never empty")
}

/// Whether `sheet` is the links sheet `build` adds after a document's own sheets, by its
/// name and its header row (within its first rows).
fn is_built_links_sheet(sheet: &Sheet) -> bool {
    (0..sheet.height().min(8)).any(|row| {
        crate::render::is_links_sheet(
            &sheet.name,
            [sheet.text(row, 0), sheet.text(row, 1), sheet.text(row, 2)],
        )
    })
}

/// An evidence or links cell's items: one per line, blank lines left out.
fn evidence_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// For each control, the IDs of its enclosing groups, outermost first.
fn group_chains(catalog: &Catalog) -> HashMap<&str, Vec<String>> {
    fn walk<'a>(
        group: &'a Group,
        chain: &mut Vec<String>,
        out: &mut HashMap<&'a str, Vec<String>>,
    ) {
        chain.push(group.id.clone());
        for c in &group.controls {
            out.insert(c.id.as_str(), chain.clone());
        }
        for g in &group.groups {
            walk(g, chain, out);
        }
        chain.pop();
    }
    let mut out = HashMap::new();
    for g in &catalog.groups {
        walk(g, &mut Vec::new(), &mut out);
    }
    out
}

/// Every header row of the layout on a sheet (or only `fixed`), at any column offset.
fn find_tables(sheet: &Sheet, headers: &[(&str, &str)], fixed: Option<u32>) -> Vec<Table> {
    let width = sheet.width();
    let n = headers.len() as u32;
    let rows: Vec<u32> = match fixed {
        Some(row) => vec![row],
        None => (0..sheet.height()).collect(),
    };
    let mut tables = Vec::new();
    for row in rows {
        if sheet.row_is_blank(row) {
            continue;
        }
        for offset in 0..=width.saturating_sub(n) {
            let all = headers.iter().enumerate().all(|(i, (template, rendered))| {
                header_matches(sheet.text(row, offset + i as u32), template, rendered)
            });
            if all {
                tables.push(Table {
                    header: row,
                    offset,
                });
                break;
            }
        }
    }
    tables
}

/// A header cell matches a column's header template: equal to the rendered header, or,
/// where the template names the organization or other values, holding its fixed words in
/// order (`{{ organization.short_name }} 回答` matches `サンプル 回答`).
pub fn header_matches(cell: &str, template: &str, rendered: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() {
        return false;
    }
    if cell == rendered.trim() {
        return true;
    }
    if !template.contains("{{") && !template.contains("{%") {
        return false;
    }
    let literals = template_literals(&resolve_branches(template, rendered));
    let mut rest = cell;
    for literal in &literals {
        match rest.find(literal.as_str()) {
            Some(i) => rest = &rest[i + literal.len()..],
            None => return false,
        }
    }
    true
}

/// A template with each `{% if … %}A{% else %}B{% endif %}` (not nested) replaced by the
/// branch the rendered text shows: A when its fixed words are in `rendered`, else B. So
/// `{% if catalog.lang == 'en' %}Answer{% else %}回答{% endif %}` is `回答` for a Japanese
/// catalog.
fn resolve_branches(template: &str, rendered: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{% if ") {
        let after_if = &rest[start..];
        let (Some(open_end), Some(end)) = (after_if.find("%}"), after_if.find("{% endif %}"))
        else {
            break;
        };
        let body = &after_if[open_end + 2..end];
        let (yes, no) = body.split_once("{% else %}").unwrap_or((body, ""));
        let shows = |branch: &str| {
            let words = template_literals(branch);
            !words.is_empty() && words.iter().all(|w| rendered.contains(w.trim()))
        };
        out.push_str(&rest[..start]);
        out.push_str(if shows(yes) { yes } else { no });
        rest = &after_if[end + "{% endif %}".len()..];
    }
    out.push_str(rest);
    out
}

/// The fixed words of a template: the text between its `{{ }}`, `{% %}` and `{# #}` tags.
fn template_literals(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min_by_key(|(i, _)| *i);
        let Some((start, open)) = next else {
            out.push(rest.trim().to_owned());
            break;
        };
        out.push(rest[..start].trim().to_owned());
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => break,
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_knows_the_groups_around_it() {
        // When a number and a text repeat across groups, the group a row is in picks the
        // control; the chain is outermost first.
        let ws = crate::load::Workspace::builtins();
        let chains = group_chains(&ws.catalogs["mic-cloud-v3"]);
        assert_eq!(chains["II.1.1.1"], ["II.1", "II.1.1"]);
        assert_eq!(chains["III.2.2.1"], ["III.2", "III.2.2"]);
        assert_eq!(chains.len(), 121);
    }

    #[test]
    fn headers_match_their_templates() {
        let t = "{{ organization.short_name or organization.name }} 回答";
        assert!(header_matches("サンプル 回答", t, " 回答"));
        assert!(header_matches("回答", t, " 回答"));
        assert!(!header_matches("質問", t, " 回答"));
        assert!(header_matches("No.", "No.", "No."));
        assert!(!header_matches("No. ", "No", "No"));
        assert!(!header_matches("", "{{ x }}", ""));
        let lang =
            "{{ organization.name }} {% if catalog.lang == 'en' %}Answer{% else %}回答{% endif %}";
        assert!(header_matches("サンプル 回答", lang, "ACME 回答"));
        assert!(header_matches("ACME Inc. Answer", lang, "X Answer"));
        assert!(!header_matches("ACME Inc. Answer", lang, "X 回答"));
        assert_eq!(
            template_literals("{% if a %}x{% endif %} 実施内容 {# c #}"),
            vec!["x", "実施内容"]
        );
    }
}
