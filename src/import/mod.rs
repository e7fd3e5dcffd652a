//! `checksheet import`: existing checksheet workbooks (xlsx) into answer YAML.
//!
//! - In a known layout (`--layout`), the layout and the catalog say where each control's row
//!   and answer are ([`layout_map`]): the inverse of a build.
//! - In any other layout, the table is found from its header names, or the columns the user
//!   names ([`detect`], [`questionnaire`]); the questionnaire can also become a new catalog.
//!
//! Cells are read with `fill`'s package reader ([`workbook`]); numbers and dates keep the spelling their
//! number format shows ([`cell_text`]). Nothing is lost silently: every cell that is not
//! imported is reported with its sheet and address, and nothing is written when anything
//! is wrong ([`write`]).

pub mod answer_cell;
pub mod cell_text;
pub mod cells;
pub mod detect;
pub mod labels;
pub mod layout_map;
pub mod questionnaire;
#[cfg(test)]
mod roundtrip;
pub mod workbook;
pub mod write;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::load::Workspace;
use crate::model::{Answer, Catalog, Organization, Policy, Project};
use crate::report::{self, ReportFormat};
use crate::source::{SourceId, Sources, Span, display_path};
use detect::Columns;
use workbook::{Kind, Sheet, Workbook};

/// `checksheet import` arguments.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  checksheet import old/skyarch.xlsx --layout skyarch --out answers/skyarch.yaml\n  checksheet import dist/default-mic-cloud-v3.xlsx --layout default --split-links --out -\n  checksheet import acme.xlsx --write-catalog controls/acme.yaml --out answers/acme.yaml\n  checksheet import acme.xlsx --sheet 質問票 --header-row 4 --id-col A --question-col C --answer-col D --write-catalog controls/acme.yaml\n\nCells that are not imported, hidden rows and sheets, merged answers and numbers or dates\nwhere text was meant are reported with their sheet and cell. Nothing is written if there is\nan error (or a warning, with --deny-warnings), and no file is replaced without --force.\n\nExit codes: 0 written; 1 the workbook has errors (nothing written); 2 the command could not run."
)]
pub struct ImportArgs {
    /// The workbook to read (.xlsx)
    pub file: PathBuf,
    /// The layout the workbook is in (default, mic-annex2, monocone, skyarch, melcol, or a
    /// project's); leave out for a questionnaire in any other layout
    #[arg(long)]
    pub layout: Option<String>,
    /// The catalog the answers belong to (default: the layout's catalog)
    #[arg(long, conflicts_with = "write_catalog")]
    pub catalog: Option<String>,
    /// A project whose catalogs and layouts to use; answers go to its answers folder
    #[arg(long)]
    pub project: Option<PathBuf>,
    /// The answer file to write (default: answers/imported-<catalog>.yaml); `-` prints it
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the answer file (and catalog file) if they exist
    #[arg(long)]
    pub force: bool,
    /// Read only this sheet (repeatable; hidden sheets are read only when named)
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,
    /// The header row (1-based) instead of searching for it
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_048_576))]
    pub header_row: Option<u32>,
    /// Column of the item ID / number (letters, e.g. A)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub id_col: Option<u32>,
    /// Column of the question (確認内容 / 質問)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub question_col: Option<u32>,
    /// Column of the item title (項目)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub title_col: Option<u32>,
    /// Column of the category (分類 / Category / Domain); its values become groups
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub category_col: Option<u32>,
    /// Column of the free-text answer (補足説明 / 回答内容 / Comments)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub answer_col: Option<u32>,
    /// Column of the choice answer (はい / いいえ, ○ / ×, Yes / No, 実施済 …), read as the status
    #[arg(long = "choice-col", visible_alias = "status-col", value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub choice_col: Option<u32>,
    /// Column of the evidence (証跡 / 根拠資料 / Evidence)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub evidence_col: Option<u32>,
    /// Column of remarks kept as each answer's internal `note` (備考)
    #[arg(long, value_name = "COL", value_parser = parse_column, conflicts_with = "layout")]
    pub note_col: Option<u32>,
    /// Also write the questionnaire as a new catalog to this file (controls/<id>.yaml)
    #[arg(long, value_name = "FILE", conflicts_with = "layout")]
    pub write_catalog: Option<PathBuf>,
    /// ID of the new catalog (default: from the file name)
    #[arg(long, value_name = "ID", requires = "write_catalog")]
    pub catalog_id: Option<String>,
    /// Title of the new catalog (default: the text above the table)
    #[arg(long, value_name = "TEXT", requires = "write_catalog")]
    pub catalog_title: Option<String>,
    /// Read answers whose lines start with this prefix as lists (default: the layout's
    /// checkbox; `""` reads every answer as text)
    #[arg(long, value_name = "PREFIX")]
    pub list_prefix: Option<String>,
    /// Make URL lines at the end of a text answer its `links` (default: they stay text)
    #[arg(long)]
    pub split_links: bool,
    /// Write nothing if there are warnings
    #[arg(long)]
    pub deny_warnings: bool,
}

