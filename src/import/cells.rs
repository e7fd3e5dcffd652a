//! Import by recorded cells: the answers a customer's workbook holds, read from the cells
//! its catalog records (`cells:`, made by `import --write-catalog`) — the inverse of
//! `checksheet fill`. The choice cell becomes the status through the catalog's label map
//! (else the built-in label sets), the text cell the answer, the evidence cell's lines the
//! evidence. A question the customer moved is found again by its text, as `fill` does.

use indexmap::IndexMap;

use super::{Found, answer_cell};
use crate::diag::{CellLocation, CellRange, Code, SheetPlace};
use crate::fill::book::Book;
use crate::fill::{Located, find_question};
use crate::labels;
use crate::model::{Answer, AnswerBody, Catalog, Status};

/// True when the catalog records where its questions are.
pub fn records_cells(catalog: &Catalog) -> bool {
    catalog.controls().iter().any(|c| c.cells.is_some())
}

/// Reads the answers at the recorded cells of `book`. A sheet that cannot be read is an
/// error of `found`.
pub fn import(book: &mut Book, catalog: &Catalog, found: &mut Found) {
    let label_map = catalog
        .questionnaire
        .as_ref()
        .map(|q| &q.labels)
        .filter(|m| !m.is_empty());
    for control in catalog.controls() {
        let Some(cells) = &control.cells else {
            continue;
        };
        let Some(index) = book.index_of(&cells.sheet) else {
            found.error(
                Code::ImportNoTable,
                crate::msg!(
                    "import-question-recorded-on-sheet",
                    id = &control.id,
                    sheet = &cells.sheet
                ),
                None,
            );
            continue;
        };
        if let Err(why) = book.load(index) {
            found.error(
                Code::Io,
                crate::msg!("import-cannot-read-workbook", why = why.message()),
                None,
            );
            return;
        }
        let texts = book.texts(index);
        let sheet = book.sheet(index);
        let at = |row: u32, col: Option<u32>| CellLocation {
            workbook: None,
            place: Some(SheetPlace {
                sheet: cells.sheet.clone(),
                cells: Some(CellRange::cell(row - 1, col.unwrap_or(0))),
            }),
        };
        let row = match find_question(&texts, control, cells) {
            Located::At(row) => row,
            Located::Moved(row) => {
                found.warning(
                    Code::FillMoved,
                    crate::msg!(
                        "import-question-has-moved-from",
                        id = &control.id,
                        row = &cells.row,
                        row2 = &row
                    ),
                    Some(at(row, cells.columns.question)),
                );
                row
            }
            Located::Missing(why) => {
                found.error(
                    Code::FillNotFound,
                    crate::msg!("import-question-not-workbook", id = &control.id, why = &why),
                    Some(at(cells.row, cells.columns.question)),
                );
                continue;
            }
        };
        let read = |col: Option<u32>| -> Option<String> {
            let col = col?;
            let (r, c) = sheet
                .merge_at(row - 1, col)
                .map_or((row - 1, col), |m| (m.first_row, m.first_col));
            (r == row - 1)
                .then(|| texts.text(r + 1, c).replace("\r\n", "\n"))
                .filter(|t| !t.trim().is_empty())
        };
        let status = match read(cells.columns.choice) {
            None => None,
            Some(label) => match status_of(&label, label_map) {
                Some(status) => Some(status),
                None => {
                    found.error_help(
                        Code::ImportStatus,
                        crate::msg!("import-not-choice-label-map", trim = label.trim()),
                        Some(at(row, cells.columns.choice)),
                        known_labels(label_map),
                    );
                    continue;
                }
            },
        };
        let same_cell = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(a), Some(b)) => {
                let anchor = |c| sheet.merge_at(row - 1, c).map_or(c, |m| m.first_col);
                anchor(a) == anchor(b)
            }
            _ => false,
        };
        let text = read(cells.columns.answer);
        let evidence_col = cells
            .columns
            .evidence
            .filter(|&e| !same_cell(cells.columns.answer, Some(e)));
        let evidence = read(evidence_col)
            .map(|t| answer_cell::evidence_lines(&t))
            .unwrap_or_default();
        if status.is_none() && text.is_none() && evidence.is_empty() {
            continue;
        }
        found.answers.push(Answer {
            control: control.id.clone(),
            status,
            body: text.map(|t| AnswerBody::Text(t.into())),
            links: Vec::new(),
            evidence,
            reviewed: None,
            note: None,
            span: None,
        });
    }
}

/// The status a choice means: through the catalog's label map when it has one, else the
/// built-in label sets (folded: width and case do not matter).
pub fn status_of(label: &str, label_map: Option<&IndexMap<String, Status>>) -> Option<Status> {
    match label_map {
        Some(map) => {
            let folded = labels::fold(label);
            map.iter()
                .find(|(l, _)| labels::fold(l) == folded)
                .map(|(_, s)| *s)
        }
        None => labels::built_in_status(label),
    }
}

fn known_labels(label_map: Option<&IndexMap<String, Status>>) -> crate::i18n::Message {
    match label_map {
        Some(map) => crate::msg!(
            "import-label-map-questionnaire-labels",
            value = map
                .iter()
                .map(|(l, s)| format!("{l} ({})", s.key()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => crate::msg!(
            "import-known-choices-or-give",
            value = labels::BUILT_IN
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
