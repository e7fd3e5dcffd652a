//! Vendor fields on cover sheets and above tables: a label such as 貴社名, サービス名,
//! 回答日 or 回答者 (or Company name, Service, Date, Respondent) next to an empty cell gets
//! the project's organization name, service, date or contact.

use std::collections::{HashMap, HashSet};

use super::package::Package;
use super::parts::{self, WorkbookParts};
use super::sheet::SheetXml;
use super::{Edits, FillInput};
use crate::a1::address;
use crate::diag::{Code, Diagnostic};
use crate::import::workbook::{Workbook, sheet_prefix};

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

/// Finds the vendor fields outside the question rows and plans their edits.
pub fn fill_vendor_fields(
    workbook: &Workbook,
    input: &FillInput,
    sheets: &mut HashMap<usize, SheetXml>,
    package: &Package,
    parts: &WorkbookParts,
    edits: &mut Edits,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<VendorField>, String> {
    // Rows that belong to the questionnaire's tables: never a cover field.
    let mut table_rows: HashSet<(String, u32)> = HashSet::new();
    for control in input.catalog.controls() {
        if let Some(cells) = &control.cells {
            table_rows.insert((cells.sheet.clone(), cells.row - 1));
        }
    }
    let mut first_table_row: HashMap<&str, u32> = HashMap::new();
    if let Some(q) = &input.catalog.questionnaire {
        for t in &q.tables {
            let row = first_table_row.entry(t.sheet.as_str()).or_insert(u32::MAX);
            *row = (*row).min(t.header_row - 1);
        }
    }
    let mut found = Vec::new();
    let mut done: HashSet<&'static str> = HashSet::new();
    for (index, sheet) in workbook.sheets.iter().enumerate() {
        if sheet.hidden {
            continue;
        }
        let limit = first_table_row
            .get(sheet.name.as_str())
            .copied()
            .unwrap_or(u32::MAX);
        for row in 0..sheet.height().min(limit) {
            if table_rows.contains(&(sheet.name.clone(), row)) {
                continue;
            }
            let cells: Vec<(u32, String)> = sheet
                .row_cells(row)
                .map(|(c, cell)| (c, cell.text.clone()))
                .collect();
            for (col, label) in cells {
                let Some(field) = field_of(&label) else {
                    continue;
                };
                if done.contains(field) {
                    continue;
                }
                let next_col = sheet.merge_at(row, col).map_or(col, |m| m.last_col) + 1;
                let target = if sheet.text(row, next_col).trim().is_empty()
                    && sheet
                        .merge_at(row, next_col)
                        .is_none_or(|m| m.first_row == row && m.first_col == next_col)
                {
                    Some((row, next_col))
                } else {
                    None
                };
                let Some((t_row, t_col)) = target else {
                    continue;
                };
                done.insert(field);
                let at = format!("{}{}", sheet_prefix(&sheet.name), address(t_row, t_col));
                let value = match field {
                    "company" => Some(input.organization.name.clone()),
                    "service" => input.organization.service.clone(),
                    "date" => Some(input.date.clone()),
                    _ => input.organization.contact.clone(),
                };
                let Some(text) = value.clone() else {
                    diags.push(Diagnostic::new(
                        Code::FillVendorField,
                        format!("{at}: the workbook asks for `{}` and the project does not say it; the cell was left empty", label.trim()),
                    ).help(match field {
                        "service" => "add `service:` under `organization:` in checksheet.yaml",
                        _ => "add `contact:` (the respondent's name) under `organization:` in checksheet.yaml",
                    }));
                    found.push(VendorField {
                        field,
                        label: label.trim().to_owned(),
                        at,
                        value: None,
                    });
                    continue;
                };
                if let std::collections::hash_map::Entry::Vacant(entry) = sheets.entry(index) {
                    let part = parts
                        .sheets
                        .iter()
                        .find(|p| p.name == sheet.name)
                        .ok_or_else(|| format!("sheet `{}` has no worksheet part", sheet.name))?;
                    let xml = package.read(&part.path)?;
                    entry.insert(
                        SheetXml::read(xml).map_err(|e| {
                            format!("sheet `{}` is not valid XML ({e})", sheet.name)
                        })?,
                    );
                }
                let sheet_xml = &sheets[&index];
                if sheet_xml.cell(t_row + 1, t_col).is_some_and(|c| c.formula) {
                    continue;
                }
                if sheet_xml.protected {
                    let locked = parts::styles_path(package, parts)
                        .map(|p| package.read(&p))
                        .transpose()?
                        .map(|x| parts::locked_formats(&x))
                        .transpose()?
                        .unwrap_or_default();
                    let style = sheet_xml.style_of(t_row + 1, t_col).unwrap_or(0) as usize;
                    if locked.get(style).copied().unwrap_or(true) {
                        diags.push(Diagnostic::new(
                            Code::FillLocked,
                            format!("{at}: the cell for `{}` is locked on a protected sheet; it was not written", label.trim()),
                        ));
                        continue;
                    }
                }
                edits
                    .entry(index)
                    .or_default()
                    .push((t_row + 1, t_col, text.clone()));
                found.push(VendorField {
                    field,
                    label: label.trim().to_owned(),
                    at,
                    value: Some(text),
                });
            }
        }
    }
    Ok(found)
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