fn parse_column(text: &str) -> Result<u32, String> {
    workbook::parse_column(text)
        .ok_or_else(|| crate::msg!("import-not-a-column", text = text).to_text())
}

/// How many diagnostics of one code are shown before the rest are counted.
const SHOWN_PER_CODE: usize = 20;

/// What an import found: the answers, the diagnostics and what was detected.
#[derive(Default)]
pub struct Found {
    pub answers: Vec<Answer>,
    pub diags: Vec<Diagnostic>,
    pub notes: Vec<crate::i18n::Message>,
    /// Where a questionnaire's tables and questions are (a new catalog records it).
    pub placement: Option<questionnaire::Placement>,
}

impl Found {
    fn push(
        &mut self,
        code: Code,
        message: crate::i18n::Message,
        at: Option<String>,
        help: Option<crate::i18n::Message>,
    ) {
        let message = match at {
            Some(at) => crate::msg!("at-place", at = at, message = message),
            None => message,
        };
        let mut d = Diagnostic::new(code, message);
        if let Some(help) = help {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    pub fn error(&mut self, code: Code, message: crate::i18n::Message, at: Option<String>) {
        self.push(code, message, at, None);
    }

    pub fn error_help(
        &mut self,
        code: Code,
        message: crate::i18n::Message,
        at: Option<String>,
        help: crate::i18n::Message,
    ) {
        self.push(code, message, at, Some(help));
    }

    pub fn warning(&mut self, code: Code, message: crate::i18n::Message, at: Option<String>) {
        self.push(code, message, at, None);
    }

    pub fn note(&mut self, note: crate::i18n::Message) {
        self.notes.push(note);
    }

    /// A non-empty cell that was not imported.
    pub fn unmapped(
        &mut self,
        workbook: &Workbook,
        sheet: &Sheet,
        row: u32,
        col: u32,
        why: crate::i18n::Message,
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
            Some(cell_diag(workbook, sheet, row, col)),
        );
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics to report: at most [`SHOWN_PER_CODE`] of each code, then a count.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut shown: HashMap<Code, usize> = HashMap::new();
        let mut hidden: Vec<(Code, usize)> = Vec::new();
        let mut out = Diagnostics::default();
        for d in &self.diags {
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
}

/// `row 1` or `rows 1–5`: the first `count` rows of a sheet.
pub fn rows(count: u32) -> crate::i18n::Message {
    crate::msg!("import-rows", count = &count)
}

/// `book.xlsx: 回答!D12`.
pub fn cell_diag(workbook: &Workbook, sheet: &Sheet, row: u32, col: u32) -> String {
    format!(
        "{}: {}",
        crate::source::visible_name(&workbook.name),
        sheet.address(row, col)
    )
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
    found.warning(
        Code::ImportTypedCell,
        message,
        Some(cell_diag(workbook, sheet, row, col)),
    );
    if let Some(d) = found.diags.last_mut() {
        d.help = Some(crate::msg!("import-typed-help"));
    }
}

/// The span of an imported answer (it has no YAML source yet).
pub fn no_span() -> Span {
    Span::new(SourceId(0), 0, 0)
}

/// A project for documents built outside any project: no organization, no texts.
pub fn bare_project() -> Project {
    Project {
        root: PathBuf::from("."),
        organization: Organization::default(),
        as_of: jiff::civil::date(2000, 1, 1),
        answers: Vec::new(),
        answers_listed: false,
        catalogs: Vec::new(),
        layouts: Vec::new(),
        document: Default::default(),
        outputs: Vec::new(),
        policy: Policy::default(),
        policy_span: None,
    }
}

/// What to import and how, resolved from the arguments.
enum Mode<'a> {
    Layout {
        layout: &'a crate::layout::Layout,
        catalog: &'a Catalog,
    },
    Questionnaire {
        catalog: Option<&'a Catalog>,
        new: Option<(String, PathBuf)>,
    },
}

/// Runs `checksheet import` and returns its exit code.
pub fn run(args: &ImportArgs) -> u8 {
    use crate::cli::cannot_run;
    let ws = match crate::cli::workspace_for(
        args.project.as_deref(),
        crate::msg!("import-needs-valid-project"),
    ) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let name = display_path(&args.file);
    let bytes = match crate::files::read_regular(&args.file, None, workbook::MAX_WORKBOOK_BYTES) {
        Ok(b) => b,
        Err(e) => return cannot_run(&e.message()),
    };
    let short = args
        .file
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
    if let Some(catalog) = cells_catalog(args, &ws) {
        let mut found = Found::default();
        found.note(crate::msg!(
            "import-reading-at-cells-catalog",
            name = &name,
            id = &catalog.id
        ));
        match crate::fill::book::Book::from_bytes(bytes) {
            Ok(mut book) => cells::import(&mut book, catalog, &mut found),
            Err(why) => {
                return cannot_run(&crate::msg!(
                    "workbook-unreadable",
                    name = &short,
                    why = why.message()
                ));
            }
        }
        return write_outcome(args, &ws, found, catalog.id.clone(), None, &short);
    }
    let book = match workbook::read(&short, bytes) {
        Ok(b) => b,
        Err(d) => {
            let mut diags = Diagnostics::default();
            diags.push(*d);
            report::report(&diags, &Sources::default(), ReportFormat::Human);
            return 2;
        }
    };
    let mut found = Found::default();
    let sheets = match select_sheets(&book, &args.sheets, &mut found) {
        Ok(s) => s,
        Err(e) => return cannot_run(&e),
    };
    let mode = match resolve_mode(args, &ws, &book) {
        Ok(m) => m,
        Err(e) => return cannot_run(&e),
    };
    let project = ws.project.clone().unwrap_or_else(bare_project);
    let header_row = args.header_row.map(|n| n - 1);
    let (catalog_id, new_catalog) = match &mode {
        Mode::Layout { layout, catalog } => {
            found.note(crate::msg!(
                "import-reading-layout-for-catalog",
                name = &name,
                id = &layout.id,
                id2 = &catalog.id
            ));
            let prefix = args.list_prefix.as_deref().or(layout.checkbox.as_deref());
            layout_map::import(
                &layout_map::LayoutImport {
                    workbook: &book,
                    sheets: &sheets,
                    layout,
                    catalog,
                    project: &project,
                    list_prefix: prefix,
                    split_links: args.split_links,
                    header_row,
                },
                &mut found,
            );
            (catalog.id.clone(), None)
        }
        Mode::Questionnaire { catalog, new } => {
            let given = Columns {
                id: args.id_col,
                title: args.title_col,
                category: args.category_col,
                question: args.question_col,
                choice: args.choice_col,
                answer: args.answer_col,
                evidence: args.evidence_col,
                note: args.note_col,
            };
            found.note(crate::msg!("import-reading-as-questionnaire", name = &name));
            let built = questionnaire::import(
                &questionnaire::QuestionnaireImport {
                    workbook: &book,
                    sheets: &sheets,
                    given,
                    header_row,
                    catalog: *catalog,
                    new_catalog: new
                        .as_ref()
                        .map(|(id, _)| (id.clone(), args.catalog_title.clone())),
                    list_prefix: args.list_prefix.as_deref(),
                    split_links: args.split_links,
                },
                &mut found,
            );
            let id = catalog
                .map(|c| c.id.clone())
                .or_else(|| new.as_ref().map(|(id, _)| id.clone()))
                .unwrap_or_default();
            let new_catalog = match (built, new) {
                (Some(c), Some((_, path))) => Some((c, path.clone())),
                _ => None,
            };
            (id, new_catalog)
        }
    };

    write_outcome(args, &ws, found, catalog_id, new_catalog, &book.name)
}

/// Writes what an import found (the answer file, and a new catalog), or reports why not,
/// and gives the exit code.
fn write_outcome(
    args: &ImportArgs,
    ws: &Workspace,
    mut found: Found,
    catalog_id: String,
    new_catalog: Option<(Catalog, PathBuf)>,
    workbook_name: &str,
) -> u8 {
    use crate::cli::cannot_run;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut printed: Option<String> = None;
    // With errors nothing is written: the files are not even made.
    let complete = !found.has_errors();
    let answers_text = match write::answer_file(&catalog_id, &found.answers) {
        Ok(text) => Some(text).filter(|_| complete),
        Err(e) => {
            found.error(Code::ImportLossy, crate::msg!("plain", text = e), None);
            None
        }
    };
    let out = match &args.out {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(default_answers_dir(ws).join(format!("imported-{catalog_id}.yaml"))),
    };
    if let Some((catalog, path)) = new_catalog.as_ref().filter(|_| complete) {
        let controls = catalog.controls().len();
        let comment = format!(
            "Imported from {} by `checksheet import` ({controls} controls).\nCheck the titles and groups, then answer it in YAML from now on.",
            workbook_name
        );
        match write::catalog_file(catalog, &comment) {
            Ok(text) => files.push((path.clone(), text)),
            Err(e) => found.error(Code::ImportLossy, crate::msg!("plain", text = e), None),
        }
    }
    match (answers_text, &out) {
        (Some(text), Some(path)) => files.push((path.clone(), text)),
        (Some(text), None) => printed = Some(text),
        (None, _) => {}
    }

    for note in &found.notes {
        report::say(note);
    }
    let diags = found.diagnostics();
    report::report(&diags, &Sources::default(), ReportFormat::Human);
    let failed = found.has_errors() || (args.deny_warnings && !found.diags.is_empty());
    if failed {
        if let Some(summary) = report::summary(&diags) {
            report::say(&summary);
        }
        report::say(&crate::msg!("import-failed"));
        return 1;
    }
    if let Err(e) = write::write_files(&files, args.force) {
        return cannot_run(&e);
    }
    let answered = found.answers.len();
    for (path, _) in &files {
        let what = match &new_catalog {
            Some((catalog, p)) if p == path => crate::msg!(
                "import-wrote-catalog",
                catalog = &catalog.id,
                controls = catalog.controls().len(),
                groups = count_groups(catalog)
            ),
            _ => crate::msg!(
                "import-wrote-answers",
                answers = answered,
                catalog = catalog_id.as_str()
            ),
        };
        report::say(&crate::msg!(
            "import-wrote",
            path = display_path(path),
            what = what
        ));
    }
    if let Some(text) = printed {
        report::output(&text);
    }
    if let (Some((catalog, path)), Some(project)) = (&new_catalog, &ws.project) {
        let listed = project.catalogs.iter().any(|(p, _)| {
            let (Ok(listed), Ok(file)) = (fs::canonicalize(p), fs::canonicalize(path)) else {
                return false;
            };
            file.starts_with(listed)
        });
        if !listed {
            report::say(&crate::msg!(
                "import-list-catalog",
                folder = path.parent().map_or(String::new(), display_path),
                catalog = &catalog.id
            ));
        }
    }
    if let Some(summary) = report::summary(&diags) {
        report::say(&summary);
    }
    0
}

fn count_groups(catalog: &Catalog) -> usize {
    fn walk(groups: &[crate::model::Group]) -> usize {
        groups.iter().map(|g| 1 + walk(&g.groups)).sum()
    }
    walk(&catalog.groups)
}

/// The answers folder of the project (its first `answers:` folder), or `./answers`.
fn default_answers_dir(ws: &Workspace) -> PathBuf {
    let Some(project) = &ws.project else {
        return PathBuf::from("answers");
    };
    project
        .answers
        .iter()
        .map(|(p, _)| p.clone())
        .find(|p| p.is_dir())
        .unwrap_or_else(|| project.root.join("answers"))
}

/// The sheets to read: those named, or every visible one (hidden sheets with content are
/// reported).
fn select_sheets(
    book: &Workbook,
    names: &[String],
    found: &mut Found,
) -> Result<Vec<usize>, crate::i18n::Message> {
    let all: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    if !names.is_empty() {
        let mut out = Vec::new();
        for name in names {
            match book.sheets.iter().position(|s| &s.name == name) {
                Some(i) => out.push(i),
                None => {
                    let hint = match did_you_mean(name, all.iter().copied()) {
                        Some(s) => crate::msg!("help-did-you-mean", suggestion = s),
                        None => crate::msg!("import-sheets", value = all.join(", ")),
                    };
                    return Err(crate::msg!(
                        "import-has-no-sheet",
                        name = &book.name,
                        name2 = &name,
                        hint = &hint
                    ));
                }
            }
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        if !sheet.hidden {
            out.push(i);
        } else if (0..sheet.height()).any(|r| !sheet.row_is_blank(r)) {
            found.warning(
                Code::ImportHidden,
                crate::msg!("import-sheet-hidden-not-read", name = &sheet.name),
                Some(book.name.clone()),
            );
        }
    }
    Ok(out)
}

fn resolve_mode<'a>(
    args: &ImportArgs,
    ws: &'a Workspace,
    book: &Workbook,
) -> Result<Mode<'a>, crate::i18n::Message> {
    let known_catalogs = || {
        ws.catalogs
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let catalog_named = |id: &str| {
        ws.catalogs.get(id).ok_or_else(|| {
            let hint = match did_you_mean(id, ws.catalogs.keys().map(String::as_str)) {
                Some(s) => crate::msg!("help-did-you-mean", suggestion = s),
                None => crate::msg!("import-known-catalogs", known_catalogs = known_catalogs()),
            };
            crate::msg!("import-unknown-catalog", id = &id, hint = &hint)
        })
    };
    if let Some(layout_id) = &args.layout {
        let layout = ws.layouts.get(layout_id).ok_or_else(|| {
            let known: Vec<&str> = ws.layouts.keys().map(String::as_str).collect();
            match did_you_mean(layout_id, known.iter().copied()) {
                Some(s) => crate::msg!(
                    "import-unknown-layout-did-you",
                    layout_id = &layout_id,
                    s = &s
                ),
                None => crate::msg!(
                    "import-unknown-layout-known-layouts",
                    layout_id = &layout_id,
                    value = known.join(", ")
                ),
            }
        })?;
        let catalog = match (&args.catalog, &layout.catalog) {
            (Some(asked), Some(bound)) if asked != bound => {
                return Err(crate::msg!(
                    "import-layout-made-for-catalog",
                    id = &layout.id,
                    bound = &bound,
                    asked = &asked
                ));
            }
            (Some(id), _) | (None, Some(id)) => catalog_named(id)?,
            (None, None) => book
                .sheets
                .iter()
                .find_map(|s| ws.catalogs.get(&s.name))
                .or_else(|| catalog_quoted(book, ws))
                .ok_or_else(|| {
                    crate::msg!(
                        "import-layout-fits-any-catalog",
                        id = &layout.id,
                        known_catalogs = known_catalogs()
                    )
                })?,
        };
        return Ok(Mode::Layout { layout, catalog });
    }
    if let Some(id) = &args.catalog {
        return Ok(Mode::Questionnaire {
            catalog: Some(catalog_named(id)?),
            new: None,
        });
    }
    let Some(path) = &args.write_catalog else {
        return Err(crate::msg!("import-name-catalog"));
    };
    let id = match &args.catalog_id {
        Some(id) => id.clone(),
        None => derive_catalog_id(path, &args.file),
    };
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return Err(crate::msg!("import-not-catalog-id-use", id = &id));
    }
    if let Some(existing) = ws.catalogs.get(&id) {
        return Err(crate::msg!(
            "import-catalog-already-exists-choose",
            id = &id,
            origin = &existing.origin
        ));
    }
    Ok(Mode::Questionnaire {
        catalog: None,
        new: Some((id, path.clone())),
    })
}

/// The catalog whose title a sheet quotes above its table (「title」 or "title"), as the `default`
/// layout's introduction does, when exactly one catalog is quoted: sheets are named after
/// the document's title, not the catalog's ID.
fn catalog_quoted<'a>(book: &Workbook, ws: &'a Workspace) -> Option<&'a Catalog> {
    let mut quoted = ws.catalogs.values().filter(|catalog| {
        let quotes = [
            format!("「{}」", catalog.title),
            format!("\"{}\"", catalog.title),
        ];
        book.sheets.iter().any(|sheet| {
            (0..sheet.height().min(12)).any(|row| {
                sheet.row_cells(row).any(|(col, _)| {
                    let text = sheet.text(row, col);
                    quotes.iter().any(|q| text.contains(q.as_str()))
                })
            })
        })
    });
    let first = quoted.next()?;
    quoted.next().is_none().then_some(first)
}

