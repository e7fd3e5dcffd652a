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
mod found;
pub mod labels;
pub mod layout_map;
pub mod questionnaire;
#[cfg(test)]
mod roundtrip;
pub mod workbook;
pub mod write;

use std::path::{Path, PathBuf};

use crate::diag::{CellLocation, Code, Diagnostic, Diagnostics, did_you_mean};
use crate::error::Error;
use crate::i18n::Message;
use crate::load::Workspace;
use crate::model::{Answer, Catalog};
use detect::Columns;
pub use found::{Found, cell_at, rows, typed_cell_warning};
use workbook::Workbook;

/// What to import a workbook as, and into which catalog.
#[derive(Clone, Debug)]
pub enum Target {
    /// A workbook in a known layout: the layout's ID, and the catalog the answers belong to
    /// (`None`: the layout's own, else the catalog the workbook names).
    Layout {
        layout: String,
        catalog: Option<String>,
    },
    /// A questionnaire whose items are the controls of an existing catalog. When the
    /// catalog records where its questions are (and no columns or header row are given),
    /// its answers are read at those cells.
    Catalog(String),
    /// A questionnaire that becomes a new catalog.
    NewCatalog(NewCatalog),
}

/// The new catalog a questionnaire becomes.
#[derive(Clone, Debug)]
pub struct NewCatalog {
    /// Its ID (letters, digits, `.`, `_`, `-`; no catalog of the workspace may have it).
    pub id: String,
    /// The file it is to be written to (the caller writes it).
    pub path: PathBuf,
    /// Its title; `None`: the text above the table.
    pub title: Option<String>,
}

/// What to import and how: everything `checksheet import` is told, typed.
pub struct ImportOptions<'a> {
    /// The catalogs and layouts there are (built-in ones, and a project's), and the project.
    pub workspace: &'a Workspace,
    /// The workbook's file name, as diagnostics name it (`book.xlsx`).
    pub workbook: String,
    /// The workbook's path as the notes show it (`inbox/book.xlsx`).
    pub path_shown: String,
    pub target: Target,
    /// The sheets to read (hidden ones are read only when named); empty: every visible one.
    pub sheets: Vec<String>,
    /// The 0-based header row, instead of searching for it.
    pub header_row: Option<u32>,
    /// Columns the user named (a questionnaire's).
    pub columns: Columns,
    /// Read answers whose lines start with this prefix as lists (`None`: the layout's
    /// checkbox, else none; `""` reads every answer as text).
    pub list_prefix: Option<String>,
    /// Make URL lines at the end of a text answer its `links`.
    pub split_links: bool,
}

/// A new catalog an import made, and its file's text.
pub struct CatalogFile {
    pub catalog: Catalog,
    /// Where it is to be written ([`NewCatalog::path`]).
    pub path: PathBuf,
    /// The catalog file's text, proven to read back as `catalog`.
    pub yaml: String,
}

impl CatalogFile {
    /// How many groups the catalog has, at every depth.
    pub fn groups(&self) -> usize {
        fn walk(groups: &[crate::model::Group]) -> usize {
            groups.iter().map(|g| 1 + walk(&g.groups)).sum()
        }
        walk(&self.catalog.groups)
    }
}

/// What an import gives: the answers and their file, a new catalog, and what to report.
pub struct Imported {
    /// The ID of the catalog the answers belong to.
    pub catalog: String,
    pub answers: Vec<Answer>,
    /// The answer file's text, proven to read back as `answers`; `None` when anything
    /// is wrong (nothing is to be written then).
    pub answer_file: Option<String>,
    /// The new catalog ([`Target::NewCatalog`]), when it was made and nothing is wrong.
    pub new_catalog: Option<CatalogFile>,
    /// Every problem found, in the order found (see [`Imported::diagnostics`]).
    pub diags: Vec<Diagnostic>,
    /// What was read and detected, printed before the diagnostics.
    pub notes: Vec<Message>,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics to report: at most 20 of each code, then one counting the rest.
    pub fn diagnostics(&self) -> Diagnostics {
        found::shown_diagnostics(&self.diags)
    }
}

/// What to import and how, resolved against the workspace.
enum Mode<'a> {
    Layout {
        layout: &'a crate::layout::Layout,
        catalog: &'a Catalog,
    },
    Questionnaire {
        catalog: Option<&'a Catalog>,
        new: Option<&'a NewCatalog>,
    },
}

