//! `checksheet fill`: the customer's own workbook, answered. Each question's cells come
//! from the catalog import made of that workbook (`cells:`); the status goes into the
//! choice cell as one of that cell's own dropdown values (through the label map), the
//! answer's text into the text cell, evidence and links into the evidence cell. Only those
//! cells change: the sheets are edited in place ([`sheet`]) and every other part of the
//! package is copied as stored ([`package`]).
//!
//! [`fill`] takes the workbook's bytes and typed inputs and returns the new bytes with a
//! report; it never prints or writes files.

pub mod book;
mod cover;
pub(crate) mod dropdown;
pub mod error;
pub mod package;
pub(crate) mod parts;
mod report;
pub mod sheet;
pub mod text;

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use crate::a1::address;
use crate::diag::{CellLocation, CellRange, Code, Diagnostic, SheetPlace};
use crate::import::workbook::{self as grid, sheet_prefix};
use crate::mapping::derive::Derivation;
use crate::model::{Answer, AnswerBody, Catalog, CellRef, Control, Organization};
use book::Book;
use package::Package;
use sheet::SheetXml;

pub use cover::VendorField;
pub use error::{FillError, WorkbookError, XmlError};
pub use package::PackageError;
pub use sheet::SheetError;
pub use text::TextError;

/// One answer to fill in, and where it came from.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    /// The answer written.
    pub answer: &'a Answer,
    /// Set when the answer is derived through a mapping.
    pub derived: Option<&'a Derivation>,
}

/// What a workbook is filled with: the catalog imported from it (whose controls record
/// their cells), the answers, and the vendor's details for the cover fields.
pub struct FillInput<'a> {
    /// The workbook's name in messages.
    pub name: &'a str,
    pub catalog: &'a Catalog,
    /// Answers by control ID.
    pub answers: &'a IndexMap<String, Source<'a>>,
    /// Controls whose mapped answers conflict (reported by validation).
    pub conflicts: &'a [String],
    pub organization: &'a Organization,
    /// The date written where the workbook asks for one (回答日).
    pub date: String,
    /// Replace what answer cells already hold (an earlier answer, a placeholder); without
    /// it such a cell is kept and reported ([`Code::FillCellHeld`]).
    pub overwrite: bool,
}

/// What happened to one question.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    /// Written from the catalog's own answer.
    Filled,
    /// Written from a mapped control's answer.
    Derived {
        catalog: String,
        controls: Vec<String>,
    },
    /// No answer: its cells were left as they were.
    Empty,
    /// Mapped answers differ: nothing written.
    Conflict,
    /// The question is not in the workbook: nothing written.
    NotFound,
}

/// The report line of one question.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Question {
    pub control: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The question's cell, e.g. `質問票!C5`.
    pub at: String,
    /// The cells written, with what was written.
    pub written: Vec<(String, String)>,
    /// The question has a choice cell that was left empty (no status, or none that the
    /// cell offers): the answer is not complete.
    pub choice_left_empty: bool,
}

/// A filled workbook: its bytes, what happened to each question, and the diagnostics.
pub struct Filled {
    /// The filled workbook, to be written only when [`Filled::has_errors`] is false.
    pub bytes: Vec<u8>,
    /// A report line per question of the catalog, in the catalog's order.
    pub questions: Vec<Question>,
    /// Rows of the recorded tables that hold a question the catalog does not have (the
    /// customer added it): its cell and text.
    pub unknown: Vec<(String, String)>,
    /// The vendor fields found on cover sheets and above tables.
    pub vendor: Vec<VendorField>,
    /// Problems with single questions and cells (an error means the bytes are not used).
    pub diags: Vec<Diagnostic>,
}

impl Filled {
    /// Whether a diagnostic is an error: the filled workbook must not be written.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }
}

/// A cell edit planned on one sheet: (1-based row, column, text).
type Edits = HashMap<usize, Vec<(u32, u32, String)>>;

