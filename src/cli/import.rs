//! `checksheet import`: its arguments, and the command around [`crate::import::import`] —
//! loading the workspace and the workbook, printing what the import found, writing the
//! answer file and a new catalog (or printing the answers with `--out -`).

use std::fs;
use std::path::{Path, PathBuf};

use super::Outcome;
use super::{Loaded, workspace_for};
use crate::error::Error;
use crate::import::detect::Columns;
use crate::import::{self, ImportOptions, Imported, NewCatalog, Target, workbook, write};
use crate::load::Workspace;
use crate::msg;
use crate::report::{self, ReportFormat};
use crate::source::{Sources, display_path};

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

/// Column letters (`A`, `ad`) as a 0-based index, for clap.
fn parse_column(text: &str) -> Result<u32, Error> {
    workbook::parse_column(text)
        .ok_or_else(|| Error::Refused(msg!("import-not-a-column", text = text)))
}

/// Runs `checksheet import`: exit code 1 when the workbook has errors (or warnings, with
/// `--deny-warnings`), and nothing is written then.
pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    let ws = match workspace_for(args.project.as_deref(), msg!("import-needs-valid-project"))? {
        Loaded::Ready(ws) => ws,
        Loaded::Reported => return Ok(Outcome::failed_if(true)),
    };
    let target = target(args)?;
    let bytes = crate::files::read_regular(&args.file, None, workbook::MAX_WORKBOOK_BYTES)?;
    let path_shown = display_path(&args.file);
    let options = ImportOptions {
        workspace: &ws,
        workbook: args
            .file
            .file_name()
            .map_or(path_shown.clone(), |n| n.to_string_lossy().into_owned()),
        path_shown,
        target,
        sheets: args.sheets.clone(),
        header_row: args.header_row.map(|n| n - 1),
        columns: Columns {
            id: args.id_col,
            title: args.title_col,
            category: args.category_col,
            question: args.question_col,
            choice: args.choice_col,
            answer: args.answer_col,
            evidence: args.evidence_col,
            note: args.note_col,
        },
        list_prefix: args.list_prefix.clone(),
        split_links: args.split_links,
    };
    let imported = import::import(bytes, &options)?;
    finish(args, &ws, imported)
}

/// What the arguments ask to import the workbook as.
fn target(args: &ImportArgs) -> Result<Target, Error> {
    if let Some(layout) = &args.layout {
        return Ok(Target::Layout {
            layout: layout.clone(),
            catalog: args.catalog.clone(),
        });
    }
    if let Some(catalog) = &args.catalog {
        return Ok(Target::Catalog(catalog.clone()));
    }
    let Some(path) = &args.write_catalog else {
        return Err(Error::Refused(msg!("import-name-catalog")));
    };
    Ok(Target::NewCatalog(NewCatalog {
        id: args
            .catalog_id
            .clone()
            .unwrap_or_else(|| import::default_catalog_id(path, &args.file)),
        path: path.clone(),
        title: args.catalog_title.clone(),
    }))
}

/// Prints what the import found, then writes its files (or says why not).
fn finish(args: &ImportArgs, ws: &Workspace, imported: Imported) -> Result<Outcome, Error> {
    for note in &imported.notes {
        report::say(note);
    }
    let diags = imported.diagnostics();
    report::report(&diags, &Sources::default(), ReportFormat::Human);
    let failed = imported.has_errors() || (args.deny_warnings && !imported.diags.is_empty());
    if failed {
        if let Some(summary) = report::summary(&diags) {
            report::say(&summary);
        }
        report::say(&msg!("import-failed"));
        return Ok(Outcome::failed_if(true));
    }
    let out = match &args.out {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(default_answers_dir(ws).join(format!("imported-{}.yaml", imported.catalog))),
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    if let Some(new) = &imported.new_catalog {
        files.push((new.path.clone(), new.yaml.clone()));
    }
    let mut printed = None;
    match (&imported.answer_file, out) {
        (Some(text), Some(path)) => files.push((path, text.clone())),
        (Some(text), None) => printed = Some(text),
        (None, _) => {}
    }
    write::write_files(&files, args.force)?;
    for (path, _) in &files {
        let what = match &imported.new_catalog {
            Some(new) if &new.path == path => msg!(
                "import-wrote-catalog",
                catalog = &new.catalog.id,
                controls = new.catalog.controls().len(),
                groups = new.groups()
            ),
            _ => msg!(
                "import-wrote-answers",
                answers = imported.answers.len(),
                catalog = imported.catalog.as_str()
            ),
        };
        report::say(&msg!(
            "import-wrote",
            path = display_path(path),
            what = what
        ));
    }
    if let Some(text) = printed {
        report::output(text);
    }
    if let (Some(new), Some(project)) = (&imported.new_catalog, &ws.project)
        && !lists(project, &new.path)
    {
        report::say(&msg!(
            "import-list-catalog",
            folder = new.path.parent().map_or(String::new(), display_path),
            catalog = &new.catalog.id
        ));
    }
    if let Some(summary) = report::summary(&diags) {
        report::say(&summary);
    }
    Ok(Outcome::success())
}

/// True when one of the project's `catalogs:` folders or files holds `path`.
fn lists(project: &crate::model::Project, path: &Path) -> bool {
    project.catalogs.iter().any(|(p, _)| {
        let (Ok(listed), Ok(file)) = (fs::canonicalize(p), fs::canonicalize(path)) else {
            return false;
        };
        file.starts_with(listed)
    })
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
