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

use crate::diag::{Code, did_you_mean};
use crate::model::{Answer, Catalog, Control, Group, Status};

use super::answer_cell::{self, AnswerCell};
use super::detect::{Columns, Role, detect};
use super::workbook::{Sheet, Workbook, column_name};
use super::{Found, cell_diag, typed_cell_warning};

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
    /// True when the answer cell holds nothing (for heading detection).
    blank: bool,
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

pub fn import(input: &QuestionnaireImport, found: &mut Found) -> Option<Catalog> {
    let workbook = input.workbook;
    let mut items: Vec<Item> = Vec::new();
    let mut sheet_nodes: Vec<(String, Vec<Node>, Vec<usize>)> = Vec::new();
    let mut title: Option<String> = None;
    let mut tables = 0;
    for &index in input.sheets {
        let mut sheet = workbook.sheets[index].clone();
        let headers = header_rows(&sheet, input);
        if headers.is_empty() {
            if (0..sheet.height()).any(|r| !sheet.row_is_blank(r)) {
                found.warning(
                    Code::ImportUnmapped,
                    format!(
                        "sheet `{}` has no header row naming a question and an answer column: none of its cells were imported",
                        sheet.name
                    ),
                    Some(workbook.name.clone()),
                );
            }
            continue;
        }
        if title.is_none() {
            let first = headers[0].0.unwrap_or(0);
            title = (0..first)
                .flat_map(|r| sheet.row_cells(r).map(|(_, c)| c.text.trim().to_owned()))
                .find(|t| !t.is_empty() && !t.contains('\n'));
        }
        if let Some(first) = headers[0].0.filter(|r| *r > 0)
            && (0..first).any(|r| !sheet.row_is_blank(r))
        {
            found.note(format!(
                "sheet `{}`: {} above the table (titles, notes) were not imported",
                sheet.name,
                super::rows(first)
            ));
        }
        let mut entries = Vec::new();
        for (t, (header, cols)) in headers.iter().enumerate() {
            tables += 1;
            let start = header.map_or(0, |h| h + 1);
            let end = headers
                .get(t + 1)
                .and_then(|(h, _)| *h)
                .unwrap_or(sheet.height());
            let header_texts: Vec<String> = header
                .map(|h| sheet.row_cells(h).map(|(_, c)| c.text.clone()).collect())
                .unwrap_or_default();
            let missing: Vec<Role> = [Role::Id, Role::Answer]
                .into_iter()
                .filter(|r| cols.get(*r).is_none())
                .chain((cols.question.is_none() && cols.title.is_none()).then_some(Role::Question))
                .collect();
            let place = match header {
                Some(h) => format!("sheet `{}`, header row {}", sheet.name, h + 1),
                None => format!("sheet `{}` (no header row)", sheet.name),
            };
            if !missing.is_empty() {
                found.error_help(
                    Code::ImportColumns,
                    format!(
                        "{place}: no {} column found (found: {})",
                        missing
                            .iter()
                            .map(|r| r.name())
                            .collect::<Vec<_>>()
                            .join(", no "),
                        if cols.is_empty() {
                            "nothing".to_owned()
                        } else {
                            cols.describe(&sheet, *header)
                        }
                    ),
                    None,
                    format!(
                        "name the columns: {}",
                        missing
                            .iter()
                            .map(|r| format!("{} <letter>", r.option()))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                );
                continue;
            }
            for role in [
                Role::Title,
                Role::Question,
                Role::Answer,
                Role::Status,
                Role::Note,
            ] {
                if let Some(col) = cols.get(role) {
                    for merge in sheet.fill_down(col) {
                        let spans_items = (merge.first_row..=merge.last_row)
                            .filter(|r| (start..end).contains(r))
                            .count();
                        if role == Role::Answer && spans_items > 1 {
                            found.warning(
                                Code::ImportMerged,
                                format!(
                                    "the answer cell is merged across {} rows: each of their questions was given its text",
                                    merge.last_row - merge.first_row + 1
                                ),
                                Some(format!("{}: {}", workbook.name, merge.range(&sheet.name))),
                            );
                        }
                    }
                }
            }
            for col in cols.mapped() {
                if sheet.hidden_cols.contains(&col) {
                    found.warning(
                        Code::ImportHidden,
                        format!("column {} is hidden; it was imported", column_name(col)),
                        Some(cell_diag(workbook, &sheet, header.unwrap_or(start), col)),
                    );
                }
            }
            let before = entries.len();
            for row in start..end {
                if sheet.row_is_blank(row) {
                    continue;
                }
                let texts: Vec<String> =
                    sheet.row_cells(row).map(|(_, c)| c.text.clone()).collect();
                if !header_texts.is_empty() && texts == header_texts {
                    continue;
                }
                if let Some(entry) = read_row(input, found, &sheet, index, row, cols) {
                    if sheet.hidden_rows.contains(&row) {
                        found.warning(
                            Code::ImportHidden,
                            format!("row {} is hidden; it was imported", row + 1),
                            Some(cell_diag(workbook, &sheet, row, cols.id.unwrap_or(0))),
                        );
                    }
                    entries.push(entry);
                }
            }
            let count = entries[before..]
                .iter()
                .filter(|e| matches!(e, Entry::Item(_)))
                .count();
            found.note(format!(
                "{place}: {} — {count} item(s)",
                cols.describe(&sheet, *header)
            ));
        }
        promote_prefix_headings(&mut entries);
        let (nodes, loose) = build_groups(entries, &mut items);
        sheet_nodes.push((sheet.name.clone(), nodes, loose));
    }
    if tables == 0 {
        found.error_help(
            Code::ImportNoTable,
            format!("no sheet of `{}` has a questionnaire table", workbook.name),
            None,
            "name the sheet and columns: --sheet NAME --header-row N --id-col A --question-col B --answer-col C".to_owned(),
        );
        return None;
    }
    match input.catalog {
        Some(catalog) => {
            check_known_ids(&items, catalog, workbook, found);
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
            push_answers(&items, indexes, found);
            None
        }
        None => {
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
                if found.has_errors() {
                    return None;
                }
                found.error(
                    Code::ImportNoTable,
                    format!(
                        "the tables of `{}` hold no items (rows with an ID and a question)",
                        workbook.name
                    ),
                    None,
                );
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
                lang: Default::default(),
                questionnaire: None,
                groups: roots.iter().map(|n| to_group(n, &items)).collect(),
                controls: top.iter().map(|&i| to_control(&items[i])).collect(),
                origin: workbook.name.clone(),
                id_span: None,
            };
            push_answers(&items, order, found);
            Some(catalog)
        }
    }
}