/// Fills the workbook `bytes`. Problems with single questions are diagnostics of the
/// result (an error among them means the bytes must not be used); a workbook that cannot
/// be read at all is a [`FillError`].
pub fn fill(bytes: Vec<u8>, input: &FillInput) -> Result<Filled, FillError> {
    let failed = |source: WorkbookError| FillError::Workbook {
        name: input.name.to_owned(),
        source: Box::new(source),
    };
    let controls: Vec<&Control> = input.catalog.controls();
    if !controls.iter().any(|c| c.cells.is_some()) {
        return Err(FillError::CatalogWithoutCells {
            name: input.name.to_owned(),
            catalog: input.catalog.id.clone(),
        });
    }
    let package = Package::open(bytes).map_err(|e| failed(e.into()))?;
    let mut book = Book::open(package).map_err(failed)?;
    let mut progress = Progress::default();
    for control in controls {
        fill_question(input, &mut book, control, &mut progress).map_err(failed)?;
    }
    let Progress {
        mut diags,
        mut edits,
        located,
        questions,
        ..
    } = progress;
    let unknown = unknown_questions(input, &mut book, &located, &mut diags).map_err(failed)?;
    language_check(input, &questions, &mut diags);
    let vendor =
        cover::fill_vendor_fields(input, &mut book, &mut edits, &mut diags).map_err(failed)?;
    let bytes = write_back(&book, &edits).map_err(failed)?;
    Ok(Filled {
        bytes,
        questions,
        unknown,
        vendor,
        diags,
    })
}

/// What filling the questions one by one has found and planned so far.
#[derive(Default)]
struct Progress {
    diags: Vec<Diagnostic>,
    edits: Edits,
    /// Which control each written cell is for: (sheet, row, column).
    claimed: HashMap<(usize, u32, u32), String>,
    /// The rows questions were found in: (sheet, 1-based row).
    located: HashSet<(usize, u32)>,
    questions: Vec<Question>,
}

/// Finds one question in the workbook and plans the edits of its answer cells: its report
/// line, and diagnostics for what cannot be written.
fn fill_question(
    input: &FillInput,
    book: &mut Book,
    control: &Control,
    progress: &mut Progress,
) -> Result<(), WorkbookError> {
    let diags = &mut progress.diags;
    let Some(cells) = &control.cells else {
        diags.push(
            Diagnostic::new(
                Code::FillNotFound,
                crate::msg!("fill-control-without-cells", control = &control.id),
            )
            .help(crate::msg!("fill-control-without-cells-help")),
        );
        return Ok(());
    };
    let Some(index) = book.index_of(&cells.sheet) else {
        diags.push(not_found(control, cells, crate::msg!("fill-no-such-sheet")));
        let q = question(control, cells, cells.row, Outcome::NotFound);
        progress.questions.push(q);
        return Ok(());
    };
    book.load(index)?;
    let Some(row) = locate(&book.texts(index), control, cells, diags) else {
        let q = question(control, cells, cells.row, Outcome::NotFound);
        progress.questions.push(q);
        return Ok(());
    };
    progress.located.insert((index, row));
    // A question the customer hid is still filled (it is still asked), and said so.
    if input.answers.contains_key(&control.id)
        && let Some(hidden) = hidden_question(book, index, control, cells, row)
    {
        diags.push(hidden);
    }
    if input.conflicts.contains(&control.id) {
        let q = question(control, cells, row, Outcome::Conflict);
        progress.questions.push(q);
        return Ok(());
    }
    let Some(source) = input.answers.get(&control.id) else {
        let q = question(control, cells, row, Outcome::Empty);
        progress.questions.push(q);
        return Ok(());
    };
    let (plan, choice_written) = plan_cells(
        control,
        cells,
        source.answer,
        row,
        index,
        input,
        book,
        diags,
    )?;
    let written = progress.claim(index, row, control, cells, plan);
    let outcome = match source.derived {
        Some(from) => Outcome::Derived {
            catalog: from.catalog.clone(),
            controls: from.controls.clone(),
        },
        None => Outcome::Filled,
    };
    let mut q = question(control, cells, row, outcome);
    q.choice_left_empty = cells.columns.choice.is_some() && !choice_written;
    if cells.columns.choice.is_some() && source.answer.status.is_none() {
        progress.diags.push(
            Diagnostic::new(
                Code::FillNoStatus,
                crate::msg!("fill-no-status", control = &control.id),
            )
            .in_cell(cell_of(&cells.sheet, row, question_column(cells)))
            .help(crate::msg!("fill-no-status-help")),
        );
    }
    q.written = written;
    progress.questions.push(q);
    Ok(())
}

