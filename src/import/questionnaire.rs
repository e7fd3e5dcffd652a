//! Import from a questionnaire in no known layout: a customer's own workbook.
//!
//! Each chosen sheet is searched for header rows ([`super::detect`]); each header row starts
//! a table that runs to the next header row, so several tables on one sheet are read one
//! after the other. In a table, a row with an ID and a question (or title) is an item; a row
//! with text but no ID, or whose ID cell is merged across the question, is a heading. Items
//! become controls and headings their groups — a heading directly followed by another
//! heading holds the headings after it, up to the next such heading — so the questionnaire
//! can be written as a new catalog, with the answers it already holds.

use std::collections::{HashMap, HashSet};

use crate::diag::{CellLocation, Code, did_you_mean};
use crate::model::{
    Answer, Catalog, CellColumns, CellRef, Control, Group, Lang, QuestionTable, Questionnaire,
    Status,
};

use super::answer_cell::{self, AnswerCell};
use super::detect::{self, Columns, Decision, Role, Table};
use super::labels::{self, LabelMap};
use super::workbook::{Sheet, Workbook, column_name};
use super::{Found, cell_at, typed_cell_warning};

pub struct QuestionnaireImport<'a> {
    pub workbook: &'a Workbook,
    pub sheets: &'a [usize],
    /// Columns the user named.
    pub given: Columns,
    /// A 0-based header row to use instead of searching for header rows.
    pub header_row: Option<u32>,
    /// An existing catalog the IDs must belong to; `None` builds a new one.
    pub catalog: Option<&'a Catalog>,
    /// ID and title of the new catalog.
    pub new_catalog: Option<(String, Option<String>)>,
    pub list_prefix: Option<&'a str>,
    pub split_links: bool,
}

/// One item row.
struct Item {
    id: String,
    sheet: usize,
    row: u32,
    id_col: u32,
    title: Option<String>,
    text: Option<String>,
    answer: AnswerCell,
    status: Option<Status>,
    note: Option<String>,
    /// The evidence cell's lines.
    evidence: Vec<String>,
    /// True when the answer cell holds nothing (for heading detection).
    blank: bool,
    /// Index of its table in the import.
    table: usize,
    cells: CellPos,
}

/// The table a row is read in.
struct RowContext<'a> {
    sheet_index: usize,
    cols: &'a Columns,
    header: Option<u32>,
}

/// How many candidates a refusal lists.
const LISTED: usize = 8;

/// Refuses the import: says why and lists the candidates, best first, each with the
/// options that select it.
fn refuse(
    input: &QuestionnaireImport,
    found: &mut Found,
    why: crate::i18n::Message,
    ranked: &[Table],
) {
    let workbook = input.workbook;
    let mut lines = Vec::new();
    if ranked.is_empty() {
        lines.push(crate::msg!("import-refuse-name-columns"));
    } else {
        lines.push(crate::msg!("import-refuse-candidates"));
        for (n, t) in ranked.iter().take(LISTED).enumerate() {
            let sheet = &workbook.sheets[t.sheet];
            lines.push(crate::msg!(
                "import-refuse-candidate",
                n = n + 1,
                place = t.place(workbook),
                columns = if t.columns.is_empty() {
                    crate::msg!("import-no-columns")
                } else {
                    t.columns.describe(sheet, t.header)
                },
                items = t.items,
                score = format!("{:.1}", t.score),
                fails = match (t.fails.is_empty(), t.answerless) {
                    (true, false) => crate::msg!("plain", text = ""),
                    (true, true) => crate::msg!("import-questions-only"),
                    (false, _) => crate::msg!(
                        "import-fails",
                        fails = crate::i18n::Arg::List(t.fails.clone())
                    ),
                },
                options = t.options(workbook)
            ));
        }
        if ranked.len() > LISTED {
            lines.push(crate::msg!(
                "import-refuse-more",
                count = ranked.len() - LISTED
            ));
        }
    }
    let help = crate::msg!("plain", text = crate::i18n::Arg::Lines(lines));
    let code = if ranked.iter().any(|t| t.fails.is_empty()) {
        Code::ImportAmbiguous
    } else {
        Code::ImportNoTable
    };
    found.error_help(
        code,
        crate::msg!("import-workbook-why", name = &workbook.name, why = &why),
        None,
        help,
    );
}

/// Text too long, or on too many lines, to be one of a questionnaire's choices.
fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    text.contains('\n') || text.chars().count() > 24
}

/// Any kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0x3400..=0x4DBF))
}

/// The questionnaire's title from the rows above its table: the first cell that reads as a
/// title (one line, not a version, date, notice or copyright line).
fn title_above(sheet: &Sheet, header: u32) -> Option<String> {
    (0..header.min(20))
        .flat_map(|r| sheet.row_cells(r).map(|(_, c)| c).collect::<Vec<_>>())
        .filter(|c| !c.is_typed())
        .map(|c| c.text.trim())
        .find(|t| is_title(t))
        .map(str::to_owned)
}

/// One line, 2–80 characters, not a version, a notice, a sentence or a footer.
fn is_title(text: &str) -> bool {
    let n = detect::fold(text);
    let chars = text.chars().count();
    if text.contains('\n') || !(2..=80).contains(&chars) || is_boilerplate(text) {
        return false;
    }
    let version = n.starts_with("ver")
        || n.starts_with("version")
        || n.starts_with("rev")
        || n.starts_with("改訂")
        || n.starts_with("版")
        || (n.starts_with('v') && n[1..].starts_with(|c: char| c.is_ascii_digit()))
        || n.chars().all(|c| c.is_ascii_digit() || ".-/:v".contains(c))
        || n.ends_with("版");
    let sentence = n.ends_with('。') || (n.ends_with('.') && chars > 30) || n.ends_with(':');
    let label = detect::classify(text).is_some() && chars <= 12;
    !(version || sentence || label)
}