/// Imports the workbook `bytes` as `options` say. Problems in the workbook are the
/// diagnostics of what it gives; it stops with an error only when the workbook cannot be
/// read at all ([`Error::Diagnosed`], [`Error::Refused`]) or the options cannot work (an
/// unknown layout, catalog or sheet, a new catalog's ID that is taken).
pub fn import(bytes: Vec<u8>, options: &ImportOptions) -> Result<Imported, Error> {
    if let Some(catalog) = cells_catalog(options) {
        let found = import_at_cells(bytes, catalog, options)?;
        return Ok(finish(found, catalog.id.clone(), None, &options.workbook));
    }
    let book = workbook::read(&options.workbook, bytes).map_err(Error::Diagnosed)?;
    let mut found = Found::default();
    let sheets = select_sheets(&book, &options.sheets, &mut found)?;
    let (catalog_id, new_catalog) = match resolve_mode(options, &book)? {
        Mode::Layout { layout, catalog } => {
            import_layout(options, &book, &sheets, layout, catalog, &mut found);
            (catalog.id.clone(), None)
        }
        Mode::Questionnaire { catalog, new } => {
            let built = import_questionnaire(options, &book, &sheets, catalog, new, &mut found);
            let id = catalog
                .map(|c| c.id.clone())
                .or_else(|| new.map(|n| n.id.clone()))
                .unwrap_or_default();
            let new_catalog = match (built, new) {
                (Some(c), Some(new)) => Some((c, new.path.clone())),
                _ => None,
            };
            (id, new_catalog)
        }
    };
    Ok(finish(found, catalog_id, new_catalog, &book.name))
}

/// Reads `catalog`'s answers at the cells it records.
fn import_at_cells(
    bytes: Vec<u8>,
    catalog: &Catalog,
    options: &ImportOptions,
) -> Result<Found, Error> {
    let mut found = Found::default();
    found.note(crate::msg!(
        "import-reading-at-cells-catalog",
        name = &options.path_shown,
        id = &catalog.id
    ));
    let mut book = crate::fill::book::Book::from_bytes(bytes).map_err(|why| {
        Error::Refused(crate::msg!(
            "workbook-unreadable",
            name = &options.workbook,
            why = why.message()
        ))
    })?;
    cells::import(&mut book, catalog, &mut found);
    Ok(found)
}

/// Reads a workbook in a known layout.
fn import_layout(
    options: &ImportOptions,
    book: &Workbook,
    sheets: &[usize],
    layout: &crate::layout::Layout,
    catalog: &Catalog,
    found: &mut Found,
) {
    found.note(crate::msg!(
        "import-reading-layout-for-catalog",
        name = &options.path_shown,
        id = &layout.id,
        id2 = &catalog.id
    ));
    let prefix = options
        .list_prefix
        .as_deref()
        .or(layout.checkbox.as_deref());
    layout_map::import(
        &layout_map::LayoutImport {
            workbook: book,
            sheets,
            layout,
            catalog,
            project: options.workspace.project.as_ref(),
            list_prefix: prefix,
            split_links: options.split_links,
            header_row: options.header_row,
        },
        found,
    );
}

/// Reads a questionnaire in any layout; the new catalog it becomes, when one is asked for.
fn import_questionnaire(
    options: &ImportOptions,
    book: &Workbook,
    sheets: &[usize],
    catalog: Option<&Catalog>,
    new: Option<&NewCatalog>,
    found: &mut Found,
) -> Option<Catalog> {
    found.note(crate::msg!(
        "import-reading-as-questionnaire",
        name = &options.path_shown
    ));
    questionnaire::import(
        &questionnaire::QuestionnaireImport {
            workbook: book,
            sheets,
            given: options.columns,
            header_row: options.header_row,
            catalog,
            new_catalog: new.map(|n| (n.id.clone(), n.title.clone())),
            list_prefix: options.list_prefix.as_deref(),
            split_links: options.split_links,
        },
        found,
    )
}

/// Makes the files of what an import found (the answer file, and a new catalog) when
/// nothing is wrong; a file that would not read back is an error of its own.
fn finish(
    mut found: Found,
    catalog_id: String,
    new_catalog: Option<(Catalog, PathBuf)>,
    workbook_name: &str,
) -> Imported {
    // With errors nothing is written: the files are not even made.
    let complete = !found.has_errors();
    let lossy = |e: write::NotReadBack| {
        Diagnostic::new(
            Code::ImportLossy,
            crate::msg!("plain", text = e.to_string()),
        )
    };
    let answer_file = match write::answer_file(&catalog_id, &found.answers) {
        Ok(text) => Some(text).filter(|_| complete),
        Err(e) => {
            found.diags.push(lossy(e));
            None
        }
    };
    let mut catalog_file = None;
    if let Some((catalog, path)) = new_catalog.filter(|_| complete) {
        let controls = catalog.controls().len();
        let comment = format!(
            "Imported from {workbook_name} by `checksheet import` ({controls} controls).\nCheck the titles and groups, then answer it in YAML from now on."
        );
        match write::catalog_file(&catalog, &comment) {
            Ok(yaml) => {
                catalog_file = Some(CatalogFile {
                    catalog,
                    path,
                    yaml,
                });
            }
            Err(e) => found.diags.push(lossy(e)),
        }
    }
    Imported {
        catalog: catalog_id,
        answers: found.answers,
        answer_file,
        new_catalog: catalog_file,
        diags: found.diags,
        notes: found.notes,
    }
}