impl Progress {
    /// Plans the edits of one question's cells in `row`, each cell for one control only
    /// (a second one is reported): the cells written, with what is written.
    fn claim(
        &mut self,
        index: usize,
        row: u32,
        control: &Control,
        cells: &CellRef,
        plan: Vec<(u32, String)>,
    ) -> Vec<(String, String)> {
        let mut written = Vec::new();
        for (col, text) in plan {
            let shown = format!("{}{}", sheet_prefix(&cells.sheet), address(row - 1, col));
            if let Some(first) = self.claimed.insert((index, row, col), control.id.clone()) {
                self.diags.push(
                    Diagnostic::new(
                        Code::FillSameCell,
                        crate::msg!("fill-same-cell", first = &first, second = &control.id),
                    )
                    .in_cell(cell_of(&cells.sheet, row, col))
                    .help(crate::msg!("fill-same-cell-help")),
                );
                continue;
            }
            written.push((shown, text.clone()));
            self.edits.entry(index).or_default().push((row, col, text));
        }
        written
    }
}

/// The warning for a question found in a hidden sheet or row, if it is.
fn hidden_question(
    book: &Book,
    index: usize,
    control: &Control,
    cells: &CellRef,
    row: u32,
) -> Option<Diagnostic> {
    let hidden_sheet = book.part(index).hidden;
    let hidden_row = book.sheet(index).row(row).is_some_and(|r| r.hidden);
    (hidden_sheet || hidden_row).then(|| {
        Diagnostic::new(
            Code::ImportHidden,
            crate::msg!(
                "fill-hidden-question",
                control = &control.id,
                hidden = if hidden_sheet { "sheet" } else { "row" }
            ),
        )
        .in_cell(cell_of(
            &cells.sheet,
            row,
            cells.columns.question.unwrap_or(0),
        ))
    })
}

/// The package with the edited sheets, and the workbook part asking for a recalculation on
/// load, each checked to be well-formed XML first.
fn write_back(book: &Book, edits: &Edits) -> Result<Vec<u8>, WorkbookError> {
    let mut changed = book.edited(edits)?;
    if !changed.is_empty() {
        let path = book.parts.workbook_path.clone();
        let xml = book.package.read(&path)?;
        let calc =
            parts::with_full_calc_on_load(&xml).map_err(|source| WorkbookError::PartInvalid {
                part: path.clone(),
                source,
            })?;
        if let Some(xml) = calc {
            changed.push((path, xml));
        }
    }
    for (path, xml) in &changed {
        parts::check_well_formed(xml).map_err(|source| WorkbookError::EditNotWellFormed {
            part: path.clone(),
            source,
        })?;
    }
    Ok(book.package.write(&changed)?)
}

/// The rows of the catalog's recorded tables that hold a question the catalog does not
/// have — one the customer added since the import — each reported (CS0910). A row counts
/// when its ID cell (where the table has an ID column) and its question cell hold text,
/// it is no header row of a table, and no question of the catalog was found in it.
fn unknown_questions(
    input: &FillInput,
    book: &mut Book,
    located: &HashSet<(usize, u32)>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, String)>, WorkbookError> {
    let Some(questionnaire) = &input.catalog.questionnaire else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for table in &questionnaire.tables {
        let (Some(index), Some(question_col)) =
            (book.index_of(&table.sheet), table.columns.question)
        else {
            continue;
        };
        book.load(index)?;
        let headers: Vec<u32> = questionnaire
            .tables
            .iter()
            .filter(|t| t.sheet == table.sheet)
            .map(|t| t.header_row)
            .collect();
        let texts = book.texts(index);
        let sheet = book.sheet(index);
        // From below this table's header to the next table's header on the sheet, if any.
        let end = headers
            .iter()
            .filter(|&&h| h > table.header_row)
            .min()
            .copied()
            .unwrap_or(u32::MAX);
        for row in sheet
            .rows
            .iter()
            .filter(|r| r.row > table.header_row && r.row < end)
        {
            let row = row.row;
            if located.contains(&(index, row)) || !seen.insert((index, row)) {
                continue;
            }
            let question = texts.text(row, question_col);
            let question = question.trim();
            let id_ok = table
                .columns
                .id
                .is_none_or(|c| !texts.text(row, c).trim().is_empty());
            let asks = table.columns.id.is_some()
                || question.ends_with(['?', '？', 'か'])
                || question.ends_with("か。");
            // A section row merged across the table is no question.
            let merged_across = sheet
                .merge_at(row - 1, question_col)
                .is_some_and(|m| m.last_col > m.first_col);
            if question.is_empty() || !id_ok || !asks || merged_across {
                continue;
            }
            let at = format!(
                "{}{}",
                sheet_prefix(&table.sheet),
                address(row - 1, question_col)
            );
            diags.push(
                Diagnostic::new(
                    Code::FillUnknownQuestion,
                    crate::msg!("fill-unknown-question", question = short(question)),
                )
                .in_cell(cell_of(&table.sheet, row, question_col))
                .help(crate::msg!("fill-unknown-question-help")),
            );
            found.push((at, question.to_owned()));
        }
    }
    Ok(found)
}