/// A copyright line, a confidentiality banner or a page footer.
fn is_boilerplate(text: &str) -> bool {
    let n = detect::fold(text);
    [
        "copyright",
        "©",
        "(c)20",
        "allrightsreserved",
        "confidential",
        "機密",
        "社外秘",
        "禁無断",
        "無断転載",
        "page",
        "ページ",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// Groups without any item are not groups (a footer, a banner after the last question):
/// their titles are reported as not imported.
fn drop_empty(nodes: Vec<Node>, found: &mut Found, workbook: &Workbook, sheet: &str) -> Vec<Node> {
    let mut out = Vec::new();
    for mut node in nodes {
        node.children = drop_empty(std::mem::take(&mut node.children), found, workbook, sheet);
        if has_items(&node) {
            out.push(node);
        } else {
            found.warning(
                Code::ImportUnmapped,
                crate::msg!(
                    "import-not-imported-heading-with",
                    value = node.title.chars().take(40).collect::<String>()
                ),
                Some(CellLocation::sheet(&workbook.name, sheet)),
            );
        }
    }
    out
}

enum Entry {
    /// `text` on one line (a group's title); `raw` as written (a group's intro text).
    Heading {
        id: Option<String>,
        text: String,
        raw: String,
    },
    Item(Item),
}

/// A heading row this long, right after another heading, is that heading's intro text.
const INTRO_CHARS: usize = 60;

/// A group being built: its ID, title, controls and child groups.
struct Node {
    id: String,
    title: String,
    /// Intro text shown under the heading.
    text: Option<String>,
    items: Vec<usize>,
    children: Vec<Node>,
}

/// Where a table of the questionnaire is, for writing answers back into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInfo {
    pub sheet: String,
    /// 1-based, as Excel shows it (0 when the table has no header row).
    pub header_row: u32,
    pub columns: Columns,
    pub questions: u32,
    /// FNV-1a 64 of the question texts, each followed by `\n`.
    pub fingerprint: String,
}

/// Where one question's cells are: sheet, 1-based row, 0-based columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellPos {
    pub sheet: String,
    pub row: u32,
    pub question: Option<u32>,
    pub choice: Option<u32>,
    pub answer: Option<u32>,
    pub evidence: Option<u32>,
}

/// What a new catalog records of the questionnaire it came from.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    pub workbook: String,
    pub labels: Vec<(String, Status)>,
    pub tables: Vec<TableInfo>,
    /// Each control's cells, by control ID (after IDs were made unique).
    pub cells: Vec<(String, CellPos)>,
    /// The questionnaire is in English.
    pub english: bool,
}

/// What reading a questionnaire's tables gathers, sheet by sheet.
#[derive(Default)]
struct Reading {
    items: Vec<Item>,
    /// Each sheet's name, its groups and the items outside any group.
    sheet_nodes: Vec<(String, Vec<Node>, Vec<usize>)>,
    /// The text above the first table: the new catalog's title unless one is given.
    title: Option<String>,
    labels: LabelMap,
    /// Each table read, and the items of it (filled once every sheet is read).
    infos: Vec<(TableInfo, Vec<usize>)>,
}

/// Reads a questionnaire in any layout: its answers into `found`, and — without
/// `input.catalog` — the new catalog it becomes.
pub fn import(input: &QuestionnaireImport, found: &mut Found) -> Option<Catalog> {
    let tables = chosen_tables(input, found)?;
    let mut reading = Reading::default();
    for &index in input.sheets {
        let here: Vec<&Table> = tables.iter().filter(|t| t.sheet == index).collect();
        read_sheet(input, index, &here, &mut reading, found);
    }
    fingerprint_tables(&mut reading);
    for unknown in &reading.labels.unknown {
        found.note(crate::msg!(
            "import-dropdown-choice-says-no",
            unknown = &unknown
        ));
    }
    let english = {
        let texts: Vec<&str> = reading
            .items
            .iter()
            .filter_map(|i| i.text.as_deref())
            .collect();
        let japanese = texts.iter().filter(|t| has_japanese(t)).count();
        !texts.is_empty() && japanese * 5 < texts.len()
    };
    let placement = Placement {
        workbook: input.workbook.name.clone(),
        labels: reading.labels.labels.clone(),
        tables: std::mem::take(&mut reading.infos)
            .into_iter()
            .map(|(i, _)| i)
            .collect(),
        cells: Vec::new(),
        english,
    };
    match input.catalog {
        Some(catalog) => {
            answer_catalog(input, catalog, &reading.items, found);
            None
        }
        None => new_catalog(input, reading, placement, found),
    }
}

/// The tables detection chose (those it left out are warned about); `None` when it
/// refused to choose (an error of `found`, listing the candidates).
fn chosen_tables(input: &QuestionnaireImport, found: &mut Found) -> Option<Vec<Table>> {
    let workbook = input.workbook;
    match detect::find_tables(workbook, input.sheets, &input.given, input.header_row) {
        Decision::Tables { tables, left_out } => {
            for table in &left_out {
                found.warning(
                    Code::ImportTableLeft,
                    crate::msg!(
                        "import-table-question-not-imported",
                        value = table.place(workbook),
                        items = &table.items,
                        value2 = table
                            .columns
                            .describe(&workbook.sheets[table.sheet], table.header),
                        value3 = table.options(workbook)
                    ),
                    Some(cell_at(
                        workbook,
                        &workbook.sheets[table.sheet],
                        table.header.unwrap_or(0),
                        table.columns.id.unwrap_or(0),
                    )),
                );
            }
            Some(tables)
        }
        Decision::Refused { why, ranked } => {
            refuse(input, found, why, &ranked);
            None
        }
    }
}

