//! A workbook read into plain cell grids: every sheet's cells as text (numbers and dates
//! spelled as the cell's number format shows them), its merged ranges, its dropdown lists,
//! its formula cells, and which sheets, rows and columns are hidden. The package and the
//! sheets' XML are read by `fill`'s reader ([`crate::fill::book`]), so import and fill see
//! the same cells under the same limits.

use std::collections::BTreeSet;

use super::cell_text::{self, NumberFormat, Shown};
use crate::diag::{Code, Diagnostic};
use crate::fill::book::Book;
use crate::fill::parts::SheetPart;
use crate::fill::sheet::{CellElement, Dropdown, SheetXml, cell_ref};
use crate::fill::{dropdown, parts, text};
use crate::parallel;

/// Largest workbook file read (the same limit as a YAML file).
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// Most cells (the bounding box of a sheet's used cells) read from one sheet.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

/// What a cell held before it became text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Text,
    /// A number, spelled by its number format. `exact` is false when the format is
    /// `General` and the value has a fraction: `1.10` typed into such a cell reads `1.1`.
    Number {
        exact: bool,
    },
    Date,
    Bool,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: Kind,
}

impl Cell {
    pub const EMPTY: Cell = Cell {
        text: String::new(),
        kind: Kind::Empty,
    };

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// A number or date standing where text was probably meant.
    pub fn is_typed(&self) -> bool {
        matches!(self.kind, Kind::Number { .. } | Kind::Date)
    }
}

static EMPTY_CELL: Cell = Cell::EMPTY;

/// A dropdown (a `list` data validation): the ranges it covers (0-based, inclusive: first
/// row, first column, last row, last column) and its `formula1` as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validation {
    pub ranges: Vec<(u32, u32, u32, u32)>,
    pub formula: String,
}

impl Validation {
    pub fn covers(&self, row: u32, col: u32) -> bool {
        self.ranges
            .iter()
            .any(|&(r1, c1, r2, c2)| (r1..=r2).contains(&row) && (c1..=c2).contains(&col))
    }
}

/// A merged range, inclusive, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }

    /// The cells it covers.
    pub fn cells(&self) -> crate::diag::CellRange {
        crate::diag::CellRange {
            first_row: self.first_row,
            first_col: self.first_col,
            last_row: self.last_row,
            last_col: self.last_col,
        }
    }

    pub fn range(&self, sheet: &str) -> String {
        format!(
            "{}{}:{}",
            sheet_prefix(sheet),
            address(self.first_row, self.first_col),
            address(self.last_row, self.last_col)
        )
    }
}

/// One worksheet as a grid of text cells, indexed from A1.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_cols: BTreeSet<u32>,
    /// Dropdown lists: the cells each covers and the choices it offers (when its source
    /// could be read: a list written out, a range or a defined name naming one).
    pub dropdowns: Vec<(Validation, Vec<String>)>,
    /// Formula cells (0-based row, column) saved without a value: their text is unknown.
    pub no_value: Vec<(u32, u32)>,
    /// Formula cells (0-based row, column).
    pub formulas: std::collections::HashSet<(u32, u32)>,
}

