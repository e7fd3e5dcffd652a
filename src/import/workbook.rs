//! A workbook read into plain cell grids with calamine: every sheet's cells as text (numbers
//! and dates spelled as the cell's number format shows them), its merged ranges, and which
//! sheets, rows and columns are hidden.
//!
//! calamine is not trusted not to panic on a damaged file (arithmetic that overflows in
//! debug builds, indexing in any build): [`read`] runs it under `catch_unwind` and reports
//! a panic as a damaged workbook. This needs the unwinding panic strategy, which every
//! profile of this crate and of `fuzz/` uses.

use std::cell::Cell as Flag;
use std::collections::BTreeSet;
use std::io::{Cursor, Read, Seek};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, DataRef, Reader, SheetVisible, Xlsx, XlsxError};

use super::cell_text;
use super::visibility;
use crate::diag::{Code, Diagnostic};

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
    pub dropdowns: Vec<(visibility::Validation, Vec<String>)>,
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

pub use crate::a1::{address, column_name, parse_column};

/// `Sheet1!`, or `'My sheet'!` when the name needs quotes in a formula.
pub fn sheet_prefix(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        format!("{name}!")
    } else {
        format!("'{}'!", name.replace('\'', "''"))
    }
}

/// Reads a workbook (xlsx or xlsm) from its bytes. Every failure is a [`Code::Io`] error
/// naming the file; a panic inside calamine is one too (the workbook is damaged), never a
/// crash.
pub fn read(name: &str, bytes: Vec<u8>) -> Result<Workbook, Box<Diagnostic>> {
    read_workbook(name, bytes).map_err(|failure| match failure {
        Failure::Refused(message) => Box::new(Diagnostic::new(Code::Io, message)),
        Failure::Damaged { place, detail } => Box::new(Diagnostic::new(
            Code::Io,
            format!(
                "the workbook `{name}` could not be read: the xlsx reader failed {place} (the xlsx is damaged)"
            ),
        )
        .help(format!(
            "open it in Excel or LibreOffice, let it repair the file and save it as \"Excel Workbook (*.xlsx)\", then import that copy (the reader stopped with: {detail})"
        ))),
    })
}

/// Why a workbook was not read.
enum Failure {
    /// calamine (or a check before it) refused the file, with this message.
    Refused(String),
    /// calamine panicked `place` (`while reading sheet …`) with the message `detail`.
    Damaged { place: String, detail: String },
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Refused(message)
    }
}

thread_local! {
    /// Set while [`guarded`] runs on this thread: a panic then is caught and reported, so
    /// the panic hook stays quiet.
    static GUARDED: Flag<bool> = const { Flag::new(false) };
}

/// Runs calamine's `f` `place` (`while opening it`), a panic inside it becoming
/// [`Failure::Damaged`]. Only calamine's calls are guarded: a panic in checksheet's own code
/// is a bug, and still crashes (and fails the fuzz targets).
///
/// The panic hook that was in place (the default one that prints the message, or a
/// fuzzer's that aborts) is wrapped once, so that it is skipped for panics on a thread
/// while it runs `f`, and only for those: every other panic prints (or aborts) as before.
fn guarded<T>(place: impl FnOnce() -> String, f: impl FnOnce() -> T) -> Result<T, Failure> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.try_with(Flag::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.set(outer);
    result.map_err(|payload| Failure::Damaged {
        place: place(),
        detail: payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown failure".to_owned()),
    })
}