/// Reads the tables `here` of the sheet `index`, then groups its items.
fn read_sheet(
    input: &QuestionnaireImport,
    index: usize,
    here: &[&Table],
    reading: &mut Reading,
    found: &mut Found,
) {
    let workbook = input.workbook;
    let mut sheet = workbook.sheets[index].clone();
    if here.is_empty() {
        if (0..sheet.height()).any(|r| !sheet.row_is_blank(r)) {
            found.note(crate::msg!(
                "import-sheet-no-questionnaire-table",
                name = &sheet.name
            ));
        }
        return;
    }
    let first = here[0].header.unwrap_or(0);
    if reading.title.is_none() {
        reading.title = title_above(&sheet, first);
    }
    if first > 0 && (0..first).any(|r| !sheet.row_is_blank(r)) {
        found.note(crate::msg!(
            "import-sheet-above-table-titles",
            name = &sheet.name,
            value = super::rows(first)
        ));
    }
    let mut entries = Vec::new();
    for table in here {
        read_table(
            input,
            &mut sheet,
            index,
            table,
            &mut entries,
            reading,
            found,
        );
    }
    promote_prefix_headings(&mut entries);
    let (nodes, loose) = build_groups(entries, &mut reading.items);
    let nodes = drop_empty(nodes, found, workbook, &sheet.name);
    reading.sheet_nodes.push((sheet.name.clone(), nodes, loose));
}

/// Reads one table of `sheet` into `entries` (its merged cells filled down first) and
/// records it.
fn read_table(
    input: &QuestionnaireImport,
    sheet: &mut Sheet,
    index: usize,
    table: &Table,
    entries: &mut Vec<Entry>,
    reading: &mut Reading,
    found: &mut Found,
) {
    let workbook = input.workbook;
    let (header, cols) = (table.header, table.columns);
    let start = header.map_or(0, |h| h + 1);
    fill_merged(workbook, sheet, table, found);
    for col in cols.mapped() {
        if sheet.hidden_cols.contains(&col) {
            found.warning(
                Code::ImportHidden,
                crate::msg!("import-column-hidden-imported-2", value = column_name(col)),
                Some(cell_at(workbook, sheet, header.unwrap_or(start), col)),
            );
        }
    }
    let before = entries.len();
    // A section's name where the header row's ID label would be (`Documentation`
    // above `DOCU-01`…): the table's heading.
    if let (Some(h), Some(col)) = (header, cols.id) {
        let cell = sheet.cell(h, col);
        let name = cell.text.trim();
        if !name.is_empty()
            && !cell.is_typed()
            && detect::classify(name).is_none()
            && !is_boilerplate(name)
        {
            entries.push(Entry::Heading {
                id: None,
                text: name.replace('\n', " "),
                raw: name.to_owned(),
            });
        }
    }
    read_rows(
        input,
        sheet,
        index,
        table,
        entries,
        &mut reading.labels,
        found,
    );
    let count = entries[before..]
        .iter()
        .filter(|e| matches!(e, Entry::Item(_)))
        .count();
    found.note(crate::msg!(
        "import-item",
        place = table.place(workbook),
        value = cols.describe(sheet, header),
        count = &count
    ));
    let info = TableInfo {
        sheet: sheet.name.clone(),
        header_row: header.map_or(0, |h| h + 1),
        columns: cols,
        questions: count as u32,
        fingerprint: String::new(),
    };
    reading.infos.push((info, Vec::new()));
    let table_no = reading.infos.len() - 1;
    for e in &mut entries[before..] {
        if let Entry::Item(item) = e {
            item.table = table_no;
        }
    }
}

/// Gives every cell of a vertical merge in the table's columns its first cell's value;
/// warns of an answer or choice merged across several items.
fn fill_merged(workbook: &Workbook, sheet: &mut Sheet, table: &Table, found: &mut Found) {
    let start = table.header.map_or(0, |h| h + 1);
    for role in [
        Role::Category,
        Role::Title,
        Role::Question,
        Role::Choice,
        Role::Answer,
        Role::Evidence,
        Role::Note,
    ] {
        let Some(col) = table.columns.get(role) else {
            continue;
        };
        for merge in sheet.fill_down(col) {
            let spans_items = (merge.first_row..=merge.last_row)
                .filter(|r| (start..table.end).contains(r))
                .count();
            if matches!(role, Role::Answer | Role::Choice) && spans_items > 1 {
                found.warning(
                    Code::ImportMerged,
                    crate::msg!(
                        "import-cell-merged-across-rows",
                        name = role.message(),
                        value = merge.last_row - merge.first_row + 1
                    ),
                    Some(CellLocation::cells(
                        &workbook.name,
                        &sheet.name,
                        merge.cells(),
                    )),
                );
            }
        }
    }
}