impl Sheet {
    /// A sheet from rows of text (tests and callers that build grids by hand).
    pub fn from_rows(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.to_owned(),
            rows,
            ..Sheet::default()
        }
    }

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    pub fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }

    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY_CELL)
    }

    pub fn text(&self, row: u32, col: u32) -> &str {
        &self.cell(row, col).text
    }

    pub fn row_is_blank(&self, row: u32) -> bool {
        self.rows
            .get(row as usize)
            .is_none_or(|r| r.iter().all(|c| c.text.trim().is_empty()))
    }

    /// Non-empty cells of a row, with their columns.
    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = (u32, &Cell)> {
        self.rows
            .get(row as usize)
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, c)| !c.text.trim().is_empty())
            .map(|(i, c)| (i as u32, c))
    }

    /// The choices of the dropdown covering a cell, if any.
    pub fn dropdown(&self, row: u32, col: u32) -> Option<&[String]> {
        self.dropdowns
            .iter()
            .find(|(v, choices)| !choices.is_empty() && v.covers(row, col))
            .map(|(_, c)| c.as_slice())
    }

    /// The rows of a column that a dropdown covers (up to `end`).
    pub fn dropdown_rows(&self, col: u32, start: u32, end: u32) -> usize {
        (start..end)
            .filter(|r| self.dropdown(*r, col).is_some())
            .count()
    }

    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The cell's address with this sheet's name, e.g. `回答!D12` or `'My sheet'!D12`.
    pub fn address(&self, row: u32, col: u32) -> String {
        format!("{}{}", sheet_prefix(&self.name), address(row, col))
    }

    /// Gives every cell of a vertical merge in `col` the value of its first cell (merged
    /// question or answer cells that span several rows). Returns the ranges filled.
    pub fn fill_down(&mut self, col: u32) -> Vec<Merge> {
        let merges: Vec<Merge> = self
            .merges
            .iter()
            .filter(|m| m.first_col == col && m.last_row > m.first_row)
            .copied()
            .collect();
        let mut filled = Vec::new();
        for m in merges {
            let value = self.cell(m.first_row, col).clone();
            if value.is_empty() {
                continue;
            }
            for row in m.first_row + 1..=m.last_row {
                if let Some(cell) = self
                    .rows
                    .get_mut(row as usize)
                    .and_then(|r| r.get_mut(col as usize))
                {
                    *cell = value.clone();
                } else if let Some(r) = self.rows.get_mut(row as usize) {
                    r.resize(col as usize + 1, Cell::EMPTY);
                    r[col as usize] = value.clone();
                }
            }
            filled.push(m);
        }
        filled
    }
}

pub struct Workbook {
    /// The file name as shown in messages.
    pub name: String,
    pub sheets: Vec<Sheet>,
}

pub use crate::a1::{address, column_name, parse_column, sheet_prefix};

/// Reads a workbook (xlsx or xlsm) from its bytes, through the same package reader as
/// `fill` (its limits on the file, every part and the cells of a sheet apply). Every
/// failure is a [`Code::Io`] error naming the file.
pub fn read(name: &str, bytes: Vec<u8>) -> Result<Workbook, Box<Diagnostic>> {
    read_book(bytes)
        .map_err(|why| {
            Box::new(
                Diagnostic::new(
                    Code::Io,
                    crate::msg!("workbook-unreadable", name = name, why = why),
                )
                .help(crate::msg!("workbook-unreadable-help")),
            )
        })
        .map(|sheets| Workbook {
            name: name.to_owned(),
            sheets,
        })
}

fn read_book(bytes: Vec<u8>) -> Result<Vec<Sheet>, String> {
    let mut book = Book::from_bytes(bytes).map_err(|e| e.to_string())?;
    let formats = number_formats(&book)?;
    // Each sheet parsed and made a grid on its own (sheets on every core for a large
    // workbook); its parsed cells, several times the grid's memory, let go at once.
    let jobs: Vec<(&SheetPart, usize)> = book
        .parts
        .sheets
        .iter()
        .map(|part| (part, book.package.size(&part.path) as usize))
        .collect();
    let read: Vec<Result<(Sheet, Vec<Dropdown>), String>> = parallel::map_in_order(
        &jobs,
        |(_, size)| *size,
        PARALLEL_FROM_BYTES,
        |(part, _)| {
            let mut sheet = if part.chart {
                (Sheet::default(), Vec::new())
            } else {
                let xml = book
                    .package
                    .stream(&part.path, |r| SheetXml::read_head(r, u32::MAX))
                    .map_err(|e| {
                        crate::msg!(
                            "xlsx-sheet-unreadable",
                            sheet = &part.name,
                            error = e.to_string()
                        )
                        .to_text()
                    })?;
                let sheet =
                    cells_of(&xml, &book.shared, &formats, book.parts.date1904).map_err(|why| {
                        crate::msg!("xlsx-sheet-error", sheet = &part.name, error = why).to_text()
                    })?;
                (sheet, xml.dropdowns)
            };
            sheet.0.name = part.name.clone();
            sheet.0.hidden = part.hidden;
            Ok(sheet)
        },
    );
    drop(jobs);
    let mut sheets = Vec::with_capacity(read.len());
    let mut lists = Vec::with_capacity(read.len());
    for result in read {
        let (sheet, list) = result?;
        sheets.push(sheet);
        lists.push(list);
    }
    for (index, sheet) in sheets.iter_mut().enumerate() {
        for list in std::mem::take(&mut lists[index]) {
            let ranges = sqref_ranges(&list.sqref);
            if ranges.is_empty() || list.formula.trim().is_empty() {
                continue;
            }
            let mut choices: Vec<String> =
                match dropdown::values(&list.formula, &sheet.name, &mut book) {
                    Ok(Ok(values)) => values,
                    // A list that cannot be read offers nothing known; the cell is still a
                    // choice cell.
                    Ok(Err(_)) | Err(_) => Vec::new(),
                };
            let mut seen = std::collections::HashSet::new();
            choices.retain(|c| seen.insert(c.clone()));
            choices.truncate(MAX_CHOICES);
            sheet.dropdowns.push((
                Validation {
                    ranges,
                    formula: list.formula,
                },
                choices,
            ));
        }
    }
    Ok(sheets)
}

