//! What an import finds as it reads a workbook: the answers, the diagnostics (placed in the
//! workbook's cells), the notes on what was detected, and where a questionnaire's questions
//! are. Every reader of [`crate::import`] fills one [`Found`].

use std::collections::HashMap;

use crate::diag::{CellLocation, Code, Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::model::Answer;

use super::questionnaire;
use super::workbook::{Kind, Sheet, Workbook};

/// How many diagnostics of one code are shown before the rest are counted.
const SHOWN_PER_CODE: usize = 20;

/// What an import found: the answers, the diagnostics and what was detected.
#[derive(Default)]
pub struct Found {
    pub answers: Vec<Answer>,
    pub diags: Vec<Diagnostic>,
    pub notes: Vec<Message>,
    /// Where a questionnaire's tables and questions are (a new catalog records it).
    pub placement: Option<questionnaire::Placement>,
}

impl Found {
    fn push(
        &mut self,
        code: Code,
        message: Message,
        at: Option<CellLocation>,
        help: Option<Message>,
    ) {
        let mut d = Diagnostic::new(code, message);
        if let Some(at) = at {
            d = d.in_cell(at);
        }
        if let Some(help) = help {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    /// An error of `code`, in the cell `at` when it is in one.
    pub fn error(&mut self, code: Code, message: Message, at: Option<CellLocation>) {
        self.push(code, message, at, None);
    }

    /// An error with a hint of what would be right.
    pub fn error_help(
        &mut self,
        code: Code,
        message: Message,
        at: Option<CellLocation>,
        help: Message,
    ) {
        self.push(code, message, at, Some(help));
    }

    /// A warning of `code` (its severity is the code's), in the cell `at` when it is in one.
    pub fn warning(&mut self, code: Code, message: Message, at: Option<CellLocation>) {
        self.push(code, message, at, None);
    }

    /// A line on what was detected or read, printed before the diagnostics.
    pub fn note(&mut self, note: Message) {
        self.notes.push(note);
    }

    /// A non-empty cell that was not imported.
    pub fn unmapped(
        &mut self,
        workbook: &Workbook,
        sheet: &Sheet,
        row: u32,
        col: u32,
        why: Message,
    ) {
        let text = sheet.text(row, col).trim();
        let shown: String = text.chars().take(40).collect();
        let more = if shown.len() < text.len() { "…" } else { "" };
        self.warning(
            Code::ImportUnmapped,
            crate::msg!(
                "import-not-imported",
                value = shown.replace('\n', "⏎"),
                more = &more,
                why = &why
            ),
            Some(cell_at(workbook, sheet, row, col)),
        );
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics to report: at most [`SHOWN_PER_CODE`] of each code, then a count.
    pub fn diagnostics(&self) -> Diagnostics {
        shown_diagnostics(&self.diags)
    }
}

/// At most [`SHOWN_PER_CODE`] diagnostics of each code, then one counting the rest.
pub(super) fn shown_diagnostics(diags: &[Diagnostic]) -> Diagnostics {
    let mut shown: HashMap<Code, usize> = HashMap::new();
    let mut hidden: Vec<(Code, usize)> = Vec::new();
    let mut out = Diagnostics::default();
    for d in diags {
        let n = shown.entry(d.code).or_default();
        *n += 1;
        if *n <= SHOWN_PER_CODE {
            out.push(d.clone());
        } else {
            match hidden.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, count)) => *count += 1,
                None => hidden.push((d.code, 1)),
            }
        }
    }
    for (code, count) in hidden {
        out.push(Diagnostic::new(
            code,
            crate::msg!(
                "import-more-like-these",
                count = count,
                description = code.description()
            ),
        ));
    }
    out
}

/// `row 1` or `rows 1–5`: the first `count` rows of a sheet.
pub fn rows(count: u32) -> Message {
    crate::msg!("import-rows", count = &count)
}

/// The cell at `row` and `col` (0-based) of `sheet` in `workbook`, as diagnostics name it
/// (`book.xlsx: 回答!D12`).
pub fn cell_at(workbook: &Workbook, sheet: &Sheet, row: u32, col: u32) -> CellLocation {
    CellLocation::cell(&workbook.name, &sheet.name, row, col)
}

/// Warns when a cell that should hold text holds a number that may have lost its spelling
/// (a fraction under `General`) or a date.
pub fn typed_cell_warning(
    found: &mut Found,
    workbook: &Workbook,
    sheet: &Sheet,
    row: u32,
    col: u32,
    what: &str,
) {
    let cell = sheet.cell(row, col);
    let message = match cell.kind {
        Kind::Number { exact: false } => crate::msg!(
            "import-typed-number",
            what = what,
            text = cell.text.as_str()
        ),
        Kind::Date => crate::msg!("import-typed-date", what = &what, text = cell.text.as_str()),
        Kind::Error => crate::msg!(
            "import-typed-error",
            what = &what,
            text = cell.text.as_str()
        ),
        _ => return,
    };
    found.push(
        Code::ImportTypedCell,
        message,
        Some(cell_at(workbook, sheet, row, col)),
        Some(crate::msg!("import-typed-help")),
    );
}