/// Reads the rows of a table into `entries`: items, headings, and a heading for each new
/// value of the category column.
fn read_rows(
    input: &QuestionnaireImport,
    sheet: &Sheet,
    index: usize,
    table: &Table,
    entries: &mut Vec<Entry>,
    labels: &mut LabelMap,
    found: &mut Found,
) {
    let (header, cols) = (table.header, table.columns);
    let header_texts: Vec<String> = header
        .map(|h| sheet.row_cells(h).map(|(_, c)| c.text.clone()).collect())
        .unwrap_or_default();
    let mut category: Option<String> = None;
    for row in header.map_or(0, |h| h + 1)..table.end {
        if sheet.row_is_blank(row) {
            continue;
        }
        let texts: Vec<String> = sheet.row_cells(row).map(|(_, c)| c.text.clone()).collect();
        if !header_texts.is_empty() && texts == header_texts {
            continue;
        }
        if let Some(col) = cols.choice
            && let Some(choices) = sheet.dropdown(row, col)
        {
            labels.add_choices(choices);
        }
        let ctx = RowContext {
            sheet_index: index,
            cols: &cols,
            header,
        };
        let Some(entry) = read_row(input, found, sheet, &ctx, row, labels) else {
            continue;
        };
        if sheet.hidden_rows.contains(&row) {
            found.warning(
                Code::ImportHidden,
                crate::msg!("import-row-hidden-imported", value = row + 1),
                Some(cell_at(input.workbook, sheet, row, cols.id.unwrap_or(0))),
            );
        }
        match (&entry, cols.category) {
            (Entry::Item(_), Some(col)) => {
                let value = sheet.text(row, col).trim().replace('\n', " ");
                if !value.is_empty() && category.as_deref() != Some(value.as_str()) {
                    category = Some(value.clone());
                    // The heading row just above may already name it.
                    let named = matches!(
                        entries.last(),
                        Some(Entry::Heading { text, .. })
                            if *text == value || heading_id(None, text, 0).1 == value
                    );
                    if !named {
                        entries.push(Entry::Heading {
                            id: None,
                            text: value.clone(),
                            raw: value,
                        });
                    }
                }
            }
            (Entry::Heading { .. }, _) => category = None,
            _ => {}
        }
        entries.push(entry);
    }
}

/// Gives each table its items and the fingerprint of their questions, in row order.
fn fingerprint_tables(reading: &mut Reading) {
    let items = &reading.items;
    for (i, item) in items.iter().enumerate() {
        if let Some((_, members)) = reading.infos.get_mut(item.table) {
            members.push(i);
        }
    }
    for (info, members) in &mut reading.infos {
        let mut ordered = members.clone();
        ordered.sort_by_key(|&i| items[i].row);
        info.fingerprint = labels::fingerprint(ordered.iter().map(|&i| {
            items[i]
                .text
                .as_deref()
                .or(items[i].title.as_deref())
                .unwrap_or("")
        }));
    }
}