fn read_workbook(name: &str, bytes: Vec<u8>) -> Result<Workbook, Failure> {
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(Failure::Refused(format!(
            "`{name}` is {} bytes, over the limit of {MAX_WORKBOOK_BYTES} bytes",
            bytes.len()
        )));
    }
    if !bytes.starts_with(b"PK") {
        return Err(Failure::Refused(format!(
            "`{name}` is not an xlsx workbook (an xlsx file is a zip archive); save it as \"Excel Workbook (*.xlsx)\""
        )));
    }
    let bytes: &[u8] = &bytes;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok();
    let parts = zip.as_mut().and_then(visibility::parts).unwrap_or_default();
    let workbook: Xlsx<_> = guarded(
        || "while opening it".to_owned(),
        || Xlsx::new(Cursor::new(bytes)),
    )?
    .map_err(|e| format!("cannot read `{name}` as an xlsx workbook: {e}"))?;
    let metadata: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    // The largest sheets first, shared among up to two threads for a large workbook.
    let mut order: Vec<usize> = (0..metadata.len()).collect();
    if let Some(zip) = zip.as_mut() {
        let sizes: Vec<u64> = (0..metadata.len())
            .map(|i| visibility::size(zip, parts.sheets.get(i).and_then(|p| p.as_deref())))
            .collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    }
    let threads = if bytes.len() >= PARALLEL_FROM_BYTES && metadata.len() > 1 {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(2)
    } else {
        1
    };
    let next = AtomicUsize::new(0);
    let job = |workbook: &mut Xlsx<Cursor<&[u8]>>,
               zip: &mut Option<zip::ZipArchive<Cursor<&[u8]>>>| {
        let mut done = Vec::new();
        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let path = parts.sheets.get(index).and_then(|p| p.as_deref());
            let scan = zip
                .as_mut()
                .map(|z| visibility::scan(z, path))
                .unwrap_or_default();
            let (sheet_name, sheet_hidden) = &metadata[index];
            done.push((
                index,
                read_one(workbook, name, sheet_name, *sheet_hidden, scan),
            ));
        }
        done
    };
    let mut results: Vec<Option<SheetRead>> = metadata.iter().map(|_| None).collect();
    if threads < 2 {
        let mut workbook = workbook;
        for (i, r) in job(&mut workbook, &mut zip) {
            results[i] = Some(r);
        }
    } else {
        let done = std::thread::scope(|scope| {
            let other = scope.spawn(|| -> Result<Vec<_>, Failure> {
                let mut workbook: Xlsx<_> = guarded(
                    || "while opening it".to_owned(),
                    || Xlsx::new(Cursor::new(bytes)),
                )?
                .map_err(|e| format!("cannot read `{name}` as an xlsx workbook: {e}"))?;
                let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok();
                Ok(job(&mut workbook, &mut zip))
            });
            let mut workbook = workbook;
            let mut done = job(&mut workbook, &mut zip);
            // A panic outside calamine is a bug: raised again here.
            let theirs = other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
            done.extend(theirs);
            Ok::<_, Failure>(done)
        })?;
        for (i, r) in done {
            results[i] = Some(r);
        }
    }
    let mut sheets = Vec::new();
    let mut hidden: Vec<Vec<visibility::Validation>> = Vec::new();
    for result in results {
        let (sheet, validations) =
            result.unwrap_or_else(|| Err(Failure::Refused(format!("cannot read `{name}`"))))?;
        sheets.push(sheet);
        hidden.push(validations);
    }
    let names = parts.names;
    for (index, validations) in hidden.into_iter().enumerate() {
        let dropdowns = validations
            .into_iter()
            .map(|v| {
                let choices = list_choices(&v.formula, &sheets, index, &names);
                (v, choices)
            })
            .collect();
        sheets[index].dropdowns = dropdowns;
    }
    Ok(Workbook {
        name: name.to_owned(),
        sheets,
    })
}

/// One sheet read: its cells and its dropdowns still to resolve, or why it was not.
type SheetRead = Result<(Sheet, Vec<visibility::Validation>), Failure>;

/// Workbooks from this size on are read on two threads (when the machine has two cores).
const PARALLEL_FROM_BYTES: usize = 256 * 1024;