/// The sheets to read: those named, or every visible one (hidden sheets with content are
/// reported).
fn select_sheets(
    book: &Workbook,
    names: &[String],
    found: &mut Found,
) -> Result<Vec<usize>, Error> {
    if !names.is_empty() {
        return names.iter().map(|name| sheet_named(book, name)).collect();
    }
    let mut out = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        if !sheet.hidden {
            out.push(i);
        } else if (0..sheet.height()).any(|r| !sheet.row_is_blank(r)) {
            found.warning(
                Code::ImportHidden,
                crate::msg!("import-sheet-hidden-not-read", name = &sheet.name),
                Some(CellLocation::workbook(&book.name)),
            );
        }
    }
    Ok(out)
}

/// The index of the sheet named `name`, or why there is none.
fn sheet_named(book: &Workbook, name: &str) -> Result<usize, Error> {
    book.sheets
        .iter()
        .position(|s| s.name == name)
        .ok_or_else(|| {
            let all: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            let hint = match did_you_mean(name, all.iter().copied()) {
                Some(s) => crate::msg!("help-did-you-mean", suggestion = s),
                None => crate::msg!("import-sheets", value = all.join(", ")),
            };
            Error::Refused(crate::msg!(
                "import-has-no-sheet",
                name = &book.name,
                name2 = &name,
                hint = &hint
            ))
        })
}

/// The catalogs of the workspace, listed for a message.
fn known_catalogs(ws: &Workspace) -> String {
    ws.catalogs
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The catalog `id` of the workspace, or why there is none.
fn catalog_named<'a>(ws: &'a Workspace, id: &str) -> Result<&'a Catalog, Error> {
    ws.catalogs.get(id).ok_or_else(|| {
        let hint = match did_you_mean(id, ws.catalogs.keys().map(String::as_str)) {
            Some(s) => crate::msg!("help-did-you-mean", suggestion = s),
            None => crate::msg!("import-known-catalogs", known_catalogs = known_catalogs(ws)),
        };
        Error::Refused(crate::msg!(
            "import-unknown-catalog",
            id = &id,
            hint = &hint
        ))
    })
}

fn resolve_mode<'a>(options: &'a ImportOptions, book: &Workbook) -> Result<Mode<'a>, Error> {
    let ws = options.workspace;
    match &options.target {
        Target::Layout { layout, catalog } => resolve_layout(ws, book, layout, catalog.as_deref()),
        Target::Catalog(id) => Ok(Mode::Questionnaire {
            catalog: Some(catalog_named(ws, id)?),
            new: None,
        }),
        Target::NewCatalog(new) => {
            let id = &new.id;
            let valid = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
            if !valid {
                return Err(Error::Refused(crate::msg!(
                    "import-not-catalog-id-use",
                    id = id
                )));
            }
            if let Some(existing) = ws.catalogs.get(id) {
                return Err(Error::Refused(crate::msg!(
                    "import-catalog-already-exists-choose",
                    id = id,
                    origin = &existing.origin
                )));
            }
            Ok(Mode::Questionnaire {
                catalog: None,
                new: Some(new),
            })
        }
    }
}

/// The layout `layout_id` and the catalog its workbook answers: the one asked for, else the
/// layout's own, else the one a sheet is named after or quotes.
fn resolve_layout<'a>(
    ws: &'a Workspace,
    book: &Workbook,
    layout_id: &str,
    asked: Option<&str>,
) -> Result<Mode<'a>, Error> {
    let layout = ws.layouts.get(layout_id).ok_or_else(|| {
        let known: Vec<&str> = ws.layouts.keys().map(String::as_str).collect();
        Error::Refused(match did_you_mean(layout_id, known.iter().copied()) {
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
        })
    })?;
    let catalog = match (asked, &layout.catalog) {
        (Some(asked), Some(bound)) if asked != bound => {
            return Err(Error::Refused(crate::msg!(
                "import-layout-made-for-catalog",
                id = &layout.id,
                bound = &bound,
                asked = &asked
            )));
        }
        (Some(id), _) => catalog_named(ws, id)?,
        (None, Some(id)) => catalog_named(ws, id)?,
        (None, None) => book
            .sheets
            .iter()
            .find_map(|s| ws.catalogs.get(&s.name))
            .or_else(|| catalog_quoted(book, ws))
            .ok_or_else(|| {
                Error::Refused(crate::msg!(
                    "import-layout-fits-any-catalog",
                    id = &layout.id,
                    known_catalogs = known_catalogs(ws)
                ))
            })?,
    };
    Ok(Mode::Layout { layout, catalog })
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