/// Sheet XML from this size on (decompressed, all sheets together) is read on every core.
const PARALLEL_FROM_BYTES: usize = 2 * 1024 * 1024;

/// Most choices read from one dropdown's source range.
const MAX_CHOICES: usize = 100;

/// The number format of each cell format of the workbook (by a cell's `s`).
fn number_formats(book: &Book) -> Result<Vec<NumberFormat>, String> {
    let Some(path) = parts::styles_path(&book.package, &book.parts) else {
        return Ok(Vec::new());
    };
    let styles = book.package.read(&path).map_err(|e| e.to_string())?;
    Ok(parts::number_formats(&styles)
        .map_err(|e| crate::msg!("xlsx-styles-invalid", error = e.to_string()).to_text())?
        .into_iter()
        .map(|(id, code)| NumberFormat::of(id, code.as_deref()))
        .collect())
}

/// A loaded sheet's cells as text, with its merges, hidden rows and columns and formula
/// cells. Refused when its cells reach past [`MAX_SHEET_CELLS`] (counted over the
/// rectangle from A1, as the grid is).
fn cells_of(
    xml: &SheetXml,
    shared: &[String],
    formats: &[NumberFormat],
    date1904: bool,
) -> Result<Sheet, String> {
    let mut sheet = Sheet {
        merges: xml.merges.clone(),
        ..Sheet::default()
    };
    let (mut last_row, mut last_col) = (0u32, 0u32);
    for row in &xml.rows {
        let r = row.row - 1;
        if row.hidden {
            sheet.hidden_rows.insert(r);
        }
        for cell in &row.cells {
            (last_row, last_col) = (last_row.max(r), last_col.max(cell.col));
            let count = (u64::from(last_row) + 1) * (u64::from(last_col) + 1);
            if count > MAX_SHEET_CELLS {
                return Err(format!(
                    "its cells reach {}, {count} cells from A1, over the limit of {MAX_SHEET_CELLS}",
                    address(r, cell.col)
                ));
            }
            if cell.formula {
                sheet.formulas.insert((r, cell.col));
                if !cell.valued {
                    sheet.no_value.push((r, cell.col));
                }
            }
            let value = convert(cell, shared, formats, date1904).map_err(|why| {
                crate::msg!("xlsx-cell-error", cell = address(r, cell.col), error = why).to_text()
            })?;
            if value.is_empty() {
                continue;
            }
            let at = r as usize;
            if sheet.rows.len() <= at {
                sheet.rows.resize(at + 1, Vec::new());
            }
            let cells = &mut sheet.rows[at];
            if cells.len() <= cell.col as usize {
                cells.resize(cell.col as usize + 1, Cell::EMPTY);
            }
            cells[cell.col as usize] = value;
        }
    }
    for &(min, max) in &xml.hidden_cols {
        let last = (last_col + 1).min(max);
        sheet.hidden_cols.extend(min.saturating_sub(1)..last);
    }
    Ok(sheet)
}