/// Japanese answers written into an English questionnaire (`lang: en`): one warning.
fn language_check(input: &FillInput, questions: &[Question], diags: &mut Vec<Diagnostic>) {
    if input.catalog.lang != crate::model::Lang::En {
        return;
    }
    let japanese = |t: &str| {
        t.chars().any(|c| {
            matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF66..=0xFF9F)
        })
    };
    // The questionnaire's own choices (its label map) are not answers in a language.
    let is_label = |t: &str| {
        input
            .catalog
            .questionnaire
            .as_ref()
            .is_some_and(|q| q.labels.contains_key(t))
    };
    let cells: Vec<&str> = questions
        .iter()
        .flat_map(|q| &q.written)
        .filter(|(_, text)| japanese(text) && !is_label(text))
        .map(|(at, _)| at.as_str())
        .collect();
    if let Some(first) = cells.first() {
        diags.push(
            Diagnostic::new(
                Code::FillLanguage,
                crate::msg!("fill-language", at = *first, count = cells.len()),
            )
            .help(crate::msg!("fill-language-help")),
        );
    }
}

/// The column a question is shown at: its question's, else its first answer cell's.
fn question_column(cells: &CellRef) -> u32 {
    cells
        .columns
        .question
        .or(cells.columns.choice)
        .or(cells.columns.answer)
        .or(cells.columns.evidence)
        .unwrap_or(0)
}

fn question(control: &Control, cells: &CellRef, row: u32, outcome: Outcome) -> Question {
    let col = question_column(cells);
    Question {
        control: control.id.clone(),
        outcome,
        at: format!("{}{}", sheet_prefix(&cells.sheet), address(row - 1, col)),
        written: Vec::new(),
        choice_left_empty: false,
    }
}

fn not_found(control: &Control, cells: &CellRef, why: crate::i18n::Message) -> Diagnostic {
    Diagnostic::new(
        Code::FillNotFound,
        crate::msg!("fill-not-found", control = &control.id, why = why),
    )
    .in_cell(cell_of(
        &cells.sheet,
        cells.row,
        cells.columns.question.unwrap_or(0),
    ))
    .help(crate::msg!("fill-not-found-help"))
}

/// Text compared between a catalog and a workbook cell: line breaks as `\n`, surrounding
/// space gone.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("\r\n", "\n").trim().to_owned();
    norm(a) == norm(b)
}

/// Where a question was found in a workbook.
#[derive(Clone, Debug, PartialEq)]
pub enum Located {
    /// In the recorded row (1-based).
    At(u32),
    /// In another row of its column (1-based): the customer moved it.
    Moved(u32),
    /// Nowhere, or in several rows: why.
    Missing(crate::i18n::Message),
}

/// The texts of a sheet's cells by 0-based row and column, as [`find_question`] reads
/// them: import's grid of a workbook, or `fill`'s own reading of the sheet's XML.
pub trait CellTexts {
    fn cell_text(&self, row: u32, col: u32) -> std::borrow::Cow<'_, str>;
    /// Rows `0..row_count()` hold every cell.
    fn row_count(&self) -> u32;
}

impl CellTexts for grid::Sheet {
    fn cell_text(&self, row: u32, col: u32) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self.text(row, col))
    }

    fn row_count(&self) -> u32 {
        self.height()
    }
}

impl CellTexts for text::Texts<'_> {
    fn cell_text(&self, row: u32, col: u32) -> std::borrow::Cow<'_, str> {
        self.text(row + 1, col)
    }

    fn row_count(&self) -> u32 {
        self.height()
    }
}