/// The catalog to read at its recorded cells: [`Target::Catalog`] names one that records
/// where its questions are, and no column or header row is given.
fn cells_catalog<'a>(options: &ImportOptions<'a>) -> Option<&'a Catalog> {
    let Target::Catalog(id) = &options.target else {
        return None;
    };
    if options.columns != Columns::default() || options.header_row.is_some() {
        return None;
    }
    options
        .workspace
        .catalogs
        .get(id)
        .filter(|c| cells::records_cells(c))
}

/// A catalog ID from the catalog file's name, else the workbook's: lowercase ASCII letters
/// and digits, other runs as `-`; `imported` when nothing is left.
pub fn default_catalog_id(catalog_path: &Path, workbook: &Path) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// A questionnaire of two items on the sheet `質問票`, and an answer without an item.
    fn questionnaire() -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("質問票").unwrap();
        let rows: &[&[&str]] = &[
            &["No.", "確認項目", "回答", "補足説明"],
            &[
                "1",
                "情報セキュリティ方針を定めていますか",
                "はい",
                "定めています。",
            ],
            &["2", "従業員に教育を行っていますか", "はい", "年1回です。"],
            &["", "", "どの項目への回答か分からない", ""],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
        workbook.save_to_buffer().unwrap()
    }

    fn options(ws: &Workspace, target: Target) -> ImportOptions<'_> {
        ImportOptions {
            workspace: ws,
            workbook: "q.xlsx".to_owned(),
            path_shown: "inbox/q.xlsx".to_owned(),
            target,
            sheets: Vec::new(),
            header_row: None,
            columns: Columns::default(),
            list_prefix: None,
            split_links: false,
        }
    }

    fn new_catalog(id: &str) -> Target {
        Target::NewCatalog(NewCatalog {
            id: id.to_owned(),
            path: PathBuf::from("controls/q.yaml"),
            title: None,
        })
    }

    #[test]
    fn a_questionnaire_gives_its_answers_and_errors_by_cell_and_no_files() {
        let ws = Workspace::builtins();
        let imported = import(questionnaire(), &options(&ws, new_catalog("q"))).expect("runs");
        assert_eq!(imported.catalog, "q");
        assert!(imported.has_errors());
        assert!(imported.answer_file.is_none() && imported.new_catalog.is_none());
        let error = imported.diags.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(error.code, Code::ImportUnknownItem);
        assert_eq!(
            error.cell,
            Some(CellLocation::cell("q.xlsx", "質問票", 3, 2))
        );
        assert!(
            error
                .located_message()
                .text(Lang::En)
                .starts_with("q.xlsx: 質問票!C4: "),
            "{:?}",
            error.located_message().text(Lang::En)
        );
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.text(Lang::En).contains("inbox/q.xlsx"))
        );
    }

    #[test]
    fn a_clean_questionnaire_gives_its_files_text() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (c, text) in ["No.", "確認項目", "回答"].iter().enumerate() {
            sheet.write_string(0, c as u16, *text).unwrap();
        }
        for (c, text) in ["1", "情報セキュリティ方針を定めていますか", "はい"]
            .iter()
            .enumerate()
        {
            sheet.write_string(1, c as u16, *text).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        let ws = Workspace::builtins();
        let imported = import(bytes, &options(&ws, new_catalog("q"))).expect("runs");
        assert!(!imported.has_errors(), "{:?}", imported.diags);
        let answers = imported.answer_file.expect("an answer file");
        assert!(answers.contains("catalog: q"), "{answers}");
        let catalog = imported.new_catalog.expect("a new catalog");
        assert_eq!(catalog.path, PathBuf::from("controls/q.yaml"));
        assert!(
            catalog.yaml.contains("Imported from q.xlsx"),
            "{}",
            catalog.yaml
        );
        assert_eq!(catalog.catalog.controls().len(), 1);
    }

    #[test]
    fn what_cannot_work_stops_with_an_error() {
        let ws = Workspace::builtins();
        let unreadable = import(b"not a workbook".to_vec(), &options(&ws, new_catalog("q")));
        assert!(matches!(unreadable, Err(Error::Diagnosed(ref d)) if d.code == Code::Io));
        let taken = import(questionnaire(), &options(&ws, new_catalog("mic-cloud-v3")));
        assert!(matches!(taken, Err(Error::Refused(_))));
        let layout = Target::Layout {
            layout: "skyarh".to_owned(),
            catalog: None,
        };
        let unknown = import(questionnaire(), &options(&ws, layout))
            .err()
            .expect("refused");
        assert!(
            unknown.message().text(Lang::En).contains("skyarch"),
            "{}",
            unknown.message().text(Lang::En)
        );
    }
}