/// Reads one sheet after the checks its scan allows: its cells, with what the scan found
/// (hidden rows and columns, formulas), and its dropdowns still to resolve.
fn read_one<R: Read + Seek>(
    workbook: &mut Xlsx<R>,
    name: &str,
    sheet_name: &str,
    sheet_hidden: bool,
    mut scan: visibility::Hidden,
) -> SheetRead {
    let (row, col) = scan.extent;
    let cells = (u64::from(row) + 1) * (u64::from(col) + 1);
    if cells > MAX_SHEET_CELLS {
        return Err(Failure::Refused(format!(
            "cannot read sheet `{sheet_name}` of `{name}`: its cells reach {}, {cells} cells, over the limit of {MAX_SHEET_CELLS}",
            address(row, col)
        )));
    }
    if let Some(why) = &scan.refused {
        return Err(Failure::Refused(format!(
            "cannot read sheet `{sheet_name}` of `{name}`: {why}"
        )));
    }
    let mut sheet = read_sheet(workbook, sheet_name).map_err(|f| match f {
        Failure::Refused(e) => {
            Failure::Refused(format!("cannot read sheet `{sheet_name}` of `{name}`: {e}"))
        }
        damaged => damaged,
    })?;
    sheet.hidden = sheet_hidden;
    sheet.hidden_rows = std::mem::take(&mut scan.rows);
    sheet.hidden_cols = std::mem::take(&mut scan.cols);
    sheet.no_value = std::mem::take(&mut scan.no_value);
    sheet.formulas = std::mem::take(&mut scan.formulas).into_iter().collect();
    Ok((sheet, scan.validations))
}

/// Most choices read from one dropdown's source range.
const MAX_CHOICES: usize = 100;

/// The choices of a dropdown list: `"a,b,c"` written out, or the texts of the range (or of
/// the range a defined name names) it points at; empty when it cannot be read.
fn list_choices(
    formula: &str,
    sheets: &[Sheet],
    own: usize,
    names: &std::collections::HashMap<String, String>,
) -> Vec<String> {
    let formula = formula.trim().trim_start_matches('=');
    if let Some(inner) = formula.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        return inner
            .replace("\"\"", "\"")
            .split(',')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
    }
    let reference = names.get(formula).map_or(formula, String::as_str);
    let reference = reference.trim().trim_start_matches('=');
    let (sheet, range) = match reference.rsplit_once('!') {
        Some((name, range)) => {
            let name = name.trim_matches('\'').replace("''", "'");
            match sheets.iter().position(|s| s.name == name) {
                Some(i) => (i, range),
                None => return Vec::new(),
            }
        }
        None => (own, reference),
    };
    let range = range.replace('$', "");
    let (a, b) = range.split_once(':').unwrap_or((&range, &range));
    let position = |r: &str| {
        let split = r.find(|c: char| c.is_ascii_digit())?;
        let col = parse_column(&r[..split])?;
        let row: u32 = r[split..].parse().ok()?;
        Some((row.checked_sub(1)?, col))
    };
    let (Some((r1, c1)), Some((r2, c2))) = (position(a), position(b)) else {
        return Vec::new();
    };
    let sheet = &sheets[sheet];
    let mut out = Vec::new();
    for row in r1.min(r2)..=r1.max(r2).min(sheet.height()) {
        for col in c1.min(c2)..=c1.max(c2) {
            let text = sheet.text(row, col).trim();
            if !text.is_empty() && !out.iter().any(|c: &String| c == text) {
                out.push(text.to_owned());
            }
            if out.len() >= MAX_CHOICES {
                return out;
            }
        }
    }
    out
}

fn read_sheet<R: Read + Seek>(workbook: &mut Xlsx<R>, name: &str) -> Result<Sheet, Failure> {
    let (cells, merges) = guarded(
        || format!("while reading sheet `{name}`"),
        || {
            (
                used_cells(workbook, name),
                workbook.merge_cells_by_sheet_name(name),
            )
        },
    )?;
    let cells = cells?;
    // Number formats spell fractions and dates; a sheet without either is not read again
    // for them.
    let needs_formats = cells
        .iter()
        .any(|(_, _, d)| matches!(d, Data::Float(_) | Data::DateTime(_)));
    let styles = if needs_formats {
        guarded(
            || format!("while reading sheet `{name}`"),
            || workbook.worksheet_style(name).ok(),
        )?
    } else {
        None
    };
    let merges = merges
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect();
    let height = cells.iter().map(|&(row, _, _)| row as usize + 1).max();
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); height.unwrap_or(0)];
    for (row, col, data) in &cells {
        let format = styles
            .as_ref()
            .and_then(|s| s.get((*row, *col)))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.as_str());
        let cell = convert(data, format);
        if cell.is_empty() {
            continue;
        }
        let r = &mut rows[*row as usize];
        if r.len() <= *col as usize {
            r.resize(*col as usize + 1, Cell::EMPTY);
        }
        r[*col as usize] = cell;
    }
    Ok(Sheet {
        name: name.to_owned(),
        hidden: false,
        rows,
        merges,
        hidden_rows: BTreeSet::new(),
        hidden_cols: BTreeSet::new(),
        dropdowns: Vec::new(),
        no_value: Vec::new(),
        formulas: Default::default(),
    })
}