/// The answers to the controls of an existing catalog, in its order (an item it does not
/// have is an error).
fn answer_catalog(
    input: &QuestionnaireImport,
    catalog: &Catalog,
    items: &[Item],
    found: &mut Found,
) {
    check_known_ids(items, catalog, input.workbook, found);
    let order: HashMap<&str, usize> = catalog
        .controls()
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut indexes: Vec<usize> = (0..items.len()).collect();
    indexes.sort_by_key(|&i| {
        order
            .get(items[i].id.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    push_answers(items, indexes, found);
}

/// The new catalog the questionnaire becomes: a group per sheet when several have items,
/// IDs made unique; its answers into `found`. `None` (an error) when it has no items.
fn new_catalog(
    input: &QuestionnaireImport,
    reading: Reading,
    mut placement: Placement,
    found: &mut Found,
) -> Option<Catalog> {
    let workbook = input.workbook;
    let Reading {
        mut items,
        sheet_nodes,
        title,
        ..
    } = reading;
    let sheets_with_items: Vec<_> = sheet_nodes
        .into_iter()
        .filter(|(_, nodes, loose)| !loose.is_empty() || nodes.iter().any(has_items))
        .collect();
    let mut roots: Vec<Node> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    if sheets_with_items.len() > 1 {
        for (number, (name, nodes, loose)) in sheets_with_items.into_iter().enumerate() {
            roots.push(Node {
                id: (number + 1).to_string(),
                title: name,
                text: None,
                items: loose,
                children: nodes,
            });
        }
    } else if let Some((_, nodes, loose)) = sheets_with_items.into_iter().next() {
        roots = nodes;
        top = loose;
    }
    unique_group_ids(&mut roots);
    qualify_duplicates(&mut items, &roots, workbook, found);
    if items.is_empty() {
        if !found.has_errors() {
            found.error(
                Code::ImportNoTable,
                crate::msg!("import-tables-hold-no-items", name = &workbook.name),
                None,
            );
        }
        return None;
    }
    let (id, given_title) = input.new_catalog.clone().unwrap_or_default();
    let mut order = top.clone();
    for node in &roots {
        collect(node, &mut order);
    }
    let catalog = Catalog {
        id,
        title: given_title
            .or(title)
            .unwrap_or_else(|| workbook.name.clone()),
        publisher: None,
        url: None,
        version: None,
        lang: if placement.english {
            Lang::En
        } else {
            Lang::Ja
        },
        questionnaire: Some(Box::new(questionnaire_record(&placement))),
        groups: roots.iter().map(|n| to_group(n, &items)).collect(),
        controls: top.iter().map(|&i| to_control(&items[i])).collect(),
        origin: workbook.name.clone(),
        id_span: None,
    };
    placement.cells = order
        .iter()
        .map(|&i| (items[i].id.clone(), items[i].cells.clone()))
        .collect();
    found.placement = Some(placement);
    push_answers(&items, order, found);
    Some(catalog)
}

/// What a new catalog records of its questionnaire: the workbook, the label map and the
/// tables that hold answers.
fn questionnaire_record(placement: &Placement) -> Questionnaire {
    Questionnaire {
        workbook: Some(placement.workbook.clone()),
        labels: placement.labels.iter().cloned().collect(),
        tables: placement
            .tables
            .iter()
            .filter(|t| {
                t.columns.choice.is_some()
                    || t.columns.answer.is_some()
                    || t.columns.evidence.is_some()
            })
            .map(|t| QuestionTable {
                sheet: t.sheet.clone(),
                header_row: t.header_row.max(1),
                columns: cell_columns(&t.columns),
                questions: t.questions,
                fingerprint: t.fingerprint.clone(),
                span: None,
            })
            .collect(),
    }
}

/// Reads one row of a table: an item, a heading, or nothing (reported).
fn read_row(
    input: &QuestionnaireImport,
    found: &mut Found,
    sheet: &Sheet,
    ctx: &RowContext,
    row: u32,
    labels: &mut LabelMap,
) -> Option<Entry> {
    let cols = ctx.cols;
    let id_col = cols.id?;
    let id = sheet.text(row, id_col).trim().to_owned();
    let has_question = [cols.question, cols.title]
        .into_iter()
        .flatten()
        .any(|c| !sheet.text(row, c).trim().is_empty());
    let id_spans_question = sheet.merge_at(row, id_col).is_some_and(|m| {
        m.first_col < m.last_col
            && [cols.question, cols.title, cols.answer, cols.choice]
                .into_iter()
                .flatten()
                .any(|c| c != id_col && (m.first_col..=m.last_col).contains(&c))
    });
    let is_item = !id.is_empty()
        && has_question
        && !id_spans_question
        && (super::detect::looks_like_id(&id)
            || (id.chars().count() <= 20 && !id.contains([' ', '\u{3000}'])));
    if is_item {
        read_item(input, found, sheet, ctx, row, id, labels)
    } else {
        other_row(input, found, sheet, ctx, row, &id, id_spans_question)
    }
}

/// A row that is not an item: an answer without an ID or question (an error), else a
/// heading, else cells that are not imported (a repeated header row, a notice…).
fn other_row(
    input: &QuestionnaireImport,
    found: &mut Found,
    sheet: &Sheet,
    ctx: &RowContext,
    row: u32,
    id: &str,
    id_spans_question: bool,
) -> Option<Entry> {
    let (workbook, cols) = (input.workbook, ctx.cols);
    let answered = [cols.answer, cols.choice]
        .into_iter()
        .flatten()
        .find(|&c| !sheet.text(row, c).trim().is_empty());
    if let Some(col) = answered.filter(|_| !id_spans_question) {
        let what = if id.is_empty() { "id" } else { "question" };
        found.error_help(
            Code::ImportUnknownItem,
            crate::msg!("import-answer-row-without-cannot", missing = what),
            Some(cell_at(workbook, sheet, row, col)),
            crate::msg!(
                "import-fill-row-cell-or",
                missing = what,
                value2 = cols.describe(sheet, None)
            ),
        );
        return None;
    }
    let raw: Vec<String> = sheet
        .row_cells(row)
        .map(|(_, c)| c.text.trim().to_owned())
        .collect();
    if let Some(why) = not_a_heading(sheet, ctx, row, &raw) {
        for (col, _) in sheet.row_cells(row) {
            found.unmapped(workbook, sheet, row, col, why.clone());
        }
        return None;
    }
    let texts: Vec<String> = raw.iter().map(|t| t.replace('\n', " ")).collect();
    let heading_id = (!id_spans_question && looks_like_id(id)).then(|| id.to_owned());
    let text = match &heading_id {
        Some(hid) => texts
            .iter()
            .filter(|t| *t != hid)
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
        None => distinct(&texts)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let text = if text.is_empty() { id.to_owned() } else { text };
    Some(Entry::Heading {
        id: heading_id,
        text,
        raw: raw.join("\n"),
    })
}

/// The texts, each once, in order.
fn distinct(texts: &[String]) -> Vec<&String> {
    let mut seen: Vec<&String> = Vec::new();
    for t in texts {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen
}

/// Why a row without an item (its trimmed cell texts `raw`) is not a heading either; only
/// a row of one text (and maybe its number) is: a repeated header row, a banner or a
/// footer is not.
fn not_a_heading(
    sheet: &Sheet,
    ctx: &RowContext,
    row: u32,
    raw: &[String],
) -> Option<crate::i18n::Message> {
    let errors_only = sheet
        .row_cells(row)
        .all(|(_, c)| c.kind == super::workbook::Kind::Error);
    if errors_only {
        Some(crate::msg!("import-why-a-formula-error-not-a-heading"))
    } else if super::detect::is_header(sheet, row)
        || ctx.header.is_some_and(|h| {
            let labels: Vec<&str> = sheet.row_cells(h).map(|(_, c)| c.text.trim()).collect();
            raw.iter().filter(|t| labels.contains(&t.as_str())).count() >= 2
        })
    {
        Some(crate::msg!("import-why-a-repeated-header-row"))
    } else if raw.iter().any(|t| is_boilerplate(t)) {
        Some(crate::msg!("import-why-a-notice-not-a-heading"))
    } else if distinct(raw).len() > 2 || raw.iter().any(|t| t.chars().count() > 200) {
        Some(crate::msg!(
            "import-why-a-row-of-several-texts-without-an-id"
        ))
    } else {
        None
    }
}

/// An item's row: its question, answer, status, evidence and note; `None` when its ID
/// cannot be one (an error).
fn read_item(
    input: &QuestionnaireImport,
    found: &mut Found,
    sheet: &Sheet,
    ctx: &RowContext,
    row: u32,
    id: String,
    labels: &mut LabelMap,
) -> Option<Entry> {
    let (workbook, cols) = (input.workbook, ctx.cols);
    let id_col = cols.id?;
    let text_of = |col: Option<u32>| {
        col.map(|c| sheet.text(row, c).trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let question = text_of(cols.question);
    let title = text_of(cols.title).filter(|_| cols.title != cols.question);
    let answer_text = cols.answer.map_or("", |c| sheet.text(row, c));
    let choice_text = cols.choice.map_or("", |c| sheet.text(row, c));
    if id.chars().any(char::is_control) {
        found.error(
            Code::ImportInvalidId,
            crate::msg!(
                "import-id-has-line-break",
                escape_debug = id.escape_debug().to_string()
            ),
            Some(cell_at(workbook, sheet, row, id_col)),
        );
        return None;
    }
    for col in cols.mapped() {
        if sheet.no_value.contains(&(row, col)) {
            found.error_help(
                Code::ImportNoValue,
                crate::msg!("import-cell-holds-formula-saved"),
                Some(cell_at(workbook, sheet, row, col)),
                crate::msg!("import-open-workbook-excel-or"),
            );
        }
    }
    typed_cell_warning(found, workbook, sheet, row, id_col, "ID");
    if let Some(col) = cols.answer {
        typed_cell_warning(found, workbook, sheet, row, col, "answer");
    }
    let mut answer = if answer_text.trim().is_empty() {
        AnswerCell::default()
    } else {
        answer_cell::invert(answer_text, input.list_prefix, input.split_links)
    };
    let status = cols
        .choice
        .and_then(|col| choice_status(input, found, sheet, row, col, &id, labels, &mut answer));
    // The evidence cell's lines (証跡 / 根拠資料), one document each.
    let evidence = text_of(cols.evidence)
        .map(|t| answer_cell::evidence_lines(&t))
        .unwrap_or_default();
    let mapped = cols.mapped();
    for (col, _) in sheet.row_cells(row) {
        if !mapped.contains(&col) {
            found.unmapped(
                workbook,
                sheet,
                row,
                col,
                crate::msg!("import-why-in-no-named-column"),
            );
        }
    }
    Some(Entry::Item(Item {
        id,
        sheet: ctx.sheet_index,
        row,
        id_col,
        title,
        text: question,
        blank: answer_text.trim().is_empty() && choice_text.trim().is_empty() && status.is_none(),
        answer,
        status,
        note: text_of(cols.note),
        evidence,
        table: 0,
        cells: CellPos {
            sheet: sheet.name.clone(),
            row: row + 1,
            question: cols.question.or(cols.title),
            choice: cols.choice,
            answer: cols.answer,
            evidence: cols.evidence,
        },
    }))
}

/// The status the choice cell `col` gives through the label map. A sentence where a
/// choice is offered (a question answered in words) becomes the answer's text when the
/// text cell is empty; a choice the map does not know is an error.
#[allow(clippy::too_many_arguments)]
fn choice_status(
    input: &QuestionnaireImport,
    found: &mut Found,
    sheet: &Sheet,
    row: u32,
    col: u32,
    id: &str,
    labels: &mut LabelMap,
    answer: &mut AnswerCell,
) -> Option<Status> {
    let workbook = input.workbook;
    let text = sheet.text(row, col);
    match labels.status(text) {
        Ok(status) => status,
        Err(_) if is_sentence(text) && answer.body.is_none() => {
            found.warning(
                Code::ImportUnmapped,
                crate::msg!("import-choice-cell-holds-text", id = id),
                Some(cell_at(workbook, sheet, row, col)),
            );
            *answer = answer_cell::invert(text, input.list_prefix, input.split_links);
            None
        }
        Err(known) => {
            found.error_help(
                Code::ImportStatus,
                crate::msg!("import-not-known-answer-label", trim = text.trim(), id = id),
                Some(cell_at(workbook, sheet, row, col)),
                known,
            );
            None
        }
    }
}

/// Short, without spaces, with a digit or only ASCII: `1`, `A`, `2-1` (not a heading text
/// written in the ID column).
fn looks_like_id(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 16
        && !text.contains(char::is_whitespace)
        && (text.chars().any(|c| c.is_ascii_digit()) || text.is_ascii())
}

/// An unanswered item whose ID starts the IDs of the items after it (`1` before `1-1`,
/// `1.2` before `1.2.1`) is their heading.
fn promote_prefix_headings(entries: &mut [Entry]) {
    for i in 0..entries.len() {
        let next_id = entries[i + 1..].iter().find_map(|e| match e {
            Entry::Item(item) => Some(item.id.clone()),
            Entry::Heading { .. } => None,
        });
        let Entry::Item(item) = &entries[i] else {
            continue;
        };
        let Some(next) = next_id else { continue };
        let prefix = next
            .strip_prefix(item.id.as_str())
            .is_some_and(|rest| rest.len() > 1 && rest.starts_with(['.', '-', '_']));
        if item.blank && prefix {
            let text = item
                .text
                .clone()
                .or_else(|| item.title.clone())
                .unwrap_or_else(|| item.id.clone());
            entries[i] = Entry::Heading {
                id: Some(item.id.clone()),
                raw: text.clone(),
                text,
            };
        }
    }
}

/// Groups from a sheet's entries (at most two levels), and the items before any heading.
/// A long heading right after another heading is that heading's intro text.
fn build_groups(entries: Vec<Entry>, items: &mut Vec<Item>) -> (Vec<Node>, Vec<usize>) {
    enum Kind {
        Heading,
        Intro,
        Item,
    }
    let mut kinds: Vec<Kind> = Vec::new();
    for entry in &entries {
        let kind = match entry {
            Entry::Item(_) => Kind::Item,
            Entry::Heading { id: None, raw, .. }
                if matches!(kinds.last(), Some(Kind::Heading))
                    && raw.chars().count() > INTRO_CHARS =>
            {
                Kind::Intro
            }
            Entry::Heading { .. } => Kind::Heading,
        };
        kinds.push(kind);
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut loose = Vec::new();
    // Where items go: (top-level index, child index).
    let mut current: Option<(usize, Option<usize>)> = None;
    let mut parent: Option<usize> = None;
    let mut counter = 0;
    for (i, entry) in entries.into_iter().enumerate() {
        match entry {
            Entry::Heading { raw, .. } if matches!(kinds[i], Kind::Intro) => {
                let node = match current {
                    Some((top, None)) => &mut nodes[top],
                    Some((top, Some(child))) => &mut nodes[top].children[child],
                    None => continue,
                };
                match &mut node.text {
                    Some(text) => {
                        text.push('\n');
                        text.push_str(&raw);
                    }
                    None => node.text = Some(raw),
                }
            }
            Entry::Heading { id, text, .. } => {
                counter += 1;
                let (id, title) = heading_id(id, &text, counter);
                let node = Node {
                    id,
                    title,
                    text: None,
                    items: Vec::new(),
                    children: Vec::new(),
                };
                let next_is_heading = kinds[i + 1..]
                    .iter()
                    .find(|k| !matches!(k, Kind::Intro))
                    .is_some_and(|k| matches!(k, Kind::Heading));
                match parent {
                    Some(p) if !next_is_heading => {
                        nodes[p].children.push(node);
                        current = Some((p, Some(nodes[p].children.len() - 1)));
                    }
                    _ => {
                        nodes.push(node);
                        let top = nodes.len() - 1;
                        current = Some((top, None));
                        parent = next_is_heading.then_some(top);
                    }
                }
            }
            Entry::Item(item) => {
                items.push(item);
                let index = items.len() - 1;
                match current {
                    None => loose.push(index),
                    Some((top, None)) => nodes[top].items.push(index),
                    Some((top, Some(child))) => nodes[top].children[child].items.push(index),
                }
            }
        }
    }
    (nodes, loose)
}

/// A heading's group ID and title: the ID cell, or the number it starts with (`1.` /
/// `2-1` / `３．`), or `G<n>`.
fn heading_id(id: Option<String>, text: &str, counter: usize) -> (String, String) {
    if let Some(id) = id {
        return (id, text.to_owned());
    }
    let folded: String = text
        .trim()
        .trim_start_matches(['■', '□', '●', '○', '◆', '◇', '▼', '▶', '【', '[', '('])
        .chars()
        .map(|c| match c as u32 {
            0xFF10..=0xFF19 | 0xFF0E | 0xFF0D => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let number: String = folded
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    let number = number.trim_end_matches(['.', '-']).to_owned();
    if number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let after = &folded[number.len()..];
        let boundary = after.is_empty()
            || after.starts_with(|c: char| c.is_whitespace() || ".-、)）:：】]".contains(c));
        let rest = after.trim_start_matches(['.', '-']);
        if boundary {
            let title = rest
                .trim_start_matches(|c: char| c.is_whitespace() || "、)）:：】]".contains(c))
                .trim();
            let title = if title.is_empty() { text.trim() } else { title };
            return (number, title.to_owned());
        }
    }
    (format!("G{counter}"), text.trim().to_owned())
}

fn has_items(node: &Node) -> bool {
    !node.items.is_empty() || node.children.iter().any(has_items)
}

fn collect(node: &Node, out: &mut Vec<usize>) {
    out.extend(&node.items);
    for child in &node.children {
        collect(child, out);
    }
}

/// Group IDs must be unique in a catalog: a repeated one gets `-2`, `-3` ….
fn unique_group_ids(roots: &mut [Node]) {
    fn walk(node: &mut Node, seen: &mut HashSet<String>) {
        let mut id = node.id.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{}-{n}", node.id);
            n += 1;
        }
        node.id = id;
        for child in &mut node.children {
            walk(child, seen);
        }
    }
    let mut seen = HashSet::new();
    for node in roots {
        walk(node, &mut seen);
    }
}

/// Numbers that restart in each section (`1`, `2` … under every heading) are made unique by
/// prefixing the ID of the item's top-level section (`2-1`), or else of its innermost one;
/// IDs that are still repeated are errors.
fn qualify_duplicates(items: &mut [Item], roots: &[Node], workbook: &Workbook, found: &mut Found) {
    let unique = |ids: &[String]| {
        let mut seen = HashSet::new();
        ids.iter().all(|id| seen.insert(id.as_str()))
    };
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    if !unique(&ids) {
        // For each item under a heading: its top-level and innermost section.
        let mut owner: HashMap<usize, (String, String)> = HashMap::new();
        fn walk(node: &Node, top: &str, owner: &mut HashMap<usize, (String, String)>) {
            for &i in &node.items {
                owner.insert(i, (top.to_owned(), node.id.clone()));
            }
            for child in &node.children {
                walk(child, top, owner);
            }
        }
        for node in roots {
            walk(node, &node.id, &mut owner);
        }
        for outer in [true, false] {
            let renamed: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| match owner.get(&i) {
                    Some((top, inner)) => {
                        format!("{}-{}", if outer { top } else { inner }, item.id)
                    }
                    None => item.id.clone(),
                })
                .collect();
            if unique(&renamed) || !outer {
                if let Some(i) = (0..items.len()).find(|&i| renamed[i] != items[i].id) {
                    let item = &items[i];
                    found.warning(
                        Code::ImportIdChanged,
                        crate::msg!(
                            "import-item-numbers-repeat-across",
                            outer = if outer { "yes" } else { "no" },
                            id = &item.id,
                            value2 = workbook.sheets[item.sheet].address(item.row, item.id_col),
                            value3 = &renamed[i]
                        ),
                        Some(CellLocation::workbook(&workbook.name)),
                    );
                }
                for (item, id) in items.iter_mut().zip(renamed) {
                    item.id = id;
                }
                break;
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(&first) = seen.get(&item.id) {
            let a = &items[first];
            let sheet = &workbook.sheets[item.sheet];
            found.error(
                Code::ImportDuplicate,
                crate::msg!(
                    "import-id-appears-twice-at",
                    id = &item.id,
                    value = workbook.sheets[a.sheet].address(a.row, a.id_col)
                ),
                Some(cell_at(workbook, sheet, item.row, item.id_col)),
            );
        } else {
            seen.insert(item.id.clone(), i);
        }
    }
}

/// With an existing catalog, every ID must be one of its controls, once.
fn check_known_ids(items: &[Item], catalog: &Catalog, workbook: &Workbook, found: &mut Found) {
    let controls = catalog.controls();
    let known: HashSet<&str> = controls.iter().map(|c| c.id.as_str()).collect();
    let mut seen: HashMap<&str, &Item> = HashMap::new();
    for item in items {
        let sheet = &workbook.sheets[item.sheet];
        if !known.contains(item.id.as_str()) {
            let help = match did_you_mean(&item.id, controls.iter().map(|c| c.id.as_str())) {
                Some(s) => crate::msg!("help-did-you-mean", suggestion = s),
                None => crate::msg!("help-see-list-controls", catalog = &catalog.id),
            };
            found.error_help(
                Code::ImportUnknownItem,
                crate::msg!(
                    "import-not-control-catalog",
                    id = &item.id,
                    id2 = &catalog.id
                ),
                Some(cell_at(workbook, sheet, item.row, item.id_col)),
                help,
            );
        } else if let Some(first) = seen.get(item.id.as_str()) {
            found.error(
                Code::ImportDuplicate,
                crate::msg!(
                    "import-control-appears-twice-at-2",
                    id = &item.id,
                    value = workbook.sheets[first.sheet].address(first.row, first.id_col)
                ),
                Some(cell_at(workbook, sheet, item.row, item.id_col)),
            );
        } else {
            seen.insert(item.id.as_str(), item);
        }
    }
}

fn push_answers(items: &[Item], order: Vec<usize>, found: &mut Found) {
    for i in order {
        let item = &items[i];
        let AnswerCell { body, links } = item.answer.clone();
        if body.is_none()
            && item.status.is_none()
            && links.is_empty()
            && item.note.is_none()
            && item.evidence.is_empty()
        {
            continue;
        }
        found.answers.push(Answer {
            control: item.id.clone(),
            status: item.status,
            body,
            links,
            evidence: item.evidence.clone(),
            reviewed: None,
            note: item.note.clone(),
            span: None,
        });
    }
}

fn to_control(item: &Item) -> Control {
    Control {
        id: item.id.clone(),
        title: item.title.as_deref().map(Into::into),
        text: item.text.as_deref().map(Into::into),
        level: None,
        refs: Default::default(),
        span: None,
        // A list of questions without a place to answer records no cells.
        cells: (item.cells.choice.is_some()
            || item.cells.answer.is_some()
            || item.cells.evidence.is_some())
        .then(|| CellRef {
            sheet: item.cells.sheet.clone(),
            row: item.cells.row,
            columns: CellColumns {
                id: None,
                category: None,
                question: item.cells.question,
                choice: item.cells.choice,
                answer: item.cells.answer,
                evidence: item.cells.evidence,
            },
            span: None,
        }),
    }
}

/// The model's columns of a table.
fn cell_columns(cols: &Columns) -> CellColumns {
    CellColumns {
        id: cols.id,
        category: cols.category,
        question: cols.question.or(cols.title),
        choice: cols.choice,
        answer: cols.answer,
        evidence: cols.evidence,
    }
}

fn to_group(node: &Node, items: &[Item]) -> Group {
    Group {
        id: node.id.clone(),
        title: node.title.clone(),
        text: node.text.clone(),
        note: None,
        refs: Default::default(),
        groups: node.children.iter().map(|c| to_group(c, items)).collect(),
        controls: node.items.iter().map(|&i| to_control(&items[i])).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(
            heading_id(None, "1. 組織的対策", 1),
            ("1".into(), "組織的対策".into())
        );
        assert_eq!(
            heading_id(None, "■ 第2部 運用", 2),
            ("G2".into(), "■ 第2部 運用".into())
        );
        assert_eq!(
            heading_id(None, "３．物理的対策", 3),
            ("3".into(), "物理的対策".into())
        );
        assert_eq!(
            heading_id(None, "2-1 アクセス管理", 4),
            ("2-1".into(), "アクセス管理".into())
        );
        assert_eq!(
            heading_id(None, "2024年度の方針", 5),
            ("G5".into(), "2024年度の方針".into())
        );
        assert_eq!(
            heading_id(Some("A".into()), "総則", 6),
            ("A".into(), "総則".into())
        );
    }
}