/// The row a question is in: the recorded one when the question cell holds the question's
/// text, else the one row of the question column that does. A question recorded without
/// its question column, or a control without text, is taken where recorded.
pub fn find_question(sheet: &impl CellTexts, control: &Control, cells: &CellRef) -> Located {
    let Some(col) = cells.columns.question else {
        return Located::At(cells.row);
    };
    let Some(expected) = control.text.as_deref().or(control.title.as_deref()) else {
        return Located::At(cells.row);
    };
    if same_text(&sheet.cell_text(cells.row - 1, col), expected) {
        return Located::At(cells.row);
    }
    let rows: Vec<u32> = (0..sheet.row_count())
        .filter(|&r| same_text(&sheet.cell_text(r, col), expected))
        .collect();
    match rows.as_slice() {
        [row] => Located::Moved(row + 1),
        [] => Located::Missing(crate::msg!(
            "fill-question-nowhere",
            text = short(&sheet.cell_text(cells.row - 1, col)),
            column = crate::a1::column_name(col)
        )),
        several => {
            let at: Vec<String> = several.iter().map(|r| (r + 1).to_string()).collect();
            Located::Missing(crate::msg!("fill-question-several", rows = at.join(", ")))
        }
    }
}

/// [`find_question`], reporting a move (a warning) or a missing question (an error).
fn locate(
    sheet: &impl CellTexts,
    control: &Control,
    cells: &CellRef,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    match find_question(sheet, control, cells) {
        Located::At(row) => Some(row),
        Located::Moved(row) => {
            diags.push(
                Diagnostic::new(
                    Code::FillMoved,
                    crate::msg!(
                        "fill-moved",
                        control = &control.id,
                        from = cells.row.to_string(),
                        to = row.to_string()
                    ),
                )
                .in_cell(cell_of(
                    &cells.sheet,
                    row,
                    cells.columns.question.unwrap_or(0),
                ))
                .help(crate::msg!("fill-moved-help")),
            );
            Some(row)
        }
        Located::Missing(why) => {
            diags.push(not_found(control, cells, why));
            None
        }
    }
}

fn short(text: &str) -> String {
    let shown: String = text.chars().take(40).collect();
    if shown.len() < text.len() {
        format!("{}…", shown.replace('\n', "⏎"))
    } else {
        shown.replace('\n', "⏎")
    }
}

/// The cell at `row` (1-based) and `col` (0-based) of `sheet`, as a diagnostic's place: the
/// workbook is the one `fill` was given.
pub(crate) fn cell_of(sheet: &str, row: u32, col: u32) -> CellLocation {
    CellLocation {
        workbook: None,
        place: Some(SheetPlace {
            sheet: sheet.to_owned(),
            cells: Some(CellRange::cell(row - 1, col)),
        }),
    }
}

/// A row of a sheet being filled.
struct Target<'a> {
    sheet_name: &'a str,
    sheet: &'a SheetXml,
    /// The sheet's cell texts, to see what an answer cell holds already.
    texts: text::Texts<'a>,
    row: u32,
    locked: &'a [bool],
    overwrite: bool,
}