/// The non-empty cells of a sheet with their positions (0-based), streamed from calamine's
/// cell reader rather than its `worksheet_range`, which allocates the whole rectangle of
/// used cells first: a damaged or hostile sheet (one that the pre-scan in [`visibility`]
/// could not read) with cells in two far corners would make that allocation abort. The
/// sheet is refused as soon as its cells reach past [`MAX_SHEET_CELLS`].
fn used_cells<R: Read + Seek>(
    workbook: &mut Xlsx<R>,
    name: &str,
) -> Result<Vec<(u32, u32, Data)>, Failure> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells (what `worksheet_range` gives too).
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(Failure::Refused(e.to_string())),
    };
    let mut cells = Vec::new();
    let (mut last_row, mut last_col) = (0, 0);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        (last_row, last_col) = (last_row.max(row), last_col.max(col));
        let count = (u64::from(last_row) + 1) * (u64::from(last_col) + 1);
        if count > MAX_SHEET_CELLS {
            return Err(Failure::Refused(format!(
                "a cell at {} makes it {count} cells (from A1), over the limit of {MAX_SHEET_CELLS}",
                address(row, col)
            )));
        }
        cells.push((row, col, Data::from(cell.get_value().clone())));
    }
    Ok(cells)
}

/// A cell's text: strings as written (Windows line breaks made `\n`), numbers and dates as
/// their number format shows them.
fn convert(data: &Data, format: Option<&str>) -> Cell {
    let (text, kind) = match data {
        Data::Empty => return Cell::EMPTY,
        Data::String(s) => (normalize_breaks(s), Kind::Text),
        Data::Int(i) => (i.to_string(), Kind::Number { exact: true }),
        Data::Float(f) => {
            let (text, exact) = cell_text::number(*f, format.unwrap_or("General"));
            (text, Kind::Number { exact })
        }
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_owned(), Kind::Bool),
        Data::DateTime(d) => {
            if d.is_duration() {
                (d.to_string(), Kind::Date)
            } else {
                (
                    cell_text::date(d.to_ymd_hms_milli(), format.unwrap_or("")),
                    Kind::Date,
                )
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), Kind::Date),
        Data::Error(e) => (e.to_string(), Kind::Error),
    };
    Cell { text, kind }
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
    fn panics_inside_the_guard_become_damaged_failures() {
        let failure = guarded(
            || "while testing".to_owned(),
            || -> u32 { panic!("boom {}", 1) },
        );
        match failure {
            Err(Failure::Damaged { place, detail }) => {
                assert_eq!(place, "while testing");
                assert_eq!(detail, "boom 1");
            }
            _ => panic!("a damaged failure expected"),
        }
        assert!(!GUARDED.with(Flag::get), "the flag is reset after a panic");
        let nested = guarded(String::new, || {
            let inner = guarded(String::new, || -> () { panic!("inner") });
            (
                matches!(inner, Err(Failure::Damaged { .. })),
                GUARDED.with(Flag::get),
            )
        });
        assert!(
            matches!(nested, Ok((true, true))),
            "the outer guard stays on"
        );
        assert!(!GUARDED.with(Flag::get));
        assert!(matches!(guarded(String::new, || 7), Ok(7)));
    }

    #[test]
    fn damaged_workbooks_are_io_errors_naming_the_file() {
        let d = read("x.xlsx", b"PK\x03\x04 not a zip".to_vec())
            .err()
            .expect("refused");
        assert_eq!(d.code, Code::Io);
        assert!(d.message.contains("cannot read `x.xlsx`"), "{}", d.message);
    }
}
