//! Vendor fields on cover sheets and above tables: a label such as 貴社名, サービス名,
//! 回答日 or 回答者 (or Company name, Service, Date, Respondent) beside an empty cell — or,
//! for labels laid out across a row, above one — gets the project's organization name,
//! service, date or contact.

use std::collections::{HashMap, HashSet};

use super::book::Book;
use super::error::WorkbookError;
use super::{Edits, FillInput};
use crate::a1::address;
use crate::diag::{Code, Diagnostic};
use crate::import::workbook::sheet_prefix;

/// A vendor field found in the workbook, and what became of it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct VendorField {
    /// `company`, `service`, `date` or `respondent`.
    pub field: &'static str,
    /// The label as the workbook spells it.
    pub label: String,
    /// The cell written (or that would have been), e.g. `表紙!C4`.
    pub at: String,
    /// What was written; `None` when the project has no value for it.
    pub value: Option<String>,
}

/// The labels of each field, folded (no spaces, lower case, no trailing colon or mark).
const FIELDS: &[(&str, &[&str])] = &[
    (
        "company",
        &[
            "貴社名",
            "御社名",
            "会社名",
            "回答企業名",
            "回答会社名",
            "企業名",
            "法人名",
            "事業者名",
            "companyname",
            "company",
            "vendorname",
            "vendor",
            "organizationname",
            "organization",
        ],
    ),
    (
        "service",
        &[
            "サービス名",
            "対象サービス",
            "対象サービス名",
            "製品名",
            "製品・サービス名",
            "servicename",
            "service",
            "productname",
            "product",
        ],
    ),
    (
        "date",
        &[
            "回答日",
            "記入日",
            "回答年月日",
            "記入年月日",
            "作成日",
            "date",
            "responsedate",
            "datecompleted",
            "dateofresponse",
        ],
    ),
    (
        "respondent",
        &[
            "回答者",
            "回答者名",
            "担当者",
            "担当者名",
            "ご担当者",
            "ご担当者名",
            "記入者",
            "記入者名",
            "respondent",
            "respondentname",
            "contactname",
            "contact",
            "completedby",
            "preparedby",
        ],
    ),
];

fn fold(text: &str) -> String {
    let folded: String = crate::labels::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    folded
        .trim_end_matches(['：', ':', '*', '＊', '※'])
        .trim_start_matches(['*', '＊', '※', '■', '●', '・'])
        .to_owned()
}

fn field_of(label: &str) -> Option<&'static str> {
    if label.chars().count() > 20 {
        return None;
    }
    let folded = fold(label);
    FIELDS
        .iter()
        .find(|(_, labels)| labels.contains(&folded.as_str()))
        .map(|(field, _)| *field)
}

/// How far down a sheet cover labels are looked for (cover and header areas are at the
/// top; a large reference sheet is not read past them).
const COVER_ROWS: u32 = 60;