impl Target<'_> {
    /// The cell of this row in column `col`, as a diagnostic's place.
    fn at(&self, col: u32) -> CellLocation {
        cell_of(self.sheet_name, self.row, col)
    }

    /// The top-left cell of the merge holding `col` in this row (merged answer cells are
    /// written there).
    fn anchor(&self, col: u32) -> (u32, u32) {
        match self.sheet.merge_at(self.row - 1, col) {
            Some(m) => (m.first_row + 1, m.first_col),
            None => (self.row, col),
        }
    }

    /// The cell (the top-left one of its merge) and text to write, or `None` with a
    /// warning when the cell may not be written or the text does not fit.
    fn checked(
        &self,
        col: u32,
        text: String,
        control: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(u32, String)> {
        let (row, col) = self.anchor(col);
        if row != self.row {
            diags.push(
                Diagnostic::new(
                    Code::FillLocked,
                    crate::msg!("fill-merged", row = row.to_string()),
                )
                .in_cell(self.at(col)),
            );
            return None;
        }
        if let Some((code, why)) = self.refusal(row, col) {
            diags.push(
                Diagnostic::new(code, crate::msg!("fill-refused", why = why)).in_cell(self.at(col)),
            );
            return None;
        }
        // What the customer (or an earlier fill) wrote is not replaced unasked.
        let held = self.texts.text(row, col);
        if !self.overwrite && !held.trim().is_empty() && held.trim() != text.trim() {
            diags.push(
                Diagnostic::new(
                    Code::FillCellHeld,
                    crate::msg!("fill-cell-held", held = short(&held), control = control),
                )
                .in_cell(self.at(col))
                .help(crate::msg!("fill-cell-held-help")),
            );
            return None;
        }
        // Excel's limit counts UTF-16 code units (a character outside the BMP is two).
        let units = text.encode_utf16().count();
        if units > crate::sheet::XLSX_CELL_LIMIT {
            diags.push(
                Diagnostic::new(
                    Code::CellTooLong,
                    crate::msg!(
                        "fill-too-long",
                        control = control,
                        units = units.to_string(),
                        limit = crate::sheet::XLSX_CELL_LIMIT.to_string()
                    ),
                )
                .in_cell(self.at(col)),
            );
            return None;
        }
        Some((col, text))
    }

    /// Why the cell may not be written, if it may not.
    fn refusal(&self, row: u32, col: u32) -> Option<(Code, crate::i18n::Message)> {
        if self.sheet.is_formula(row, col) {
            return Some((Code::FillFormula, crate::msg!("fill-why-formula")));
        }
        if self.sheet.protected {
            let style = self.sheet.style_of(row, col).unwrap_or(0) as usize;
            if self.locked.get(style).copied().unwrap_or(true) {
                return Some((Code::FillLocked, crate::msg!("fill-why-locked")));
            }
        }
        None
    }
}

/// The texts to write in each answer cell of one question, with warnings for what cannot
/// be written.
#[allow(clippy::too_many_arguments)]
fn plan_cells(
    control: &Control,
    cells: &CellRef,
    answer: &Answer,
    row: u32,
    index: usize,
    input: &FillInput,
    book: &mut Book,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Vec<(u32, String)>, bool), WorkbookError> {
    // What the choice cell's dropdown offers, read before the sheet is borrowed below.
    let offered = match (cells.columns.choice, answer.status) {
        (Some(col), Some(_)) => {
            let sheet = book.sheet(index);
            let (r, c) = sheet
                .merge_at(row - 1, col)
                .map_or((row, col), |m| (m.first_row + 1, m.first_col));
            match sheet.dropdown(r, c).map(|d| d.formula.clone()) {
                Some(formula) => Some(dropdown::values(&formula, &cells.sheet, book)?),
                None => None,
            }
        }
        _ => None,
    };
    let locked: Vec<bool> = if book.sheet(index).protected {
        book.locked_formats()?.to_vec()
    } else {
        Vec::new()
    };
    let target = Target {
        sheet_name: &cells.sheet,
        sheet: book.sheet(index),
        texts: book.texts(index),
        row,
        locked: &locked,
        overwrite: input.overwrite,
    };
    let mut wanted: Vec<(u32, String)> = Vec::new();
    let mut choice_wanted = false;
    if let (Some(col), Some(status)) = (cells.columns.choice, answer.status) {
        let label_map = input.catalog.questionnaire.as_ref().map(|q| &q.labels);
        match dropdown::choose(status, label_map, offered.as_ref()) {
            Ok(label) => {
                wanted.push((col, label));
                choice_wanted = true;
            }
            Err(why) => diags.push(
                Diagnostic::new(
                    Code::FillNoChoice,
                    crate::msg!(
                        "fill-no-choice",
                        status = status.key(),
                        control = &control.id,
                        why = why
                    ),
                )
                .in_cell(target.at(col))
                .help(crate::msg!("fill-no-choice-help")),
            ),
        }
    }
    let (texts, nowhere) = text_cells(cells, answer, &target);
    wanted.extend(texts);
    if nowhere {
        diags.push(text_nowhere(control, &target, cells));
    }
    let mut written = Vec::new();
    let mut choice_written = false;
    for (i, (col, text)) in wanted.into_iter().enumerate() {
        if let Some(cell) = target.checked(col, text, &control.id, diags) {
            choice_written |= choice_wanted && i == 0;
            written.push(cell);
        }
    }
    Ok((written, choice_written))
}