/// Header rows of a sheet with the columns of each table, or one table without a header
/// when the user named every column needed and no header row is found.
fn header_rows(sheet: &Sheet, input: &QuestionnaireImport) -> Vec<(Option<u32>, Columns)> {
    if let Some(row) = input.header_row {
        return vec![(Some(row), detect(sheet, row).with(&input.given))];
    }
    let found: Vec<(Option<u32>, Columns)> = (0..sheet.height())
        .filter(|r| !sheet.row_is_blank(*r))
        .filter_map(|r| {
            let cols = detect(sheet, r);
            let named = cols.id.is_some() || input.given.id.is_some();
            (cols.is_table() && named).then(|| (Some(r), cols.with(&input.given)))
        })
        .collect();
    if found.is_empty() && input.given.is_table() && input.given.id.is_some() {
        return vec![(None, input.given)];
    }
    found
}

/// Reads one row of a table: an item, a heading, or nothing (reported).
fn read_row(
    input: &QuestionnaireImport,
    found: &mut Found,
    sheet: &Sheet,
    sheet_index: usize,
    row: u32,
    cols: &Columns,
) -> Option<Entry> {
    let workbook = input.workbook;
    let text_of = |col: Option<u32>| {
        col.map(|c| sheet.text(row, c).trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let id_col = cols.id?;
    let id = sheet.text(row, id_col).trim().to_owned();
    let question = text_of(cols.question);
    let title = text_of(cols.title).filter(|_| cols.title != cols.question);
    let answer_col = cols.answer?;
    let answer_text = sheet.text(row, answer_col);
    let id_spans_question = sheet.merge_at(row, id_col).is_some_and(|m| {
        m.first_col < m.last_col
            && [cols.question, cols.title, cols.answer]
                .into_iter()
                .flatten()
                .any(|c| c != id_col && (m.first_col..=m.last_col).contains(&c))
    });
    let is_item = !id.is_empty() && (question.is_some() || title.is_some()) && !id_spans_question;
    if !is_item {
        if !answer_text.trim().is_empty() && !id_spans_question {
            let what = if id.is_empty() { "an ID" } else { "a question" };
            found.error_help(
                Code::ImportUnknownItem,
                format!("an answer in a row without {what}: it cannot be given to any question"),
                Some(cell_diag(workbook, sheet, row, answer_col)),
                format!(
                    "fill in the row's {} cell, or check the columns ({})",
                    if id.is_empty() { "ID" } else { "question" },
                    cols.describe(sheet, None)
                ),
            );
            return None;
        }
        let raw: Vec<String> = sheet
            .row_cells(row)
            .map(|(_, c)| c.text.trim().to_owned())
            .collect();
        let texts: Vec<String> = raw.iter().map(|t| t.replace('\n', " ")).collect();
        let heading_id = (!id_spans_question && looks_like_id(&id)).then(|| id.clone());
        let text = match &heading_id {
            Some(hid) => texts
                .iter()
                .filter(|t| *t != hid)
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            None => texts.join(" "),
        };
        let text = if text.is_empty() { id.clone() } else { text };
        return Some(Entry::Heading {
            id: heading_id,
            text,
            raw: raw.join("\n"),
        });
    }
    if id.chars().any(char::is_control) {
        found.error(
            Code::ImportInvalidId,
            format!("the ID `{}` has a line break", id.escape_debug()),
            Some(cell_diag(workbook, sheet, row, id_col)),
        );
        return None;
    }
    typed_cell_warning(found, workbook, sheet, row, id_col, "ID");
    typed_cell_warning(found, workbook, sheet, row, answer_col, "answer");
    let answer = answer_cell::invert(answer_text, input.list_prefix, input.split_links);
    let status = cols
        .status
        .and_then(|col| match answer_cell::status(sheet.text(row, col)) {
            Ok(status) => status,
            Err(allowed) => {
                found.error_help(
                    Code::ImportStatus,
                    format!(
                        "`{}` is not a status (item `{id}`)",
                        sheet.text(row, col).trim()
                    ),
                    Some(cell_diag(workbook, sheet, row, col)),
                    allowed,
                );
                None
            }
        });
    let mapped = cols.mapped();
    for (col, _) in sheet.row_cells(row) {
        if !mapped.contains(&col) {
            found.unmapped(workbook, sheet, row, col, "in no named column");
        }
    }
    Some(Entry::Item(Item {
        id,
        sheet: sheet_index,
        row,
        id_col,
        title,
        text: question,
        blank: answer_text.trim().is_empty() && status.is_none(),
        answer,
        status,
        note: text_of(cols.note),
    }))
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
                        format!(
                            "item numbers repeat across sections: each item under a heading got its {} section's ID as a prefix (`{}` at {} is now `{}`)",
                            if outer { "top-level" } else { "own" },
                            item.id,
                            workbook.sheets[item.sheet].address(item.row, item.id_col),
                            renamed[i]
                        ),
                        Some(workbook.name.clone()),
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
                format!(
                    "the ID `{}` appears twice: at {} and here",
                    item.id,
                    workbook.sheets[a.sheet].address(a.row, a.id_col)
                ),
                Some(cell_diag(workbook, sheet, item.row, item.id_col)),
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
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("see `checksheet list controls {}`", catalog.id),
            };
            found.error_help(
                Code::ImportUnknownItem,
                format!("`{}` is not a control of catalog {}", item.id, catalog.id),
                Some(cell_diag(workbook, sheet, item.row, item.id_col)),
                help,
            );
        } else if let Some(first) = seen.get(item.id.as_str()) {
            found.error(
                Code::ImportDuplicate,
                format!(
                    "control `{}` appears twice: at {} and here",
                    item.id,
                    workbook.sheets[first.sheet].address(first.row, first.id_col)
                ),
                Some(cell_diag(workbook, sheet, item.row, item.id_col)),
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
        if body.is_none() && item.status.is_none() && links.is_empty() && item.note.is_none() {
            continue;
        }
        found.answers.push(Answer {
            control: item.id.clone(),
            status: item.status,
            body,
            links,
            evidence: Vec::new(),
            reviewed: None,
            note: item.note.clone(),
            span: super::no_span(),
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
        cells: None,
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