/// The catalog to read at its recorded cells: `--catalog C` names one that records where
/// its questions are, and no layout, column or header row is given.
fn cells_catalog<'a>(args: &ImportArgs, ws: &'a Workspace) -> Option<&'a Catalog> {
    let columns_given = [
        args.id_col,
        args.title_col,
        args.category_col,
        args.question_col,
        args.choice_col,
        args.answer_col,
        args.evidence_col,
        args.note_col,
    ]
    .iter()
    .any(Option::is_some);
    if args.layout.is_some() || columns_given || args.header_row.is_some() {
        return None;
    }
    ws.catalogs
        .get(args.catalog.as_deref()?)
        .filter(|c| cells::records_cells(c))
}

/// A catalog ID from the catalog file's name, else the workbook's: lowercase ASCII letters
/// and digits, other runs as `-`; `imported` when nothing is left.
fn derive_catalog_id(catalog_path: &Path, workbook: &Path) -> String {
    let from = |p: &Path| {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut id = String::new();
        for c in stem.chars() {
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            } else if !id.ends_with('-') {
                id.push('-');
            }
        }
        id.trim_matches('-').to_owned()
    };
    [from(catalog_path), from(workbook)]
        .into_iter()
        .find(|id| !id.is_empty())
        .unwrap_or_else(|| "imported".to_owned())
}