/// Finds the vendor fields outside the question rows and plans their edits.
pub fn fill_vendor_fields(
    input: &FillInput,
    book: &mut Book,
    edits: &mut Edits,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<VendorField>, WorkbookError> {
    let tables = Tables::of(input);
    let mut found = Vec::new();
    let mut done: HashSet<&'static str> = HashSet::new();
    for index in 0..book.parts.sheets.len() {
        let part = book.part(index).clone();
        if part.hidden {
            continue;
        }
        // Above the sheet's first table, and within the cover rows.
        let limit = tables
            .first_row
            .get(part.name.as_str())
            .map_or(COVER_ROWS, |&header| {
                header.saturating_sub(1).min(COVER_ROWS)
            });
        book.load_head(index, limit)?;
        let area = Area {
            index,
            sheet: &part.name,
            limit,
            tables: &tables,
        };
        let planned = area.labels(book, &done, edits);
        for (row, col, field, label) in planned {
            done.insert(field);
            let at = format!("{}{}", sheet_prefix(&part.name), address(row - 1, col));
            let value = match field {
                "company" => Some(input.organization.name.clone()),
                "service" => input.organization.service.clone(),
                "date" => Some(input.date.clone()),
                _ => input.organization.contact.clone(),
            };
            let Some(text) = value else {
                diags.push(
                    Diagnostic::new(
                        Code::FillVendorField,
                        crate::msg!("fill-vendor-field", label = label.clone()),
                    )
                    .in_cell(super::cell_of(&part.name, row, col))
                    .help(match field {
                        "service" => crate::msg!("fill-vendor-service-help"),
                        _ => crate::msg!("fill-vendor-contact-help"),
                    }),
                );
                found.push(VendorField {
                    field,
                    label,
                    at,
                    value: None,
                });
                continue;
            };
            if !writable(book, index, (row, col), &part.name, &label, diags)? {
                continue;
            }
            edits
                .entry(index)
                .or_default()
                .push((row, col, text.clone()));
            found.push(VendorField {
                field,
                label,
                at,
                value: Some(text),
            });
        }
    }
    Ok(found)
}

/// Where the questionnaire's tables are: never a cover field.
struct Tables<'a> {
    /// Rows that belong to the questionnaire's tables (sheet, 1-based row).
    rows: HashSet<(&'a str, u32)>,
    /// The header row of each sheet's first table.
    first_row: HashMap<&'a str, u32>,
}

impl<'a> Tables<'a> {
    fn of(input: &FillInput<'a>) -> Tables<'a> {
        let mut rows: HashSet<(&str, u32)> = HashSet::new();
        for control in input.catalog.controls() {
            if let Some(cells) = &control.cells {
                rows.insert((cells.sheet.as_str(), cells.row));
            }
        }
        let mut first_row: HashMap<&str, u32> = HashMap::new();
        if let Some(q) = &input.catalog.questionnaire {
            for t in &q.tables {
                let row = first_row.entry(t.sheet.as_str()).or_insert(u32::MAX);
                *row = (*row).min(t.header_row);
            }
        }
        Tables { rows, first_row }
    }
}

/// The part of a sheet cover labels are looked for in: its first `limit` rows, but the
/// questionnaire's table rows.
struct Area<'a> {
    index: usize,
    sheet: &'a str,
    limit: u32,
    tables: &'a Tables<'a>,
}

impl Area<'_> {
    /// The vendor fields' labels of the area not `done` yet, each with the cell its value
    /// goes in: (row, column, field, label).
    fn labels(
        &self,
        book: &Book,
        done: &HashSet<&'static str>,
        edits: &Edits,
    ) -> Vec<(u32, u32, &'static str, String)> {
        let sheet = book.sheet(self.index);
        let texts = book.texts(self.index);
        let mut planned: Vec<(u32, u32, &'static str, String)> = Vec::new();
        for row in sheet.rows.iter().filter(|r| r.row <= self.limit) {
            if self.tables.rows.contains(&(self.sheet, row.row)) {
                continue;
            }
            for cell in &row.cells {
                let label = texts.text(row.row, cell.col);
                let Some(field) = field_of(&label) else {
                    continue;
                };
                if done.contains(field) || planned.iter().any(|p| p.2 == field) {
                    continue;
                }
                if let Some((r, c)) = self.value_cell(book, row.row, cell.col, edits) {
                    planned.push((r, c, field, label.trim().to_owned()));
                }
            }
        }
        planned
    }

    /// The cell a label's value goes in: the one beside the label (after its merge), else —
    /// for labels laid out across a row with the values under them — the one below; `None`
    /// when that cell is not empty or not free.
    fn value_cell(&self, book: &Book, row: u32, col: u32, edits: &Edits) -> Option<(u32, u32)> {
        let sheet = book.sheet(self.index);
        let texts = book.texts(self.index);
        let merge = sheet.merge_at(row - 1, col);
        let beside = (row, merge.map_or(col, |m| m.last_col) + 1);
        let below = (merge.map_or(row, |m| m.last_row + 1) + 1, col);
        let usable = |(r, c): (u32, u32)| {
            r <= self.limit
                && !self.tables.rows.contains(&(self.sheet, r))
                && texts.text(r, c).trim().is_empty()
                && sheet
                    .merge_at(r - 1, c)
                    .is_none_or(|m| m.first_row == r - 1 && m.first_col == c)
                && !edits
                    .get(&self.index)
                    .is_some_and(|e| e.iter().any(|(er, ec, _)| *er == r && *ec == c))
        };
        // A label with text right beside it, on either side, is one of a row of labels
        // (会社名 | 部署名 | 担当者名): its value goes below it.
        let first_col = merge.map_or(col, |m| m.first_col);
        let left_text = first_col > 0 && !texts.text(row, first_col - 1).trim().is_empty();
        let right_text = !texts.text(beside.0, beside.1).trim().is_empty();
        let target = if left_text || right_text {
            below
        } else {
            beside
        };
        usable(target).then_some(target)
    }
}

/// Whether a vendor field's cell may be written: not a formula, and not locked on a
/// protected sheet (reported).
fn writable(
    book: &mut Book,
    index: usize,
    (row, col): (u32, u32),
    sheet: &str,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<bool, WorkbookError> {
    book.load(index)?;
    if book.sheet(index).is_formula(row, col) {
        return Ok(false);
    }
    if book.sheet(index).protected {
        let style = book.sheet(index).style_of(row, col).unwrap_or(0) as usize;
        if book.locked_formats()?.get(style).copied().unwrap_or(true) {
            diags.push(
                Diagnostic::new(
                    Code::FillLocked,
                    crate::msg!("fill-vendor-locked", label = label),
                )
                .in_cell(super::cell_of(sheet, row, col)),
            );
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_recognised_in_both_languages() {
        assert_eq!(field_of("貴社名："), Some("company"));
        assert_eq!(field_of("※ 回答者"), Some("respondent"));
        assert_eq!(field_of("Company Name:"), Some("company"));
        assert_eq!(field_of("Date"), Some("date"));
        assert_eq!(field_of("サービス名"), Some("service"));
        assert_eq!(
            field_of("貴社名をご記入ください。これは長い説明文です。"),
            None
        );
        assert_eq!(field_of("分類"), None);
    }
}