/// A cell's text: strings as written (Windows line breaks made `\n`), numbers and dates as
/// their number format shows them, booleans as `TRUE`/`FALSE`, errors as their code.
fn convert(
    cell: &CellElement,
    shared: &[String],
    formats: &[NumberFormat],
    date1904: bool,
) -> Result<Cell, String> {
    let value = cell.value.as_str();
    let (text, kind) = match cell.kind.as_str() {
        "s" => {
            if value.trim().is_empty() {
                return Ok(Cell::EMPTY);
            }
            let text = value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| shared.get(i))
                .ok_or_else(|| {
                    crate::msg!("xlsx-missing-shared-string", value = value.to_string()).to_text()
                })?;
            (normalize_breaks(text), Kind::Text)
        }
        "inlineStr" | "str" => {
            let text = text::decode(value);
            text::check_length(&text, true).map_err(|e| e.to_string())?;
            (normalize_breaks(&text), Kind::Text)
        }
        "b" => match value.trim() {
            "" => return Ok(Cell::EMPTY),
            "1" | "true" => ("TRUE".to_owned(), Kind::Bool),
            _ => ("FALSE".to_owned(), Kind::Bool),
        },
        "e" => (value.trim().to_owned(), Kind::Error),
        "d" => (value.trim().to_owned(), Kind::Date),
        _ => {
            let trimmed = value.trim();
            if trimmed.is_empty() {
                return Ok(Cell::EMPTY);
            }
            let Ok(number) = trimmed.parse::<f64>() else {
                return Ok(Cell {
                    text: normalize_breaks(&text::decode(value)),
                    kind: Kind::Text,
                });
            };
            let general = NumberFormat::general();
            let format = cell
                .style
                .and_then(|s| formats.get(s as usize))
                .unwrap_or(&general);
            match format.shown {
                Shown::Number => {
                    let (text, exact) = cell_text::number(number, &format.code);
                    (text, Kind::Number { exact })
                }
                Shown::Date => (
                    cell_text::date(cell_text::serial_date(number, date1904), &format.code),
                    Kind::Date,
                ),
                Shown::Duration => (number.to_string(), Kind::Date),
            }
        }
    };
    Ok(Cell { text, kind })
}

/// `A1:B3 D5` → ranges (0-based, inclusive).
fn sqref_ranges(sqref: &str) -> Vec<(u32, u32, u32, u32)> {
    sqref
        .split_whitespace()
        .filter_map(|part| {
            let (a, b) = part.split_once(':').unwrap_or((part, part));
            let (r1, c1) = cell_ref(a)?;
            let (r2, c2) = cell_ref(b)?;
            Some((r1.min(r2) - 1, c1.min(c2), r1.max(r2) - 1, c1.max(c2)))
        })
        .collect()
}

fn normalize_breaks(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_columns() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(parse_column("a"), Some(0));
        assert_eq!(parse_column("AB"), Some(27));
        assert_eq!(parse_column("1"), None);
        assert_eq!(address(11, 3), "D12");
        assert_eq!(sheet_prefix("回答"), "回答!");
        assert_eq!(sheet_prefix("My sheet"), "'My sheet'!");
        assert_eq!(sheet_prefix("センター・設備"), "'センター・設備'!");
    }

    #[test]
    fn addresses_of_the_largest_indexes_do_not_overflow() {
        assert_eq!(address(u32::MAX, 0), "A4294967296");
        assert_eq!(column_name(u32::MAX), "MWLQKWV");
    }

    #[test]
    fn damaged_workbooks_are_io_errors_naming_the_file() {
        let d = read("x.xlsx", b"PK\x03\x04 not a zip".to_vec())
            .err()
            .expect("refused");
        assert_eq!(d.code, Code::Io);
        let message = d.message.text(crate::i18n::Lang::En);
        assert!(message.contains("cannot read `x.xlsx`"), "{message}");
    }

    #[test]
    fn sheet_names_are_shown_without_what_a_terminal_acts_on() {
        assert_eq!(sheet_prefix("質問票"), "質問票!");
        assert_eq!(
            sheet_prefix("Q\u{202e}\u{1b}[2J"),
            "'Q\\u{202e}\\u{1b}[2J'!"
        );
    }
}