/// Where an answer's text and its evidence and links go: the text cell and the evidence
/// cell, or all of it in the text cell when there is no evidence cell (or it is merged
/// into the text cell). True as well when some of it has no cell to go in.
fn text_cells(cells: &CellRef, answer: &Answer, target: &Target) -> (Vec<(u32, String)>, bool) {
    // Like every output, the customer's workbook never gets a character a reader would not
    // see (`check` warns about them, CS0412).
    let visible = |t: &str| crate::chars::strip_hidden(t).into_owned();
    let text = match &answer.body {
        Some(AnswerBody::Text(t)) => visible(t),
        Some(AnswerBody::Items(items)) => visible(&items.join("\n")),
        None => String::new(),
    };
    let references = visible(
        &answer
            .evidence
            .iter()
            .chain(&answer.links)
            .cloned()
            .collect::<Vec<String>>()
            .join("\n"),
    );
    let evidence_col = cells.columns.evidence.filter(|&e| {
        cells
            .columns
            .answer
            .is_none_or(|a| target.anchor(a) != target.anchor(e))
    });
    let mut out = Vec::new();
    let nowhere = match (cells.columns.answer, evidence_col) {
        (Some(text_col), Some(evidence_col)) => {
            out.push((text_col, text));
            out.push((evidence_col, references));
            false
        }
        (Some(text_col), None) => {
            let joined: Vec<String> = [text, references]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect();
            out.push((text_col, joined.join("\n")));
            false
        }
        (None, Some(evidence_col)) => {
            out.push((evidence_col, references));
            !text.is_empty()
        }
        (None, None) => !text.is_empty() || !references.is_empty(),
    };
    // A text of line breaks alone (once hidden characters are left out) is no text.
    out.retain(|(_, t)| !t.trim().is_empty());
    (out, nowhere)
}

fn text_nowhere(control: &Control, target: &Target, cells: &CellRef) -> Diagnostic {
    Diagnostic::new(
        Code::FillTextNowhere,
        crate::msg!("fill-text-nowhere", control = &control.id),
    )
    .in_cell(target.at(cells.columns.choice.unwrap_or(0)))
    .help(crate::msg!("fill-text-nowhere-help"))
}

/// A project's answers to one of its catalogs, made ready for [`fill`]: its own answers,
/// and (per `policy.derived_answers`) the ones derived through mappings.
pub struct ProjectAnswers<'a> {
    /// The answers by control ID: the catalog's own first, then the derived ones.
    pub answers: IndexMap<String, Source<'a>>,
    /// Controls whose mapped answers differ.
    pub conflicts: Vec<String>,
}

/// The answers of `catalog` derived through mappings in a validated project (per
/// `policy.derived_answers`), with the diagnostics of deriving them that validation has
/// not reported already (it derives the catalogs its outputs name).
pub fn derived_answers(
    ws: &crate::load::Workspace,
    plan: &crate::validate::Plan,
    catalog: &Catalog,
) -> (
    crate::mapping::derive::DerivedCatalog,
    crate::diag::Diagnostics,
) {
    let mut diags = crate::diag::Diagnostics::default();
    let derived = crate::validate::derive_for(ws, plan, catalog, &mut diags);
    if plan.derived.contains_key(&catalog.id) {
        diags = crate::diag::Diagnostics::default();
    }
    (derived, diags)
}

/// Collects the answers `fill` writes for `catalog` from a validated project.
pub fn project_answers<'a>(
    plan: &'a crate::validate::Plan,
    derived: &'a crate::mapping::derive::DerivedCatalog,
    catalog: &Catalog,
) -> ProjectAnswers<'a> {
    let mut answers = IndexMap::new();
    if let Some(set) = plan.answers.get(&catalog.id) {
        for (id, answer) in &set.answers {
            answers.insert(
                id.clone(),
                Source {
                    answer,
                    derived: None,
                },
            );
        }
    }
    for (id, d) in &derived.answers {
        answers.entry(id.clone()).or_insert(Source {
            answer: &d.answer,
            derived: Some(&d.from),
        });
    }
    ProjectAnswers {
        answers,
        conflicts: derived.conflicts.clone(),
    }
}

#[cfg(test)]
mod roundtrip;
